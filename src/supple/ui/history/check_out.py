"""After a session: how tight the hamstrings feel now, how the session felt, and a line of
notes.

Sits in the summary screen's extras slot. Every change is reported at once
(``answered``, ``rated``), so leaving the summary in any way (Enter, Esc, closing the
window) never loses an answer. Both scales answer number keys while they have the
focus: the tightness scale has it first (0 to 10), Tab moves on to the rating (1 to 5),
Shift+Tab back, so a key never means two things.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLayout, QLineEdit, QWidget

from supple.core.i18n import _
from supple.ui.history.style import UnitFollower, apply_style
from supple.ui.history.tightness import RatingScale, TightnessScale
from supple.ui.theme import DARK, Palette, font, set_role
from supple.ui.theme_registry import join
from supple.ui.widgets import FitLabel, scale_layout

__all__ = ["CheckOutPanel"]

NOTES_LIMIT = 2000


class CheckOutPanel(QFrame):
    """Tightness after the session (0-10, number keys) and notes; reports each change."""

    answered = Signal(object, str)
    """``(tightness_after: int | None, notes: str)``: connect to ``bridge.on_check_out``."""
    rated = Signal(object)
    """How the session felt, 1 to 5, or None when cleared."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "tile")
        self._palette = DARK
        self._unit = 1.0
        self._sent: tuple[int | None, str] | None = None
        self.question_label = FitLabel(
            _("How do your hamstrings feel now?"), size=19, weight=QFont.Weight.Bold
        )
        self.before_label = FitLabel(size=15, role="muted")
        self.scale = TightnessScale(cell=42)
        self.rating_label = FitLabel(
            _("How did the session feel?"), size=19, weight=QFont.Weight.Bold
        )
        self.rating_hint = FitLabel(
            _("1 hard going, 5 felt great \N{MIDDLE DOT} Tab here, then 1 to 5"),
            size=15,
            role="muted",
        )
        self.rating = RatingScale(cell=42)
        self.notes_edit = QLineEdit()
        self.notes_edit.setPlaceholderText(_("Notes (optional): what felt tight, what helped"))
        self.notes_edit.setMaxLength(NOTES_LIMIT)
        self.notes_edit.setAccessibleName(_("Notes about this session"))

        grid = QGridLayout(self)
        grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # may be shown alone
        grid.addWidget(self.question_label, 0, 0)
        grid.addWidget(self.scale, 0, 1, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.before_label, 1, 0)
        grid.addWidget(self.rating_label, 2, 0)
        grid.addWidget(self.rating, 2, 1, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.rating_hint, 3, 0)
        grid.addWidget(self.notes_edit, 4, 0, 1, 2)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)

        self.scale.value_changed.connect(self._send)
        self.rating.value_changed.connect(self.rated)
        self.notes_edit.editingFinished.connect(self._send)
        self._follower = UnitFollower(self, self.set_unit)
        self.set_unit(1.0)
        join(self)

    @property
    def value(self) -> int | None:
        return self.scale.value

    @property
    def notes(self) -> str:
        return self.notes_edit.text().strip()

    def prepare(self, tightness_before: int | None = None, notes: str = "") -> None:
        """A fresh answer for the session just ended; focus goes to the scale."""
        for scale in (self.scale, self.rating):
            scale.blockSignals(True)
            scale.set_value(None)
            scale.blockSignals(False)
        self.notes_edit.setText(notes)
        self._sent = (None, notes.strip())
        if tightness_before is None:
            self.before_label.setText(_("0 loose, 10 very tight \N{MIDDLE DOT} number keys answer"))
        else:
            self.before_label.setText(
                _("Before the session: {tightness} \N{MIDDLE DOT} number keys answer").format(
                    tightness=tightness_before
                )
            )
        self.scale.setFocus()

    def commit(self) -> None:
        """Report the answer now if it changed (e.g. when leaving the summary)."""
        self._send()

    def _send(self, *_args: object) -> None:
        answer = (self.scale.value, self.notes)
        if answer != self._sent:
            self._sent = answer
            self.answered.emit(*answer)

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self.scale.set_palette(palette)
        self.rating.set_palette(palette)
        apply_style(self, palette, self._unit)

    def set_unit(self, unit: float) -> None:
        self._unit = unit
        for label in (self.question_label, self.before_label, self.rating_label, self.rating_hint):
            label.set_unit(unit)
        self.scale.set_unit(unit)
        self.rating.set_unit(unit)
        self.notes_edit.setFont(font(16 * unit))
        apply_style(self, self._palette, unit)
        scale_layout(self, unit, (20, 12, 20, 12), 8)
