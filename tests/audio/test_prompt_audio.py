"""Prompt lengths measured from a voice's own audio, kept per voice in the cache."""

from __future__ import annotations

import io
import math
import shutil
import subprocess
import wave
from array import array

import pytest

from supple.audio.prompt_audio import LengthFile, espeak_command, espeak_wpm, voiced_seconds


def wav(*stretches: tuple[float, float], rate: int = 22_050) -> bytes:
    """Silence and a 440 Hz tone in turn: (seconds, amplitude 0..1) each."""
    samples = array("h")
    for seconds, amplitude in stretches:
        samples.extend(
            round(amplitude * 20_000 * math.sin(2 * math.pi * 440 * i / rate))
            for i in range(round(seconds * rate))
        )
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(samples.tobytes())
    return out.getvalue()


def test_the_voiced_part_is_measured_without_its_lead_in_and_tail():
    assert voiced_seconds(wav((0.2, 0.0), (1.3, 0.5), (0.1, 0.0), (0.4, 0.5), (0.5, 0.0))) == (
        pytest.approx(1.8, abs=0.011)
    )
    assert voiced_seconds(wav((0.5, 0.0))) == 0.0
    assert voiced_seconds(b"not a wav") is None


def test_speeds_map_as_speech_dispatcher_tells_espeak():
    assert [espeak_wpm(r) for r in (-1.0, -0.5, 0.0, 0.5, 1.0, 3.0)] == [
        80,
        125,
        170,
        309,
        449,
        449,
    ]


def test_lengths_are_kept_per_voice_and_a_damaged_file_is_measured_again(tmp_path):
    kept = LengthFile(tmp_path, "speechd-English (America)-+0.0")
    kept.lengths["Halfway"] = 0.51
    kept.save()
    assert LengthFile(tmp_path, "speechd-English (America)-+0.0").lengths == {"Halfway": 0.51}
    assert LengthFile(tmp_path, "speechd-English (America)-+0.5").lengths == {}
    kept.path.write_text('{"Halfway": "slow", "Rest": -1, "Go": 0.3')
    assert LengthFile(tmp_path, "speechd-English (America)-+0.0").lengths == {}


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng")
def test_a_longer_prompt_and_a_slower_voice_take_longer():
    def seconds(text: str, rate: float) -> float:
        command = espeak_command(text, "English (America)", rate)
        assert command is not None
        length = voiced_seconds(subprocess.run(command, capture_output=True, check=True).stdout)
        assert length is not None
        return length

    short, long = seconds("Halfway", 0.0), seconds("Switch sides. Right side.", 0.0)
    assert 0.3 < short < long < 3.0
    assert seconds("Switch sides. Right side.", -0.5) > long * 1.2
