"""Playing cues: preloaded effects, volume and mute, and what is heard on a real output.

Players in this process use the sound server Qt found when it first needed one (a
process keeps it); without one those tests are skipped, saying why. The recording
tests run their players in child processes that play into a private PulseAudio server
with one null sink (``tests/sound_server.py``) and record its monitor to check what
really came out. Without pulseaudio and parec they are skipped, saying so.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from supple.audio import TARGET_RMS_DBFS, Cue, import_custom, render_all
from supple.audio.wavfile import wav_frames
from supple.qt.cue_player import NO_OUTPUT_PROBLEM, CuePlayer
from tests.sound_files import struck_bell
from tests.sound_server import RATE, Recorder, dominant_hz, level_dbfs, loudest_stretch

# Without a sound server Qt says so once, as a warning, when the player is built.
pytestmark = pytest.mark.qt_log_ignore(r"PulseAudioService: pa_context_connect\(\) failed")

# A sound is reported finished once the output has drained its buffer: with Qt 6.9 over
# PulseAudio that can be two seconds after the sound itself has ended.
FINISHES_WITHIN_MS = 5000


@pytest.fixture
def sounds(tmp_path):
    return render_all(tmp_path)


@pytest.fixture
def player(qtbot, sounds):
    cue_player = CuePlayer(sounds)
    if not cue_player.available:
        pytest.skip(f"no sound output in this test process: {cue_player.problem}")
    qtbot.waitUntil(cue_player.is_loaded, timeout=5000)
    return cue_player


def sound_check(server, *args, data_dir):
    """Run the player's own sound check in a fresh process, playing to the test server."""
    return subprocess.run(
        [sys.executable, "-m", "supple.qt.cue_player", *args],
        capture_output=True, text=True, timeout=60,
        env=server.env(SUPPLE_DATA_DIR=str(data_dir)),
    )  # fmt: skip


# -- no sound: the player says why and keeps quiet ------------------------------------


def test_no_output_device_gives_the_problem_and_play_does_nothing(qtbot, sounds):
    player = CuePlayer(sounds, list_outputs=lambda: [])
    assert not player.available
    assert player.problem == NO_OUTPUT_PROBLEM
    assert "connect speakers or headphones" in player.problem
    assert player.play(Cue.GO) is False
    player.set_volume(0.5)
    player.set_muted(True)
    player.stop()
    assert not player.is_loaded()
    assert player.output_description() is None


def test_missing_qt_multimedia_gives_the_problem_and_play_does_nothing(qtbot, sounds):
    def no_libpulse():
        raise ImportError("libpulse.so.0: cannot open shared object file: No such file")

    player = CuePlayer(sounds, load_multimedia=no_libpulse)
    assert not player.available
    assert "libpulse.so.0" in player.problem
    assert "sudo apt install libpulse0" in player.problem
    assert "\n" not in player.problem
    assert player.play(Cue.REP_TICK) is False
    player.set_volume(0.2)
    assert player.volume == pytest.approx(0.2)


# -- a real output in this process ---------------------------------------------------


def test_every_cue_is_preloaded_and_plays(qtbot, player):
    assert player.available and player.problem is None
    for cue in Cue:
        with qtbot.waitSignal(player.finished, timeout=FINISHES_WITHIN_MS) as done:
            assert player.play(cue) is True
        assert done.args == [cue]


def test_loaded_reaches_a_listener_connected_after_building_the_player(qtbot, sounds):
    """The second player finds the sounds in Qt's sample cache, ready at once."""
    players = []  # both stay alive, sharing the cached samples
    for _ in range(2):
        player = CuePlayer(sounds)
        players.append(player)
        if not player.available:
            pytest.skip(f"no sound output in this test process: {player.problem}")
        with qtbot.waitSignal(player.loaded, timeout=5000):
            pass
        statuses = {cue.value: e.status().name for cue, e in player._effects.items()}
        assert player.is_loaded(), (statuses, player.problem)


def test_cues_can_be_played_by_name(qtbot, player):
    with qtbot.waitSignal(player.finished, timeout=FINISHES_WITHIN_MS) as done:
        assert player.play("side_switch") is True
    assert done.args == [Cue.SIDE_SWITCH]
    with pytest.raises(ValueError, match="no_such_cue"):
        player.play("no_such_cue")


def test_muted_player_plays_nothing_until_unmuted(qtbot, player):
    player.set_muted(True)
    assert player.muted
    assert player.play(Cue.GO) is False
    player.set_muted(False)
    with qtbot.waitSignal(player.finished, timeout=FINISHES_WITHIN_MS):
        assert player.play(Cue.GO) is True


def test_volume_is_clamped_and_reaches_every_effect(qtbot, player):
    player.set_volume(0.5)
    levels = {effect.volume() for effect in player._effects.values()}
    assert len(levels) == 1 and 0.0 < levels.pop() < 0.5  # slider half-way is well below half
    player.set_volume(7)
    assert player.volume == 1.0
    assert all(e.volume() == pytest.approx(1.0) for e in player._effects.values())
    player.set_volume(-1)
    assert player.volume == 0.0


def test_custom_sound_replaces_a_cue(qtbot, player, sounds):
    player.set_sound(Cue.REP_TICK, sounds[Cue.GO])
    qtbot.waitUntil(player.is_loaded, timeout=5000)
    with qtbot.waitSignal(player.finished, timeout=FINISHES_WITHIN_MS):
        player.play(Cue.REP_TICK)


# -- what comes out of the speakers (recorded from the null sink) ---------------------


