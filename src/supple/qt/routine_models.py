"""Item models for the routine list and for one routine's blocks and entries.

The models only show routines; they never change one. A drop in the block/entry
tree is reported as ``move_requested`` so the editor can make it an undoable edit,
and the editor hands the result back with ``set_routine``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from supple.core import timefmt
from supple.core.catalog import builtin_exercises
from supple.core.i18n import N_, _, ngettext
from supple.core.library import Library
from supple.core.model import Block, Entry, Exercise, Kind, Routine, Sides, resolve
from supple.core.plan import compile_plan
from supple.core.problems import Problem

Index = QModelIndex | QPersistentModelIndex
USER = Qt.ItemDataRole.UserRole
_ROOT = QModelIndex()
"""The invisible root, shared as the default parent (Qt never changes it)."""

ROUTINE_ROLE = USER + 1
"""The ``Routine`` itself."""
ID_ROLE = USER + 2
TOTAL_SECONDS_ROLE = USER + 3
EXERCISE_COUNT_ROLE = USER + 4
"""How many different exercises the routine uses."""
BUILTIN_ROLE = USER + 5
META_ROLE = USER + 6
"""``17 min · 9 exercises``, for a second line under the name."""

KIND_ROLE = USER + 10
"""``"block"`` or ``"entry"`` in the routine tree."""
PATH_ROLE = USER + 11
"""``(block, entry)`` (0-based; ``entry`` is ``None`` for a block row)."""
PROBLEMS_ROLE = USER + 12
"""The validator's messages about this row (a list of text, empty when it is fine)."""

ENTRY_MIME = "application/x-supple-routine-entry"

NO_BLOCK = 0
"""``internalId`` of block rows; entry rows carry their block's number + 1."""


def count_exercises(routine: Routine) -> int:
    return len({entry.exercise for block in routine.blocks for entry in block.entries})


def meta_text(total_seconds: float, exercises: int) -> str:
    return f"{timefmt.duration(total_seconds)}  \N{MIDDLE DOT}  " + ngettext(
        "{count} exercise", "{count} exercises", exercises
    ).format(count=exercises)


