"""Bundles in and out: export, import, and everything a bad bundle can hold."""

from __future__ import annotations

import stat
import zipfile
from dataclasses import replace

import pytest

from supple import paths
from supple.core import routine_file
from supple.core.catalog import builtin_exercises
from supple.core.library import load_library
from supple.core.problems import RoutineFileError
from supple.storage import routine_store
from supple.storage.routine_store import RoutineStoreError
from tests.storage.routine_store.builders import (
    PNG,
    SVG,
    folder_listing,
    hamstring_reset,
    make_bundle,
    with_slider_curl,
)


def test_export_then_import_elsewhere_gives_the_same_routine_and_picture(tmp_path, picture):
    png = tmp_path / "photo.png"
    png.write_bytes(PNG)
    routine = with_slider_curl(hamstring_reset())
    saved, _ = routine_store.save_routine(routine, pictures={"slider-curl": png})
    bundle = routine_store.export_bundle(saved, tmp_path / "share" / "sore-legs")
    assert bundle.name == "sore-legs.zip"
    with zipfile.ZipFile(bundle) as opened:
        assert sorted(opened.namelist()) == ["pictures/slider-curl.png", "routine.toml"]

    friend = tmp_path / "friend-routines"
    result = routine_store.import_routine(bundle, friend)

    assert result.routine == saved
    assert result.renamed_from is None
    assert result.path == friend / "sore-legs.toml"
    assert (friend / "pictures" / "slider-curl.png").read_bytes() == PNG
    assert load_library(friend).find("sore-legs") == saved


def test_importing_a_routine_whose_id_is_taken_renames_it(tmp_path, picture):
    saved, _ = routine_store.save_routine(
        with_slider_curl(hamstring_reset()), pictures={"slider-curl": picture}
    )
    bundle = routine_store.export_bundle(saved, tmp_path / "sore-legs.zip")

    result = routine_store.import_routine(bundle)

    assert result.renamed_from == "sore-legs"
    assert result.routine.id == "sore-legs-2"
    assert result.routine.name == "Sore legs (imported)"
    assert result.pictures == (), "the identical picture is shared, not copied again"
    library = load_library(paths.routines_dir())
    assert library.problems == ()
    assert {r.id for r in library.routines} >= {"sore-legs", "sore-legs-2"}


def test_importing_a_built_in_id_renames_it(tmp_path):
    source = tmp_path / "hamstring-reset.toml"
    source.write_text(routine_file.dumps(hamstring_reset()), encoding="utf-8")
    result = routine_store.import_routine(source)
    assert result.routine.id == "hamstring-reset-2"
    assert result.routine.blocks == hamstring_reset().blocks


def test_a_broken_routine_file_is_refused_with_the_validators_words(tmp_path, routines):
    text = routine_file.dumps(with_slider_curl(hamstring_reset())).replace(
        "rounds = 2", "rounds = 0"
    )
    source = tmp_path / "sore-legs.toml"
    source.write_text(text, encoding="utf-8")

    with pytest.raises(RoutineStoreError) as caught:
        routine_store.import_routine(source)

    with pytest.raises(RoutineFileError) as validator:
        routine_file.load(source, builtin_exercises())
    # The same words; the import names the file the user chose by its name alone.
    assert caught.value.problems == tuple(
        replace(p, file=source.name) for p in validator.value.problems
    )
    assert str(caught.value.problems[0]) == (
        'sore-legs.toml: block "Pelvic circuit": rounds must be a whole number from 1 to 20, got 0'
    )
    assert "nothing was copied" in caught.value.message
    assert folder_listing(routines) == []


def test_a_bundle_with_a_broken_routine_copies_not_even_its_picture(tmp_path, routines):
    text = routine_file.dumps(with_slider_curl(hamstring_reset())).replace(
        'kind = "reps"', 'kind = "rep"', 1
    )
    bundle = make_bundle(
        tmp_path / "b.zip", {"routine.toml": text, "pictures/slider-curl.svg": SVG}
    )
    with pytest.raises(RoutineStoreError) as caught:
        routine_store.import_routine(bundle)
    assert any(
        'kind must be one of reps, timed, got "rep"' in str(p) for p in caught.value.problems
    )
    assert folder_listing(routines) == []


