"""The sound and voice settings dialog, driven by keyboard and mouse with real sound parts.

Voices come from Qt's mock speech engine (a real QTextToSpeech that speaks silently and
reports each word); cue sounds go through a real CuePlayer, which needs a sound server
(the test that plays them is skipped, saying why, where there is none).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from supple.app.sound import SoundSystem
from supple.audio.design import Cue
from supple.qt.cue_player import NO_OUTPUT_PROBLEM, CuePlayer
from supple.qt.speech import Speech
from supple.storage.settings import Settings
from supple.ui.sound_settings import (
    MUTED,
    SYSTEM_DEFAULT_VOICE,
    TEST_CUES,
    SoundSettingsDialog,
    rate_word,
)

pytestmark = pytest.mark.qt_log_ignore(r"PulseAudioService: pa_context_connect\(\) failed")


@pytest.fixture
def make_dialog(qtbot):
    def make(settings: Settings | None = None, sound: object | None = None) -> SoundSettingsDialog:
        dialog = SoundSettingsDialog(settings or Settings(), sound)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        return dialog

    return make


def emitted(dialog: SoundSettingsDialog) -> list[Settings]:
    sent: list[Settings] = []
    dialog.settings_changed.connect(sent.append)
    return sent


def press(qtbot, widget, key: Qt.Key) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, key)


# -- each control changes its own setting -----------------------------------------------


@pytest.mark.parametrize(
    ("control", "key", "field", "expected"),
    [
        ("sound_on", Qt.Key.Key_Space, "sound_on", False),
        ("volume", Qt.Key.Key_PageUp, "volume", 0.9),
        ("volume", Qt.Key.Key_Home, "volume", 0.0),
        ("voice_on", Qt.Key.Key_Space, "voice_on", False),
        ("rate", Qt.Key.Key_PageUp, "voice_rate", 0.5),
        ("rate", Qt.Key.Key_Home, "voice_rate", -1.0),
        ("count_reps", Qt.Key.Key_Space, "count_reps_aloud", False),
        ("side_each_rep", Qt.Key.Key_Space, "say_side_each_rep", False),
        ("phase_words", Qt.Key.Key_Space, "say_phase_words", False),
    ],
)
def test_each_control_sends_settings_with_only_its_field_changed(
    qtbot, make_dialog, control, key, field, expected
):
    before = Settings()
    dialog = make_dialog(before)
    sent = emitted(dialog)
    press(qtbot, getattr(dialog, control), key)
    assert len(sent) == 1
    assert getattr(sent[0], field) == pytest.approx(expected)
    assert sent[0] == before.with_changes(**{field: getattr(sent[0], field)})
    assert dialog.settings() == sent[0]


def test_choosing_a_voice_sends_its_name_and_system_default_sends_empty(qtbot, make_dialog, speech):
    dialog = make_dialog(Settings(), SimpleNamespace(player=None, speech=speech))
    sent = emitted(dialog)
    press(qtbot, dialog.voice, Qt.Key.Key_Down)
    assert sent[-1].voice_name == speech.voices()[0]
    press(qtbot, dialog.voice, Qt.Key.Key_Up)
    assert sent[-1].voice_name == ""
    assert dialog.voice.currentText() == SYSTEM_DEFAULT_VOICE


def test_values_are_shown_in_words(qtbot, make_dialog):
    dialog = make_dialog(Settings(volume=0.8, voice_rate=0.0))
    assert dialog.volume_value.text() == "80 %"
    assert dialog.rate_value.text() == "normal"
    press(qtbot, dialog.rate, Qt.Key.Key_PageDown)
    assert dialog.rate_value.text() == "slower"
    press(qtbot, dialog.rate, Qt.Key.Key_End)
    assert dialog.rate_value.text() == "much faster"
    press(qtbot, dialog.volume, Qt.Key.Key_PageDown)
    assert dialog.volume_value.text() == "70 %"


def test_rate_words_cover_the_whole_scale():
    words = [rate_word(step / 10) for step in range(-10, 11)]
    assert words[0] == "much slower" and words[-1] == "much faster"
    assert words[10] == "normal"
    assert words == sorted(words, key=words.index)  # each word is one unbroken stretch


def test_the_dialog_opens_showing_the_saved_settings(make_dialog):
    saved = Settings(
        sound_on=False, volume=0.35, voice_on=True, voice_rate=-0.4, count_reps_aloud=False
    )
    dialog = make_dialog(saved)
    assert not dialog.sound_on.isChecked()
    assert dialog.volume.value() == 35
    assert dialog.rate.value() == -4
    assert not dialog.count_reps.isChecked()
    assert dialog.settings() == saved


def test_muted_is_one_state_nothing_heard_and_nothing_of_the_voice_offered(
    qtbot, make_dialog, speech
):
    dialog = make_dialog(Settings(), SimpleNamespace(player=None, speech=speech))
    assert dialog.test_voice.isEnabled()
    press(qtbot, dialog.sound_on, Qt.Key.Key_Space)
    assert dialog.settings().sound_on is False and dialog.settings().voice_on is True
    for widget in (dialog.voice_on, dialog.voice, dialog.rate, dialog.count_reps):
        assert not widget.isEnabled()
    for widget in (dialog.side_each_rep, dialog.phase_words, dialog.test_voice):
        assert not widget.isEnabled()
    assert dialog.voice_reason() == MUTED
    press(qtbot, dialog.sound_on, Qt.Key.Key_Space)  # unmuted: the voice as it was
    assert dialog.voice_on.isChecked() and dialog.test_voice.isEnabled()


def test_turning_the_voice_off_greys_out_what_only_the_voice_uses(qtbot, make_dialog, speech):
    dialog = make_dialog(Settings(), SimpleNamespace(player=None, speech=speech))
    press(qtbot, dialog.voice_on, Qt.Key.Key_Space)
    for widget in (dialog.voice, dialog.rate, dialog.count_reps, dialog.test_voice):
        assert not widget.isEnabled()
    assert dialog.volume.isEnabled()  # the volume is the sounds' too
    assert dialog.voice_reason() == "Spoken prompts are off."
    press(qtbot, dialog.voice_on, Qt.Key.Key_Space)
    assert dialog.voice.isEnabled() and dialog.test_voice.isEnabled()
    assert dialog.voice_reason() == ""


# -- voices -----------------------------------------------------------------------------


def test_voice_list_comes_from_the_speech_engine(make_dialog, speech):
    dialog = make_dialog(Settings(), SimpleNamespace(player=None, speech=speech))
    listed = [dialog.voice.itemText(i) for i in range(dialog.voice.count())]
    assert listed == [SYSTEM_DEFAULT_VOICE, *speech.voices()]
    assert dialog.voice.currentIndex() == 0


def test_the_saved_voice_is_selected(make_dialog, speech):
    chosen = speech.voices()[-1]
    dialog = make_dialog(Settings(voice_name=chosen), SimpleNamespace(player=None, speech=speech))
    assert dialog.voice.currentText() == chosen


def test_a_saved_voice_that_is_not_installed_is_kept_not_lost(make_dialog, speech):
    settings = Settings(voice_name="Nobody Here")
    dialog = make_dialog(settings, SimpleNamespace(player=None, speech=speech))
    assert dialog.voice.currentText() == "Nobody Here (not found)"
    assert dialog.settings().voice_name == "Nobody Here"


def test_say_test_phrase_uses_the_chosen_voice_and_speed(qtbot, make_dialog, speech):
    dialog = make_dialog(Settings(), SimpleNamespace(player=None, speech=speech))
    heard: list[str] = []
    speech._engine._tts.sayingWord.connect(lambda word, *_: heard.append(word))
    dialog.voice.setCurrentIndex(dialog.voice.findText("Mary"))
    press(qtbot, dialog.rate, Qt.Key.Key_PageDown)
    with qtbot.waitSignal(speech.finished, timeout=5000):
        qtbot.mouseClick(dialog.test_voice, Qt.MouseButton.LeftButton)
    assert heard == ["Pelvic", "tilts", "twenty", "reps", "Left", "side"]
    assert speech.voice() == "Mary"
    assert speech.rate() == pytest.approx(-0.5)


# -- test buttons without working outputs -----------------------------------------------


def test_without_sound_both_test_buttons_are_off_and_say_why(make_dialog):
    dialog = make_dialog(Settings(), None)
    assert not dialog.test_sounds.isEnabled()
    assert not dialog.test_voice.isEnabled()
    assert "not connected" in dialog.sound_reason()
    assert "not connected" in dialog.voice_reason()
    assert dialog.sound_note.isVisible() and dialog.voice_note.isVisible()


def test_a_sound_output_problem_is_shown_in_the_dialog(make_dialog, speech):
    no_speakers = CuePlayer({}, list_outputs=lambda: [])
    assert not no_speakers.available
    dialog = make_dialog(Settings(), SimpleNamespace(player=no_speakers, speech=speech))
    assert not dialog.test_sounds.isEnabled()
    assert dialog.sound_reason() == NO_OUTPUT_PROBLEM
    note = dialog.sound_note
    assert note.height() >= note.heightForWidth(note.width())  # the whole text shows
    assert dialog.test_voice.isEnabled()


def test_a_speech_problem_is_shown_in_the_dialog(qtbot, make_dialog):
    absent = Speech(engine="no-such-engine")
    qtbot.waitUntil(absent.is_ready, timeout=10_000)
    dialog = make_dialog(Settings(), SimpleNamespace(player=None, speech=absent))
    assert not dialog.test_voice.isEnabled()
    assert dialog.voice_reason() == absent.problem
    assert "no-such-engine" in dialog.voice_reason()


# -- with the app's real sound ----------------------------------------------------------


@pytest.fixture
def app_sound(qtbot):
    """The app's Sound, not started; its sounds are stopped and drained before it goes."""
    made: list[SoundSystem] = []

    def make(settings: Settings) -> SoundSystem:
        made.append(SoundSystem(settings))
        return made[-1]

    yield make
    for sound in made:
        if sound.player is not None:
            sound.player.stop()
    qtbot.wait(300)  # the effects report they stopped before they are deleted


