"""Supple's sounds, designed in code with pydub and rendered to WAV files in the cache.

No Qt here: this package only makes files; ``supple.qt.cue_player`` plays them.
"""

from supple.audio.cues import cue_path, cues_dir, render_all, render_cue
from supple.audio.custom import (
    CustomSoundError,
    SoundSet,
    ffmpeg_available,
    import_custom,
    resolve_sounds,
)
from supple.audio.design import (
    DESIGN_VERSION,
    DESIGNS,
    PEAK_CEILING_DBFS,
    TARGET_RMS_DBFS,
    CueRecipe,
    Envelope,
    Note,
    recipe_hash,
)
from supple.audio.words import number_words, ordinal_words, speakable
from supple.core.cue import Cue

__all__ = [
    "DESIGNS",
    "DESIGN_VERSION",
    "PEAK_CEILING_DBFS",
    "TARGET_RMS_DBFS",
    "Cue",
    "CueRecipe",
    "CustomSoundError",
    "Envelope",
    "Note",
    "SoundSet",
    "cue_path",
    "cues_dir",
    "ffmpeg_available",
    "import_custom",
    "number_words",
    "ordinal_words",
    "recipe_hash",
    "render_all",
    "render_cue",
    "resolve_sounds",
    "speakable",
]
