"""Table models for the history screen: the sessions (loaded a page at a time) and one
session's steps.

Ten years of daily sessions, or a hundred thousand, must open as fast as an empty
history: the sessions model holds only the pages the view has scrolled to, and
asks the history (through the views' ``HistoryAccess``) for the next page of 50 when the
view needs more (``canFetchMore``/``fetchMore``). Nothing here writes to the history.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from supple.core import timefmt
from supple.core.completion import percent as completion_percent
from supple.core.i18n import N_, _
from supple.core.step_labels import step_label
from supple.qt.history_access import HistoryAccess, HistoryError, NoHistoryError
from supple.qt.locale_format import clock_time, date_text
from supple.storage.records import (
    SessionPage,
    SessionStatus,
    SessionSummary,
    StepKind,
    StepRecord,
)

__all__ = [
    "PAGE_SIZE",
    "SESSION_COLUMNS",
    "STEP_COLUMNS",
    "SUMMARY_ROLE",
    "UUID_ROLE",
    "SessionTableModel",
    "StepTableModel",
    "completion_text",
    "minutes_text",
    "session_date_text",
    "step_name",
    "tightness_text",
]

_log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

USER = Qt.ItemDataRole.UserRole
UUID_ROLE: Final = USER + 1
SUMMARY_ROLE: Final = USER + 2
"""The row's ``SessionSummary`` (sessions) or ``StepRecord`` (steps)."""

PAGE_SIZE: Final = 50
SESSION_COLUMNS: Final = (N_("Date"), N_("Routine"), N_("Active"), N_("Done"), N_("Tightness"))
STEP_COLUMNS: Final = ("#", N_("Step"), N_("Done"), N_("Time"))

DASH = "\N{EN DASH}"
ARROW = "\N{RIGHTWARDS ARROW}"
DOT = "\N{MIDDLE DOT}"
_ROOT = QModelIndex()
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


# --- wording shared by the history views -----------------------------------------------------


def session_date_text(started: datetime, today: date) -> str:
    """``Today, 07:30``, ``Yesterday, 18:05``, ``Tue 24 Nov, 07:30`` or ``24 Nov 2025, 07:30``.

    ``started`` is on the wall clock of the session (its own UTC offset).
    """
    day = started.date()
    clock = clock_time(started)
    if day == today:
        return _("Today, {time}").format(time=clock)
    if (today - day).days == 1:
        return _("Yesterday, {time}").format(time=clock)
    # Translators: a Qt date pattern (d day, MMM month's short name, yyyy year).
    pattern = _("d MMM yyyy") if day.year != today.year else _("ddd d MMM")
    return _("{date}, {time}").format(date=date_text(day, pattern), time=clock)


def minutes_text(seconds: float) -> str:
    """Whole minutes for a list (``17 min``; ``<1 min`` for a start that went no further)."""
    if 0 < seconds < 30:
        return _("<1 min")
    return _("{minutes} min").format(minutes=round(seconds / 60))


def completion_text(summary: SessionSummary) -> str:
    """``100 %``, ``64 % · ended early`` or ``40 % · interrupted``."""
    percent = completion_percent(summary.completion)
    if summary.status is SessionStatus.COMPLETED:
        return _("{percent} %").format(percent=percent)
    if summary.status is SessionStatus.STOPPED:
        return _("{percent} % {dot} ended early").format(percent=percent, dot=DOT)
    return _("{percent} % {dot} interrupted").format(percent=percent, dot=DOT)


def tightness_text(before: int | None, after: int | None) -> str:
    """``6 → 4``, ``6 → (en dash)`` or an en dash alone: the check-in and check-out answers."""
    if before is None and after is None:
        return DASH
    shown = [DASH if value is None else str(value) for value in (before, after)]
    return f" {ARROW} ".join(shown)


def step_name(step: StepRecord) -> str:
    """What the step was, as its screen called it, with the side where there is one."""
    return step_label(step.kind, step.exercise_name or step.exercise_id, step.side)


