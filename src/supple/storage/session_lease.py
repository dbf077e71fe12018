"""One owner per running session: a lock the operating system holds for the owner's process.

The Supple running a session holds an exclusive ``flock`` on a small file named after the
session's UUID, in a folder beside the history (``history.sqlite3.running/<uuid>.lock``).
Another Supple on the same data folder asks before it offers to resume a session left
in progress, marks it stopped or writes into it: a session whose lock is held is running
in another window. The system drops the lock when the owner's process ends, however it
ends (kill -9, a power cut), so an interrupted session is offered again at once.

Where the system has no ``flock`` (Windows), leases are always granted: the
single-instance rule is the only guard there.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from typing import Final

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["SessionLease", "lease_folder", "running_elsewhere"]

_log = logging.getLogger(__name__)

_SUFFIX: Final = ".running"


def lease_folder(history: Path) -> Path:
    """Where the leases of ``history``'s sessions are: a folder beside the file."""
    return history.with_name(history.name + _SUFFIX)


def _lease_file(history: Path, session_uuid: str) -> Path:
    return lease_folder(history) / f"{session_uuid}.lock"


class SessionLease:
    """The held lock on one running session; :meth:`release` (or the process ending) frees it."""

    def __init__(self, path: Path, descriptor: int | None) -> None:
        self.path = path
        self._descriptor = descriptor

    @classmethod
    def take(cls, history: Path, session_uuid: str) -> SessionLease | None:
        """The lease on ``session_uuid``, or None when another process runs that session.

        A lease that cannot be written at all (a read-only folder) is granted without a
        file: nothing can be recorded there anyway, and the session must still run.
        """
        path = _lease_file(history, session_uuid)
        if fcntl is None:
            return cls(path, None)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        except OSError as error:
            _log.warning("No lease file for session %s: %s", session_uuid, error)
            return cls(path, None)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(descriptor)
            return None
        return cls(path, descriptor)

    @property
    def held(self) -> bool:
        return self._descriptor is not None

    def release(self) -> None:
        """Let the session go: the file is removed first, so nobody takes a lock on it after."""
        descriptor, self._descriptor = self._descriptor, None
        if descriptor is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(descriptor)


def running_elsewhere(history: Path, session_uuid: str) -> bool:
    """Whether a process holds ``session_uuid``'s lease (this one included, by another lease).

    Asked with a shared lock, so two processes asking at once do not see each other.
    """
    if fcntl is None:
        return False
    path = _lease_file(history, session_uuid)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False  # no file: nobody has ever held it, or its owner let it go
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(descriptor)
    return False
