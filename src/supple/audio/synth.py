"""Turning a cue recipe into sound with pydub: tones, envelopes, mixing, loudness."""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterator

from pydub import AudioSegment
from pydub.generators import SignalGenerator, Sine, Triangle

from supple.audio.design import (
    CHANNELS,
    PEAK_CEILING_DBFS,
    SAMPLE_RATE,
    SAMPLE_WIDTH,
    TARGET_RMS_DBFS,
    CueRecipe,
    Envelope,
    Note,
)

# Notes are generated well below full scale so that chords and ringing tails add up
# without clipping; the finished cue is brought to the target level afterwards.
_NOTE_LEVEL_DBFS = -14.0


class SilentAudioError(ValueError):
    """A sound has no signal at all, so there is nothing to bring to a loudness."""


class Glide(SignalGenerator):  # type: ignore[misc]  # pydub ships no type hints
    """A tone that slides smoothly (in equal musical steps) from one pitch to another."""

    def __init__(
        self,
        start_hz: float,
        end_hz: float,
        duration_ms: float,
        waveform: str = "sine",
        **kwargs: int,
    ) -> None:
        super().__init__(**kwargs)
        self.start_hz = start_hz
        self.end_hz = end_hz
        self.duration_ms = duration_ms
        self.waveform = waveform

    def generate(self) -> Iterator[float]:
        total = max(1, int(self.sample_rate * self.duration_ms / 1000))
        ratio = self.end_hz / self.start_hz
        phase = 0.0  # in cycles, so the slide never jumps
        n = 0
        while True:
            yield _wave(self.waveform, phase)
            hz = self.start_hz * ratio ** min(n / total, 1.0)
            phase = (phase + hz / self.sample_rate) % 1.0
            n += 1


def _wave(waveform: str, phase: float) -> float:
    if waveform == "triangle":
        return 4.0 * abs(phase - 0.5) - 1.0
    return math.sin(2.0 * math.pi * phase)


def _raw_tone(note: Note) -> AudioSegment:
    generator: SignalGenerator
    if note.glide_to_hz is not None:
        generator = Glide(
            note.hz, note.glide_to_hz, note.duration_ms, note.waveform, sample_rate=SAMPLE_RATE
        )
    elif note.waveform == "triangle":
        generator = Triangle(note.hz, sample_rate=SAMPLE_RATE)
    else:
        generator = Sine(note.hz, sample_rate=SAMPLE_RATE)
    return generator.to_audio_segment(
        duration=note.duration_ms, volume=_NOTE_LEVEL_DBFS + note.gain_db
    )


def apply_envelope(tone: AudioSegment, envelope: Envelope) -> AudioSegment:
    """Shape a tone sample by sample, so short attacks stay smooth (no zipper steps)."""
    samples = tone.get_array_of_samples()
    count = len(samples)
    per_ms = tone.frame_rate / 1000
    attack = min(count, max(1, round(envelope.attack_ms * per_ms)))
    release = min(count, max(1, round(envelope.release_ms * per_ms)))
    decay_span = max(1, count - attack)
    decay_per_sample = 10 ** (-envelope.decay_db / 20 / decay_span)
    release_start = count - release

    shaped = array("h", bytes(2 * count))
    level = 1.0
    for i in range(count):
        if i < attack:
            gain = 0.5 - 0.5 * math.cos(math.pi * i / attack)
        else:
            gain = level
            level *= decay_per_sample
        if i >= release_start:
            gain *= 0.5 + 0.5 * math.cos(math.pi * (i - release_start + 1) / release)
        shaped[i] = int(samples[i] * gain)
    return AudioSegment(
        data=shaped.tobytes(),
        sample_width=SAMPLE_WIDTH,
        frame_rate=tone.frame_rate,
        channels=CHANNELS,
    )


def normalise(sound: AudioSegment) -> AudioSegment:
    """Bring a sound to the shared RMS target, never letting its peak pass the ceiling."""
    if sound.rms == 0:
        raise SilentAudioError("the sound is completely silent")
    gain = min(TARGET_RMS_DBFS - sound.dBFS, PEAK_CEILING_DBFS - sound.max_dBFS)
    return sound.apply_gain(gain)


def to_cue_format(sound: AudioSegment) -> AudioSegment:
    """Mono, 44.1 kHz, 16-bit: what every cue file holds."""
    return sound.set_channels(CHANNELS).set_frame_rate(SAMPLE_RATE).set_sample_width(SAMPLE_WIDTH)


def synthesize(recipe: CueRecipe) -> AudioSegment:
    """Mix a recipe's notes at their start times and level the result."""
    mix = AudioSegment.silent(duration=recipe.duration_ms, frame_rate=SAMPLE_RATE)
    mix = to_cue_format(mix)
    for note in recipe.notes:
        tone = apply_envelope(_raw_tone(note), note.envelope)
        mix = mix.overlay(tone, position=note.start_ms)
    return normalise(mix)
