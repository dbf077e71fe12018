"""Before a session: "How tight do your hamstrings feel?", answered from the mat.

A number key picks the answer, Enter starts the session with it, Esc or S skips
the question. The answers before and after sessions are what the history's
tightness trend is made of. The page can be told never to ask again; the app
keeps that choice in the settings.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QShowEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLayout, QVBoxLayout, QWidget

from supple.core.i18n import _
from supple.core.model import Routine
from supple.ui.check_in import CheckInPage
from supple.ui.history.style import apply_style
from supple.ui.history.tightness import TightnessScale
from supple.ui.theme import DARK, Palette, font, set_role
from supple.ui.theme_registry import join
from supple.ui.widgets import FitLabel, KeyButton, scale_layout

__all__ = ["TightnessCheckIn"]

Bold = QFont.Weight.Bold
Center = Qt.AlignmentFlag.AlignCenter


class TightnessCheckIn(CheckInPage):
    """The check-in page for ``MainWindow.set_check_in``; answers 0-10 or None."""

    ask_changed = Signal(bool)
    """The "don't ask before sessions" box changed: True to keep asking (save it)."""

    def __init__(
        self,
        *,
        ask_before_sessions: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        set_role(self, "page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._palette = DARK
        self._unit = 1.0

        self.kicker_label = FitLabel(_("BEFORE YOU START"), size=19, weight=Bold, role="accent")
        self.title_label = FitLabel(_("How tight do your hamstrings feel?"), size=46, weight=Bold)
        self.text_label = FitLabel(
            _(
                "Press a number: 0 is loose, 10 is very tight. Your answers show in the history "
                "whether the work is loosening them."
            ),
            size=20,
            lines=2,
            role="muted",
        )
        self.scale = TightnessScale(cell=96)
        self.loose_label = FitLabel(_("loose"), size=17, role="faint")
        self.tight_label = FitLabel(
            _("very tight"),
            size=17,
            role="faint",
            align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        )
        self.hint_label = FitLabel(
            _("1 then 0 gives 10  \N{MIDDLE DOT}  arrow keys move the answer"),
            size=16,
            role="faint",
            align=Center,
        )
        self.start_button = KeyButton(_("Enter"), _("Start the session"), primary=True, size=22)
        self.skip_button = KeyButton("S", _("Skip this time"), size=18)
        self.ask_box = QCheckBox(_("Don't ask before sessions  (D)"))
        self.ask_box.setChecked(not ask_before_sessions)
        self.ask_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        ends = QHBoxLayout()
        ends.addWidget(self.loose_label)
        ends.addStretch(1)
        ends.addWidget(self.tight_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button, 1)
        buttons.addWidget(self.start_button, 2)
        box_row = QHBoxLayout()
        box_row.addStretch(1)
        box_row.addWidget(self.ask_box)
        box_row.addStretch(1)

        self._column = column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.kicker_label)
        column.addWidget(self.title_label)
        column.addWidget(self.text_label)
        column.addSpacing(12)
        column.addWidget(self.scale)
        column.addLayout(ends)
        column.addWidget(self.hint_label)
        column.addStretch(2)
        column.addLayout(buttons)
        column.addLayout(box_row)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addLayout(column)

        self.start_button.clicked.connect(self.confirm)
        self.skip_button.clicked.connect(self.skip)
        self.ask_box.toggled.connect(self._on_ask_toggled)
        self.scale.value_changed.connect(self._on_value_changed)
        self.set_unit(1.0)
        join(self)

    # --- the CheckInPage hooks -----------------------------------------------------------

    @property
    def value(self) -> int | None:
        return self.scale.value

    @property
    def ask_before_sessions(self) -> bool:
        return not self.ask_box.isChecked()

    def set_ask_before_sessions(self, ask: bool) -> None:
        self.ask_box.setChecked(not ask)

    def prepare(self, routine: Routine) -> None:
        self.kicker_label.setText(_("BEFORE {routine}").format(routine=routine.name).upper())
        self.scale.set_value(None)
        self.scale.setFocus()

    def confirm(self) -> None:
        self.answered.emit(self.scale.value)

    def skip(self) -> None:
        self.answered.emit(None)

    def set_unit(self, unit: float) -> None:
        self._unit = unit
        for label in self.findChildren(FitLabel):
            label.set_unit(unit)
        for button in (self.start_button, self.skip_button):
            button.set_unit(unit)
        self.skip_button.setFixedHeight(self.start_button.height())
        self.scale.set_unit(unit)
        self.ask_box.setFont(font(17 * unit))
        apply_style(self, self._palette, unit)
        scale_layout(self, unit, (96, 56, 96, 44), 0)
        self._column.setSpacing(round(14 * unit))

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self.scale.set_palette(palette)
        apply_style(self, palette, self._unit)

    # --- keys ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_S:
            self.skip()
        elif key == Qt.Key.Key_D:
            self.ask_box.toggle()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm()  # when shown on its own; in the window, Enter comes as confirm()
        elif key == Qt.Key.Key_Escape:
            self.skip()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.scale.setFocus()

    def _on_ask_toggled(self, dont_ask: bool) -> None:
        self.ask_changed.emit(not dont_ask)

    def _on_value_changed(self, value: object) -> None:
        self.start_button.set_text(
            _("Start the session")
            if value is None
            else _("Start  \N{MIDDLE DOT}  tightness {value}").format(value=value)
        )
