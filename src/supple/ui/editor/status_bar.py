"""The editor's bottom line: what happened or why Save is refused, and undo, redo, save."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy

from supple.core.problems import Problem
from supple.qt.routine_document import RoutineDocument
from supple.ui.editor.style import BODY_PX, button, label
from supple.ui.theme import set_role

KEPT_NOTICES = ("Saved", "Copied", "Imported", "Exported")
"""Notices that stay up while the routine is unchanged (instead of "All changes saved.")."""


def where(problem: Problem) -> str:
    return f"{problem.where}: " if problem.where else ""


class EditorStatusBar(QFrame):
    def __init__(self) -> None:
        super().__init__()
        set_role(self, "statusbar")
        self.status = label(size=BODY_PX)
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.show_problem_button = button("Show", "Go to the first problem (F8)")
        self.undo_button = button("Undo", "Ctrl+Z")
        self.redo_button = button("Redo", "Ctrl+Shift+Z")
        self.save_button = button("Save", "Ctrl+S", role="primary")
        self.save_button.setMinimumWidth(110)
        line = QHBoxLayout(self)
        line.setContentsMargins(24, 10, 20, 10)
        line.setSpacing(8)
        line.addWidget(self.status, 1)
        line.addWidget(self.show_problem_button)
        line.addSpacing(12)
        line.addWidget(self.undo_button)
        line.addWidget(self.redo_button)
        line.addWidget(self.save_button)

    def set_status(self, text: str, role: str = "caption") -> None:
        self.status.setText(text)
        set_role(self.status, role)

    def show_document(self, document: RoutineDocument) -> str:
        """Say why Save is refused, if it is; returns that reason ("" when Save is allowed)."""
        problems = document.problems
        self.show_problem_button.setVisible(bool(problems) and not document.read_only)
        if document.read_only:
            reason = "Built-in routines can't be changed: duplicate it to make your own copy."
            self.set_status(reason)
        elif problems:
            count = len(problems)
            first = problems[0]
            reason = (
                f"Can't save yet: {count} problem{'s' if count != 1 else ''} to fix. "
                f"First: {where(first)}{first.message}"
            )
            self.set_status(f"\N{WARNING SIGN} {reason}", role="field-error")
        elif document.is_dirty:
            reason = ""
            self.set_status("Unsaved changes.")
        else:
            reason = "There are no changes to save."
            if not self.status.text().startswith(KEPT_NOTICES):
                self.set_status("All changes saved.")
        self.save_button.setEnabled(not reason)
        self.save_button.setToolTip(reason or "Save (Ctrl+S)")
        return reason

    def show_undo(self, stack: QUndoStack) -> None:
        self.undo_button.setEnabled(stack.canUndo())
        self.redo_button.setEnabled(stack.canRedo())
        self.undo_button.setToolTip(
            f"Undo {stack.undoText().lower()} (Ctrl+Z)" if stack.canUndo() else "Nothing to undo"
        )
        self.redo_button.setToolTip(
            f"Redo {stack.redoText().lower()} (Ctrl+Shift+Z)"
            if stack.canRedo()
            else "Nothing to redo"
        )