class RoutineListModel(QAbstractListModel):
    """Every routine of a library, built-in ones first, with its length and exercise count."""

    def __init__(self, library: Library | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._routines: list[Routine] = []
        self._builtin: frozenset[str] = frozenset()
        self._totals: dict[str, float] = {}
        if library is not None:
            self.set_library(library)

    def set_library(self, library: Library) -> None:
        routines = list(library.routines)
        totals = {r.id: compile_plan(r).total_seconds for r in routines}
        same_rows = [r.id for r in routines] == [r.id for r in self._routines]
        if same_rows:
            self._routines, self._builtin, self._totals = routines, library.builtin_ids, totals
            if routines:
                self.dataChanged.emit(self.index(0), self.index(len(routines) - 1))
            return
        self.beginResetModel()
        self._routines, self._builtin, self._totals = routines, library.builtin_ids, totals
        self.endResetModel()

    def routine(self, row: int) -> Routine:
        return self._routines[row]

    def row_of(self, routine_id: str) -> int:
        """The row of a routine by id, or -1."""
        return next((i for i, r in enumerate(self._routines) if r.id == routine_id), -1)

    def is_builtin(self, routine_id: str) -> bool:
        return routine_id in self._builtin

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._routines)

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        for role, name in (
            (ROUTINE_ROLE, b"routine"),
            (ID_ROLE, b"routineId"),
            (TOTAL_SECONDS_ROLE, b"totalSeconds"),
            (EXERCISE_COUNT_ROLE, b"exerciseCount"),
            (BUILTIN_ROLE, b"builtin"),
            (META_ROLE, b"meta"),
        ):
            names[role] = QByteArray(name)
        return names

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._routines):
            return None
        routine = self._routines[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return routine.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return routine.description or routine.name
        if role == ROUTINE_ROLE:
            return routine
        if role == ID_ROLE:
            return routine.id
        if role == TOTAL_SECONDS_ROLE:
            return self._totals[routine.id]
        if role == EXERCISE_COUNT_ROLE:
            return count_exercises(routine)
        if role == BUILTIN_ROLE:
            return routine.id in self._builtin
        if role == META_ROLE:
            return meta_text(self._totals[routine.id], count_exercises(routine))
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            origin = _("built-in") if routine.id in self._builtin else _("your routine")
            return f"{meta_text(self._totals[routine.id], count_exercises(routine))}, {origin}"
        return None


def block_summary(block: Block) -> str:
    parts = [ngettext("{count} round", "{count} rounds", block.rounds).format(count=block.rounds)]
    if block.rest_between_exercises:
        parts.append(_("{seconds} s rests").format(seconds=block.rest_between_exercises))
    if block.rounds > 1 and block.rest_between_rounds:
        parts.append(_("{seconds} s between rounds").format(seconds=block.rest_between_rounds))
    return "  \N{MIDDLE DOT}  ".join(parts)


def entry_summary(entry: Entry, exercise: Exercise | None, block: Block) -> str:
    """``15 reps · each side · rest 30 s`` for an entry, using the exercise's defaults."""
    if exercise is None:
        return _("unknown exercise")
    res = resolve(entry, exercise, block)
    if exercise.kind is Kind.REPS:
        reps = res.reps or 0
        parts = [ngettext("{count} rep", "{count} reps", reps).format(count=reps)]
    else:
        parts = [timefmt.duration(res.seconds or 0)]
    if res.sides is Sides.EACH:
        parts.append(_("each side"))
    elif res.sides is Sides.ALTERNATE:
        parts.append(_("alternating"))
    if res.self_paced:
        parts.append(_("own pace"))
    if entry.rest_after is not None:
        parts.append(_("rest {seconds} s").format(seconds=entry.rest_after))
    return "  \N{MIDDLE DOT}  ".join(parts)


class RoutineTreeModel(QAbstractItemModel):
    """A routine's blocks (top level) and their entries (children), two columns:
    the name and a summary (rounds and rests, or reps/seconds, sides and rest)."""

    move_requested = Signal(int, int, int, int)
    """``(from_block, from_entry, to_block, to_position)``: an entry was dropped at
    ``to_position`` of ``to_block`` (counted before the entry leaves its place)."""

    HEADERS = (N_("Exercise"), N_("Target"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._routine = Routine(id="", name="", blocks=())
        self._exercises: Mapping[str, Exercise] = builtin_exercises()
        self._problems: dict[tuple[int, int | None], list[str]] = {}

    # --- content ---------------------------------------------------------------------

    @property
    def routine(self) -> Routine:
        return self._routine

    def set_routine(self, routine: Routine, problems: Sequence[Problem] = ()) -> None:
        """Show ``routine``; rows are kept (and views keep their selection) when only
        values changed, and rebuilt when blocks or entries were added, removed or moved."""
        exercises = {**builtin_exercises(), **{e.id: e for e in routine.exercises}}
        grouped: dict[tuple[int, int | None], list[str]] = {}
        for problem in problems:
            if problem.block is not None:
                key = (problem.block - 1, None if problem.entry is None else problem.entry - 1)
                grouped.setdefault(key, []).append(problem.message)
        old_shape = [len(b.entries) for b in self._routine.blocks]
        new_shape = [len(b.entries) for b in routine.blocks]
        if old_shape != new_shape:
            self.beginResetModel()
            self._routine, self._exercises, self._problems = routine, exercises, grouped
            self.endResetModel()
            return
        self._routine, self._exercises, self._problems = routine, exercises, grouped
        last = len(self.HEADERS) - 1
        for b, count in enumerate(new_shape):
            block_index = self.index(b, 0)
            self.dataChanged.emit(block_index, self.index(b, last))
            if count:
                self.dataChanged.emit(
                    self.index(0, 0, block_index), self.index(count - 1, last, block_index)
                )

    def block_index(self, block: int, column: int = 0) -> QModelIndex:
        return self.index(block, column)

    def entry_index(self, block: int, entry: int, column: int = 0) -> QModelIndex:
        return self.index(entry, column, self.index(block, 0))

    def path(self, index: Index) -> tuple[int, int | None] | None:
        """``(block, entry)`` of a row (``entry`` is ``None`` for a block); ``None`` for none."""
        if not index.isValid():
            return None
        if index.internalId() == NO_BLOCK:
            return index.row(), None
        return index.internalId() - 1, index.row()

    def index_for(self, path: tuple[int, int | None] | None, column: int = 0) -> QModelIndex:
        if path is None:
            return QModelIndex()
        block, entry = path
        if not 0 <= block < len(self._routine.blocks):
            return QModelIndex()
        if entry is None:
            return self.block_index(block, column)
        if not 0 <= entry < len(self._routine.blocks[block].entries):
            return QModelIndex()
        return self.entry_index(block, entry, column)

    # --- structure -------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, NO_BLOCK)
        if parent.internalId() != NO_BLOCK:
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]  # QObject.parent() shares the name
        if not index.isValid() or index.internalId() == NO_BLOCK:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, NO_BLOCK)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self._routine.blocks)
        if parent.column() != 0 or parent.internalId() != NO_BLOCK:
            return 0
        return len(self._routine.blocks[parent.row()].entries)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return _(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        path = self.path(index)
        if path is None:
            return None
        block_no, entry_no = path
        block = self._routine.blocks[block_no]
        problems = self._problems.get(path, [])
        if role == KIND_ROLE:
            return "block" if entry_no is None else "entry"
        if role == PATH_ROLE:
            return path
        if role == PROBLEMS_ROLE:
            return list(problems)
        if role == Qt.ItemDataRole.ToolTipRole and problems:
            return "\n".join(problems)
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,  # the whole text, where the column cuts it short
        ):
            return None
        if entry_no is None:
            if index.column() == 0:
                return block.name or _("Block {number}").format(number=block_no + 1)
            return block_summary(block)
        entry = block.entries[entry_no]
        exercise = self._exercises.get(entry.exercise)
        if index.column() == 0:
            return exercise.name if exercise is not None else entry.exercise
        return entry_summary(entry, exercise, block)

    def flags(self, index: Index) -> Qt.ItemFlag:
        path = self.path(index)
        if path is None:
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if path[1] is None:
            return base | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemNeverHasChildren

    # --- drag and drop ---------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ENTRY_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        for index in indexes:
            path = self.path(index)
            if path is not None and path[1] is not None:
                mime.setData(ENTRY_MIME, QByteArray(f"{path[0]}:{path[1]}".encode()))
                break
        return mime

    def _decode(self, data: QMimeData) -> tuple[int, int] | None:
        if not data.hasFormat(ENTRY_MIME):
            return None
        try:
            block, entry = (int(part) for part in bytes(data.data(ENTRY_MIME).data()).split(b":"))
        except ValueError:
            return None
        if self.index_for((block, entry)).isValid():
            return block, entry
        return None

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        path = self.path(parent)
        return (
            action == Qt.DropAction.MoveAction
            and path is not None
            and path[1] is None
            and self._decode(data) is not None
        )

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Ask for the move instead of making it; returns ``False`` so the view does not
        remove the dragged row itself (the editor's undoable edit does the moving)."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        source = self._decode(data)
        path = self.path(parent)
        assert source is not None and path is not None
        target_block = path[0]
        size = len(self._routine.blocks[target_block].entries)
        position = size if row < 0 else min(row, size)
        self.move_requested.emit(source[0], source[1], target_block, position)
        return False