def _done_text(step: StepRecord) -> str:
    """What was done against the plan, in the step's own unit: ``12 / 15``, ``0:45 / 0:45``.

    Rests, switches and get-ready steps are simply over; their time is in the next column.
    """
    if step.planned_reps is not None:
        done = f"{step.done_reps or 0} / {step.planned_reps}"
    elif step.done_reps is not None:
        done = str(step.done_reps)
    elif step.kind is StepKind.WORK:
        planned = step.planned_seconds if step.planned_seconds is not None else step.done_seconds
        done = f"{timefmt.clock(step.done_seconds)} / {timefmt.clock(planned)}"
    else:
        done = ""
    if step.skipped:
        return _("skipped {done}").format(done=done) if done else _("skipped")
    return done


# --- sessions ----------------------------------------------------------------------------------


class SessionTableModel(QAbstractTableModel):
    """Every session, newest first, fetched from the store one page at a time.

    ``refresh()`` after a session was added, changed or deleted reloads as many
    rows as were loaded (at least one page). ``problem_changed`` reports a failed
    query (the model then shows what it had).
    """

    problem_changed = Signal(object)
    """``str`` when reading failed, ``None`` once it works again."""
    total_changed = Signal(int)

    def __init__(
        self,
        access: HistoryAccess,
        *,
        page_size: int = PAGE_SIZE,
        today: Callable[[], date] = date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if page_size < 1:
            raise ValueError(f"page_size must be at least 1, got {page_size}")
        self._access = access
        self._page_size = page_size
        self._today = today
        self._rows: list[SessionSummary] = []
        self._uuids: set[str] = set()
        self._total = 0
        self._problem: str | None = None
        self._text_cache: dict[int, tuple[str, ...]] = {}
        self._texts_day: date | None = None
        self._muted = QColor("#A3B1BE")
        self._faint = QColor("#8A99A7")
        self.refresh()

    # --- what the views ask ----------------------------------------------------------------

    @property
    def total(self) -> int:
        """Sessions in the history (loaded or not)."""
        return self._total

    @property
    def problem(self) -> str | None:
        return self._problem

    def session_at(self, row: int) -> SessionSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, session_uuid: str) -> int | None:
        """The row of a loaded session (None when it is not loaded or not there)."""
        if session_uuid not in self._uuids:
            return None
        return next(i for i, s in enumerate(self._rows) if s.uuid == session_uuid)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(SESSION_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and 0 <= section < len(SESSION_COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _(SESSION_COLUMNS[section])
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _LEFT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Plain bounds checks: views ask this thousands of times, checkIndex() is slow.
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= column < len(SESSION_COLUMNS)):
            return None
        summary = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts(row)[column]
        if role == UUID_ROLE:
            return summary.uuid
        if role == SUMMARY_ROLE:
            return summary
        if role == Qt.ItemDataRole.ToolTipRole:
            return summary.notes or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT
        if role == Qt.ItemDataRole.ForegroundRole:
            if summary.status is SessionStatus.IN_PROGRESS:
                return self._faint
            if column == 3 and summary.status is SessionStatus.STOPPED:
                return self._muted
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{_(SESSION_COLUMNS[column])}: {self._texts(row)[column]}"
        return None

    def _texts(self, row: int) -> tuple[str, ...]:
        """The row's cells, worked out once (and again after a refresh or a new day)."""
        today = self._today()
        if today != self._texts_day:
            self._text_cache.clear()
            self._texts_day = today
        texts = self._text_cache.get(row)
        if texts is None:
            summary = self._rows[row]
            texts = tuple(self._cell(summary, c) for c in range(len(SESSION_COLUMNS)))
            self._text_cache[row] = texts
        return texts

    def _cell(self, summary: SessionSummary, column: int) -> str:
        if column == 0:
            return session_date_text(summary.local_started_at, self._today())
        if column == 1:
            return summary.routine_name
        if column == 2:
            return minutes_text(summary.done_seconds)
        if column == 3:
            return completion_text(summary)
        return tightness_text(summary.tightness_before, summary.tightness_after)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # --- lazy loading ----------------------------------------------------------------------

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if parent.isValid() or len(self._rows) >= self._total:
            return
        page = self._page(len(self._rows), self._page_size)
        if page is None:
            return
        fresh = [s for s in page.items if s.uuid not in self._uuids]
        if page.total != self._total:
            self._set_total(page.total)
        if not fresh:
            if page.items:
                # Sessions were added since the last page and pushed these down: start over.
                self.refresh()
            else:
                self._set_total(len(self._rows))
            return
        first = len(self._rows)
        self.beginInsertRows(_ROOT, first, first + len(fresh) - 1)
        self._rows.extend(fresh)
        self._uuids.update(s.uuid for s in fresh)
        self.endInsertRows()

    # --- changes -----------------------------------------------------------------------------

    def set_colors(self, muted: str, faint: str) -> None:
        self._muted = QColor(muted)
        self._faint = QColor(faint)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._rows) - 1, len(SESSION_COLUMNS) - 1),
                [Qt.ItemDataRole.ForegroundRole],
            )

    def refresh(self) -> None:
        """Read the sessions again (after one was added, changed or deleted)."""
        wanted = max(self._page_size, len(self._rows))
        page = self._page(0, wanted)
        self.beginResetModel()
        self._text_cache.clear()
        if page is None:
            self._rows = []
            self._uuids = set()
            total = 0
        else:
            self._rows = list(page.items)
            self._uuids = {s.uuid for s in self._rows}
            total = page.total
        self.endResetModel()
        self._set_total(total)

    def _set_total(self, total: int) -> None:
        if total != self._total:
            self._total = total
            self.total_changed.emit(total)

    def _page(self, offset: int, limit: int) -> SessionPage | None:
        try:
            page = self._access.list_sessions(offset, limit)
        except NoHistoryError:
            self._set_problem(_("The history is not available."))
            return None
        except HistoryError as error:
            _log.warning("Reading the session list failed: %s", error)
            self._set_problem(_("The history could not be read ({error}).").format(error=error))
            return None
        self._set_problem(None)
        return page

    def _set_problem(self, problem: str | None) -> None:
        if problem != self._problem:
            self._problem = problem
            self.problem_changed.emit(problem)


