"""Rendering the built-in cues into the cache, once per design."""

from __future__ import annotations

import contextlib
from pathlib import Path

from supple import paths
from supple.audio.design import DESIGNS, SAMPLE_RATE, CueRecipe, recipe_hash
from supple.audio.synth import synthesize
from supple.audio.wavfile import wav_frames, write_wav_atomic
from supple.core.cue import Cue


def cues_dir(cache_dir: Path | None = None) -> Path:
    """Folder of rendered cue files: ``<cache>/cues``."""
    return (cache_dir if cache_dir is not None else paths.cache_dir()) / "cues"


def render_cue(cue: Cue, cache_dir: Path | None = None, *, recipe: CueRecipe | None = None) -> Path:
    """Path of the cue's WAV, rendering it only if its current design is not on disk yet.

    ``recipe`` replaces the built-in design (to try a variation). Files of earlier
    designs of the same cue are removed once the new one is in place.
    """
    recipe = recipe if recipe is not None else DESIGNS[cue]
    folder = cues_dir(cache_dir)
    path = folder / f"{cue.value}-{recipe_hash(recipe)}.wav"
    expected_frames = SAMPLE_RATE * recipe.duration_ms // 1000
    if wav_frames(path) == expected_frames:
        return path
    write_wav_atomic(synthesize(recipe), path)
    for stale in folder.glob(f"{cue.value}-*.wav"):
        if stale != path:
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
    return path


def render_all(cache_dir: Path | None = None) -> dict[Cue, Path]:
    """Every built-in cue as a WAV file, rendered where missing, loaded from cache otherwise.

    ``cache_dir`` defaults to the user's cache folder; files go into its ``cues`` folder.
    """
    return {cue: render_cue(cue, cache_dir) for cue in Cue}


def cue_path(cue: Cue, cache_dir: Path | None = None) -> Path:
    """Where the cue's sound is, rendering it first if needed."""
    return render_cue(cue, cache_dir)
