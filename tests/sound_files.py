"""Sound files as a user would bring them: not in the cues' format, at any level."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from pydub import AudioSegment


def struck_bell(
    path: Path, hz: float = 660.0, seconds: float = 1.8, *, peak_dbfs: float = -3.0
) -> Path:
    """A WAV of a struck bell, 48 kHz stereo, after 250 ms of silence: a note and its octave,
    falling by 36 dB over ``seconds``, its peak at ``peak_dbfs``."""
    rate = 48_000
    t = np.arange(int(rate * seconds)) / rate
    note = np.sin(2 * np.pi * hz * t) + 0.4 * np.sin(2 * np.pi * 2 * hz * t)
    note *= 10 ** (-36 * t / seconds / 20)
    note *= 10 ** (peak_dbfs / 20) * 32767 / np.max(np.abs(note))
    samples = np.concatenate([np.zeros(rate // 4), note])
    stereo = np.repeat(samples.astype("<i2")[:, None], 2, axis=1)
    sound = AudioSegment(stereo.tobytes(), frame_rate=rate, sample_width=2, channels=2)
    sound.export(path, format="wav")
    return path
