"""The routine being edited: its current value, its undo history and what is wrong with it.

Every change is a snapshot of the whole draft (routines are small and frozen), so
undo and redo simply put an earlier value back. Typing in one field is merged into
one undo step per field. The problems come from the file validator itself
(``core.routine_draft``), so the editor says exactly what ``supple routines validate``
would say about the saved file. Qt's undo stack is in QtGui, not QtWidgets, so this
stays widget-free.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from supple.core.library import exercises_for
from supple.core.model import Exercise, Routine
from supple.core.problems import Problem
from supple.core.routine_draft import Draft, Focus, exercise_number, total_seconds, validate

_MERGE_IDS: dict[str, int] = {}


def _merge_id(key: str) -> int:
    return _MERGE_IDS.setdefault(key, len(_MERGE_IDS) + 1)


class _Snapshot(QUndoCommand):
    def __init__(
        self,
        document: RoutineDocument,
        before: Draft,
        after: Draft,
        text: str,
        merge: str,
        focus_before: Focus,
        focus_after: Focus,
    ) -> None:
        super().__init__(text)
        self._document = document
        self.before = before
        self.after = after
        self._id = _merge_id(merge) if merge else -1
        self._focus_before = focus_before
        self._focus_after = focus_after

    def id(self) -> int:
        return self._id

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _Snapshot) or other.id() != self._id:
            return False
        self.after = other.after
        self._focus_after = other._focus_after
        if self.after == self.before:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        self._document._show(self.after, self._focus_after)

    def undo(self) -> None:
        self._document._show(self.before, self._focus_before)


class RoutineDocument(QObject):
    changed = Signal(object)
    """The draft changed (by an edit, undo or redo); the argument is where to focus."""
    dirty_changed = Signal(bool)

    def __init__(
        self,
        routine: Routine,
        *,
        read_only: bool = False,
        unsaved: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._draft = Draft(routine)
        self._read_only = read_only
        self._unsaved = unsaved
        self._problems = validate(routine)
        self._was_dirty = self.is_dirty
        # A method, not a lambda: Qt drops the connection when this document goes, before
        # the stack's own destructor says it is clean again.
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)

    # --- reading ---------------------------------------------------------------------

    @property
    def draft(self) -> Draft:
        return self._draft

    @property
    def routine(self) -> Routine:
        return self._draft.routine

    @property
    def read_only(self) -> bool:
        return self._read_only

    @property
    def unsaved(self) -> bool:
        """Never saved (a new routine): it has no file yet."""
        return self._unsaved

    @property
    def is_dirty(self) -> bool:
        return not self._read_only and (self._unsaved or not self.undo_stack.isClean())

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self._problems

    @property
    def total_seconds(self) -> float | None:
        return total_seconds(self.routine)

    def exercises(self) -> dict[str, Exercise]:
        """Every exercise the routine can use: the catalog and its own."""
        return exercises_for(self.routine)

    def own_exercise(self, exercise_id: str) -> Exercise | None:
        return next((e for e in self.routine.exercises if e.id == exercise_id), None)

    def routine_problems(self) -> list[Problem]:
        return [p for p in self._problems if p.block is None and exercise_number(p) is None]

    def block_problems(self, block: int) -> list[Problem]:
        return [p for p in self._problems if p.block == block + 1 and p.entry is None]

    def entry_problems(self, block: int, entry: int) -> list[Problem]:
        return [p for p in self._problems if p.block == block + 1 and p.entry == entry + 1]

    def exercise_problems(self, exercise_id: str) -> list[Problem]:
        ids = [e.id for e in self.routine.exercises]
        if exercise_id not in ids:
            return []
        position = ids.index(exercise_id)
        return [p for p in self._problems if exercise_number(p) == position]

    # --- changing --------------------------------------------------------------------

    def edit(
        self,
        routine: Routine | None = None,
        *,
        text: str,
        merge: str = "",
        pictures: Draft | None = None,
        focus: Focus = None,
        focus_before: Focus = None,
    ) -> bool:
        """Make a change undoable. ``merge`` names the field being typed into, so that
        keystrokes in one field become one undo step. Returns whether anything changed."""
        if self._read_only:
            return False
        after = pictures if pictures is not None else self._draft
        if routine is not None:
            after = replace(after, routine=routine)
        if after == self._draft:
            return False
        self.undo_stack.push(
            _Snapshot(self, self._draft, after, text, merge, focus_before or focus, focus)
        )
        return True

    def mark_saved(self, routine: Routine) -> None:
        """The draft is on disk now (as ``routine``, which may carry a new id or picture
        names); history is kept unless saving changed the routine itself."""
        if routine != self._draft.routine or self._draft.pictures:
            self.undo_stack.clear()
            self._show(Draft(routine), None)
        self._unsaved = False
        self.undo_stack.setClean()
        self._check_dirty()

    def _show(self, draft: Draft, focus: Focus) -> None:
        self._draft = draft
        self._problems = validate(draft.routine)
        self.changed.emit(focus)
        self._check_dirty()

    def _on_clean_changed(self, _clean: bool) -> None:
        self._check_dirty()

    def _check_dirty(self) -> None:
        dirty = self.is_dirty
        if dirty != self._was_dirty:
            self._was_dirty = dirty
            self.dirty_changed.emit(dirty)
