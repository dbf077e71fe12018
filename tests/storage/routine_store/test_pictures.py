"""Pictures of a routine's own exercises: checked, named, kept inside the routines folder."""

from __future__ import annotations

from dataclasses import replace

import pytest

from supple import paths
from supple.storage import routine_store
from supple.storage.routine_store import RoutineStoreError
from tests.storage.routine_store.builders import (
    OTHER_SVG,
    PNG,
    SVG,
    folder_listing,
    hamstring_reset,
    with_slider_curl,
)


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
