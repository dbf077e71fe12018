"""Where a spoken command starts and ends, over music as over silence.

pocketsphinx's own endpointer (a WebRTC voice detector) takes music for speech, so under
music an utterance never ended and nothing was recognised (``benchmarks/voice.py``). This
one compares each 10 ms frame with the background heard in the last 1.5 s, band by band
(12 bands from 250 Hz to 4 kHz): steady music or fan noise becomes the floor, and a voice
over it stands out in most bands. Beats too short to be a word (under 0.12 s) never start
an utterance.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

RATE = 16_000
FRAME = RATE // 100
"""Samples in 10 ms."""
ROOM_HISS = 30.0
"""A microphone's hiss in sample units (about -60 dBFS)."""
_WINDOW = 400
_FFT = 512


@dataclass(frozen=True)
class Utterance:
    """Audio (16 kHz mono s16le, with some background before and after) and where the
    speech in it lies in the stream, in seconds."""

    audio: bytes
    start: float
    end: float


class Endpointer:
    """Cuts a stream of audio into utterances louder than its background."""

    START_FRAMES = 12
    """Frames of speech (of the last ones, net) that open an utterance: 0.12 s."""
    END_FRAMES = 25
    """Frames of background that close it: 0.25 s."""
    MARGIN_DB = 9.0
    """How far above its floor a band must be to count as speech."""
    SHARE = 0.4
    """Share of the bands that must be above their floor for a frame to be speech."""
    FLOOR_PERCENTILE = 20
    PAD_FRAMES = 20
    """Background kept on each side of the speech for the recogniser: 0.2 s."""

    def __init__(self, floor_seconds: float = 1.5, keep_seconds: float = 4.0) -> None:
        frequencies = np.arange(_FFT // 2 + 1) * RATE / _FFT
        self._band_of_bin = np.digitize(frequencies, np.geomspace(250, 4000, 13))
        self._window = np.hanning(_WINDOW)
        self._before = np.zeros(_WINDOW - FRAME)
        self._levels: deque[np.ndarray] = deque(maxlen=int(floor_seconds * 100))
        # Until the background is heard, a microphone's hiss (about -60 dBFS): a sound
        # server may send nothing until something plays, so the first frames can be the
        # command itself, and taken for the background they lost its start (one command
        # heard as another through a suspended sink).
        hiss = np.random.default_rng(0).normal(0, ROOM_HISS, _WINDOW)
        self._levels.extend([self._level(hiss)] * (self._levels.maxlen or 0))
        self._frames: deque[bytes] = deque(maxlen=int(keep_seconds * 100))
        self._pending = b""
        self._count = 0
        self._in_speech = False
        self._run = self._quiet = self._start = 0

    def feed(self, audio: bytes) -> list[Utterance]:
        """The utterances that end in ``audio`` (16 kHz mono s16le)."""
        data = self._pending + audio
        usable = len(data) - len(data) % (2 * FRAME)
        self._pending = data[usable:]
        found = []
        for at in range(0, usable, 2 * FRAME):
            utterance = self._frame(data[at : at + 2 * FRAME])
            if utterance is not None:
                found.append(utterance)
        return found

    def _frame(self, frame: bytes) -> Utterance | None:
        self._frames.append(frame)
        self._count += 1
        speech = self._is_speech(np.frombuffer(frame, dtype="<i2").astype(np.float64))
        if not self._in_speech:
            self._run = self._run + 1 if speech else max(0, self._run - 1)
            if self._run >= self.START_FRAMES:
                self._in_speech, self._quiet = True, 0
                self._start = self._count - self._run - 5
            return None
        self._quiet = 0 if speech else self._quiet + 1
        if self._quiet < self.END_FRAMES:
            return None
        self._in_speech, self._run = False, 0
        end = self._count - self._quiet
        return self._utterance(self._start, end)

    def _is_speech(self, samples: np.ndarray) -> bool:
        chunk = np.concatenate([self._before, samples])
        self._before = chunk[FRAME:]
        level = self._level(chunk)
        floor = np.percentile(np.array(self._levels), self.FLOOR_PERCENTILE, axis=0)
        self._levels.append(level)
        return float(np.mean(level - floor > self.MARGIN_DB)) >= self.SHARE

    def _level(self, chunk: np.ndarray) -> np.ndarray:
        """Loudness (dB) of the last 25 ms in each band."""
        power = np.abs(np.fft.rfft(chunk * self._window, _FFT)) ** 2
        bands = np.bincount(self._band_of_bin, weights=power, minlength=14)[1:13]
        level: np.ndarray = 10 * np.log10(bands + 1e-3)
        return level

    def _utterance(self, start: int, end: int) -> Utterance:
        first = self._count - len(self._frames)
        frames = list(self._frames)
        begin = max(first, start - self.PAD_FRAMES) - first
        audio = b"".join(frames[begin : end + self.PAD_FRAMES - first])
        return Utterance(audio, start / 100, end / 100)


class RoomHiss:
    """Adds a microphone's hiss to audio: the acoustic model knows no digital silence, and
    missed half the phrases spoken between stretches of it (a null sink's monitor, a muting
    sound card) but none over the hiss."""

    def __init__(self) -> None:
        self._rng = np.random.default_rng(0)

    def add(self, audio: bytes) -> bytes:
        hiss = self._rng.normal(0, ROOM_HISS, len(audio) // 2)
        samples = np.frombuffer(audio, dtype="<i2") + hiss
        return np.clip(samples, -32768, 32767).astype("<i2").tobytes()
