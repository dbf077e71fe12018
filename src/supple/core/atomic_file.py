"""Replace a file all at once, so a crash, a full disk or a failed write never leaves half of it.

The new content goes to a temporary file in the same folder, is flushed to the disk, and
is then renamed over the old file (``os.replace`` is atomic on one file system). Readers
see the old file or the complete new one; on any error the temporary file is removed and
the old file is left as it was. An existing file keeps its permissions; a new one gets
those an ordinary ``open()`` would give it (the process's umask applies).

Settings, routine files, pictures, history exports and cue sounds all write through here:
this module sits below both ``supple.storage`` and ``supple.audio`` so that they share it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

__all__ = ["atomic_bytes", "atomic_text", "sync_folder", "write_bytes", "write_text"]

_NEW_FILE_MODE = 0o666
"""What ``open()`` asks for; the umask takes off the rest."""
_TEMP_ATTEMPTS = 100
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | os.O_CLOEXEC


def _new_temp(path: Path) -> tuple[int, Path]:
    """A fresh file beside ``path`` (a hidden name no other writer picks), opened for writing."""
    for _attempt in range(_TEMP_ATTEMPTS):
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temp, _FLAGS, _NEW_FILE_MODE), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary file name beside {path}")


def sync_folder(folder: Path) -> None:
    """Make a rename or removal in ``folder`` durable (where a folder can be opened at all)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[int]:
    """A descriptor of a temporary file that replaces ``path`` when the block ends without
    an error; the caller closes it (flushed and synced) before the block ends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = _new_temp(path)
    try:
        yield fd
        with contextlib.suppress(FileNotFoundError):
            temp.chmod(stat.S_IMODE(path.stat().st_mode))
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    sync_folder(path.parent)


@contextlib.contextmanager
def atomic_bytes(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write into; it becomes ``path`` once the block ends without an error."""
    with _replacing(path) as fd, os.fdopen(fd, "wb") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


@contextlib.contextmanager
def atomic_text(path: Path, *, encoding: str = "utf-8", newline: str = "") -> Iterator[TextIO]:
    """A text file to write into; it becomes ``path`` once the block ends without an error.

    ``newline=""`` by default: the text is written exactly as given, so a file has the same
    bytes on every system (and the csv module's ``\\r\\n`` is not doubled on Windows).
    """
    with (
        _replacing(path) as fd,
        os.fdopen(fd, "w", encoding=encoding, newline=newline) as handle,
    ):
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


def write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once (see the module's docstring)."""
    with atomic_bytes(path) as handle:
        handle.write(data)


def write_text(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` all at once (see the module's docstring)."""
    with atomic_text(path, encoding=encoding) as handle:
        handle.write(text)
