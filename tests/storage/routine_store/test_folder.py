"""The routines folder read for taken ids, names and pictures: odd files never hang or crash it.

The folder is read as the loader reads it: a named pipe would wait forever for a writer,
``/dev/zero`` never ends, and brackets nested thousands deep exhaust the TOML parser.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import replace

import pytest

from supple.storage import routine_store
from supple.storage.routine_store.folder import declared_id, taken_ids, taken_names
from supple.storage.routine_store.pictures import images_of_file
from tests.storage.routine_store.builders import hamstring_reset, with_slider_curl

NESTED = "x = " + "[" * 50_000 + "]" * 50_000 + "\n"


def finishes(work: Callable[[], object], seconds: float = 10.0) -> object:
    """``work()``'s result; fails (instead of hanging the suite) when it does not return."""
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"{work} did not return within {seconds} s"
    return result[0]


@pytest.fixture
def odd_folder(routines):
    """A user folder with one good routine beside a FIFO, an endless file and deep nesting."""
    routines.mkdir(parents=True, exist_ok=True)
    routine_store.save_routine(replace(hamstring_reset(), id="my-legs", name="My legs"), routines)
    os.mkfifo(routines / "pipe.toml")
    (routines / "zero.toml").symlink_to("/dev/zero")
    (routines / "deep.toml").write_text(NESTED, encoding="utf-8")
    (routines / "bom.toml").write_text('\ufeffid = "with-bom"\nname = "Marked"\n', "utf-8")
    return routines


@pytest.mark.parametrize("name", ["pipe.toml", "zero.toml", "deep.toml"])
def test_an_unreadable_file_declares_nothing(odd_folder, name):
    assert finishes(lambda: declared_id(odd_folder / name)) is None
    assert finishes(lambda: images_of_file(odd_folder / name)) is None


def test_taken_ids_and_names_skip_what_cannot_be_read(odd_folder):
    ids = finishes(lambda: taken_ids(odd_folder))
    assert {"my-legs", "with-bom", "pipe", "zero", "deep"} <= ids  # file names stay taken
    names = finishes(lambda: taken_names(odd_folder))
    assert {"my legs", "marked"} <= names


def test_the_editors_actions_work_beside_odd_files(odd_folder, picture):
    copy = finishes(lambda: routine_store.duplicate_routine(hamstring_reset(), odd_folder))
    assert copy.id == "hamstring-reset-copy"
    fresh = finishes(lambda: routine_store.new_routine(odd_folder))
    assert fresh.name == "New routine"
    saved = with_slider_curl(hamstring_reset())
    finishes(
        lambda: routine_store.save_routine(saved, odd_folder, pictures={"slider-curl": picture})
    )
    finishes(lambda: routine_store.delete_routine("sore-legs", odd_folder))
    assert (odd_folder / "pipe.toml").exists() and (odd_folder / "deep.toml").exists()
