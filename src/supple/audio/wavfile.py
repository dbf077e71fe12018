"""Writing and checking cue WAV files so a crash or a stray file never plays as a cue."""

from __future__ import annotations

import wave
from pathlib import Path

from pydub import AudioSegment

from supple.audio.design import CHANNELS, SAMPLE_RATE, SAMPLE_WIDTH
from supple.core.atomic_file import atomic_bytes


def write_wav_atomic(sound: AudioSegment, path: Path) -> None:
    """Readers see either the old file or the complete new one, never a partial WAV."""
    with atomic_bytes(path) as out:
        sound.export(out, format="wav")


def wav_frames(path: Path) -> int | None:
    """Frame count of a cue-format WAV (mono, 44.1 kHz, 16-bit), or None if it isn't one."""
    try:
        with wave.open(str(path), "rb") as wav:
            if (
                wav.getnchannels() != CHANNELS
                or wav.getsampwidth() != SAMPLE_WIDTH
                or wav.getframerate() != SAMPLE_RATE
            ):
                return None
            frames = wav.getnframes()
    except (OSError, EOFError, wave.Error):
        return None
    # The header could promise more than the file holds (a truncated copy).
    expected_size = 44 + frames * SAMPLE_WIDTH * CHANNELS
    return frames if path.stat().st_size >= expected_size else None
