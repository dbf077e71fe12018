"""A private PulseAudio server with one null sink, a speech service playing into it, and a
recorder of what the sink plays.

Private, so no other program's sound gets into a recording. The fixtures built on these
(``sound_server``, ``speech_service`` in ``conftest.py``) skip, saying what is missing,
where pulseaudio, parec or speech-dispatcher are not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

RATE = 44_100
SINK = "supple_test"
VOICE_SINK = "supple_voice"
"""Where the speech service speaks: apart from the cues, so each can be checked alone."""


@dataclass(frozen=True)
class SoundServer:
    address: str  # for PULSE_SERVER

    def env(self, **extra: str) -> dict[str, str]:
        return dict(os.environ, PULSE_SERVER=self.address, QT_QPA_PLATFORM="offscreen", **extra)


@dataclass(frozen=True)
class SpeechService:
    address: str  # for SPEECHD_ADDRESS
    sink: str


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _wait_for(ready, process: subprocess.Popen[bytes], log: Path, what: str) -> None:
    deadline = time.monotonic() + 15
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            _stop(process)
            pytest.skip(f"{what} did not start: {log.read_text()[-500:]}")
        time.sleep(0.1)


@contextmanager
def running_sound_server(folder: Path) -> Iterator[SoundServer]:
    missing = [tool for tool in ("pulseaudio", "pactl", "parec") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)}: install pulseaudio and pulseaudio-utils")
    socket = folder / "native"
    address = f"unix:{socket}"
    log_path = folder / "server.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            ["pulseaudio", "--daemonize=no", "--use-pid-file=no", "--exit-idle-time=-1", "-n",
             "--disable-shm=yes", "--log-target=stderr", "--log-level=warn",
             f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
             f"--load=module-null-sink sink_name={SINK} "
             "sink_properties=device.description=SuppleTest"],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def answers() -> bool:
        probe = subprocess.run(["pactl", "-s", address, "info"], capture_output=True, timeout=10)
        return probe.returncode == 0

    _wait_for(answers, server, log_path, "pulseaudio")
    try:
        yield SoundServer(address)
    finally:
        _stop(server)


@contextmanager
def running_speech_service(folder: Path, server: SoundServer) -> Iterator[SpeechService]:
    """speech-dispatcher on a socket of its own, speaking into ``server``'s voice sink."""
    if shutil.which("speech-dispatcher") is None or shutil.which("espeak-ng") is None:
        pytest.skip("needs speech-dispatcher and espeak-ng (speech-dispatcher-espeak-ng)")
    pactl = ["pactl", "-s", server.address]
    subprocess.run(
        [*pactl, "load-module", "module-null-sink", f"sink_name={VOICE_SINK}"],
        check=True, capture_output=True, timeout=10,
    )  # fmt: skip
    subprocess.run([*pactl, "set-default-sink", SINK], check=True, timeout=10)
    socket = folder / "speechd.sock"
    log_path = folder / "speechd.log"
    with log_path.open("w") as log:
        service = subprocess.Popen(
            ["speech-dispatcher", "--run-single", "--timeout", "0",
             "--communication-method", "unix_socket", "--socket-path", str(socket),
             "--pid-file", str(folder / "speechd.pid"), "--log-dir", str(folder)],
            stdout=log, stderr=subprocess.STDOUT, env=server.env(PULSE_SINK=VOICE_SINK),
        )  # fmt: skip
    _wait_for(socket.exists, service, log_path, "speech-dispatcher")
    try:
        yield SpeechService(f"unix_socket:{socket}", VOICE_SINK)
    finally:
        _stop(service)


class Recorder:
    """Records what the test server's sink plays, as 16-bit mono samples.

    ``started`` is the ``time.monotonic()`` of sample ``started_at`` (the first bytes
    seen), so a moment logged by another process maps to a place in the recording,
    give or take the output's latency.
    """

    def __init__(self, server: SoundServer, folder: Path, sink: str = SINK) -> None:
        self.server = server
        self.source = f"{sink}.monitor"
        self.file = folder / f"{sink}-{time.monotonic_ns()}.raw"

    def __enter__(self) -> Recorder:
        self.out = self.file.open("wb")
        self.process = subprocess.Popen(
            ["parec", "-s", self.server.address, "-d", self.source, "--raw", "--format=s16le",
             f"--rate={RATE}", "--channels=1", "--latency-msec=20"],
            stdout=self.out,
        )  # fmt: skip
        # A suspended sink can take a couple of seconds to start streaming: wait for the
        # first recorded bytes, so nothing plays before the recording really runs.
        deadline = time.monotonic() + 10
        while (size := self.file.stat().st_size) == 0:
            assert time.monotonic() < deadline, "parec recorded nothing for 10 s"
            time.sleep(0.005)
        self.started = time.monotonic()
        self.started_at = size // 2
        return self

    def __exit__(self, *exc: object) -> None:
        time.sleep(0.3)
        self.process.terminate()
        self.process.wait(timeout=10)
        self.out.close()
        self.samples = np.frombuffer(self.file.read_bytes(), dtype="<i2").astype(np.float64)

    def moment_of(self, index: int) -> float:
        """The ``time.monotonic()`` at which sample ``index`` was recorded (see ``index_of``)."""
        return self.started + (index - self.started_at) / RATE

    def index_of(self, moment: float) -> int:
        """The sample recorded at ``moment`` (``time.monotonic()``), before output latency."""
        return self.started_at + round((moment - self.started) * RATE)


def level_dbfs(samples: np.ndarray) -> float:
    return float(20 * np.log10(np.sqrt(np.mean(samples**2)) / 32768 + 1e-12))


def loudest_stretch(samples: np.ndarray, ms: int = 60) -> np.ndarray:
    """The loudest window of the recording: where the cue is."""
    n = RATE * ms // 1000
    energy = np.convolve(samples**2, np.ones(n), mode="valid")
    start = int(np.argmax(energy))
    return samples[start : start + n]


def dominant_hz(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples)), 1 << 18))
    return float(np.argmax(spectrum[1:]) + 1) * RATE / (1 << 18)
