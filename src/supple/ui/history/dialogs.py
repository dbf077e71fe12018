"""The history's questions: delete this session?, resume the interrupted one?, and the
self-test form. Each works from the keyboard: Enter says yes, Esc says no.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from supple.core.i18n import _
from supple.qt.locale_format import qt_locale
from supple.storage.records import SELF_TEST_KINDS, SelfTestRecord, Side, new_uuid
from supple.ui.history.controls import ChevronComboBox, ChevronDateEdit, KeyDialog
from supple.ui.theme import font
from supple.ui.widgets import FitLabel, KeyButton

__all__ = ["ConfirmDialog", "SelfTestDialog"]


class ConfirmDialog(KeyDialog):
    """A yes/no question; Enter confirms, Esc keeps things as they are."""

    def __init__(
        self,
        title: str,
        text: str,
        *,
        confirm: str | None = None,
        cancel: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.text_label = FitLabel(text, size=19, lines=3, role="muted")
        self.cancel_button = KeyButton(_("Esc"), cancel or _("Keep it"))
        self.confirm_button = KeyButton(_("Enter"), confirm or _("Delete"), primary=True)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button, 1)
        buttons.addWidget(self.confirm_button, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.text_label)
        layout.addLayout(buttons)
        self.finish_layout(layout)

    def _scale(self, unit: float) -> None:
        self.cancel_button.setFixedHeight(self.confirm_button.height())


class SelfTestDialog(KeyDialog):
    """Log one self-test reading: which test, which side, the value, the day, a note."""

    WIDTH = 600

    def __init__(
        self,
        kinds: Sequence[str] = (),
        *,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Log a self-test"), parent)
        self._today = today
        self._now = now
        self.kind_box = ChevronComboBox()
        for kind in [*SELF_TEST_KINDS, *(k for k in kinds if k not in SELF_TEST_KINDS)]:
            known = SELF_TEST_KINDS.get(kind)
            name = _(known.name) if known else kind.replace("_", " ").capitalize()
            self.kind_box.addItem(name, kind)
        self.side_box = ChevronComboBox()
        self.side_box.addItem(_("Left leg"), Side.LEFT.value)
        self.side_box.addItem(_("Right leg"), Side.RIGHT.value)
        self.value_box = QDoubleSpinBox()
        self.value_box.setRange(-1000.0, 1000.0)
        self.value_box.setDecimals(1)
        self.value_box.setAccessibleName(_("Value"))
        self.date_box = ChevronDateEdit()
        self.date_box.setCalendarPopup(True)
        self.date_box.setLocale(qt_locale())
        self.date_box.setDisplayFormat(_("ddd d MMM yyyy"))
        self.notes_edit = QLineEdit()
        self.notes_edit.setPlaceholderText(_("Optional: how it felt, warm or cold, ..."))
        self.error_label = FitLabel(size=15, lines=2, role="danger")
        self.error_label.hide()

        self._labels = [
            FitLabel(text, size=16, role="muted")
            for text in (_("Test"), _("Side"), _("Value"), _("Day"), _("Notes"))
        ]
        form = QGridLayout()
        fields = (self.kind_box, self.side_box, self.value_box, self.date_box, self.notes_edit)
        for row, (label, field) in enumerate(zip(self._labels, fields, strict=True)):
            form.addWidget(label, row, 0)
            form.addWidget(field, row, 1)
            label.setBuddy(field)
        form.setColumnStretch(1, 1)
        self._form = form

        self.cancel_button = KeyButton(_("Esc"), _("Cancel"))
        self.save_button = KeyButton(_("Enter"), _("Save"), primary=True)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button, 1)
        buttons.addWidget(self.save_button, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.kind_box.currentIndexChanged.connect(self._on_kind_changed)
        self.reset()
        self.finish_layout(layout)

    def reset(self, kind: str | None = None) -> None:
        """Ready for a new reading (of ``kind``), dated today."""
        if kind is not None and (index := self.kind_box.findData(kind)) >= 0:
            self.kind_box.setCurrentIndex(index)
        today = self._today()
        qtoday = QDate(today.year, today.month, today.day)
        self.date_box.setMaximumDate(qtoday)
        self.date_box.setDate(qtoday)
        self.notes_edit.clear()
        self.error_label.hide()
        self._on_kind_changed()
        self.kind_box.setFocus()

    def set_fields(
        self,
        kind: str,
        value: float | None,
        side: Side = Side.NONE,
        day: date | None = None,
        notes: str = "",
    ) -> None:
        """Fill the form (what a user would type), e.g. to log a reading from elsewhere."""
        index = self.kind_box.findData(kind)
        if index < 0:
            self.kind_box.addItem(kind, kind)
            index = self.kind_box.count() - 1
        self.kind_box.setCurrentIndex(index)
        if side is not Side.NONE:
            self.side_box.setCurrentIndex(max(0, self.side_box.findData(side.value)))
        if value is not None:
            self.value_box.setValue(value)
        if day is not None:
            self.date_box.setDate(QDate(day.year, day.month, day.day))
        self.notes_edit.setText(notes)

    @property
    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def record(self) -> SelfTestRecord | None:
        """The reading as entered, or None (with the reason shown) when it is not valid."""
        kind = self.kind
        known = SELF_TEST_KINDS.get(kind)
        is_note = kind == "note"
        sided = bool(known and known.sided)
        qdate = self.date_box.date()
        day = date(qdate.year(), qdate.month(), qdate.day())
        now = self._now()
        taken = now if day == now.date() else datetime.combine(day, time(12, 0)).astimezone()
        offset = taken.utcoffset()
        try:
            return SelfTestRecord(
                uuid=new_uuid(),
                kind=kind,
                side=Side(self.side_box.currentData()) if sided else Side.NONE,
                value=None if is_note else float(self.value_box.value()),
                unit=known.unit if known else "",
                taken_at=taken,
                utc_offset_minutes=round(offset.total_seconds() / 60) if offset else 0,
                notes=self.notes_edit.text().strip(),
            )
        except (TypeError, ValueError) as error:
            text = str(error)
            self._show_error(text[:1].upper() + text[1:])
            return None

    def accept(self) -> None:
        if self.record() is None:
            return
        super().accept()

    def _show_error(self, text: str) -> None:
        if text in (
            "A self-test needs a value, notes, or both",
            _("A self-test needs a value, notes, or both"),
        ):
            text = _("Write the note in Notes: a note needs some text.")
        self.error_label.setText(text)
        self.error_label.show()
        self.set_unit(self._unit)

    def _on_kind_changed(self, *_args: object) -> None:
        known = SELF_TEST_KINDS.get(self.kind)
        sided = bool(known and known.sided)
        is_note = self.kind == "note"
        self.side_box.setEnabled(sided)
        self._labels[1].setEnabled(sided)
        self.value_box.setEnabled(not is_note)
        self._labels[2].setEnabled(not is_note)
        unit = known.unit if known else ""
        self.value_box.setSuffix(f" {_(unit)}" if unit else "")
        if known is not None and known.id == "straight_leg_raise" and self.value_box.value() == 0:
            self.value_box.setValue(60.0)

    def _scale(self, unit: float) -> None:
        self.cancel_button.setFixedHeight(self.save_button.height())
        for field in (
            self.kind_box,
            self.side_box,
            self.value_box,
            self.date_box,
            self.notes_edit,
        ):
            field.setFont(font(17 * unit))
            field.setMinimumHeight(round(40 * unit))
        # The spin box ignores the style sheet's padding; its inner field takes a margin.
        inner = self.value_box.findChild(QLineEdit)
        if inner is not None:
            inner.setTextMargins(round(7 * unit), 0, 0, 0)
        self._form.setHorizontalSpacing(round(16 * unit))
        self._form.setVerticalSpacing(round(10 * unit))
