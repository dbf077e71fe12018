"""Choosing a cue's own sound in the sound settings, with real files, keys and cue player.

The dialog is driven with key presses, Qt's own file dialog is answered by typing the
path, and the sound the app's cue player really loads is read back and compared with
the chosen file, levelled.
"""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest
from pydub import AudioSegment
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from supple.app.sound import SoundSystem
from supple.audio.cues import render_cue
from supple.audio.custom import custom_dir, prepare
from supple.core.cue import Cue
from supple.storage.settings import Settings
from supple.ui.sound_settings import SoundSettingsDialog
from supple.ui.theme import palette_for
from supple.ui.theme_registry import themes
from tests.sound_files import struck_bell

pytestmark = pytest.mark.qt_log_ignore(
    r"PulseAudioService: pa_context_connect\(\) failed",
    # Qt's file dialog and its path completer, on the offscreen platform.
    r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)",
)


@pytest.fixture(autouse=True)
def qt_file_dialog():
    """Qt's own file dialog, which a test can type into, wherever the desktop has its own."""
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    yield
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, False)


@pytest.fixture
def started_sound(qtbot):
    """The app's sound system, up and running; stopped and drained when the test ends."""
    made: list[SoundSystem] = []

    def start(settings: Settings) -> SoundSystem:
        sound = SoundSystem(settings)
        made.append(sound)
        with qtbot.waitSignal(sound.ready, timeout=30_000):
            sound.start()
        return sound

    yield start
    for sound in made:
        if sound.player is not None:
            sound.player.stop()
    qtbot.wait(300)  # the effects report they stopped before they are deleted


@pytest.fixture
def open_dialog(qtbot):
    def open_(settings: Settings, sound: object | None) -> tuple[SoundSettingsDialog, list]:
        dialog = SoundSettingsDialog(settings, sound)
        qtbot.addWidget(dialog)
        sent: list[Settings] = []
        dialog.settings_changed.connect(sent.append)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        return dialog, sent

    return open_


def samples_of(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getframerate(), wav.getsampwidth()) == (1, 44_100, 2)
        return np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")


def dominant_hz(samples: np.ndarray, rate: int = 44_100) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples)), 1 << 18))
    return float(np.argmax(spectrum) * rate / (1 << 18))


def choose_with_keys(qtbot, dialog: SoundSettingsDialog, cue: Cue, source: Path) -> None:
    """Pick ``cue`` in the list, press Alt+F, give the file's path, press Enter."""
    chooser = dialog.cue_sounds
    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is chooser.cue
    while chooser.chosen_cue() is not cue:
        qtbot.keyClick(chooser.cue, Qt.Key.Key_Down)
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: chooser.file_dialog is not None)  # a mnemonic clicks after a beat
    files = chooser.file_dialog
    qtbot.waitExposed(files)
    name = files.findChild(QLineEdit, "fileNameEdit")
    name.setFocus()
    name.setText(str(source))  # typed, its completer's list could take the Enter below
    qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: chooser.file_dialog is None)
    dialog.activateWindow()  # as the desktop does when a dialog over it closes
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.focusWidget() is chooser.choose_file


def test_a_chosen_wav_is_what_the_cue_player_loads_levelled(
    qtbot, tmp_path, started_sound, open_dialog
):
    sound = started_sound(Settings())
    dialog, sent = open_dialog(Settings(), sound)
    source = struck_bell(tmp_path / "gong.wav", 523.25)
    choose_with_keys(qtbot, dialog, Cue.GO, source)

    assert dialog.cue_sounds.problem() == ""
    assert sent[-1].custom_sounds == {Cue.GO: source}
    assert dialog.settings().custom_sounds == {Cue.GO: source}
    assert dialog.cue_sounds.cue.currentText() == "Go: work starts \u2014 your file"
    assert dialog.cue_sounds.note.text() == "Plays gong.wav, as loud as the built-in cues."
    player = sound.player
    loaded = player.sound_file(Cue.GO)
    assert loaded is not None and loaded.parent == custom_dir()
    # Sample for sample, the player's file is the chosen one in the cues' format, levelled.
    expected = np.array(prepare(AudioSegment.from_file(source)).get_array_of_samples())
    assert np.array_equal(samples_of(loaded), expected)
    assert dominant_hz(samples_of(loaded)) == pytest.approx(523.25, rel=0.01)
    # The other cues still play their built-in sounds.
    assert player.sound_file(Cue.REP_TICK) == render_cue(Cue.REP_TICK)