def test_cue_is_heard_on_the_output(sound_server, tmp_path, sounds):
    with Recorder(sound_server, tmp_path) as rec:
        result = sound_check(sound_server, "go", data_dir=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(rec.samples) > RATE // 2
    cue = loudest_stretch(rec.samples)
    assert level_dbfs(cue) > -30  # the cue itself is -20 dBFS RMS at full volume
    assert level_dbfs(rec.samples[: RATE // 10]) < -60  # and before it, silence
    # The recording carries the cue's own pitches (G5, then C6 with an octave above).
    heard = dominant_hz(loudest_stretch(rec.samples, ms=200))
    assert min(abs(heard / hz - 1) for hz in (783.99, 1046.5, 2093.0)) < 0.01, heard


def heard_level(recording: np.ndarray, length: int | None) -> float:
    """RMS of the ``length`` samples from where the recording first rises above silence."""
    frames = recording[: len(recording) // 441 * 441].reshape(-1, 441)
    onset = int(np.argmax(np.sqrt(np.mean(frames**2, axis=1)) > 32768 * 10 ** (-50 / 20))) * 441
    assert length, "the cue's file is not a cue-format WAV"
    return level_dbfs(recording[onset : onset + length])


def test_a_custom_cue_is_heard_as_loud_as_the_built_in_one(sound_server, tmp_path, sounds):
    """A bell recorded near full scale comes out of the speakers at the cues' level."""
    bell = struck_bell(tmp_path / "bell.wav", peak_dbfs=-0.5)
    lengths = {  # in samples, as the player's files hold them
        "built-in": wav_frames(sounds[Cue.GO]),
        "custom": wav_frames(import_custom(Cue.GO, bell, tmp_path)),
    }
    levels = {}
    for name, args in {"built-in": ["go"], "custom": ["--sound", f"go={bell}", "go"]}.items():
        with Recorder(sound_server, tmp_path) as rec:
            result = sound_check(sound_server, *args, data_dir=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr
        levels[name] = heard_level(rec.samples, lengths[name])
    print(f"heard at full volume, dBFS RMS: {levels}")
    # The way out costs both the same few dB (-23 here, for files at -20): what counts is
    # that the user's sound comes out as loud as the built-in one.
    assert levels["built-in"] > TARGET_RMS_DBFS - 6, levels
    assert levels["custom"] == pytest.approx(levels["built-in"], abs=1.0), levels


def test_lower_volume_is_heard_quieter(sound_server, tmp_path, sounds):
    levels = {}
    for volume in (1.0, 0.5):
        with Recorder(sound_server, tmp_path) as rec:
            result = sound_check(
                sound_server, "--volume", str(volume), "countdown_pip", data_dir=tmp_path
            )
        assert result.returncode == 0, result.stdout + result.stderr
        levels[volume] = level_dbfs(loudest_stretch(rec.samples))
    assert levels[1.0] > -30
    assert levels[0.5] < levels[1.0] - 6, levels


_FOLLOW_SCRIPT = textwrap.dedent(
    """
    import array, json, os, subprocess, sys, time
    RECORDING = sys.argv[1]
    from PySide6.QtCore import QCoreApplication, QTimer
    app = QCoreApplication([])
    from supple.audio import Cue, render_all
    from supple.qt.cue_player import CuePlayer

    player = CuePlayer(render_all())
    report = {"before": player.output_description()}
    state = {}

    def switch():
        state["module"] = subprocess.run(
            ["pactl", "load-module", "module-null-sink", "sink_name=supple_second",
             "sink_properties=device.description=SuppleSecond"],
            capture_output=True, text=True, check=True).stdout.strip()
        state["out"] = open(RECORDING, "wb")
        state["rec"] = subprocess.Popen(
            ["parec", "-d", "supple_second.monitor", "--raw", "--format=s16le",
             "--rate=44100", "--channels=1", "--latency-msec=20"], stdout=state["out"])
        deadline = time.monotonic() + 10
        while os.path.getsize(RECORDING) == 0 and time.monotonic() < deadline:
            time.sleep(0.02)  # the recording runs before the switch
        subprocess.run(["pactl", "set-default-sink", "supple_second"], check=True)

    def on_output(name):
        report.setdefault("changes", []).append(name)
        if name == "SuppleSecond":
            QTimer.singleShot(300, lambda: player.play(Cue.SESSION_COMPLETE))

    def on_finished(cue):
        QTimer.singleShot(300, app.quit)

    player.output_changed.connect(on_output)
    player.finished.connect(on_finished)
    player.loaded.connect(lambda: QTimer.singleShot(100, switch))
    QTimer.singleShot(15000, app.quit)
    app.exec()
    report["after"] = player.output_description()
    rec = state.get("rec")
    if rec is not None:
        time.sleep(0.3)
        rec.terminate()
        rec.wait()
        state["out"].close()
        samples = array.array("h", open(RECORDING, "rb").read())
        report["recorded_bytes"] = 2 * len(samples)
        report["peak"] = max((abs(s) for s in samples), default=0)
    if "module" in state:
        subprocess.run(["pactl", "unload-module", state["module"]])
    print(json.dumps(report))
    """
)


def test_sound_follows_a_new_default_output(sound_server, tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", _FOLLOW_SCRIPT, str(tmp_path / "second.raw")],
        capture_output=True, text=True, timeout=60,
        env=sound_server.env(SUPPLE_DATA_DIR=str(tmp_path)),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["before"] != "SuppleSecond"
    assert report["after"] == "SuppleSecond", report
    assert report["recorded_bytes"] > 0
    assert report["peak"] > 32768 * 10 ** (-12 / 20), report  # the cue came out of the new sink
