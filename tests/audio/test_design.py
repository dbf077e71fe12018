"""Cue designs are data: frozen, complete, and keyed by a hash that tracks every change."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from supple.audio import DESIGNS, Cue, CueRecipe, Envelope, Note, recipe_hash
from supple.audio import design as design_module


def test_every_cue_has_a_design():
    assert set(DESIGNS) == set(Cue)
    for cue, recipe in DESIGNS.items():
        assert recipe.notes, cue
        assert all(n.start_ms >= 0 and n.duration_ms > 0 and n.hz > 0 for n in recipe.notes)


def test_recipes_cannot_be_changed_in_place():
    note = DESIGNS[Cue.GO].notes[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        note.hz = 100.0  # type: ignore[misc]  # the point of the test


def test_hash_is_the_same_for_an_equal_recipe_and_in_another_process():
    rebuilt = CueRecipe(tuple(dataclasses.replace(n) for n in DESIGNS[Cue.HALFWAY].notes))
    assert recipe_hash(rebuilt) == recipe_hash(DESIGNS[Cue.HALFWAY])
    code = (
        "from supple.audio import DESIGNS, Cue, recipe_hash;"
        "print(recipe_hash(DESIGNS[Cue.HALFWAY]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == recipe_hash(DESIGNS[Cue.HALFWAY])


@pytest.mark.parametrize(
    "change",
    [
        {"hz": 441.0},
        {"start_ms": 1},
        {"duration_ms": 91},
        {"gain_db": -1.0},
        {"waveform": "triangle"},
        {"glide_to_hz": 500.0},
        {"envelope": Envelope(attack_ms=6, decay_db=20, release_ms=10)},
    ],
)
def test_any_change_to_a_note_changes_the_hash(change):
    base = Note(440.0, 0, 90, Envelope(attack_ms=5, decay_db=20, release_ms=10))
    assert recipe_hash(CueRecipe((base,))) != recipe_hash(
        CueRecipe((dataclasses.replace(base, **change),))
    )


def test_design_version_is_part_of_the_hash(monkeypatch):
    before = recipe_hash(DESIGNS[Cue.GO])
    monkeypatch.setattr(design_module, "DESIGN_VERSION", design_module.DESIGN_VERSION + 1)
    assert recipe_hash(DESIGNS[Cue.GO]) != before


def test_recipe_length_is_where_its_last_note_ends():
    env = Envelope(attack_ms=5, decay_db=20, release_ms=10)
    recipe = CueRecipe((Note(440.0, 0, 500, env), Note(660.0, 100, 100, env)))
    assert recipe.duration_ms == 500
