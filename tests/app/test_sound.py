"""The app's sound parts: cue rendering on a worker thread that never touches Qt objects."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import weakref
from pathlib import Path

import pytest
from PySide6.QtCore import QFileSystemWatcher, QObject

from supple.app.sound import SoundSystem
from supple.audio.cues import render_cue
from supple.audio.custom import import_custom
from supple.core.cue import Cue
from supple.storage.settings import Settings
from tests.sound_files import struck_bell

pytestmark = pytest.mark.qt_log_ignore(r"PulseAudioService: pa_context_connect\(\) failed")


def leave_qt_garbage(folder, count: int = 20) -> list[weakref.ref[QObject]]:
    """Qt objects in reference cycles: only Python's cycle collector can free them."""
    refs = []
    for _ in range(count):
        holder = QObject()
        holder.watcher = QFileSystemWatcher([str(folder)])  # watches through a socket notifier
        holder.itself = holder
        refs.append(weakref.ref(holder))
    return refs


def test_rendering_cues_never_frees_qt_objects_on_the_worker_thread(qtbot, tmp_path):
    # Freeing a watcher on another thread makes Qt warn, which fails the test; in the
    # app it can hang. The cold render allocates plenty, so a collection would be due.
    gc.collect()
    garbage = leave_qt_garbage(tmp_path)
    sound = SoundSystem(Settings(voice_on=False))
    with qtbot.waitSignal(sound.ready, timeout=30_000):
        sound.start()
    assert gc.isenabled()
    gc.collect()
    assert all(ref() is None for ref in garbage)
    sound.close()


def test_closing_before_the_cues_are_ready_leaves_collection_on(qtbot):
    sound = SoundSystem(Settings())
    sound.start()
    sound.start()  # a second start while rendering changes nothing
    sound.close()
    assert gc.isenabled()
    qtbot.wait(100)  # the late result is delivered and ignored
    assert sound.player is None


def test_choosing_the_system_default_voice_takes_effect_at_once(qtbot):
    sound = SoundSystem(Settings())
    with qtbot.waitSignal(sound.ready, timeout=30_000):
        sound.start()
    speech = sound.speech
    assert speech is not None and speech.available, speech and speech.problem
    default = speech.voice()
    other = next(name for name in speech.voices() if name != default)
    sound.apply(Settings(voice_name=other))
    assert speech.voice() == other
    sound.apply(Settings(voice_name=""))
    assert speech.voice() == default
    sound.close()


def test_the_saved_custom_sounds_are_what_the_player_loads(qtbot, tmp_path):
    """One file that works, one that went missing: the first plays, the second is said
    once and its cue keeps the built-in sound."""
    bell = struck_bell(tmp_path / "bell.wav")
    gone = tmp_path / "moved-away.wav"
    sound = SoundSystem(Settings(custom_sounds={Cue.GO: bell, Cue.REST_START: gone}))
    said: list[str] = []
    sound.problem_found.connect(said.append)
    with qtbot.waitSignal(sound.ready, timeout=30_000):
        sound.start()
    player = sound.player
    assert player.sound_file(Cue.GO) == import_custom(Cue.GO, bell)
    assert player.sound_file(Cue.REST_START) == render_cue(Cue.REST_START)
    missing = [line for line in said if line.startswith("moved-away.wav:")]
    assert missing == [
        "moved-away.wav: the file does not exist. Check the path or pick the file again. "
        "Rest starts keeps its built-in sound."
    ]
    sound.close()
    qtbot.wait(100)


def test_a_speech_server_that_never_answers_is_reported_and_quitting_still_works(
    stuck_speech_server,
):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SUPPLE_TTS_ENGINE": "speechd",
        "SPEECHD_ADDRESS": stuck_speech_server,
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("speech_wait_child.py"))],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    problems = [line for line in done.stdout.splitlines() if line.startswith("problem ")]
    assert any("has not answered in 1 s" in line for line in problems), done.stdout