def test_test_sounds_plays_the_cues_in_order_once_sound_is_ready(qtbot, make_dialog, app_sound):
    sound = app_sound(Settings())
    dialog = make_dialog(Settings(), sound)
    assert not dialog.test_sounds.isEnabled()
    assert dialog.sound_reason() == "Sound is still starting up\u2026"
    with qtbot.waitSignal(sound.ready, timeout=30_000):
        sound.start()
    player = sound.player
    assert player is not None
    if not player.available:
        assert dialog.sound_reason() == player.problem
        pytest.skip(f"no sound output in this test process: {player.problem}")
    assert dialog.test_sounds.isEnabled()
    press(qtbot, dialog.sound_on, Qt.Key.Key_Space)
    assert not dialog.test_sounds.isEnabled()
    assert dialog.sound_reason() == MUTED
    press(qtbot, dialog.sound_on, Qt.Key.Key_Space)
    assert dialog.test_sounds.isEnabled()
    qtbot.waitUntil(player.is_loaded, timeout=10_000)
    finished: list[Cue] = []
    player.finished.connect(finished.append)
    press(qtbot, dialog.test_sounds, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(finished) == len(TEST_CUES), timeout=10_000)
    # Each cue is heard once; a long one may end after the next has started.
    assert sorted(finished) == sorted(TEST_CUES)


