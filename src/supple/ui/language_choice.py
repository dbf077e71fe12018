"""The language choice in the settings: the system's, or one Supple has a catalogue for.

Supple reads its language once, at start (the CLI, the announcer and every screen take
their words then), so a new choice is saved and used from the next start; the note
under the drop-down says so.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from supple.core import i18n
from supple.core.i18n import _

__all__ = ["LanguageChoice", "language_name"]


def language_name(code: str) -> str:
    """``Deutsch``, ``English``: each language in its own words, so it can be found."""
    if code == i18n.PSEUDO:
        return "Pseudo"
    if code == i18n.SOURCE_LANGUAGE:
        return "English"  # not the locale's "American English"
    name = QLocale(code).nativeLanguageName()
    return name[:1].upper() + name[1:] if name else code


class LanguageChoice(QWidget):
    """A caption, the drop-down and a note, laid out by the dialog that holds them."""

    #: The chosen language code; "" follows the system.
    chosen = Signal(str)

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hide()  # its parts go into the dialog's grid; this only owns them
        self.caption = QLabel(_("Lan&guage"))
        self.box = QComboBox()
        self.box.setAccessibleName(_("Language"))
        self.box.addItem(_("System default"), "")
        for code in i18n.available_languages():
            self.box.addItem(language_name(code), code)
        self.caption.setBuddy(self.box)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.set_language(language)
        self.box.currentIndexChanged.connect(self.on_index_changed)

    def set_language(self, language: str) -> None:
        """Show ``language`` without reporting it as a new choice."""
        index = self.box.findData(language)
        self.box.blockSignals(True)
        self.box.setCurrentIndex(max(0, index))
        self.box.blockSignals(False)
        self._started_with = self.language()
        self._show_note()

    def language(self) -> str:
        return str(self.box.currentData() or "")

    def on_index_changed(self, _index: int) -> None:
        self._show_note()
        self.chosen.emit(self.language())

    def _show_note(self) -> None:
        changed = self.language() != self._started_with
        self.note.setText(
            _("Supple speaks the new language from its next start.") if changed else ""
        )
        self.note.setVisible(changed)
