"""Routine files as someone with a text editor can leave them: every one is a clear problem.

No file in the routines folder may stop Supple or the other routines, whatever its bytes
are or whatever kind of file it is.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from supple.core import routine_file
from supple.core.catalog import builtin_exercises
from supple.core.library import load_folder
from supple.core.problems import RoutineFileError

GOOD = 'name = "Good"\n[[blocks]]\nname = "A"\n[[blocks.entries]]\nexercise = "bird-dog"\n'


def problems_of_file(path: Path) -> list[str]:
    with pytest.raises(RoutineFileError) as caught:
        routine_file.load(path, builtin_exercises())
    return [str(p) for p in caught.value.problems]


def folder_with(tmp_path: Path, name: str, content: bytes | str) -> Path:
    """The routines folder holding one good routine and ``name`` with ``content``."""
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "good.toml").write_text(GOOD, encoding="utf-8")
    data = content.encode("utf-8") if isinstance(content, str) else content
    (folder / name).write_bytes(data)
    return folder


def test_deeply_nested_lists_are_one_problem_and_the_others_still_load(tmp_path):
    depth = 100_000
    folder = folder_with(tmp_path, "deep.toml", "x = " + "[" * depth + "]" * depth + "\n")
    routines, problems = load_folder(folder, builtin_exercises())
    assert [r.id for r in routines] == ["good"]
    [problem] = problems
    assert str(problem) == (
        f"{folder / 'deep.toml'}: is not valid TOML: lists or tables are nested too deeply "
        "to read; a routine needs only a few levels"
    )


def test_a_number_too_long_to_read_is_a_problem(tmp_path):
    folder = folder_with(tmp_path, "long.toml", "reps = " + "9" * 5000 + "\n")
    routines, problems = load_folder(folder, builtin_exercises())
    assert [r.id for r in routines] == ["good"]
    [problem] = problems
    assert problem.message.startswith("is not valid TOML: a number has more than 4300 digits")


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    assert routine_file.load(path, builtin_exercises()).name == "Good"
    assert routine_file.loads("\ufeff" + GOOD, "bom.toml", builtin_exercises(), "bom").id == "bom"


def test_a_key_given_twice_is_named_with_its_line(tmp_path):
    path = tmp_path / "twice.toml"
    path.write_text('name = "A"\n\nname = "B"\n', encoding="utf-8")
    assert problems_of_file(path) == [
        f'{path}: is not valid TOML: "name" is given twice (the second time at line 3); '
        "keep only one"
    ]
    text = GOOD.replace('name = "A"\n', 'name = "A"\nrounds = 1\nrounds = 2\n')
    path.write_text(text, encoding="utf-8")
    [problem] = problems_of_file(path)
    assert '"rounds" is given twice (the second time at line 5)' in problem


def test_a_byte_that_is_not_utf8_is_placed_by_line_and_column(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes(b'name = "A"\n\n  x = "caf\xe9"\n')
    assert problems_of_file(path) == [
        f"{path}: is not UTF-8 text: the byte 0xe9 at line 3, column 11 cannot be read; "
        "save the file as UTF-8"
    ]


def test_a_file_name_that_cannot_be_an_id_says_so_and_suggests_one(tmp_path):
    path = tmp_path / "My_Routine.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert problems_of_file(path) == [
        f'{path}: id is missing, and the file name "My_Routine" cannot stand in for it '
        "(ids use lowercase letters, digits and hyphens): add "
        'id = "my-routine", or rename the file to my-routine.toml'
    ]
    path.write_text('id = "mine"\n' + GOOD, encoding="utf-8")
    assert routine_file.load(path, builtin_exercises()).id == "mine"


def test_a_file_larger_than_the_limit_is_not_read(tmp_path):
    padding = "# " + "x" * 1000 + "\n"
    big = GOOD + padding * (routine_file.MAX_FILE_BYTES // len(padding) + 1)
    folder = folder_with(tmp_path, "big.toml", big)
    routines, problems = load_folder(folder, builtin_exercises())
    assert [r.id for r in routines] == ["good"]
    assert [p.message for p in problems] == [
        "is larger than 1 MiB, more than any routine needs; it was not read"
    ]


def test_a_link_to_an_ordinary_file_is_followed(tmp_path):
    target = tmp_path / "elsewhere.toml"
    target.write_text(GOOD, encoding="utf-8")
    link = tmp_path / "linked.toml"
    link.symlink_to(target)
    assert routine_file.load(link, builtin_exercises()).id == "linked"


def test_a_folder_named_like_a_routine_is_not_read(tmp_path):
    folder = tmp_path / "routines"
    (folder / "odd.toml").mkdir(parents=True)
    routines, problems = load_folder(folder, builtin_exercises())
    assert routines == []
    assert [p.message for p in problems] == [
        "is not a regular file (it is a folder); only ordinary files are read as routines"
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_named_pipe_in_the_folder_does_not_block_loading(tmp_path):
    folder = folder_with(tmp_path, "good-too.toml", GOOD.replace("Good", "Good too"))
    os.mkfifo(folder / "x.toml")
    found: list[tuple[list, list]] = []
    loading = threading.Thread(
        target=lambda: found.append(load_folder(folder, builtin_exercises())), daemon=True
    )
    loading.start()
    loading.join(timeout=10)
    if loading.is_alive():  # let the blocked reader go before failing
        os.close(os.open(folder / "x.toml", os.O_WRONLY | os.O_NONBLOCK))
        loading.join(timeout=10)
        pytest.fail("loading the folder waited for a writer on a named pipe")
    [(routines, problems)] = found
    assert sorted(r.id for r in routines) == ["good", "good-too"]
    assert [(Path(p.file).name, p.message) for p in problems] == [
        (
            "x.toml",
            "is not a regular file (it is a named pipe); only ordinary files are read as routines",
        )
    ]


def test_a_hexadecimal_number_too_long_to_show_is_a_problem(tmp_path):
    """tomllib reads hexadecimal digits without Python's limit; the message must still be made."""
    path = tmp_path / "hex.toml"
    path.write_text(GOOD + "tempo = 0x" + "f" * 5000 + "\n", encoding="utf-8")
    [problem] = problems_of_file(path)
    assert problem.endswith(
        "tempo must be a number of seconds from 0.5 to 30, got a number too long to show"
    )
