"""A question asked inside the window, over whatever page it concerns.

A separate dialog window can fall behind a full-screen app and cover the screen
it asks about; a question drawn in the window cannot. Enter (or Y) answers yes,
Esc (or N) answers no; the window routes its Enter and Esc keys here while a
question shows, and the buttons show those keys.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from supple.core.i18n import _
from supple.ui.theme import Palette, set_role
from supple.ui.theme_registry import join
from supple.ui.widgets import FitLabel, KeyButton, scale_layout

Answer = Callable[[bool], object]


class QuestionPanel(QWidget):
    """A veil over the window with one yes/no question on a card."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("QuestionPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._answer: Answer | None = None
        self._over = parent
        self.card = QFrame()
        set_role(self.card, "card")
        self.title = FitLabel("", size=40, weight=QFont.Weight.Bold)
        self.text = FitLabel("", size=22, lines=3, role="muted")
        self.no_button = KeyButton(_("Esc"), _("No"), size=22)
        self.yes_button = KeyButton(_("Enter"), _("Yes"), primary=True, size=22)
        buttons = QHBoxLayout()
        buttons.addWidget(self.no_button, 1)
        buttons.addWidget(self.yes_button, 1)
        inner = QVBoxLayout(self.card)
        inner.addWidget(self.title)
        inner.addWidget(self.text)
        inner.addLayout(buttons)
        # Centred by stretches, not by alignment: an aligned item is asked its height for
        # the whole window's width, and a wrapped text then got one line too few.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        outer.addLayout(row)
        outer.addStretch(3)
        self._connect()
        parent.installEventFilter(self)
        self.set_unit(1.0)
        self.hide()
        join(self)

    def _connect(self) -> None:
        self.yes_button.clicked.connect(self.on_yes)
        self.no_button.clicked.connect(self.on_no)

    @property
    def asking(self) -> bool:
        return self.isVisible()

    def ask(self, title: str, text: str, *, yes: str, no: str, answer: Answer) -> None:
        """Show the question; ``answer(True or False)`` is called once, when it is answered."""
        self._answer = answer
        self.title.setText(title)
        self.text.setText(text)
        self.yes_button.set_text(yes)
        self.no_button.set_text(no)
        self.setGeometry(self._over.rect())
        self.show()
        self.raise_()
        self.setFocus()

    def withdraw(self) -> None:
        """Take the question away unanswered (what it asked about is over)."""
        self._answer = None
        self.hide()

    def on_yes(self) -> None:
        self._finish(True)

    def on_no(self) -> None:
        self._finish(False)

    def _finish(self, yes: bool) -> None:
        answer, self._answer = self._answer, None
        self.hide()
        if answer is not None:
            answer(yes)

    def set_palette(self, palette: Palette) -> None:
        """The page behind is hidden: only the question shows (nothing half-covered)."""
        self.setStyleSheet(f"QWidget#QuestionPanel {{ background: {palette.background}; }}")

    def set_unit(self, unit: float) -> None:
        for widget in (self.title, self.text, self.yes_button, self.no_button):
            widget.set_unit(unit)
        self.no_button.setFixedHeight(self.yes_button.height())
        self.card.setFixedWidth(round(820 * unit))
        scale_layout(self.card, unit, (40, 36, 40, 36), 18)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Y:
            self.on_yes()
        elif event.key() in (Qt.Key.Key_N, Qt.Key.Key_K):
            self.on_no()
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() is QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self._over.rect())
        return False