def test_the_test_sounds_play_at_the_chosen_volume(qtbot, make_dialog, app_sound):
    sound = app_sound(Settings(volume=1.0))
    with qtbot.waitSignal(sound.ready, timeout=30_000):
        sound.start()
    dialog = make_dialog(Settings(volume=1.0), sound)
    assert sound.player is not None
    if not sound.player.available:
        pytest.skip(f"no sound output in this test process: {sound.player.problem}")
    press(qtbot, dialog.volume, Qt.Key.Key_PageDown)
    press(qtbot, dialog.test_sounds, Qt.Key.Key_Space)
    assert sound.player.volume == pytest.approx(0.9)


# -- keyboard ---------------------------------------------------------------------------


def test_tab_walks_the_controls_top_to_bottom(qtbot, make_dialog, speech):
    dialog = make_dialog(Settings(), SimpleNamespace(player=None, speech=speech))
    order = [
        dialog.sound_on,
        dialog.volume,
        dialog.voice_on,
        dialog.voice,
        dialog.rate,
        dialog.count_reps,
        dialog.side_each_rep,
        dialog.phase_words,
        dialog.cue_sounds.cue,
        dialog.cue_sounds.choose_file,  # Built-in is off: every cue plays its built-in sound
        dialog.language.box,
        dialog.test_voice,  # Test and Test sounds are off here: there is no player
    ]
    order[0].setFocus()
    for expected in order[1:]:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        assert dialog.focusWidget() is expected


@pytest.mark.parametrize(
    ("key", "result"),
    [
        (Qt.Key.Key_Return, QDialog.DialogCode.Accepted),
        (Qt.Key.Key_Enter, QDialog.DialogCode.Accepted),
        (Qt.Key.Key_Escape, QDialog.DialogCode.Rejected),
    ],
)
def test_enter_and_esc_close_the_dialog(qtbot, make_dialog, key, result):
    dialog = make_dialog(Settings(), None)
    for widget in (dialog.volume, dialog.voice, dialog.sound_on):
        dialog.show()
        press(qtbot, widget, key)
        assert not dialog.isVisible()
        assert dialog.result() == result


def test_enter_on_a_test_button_closes_rather_than_plays(qtbot, make_dialog, speech):
    dialog = make_dialog(Settings(), SimpleNamespace(player=None, speech=speech))
    press(qtbot, dialog.test_voice, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert not speech.is_speaking()
