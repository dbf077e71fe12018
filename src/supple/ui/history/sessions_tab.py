"""The review screen's second tab: every session, a page at a time, with the steps and
notes of the selected one. Notes are edited in place and a session can be deleted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QTableView, QVBoxLayout, QWidget

from supple.core.catalog import builtin_routines
from supple.core.i18n import _
from supple.qt.history_access import HistoryAccess, HistoryError
from supple.qt.history_models import SessionTableModel, session_date_text
from supple.ui.history.dialogs import ConfirmDialog
from supple.ui.history.review_parts import DOT
from supple.ui.history.session_detail import SessionDetailPanel
from supple.ui.history.style import fixed_columns, share_shortfall
from supple.ui.theme import Palette, font
from supple.ui.theme_registry import join
from supple.ui.whole_rows import WholeTableRows
from supple.ui.widgets import FitLabel

__all__ = ["SessionsTab", "session_column_samples"]


def session_column_samples() -> dict[int, tuple[str, ...]]:
    """The widest texts each column shows (its title is measured too), in the language in
    force; the routine column (1) stretches, and holds at least the built-in names."""
    sample_day = datetime(2025, 9, 30, 18, 40)
    return {
        0: tuple(
            session_date_text(sample_day, today)
            for today in (date(2025, 10, 1), date(2025, 10, 20), date(2026, 1, 1))
        ),
        1: tuple(routine.name for routine in builtin_routines()),
        2: (_("{minutes} min").format(minutes=888),),
        3: (
            _("{percent} % {dot} ended early").format(percent=76, dot=DOT),
            _("{percent} % {dot} interrupted").format(percent=100, dot=DOT),
        ),
        4: ("10 \N{RIGHTWARDS ARROW} 10",),
    }


LEAST_DETAIL = 0.36
"""The share of the tab the selected session's detail keeps however long the names."""


