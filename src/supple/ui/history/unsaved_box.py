"""The message shown when closing Supple while records still wait to be written."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from supple.core.i18n import _
from supple.storage.rescue import QuitSave
from supple.ui.history.messages import unsaved_details, unsaved_headline
from supple.ui.theme import set_role


class UnsavedRecordsBox(QMessageBox):
    """Where the waiting records went; with no rescue file, a choice: keep open or lose them."""

    quit_chosen = Signal()
    keep_open_chosen = Signal()

    def __init__(self, saved: QuitSave, parent: QWidget | None = None) -> None:
        super().__init__(
            QMessageBox.Icon.Warning,
            _("Part of the history could not be saved"),
            unsaved_headline(saved),
            parent=parent,
        )
        self.setInformativeText(unsaved_details(saved))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the path
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._saved_elsewhere = saved.rescue is not None
        self._lose = None
        if self._saved_elsewhere:
            self.setDefaultButton(self.addButton(_("Quit"), QMessageBox.ButtonRole.AcceptRole))
        else:
            keep = self.addButton(_("Keep Supple open"), QMessageBox.ButtonRole.RejectRole)
            self._lose = self.addButton(
                _("Quit and lose them"), QMessageBox.ButtonRole.DestructiveRole
            )
            self.setDefaultButton(keep)
            self.setEscapeButton(keep)
        for button in self.buttons():
            set_role(button, "key")  # the app's button look, readable on its theme
            button.setMinimumSize(160, 44)
        self.finished.connect(self.on_finished)

    def on_finished(self, _result: int) -> None:
        """Saved to a file: closing the message quits; else only "Quit and lose them" does."""
        if self._saved_elsewhere or self.clickedButton() is self._lose:
            self.quit_chosen.emit()
        else:
            self.keep_open_chosen.emit()
