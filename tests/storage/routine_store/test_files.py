"""Routine files on disk: atomic saves, copies, new routines, deletes, file-safe ids."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from supple.core import routine_file
from supple.core.catalog import builtin_exercises, builtin_routines
from supple.core.library import load_library
from supple.core.model import Block, Entry
from supple.core.problems import RoutineFileError
from supple.storage import routine_store
from supple.storage.routine_store import RoutineStoreError
from tests.storage.routine_store.builders import (
    SVG,
    folder_listing,
    hamstring_reset,
    with_slider_curl,
)


def test_a_saved_routine_loads_back_unchanged(routines):
    routine = with_slider_curl(hamstring_reset())
    saved, path = routine_store.save_routine(routine)

    assert path == routines / "sore-legs.toml"
    assert saved == routine
    library = load_library(routines)
    assert library.problems == ()
    assert library.find("sore-legs") == routine


def test_a_failed_write_leaves_the_old_file_and_no_temporary_files(routines, monkeypatch):
    routine = with_slider_curl(hamstring_reset())
    _saved, path = routine_store.save_routine(routine)
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    changed = replace(routine, name="Sore legs, three rounds")
    with pytest.raises(RoutineStoreError, match="No space left on device"):
        routine_store.save_routine(changed)

    assert path.read_bytes() == before
    assert folder_listing(routines) == ["sore-legs.toml"]


def test_a_write_that_dies_mid_file_leaves_the_old_file(routines, monkeypatch):
    routine = with_slider_curl(hamstring_reset())
    _saved, path = routine_store.save_routine(routine)
    before = path.read_bytes()
    real_fsync = os.fsync

    def crash_on_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", crash_on_fsync)
    with pytest.raises(RoutineStoreError, match="Input/output error"):
        routine_store.save_routine(replace(routine, description="half written"))
    monkeypatch.setattr(os, "fsync", real_fsync)

    assert path.read_bytes() == before
    assert folder_listing(routines) == ["sore-legs.toml"]


def test_an_invalid_routine_is_not_saved_and_the_validator_says_why(routines):
    routine = with_slider_curl(hamstring_reset())
    circuit = routine.blocks[1]
    bad = replace(
        routine,
        blocks=(
            routine.blocks[0],
            replace(circuit, entries=(replace(circuit.entries[0], reps=0), *circuit.entries[1:])),
        ),
    )
    with pytest.raises(RoutineStoreError) as caught:
        routine_store.save_routine(bad)

    with pytest.raises(RoutineFileError) as validator:
        routine_file.loads(routine_file.dumps(bad), "sore-legs.toml", builtin_exercises())
    assert caught.value.problems == validator.value.problems
    assert [p.message for p in caught.value.problems] == [
        "reps must be a whole number from 1 to 500, got 0"
    ]
    assert folder_listing(routines) == []


def test_a_built_in_routine_cannot_be_overwritten(routines):
    with pytest.raises(RoutineStoreError, match="built-in"):
        routine_store.save_routine(hamstring_reset())
    assert folder_listing(routines) == []


def test_saving_under_a_new_file_name_removes_the_hand_named_file(routines):
    routines.mkdir(parents=True)
    hand_named = routines / "My Routine.toml"
    routine = with_slider_curl(hamstring_reset())
    hand_named.write_text(routine_file.dumps(routine), encoding="utf-8")

    routine_store.save_routine(replace(routine, name="Renamed"))

    assert folder_listing(routines) == ["sore-legs.toml"]
    assert load_library(routines).find("sore-legs").name == "Renamed"


# --- copies and new routines -------------------------------------------------------------


def test_duplicates_get_numbered_ids_and_copy_names(routines):
    first = routine_store.duplicate_routine(hamstring_reset())
    assert (first.id, first.name) == ("hamstring-reset-copy", "Hamstring Reset (copy)")
    assert first.blocks == hamstring_reset().blocks
    routine_store.save_routine(first)

    second = routine_store.duplicate_routine(hamstring_reset())
    assert (second.id, second.name) == ("hamstring-reset-copy-2", "Hamstring Reset (copy 2)")


def test_a_new_routine_needs_an_exercise_before_it_can_be_saved(routines):
    routine = routine_store.new_routine()
    assert routine.id not in {r.id for r in builtin_routines()}
    with pytest.raises(RoutineStoreError) as caught:
        routine_store.save_routine(routine)
    assert [p.field for p in caught.value.problems] == ["entries"]

    filled = replace(routine, blocks=(replace(routine.blocks[0], entries=(Entry("pelvic-tilt"),)),))
    routine_store.save_routine(filled)
    assert routine_store.new_routine().name == "New routine 2"


def test_delete_removes_the_file_and_pictures_nobody_else_uses(routines, picture):
    first, _ = routine_store.save_routine(
        with_slider_curl(hamstring_reset()), pictures={"slider-curl": picture}
    )
    other = replace(first, id="other-legs", name="Other legs")
    routine_store.save_routine(other)
    shared = routine_store.find_picture("slider-curl")
    assert shared is not None and shared.read_bytes() == SVG

    routine_store.delete_routine("sore-legs")
    assert shared.exists(), "the other routine still shows this picture"
    routine_store.delete_routine("other-legs")
    assert not shared.exists()
    assert folder_listing(routines) == ["pictures"]

    with pytest.raises(RoutineStoreError, match="no saved routine"):
        routine_store.delete_routine("other-legs")
    with pytest.raises(RoutineStoreError, match="cannot be deleted"):
        routine_store.delete_routine("hamstring-reset")


def test_slugs_make_file_safe_ids():
    assert routine_store.slugify("Sore Legs (easy) \N{EN DASH} Tuesday") == "sore-legs-easy-tuesday"
    assert routine_store.slugify("Éte à Zürich") == "ete-a-zurich"
    assert routine_store.slugify("!!!") == "routine"
    assert routine_file.ID_PATTERN.match(routine_store.slugify("x" * 200))


def test_a_new_routine_block_can_be_filled_and_is_a_block():
    routine = routine_store.new_routine()
    assert routine.blocks == (Block(name="Circuit", entries=(), rest_between_exercises=15),)
