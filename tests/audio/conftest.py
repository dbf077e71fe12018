"""Measuring rendered sound: what a listener would hear, as numbers."""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

FULL_SCALE = 32768.0


@dataclass
class Wav:
    samples: np.ndarray  # float, mono (channels averaged)
    rate: int
    channels: int
    sample_width: int

    @property
    def duration_ms(self) -> float:
        return 1000.0 * len(self.samples) / self.rate

    def between(self, start_ms: float, end_ms: float) -> np.ndarray:
        a = round(start_ms * self.rate / 1000)
        b = round(end_ms * self.rate / 1000)
        return self.samples[a:b]


def load(path: Path) -> Wav:
    with wave.open(str(path), "rb") as w:
        channels, width, rate = w.getnchannels(), w.getsampwidth(), w.getframerate()
        raw = w.readframes(w.getnframes())
    assert width == 2, f"{path} is {8 * width}-bit, expected 16-bit"
    data = np.frombuffer(raw, dtype="<i2").astype(np.float64)
    if channels > 1:
        data = data.reshape(-1, channels).mean(axis=1)
    return Wav(data, rate, channels, width)


def dominant_hz(x: np.ndarray, rate: int) -> float:
    """Strongest frequency (Hann window, zero-padded FFT, parabolic peak interpolation)."""
    n_fft = 1 << 18
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x)), n_fft))
    k = int(np.argmax(spectrum[1:])) + 1
    if 0 < k < len(spectrum) - 1:
        a, b, c = np.log(spectrum[k - 1 : k + 2] + 1e-12)
        k = k + 0.5 * (a - c) / (a - 2 * b + c)
    return float(k * rate / n_fft)


def peak_dbfs(x: np.ndarray) -> float:
    return float(20 * np.log10(np.max(np.abs(x)) / FULL_SCALE))


def rms_dbfs(x: np.ndarray) -> float:
    return float(20 * np.log10(np.sqrt(np.mean(x**2)) / FULL_SCALE + 1e-12))


def pitch_contour(wav: Wav, frame_ms: float = 10.0, floor_db: float = 30.0) -> np.ndarray:
    """Dominant pitch of each frame, NaN where the frame is far quieter than the loudest."""
    n = int(wav.rate * frame_ms / 1000)
    frames = [wav.samples[i : i + n] for i in range(0, len(wav.samples) - n + 1, n)]
    levels = np.array([rms_dbfs(f) for f in frames])
    loud = levels >= levels.max() - floor_db
    return np.array(
        [dominant_hz(f, wav.rate) if ok else np.nan for f, ok in zip(frames, loud, strict=True)]
    )


@pytest.fixture
def measure() -> SimpleNamespace:
    return SimpleNamespace(
        load=load,
        dominant_hz=dominant_hz,
        peak_dbfs=peak_dbfs,
        rms_dbfs=rms_dbfs,
        pitch_contour=pitch_contour,
    )