class SessionsTab(QWidget):
    """The session list beside the selected session's detail."""

    message = Signal(str, bool)
    """A sentence for the screen's message bar, and whether it is good news."""
    notes_changed = Signal()
    session_deleted = Signal()
    """After the screen was told (``message``); the screen reads everything again."""

    def __init__(self, access: HistoryAccess, today: Callable[[], date]) -> None:
        super().__init__()
        self._access = access
        self._today = today
        self._unit = 1.0
        self._table_need = 0
        self._column_widths: list[int] = []
        self._wanted_uuid: str | None = None
        self._confirm: ConfirmDialog | None = None
        self.model = SessionTableModel(access, today=today, parent=self)
        self.view = QTableView()
        self.view.setObjectName("SessionTable")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setAccessibleName(_("Sessions, newest first"))
        WholeTableRows(self.view)
        self.detail = SessionDetailPanel()
        self.hint = FitLabel(
            _(
                "\N{UPWARDS ARROW}\N{DOWNWARDS ARROW} choose {dot} Enter writes notes "
                "{dot} Del deletes"
            ).format(dot=DOT),
            size=13,
            role="faint",
        )
        left = QVBoxLayout()
        left.addWidget(self.view, 1)
        left.addWidget(self.hint)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(left, 56)
        self._layout.addWidget(self.detail, 44)

        self.view.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.model.modelReset.connect(self.on_model_reset)
        self.model.problem_changed.connect(self.on_model_problem)
        self.detail.notes_edited.connect(self.on_notes_edited)
        self.detail.delete_requested.connect(self.ask_delete)
        join(self)

    # --- selection -------------------------------------------------------------------------

    def selected_session_uuid(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        summary = self.model.session_at(rows[0].row())
        return summary.uuid if summary else None

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.selectRow(row)

    def refresh(self, shown: bool) -> None:
        """Read the list again, keeping the selection; while not ``shown``, the selected
        session's steps are read only when the tab is shown (``on_shown``)."""
        selected = self.selected_session_uuid() or self._wanted_uuid
        self.model.refresh()
        if shown:
            self._select_session(selected)
        else:
            self._wanted_uuid = selected
            self.view.clearSelection()

    def on_shown(self) -> None:
        self.view.setFocus()
        if not self.view.selectionModel().hasSelection():
            self._select_session(self._wanted_uuid)
            self._wanted_uuid = None

    def edit_notes(self) -> None:
        if self.detail.session_uuid is not None:
            self.detail.notes_edit.setFocus()

    def _select_session(self, session_uuid: str | None) -> None:
        row = self.model.row_of(session_uuid) if session_uuid else None
        self.select_row(0 if row is None else row)
        if self.model.rowCount() == 0:
            self.detail.show_session(None)

    def on_model_reset(self) -> None:
        self._fit_columns()
        if self.model.rowCount() == 0:
            self.detail.show_session(None)

    def on_model_problem(self, problem: object) -> None:
        if problem:
            self.message.emit(str(problem), False)

    def on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        session_uuid = self.selected_session_uuid()
        if session_uuid == self.detail.session_uuid:
            return
        if session_uuid is None or not self._access.available:
            self.detail.show_session(None)
            return
        row = self.model.row_of(session_uuid)
        summary = self.model.session_at(row) if row is not None else None
        try:
            detail = self._access.session_detail(session_uuid)
        except HistoryError as error:
            self.message.emit(
                _("The session could not be read: {error}").format(error=error), False
            )
            return
        self.detail.show_session(detail, summary, self._today())
        self.detail.set_read_only(self._access.read_only)

    # --- changes ---------------------------------------------------------------------------

    def on_notes_edited(self, session_uuid: str, notes: str) -> None:
        outcome = self._access.update_notes(session_uuid, notes)
        self.detail.notes_saved(outcome.ok, outcome.message)
        if not outcome.ok:
            self.message.emit(outcome.message, False)
            return
        self.notes_changed.emit()

    def delete_selected(self) -> None:
        session_uuid = self.selected_session_uuid()
        if session_uuid is not None:
            self.ask_delete(session_uuid)

    def ask_delete(self, session_uuid: str) -> None:
        """Ask to confirm deleting a session (Enter deletes, Esc keeps it)."""
        reason = self._access.read_only_reason()
        if reason:
            self.message.emit(reason, False)
            return
        row = self.model.row_of(session_uuid)
        summary = self.model.session_at(row) if row is not None else None
        what = _("this session")
        if summary is not None:
            what = _("the session of {date} ({routine})").format(
                date=session_date_text(summary.local_started_at, self._today()),
                routine=summary.routine_name,
            )
        dialog = ConfirmDialog(
            _("Delete this session?"),
            _(
                "Delete {what} with its steps and notes? This cannot be undone; export the "
                "history first if you may want it back."
            ).format(what=what),
            confirm=_("Delete"),
            cancel=_("Keep it"),
            parent=self,
        )
        dialog.set_unit(self._unit)
        dialog.accepted.connect(lambda: self._delete(session_uuid, row))
        dialog.finished.connect(dialog.deleteLater)
        self._confirm = dialog
        dialog.open()

    def _delete(self, session_uuid: str, row: int | None) -> None:
        outcome = self._access.delete_session(session_uuid)
        self.message.emit(outcome.message, outcome.ok)
        if not outcome.ok:
            return
        self.detail.show_session(None)
        self.session_deleted.emit()
        if row is not None:
            self.select_row(min(row, self.model.rowCount() - 1))

    # --- look ------------------------------------------------------------------------------

    def set_palette(self, palette: Palette) -> None:
        self.model.set_colors(palette.muted, palette.faint)

    def set_unit(self, unit: float) -> None:
        """After the screen's style sheet for ``unit``: the columns are measured with it."""
        self._unit = unit
        self.detail.set_unit(unit)
        self.view.setFont(font(16 * unit))
        self.view.verticalHeader().setDefaultSectionSize(round(36 * unit))
        self._layout.setSpacing(round(16 * unit))
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Room for every routine name in the list and the built-in ones."""
        samples = session_column_samples()
        shown = (self.model.data(self.model.index(row, 1)) for row in range(self.model.rowCount()))
        samples[1] = (*samples[1], *(name for name in shown if name))
        self._column_widths = fixed_columns(self.view, samples, stretch=1, unit=self._unit)
        scroll_bar = self.view.verticalScrollBar().sizeHint().width()
        self._table_need = sum(self._column_widths) + 2 * self.view.frameWidth() + scroll_bar
        self._give_table_room()

    def _give_table_room(self) -> None:
        """The detail beside the table gives way, down to ``LEAST_DETAIL`` of the tab,
        before a routine name is cut; past that the columns share what is missing."""
        room = round(self.width() * (1 - LEAST_DETAIL)) - self._layout.spacing()
        self.view.setMinimumWidth(max(0, min(self._table_need, room)))
        if self._column_widths:
            share_shortfall(self.view, self._column_widths, 1, self._table_need - room)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._give_table_room()
