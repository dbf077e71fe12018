"""Recording a session without ever letting the disk stop the workout.

A full disk or a folder that turned read-only must not crash a session in the
middle of a hamstring curl. ``HistoryRecorder`` queues each write, tries to
write everything queued on every call, and keeps what failed in memory, in
order, until a later call (or ``flush()``) succeeds. The UI shows ``problem``
while anything is waiting.

When Supple has to quit with records still waiting, ``unsaved_document`` gives
them as an export document for a rescue file (see ``storage.rescue``).
"""

from __future__ import annotations

import logging
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from supple import paths
from supple.core.i18n import _, ngettext
from supple.storage.database import NoticeKind, OpenedDatabase, open_database
from supple.storage.errors import (
    HistoryCorruptError,
    HistoryError,
    HistoryUnavailableError,
    HistoryWriteError,
    UnknownSessionError,
)
from supple.storage.history import HistoryStore
from supple.storage.records import (
    SelfTestRecord,
    SessionDetail,
    SessionRecord,
    SessionStatus,
    StepRecord,
)
from supple.storage.schema import LATEST_VERSION, migrate
from supple.storage.transfer import history_to_json

__all__ = ["HistoryRecorder", "PendingWrite", "open_recorder", "open_store"]

_log = logging.getLogger(__name__)

_RETRYABLE = (HistoryWriteError, HistoryCorruptError, HistoryUnavailableError)

_READ_ONLY_NOTICES = (NoticeKind.READ_ONLY, NoticeKind.NEWER_READ_ONLY)

READER_BUSY_TIMEOUT_MS: Final = 0
"""How long a read on the app's own thread waits for a lock: not at all (it says so instead)."""


@dataclass(frozen=True)
class PendingWrite:
    """One write waiting for the history: what it saves (for messages), and how."""

    what: str
    apply: Callable[[HistoryStore], None]
    session_uuid: str | None = None


