"""The history written on a thread of its own, so a running session never waits for the disk.

Another program holding ``history.sqlite3`` (a backup tool, ``sqlite3`` in a shell, an
import of thousands of sessions, a second Supple) used to stop the session's clock for
seconds at every step's end: the write waited for the lock on the app's thread.
``ThreadedRecorder`` takes the same calls as ``HistoryRecorder`` and returns at once;
a writer thread with its own connection writes them in order. It waits for a lock only
``WRITER_BUSY_TIMEOUT_MS`` at a time; while the file stays held, the records wait in
memory (``pending``, ``problem`` say so) and are tried again every ``RETRY_SECONDS``
until the lock is gone. Reads go through ``store``, a connection on the caller's
thread that never waits for a lock (``recorder.READER_BUSY_TIMEOUT_MS``).

After a session's end is written, and nothing else waits, the writer runs SQLite's full
``integrity_check`` (which the start-up check skips for time), off the app's thread;
``damage`` says what it found.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Final

from supple.core.i18n import _, ngettext
from supple.storage.database import connect
from supple.storage.errors import (
    HistoryCorruptError,
    HistoryError,
    HistoryUnavailableError,
    HistoryWriteError,
)
from supple.storage.history import HistoryStore
from supple.storage.recorder import (
    READER_BUSY_TIMEOUT_MS,
    HistoryRecorder,
    PendingWrite,
    open_store,
)
from supple.storage.records import SelfTestRecord, SessionStatus

__all__ = ["RETRY_SECONDS", "WRITER_BUSY_TIMEOUT_MS", "ThreadedRecorder"]

_log = logging.getLogger(__name__)

WRITER_BUSY_TIMEOUT_MS: Final = 250
"""How long one write waits for a lock held elsewhere before the records wait in memory."""
RETRY_SECONDS: Final = 1.0
"""How soon the writer tries again after a write failed (a held file, a full disk)."""
_HELD: Final = ("SQLITE_BUSY", "SQLITE_LOCKED")
"""SQLite's names for a file another connection holds."""
QUIT_WAIT_SECONDS: Final = 3.0
"""How long closing waits for the writer to finish what it holds."""


