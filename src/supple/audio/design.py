"""The cue sounds as data: each cue is a short score of enveloped tones.

Keeping the design as frozen dataclasses means a change to any number changes the
recipe's hash, and so the file name in the cache: an edited sound is rendered again,
an unchanged one is loaded from disk.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Literal

from supple.core.cue import Cue

# Bump when the synthesis code changes the sound of an unchanged recipe.
DESIGN_VERSION = 1

SAMPLE_RATE = 44_100
SAMPLE_WIDTH = 2  # bytes: 16-bit PCM
CHANNELS = 1

# Every cue (and every custom sound) is brought to the same loudness, so no cue
# startles and none gets lost. dBFS as pydub measures it: a full-scale sine has an
# RMS of -3 dBFS.
TARGET_RMS_DBFS = -20.0
PEAK_CEILING_DBFS = -1.0

Waveform = Literal["sine", "triangle"]


@dataclass(frozen=True)
class Envelope:
    """Loudness over a note's life: a smooth rise, an exponential fall, a soft stop.

    ``decay_db`` is how far the note has fallen by its end (0 keeps it level), and
    ``release_ms`` fades the last stretch to silence so no note ends in a click.
    """

    attack_ms: float
    decay_db: float
    release_ms: float


@dataclass(frozen=True)
class Note:
    """One tone: where it starts in the cue, how long it sounds, how loud, its shape.

    ``glide_to_hz`` turns the note into a smooth slide from ``hz`` to that pitch.
    """

    hz: float
    start_ms: int
    duration_ms: int
    envelope: Envelope
    gain_db: float = 0.0
    waveform: Waveform = "sine"
    glide_to_hz: float | None = None

    @property
    def end_ms(self) -> int:
        return self.start_ms + self.duration_ms


@dataclass(frozen=True)
class CueRecipe:
    """A cue's score; its length is where its last note ends."""

    notes: tuple[Note, ...]

    @property
    def duration_ms(self) -> int:
        return max(note.end_ms for note in self.notes)


def recipe_hash(recipe: CueRecipe) -> str:
    """A short digest that changes whenever the recipe or the rendering does."""
    payload = {
        "design_version": DESIGN_VERSION,
        "format": [SAMPLE_RATE, SAMPLE_WIDTH, CHANNELS],
        "levels": [TARGET_RMS_DBFS, PEAK_CEILING_DBFS],
        "recipe": asdict(recipe),
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


# Envelopes shared by several cues.
_PLUCK = Envelope(attack_ms=3, decay_db=34, release_ms=6)  # short and dry: ticks
_PIP = Envelope(attack_ms=5, decay_db=20, release_ms=10)  # rounded beep
_SOFT = Envelope(attack_ms=14, decay_db=14, release_ms=30)  # gentle swell and fade
_GLIDE = Envelope(attack_ms=10, decay_db=8, release_ms=25)
_BELL = Envelope(attack_ms=3, decay_db=30, release_ms=20)  # struck and ringing

# Note names, equal temperament around A4 = 440 Hz.
_C5, _CS5, _D5, _E5, _G5, _A5, _B5 = 523.25, 554.37, 587.33, 659.26, 783.99, 880.0, 987.77
_C6, _D6 = 1046.50, 1174.66


DESIGNS: dict[Cue, CueRecipe] = {
    # A soft, round pip under each second of the get-ready count.
    Cue.GET_READY_PIP: CueRecipe((Note(_E5, 0, 90, _PIP),)),
    # Start work: a bright rising fourth with a touch of octave shimmer on top.
    Cue.GO: CueRecipe(
        (
            Note(_G5, 0, 140, _PIP, waveform="triangle"),
            Note(_C6, 120, 300, _BELL, waveform="triangle"),
            Note(_C6 * 2, 120, 300, _BELL, gain_db=-16),
        )
    ),
    # Each rep of a one-phase movement: a dry, quiet tick.
    Cue.REP_TICK: CueRecipe((Note(_D6, 0, 50, _PLUCK),)),
    # Two-phase reps: a short slide up for the first half, down for the second.
    Cue.PHASE_UP: CueRecipe((Note(440.0, 0, 170, _GLIDE, glide_to_hz=_E5),)),
    Cue.PHASE_DOWN: CueRecipe((Note(_E5, 0, 170, _GLIDE, glide_to_hz=440.0),)),
    # The last three seconds of a hold or rest: higher and firmer than the get-ready pip.
    Cue.COUNTDOWN_PIP: CueRecipe((Note(_C6, 0, 110, _PIP, waveform="triangle"),)),
    # Halfway through a timed step: a gentle falling "ding-dong".
    Cue.HALFWAY: CueRecipe(
        (
            Note(_E5, 0, 260, _SOFT),
            Note(_CS5, 240, 300, _SOFT),
        )
    ),
    # Change sides: a quick back-and-forth between two notes, like left-right-left-right.
    Cue.SIDE_SWITCH: CueRecipe(
        tuple(
            Note(_A5 if i % 2 == 0 else _D6, i * 90, 85, _PIP, waveform="triangle")
            for i in range(4)
        )
    ),
    # Rest: three notes stepping down, slow and soft.
    Cue.REST_START: CueRecipe(
        (
            Note(_G5, 0, 220, _SOFT),
            Note(_E5, 170, 220, _SOFT),
            Note(_C5, 340, 260, _SOFT),
        )
    ),
    # An exercise is done: a grace note, then a ringing major chord.
    Cue.EXERCISE_COMPLETE: CueRecipe(
        (
            Note(_D5, 0, 90, _PIP),
            Note(_G5, 80, 420, _BELL),
            Note(_B5, 80, 420, _BELL, gain_db=-4),
            Note(_D6, 80, 420, _BELL, gain_db=-7),
        )
    ),
    # The whole session is done: a rising arpeggio that rings out.
    Cue.SESSION_COMPLETE: CueRecipe(
        (
            Note(_C5, 0, 520, _BELL, gain_db=-2),
            Note(_E5, 140, 520, _BELL, gain_db=-2),
            Note(_G5, 280, 560, _BELL, gain_db=-1),
            Note(_C6, 420, 780, _BELL),
            Note(_C6 * 2, 420, 780, _BELL, gain_db=-18),
        )
    ),
}
