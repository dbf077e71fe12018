"""Voice commands: the words, Supple's own voice ignored, and end to end from a speaker
(espeak-ng into a PulseAudio null sink whose monitor is the microphone) to the session."""

from __future__ import annotations

import select
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from supple.qt.session_controller import Command
from supple.qt.voice_commands import ANSWERS, PHRASES, OwnVoice, Recogniser, recognise_samples

ROOT = Path(__file__).resolve().parents[2]
needs_espeak = pytest.mark.skipif(
    shutil.which("espeak-ng") is None or shutil.which("ffmpeg") is None,
    reason="needs espeak-ng and ffmpeg",
)


def spoken(text, voice="en-us", speed=175):
    """``text`` as espeak-ng says it, at 16 kHz mono 16-bit."""
    wav = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(speed), "--stdout", text],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    return subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-i", "-", "-ar", "16000", "-ac", "1", "-f", "s16le", "-"],
        input=wav, capture_output=True, check=True,
    ).stdout  # fmt: skip


def test_the_phrases_are_the_controllers_commands():
    assert PHRASES["finished"] is Command.PRIMARY
    assert PHRASES["end workout"] is Command.STOP_REQUEST
    assert PHRASES["go back"] is Command.BACK
    assert {PHRASES["continue"], PHRASES["resume"]} == {Command.RESUME}


def test_phrases_the_recogniser_confused_are_not_commands():
    """Other phrases were heard as "previous", "set done" as "skip it", and music hid
    the "session" of "stop session" (``benchmarks/voice.py --tuning``)."""
    for phrase in ("previous", "set done", "stop session", "go", "next", "back", "done"):
        assert phrase not in PHRASES


@needs_espeak
@pytest.mark.parametrize("word", ["pause", "end workout", "yes", "go back", "finished"])
def test_a_spoken_command_is_recognised(word):
    recogniser = Recogniser()
    warm = spoken("Get ready. Hip hikes, left side, ten reps.")  # as a session begins
    list(recogniser.feed(warm + bytes(16000)))
    recogniser.asking = word in ANSWERS  # "yes" answers "end the session?"
    assert [h.word for h in recognise_samples(spoken(word), recogniser)] == [word]


@needs_espeak
def test_answers_are_heard_only_while_the_question_is_asked():
    recogniser = Recogniser()
    assert "cancel" not in [h.word for h in recognise_samples(spoken("cancel"), recogniser)]
    recogniser.asking = True
    assert [h.word for h in recognise_samples(spoken("cancel"), recogniser)] == ["cancel"]
    assert recognise_samples(spoken("no"), recogniser) == []  # no command, but no "yes"
    assert recognise_samples(spoken("pause"), recogniser) == []


@needs_espeak
def test_music_length_talk_is_not_a_command():
    sentence = spoken("the quick brown fox jumps over the lazy dog and then rests a while")
    assert recognise_samples(sentence) == []


@needs_espeak
def test_a_command_is_heard_over_music():
    """Steady music is the background the endpointer measures speech against, so it does
    not hold an utterance open (pocketsphinx's own voice detector took it for speech)."""
    speech = np.frombuffer(spoken("go back"), dtype="<i2").astype(np.float64)
    t = np.arange(3 * 16000 + len(speech)) / 16000
    music = sum(np.sin(2 * np.pi * f * t) for f in (220.0, 277.2, 329.6)) * 600
    music[16000 : 16000 + len(speech)] += speech
    audio = np.clip(music, -32768, 32767).astype("<i2").tobytes()
    assert [h.word for h in Recogniser().feed(audio)] == ["go back"]


def test_supple_does_not_obey_its_own_prompt():
    own = OwnVoice()
    own.on_said("Next: hamstring curls")
    own.on_speaking_changed(True, now=10.0)
    own.on_speaking_changed(False, now=11.5)
    assert own.said(10.1, 10.5) == "curls hamstring next"
    assert own.said(11.6, 11.9) is not None  # the room's echo, just after
    assert own.said(9.0, 9.5) is None  # the user, before
    assert own.said(13.0, 13.4) is None  # the user, later


def next_line(child, timeout=15):
    """The child's next line of its own (Qt's warnings about missing libraries skipped)."""
    while True:
        readable, _, _ = select.select([child.stdout], [], [], timeout)
        assert readable, "the child said nothing"
        line = child.stdout.readline().strip()
        if line.split(" ")[0] in ("listening", "not", "problem", "heard"):
            return line


@needs_espeak
def test_spoken_stop_asks_to_end_a_real_session(sound_server, tmp_path):
    pactl = ["pactl", "-s", sound_server.address]
    # The sink's monitor, as a source of its own: Qt lists no monitors as microphones.
    subprocess.run(
        [*pactl, "load-module", "module-remap-source", "master=supple_test.monitor",
         "source_name=supple_microphone"],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run([*pactl, "set-default-source", "supple_microphone"], check=True)
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("voice_child.py"))],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=sound_server.env(PYTHONPATH=str(ROOT)), cwd=ROOT,
    )  # fmt: skip
    try:
        assert next_line(child) == "listening"
        speech = tmp_path / "stop.wav"
        say = ["espeak-ng", "-v", "en-us", "--stdout", "end workout"]
        speech.write_bytes(subprocess.run(say, capture_output=True, check=True).stdout)
        play = ["paplay", "-s", sound_server.address, "-d", "supple_test", str(speech)]
        subprocess.run(play, check=True, timeout=20)
        assert next_line(child) == "heard end workout paused asking"  # "end the session?"
        # The answer, heard through the answers' grammar the question switched to.
        say[-1] = "cancel"
        speech.write_bytes(subprocess.run(say, capture_output=True, check=True).stdout)
        subprocess.run(play, check=True, timeout=20)
        line = next_line(child)
        assert line.startswith("heard cancel ") and line.endswith(" not-asking")
    finally:
        child.terminate()
        child.wait(timeout=10)


def test_without_the_voice_extra_turning_voice_on_says_what_to_install(qapp, monkeypatch):
    # As in the bundle, which leaves numpy and pocketsphinx out: nothing to import.
    monkeypatch.setitem(sys.modules, "supple.qt.voice_endpointer", None)
    from supple.qt.session_controller import SessionController
    from supple.qt.voice_commands import VoiceCommands

    voice = VoiceCommands(SessionController())
    problems = []
    voice.problem.connect(problems.append)
    voice.set_on(True)
    assert not voice.listening
    assert len(problems) == 1 and "pip install 'supple[voice]'" in problems[0]
