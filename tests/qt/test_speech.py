"""Spoken prompts through Qt's mock speech engine (a real QTextToSpeech, no audio)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QLocale

from supple.qt.speech import (
    ENGINE_ENV,
    INSTALL_HINT,
    NO_ENGINE_PROBLEM,
    Speech,
    language_locale,
)


def started(qtbot, speaker):
    """The speaker once its engine has answered from its own thread."""
    qtbot.waitUntil(speaker.is_ready, timeout=10_000)
    return speaker


def spoken_words(speaker):
    """Words the engine actually says, in order."""
    heard = []
    speaker._engine._tts.sayingWord.connect(lambda word, *_: heard.append(word))
    return heard


def test_say_speaks_and_then_reports_finished(qtbot, speech):
    with qtbot.waitSignal(speech.finished, timeout=5000):
        assert speech.say("Pelvic tilts")
        assert speech.is_speaking()
    assert not speech.is_speaking()


def test_numbers_are_spoken_as_words(qtbot, speech):
    heard = spoken_words(speech)
    with qtbot.waitSignal(speech.finished, timeout=5000):
        speech.say("90/90 hip switches, 8 reps")
    assert heard == ["ninety", "ninety", "hip", "switches", "eight", "reps"]


def test_queued_prompt_waits_for_the_first_and_finished_comes_once(qtbot, speech):
    heard = spoken_words(speech)
    finished = []
    speech.finished.connect(lambda: finished.append(True))
    with qtbot.waitSignal(speech.finished, timeout=5000):
        speech.say("Left side")
        speech.say("then 3 more", interrupt=False)
    qtbot.wait(200)
    assert heard == ["Left", "side", "then", "three", "more"]
    assert finished == [True]


def test_a_new_prompt_cuts_off_the_old_one(qtbot, speech):
    heard = spoken_words(speech)
    with qtbot.waitSignal(speech.finished, timeout=5000):
        speech.say("one two three four five six seven eight")
        qtbot.waitUntil(lambda: len(heard) >= 2, timeout=3000)
        speech.say("Switch sides")
    qtbot.waitUntil(lambda: not speech.is_speaking(), timeout=3000)
    assert heard[-2:] == ["Switch", "sides"]
    assert "eight" not in heard


def test_stop_silences_and_reports_finished(qtbot, speech):
    with qtbot.waitSignal(speech.finished, timeout=2000):
        speech.say("a long prompt that will not get to its end")
        speech.stop()
    assert not speech.is_speaking()


def test_english_voice_by_default_and_voice_rate_volume_can_be_set(speech):
    assert speech._engine._tts.locale().language() == QLocale.Language.English
    voices = speech.voices()
    assert len(voices) >= 2
    default = speech.voice()
    assert default != voices[-1]
    assert speech.set_voice(voices[-1])
    assert speech.voice() == voices[-1]
    assert not speech.set_voice("No Such Voice")
    assert speech.voice() == voices[-1]
    assert speech.set_voice("")  # back to the system default
    assert speech.voice() == default
    speech.set_rate(0.4)
    assert speech.rate() == pytest.approx(0.4)
    speech.set_rate(5)
    assert speech.rate() == pytest.approx(1.0)
    speech.set_volume(0.3)
    assert speech.volume() == pytest.approx(0.3)
    speech.set_volume(-1)
    assert speech.volume() == pytest.approx(0.0)


def test_engine_comes_from_the_environment(qtbot, monkeypatch):
    monkeypatch.setenv(ENGINE_ENV, "mock")
    assert started(qtbot, Speech()).engine == "mock"
    monkeypatch.setenv(ENGINE_ENV, "no-such-engine")
    speaker = started(qtbot, Speech())
    assert not speaker.available
    assert "'no-such-engine' is not installed" in speaker.problem
    assert ENGINE_ENV in speaker.problem


def test_unknown_engine_gives_the_problem_instead_of_crashing(qtbot):
    speaker = started(qtbot, Speech(engine="no-such-engine"))
    assert not speaker.available
    assert "speech-dispatcher and espeak-ng" in speaker.problem
    assert speaker.say("Go") is False
    speaker.stop()
    speaker.set_rate(0.5)
    assert speaker.voices() == []
    assert not speaker.is_speaking()


def test_no_speech_engine_at_all_says_what_to_install(qtbot):
    """A system where Qt finds no text-to-speech plug-in (none installed)."""
    real = pytest.importorskip("PySide6.QtTextToSpeech")

    class NoEngines(real.QTextToSpeech):
        @staticmethod
        def availableEngines():  # noqa: N802 - overrides Qt's method of that name
            return []

    speaker = started(qtbot, Speech(load_tts=lambda: SimpleNamespace(QTextToSpeech=NoEngines)))
    assert not speaker.available
    assert speaker.problem == NO_ENGINE_PROBLEM.format(hint=INSTALL_HINT)
    assert "Debian/Ubuntu install speech-dispatcher and espeak-ng" in speaker.problem


def test_missing_qt_text_to_speech_module_gives_the_problem(qtbot):
    def broken():
        raise ImportError("libQt6TextToSpeech.so.6: cannot open shared object file")

    speaker = Speech(engine="mock", load_tts=broken)
    assert not speaker.available
    assert "libQt6TextToSpeech" in speaker.problem
    assert speaker.say("Go") is False


def test_blank_text_is_not_spoken(qtbot, speech):
    assert speech.say("   ") is False
    assert not speech.is_speaking()


def test_the_voice_follows_the_language_and_says_when_it_has_none(qtbot):
    """Qt's mock engine speaks English, Norwegian and Finnish: Finnish gets a Finnish
    voice; German gets the English one and a notice that says what to install."""
    finnish = started(qtbot, Speech(engine="mock", language="fi"))
    assert finnish.spoken_language() == "fi" and finnish.language_notice is None
    german = started(qtbot, Speech(engine="mock", language="de"))
    assert german.available and german.spoken_language() == "en"
    assert "no voice for Deutsch" in (german.language_notice or "")
    assert "espeak-ng" in (german.language_notice or "")


def test_a_language_picks_its_usual_region():
    offered = [QLocale("en_GB"), QLocale("de_CH"), QLocale("de_DE"), QLocale("en_US")]
    assert language_locale(offered, "de").name() in (QLocale.system().name(), "de_DE")
    assert language_locale(offered, "fr") is None


def test_a_speaker_that_goes_takes_its_engine_with_it_before_the_gui_goes_on(qtbot):
    # Deleted on the speech thread while the GUI thread went on, an engine could deadlock
    # the two threads (Qt's connection lock against Python's); so it is gone at once.
    speaker = started(qtbot, Speech(engine="mock"))
    engine, tts = speaker._engine, speaker._engine._tts
    speaker.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(tts)
    assert not shiboken6.isValid(engine)