class HistoryRecorder:
    """Write-through to a ``HistoryStore``, with an in-memory queue when writing fails.

    Every method returns True when everything (this write and any earlier ones
    that were waiting) is now on disk, False when something is kept in memory.
    They never raise for disk or file problems. A write the history refuses as
    wrong (a step for a session it does not know) is dropped and logged, so it
    cannot block the ones behind it.

    ``opener`` (e.g. ``open_history``) is used when there is no store yet, and
    to get a fresh one when the current store keeps failing. After that,
    ``store`` is the new object (the one it replaces is closed).

    ``quick_opener`` (e.g. ``lambda: open_history(check=False)``) opens the same
    file without reading every page of it. It is used for the fresh store after a
    write failed for a reason outside the file (a full disk, a read-only folder):
    the full check then finds nothing new and, on a long history, would hold the
    session up on every step. The full ``opener`` is used when the file has not
    been checked by this recorder yet, and after a write found it damaged.
    """

    def __init__(
        self,
        store: HistoryStore | None = None,
        *,
        opener: Callable[[], HistoryStore] | None = None,
        quick_opener: Callable[[], HistoryStore] | None = None,
        checked: bool = False,
    ) -> None:
        if store is None and opener is None:
            raise ValueError("a recorder needs a store, an opener, or both")
        self._store = store
        self._opener = opener
        self._quick_opener = quick_opener
        self._checked = store is not None or checked
        """Whether the file was checked already (here, or by another connection to it)."""
        self._queue: deque[PendingWrite] = deque()
        self._last_error: HistoryError | None = None
        self._begun: dict[str, SessionRecord] = {}
        self.dropped: list[tuple[str, Exception]] = []
        """Writes refused as invalid, with the reason; kept for the log and for tests."""
        self.on_change: Callable[[], None] | None = None
        """Called when ``pending``, ``problem`` or ``damage`` may have changed by themselves
        (a recorder that writes on another thread calls it there)."""

    @property
    def store(self) -> HistoryStore | None:
        return self._store

    @property
    def history_path(self) -> Path:
        """The history file these records belong to."""
        return _path_of(self._store)

    @property
    def pending(self) -> int:
        """How many writes are waiting in memory."""
        return len(self._queue)

    @property
    def last_error(self) -> HistoryError | None:
        """Why the waiting writes could not be saved; None when nothing is waiting."""
        return self._last_error

    @property
    def damage(self) -> str | None:
        """What a full check of the file found wrong, when one ran and found something."""
        return None

    @property
    def problem(self) -> str | None:
        """A message for the UI while writes are waiting, else None."""
        count = self.pending
        if not count:
            return None
        error = self.last_error
        reason = str(error) if error else _("The history is not available.")
        return ngettext(
            "{reason} {count} unsaved record is kept in memory and will be saved as soon as "
            "writing works again.",
            "{reason} {count} unsaved records are kept in memory and will be saved as soon as "
            "writing works again.",
            count,
        ).format(reason=reason, count=count)

    # --- the writes a running session makes ------------------------------------------------

    def begin_session(self, session: SessionRecord) -> bool:
        self._begun[session.uuid] = session
        return self._submit(
            "save the new session", lambda s: s.begin_session(session), session.uuid
        )

    def record_step(self, step: StepRecord) -> bool:
        return self._submit("save a step", lambda s: s.record_step(step), step.session_uuid)

    def finish_session(self, session_uuid: str, status: SessionStatus, ended_at: datetime) -> bool:
        return self._submit(
            "save the end of the session",
            lambda s: s.finish_session(session_uuid, status, ended_at),
            session_uuid,
        )

    def set_progress(self, session_uuid: str, step_index: int, reps: int) -> bool:
        return self._submit(
            "save the reps counted so far",
            lambda s: s.set_progress(session_uuid, step_index, reps),
            session_uuid,
        )

    def set_checkin(self, session_uuid: str, tightness_before: int | None) -> bool:
        return self._submit(
            "save the check-in",
            lambda s: s.set_checkin(session_uuid, tightness_before),
            session_uuid,
        )

    def set_checkout(
        self, session_uuid: str, tightness_after: int | None, notes: str | None = None
    ) -> bool:
        return self._submit(
            "save the check-out",
            lambda s: s.set_checkout(session_uuid, tightness_after, notes),
            session_uuid,
        )

    def set_rating(self, session_uuid: str, rating: int | None) -> bool:
        return self._submit(
            "save the rating", lambda s: s.set_rating(session_uuid, rating), session_uuid
        )

    def update_notes(self, session_uuid: str, notes: str) -> bool:
        return self._submit(
            "save the notes", lambda s: s.update_notes(session_uuid, notes), session_uuid
        )

    def mark_partial(self, session_uuid: str) -> bool:
        return self._submit(
            "keep the session as partial", lambda s: s.mark_partial(session_uuid), session_uuid
        )

    def add_self_test(self, test: SelfTestRecord) -> bool:
        return self._submit("save the self-test", lambda s: s.add_self_test(test))

    # --- retrying --------------------------------------------------------------------------

    def flush(self, timeout: float = 0.0) -> bool:
        """Try to write everything waiting, oldest first; True when nothing is left.

        ``timeout`` is for a recorder that writes on a thread of its own (how long to
        wait for it); this one writes before it returns.
        """
        reopened = False
        while self._queue:
            store = self._store
            if store is None:
                store = self._reopen()
                reopened = True
                if store is None:
                    return False
            write = self._queue[0]
            try:
                self._apply(store, write)
            except _RETRYABLE as error:
                self._last_error = error
                if reopened or self._opener is None:
                    return False
                # The same store may be stuck (file replaced, permissions changed):
                # try once with a freshly opened one before giving up for now.
                reopened = True
                fresh = self._reopen()
                if fresh is None or fresh is store:
                    return False
                continue
            except Exception as error:  # a bad record must not stop the session
                _log.exception("The history refused to %s; the write is dropped", write.what)
                self.dropped.append((write.what, error))
            self._queue.popleft()
        self._last_error = None
        return True

    def close(self) -> bool:
        """Flush, then close the store; True when nothing was left unsaved."""
        written = self.flush()
        if self._store is not None:
            self._store.close()
            self._store = None
        return written

    def _submit(
        self, what: str, apply: Callable[[HistoryStore], None], session_uuid: str | None = None
    ) -> bool:
        self._queue.append(PendingWrite(what, apply, session_uuid))
        return self.flush()

    def hold(self, writes: Iterable[PendingWrite]) -> None:
        """Queue ``writes`` behind the waiting ones without writing yet (``flush`` writes)."""
        self._queue.extend(writes)

    def waiting_writes(self) -> list[PendingWrite]:
        """The writes waiting, oldest first."""
        return list(self._queue)

    def _apply(self, store: HistoryStore, write: PendingWrite) -> None:
        try:
            write.apply(store)
        except UnknownSessionError:
            # After a damaged file was replaced by a fresh one, the running session's
            # row is gone with the old file: write it again and carry on recording.
            begun = self._begun.get(write.session_uuid or "")
            if begun is None:
                raise
            store.begin_session(begun)
            write.apply(store)

    def _reopen(self) -> HistoryStore | None:
        if self._opener is None:
            return self._store
        damaged = isinstance(self._last_error, HistoryCorruptError)
        quick = self._checked and not damaged and self._quick_opener is not None
        opener = self._quick_opener if quick and self._quick_opener else self._opener
        try:
            fresh = opener()
        except HistoryError as error:
            self._last_error = error
            return None
        except Exception as error:  # opening must not crash the session
            _log.exception("Opening the history failed")
            self._last_error = HistoryUnavailableError(
                _("Supple could not open its history ({error}).").format(error=error),
                _path_of(self._store),
            )
            return None
        self._checked = True
        if fresh.read_only:
            # Opening said why (a read-only folder, a newer Supple) and what to do.
            why = [n.message for n in fresh.notices if n.kind in _READ_ONLY_NOTICES]
            self._last_error = HistoryWriteError(
                why[0] if why else _("The history at {path} is read-only.").format(path=fresh.path),
                fresh.path,
                "SQLITE_READONLY",
            )
            if fresh is not self._store:
                fresh.close()
            return None
        replaced, self._store = self._store, fresh
        if replaced is not None and replaced is not fresh:
            _close_quietly(replaced)
        return fresh

    # --- quitting with records still waiting -----------------------------------------------

    def unsaved_document(self) -> tuple[dict[str, Any], int]:
        """What is waiting, as an export document, and how many sessions it holds.

        Each session waiting for a write is given whole: what the history already
        holds of it (when the file can still be read) with the waiting writes on
        top, so the file is complete in itself and can be imported anywhere.
        """
        waiting = self.waiting_writes()
        scratch = _scratch_store(_path_of(self._store))
        try:
            touched = dict.fromkeys(w.session_uuid for w in waiting if w.session_uuid)
            stored = self._stored_details(list(touched))
            if stored:
                scratch.import_records(stored)
            for write in waiting:
                try:
                    self._apply(scratch, write)
                except Exception:  # e.g. notes for an older session the file no longer shows
                    _log.exception("A waiting write could not be kept: %s", write.what)
            document, counts = history_to_json(scratch)
        finally:
            scratch.close()
        return document, counts.sessions

    def _stored_details(self, uuids: list[str]) -> list[SessionDetail]:
        store = self._store
        if store is None or not uuids:
            return []
        found = []
        try:
            for uuid in uuids:
                detail = store.session_detail(uuid)
                if detail is not None:
                    found.append(detail)
        except (HistoryError, sqlite3.Error):
            _log.warning("The history could not be read for the unsaved records", exc_info=True)
            return []
        return found