class ThreadedRecorder(HistoryRecorder):
    """A ``HistoryRecorder`` whose writes happen on a writer thread; see the module's notes.

    The write methods return False only while writing is known to fail; the records are
    then kept (in order) and written as soon as it works again. ``on_change`` is called,
    on the writer thread, whenever ``pending``, ``problem`` or ``damage`` may have changed.
    """

    def __init__(
        self,
        reader: HistoryStore | None,
        path: Path,
        *,
        retry_seconds: float = RETRY_SECONDS,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(reader, opener=lambda: self._open_reader(path))
        self._path = path
        self._engine = HistoryRecorder(
            opener=lambda: open_store(path, busy_timeout_ms=WRITER_BUSY_TIMEOUT_MS),
            quick_opener=lambda: open_store(
                path, check=False, busy_timeout_ms=WRITER_BUSY_TIMEOUT_MS
            ),
            checked=reader is not None,
        )
        self.dropped = self._engine.dropped
        self.on_change = on_change
        self._retry_seconds = retry_seconds
        self._lock = threading.Condition()
        self._inbox: deque[PendingWrite] = deque()
        self._held: tuple[PendingWrite, ...] = ()
        """What the writer has taken and not written yet, as it last said (under the lock)."""
        self._error: HistoryError | None = None
        self._damage: str | None = None
        self._wanted_check = False
        self._wake = False
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="history-writer", daemon=True)
        self._thread.start()

    # --- what the app's thread asks ----------------------------------------------------------

    @property
    def store(self) -> HistoryStore | None:
        """The store for reading on this thread; opened again once the writer could open it."""
        if self._store is None and self._error is None and self._engine.store is not None:
            self._reopen()
        return self._store

    @property
    def history_path(self) -> Path:
        return self._path

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._inbox) + len(self._held)

    @property
    def last_error(self) -> HistoryError | None:
        with self._lock:
            return self._error if (self._inbox or self._held) else None

    @property
    def problem(self) -> str | None:
        """As ``HistoryRecorder.problem``, once a write failed: records merely on their way
        to the writer are no problem."""
        error = self.last_error
        if error is None:
            return None
        if isinstance(error, HistoryWriteError) and error.reason in _HELD:
            count = self.pending
            return ngettext(
                "The history is busy: another program holds {path}. {count} record waits "
                "in memory and will be written as soon as it lets go.",
                "The history is busy: another program holds {path}. {count} records wait "
                "in memory and will be written as soon as it lets go.",
                count,
            ).format(path=self._path, count=count)
        return super().problem

    @property
    def damage(self) -> str | None:
        with self._lock:
            return self._damage

    def waiting_writes(self) -> list[PendingWrite]:
        with self._lock:
            return [*self._held, *self._inbox]

    def flush(self, timeout: float = 0.0) -> bool:
        """Ask the writer to try now; wait up to ``timeout`` seconds for it to write all."""
        with self._lock:
            self._wake = True
            self._lock.notify_all()
            if not self._stopping:
                self._lock.wait_for(lambda: not (self._inbox or self._held), timeout)
            return not (self._inbox or self._held)

    def close(self, timeout: float = QUIT_WAIT_SECONDS) -> bool:
        """Wait (up to ``timeout``) for the writer to write what it holds, then stop it.

        Returns True when nothing was left; what is left stays in ``waiting_writes``
        for a rescue file. Safe to call more than once.
        """
        written = self.flush(timeout)
        with self._lock:
            self._stopping = True
            self._lock.notify_all()
        self._thread.join(max(0.1, timeout))
        if self._store is not None:
            self._store.close()
            self._store = None
        return written

    def _submit(
        self,
        what: str,
        apply: Callable[[HistoryStore], None],
        session_uuid: str | None = None,
    ) -> bool:
        with self._lock:
            if self._stopping:
                raise RuntimeError("the history writer is closed")
            self._inbox.append(PendingWrite(what, apply, session_uuid))
            self._lock.notify_all()
            return self._error is None

    def finish_session(self, session_uuid: str, status: SessionStatus, ended_at: datetime) -> bool:
        """As ``HistoryRecorder.finish_session``; the full check follows once it is written."""
        with self._lock:
            self._wanted_check = True
        return super().finish_session(session_uuid, status, ended_at)

    def update_notes(self, session_uuid: str, notes: str) -> bool:
        return self._now_or_queued(
            lambda s: s.update_notes(session_uuid, notes),
            lambda: super(ThreadedRecorder, self).update_notes(session_uuid, notes),
        )

    def add_self_test(self, test: SelfTestRecord) -> bool:
        return self._now_or_queued(
            lambda s: s.add_self_test(test),
            lambda: super(ThreadedRecorder, self).add_self_test(test),
        )

    def _now_or_queued(
        self, write: Callable[[HistoryStore], None], queue: Callable[[], bool]
    ) -> bool:
        """An edit made on the history screen, written at once when the file is free, so
        the screen reads it back at once; queued behind the writer's records otherwise.
        It never waits for a lock (the store's busy timeout is 0)."""
        store = self.store
        if store is None or store.read_only or self.pending:
            return queue()
        try:
            write(store)
        except (HistoryWriteError, HistoryUnavailableError, HistoryCorruptError):
            return queue()
        return True

    def _open_reader(self, path: Path) -> HistoryStore:
        return open_store(path, check=False, busy_timeout_ms=READER_BUSY_TIMEOUT_MS)

    # --- the writer thread ---------------------------------------------------------------------

    def _run(self) -> None:
        engine = self._engine
        failed = False
        while True:
            with self._lock:
                self._lock.wait_for(
                    lambda: self._inbox or self._wake or self._stopping,
                    self._retry_seconds if failed else None,
                )
                taken = list(self._inbox)
                self._inbox.clear()
                self._held += tuple(taken)
                self._wake = False
                stopping = self._stopping
            if stopping and failed and not taken:
                break  # closing: what still fails is left for the rescue file
            engine.hold(taken)
            failed = not engine.flush()
            with self._lock:
                self._held = tuple(engine.waiting_writes())
                self._error = engine.last_error
                check = self._wanted_check and not failed and not self._inbox
                self._wanted_check &= not check
                self._lock.notify_all()
            self._changed()
            if check:
                self._check_integrity()
            if stopping and not failed:
                break
        if engine.store is not None:
            engine.close()

    def _check_integrity(self) -> None:
        """SQLite's full check, on a connection of its own; ``damage`` says what it found."""
        started = time.monotonic()
        try:
            connection = connect(self._path, read_only=True, create=False)
            try:
                rows = connection.execute("PRAGMA integrity_check(20)").fetchall()
            finally:
                connection.close()
        except sqlite3.Error as error:
            _log.warning("The full check of %s could not run: %s", self._path, error)
            return
        _log.info("Full check of %s in %.0f ms", self._path, 1000 * (time.monotonic() - started))
        found = [str(row[0]) for row in rows]
        damage = None if found == ["ok"] else damage_message(self._path, found)
        with self._lock:
            changed, self._damage = damage != self._damage, damage
        if changed:
            self._changed()

    def _changed(self) -> None:
        callback = self.on_change
        if callback is None:
            return
        try:
            callback()
        except Exception:  # whoever listens must not stop the writer
            _log.exception("A listener of the history writer failed")


def damage_message(path: Path, found: list[str]) -> str:
    """What the full check found, and what to do while nothing is lost yet."""
    shown = "; ".join(found[:3])  # SQLite's own words, in English
    if len(found) > 3:
        more = len(found) - 3
        shown = ngettext("{found} (and {n} more)", "{found} (and {n} more)", more).format(
            found=shown, n=more
        )
    return _(
        "The full check of the history file {path} found damage: {found}. Sessions are "
        "still being saved, but totals may be wrong. Export the history now (History, "
        "Export) to keep a copy; importing that copy into a fresh history rebuilds it."
    ).format(path=path, found=shown)
