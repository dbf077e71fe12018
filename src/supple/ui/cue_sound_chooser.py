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
    QWidget,
)

from supple.audio.cues import render_cue
from supple.audio.custom import CustomSoundError, import_custom
from supple.core.cue import Cue
from supple.core.i18n import N_, _
from supple.qt.cue_player import CuePlayer
from supple.ui.theme import form_stylesheet, set_role
from supple.ui.theme_registry import current_palette

SOUND_FILE_FILTERS = (N_("Sounds (*.wav *.wave *.mp3 *.ogg *.oga)"), N_("All files (*)"))


class CueSoundChooser(QWidget):
    """The buttons that change and play the chosen cue's sound.

    The cue list (``cue``), its ``caption`` and the ``note`` (which file the cue plays,
    or why the one chosen was refused) are made here but placed by the dialog, in its
    grid of captions and controls, where a wrapped note gets the height it needs.
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
        self.file_dialog: QFileDialog | None = None
        """The file dialog while it is open (tests answer it)."""

        self.caption = QLabel(_("Cue sou&nd"))
        self.cue = QComboBox()
        for cue in Cue:
            self.cue.addItem(_(cue.label), cue)
        self.choose_file = QPushButton(_("Choose &file\u2026"))
        self.built_in = QPushButton(_("&Built-in"))
        self.test = QPushButton(_("Tes&t"))
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
        self.cue.setAccessibleName(_("Cue"))
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        for button in (self.choose_file, self.built_in, self.test):
            button.setAutoDefault(False)  # Enter closes the dialog, Space presses a button
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_file)
        buttons.addWidget(self.built_in)
        buttons.addWidget(self.test)
        buttons.addStretch(1)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.setLayout(buttons)
        self._buttons = buttons

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
        return self._notes.get(self.chosen_cue(), "")

    def _playing_file(self, cue: Cue) -> Path | None:
        return self._sounds.get(cue) if cue not in self._broken else None

    def _show_sounds(self) -> None:
        """The list marks the cues that play a file of the user's."""
        for index in range(self.cue.count()):
            cue = Cue(self.cue.itemData(index))
            own = self._playing_file(cue) is not None
            label = _(cue.label)
            self.cue.setItemText(
                index, _("{cue} \u2014 your file").format(cue=label) if own else label
            )

    def on_cue_chosen(self, _index: int = -1) -> None:
        """Say which file the cue plays, or why the one chosen for it was refused."""
        cue = self.chosen_cue()
        self.built_in.setEnabled(cue in self._sounds)
        source = self._playing_file(cue)
        plays = (
            _("Plays {file}, as loud as the built-in cues.").format(file=_short(source.name))
            if source
            else ""
        )
        refused = self._notes.get(cue, "")
        self.note.setText(refused or plays)
        self.note.setToolTip(str(source) if source and not refused else "")
        self.note.setVisible(bool(refused or plays))
        set_role(self.note, "danger" if refused else "muted")
        self.note_changed.emit()

    # -- choosing ---------------------------------------------------------------------

    def on_choose_file(self) -> None:
        """Open a file dialog over the settings; the answer arrives in ``use_file``."""
        cue = self.chosen_cue()
        start = self._sounds.get(cue)
        # Built without a parent, then placed: Qt's own dialog sizes its tool buttons
        # when it is built, and under the settings' sheet they would take its scale.
        dialog = QFileDialog(
            None, _("Choose a sound for \u201c{cue}\u201d").format(cue=_(cue.label))
        )
        dialog.setStyleSheet(form_stylesheet(current_palette()))
        dialog.setParent(self, dialog.windowFlags())
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([_(name) for name in SOUND_FILE_FILTERS])
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
            kept = _("your earlier file") if earlier else _("its built-in sound")
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

    def set_fonts(self, body: QFont, note: QFont, spacing: int) -> None:
        for widget in (self.caption, self.cue, self.choose_file, self.built_in, self.test):
            widget.setFont(body)
        self.note.setFont(note)
        self._buttons.setSpacing(spacing)


def _short(name: str, most: int = 40) -> str:
    """A file name that fits the note (it cannot wrap): its start and end tell files apart."""
    if len(name) <= most:
        return name
    keep = most - 1
    return f"{name[: keep // 2]}\u2026{name[-(keep - keep // 2) :]}"