def test_a_damaged_file_is_refused_in_one_sentence_and_the_built_in_stays(
    qtbot, tmp_path, started_sound, open_dialog
):
    sound = started_sound(Settings())
    dialog, sent = open_dialog(Settings(), sound)
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF\x10\x00\x00\x00WAVEfmt " + bytes(12))
    choose_with_keys(qtbot, dialog, Cue.HALFWAY, broken)

    problem = dialog.cue_sounds.problem()
    assert problem.startswith("broken.wav: ") and "damaged" in problem
    assert problem.endswith("Halfway keeps its built-in sound.")
    assert "\n" not in problem and dialog.cue_sounds.note.isVisible()
    assert str(tmp_path) not in problem  # the file is named once, by its name
    assert sent == []
    assert sound.player.sound_file(Cue.HALFWAY) == render_cue(Cue.HALFWAY)
    note = dialog.cue_sounds.note
    assert note.height() >= note.heightForWidth(note.width())  # the whole sentence shows


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.mp3", b"", "the file is empty (0 bytes)"),
        ("notes.txt", b"hello", ".txt is not a sound format Supple reads"),
    ],
)
def test_files_that_are_no_sound_are_refused(qtbot, tmp_path, open_dialog, name, content, words):
    dialog, sent = open_dialog(Settings(), None)
    source = tmp_path / name
    source.write_bytes(content)
    assert not dialog.cue_sounds.use_file(Cue.REST_START, source)
    assert words in dialog.cue_sounds.problem()
    assert sent == [] and dialog.cue_sounds.sounds() == {}


def test_an_mp3_without_ffmpeg_says_what_to_install(qtbot, tmp_path, open_dialog, monkeypatch):
    source = tmp_path / "chime.mp3"
    source.write_bytes(b"ID3" + bytes(400))  # what an MP3 starts with; ffmpeg would decode
    monkeypatch.setattr(AudioSegment, "converter", str(tmp_path / "no-such" / "ffmpeg"))
    dialog, sent = open_dialog(Settings(), None)
    choose_with_keys(qtbot, dialog, Cue.SIDE_SWITCH, source)
    problem = dialog.cue_sounds.problem()
    assert "needs ffmpeg" in problem and "sudo apt install ffmpeg" in problem
    assert problem.endswith("Switch sides keeps its built-in sound.")
    assert sent == []


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")
def test_a_chosen_mp3_is_decoded_levelled_and_loaded(qtbot, tmp_path, started_sound, open_dialog):
    wav = struck_bell(tmp_path / "bell.wav", 880.0)
    mp3 = tmp_path / "bell.mp3"
    made = subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-i", str(wav), str(mp3)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0 or mp3.stat().st_size == 0:
        pytest.skip(f"this ffmpeg cannot write MP3: {made.stderr.decode()[-200:]}")
    sound = started_sound(Settings())
    dialog, sent = open_dialog(Settings(), sound)
    choose_with_keys(qtbot, dialog, Cue.SESSION_COMPLETE, mp3)

    assert dialog.cue_sounds.problem() == ""
    assert sent[-1].custom_sounds == {Cue.SESSION_COMPLETE: mp3}
    loaded = samples_of(sound.player.sound_file(Cue.SESSION_COMPLETE))
    assert dominant_hz(loaded) == pytest.approx(880.0, rel=0.01)
    rms = 20 * np.log10(np.sqrt(np.mean(loaded.astype(float) ** 2)) / 32768)
    assert rms == pytest.approx(-20.0, abs=0.5)


def test_built_in_brings_the_cue_s_own_sound_back(qtbot, tmp_path, started_sound, open_dialog):
    source = struck_bell(tmp_path / "gong.wav", 440.0)
    settings = Settings(custom_sounds={Cue.GO: source})
    sound = started_sound(settings)
    assert sound.player.sound_file(Cue.GO).parent == custom_dir()  # used from the start
    dialog, sent = open_dialog(settings, sound)
    dialog.cue_sounds.select(Cue.GO)
    assert dialog.cue_sounds.built_in.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(sent) == 1)
    assert sent[-1].custom_sounds == {}
    assert sound.player.sound_file(Cue.GO) == render_cue(Cue.GO)
    assert not dialog.cue_sounds.built_in.isEnabled()
    assert dialog.focusWidget() is dialog.cue_sounds.choose_file