@pytest.mark.parametrize(
    ("member", "complaint"),
    [
        ("../evil.toml", "points outside the bundle"),
        ("pictures/../../evil.svg", "points outside the bundle"),
        ("/etc/evil.svg", "absolute or Windows-style path"),
        ("C:/evil.svg", "absolute or Windows-style path"),
        ("pictures\\evil.svg", "absolute or Windows-style path"),
        ("pictures/evil.gif", "not an .svg or .png picture"),
        ("pictures/Evil Name.svg", "picture name Supple cannot use"),
        ("script.sh", "not part of a routine bundle"),
    ],
)
def test_a_bundle_with_a_path_outside_its_place_is_refused(tmp_path, routines, member, complaint):
    routine = routine_file.dumps(with_slider_curl(hamstring_reset()))
    bundle = make_bundle(tmp_path / "b.zip", {"routine.toml": routine, member: SVG})

    with pytest.raises(RoutineStoreError) as caught:
        routine_store.import_routine(bundle)

    assert [(p.where, p.message) for p in caught.value.problems if complaint in p.message] == [
        (member, caught.value.problems[0].message)
    ]
    assert folder_listing(routines) == []
    assert not (tmp_path / "evil.toml").exists()


def test_a_bundle_with_a_symbolic_link_is_refused(tmp_path, routines):
    bundle = tmp_path / "b.zip"
    with zipfile.ZipFile(bundle, "w") as out:
        out.writestr("routine.toml", routine_file.dumps(with_slider_curl(hamstring_reset())))
        link = zipfile.ZipInfo("pictures/slider-curl.svg")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        out.writestr(link, "/etc/passwd")
    with pytest.raises(RoutineStoreError, match="symbolic link"):
        routine_store.import_routine(bundle)
    assert folder_listing(routines) == []


def test_a_bundle_with_an_oversized_picture_is_refused(tmp_path, routines):
    huge = PNG + b"\x00" * routine_store.MAX_PICTURE_BYTES
    bundle = tmp_path / "b.zip"
    with zipfile.ZipFile(bundle, "w", compression=zipfile.ZIP_DEFLATED) as out:
        out.writestr("routine.toml", routine_file.dumps(with_slider_curl(hamstring_reset())))
        out.writestr("pictures/slider-curl.png", huge)
    assert bundle.stat().st_size < 100_000, "compresses small, unpacks big"
    with pytest.raises(RoutineStoreError, match="too big for a picture"):
        routine_store.import_routine(bundle)
    assert folder_listing(routines) == []


def test_other_files_that_are_not_bundles_are_refused(tmp_path, routines):
    not_zip = tmp_path / "fake.zip"
    not_zip.write_bytes(b"just text")
    with pytest.raises(RoutineStoreError, match="not a zip file"):
        routine_store.import_routine(not_zip)
    no_routine = make_bundle(tmp_path / "empty.zip", {"pictures/a.svg": SVG})
    with pytest.raises(RoutineStoreError, match=r"has no routine\.toml"):
        routine_store.import_routine(no_routine)
    stray = make_bundle(
        tmp_path / "stray.zip",
        {
            "routine.toml": routine_file.dumps(with_slider_curl(hamstring_reset())),
            "pictures/unused.svg": SVG,
        },
    )
    with pytest.raises(RoutineStoreError, match="not the picture of any exercise"):
        routine_store.import_routine(stray)
    other = tmp_path / "routine.json"
    other.write_text("{}", encoding="utf-8")
    with pytest.raises(RoutineStoreError, match=r"\.zip\) or a routine file \(\.toml"):
        routine_store.import_routine(other)
    assert folder_listing(routines) == []
