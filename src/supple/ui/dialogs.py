"""The one question the player ever asks: end the session now?"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from supple.ui.widgets import FitLabel, KeyButton, scale_layout


class StopDialog(QDialog):
    """Enter ends the session (what was done is kept), Esc goes back to it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("End the session?")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.title = FitLabel("End the session?", size=36, weight=QFont.Weight.Bold)
        self.text = FitLabel(
            "What you have done so far is kept. You can start again from the home screen.",
            size=20,
            lines=2,
            role="muted",
        )
        self.keep_button = KeyButton("Esc", "Keep going")
        self.end_button = KeyButton("Enter", "End session", primary=True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button, 1)
        buttons.addWidget(self.end_button, 1)
        layout = QVBoxLayout(self)
        # Sized by set_unit; a constrained top-level layout would push size hints to the
        # platform, which some (offscreen, some Wayland shells) do not support.
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self._connect()
        self.set_unit(1.0)

    def _connect(self) -> None:
        self.keep_button.clicked.connect(self.reject)
        self.end_button.clicked.connect(self.accept)

    def set_unit(self, unit: float) -> None:
        self._apply_unit(unit)
        # Never taller than the screen it opens on (a big window on a small second screen).
        # The window system may already have cut the height down to what fits.
        owner = self.parentWidget()
        screen = owner.screen() if owner is not None else self.screen()
        room = float(self.height())
        if screen is not None:
            room = min(room, screen.availableGeometry().height() * 0.9)
        needed = self._needed_height(unit)
        if 0 < room < needed:
            self._apply_unit(unit * room / needed * 0.97)

    def _needed_height(self, unit: float) -> int:
        """Title, text and buttons at ``unit``, with the margins and gaps of :meth:`_apply_unit`."""
        return (
            2 * round(32 * unit)
            + self.title.sizeHint().height()
            + self.text.sizeHint().height()
            + self.end_button.height()
            + 2 * round(16 * unit)
        )

    def _apply_unit(self, unit: float) -> None:
        for widget in (self.title, self.text, self.keep_button, self.end_button):
            widget.set_unit(unit)
        self.keep_button.setFixedHeight(self.end_button.height())  # one row, one height
        scale_layout(self, unit, (32, 32, 32, 32), 16)
        self.resize(round(620 * unit), self._needed_height(unit))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return
        super().keyPressEvent(event)  # Esc rejects
