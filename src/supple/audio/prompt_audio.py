"""How long a voice takes to say a prompt, measured from the voice's own audio.

On Linux the speech engine is speech-dispatcher speaking with espeak-ng; espeak-ng
renders the same text with the same voice and speed to a WAV in a few milliseconds, and
the sound in it lasts as long as what the speakers will play (within 4 %, measured
through a sound server in ``benchmarks/heard.py``). Lengths are kept per voice and
speed in the cache, so each prompt is rendered once.
"""

from __future__ import annotations

import io
import json
import math
import re
import shutil
import sys
import wave
from array import array
from pathlib import Path

from supple.core.atomic_file import write_text

ESPEAK = "espeak-ng"
HEARD_DBFS = -45.0
"""A 10 ms frame that peaks above this is voice; the render's lead-in and tail are quieter."""
FRAME_SECONDS = 0.01
# speech-dispatcher's espeak-ng module (modules/espeak-ng.conf): its rate -100..100 maps
# linearly onto words a minute, below and above the normal pace.
MIN_WPM, NORMAL_WPM, MAX_WPM = 80, 170, 449


def espeak_wpm(rate: float) -> int:
    """Words a minute for Qt's rate (-1..1), as speech-dispatcher tells espeak-ng."""
    step = round(max(-1.0, min(1.0, rate)) * 100)
    if step < 0:
        return NORMAL_WPM + (NORMAL_WPM - MIN_WPM) * step // 100
    return NORMAL_WPM + (MAX_WPM - NORMAL_WPM) * step // 100


def espeak_command(text: str, voice: str, rate: float) -> list[str] | None:
    """The espeak-ng command that renders ``text`` as the speech engine would say it;
    None where espeak-ng is not installed."""
    program = shutil.which(ESPEAK)
    if program is None:
        return None
    return [program, "-v", voice or "en-us", "-s", str(espeak_wpm(rate)), "--stdout", text]


def voiced_seconds(wav: bytes) -> float | None:
    """From the first to the last loud 10 ms of a 16-bit WAV file; None if it is not one."""
    try:
        with wave.open(io.BytesIO(wav)) as reader:
            if reader.getsampwidth() != 2:
                return None
            rate: int = reader.getframerate()
            channels: int = reader.getnchannels()
            samples: array[int] = array("h", reader.readframes(reader.getnframes()))
    except (wave.Error, EOFError):
        return None
    if sys.byteorder == "big":
        samples.byteswap()
    step = max(1, round(rate * FRAME_SECONDS)) * channels
    floor = 10 ** (HEARD_DBFS / 20) * 32768
    starts = range(0, len(samples) - step + 1, step)

    def loud(i: int) -> bool:
        frame = samples[i : i + step]
        return max(frame) > floor or -min(frame) > floor

    # Only the quiet lead-in and tail are looked at, so this stays quick on the GUI thread.
    first = next((i for i in starts if loud(i)), None)
    if first is None:
        return 0.0
    last = next(i for i in reversed(starts) if loud(i))
    return (last - first + step) / (channels * rate)


class LengthFile:
    """Measured lengths of prompts for one voice at one speed, kept in the cache."""

    def __init__(self, folder: Path, voice_key: str) -> None:
        self.path = self.path_for(folder, voice_key)
        self.lengths: dict[str, float] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # nothing kept yet, or a damaged file: measured again
        if isinstance(data, dict):
            self.lengths = {
                str(text): float(seconds)
                for text, seconds in data.items()
                if isinstance(seconds, int | float) and math.isfinite(seconds) and seconds >= 0
            }

    @staticmethod
    def path_for(folder: Path, voice_key: str) -> Path:
        safe = re.sub(r"[^A-Za-z0-9.+-]+", "_", voice_key).strip("_") or "default"
        return folder / f"{safe}.json"

    def save(self) -> None:
        """Write the lengths; a cache that cannot be written only costs measuring again."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_text(self.path, json.dumps(self.lengths, indent=0, sort_keys=True))
        except OSError:
            pass
