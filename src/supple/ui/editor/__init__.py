"""The routine editor: change rounds, reps, sides, rests and order, add one's own exercises."""

from supple.ui.editor.editor import RoutineEditor, open_editor

__all__ = ["RoutineEditor", "open_editor"]