def open_recorder(
    path: Path | None = None, *, background: bool = False
) -> tuple[HistoryRecorder, list[str]]:
    """The app's recorder, and what opening the history reported.

    Never raises: when no history can be opened at all, the recorder starts without
    a store, keeps the session in memory and retries opening on every write. The
    messages are the store's notices (a damaged file moved aside, an upgrade with
    its backup, a read-only file) or why the history could not be opened.

    ``background`` gives the recorder a running app uses: it writes on a thread of
    its own (``storage.history_writer``), and its ``store``, for reading on the
    caller's thread, never waits for a lock another program holds.
    """
    target = path or paths.history_db()
    reader_wait = READER_BUSY_TIMEOUT_MS if background else None

    def opener() -> HistoryStore:
        return open_store(target, busy_timeout_ms=reader_wait)

    def quick_opener() -> HistoryStore:
        return open_store(target, check=False, busy_timeout_ms=reader_wait)

    store: HistoryStore | None = None
    try:
        store = opener()
    except HistoryError as error:
        messages = [str(error)]
    else:
        messages = [n.message for n in store.notices if n.kind is not NoticeKind.CREATED]
    if background:
        from supple.storage.history_writer import ThreadedRecorder

        return ThreadedRecorder(store, target), messages
    return HistoryRecorder(store, opener=opener, quick_opener=quick_opener), messages


def open_store(
    path: Path, *, check: bool = True, busy_timeout_ms: int | None = None
) -> HistoryStore:
    """``open_history``, waiting at most ``busy_timeout_ms`` for a lock after opening
    (None keeps the storage's usual wait)."""
    opened = open_database(path, check=check)
    if busy_timeout_ms is not None:
        opened.connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    return HistoryStore(opened)


def _scratch_store(path: Path) -> HistoryStore:
    """An empty history in memory, to build a rescue file with the export's own code."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    migrate(connection)
    return HistoryStore(OpenedDatabase(connection, path, False, LATEST_VERSION))


def _close_quietly(store: HistoryStore) -> None:
    try:
        store.close()
    except sqlite3.Error:
        _log.warning("Closing a replaced history failed", exc_info=True)


def _path_of(store: HistoryStore | None) -> Path:
    return store.path if store is not None else paths.history_db()