# --- steps -------------------------------------------------------------------------------------


class StepTableModel(QAbstractTableModel):
    """The steps of one session, in plan order, for the detail view."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps: list[StepRecord] = []
        self._faint = QColor("#8A99A7")

    def set_steps(self, steps: Sequence[StepRecord]) -> None:
        self.beginResetModel()
        self._steps = list(steps)
        self.endResetModel()

    def clear(self) -> None:
        self.set_steps(())

    def set_colors(self, faint: str) -> None:
        self._faint = QColor(faint)
        if self._steps:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._steps) - 1, len(STEP_COLUMNS) - 1),
                [Qt.ItemDataRole.ForegroundRole],
            )

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._steps)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(STEP_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and 0 <= section < len(STEP_COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _(STEP_COLUMNS[section])
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _RIGHT if section == 0 else _LEFT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._steps) and 0 <= column < len(STEP_COLUMNS)):
            return None
        step = self._steps[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(step, column)
        if role == SUMMARY_ROLE:
            return step
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column == 0 else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and (step.skipped or not _is_work(step)):
            return self._faint
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{_(STEP_COLUMNS[column])}: {self._cell(step, column)}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    @staticmethod
    def _cell(step: StepRecord, column: int) -> str:
        if column == 0:
            return str(step.index + 1)
        if column == 1:
            return step_name(step)
        if column == 2:
            return _done_text(step)
        return timefmt.clock(step.done_seconds)


def _is_work(step: StepRecord) -> bool:
    return step.kind is StepKind.WORK