def test_the_dialog_opens_on_a_saved_file_that_went_missing(qtbot, tmp_path, open_dialog):
    settings = Settings(custom_sounds={Cue.REST_START: tmp_path / "moved-away.wav"})
    dialog, sent = open_dialog(settings, None)
    assert dialog.cue_sounds.chosen_cue() is Cue.REST_START  # opens on the one that failed
    problem = dialog.cue_sounds.problem()
    assert problem.startswith("moved-away.wav: the file does not exist")
    assert problem.endswith("Rest starts keeps its built-in sound.")
    assert dialog.cue_sounds.cue.currentText() == "Rest starts"  # no file named: built-in plays
    assert dialog.cue_sounds.built_in.isEnabled() and sent == []  # kept until dropped


def test_a_refused_file_keeps_the_earlier_one(qtbot, tmp_path, open_dialog):
    good = struck_bell(tmp_path / "good.wav", 660.0)
    dialog, sent = open_dialog(Settings(custom_sounds={Cue.GO: good}), None)
    dialog.cue_sounds.select(Cue.GO)
    assert not dialog.cue_sounds.use_file(Cue.GO, tmp_path / "nowhere.ogg")
    assert dialog.cue_sounds.problem().endswith("Go: work starts keeps your earlier file.")
    assert dialog.cue_sounds.sounds() == {Cue.GO: good} and sent == []


def test_test_plays_the_chosen_cue(qtbot, tmp_path, started_sound, open_dialog):
    sound = started_sound(Settings())
    player = sound.player
    if not player.available:
        pytest.skip(f"no sound output in this test process: {player.problem}")
    dialog, _ = open_dialog(Settings(), sound)
    choose_with_keys(qtbot, dialog, Cue.PHASE_UP, struck_bell(tmp_path / "up.wav", 700.0, 0.3))
    qtbot.waitUntil(player.is_loaded, timeout=10_000)
    with qtbot.waitSignal(player.finished, timeout=10_000) as heard:
        qtbot.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert heard.args == [Cue.PHASE_UP]


def test_tab_reaches_every_cue_sound_control(qtbot, tmp_path, started_sound, open_dialog):
    source = struck_bell(tmp_path / "gong.wav", 440.0)
    settings = Settings(custom_sounds={Cue.GET_READY_PIP: source})
    sound = started_sound(settings)
    if not sound.player.available:
        pytest.skip(f"no sound output in this test process: {sound.player.problem}")
    dialog, _ = open_dialog(settings, sound)
    chooser = dialog.cue_sounds
    order = [
        dialog.phase_words,
        chooser.cue,
        chooser.choose_file,
        chooser.built_in,
        chooser.test,
        dialog.language.box,
        dialog.test_sounds,
    ]
    order[0].setFocus()
    for expected in order[1:]:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        assert dialog.focusWidget() is expected


def test_the_dialog_follows_the_theme(open_dialog):
    dialog, _ = open_dialog(Settings(), None)
    assert dialog in themes().members
    light, dark = palette_for("light"), palette_for("dark")
    try:
        themes().set_palette(light)
        assert f"QDialog {{ background: {light.background}; }}" in dialog.styleSheet()
    finally:
        themes().set_palette(dark)
    assert f"QDialog {{ background: {dark.background}; }}" in dialog.styleSheet()


def test_nothing_is_squeezed_when_the_dialog_opens_on_a_file(qtbot, tmp_path):
    source = struck_bell(tmp_path / "temple-bell.wav", 523.25)
    dialog = SoundSettingsDialog(Settings(custom_sounds={Cue.GO: source}), None)
    qtbot.addWidget(dialog)
    dialog.cue_sounds.select(Cue.GO)  # the note changes while the dialog is not shown yet
    dialog.show()
    qtbot.waitExposed(dialog)
    chooser = dialog.cue_sounds
    assert chooser.note.text() == "Plays temple-bell.wav, as loud as the built-in cues."
    for widget in (chooser.cue, chooser.choose_file, chooser.built_in, dialog.voice):
        assert widget.height() >= widget.sizeHint().height(), widget
    note = chooser.note
    assert note.height() >= note.heightForWidth(note.width())
