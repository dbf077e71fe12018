"""One session in full: what was done step by step, and the notes, which can be edited.

Notes are saved when the field loses the focus or on Ctrl+S; the panel only
says that they changed (``notes_edited``), the screen decides how to save them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from supple.core import timefmt
from supple.core.i18n import _, ngettext
from supple.qt.history_models import (
    StepTableModel,
    completion_text,
    session_date_text,
    tightness_text,
)
from supple.qt.locale_format import clock_time
from supple.storage.records import SessionDetail, SessionSummary, StepKind
from supple.ui.history.style import CELL_PADDING, fixed_columns
from supple.ui.theme import DARK, Palette, font, set_role
from supple.ui.theme_registry import join
from supple.ui.whole_rows import WholeTableRows
from supple.ui.widgets import FitLabel, KeyButton, scale_layout

__all__ = ["SessionDetailPanel"]

Bold = QFont.Weight.Bold
DOT = "\N{MIDDLE DOT}"
NOTES_LIMIT = 4000
STEP_COLUMN_SAMPLES = {0: ("188",), 2: ("18 / 20", "0:45 / 0:45"), 3: ("88:88",)}
"""The widest texts each fixed column of the steps shows (its title is measured too).

A skipped step ("skipped 8 / 15") wraps onto a second line, as long step names do."""


class _WrappingDelegate(QStyledItemDelegate):
    """Measures a wrapped cell at the width its text is drawn in.

    The style sheet's cell padding is drawn inside the cell, but Qt measures wrapped
    text as if the whole cell were free, so a line that only just fits would be
    measured as one line and drawn cut short. Taking the padding off first fixes that.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.padding = CELL_PADDING

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        # Any: the PySide6 stubs lack QStyleOptionViewItem's fields (rect, ...).
        narrowed: Any = QStyleOptionViewItem(option)
        narrowed.rect = narrowed.rect.adjusted(0, 0, -2 * self.padding, 0)
        return super().sizeHint(narrowed, index)


