"""The user's routines on disk: atomic saves, copies, deletes, and bundles in and out."""

from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import replace

import pytest

from supple import paths
from supple.core import routine_file
from supple.core.catalog import builtin_exercises, builtin_routines
from supple.core.library import load_library
from supple.core.model import Block, Category, Entry, Exercise, Kind, Routine
from supple.core.problems import RoutineFileError
from supple.storage import routine_store
from supple.storage.routine_store import RoutineStoreError

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30">'
    b'<circle cx="20" cy="15" r="10" fill="#E8EEF2"/></svg>'
)
OTHER_SVG = SVG.replace(b'r="10"', b'r="12"')
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def hamstring_reset() -> Routine:
    return next(r for r in builtin_routines() if r.id == "hamstring-reset")


def with_slider_curl(routine: Routine) -> Routine:
    slider = Exercise(
        id="slider-curl",
        name="Slider curls",
        category=Category.STRENGTH,
        kind=Kind.REPS,
        reps=8,
        tempo=4.0,
        phases=("curl in", "slide out"),
        cues=("Hips up", "Heels in, then slowly out"),
    )
    circuit = routine.blocks[1]
    entries = tuple(
        Entry("slider-curl") if e.exercise == "hamstring-curl" else e for e in circuit.entries
    )
    blocks = (routine.blocks[0], replace(circuit, entries=entries))
    return replace(routine, id="sore-legs", name="Sore legs", exercises=(slider,), blocks=blocks)


def folder_listing(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


@pytest.fixture
def routines():
    return paths.routines_dir()


@pytest.fixture
def picture(tmp_path):
    path = tmp_path / "drawn.svg"
    path.write_bytes(SVG)
    return path


# --- saving -----------------------------------------------------------------------------


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


# --- pictures ----------------------------------------------------------------------------


def test_a_picked_picture_is_copied_next_to_the_routine(routines, picture):
    saved, _ = routine_store.save_routine(
        with_slider_curl(hamstring_reset()), pictures={"slider-curl": picture}
    )
    copied = routines / "pictures" / "slider-curl.svg"
    assert copied.read_bytes() == SVG
    assert saved.exercises[0].image_name == "slider-curl"
    assert routine_store.find_picture("slider-curl") == copied


def test_a_different_picture_with_a_taken_name_gets_its_own_name(routines, picture, tmp_path):
    routine_store.save_routine(
        with_slider_curl(hamstring_reset()), pictures={"slider-curl": picture}
    )
    other = tmp_path / "other.svg"
    other.write_bytes(OTHER_SVG)
    second = replace(with_slider_curl(hamstring_reset()), id="second", name="Second")
    saved, _ = routine_store.save_routine(second, pictures={"slider-curl": other})

    assert saved.exercises[0].image == "slider-curl-2"
    assert (routines / "pictures" / "slider-curl.svg").read_bytes() == SVG
    assert (routines / "pictures" / "slider-curl-2.svg").read_bytes() == OTHER_SVG


@pytest.mark.parametrize(
    ("name", "content", "complaint"),
    [
        ("notes.txt", b"hello", "choose an .svg or .png file"),
        ("fake.png", b"GIF89a...", "not a PNG picture"),
        ("broken.svg", b"<svg><g></svg>", "not valid SVG"),
        ("html.svg", b"<html><body/></html>", "not an SVG picture"),
        (
            "bomb.svg",
            b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg"/>',
            "DOCTYPE",
        ),
        (
            "linked.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            b'<image xlink:href="file:///etc/passwd"/></svg>',
            "links to other files",
        ),
    ],
)
def test_pictures_that_are_not_safe_svg_or_png_are_refused(tmp_path, name, content, complaint):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(RoutineStoreError, match=complaint):
        routine_store.check_picture(path)
    with pytest.raises(RoutineStoreError):
        routine_store.save_routine(
            with_slider_curl(hamstring_reset()), pictures={"slider-curl": path}
        )
    assert folder_listing(paths.routines_dir()) == []


def test_an_oversized_picture_is_refused(tmp_path):
    path = tmp_path / "huge.png"
    path.write_bytes(PNG + b"\x00" * routine_store.MAX_PICTURE_BYTES)
    with pytest.raises(RoutineStoreError, match="larger than 2 MB"):
        routine_store.check_picture(path)


def test_pictures_stay_inside_the_routines_folder(routines, picture, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    routines.mkdir(parents=True)
    (routines / "pictures").symlink_to(outside, target_is_directory=True)

    with pytest.raises(RoutineStoreError, match="link to somewhere else"):
        routine_store.save_routine(
            with_slider_curl(hamstring_reset()), pictures={"slider-curl": picture}
        )
    assert list(outside.iterdir()) == []
    assert not (routines / "sore-legs.toml").exists()


# --- bundles -----------------------------------------------------------------------------


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


def make_bundle(path, members):
    with zipfile.ZipFile(path, "w") as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)
    return path


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


def test_slugs_make_file_safe_ids():
    assert routine_store.slugify("Sore Legs (easy) \N{EN DASH} Tuesday") == "sore-legs-easy-tuesday"
    assert routine_store.slugify("Éte à Zürich") == "ete-a-zurich"
    assert routine_store.slugify("!!!") == "routine"
    assert routine_file.ID_PATTERN.match(routine_store.slugify("x" * 200))


def test_a_new_routine_block_can_be_filled_and_is_a_block():
    routine = routine_store.new_routine()
    assert routine.blocks == (Block(name="Circuit", entries=(), rest_between_exercises=15),)
