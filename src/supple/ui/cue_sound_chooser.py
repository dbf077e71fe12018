"""Choosing each cue's sound: the built-in one or the user's own WAV, MP3 or OGG file.

A chosen file is decoded and levelled to the built-in cues' loudness at once
(``supple.audio.custom``), so a file that cannot be used is refused here, with one
sentence that says why, and the cue keeps the sound it had. A file that worked
is handed to the cue player straight away, for the Test button and the sessions
that follow, and sent out in ``sounds_changed`` for the settings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supple.audio.cues import render_cue
from supple.audio.custom import CustomSoundError, import_custom
from supple.core.cue import Cue
from supple.qt.cue_player import CuePlayer
from supple.ui.theme import Palette, form_stylesheet, set_role

SOUND_FILE_FILTERS = ("Sounds (*.wav *.wave *.mp3 *.ogg *.oga)", "All files (*)")


class CueSoundChooser(QWidget):
    """The chosen cue's sound and buttons to change and hear it.

    The cue list (``cue``) and its ``caption`` are made here but placed by the dialog,
    in its grid of captions and controls.
    """

    sounds_changed = Signal(object)
    """The user's files by cue (``dict[Cue, Path]``), after a file was taken or dropped."""
    note_changed = Signal()
    """The note under the buttons came, went or changed: the dialog's height may change."""

    def __init__(
        self,
        sounds: Mapping[Cue, Path],
        player: Callable[[], CuePlayer | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._sounds: dict[Cue, Path] = dict(sounds)
        self._player = player
        self._broken: set[Cue] = set()
        """Cues whose saved file cannot be used now: they play their built-in sound."""
        self._notes: dict[Cue, str] = {}
        """Why a cue's file was refused, shown while that cue is chosen."""
        self._palette: Palette | None = None
        self.file_dialog: QFileDialog | None = None
        """The file dialog while it is open (tests answer it)."""

        self.caption = QLabel("Cue sou&nd")
        self.cue = QComboBox()
        for cue in Cue:
            self.cue.addItem(cue.label, cue)
        self.choose_file = QPushButton("Choose &file\u2026")
        self.built_in = QPushButton("&Built-in")
        self.test = QPushButton("Tes&t")
        self.note = QLabel()
        self._build()
        self._connect()
        self._check_saved_files()
        self._show_sounds()
        if self._notes:  # open on the first file that went wrong, so its note shows
            self.select(next(iter(self._notes)))
        self.on_cue_chosen()

    def _build(self) -> None:
        self.caption.setBuddy(self.cue)
        set_role(self.caption, "muted")
        self.cue.setAccessibleName("Cue")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        for button in (self.choose_file, self.built_in, self.test):
            button.setAutoDefault(False)  # Enter closes the dialog, Space presses a button
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_file)
        buttons.addWidget(self.built_in)
        buttons.addWidget(self.test)
        buttons.addStretch(1)
        self._buttons = buttons
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        self._layout = layout

    def _connect(self) -> None:
        self.cue.currentIndexChanged.connect(self.on_cue_chosen)
        self.choose_file.clicked.connect(self.on_choose_file)
        self.built_in.clicked.connect(self.on_built_in)
        self.test.clicked.connect(self.on_test)

    def _check_saved_files(self) -> None:
        """A saved file that went missing or broke since is named when the dialog opens."""
        for cue, source in self._sounds.items():
            try:
                import_custom(cue, source)  # found in the cache when nothing changed
            except CustomSoundError as error:
                self._broken.add(cue)
                self._notes[cue] = error.for_cue(cue)

    # -- state ------------------------------------------------------------------------

    def sounds(self) -> dict[Cue, Path]:
        return dict(self._sounds)

    def chosen_cue(self) -> Cue:
        return Cue(self.cue.currentData())

    def select(self, cue: Cue) -> None:
        self.cue.setCurrentIndex(self.cue.findData(cue))

    def problem(self) -> str:
        """Why the chosen cue's file was refused, or ""."""
        return self.note.text() if self.note.isVisibleTo(self) else ""

    def _show_sounds(self) -> None:
        """Each cue's line in the list names the user's file it plays, if any."""
        for index in range(self.cue.count()):
            cue = Cue(self.cue.itemData(index))
            source = self._sounds.get(cue)
            plays_file = source is not None and cue not in self._broken
            text = cue.label + (f" \u2014 {source.name}" if plays_file and source else "")
            self.cue.setItemText(index, text)
            self.cue.setItemData(index, str(source or ""), Qt.ItemDataRole.ToolTipRole)

    def on_cue_chosen(self, _index: int = -1) -> None:
        cue = self.chosen_cue()
        self.built_in.setEnabled(cue in self._sounds)
        self._show_problem(self._notes.get(cue, ""))

    def _show_problem(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))
        set_role(self.note, "danger")
        self.note_changed.emit()

    # -- choosing ---------------------------------------------------------------------

    def on_choose_file(self) -> None:
        """Open a file dialog over the settings; the answer arrives in ``use_file``."""
        cue = self.chosen_cue()
        start = self._sounds.get(cue)
        # Built without a parent, then placed: Qt's own dialog sizes its tool buttons
        # when it is built, and under the settings' sheet they would take its scale.
        dialog = QFileDialog(None, f"Choose a sound for \u201c{cue.label}\u201d")
        if self._palette is not None:
            dialog.setStyleSheet(form_stylesheet(self._palette))
        dialog.setParent(self, dialog.windowFlags())
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(list(SOUND_FILE_FILTERS))
        dialog.setDirectory(str(start.parent if start is not None else Path.home()))
        dialog.fileSelected.connect(lambda path, cue=cue: self.use_file(cue, Path(path)))
        dialog.finished.connect(self.on_file_dialog_closed)
        self.file_dialog = dialog
        dialog.open()

    def on_file_dialog_closed(self, _result: int) -> None:
        if self.file_dialog is not None:
            self.file_dialog.deleteLater()
            self.file_dialog = None
        self.choose_file.setFocus()

    def use_file(self, cue: Cue, source: Path) -> bool:
        """Level ``source`` for ``cue`` and play it from now on; False (and one sentence
        in the note) when it cannot be used, and the cue keeps the sound it had."""
        try:
            prepared = import_custom(cue, source)
        except CustomSoundError as error:
            earlier = cue in self._sounds and cue not in self._broken
            kept = "your earlier file" if earlier else "its built-in sound"
            self._notes[cue] = error.for_cue(cue, kept)
        else:
            self._notes.pop(cue, None)
            self._broken.discard(cue)
            self._sounds[cue] = source
            self._give_player(cue, prepared)
            self.sounds_changed.emit(self.sounds())
        self._show_sounds()
        self.select(cue)
        self.on_cue_chosen()
        return cue not in self._notes

    def on_built_in(self) -> None:
        cue = self.chosen_cue()
        if self._sounds.pop(cue, None) is None:
            return
        self._notes.pop(cue, None)
        self._broken.discard(cue)
        self._give_player(cue, render_cue(cue))  # already rendered: found in the cache
        self.sounds_changed.emit(self.sounds())
        self._show_sounds()
        self.on_cue_chosen()
        self.choose_file.setFocus()  # the Built-in button just turned off

    def _give_player(self, cue: Cue, prepared: Path) -> None:
        player = self._player()
        if player is not None:
            player.set_sound(cue, prepared)

    def on_test(self) -> None:
        player = self._player()
        if player is not None:
            player.play(self.chosen_cue())

    def set_test_enabled(self, enabled: bool) -> None:
        """The Test button works where the dialog's "Test sounds" does."""
        self.test.setEnabled(enabled)

    # -- look -------------------------------------------------------------------------

    def set_palette(self, palette: Palette) -> None:
        """The colours for the file dialog (the rest follows the settings' sheet)."""
        self._palette = palette

    def set_fonts(self, body: QFont, note: QFont, spacing: int) -> None:
        for widget in (
            self.caption,
            self.cue,
            self.choose_file,
            self.built_in,
            self.test,
        ):
            widget.setFont(body)
        self.note.setFont(note)
        self._layout.setSpacing(spacing)
        self._buttons.setSpacing(spacing)
