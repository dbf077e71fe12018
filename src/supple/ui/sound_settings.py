"""Sound and voice settings, with buttons to hear the result before a session starts.

Every change is sent out at once (``settings_changed``) so the app can save it and
apply it live: moving the volume slider and pressing "Test sounds" plays at the new
level. The dialog takes the app's sound as a plain object (the ``supple.app`` layer
sits above this one) and reads its ``player``, ``speech`` and ``ready`` when they
exist; until they do, the test buttons are off and say why.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from supple import paths
from supple.core.cue import Cue
from supple.core.i18n import N_, _
from supple.qt.cue_player import CuePlayer
from supple.qt.speech import Speech
from supple.storage.settings import Settings
from supple.ui.cue_sound_chooser import CueSoundChooser
from supple.ui.language_choice import LanguageChoice
from supple.ui.theme import Palette, arrow_file, font, set_role, stylesheet
from supple.ui.theme_registry import current_palette, join
from supple.ui.widgets import FitLabel, KeyButton

__all__ = [
    "MUTED",
    "RATE_STEPS",
    "SYSTEM_DEFAULT_VOICE",
    "TEST_CUES",
    "TEST_CUE_GAP_MS",
    "TEST_PHRASE",
    "SoundSettingsDialog",
    "rate_word",
]

TEST_CUES = (Cue.COUNTDOWN_PIP, Cue.GO, Cue.PHASE_UP, Cue.PHASE_DOWN, Cue.EXERCISE_COMPLETE)
"""A short run of the cues heard most in a session, in the order they usually come."""
TEST_CUE_GAP_MS = 400
TEST_PHRASE = N_("Pelvic tilts, 20 reps. Left side.")
"""A typical prompt: an exercise, a number and a side."""
SYSTEM_DEFAULT_VOICE = N_("System default")
RATE_STEPS = 10
"""Slider positions per unit of speaking rate: -10..10 stands for -1..1."""

MUTED = N_("Muted (M): cue sounds and spoken prompts are off.")
"""Why both tests are off while everything is silent."""

BODY_PX = 20
TITLE_PX = 30
NOTE_PX = 16
WIDTH_PX = 640


def rate_word(rate: float) -> str:
    """How a speaking rate reads to a listener."""
    if rate <= -0.55:
        return _("much slower")
    if rate < -0.05:
        return _("slower")
    if rate < 0.05:
        return _("normal")
    if rate < 0.55:
        return _("faster")
    return _("much faster")


class SoundSettingsDialog(QDialog):
    """Cue sounds (built-in or the user's own), volume and spoken prompts; Enter or Esc
    closes (changes are already sent)."""

    #: The new Settings, after any control changed.
    settings_changed = Signal(object)

    def __init__(
        self, settings: Settings, sound: object | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Sound and voice"))
        self._settings = settings
        self._sound = sound
        self._unit = 1.0
        self._palette = current_palette()
        self._pending: list[Cue] = []
        self._cue_timer = QTimer(self)
        self._cue_timer.setInterval(TEST_CUE_GAP_MS)
        self._cue_timer.timeout.connect(self._play_next_cue)
        self._watched: set[int] = set()

        self.title = FitLabel(_("Sound and voice"), size=TITLE_PX, weight=QFont.Weight.Bold)
        self.sound_on = QCheckBox(_("&Play sounds and prompts (M mutes them all)"))
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setPageStep(10)
        self.volume_value = QLabel()
        self.voice_on = QCheckBox(_("Speak prompts &aloud"))
        self.voice = QComboBox()
        self.rate = QSlider(Qt.Orientation.Horizontal)
        self.rate.setRange(-RATE_STEPS, RATE_STEPS)
        self.rate.setPageStep(RATE_STEPS // 2)
        self.rate_value = QLabel()
        self.count_reps = QCheckBox(_("&Count reps aloud"))
        self.side_each_rep = QCheckBox(_("Say the &left or right side on each alternating rep"))
        self.phase_words = QCheckBox(_('Say p&hase words ("tilt back") when the tempo leaves room'))
        self.cue_sounds = CueSoundChooser(settings.custom_sounds, self._player, self)
        self.language = LanguageChoice(settings.language, self)
        self.test_sounds = QPushButton(_("Test so&unds"))
        self.test_voice = QPushButton(_("Test voic&e"))
        self.sound_note = QLabel()
        self.voice_note = QLabel()
        self.done_button = KeyButton(_("Enter"), _("Done"), primary=True)
        self._captions = [QLabel(_(text)) for text in (N_("&Volume"), N_("V&oice"), N_("&Speed"))]
        self._build()
        self._show_settings(settings)
        self._connect()
        self._watch_sound()
        self.refresh_outputs()
        self.set_unit(1.0)
        join(self)

    # -- building ---------------------------------------------------------------------

    def _build(self) -> None:
        for button in (self.test_sounds, self.test_voice):
            button.setAutoDefault(False)  # Enter closes the dialog, Space presses a button
            button.setDefault(False)
        for note in (self.sound_note, self.voice_note):
            note.setWordWrap(True)
            note.setTextFormat(Qt.TextFormat.PlainText)
        self.volume.setAccessibleName(_("Volume"))
        self.rate.setAccessibleName(_("Speaking speed"))
        self.voice.setAccessibleName(_("Voice"))
        for caption, buddy in zip(
            self._captions, (self.volume, self.voice, self.rate), strict=True
        ):
            caption.setBuddy(buddy)
            set_role(caption, "muted")

        grid = QGridLayout()
        volume_caption, voice_caption, rate_caption = self._captions
        grid.addWidget(self.sound_on, 0, 0, 1, 3)
        grid.addWidget(volume_caption, 1, 0)
        grid.addWidget(self.volume, 1, 1)
        grid.addWidget(self.volume_value, 1, 2)
        grid.addWidget(self.voice_on, 2, 0, 1, 3)
        grid.addWidget(voice_caption, 3, 0)
        grid.addWidget(self.voice, 3, 1, 1, 2)
        grid.addWidget(rate_caption, 4, 0)
        grid.addWidget(self.rate, 4, 1)
        grid.addWidget(self.rate_value, 4, 2)
        grid.addWidget(self.count_reps, 5, 0, 1, 3)
        grid.addWidget(self.side_each_rep, 6, 0, 1, 3)
        grid.addWidget(self.phase_words, 7, 0, 1, 3)
        grid.addWidget(self.cue_sounds.caption, 8, 0)
        grid.addWidget(self.cue_sounds.cue, 8, 1, 1, 2)
        grid.addWidget(self.cue_sounds, 9, 1, 1, 2)
        grid.addWidget(self.cue_sounds.note, 10, 0, 1, 3)
        grid.addWidget(self.language.caption, 11, 0)
        grid.addWidget(self.language.box, 11, 1, 1, 2)
        grid.addWidget(self.language.note, 12, 0, 1, 3)
        grid.setColumnStretch(1, 1)
        self._grid = grid

        tests = QGridLayout()
        tests.addWidget(self.test_sounds, 0, 0)
        tests.addWidget(self.test_voice, 0, 1)
        tests.addWidget(self.sound_note, 1, 0, Qt.AlignmentFlag.AlignTop)
        tests.addWidget(self.voice_note, 1, 1, Qt.AlignmentFlag.AlignTop)
        tests.setColumnStretch(0, 1)
        tests.setColumnStretch(1, 1)
        self._tests = tests

        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(self.done_button)
        self._footer = footer

        self._layout = layout = QVBoxLayout(self)
        # Sized by set_unit; a constrained top-level layout would push size hints to the
        # platform, which some (offscreen, some Wayland shells) do not support.
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addLayout(tests)
        layout.addLayout(footer)

        order: list[QWidget] = [
            self.sound_on,
            self.volume,
            self.voice_on,
            self.voice,
            self.rate,
            self.count_reps,
            self.side_each_rep,
            self.phase_words,
            self.cue_sounds.cue,
            self.cue_sounds.choose_file,
            self.cue_sounds.built_in,
            self.cue_sounds.test,
            self.language.box,
            self.test_sounds,
            self.test_voice,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.sound_on.toggled.connect(lambda on: self._change(sound_on=on))
        self.volume.valueChanged.connect(lambda value: self._change(volume=value / 100))
        self.voice_on.toggled.connect(lambda on: self._change(voice_on=on))
        self.voice.currentIndexChanged.connect(self._on_voice_chosen)
        self.rate.valueChanged.connect(lambda value: self._change(voice_rate=value / RATE_STEPS))
        self.count_reps.toggled.connect(lambda on: self._change(count_reps_aloud=on))
        self.side_each_rep.toggled.connect(lambda on: self._change(say_side_each_rep=on))
        self.phase_words.toggled.connect(lambda on: self._change(say_phase_words=on))
        self.cue_sounds.sounds_changed.connect(lambda sounds: self._change(custom_sounds=sounds))
        self.cue_sounds.note_changed.connect(self._fit)
        self.language.chosen.connect(lambda code: self._change(language=code))
        self.test_sounds.clicked.connect(self.play_test_sounds)
        self.test_voice.clicked.connect(self.say_test_phrase)
        self.done_button.clicked.connect(self.accept)

    def _watch_sound(self) -> None:
        """Follow the sound coming up, and its outputs coming and going."""
        ready = getattr(self._sound, "ready", None)
        if ready is not None and hasattr(ready, "connect"):
            ready.connect(self.refresh_outputs)

    # -- settings ---------------------------------------------------------------------

    def settings(self) -> Settings:
        return self._settings

    def _show_settings(self, settings: Settings) -> None:
        self.sound_on.setChecked(settings.sound_on)
        self.volume.setValue(round(settings.volume * 100))
        self.voice_on.setChecked(settings.voice_on)
        self.rate.setValue(round(settings.voice_rate * RATE_STEPS))
        self.count_reps.setChecked(settings.count_reps_aloud)
        self.side_each_rep.setChecked(settings.say_side_each_rep)
        self.phase_words.setChecked(settings.say_phase_words)
        self._fill_voices()
        self._show_values()

    def _show_values(self) -> None:
        settings = self._settings
        self.volume_value.setText(_("{percent} %").format(percent=round(settings.volume * 100)))
        self.rate_value.setText(rate_word(settings.voice_rate))
        # Muted is one state: nothing is heard, so nothing of the voice can be changed either.
        self.voice_on.setEnabled(settings.sound_on)
        speaking = settings.voice_on and settings.sound_on
        for widget in (
            self.voice,
            self.rate,
            self.rate_value,
            self.count_reps,
            self.side_each_rep,
            self.phase_words,
            self._captions[1],
            self._captions[2],
        ):
            widget.setEnabled(speaking)

    def _change(self, **changes: object) -> None:
        updated = self._settings.with_changes(**changes)
        if updated == self._settings:
            return
        self._settings = updated
        self._show_values()
        self.refresh_outputs()
        self.settings_changed.emit(updated)

    def _on_voice_chosen(self, index: int) -> None:
        if index >= 0:
            self._change(voice_name=str(self.voice.itemData(index) or ""))

    def _fill_voices(self) -> None:
        """The speech engine's voices; a saved voice that is not installed stays listed."""
        wanted = self._settings.voice_name
        speech = self._speech()
        names = speech.voices() if speech is not None else []
        self.voice.blockSignals(True)
        self.voice.clear()
        self.voice.addItem(_(SYSTEM_DEFAULT_VOICE), "")
        for name in names:
            self.voice.addItem(name, name)
        if wanted and wanted not in names:
            missing = _("not found") if speech is not None and speech.available else _("saved")
            self.voice.addItem(f"{wanted} ({missing})", wanted)
        self.voice.setCurrentIndex(max(0, self.voice.findData(wanted)))
        self.voice.blockSignals(False)

    # -- outputs ------------------------------------------------------------------------

    def _player(self) -> CuePlayer | None:
        player = getattr(self._sound, "player", None)
        return player if isinstance(player, CuePlayer) else None

    def _speech(self) -> Speech | None:
        speech = getattr(self._sound, "speech", None)
        return speech if isinstance(speech, Speech) else None

    def refresh_outputs(self) -> None:
        """Enable the test buttons that can work, and say why the others cannot."""
        for output in (self._player(), self._speech()):
            if output is not None and id(output) not in self._watched:
                self._watched.add(id(output))
                output.available_changed.connect(self.refresh_outputs)
        if self._speech() is not None and self.voice.count() == 1:
            self._fill_voices()
        sound_reason = self._sound_reason()
        voice_reason = self._voice_reason()
        self.test_sounds.setEnabled(sound_reason is None)
        self.cue_sounds.set_test_enabled(sound_reason is None)
        self.test_voice.setEnabled(voice_reason is None)
        self._set_note(self.sound_note, sound_reason)
        self._set_note(self.voice_note, voice_reason)
        self._fit()  # a note may have come or gone

    def _sound_reason(self) -> str | None:
        if self._sound is None:
            return _("Sound is not connected, so there is nothing to test.")
        player = self._player()
        if player is None:
            return _("Sound is still starting up\u2026")
        if not player.available:
            return player.problem or _("No sound output is available.")
        if not self._settings.sound_on:
            return _(MUTED)
        return None

    def _voice_reason(self) -> str | None:
        if self._sound is None:
            return _("Speech is not connected, so there is nothing to test.")
        speech = self._speech()
        if speech is None:
            return _("Speech is still starting up\u2026")
        if not speech.available:
            return speech.problem or _("No speech engine is available.")
        if not self._settings.sound_on:
            return _(MUTED)
        if not self._settings.voice_on:
            return _("Spoken prompts are off.")
        return None

    def sound_reason(self) -> str:
        """Why "Test sounds" is off, or "" when it works."""
        return self.sound_note.text()

    def voice_reason(self) -> str:
        """Why "Test voice" is off, or "" when it works."""
        return self.voice_note.text()

    def _set_note(self, note: QLabel, reason: str | None) -> None:
        note.setText(reason or "")
        note.setVisible(bool(reason))
        # A problem with the machine is shown loudly; a switched-off option quietly.
        switched_off = reason is not None and reason.endswith(("are off.", "\u2026"))
        set_role(note, "muted" if switched_off else "danger")

    # -- testing ------------------------------------------------------------------------

    def play_test_sounds(self) -> None:
        """Play the test cues one after another, at the chosen volume."""
        player = self._player()
        if player is None or self._sound_reason() is not None:
            return
        player.set_volume(self._settings.volume)
        self._pending = list(TEST_CUES)
        self._play_next_cue()
        self._cue_timer.start()

    def _play_next_cue(self) -> None:
        player = self._player()
        if not self._pending or player is None:
            self._cue_timer.stop()
            return
        player.play(self._pending.pop(0))
        if not self._pending:
            self._cue_timer.stop()

    def say_test_phrase(self) -> None:
        """Say a typical prompt with the chosen voice, speed and volume."""
        speech = self._speech()
        if speech is None or self._voice_reason() is not None:
            return
        if self._settings.voice_name:
            speech.set_voice(self._settings.voice_name)
        speech.set_rate(self._settings.voice_rate)
        speech.set_volume(self._settings.volume)
        speech.say(_(TEST_PHRASE))

    # -- look and keys ------------------------------------------------------------------

    def set_palette(self, palette: Palette) -> None:
        """The theme's colours (from the theme registry, which this dialog joins)."""
        self._palette = palette
        self._restyle()

    def _restyle(self) -> None:
        palette, unit = self._palette, self._unit
        self.setStyleSheet(stylesheet(palette, unit) + _controls_stylesheet(palette, unit))

    def set_unit(self, unit: float) -> None:
        """Size text and spacing for a window at ``unit`` (1.0 at 1280x720)."""
        self._unit = unit
        self._restyle()
        body = font(BODY_PX * unit)
        for widget in (
            self.sound_on,
            self.volume_value,
            self.voice_on,
            self.voice,
            self.rate_value,
            self.count_reps,
            self.side_each_rep,
            self.phase_words,
            self.test_sounds,
            self.test_voice,
            *self._captions,
            self.language.caption,
            self.language.box,
        ):
            widget.setFont(body)
        for note in (self.sound_note, self.voice_note, self.language.note):
            note.setFont(font(NOTE_PX * unit))
        self.cue_sounds.set_fonts(body, font(NOTE_PX * unit), round(10 * unit))
        self.title.set_unit(unit)
        self.done_button.set_unit(unit)
        metrics = QFontMetrics(body)
        words = (rate_word(rate) for rate in (-1.0, -0.3, 0.0, 0.3, 1.0))
        value_width = max(metrics.horizontalAdvance(word) for word in words) + round(8 * unit)
        self.volume_value.setMinimumWidth(value_width)
        self.rate_value.setMinimumWidth(value_width)
        layout = self._layout
        margin = round(32 * unit)
        layout.setContentsMargins(margin, round(26 * unit), margin, round(26 * unit))
        layout.setSpacing(round(22 * unit))
        self._grid.setHorizontalSpacing(round(20 * unit))
        self._grid.setVerticalSpacing(round(14 * unit))
        self._tests.setHorizontalSpacing(round(16 * unit))
        self._tests.setVerticalSpacing(round(8 * unit))
        self._fit()

    def _fit(self) -> None:
        """Take the fixed width, or more if a check box's line needs it, and the height the
        contents need there (notes wrap)."""
        layout = self._layout
        margins = layout.contentsMargins()
        checks = (self.sound_on, self.voice_on, self.count_reps, self.side_each_rep)
        widest = max(box.sizeHint().width() for box in (*checks, self.phase_words))
        width = max(round(WIDTH_PX * self._unit), widest + margins.left() + margins.right())
        if layout.hasHeightForWidth():
            height = layout.totalHeightForWidth(width)
        else:
            height = layout.totalSizeHint().height()
        self.resize(width, height)

    def showEvent(self, event: QShowEvent) -> None:
        """Fit again once shown: the style sheet's paddings count only from then on."""
        super().showEvent(event)
        self._fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return
        super().keyPressEvent(event)  # Esc rejects; either way the changes are already out

    def done(self, result: int) -> None:
        self._cue_timer.stop()
        self._pending.clear()
        super().done(result)


def _controls_stylesheet(p: Palette, unit: float) -> str:
    """Check boxes, sliders, the drop-down and buttons, big enough to use from the mat."""

    def px(value: float) -> str:
        return f"{max(1, round(value * unit))}px"

    down = arrow_file("down", p.muted)
    tick_file = _tick_file(p.on_accent)
    tick = f'image: url("{tick_file}");' if tick_file else ""
    return f"""
QDialog {{ background: {p.background}; }}
QCheckBox {{ spacing: {px(12)}; padding: {px(2)} 0px; }}
QCheckBox::indicator {{
    width: {px(22)};
    height: {px(22)};
    border: {px(2)} solid {p.muted};
    border-radius: {px(6)};
    background: {p.surface};
}}
QCheckBox::indicator:checked {{
    background: {p.accent};
    border-color: {p.accent};
    {tick}
}}
QCheckBox::indicator:disabled {{ border-color: {p.border}; }}
QCheckBox::indicator:checked:disabled {{ background: {p.border}; }}
QCheckBox:disabled {{ color: {p.faint}; }}
QCheckBox:focus {{ color: {p.accent}; }}
QLabel:disabled {{ color: {p.faint}; }}
QSlider {{ min-height: {px(28)}; }}
QSlider::groove:horizontal {{
    height: {px(8)};
    border-radius: {px(4)};
    background: {p.border};
}}
QSlider::sub-page:horizontal {{ background: {p.accent}; border-radius: {px(4)}; }}
QSlider::sub-page:horizontal:disabled {{ background: {p.raised}; }}
QSlider::handle:horizontal {{
    width: {px(22)};
    height: {px(22)};
    margin: -{px(7)} 0px;
    border-radius: {px(11)};
    background: {p.text};
}}
QSlider::handle:horizontal:disabled {{ background: {p.faint}; }}
QSlider::handle:horizontal:focus {{ background: {p.accent}; }}
QComboBox {{
    background: {p.surface};
    color: {p.text};
    border: {px(1)} solid {p.border};
    border-radius: {px(10)};
    padding: {px(8)} {px(12)};
}}
QComboBox:focus {{ border: {px(2)} solid {p.accent}; }}
QComboBox:disabled {{ color: {p.faint}; background: {p.background}; }}
QComboBox::drop-down {{ border: none; width: {px(34)}; }}
QComboBox::down-arrow {{ image: url("{down}"); width: {px(14)}; height: {px(9)}; }}
QComboBox::down-arrow:disabled {{ image: none; }}
QComboBox QAbstractItemView {{
    background: {p.surface};
    color: {p.text};
    border: {px(1)} solid {p.border};
    selection-background-color: {p.raised};
    outline: none;
}}
QPushButton {{
    background: {p.surface};
    color: {p.text};
    border: {px(1)} solid {p.border};
    border-radius: {px(12)};
    padding: {px(12)} {px(18)};
}}
QPushButton:hover {{ border-color: {p.accent}; }}
QPushButton:focus {{ border: {px(2)} solid {p.accent}; }}
QPushButton:pressed {{ background: {p.raised}; }}
QPushButton:disabled {{ color: {p.faint}; background: {p.background}; border-color: {p.surface}; }}
"""


_TICK = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">'
    '<path d="M3 8.5 L6.5 12 L13 4.5" fill="none" stroke="{colour}" stroke-width="2.4" '
    'stroke-linecap="round" stroke-linejoin="round"/></svg>'
)


def _tick_file(colour: str) -> str:
    """A check mark for ticked boxes (style sheets only show pictures from files)."""
    folder = paths.cache_dir() / "sound-settings-style"
    target = folder / f"tick-{colour.lstrip('#').lower()}.svg"
    if not target.is_file():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target.write_text(_TICK.format(colour=colour), encoding="utf-8")
        except OSError:
            return ""  # a filled box still reads as ticked
    return target.as_posix()
