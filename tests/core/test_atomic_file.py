"""The one atomic writer: the old file or the whole new one, never half, and nothing left over."""

from __future__ import annotations

import os
import stat

import pytest

from supple.core.atomic_file import atomic_bytes, atomic_text, write_bytes, write_text


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def mode_of(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_bytes_and_text_land_whole_in_a_new_folder(tmp_path):
    target = tmp_path / "made" / "here" / "routine.toml"
    write_bytes(target, b"\x00\x01binary")
    assert target.read_bytes() == b"\x00\x01binary"

    write_text(target, "caf\u00e9\nline two\n")
    assert target.read_bytes() == "caf\u00e9\nline two\n".encode()
    assert leftovers(target.parent) == []


def test_text_is_written_exactly_as_given_with_the_chosen_encoding(tmp_path):
    target = tmp_path / "sessions.csv"
    with atomic_text(target, encoding="utf-8-sig") as handle:
        handle.write("a,b\r\nnot\u00e9,1\r\n")
    assert target.read_bytes() == b"\xef\xbb\xbfa,b\r\nnot\xc3\xa9,1\r\n"


def test_a_failing_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "settings.toml"
    target.write_text("old = true\n", encoding="utf-8")

    with pytest.raises(RuntimeError, match="disk went away"), atomic_bytes(target) as handle:
        handle.write(b"new = tru")
        raise RuntimeError("disk went away")

    assert target.read_text(encoding="utf-8") == "old = true\n"
    assert leftovers(tmp_path) == []


def test_text_that_cannot_be_encoded_keeps_the_old_file(tmp_path):
    target = tmp_path / "export.json"
    target.write_text("{}\n", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_text(target, "caf\u00e9", encoding="ascii")
    assert target.read_text(encoding="utf-8") == "{}\n"
    assert leftovers(tmp_path) == []


def test_a_failing_rename_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "taken"
    target.mkdir()  # a folder where the file should go: the rename over it fails
    (target / "inside").write_text("kept", encoding="utf-8")
    with pytest.raises(OSError):
        write_bytes(target, b"data")
    assert (target / "inside").read_text(encoding="utf-8") == "kept"
    assert leftovers(tmp_path) == []


def test_an_existing_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "routine.toml"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert mode_of(target) == 0o640

    target.chmod(0o604)
    write_text(target, "newer")
    assert mode_of(target) == 0o604


def test_a_new_file_gets_the_permissions_an_ordinary_open_gives(tmp_path):
    ordinary = tmp_path / "ordinary"
    ordinary.write_bytes(b"")
    write_bytes(tmp_path / "atomic", b"")
    assert mode_of(tmp_path / "atomic") == mode_of(ordinary)


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="needs a folder that the tests cannot write"
)
def test_a_folder_that_cannot_be_written_refuses_and_keeps_the_old_file(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "settings.toml"
    target.write_text("old", encoding="utf-8")
    folder.chmod(0o555)
    try:
        with pytest.raises(PermissionError):
            write_text(target, "new")
    finally:
        folder.chmod(0o755)
    assert target.read_text(encoding="utf-8") == "old"
    assert leftovers(folder) == []