class SessionDetailPanel(QFrame):
    """Steps and notes of the selected session; empty until one is shown."""

    notes_edited = Signal(str, str)
    """``(session_uuid, notes)`` when the notes were changed and should be saved."""
    delete_requested = Signal(str)
    """``session_uuid``: the Delete button was pressed (the screen asks to confirm)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "panel")
        self._uuid: str | None = None
        self._saved_notes = ""
        self._unit = 1.0
        self._palette = DARK

        self.title_label = FitLabel(_("No session selected"), size=22, weight=Bold)
        self.meta_label = FitLabel(size=15, role="muted")
        self.facts_label = FitLabel(size=15, role="accent")
        self.steps_model = StepTableModel(self)
        self.steps_view = QTableView()
        self.steps_view.setObjectName("StepTable")
        self.steps_view.setModel(self.steps_model)
        self.steps_view.verticalHeader().hide()
        # Step names wrap rather than end in "...": a session has tens of steps, so sizing
        # each row to its text is cheap.
        self.steps_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.steps_view.setShowGrid(False)
        self.steps_view.setWordWrap(True)
        self._steps_delegate = _WrappingDelegate(self.steps_view)
        self.steps_view.setItemDelegate(self._steps_delegate)
        self.steps_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.steps_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.steps_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        WholeTableRows(self.steps_view)
        self.steps_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps_view.setAccessibleName(_("Steps of the session"))

        self.notes_title = FitLabel(_("NOTES"), size=13, weight=Bold, role="faint")
        self.notes_state = FitLabel(
            size=13, role="faint", align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setObjectName("SessionNotes")
        self.notes_edit.setPlaceholderText(
            _("How did it go? Saved when you leave the field or Ctrl+S")
        )
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setAccessibleName(_("Notes about this session"))
        self.notes_edit.installEventFilter(self)
        self.notes_edit.textChanged.connect(self._on_text_changed)
        save = QShortcut(QKeySequence.StandardKey.Save, self.notes_edit)
        save.setContext(Qt.ShortcutContext.WidgetShortcut)
        save.activated.connect(self.save_notes)

        self.delete_button = KeyButton(_("Del"), _("Delete session"), size=15)
        self.delete_button.clicked.connect(self._on_delete_clicked)

        notes_head = QHBoxLayout()
        notes_head.addWidget(self.notes_title)
        notes_head.addWidget(self.notes_state, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.facts_label)
        layout.addWidget(self.steps_view, 1)
        layout.addLayout(notes_head)
        layout.addWidget(self.notes_edit)
        layout.addLayout(bottom)
        self.show_session(None)
        join(self)

    # --- content -------------------------------------------------------------------------

    @property
    def session_uuid(self) -> str | None:
        return self._uuid

    def show_session(
        self,
        detail: SessionDetail | None,
        summary: SessionSummary | None = None,
        today: date | None = None,
    ) -> None:
        """Show ``detail`` (saving the notes of the session shown before, if changed)."""
        self.save_notes()
        self._uuid = detail.session.uuid if detail else None
        enabled = detail is not None
        for widget in (self.notes_edit, self.delete_button):
            widget.setEnabled(enabled)
        if detail is None:
            self.title_label.setText(_("No session selected"))
            self.meta_label.setText(_("Pick a session in the list to see its steps and notes."))
            self.facts_label.setText("")
            self.steps_model.clear()
            self._set_notes("")
            return
        session = detail.session
        self.title_label.setText(session_date_text(session.local_started_at, today or date.today()))
        ended = (
            _("{dot} ended {time}").format(
                dot=DOT,
                time=clock_time(session.ended_at.astimezone(session.local_started_at.tzinfo)),
            )
            if session.ended_at
            else ""
        )
        self.meta_label.setText(f"{session.routine_name} {ended}".strip())
        work = [s for s in detail.steps if s.kind is StepKind.WORK]
        reps = sum(s.done_reps or 0 for s in work)
        active = sum(s.done_seconds for s in detail.steps)
        facts = [_("{time} active").format(time=timefmt.duration(active))]
        if summary is not None:
            facts.append(completion_text(summary))
        facts.append(ngettext("{count} rep", "{count} reps", reps).format(count=reps))
        skipped = sum(1 for s in work if s.skipped)
        done = len(work) - skipped
        sets = ngettext("{count} set done", "{count} sets done", done).format(count=done)
        if skipped:
            sets = _("{sets}, {count} skipped").format(sets=sets, count=skipped)
        facts.append(sets)
        facts.append(
            _("tightness {answers}").format(
                answers=tightness_text(session.tightness_before, session.tightness_after)
            )
        )
        if session.rating is not None:
            facts.append(_("felt {rating} of 5").format(rating=session.rating))
        self.facts_label.setText(f" {DOT} ".join(facts))
        self.steps_model.set_steps(detail.steps)
        self._set_notes(session.notes)

    def set_read_only(self, read_only: bool) -> None:
        self.notes_edit.setReadOnly(read_only)
        self.delete_button.setEnabled(not read_only and self._uuid is not None)

    def _set_notes(self, notes: str) -> None:
        self._saved_notes = notes
        self.notes_edit.blockSignals(True)
        self.notes_edit.setPlainText(notes)
        self.notes_edit.blockSignals(False)
        self.notes_state.setText("")

    def notes_saved(self, ok: bool, message: str) -> None:
        """The screen's answer to ``notes_edited``."""
        if ok:
            self._saved_notes = self.notes_edit.toPlainText().strip()
            self.notes_state.setText(_("Saved"))
            set_role(self.notes_state, "faint")
        else:
            self.notes_state.setText(_("Not saved"))
            self.notes_state.setToolTip(message)
            set_role(self.notes_state, "danger")

    # --- saving --------------------------------------------------------------------------

    def save_notes(self) -> None:
        """Report changed notes (Ctrl+S, leaving the field, showing another session)."""
        if self._uuid is None or self.notes_edit.isReadOnly():
            return
        text = self.notes_edit.toPlainText().strip()[:NOTES_LIMIT]
        if text != self._saved_notes:
            self.notes_edited.emit(self._uuid, text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.notes_edit and event.type() == QEvent.Type.FocusOut:
            self.save_notes()
        return False

    def _on_text_changed(self) -> None:
        edited = self.notes_edit.toPlainText().strip() != self._saved_notes
        self.notes_state.setText(_("Ctrl+S saves") if edited else "")
        set_role(self.notes_state, "faint")

    def _on_delete_clicked(self) -> None:
        if self._uuid is not None:
            self.delete_requested.emit(self._uuid)

    # --- look ----------------------------------------------------------------------------

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self.steps_model.set_colors(palette.faint)

    def set_unit(self, unit: float) -> None:
        self._unit = unit
        for label in self.findChildren(FitLabel):
            label.set_unit(unit)
        self.delete_button.set_unit(unit)
        self.steps_view.setFont(font(15 * unit))
        self._steps_delegate.padding = max(1, round(CELL_PADDING * unit))
        self.steps_view.verticalHeader().setMinimumSectionSize(round(30 * unit))
        fixed_columns(self.steps_view, STEP_COLUMN_SAMPLES, stretch=1, unit=unit, pixels=15)
        self.notes_edit.setFont(font(16 * unit))
        # The placeholder is drawn in the viewport's font, which a style sheet keeps
        # from following the field's.
        self.notes_edit.viewport().setFont(font(16 * unit))
        self.notes_edit.setFixedHeight(round(78 * unit))
        scale_layout(self, unit, (20, 16, 20, 14), 6)
