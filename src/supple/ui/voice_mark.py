"""The microphone mark on the session screen: voice commands are listening, and the
last command obeyed, so the user on the mat sees that "next" was heard."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

from supple.ui.theme import Palette, font
from supple.ui.theme_registry import join

MICROPHONE = "\N{MICROPHONE}"


class VoiceMark(QLabel):
    """A small label over the top edge of ``page``, in the middle; hidden while not listening."""

    def __init__(self, page: QWidget) -> None:
        super().__init__(page)
        self._page = page
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFont(font(22, QFont.Weight.DemiBold))
        self.set_word("")
        self.hide()
        page.installEventFilter(self)
        join(self)

    def set_listening(self, listening: bool) -> None:
        self.setVisible(listening)
        self._place()

    def set_word(self, word: str) -> None:
        self.setText(f"{MICROPHONE} {word}".rstrip())
        self._place()

    def set_palette(self, palette: Palette) -> None:
        self.setStyleSheet(f"color: {palette.accent}; background: transparent;")

    def _place(self) -> None:
        self.adjustSize()
        self.move((self._page.width() - self.width()) // 2, 4)
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() is QEvent.Type.Resize:
            self._place()
        return False
