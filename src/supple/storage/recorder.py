"""Recording a session without ever letting the disk stop the workout.

A full disk or a folder that turned read-only must not crash a session in the
middle of a hamstring curl. ``HistoryRecorder`` queues each write, tries to
write everything queued on every call, and keeps what failed in memory, in
order, until a later call (or ``flush()``) succeeds. The UI shows ``problem``
while anything is waiting.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from supple import paths
from supple.storage.errors import (
    HistoryCorruptError,
    HistoryError,
    HistoryUnavailableError,
    HistoryWriteError,
    UnknownSessionError,
)
from supple.storage.history import HistoryStore
from supple.storage.records import SelfTestRecord, SessionRecord, SessionStatus, StepRecord

__all__ = ["HistoryRecorder"]

_log = logging.getLogger(__name__)

_RETRYABLE = (HistoryWriteError, HistoryCorruptError, HistoryUnavailableError)


@dataclass(frozen=True)
class _PendingWrite:
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
    ``store`` is the new object.
    """

    def __init__(
        self,
        store: HistoryStore | None = None,
        *,
        opener: Callable[[], HistoryStore] | None = None,
    ) -> None:
        if store is None and opener is None:
            raise ValueError("a recorder needs a store, an opener, or both")
        self._store = store
        self._opener = opener
        self._queue: deque[_PendingWrite] = deque()
        self._last_error: HistoryError | None = None
        self._begun: dict[str, SessionRecord] = {}
        self.dropped: list[tuple[str, Exception]] = []
        """Writes refused as invalid, with the reason; kept for the log and for tests."""

    @property
    def store(self) -> HistoryStore | None:
        return self._store

    @property
    def pending(self) -> int:
        """How many writes are waiting in memory."""
        return len(self._queue)

    @property
    def last_error(self) -> HistoryError | None:
        """Why the waiting writes could not be saved; None when nothing is waiting."""
        return self._last_error

    @property
    def problem(self) -> str | None:
        """A message for the UI while writes are waiting, else None."""
        if not self._queue:
            return None
        reason = str(self._last_error) if self._last_error else "The history is not available."
        count = len(self._queue)
        return (
            f"{reason} {count} unsaved {'record is' if count == 1 else 'records are'} "
            "kept in memory and will be saved as soon as writing works again."
        )

    # --- the writes a running session makes ------------------------------------------------

    def begin_session(self, session: SessionRecord) -> bool:
        self._begun[session.uuid] = session
        return self._submit("save the new session", lambda s: s.begin_session(session))

    def record_step(self, step: StepRecord) -> bool:
        return self._submit("save a step", lambda s: s.record_step(step), step.session_uuid)

    def finish_session(self, session_uuid: str, status: SessionStatus, ended_at: datetime) -> bool:
        return self._submit(
            "save the end of the session",
            lambda s: s.finish_session(session_uuid, status, ended_at),
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

    def flush(self) -> bool:
        """Try to write everything waiting, oldest first; True when nothing is left."""
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
        self._queue.append(_PendingWrite(what, apply, session_uuid))
        return self.flush()

    def _apply(self, store: HistoryStore, write: _PendingWrite) -> None:
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
        try:
            fresh = self._opener()
        except HistoryError as error:
            self._last_error = error
            return None
        except Exception as error:  # opening must not crash the session
            _log.exception("Opening the history failed")
            self._last_error = HistoryUnavailableError(
                f"Supple could not open its history ({error}).", _path_of(self._store)
            )
            return None
        if fresh.read_only:
            self._last_error = HistoryWriteError(
                f"The history at {fresh.path} is read-only.", fresh.path, "SQLITE_READONLY"
            )
            fresh.close()
            return None
        self._store = fresh
        return fresh


def _path_of(store: HistoryStore | None) -> Path:
    return store.path if store is not None else paths.history_db()
