"""Recording a session without ever letting the disk stop the workout.

A full disk or a folder that turned read-only must not crash a session in the
middle of a hamstring curl. ``HistoryRecorder`` queues each write, tries to
write everything queued on every call, and keeps what failed in memory, in
order, until a later call (or ``flush()``) succeeds. The UI shows ``problem``
while anything is waiting.

When Supple has to quit with records still waiting, ``save_unsaved`` writes them
to a rescue file (the export format ``supple history import`` reads) somewhere
that can still be written, and ``restore_unsaved`` adds such files to the history
the next time it can be written, so quitting loses nothing either.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from supple import paths
from supple.core.atomic_file import atomic_text
from supple.storage.database import NoticeKind, OpenedDatabase, local_now
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
from supple.storage.transfer import history_to_json, parse_history_json

__all__ = [
    "RESCUE_KEY",
    "HistoryRecorder",
    "RestoreReport",
    "find_unsaved",
    "restore_unsaved",
]

_log = logging.getLogger(__name__)

_RETRYABLE = (HistoryWriteError, HistoryCorruptError, HistoryUnavailableError)

_READ_ONLY_NOTICES = (NoticeKind.READ_ONLY, NoticeKind.NEWER_READ_ONLY)

RESCUE_KEY: Final = "unsaved_for"
"""Key added to a rescue file's export document: the history file the records belong to."""
_RESCUE_PATTERN: Final = "unsaved-history-*.json"


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
    ) -> None:
        if store is None and opener is None:
            raise ValueError("a recorder needs a store, an opener, or both")
        self._store = store
        self._opener = opener
        self._quick_opener = quick_opener
        self._checked = store is not None
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
                f"Supple could not open its history ({error}).", _path_of(self._store)
            )
            return None
        self._checked = True
        if fresh.read_only:
            # Opening said why (a read-only folder, a newer Supple) and what to do.
            why = [n.message for n in fresh.notices if n.kind in _READ_ONLY_NOTICES]
            self._last_error = HistoryWriteError(
                why[0] if why else f"The history at {fresh.path} is read-only.",
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
        scratch = _scratch_store(_path_of(self._store))
        try:
            touched = dict.fromkeys(w.session_uuid for w in self._queue if w.session_uuid)
            stored = self._stored_details(list(touched))
            if stored:
                scratch.import_records(stored)
            for write in self._queue:
                try:
                    self._apply(scratch, write)
                except Exception:  # e.g. notes for an older session the file no longer shows
                    _log.exception("A waiting write could not be kept: %s", write.what)
            document, counts = history_to_json(scratch)
        finally:
            scratch.close()
        document[RESCUE_KEY] = str(_path_of(self._store).absolute())
        return document, counts.sessions

    def save_unsaved(
        self, folders: Sequence[Path], now: Callable[[], datetime] = local_now
    ) -> Path | None:
        """Write what is waiting to a rescue file in the first of ``folders`` that takes it.

        Returns the file, or None when nothing is waiting. Raises ``OSError`` naming
        every folder tried when none of them could be written. The records stay
        waiting here too, in case the history can be written after all.
        """
        if not self._queue:
            return None
        document, _count = self.unsaved_document()
        text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
        refused: list[str] = []
        for folder in folders:
            try:
                return _write_new(folder, f"unsaved-history-{now():%Y%m%d-%H%M%S}", text)
            except OSError as error:
                refused.append(f"{folder} ({error.strerror or error})")
        raise OSError(f"no folder could take the unsaved records: {'; '.join(refused)}")

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


@dataclass(frozen=True)
class RestoreReport:
    """What ``restore_unsaved`` did with the rescue files it was given."""

    sessions: int
    """Sessions added to the history or completed in it."""
    added: tuple[Path, ...]
    """Files now wholly in the history (and deleted)."""
    problems: tuple[str, ...]
    """One sentence per file that could not be added; those files are kept."""


def find_unsaved(folders: Iterable[Path], history: Path) -> list[Path]:
    """Rescue files in ``folders`` that belong to the history file ``history``, oldest first."""
    wanted = str(history.absolute())
    found = []
    for folder in folders:
        try:
            candidates = sorted(folder.glob(_RESCUE_PATTERN))
        except OSError:
            continue
        for path in candidates:
            try:
                document = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # not ours, or half-written: left alone
            if isinstance(document, dict) and document.get(RESCUE_KEY) == wanted:
                found.append(path)
    return sorted(found, key=lambda p: p.name)


def restore_unsaved(store: HistoryStore, files: Iterable[Path]) -> RestoreReport:
    """Add rescue files to ``store``; each file is deleted once all of it is in the history.

    A session the history holds already (its first steps were written before the
    disk filled up) is completed with what the file adds: its other steps, its end,
    the check-in and check-out. Running it twice changes nothing the second time.
    """
    sessions = 0
    added: list[Path] = []
    problems: list[str] = []
    for path in files:
        try:
            details, tests = parse_history_json(
                json.loads(path.read_text(encoding="utf-8")), str(path)
            )
            for detail in details:
                _merge(store, detail)
            store.import_records([], tests)
        except (OSError, ValueError, HistoryError) as error:
            problems.append(
                f"The records Supple kept in {path} could not be added to the history yet "
                f"({error}). The file is kept; Supple tries again at its next start."
            )
            continue
        sessions += len(details)
        with contextlib.suppress(OSError):
            path.unlink()
        added.append(path)
    return RestoreReport(sessions, tuple(added), tuple(problems))


def _merge(store: HistoryStore, detail: SessionDetail) -> None:
    session = detail.session
    if store.session_detail(session.uuid) is None:
        store.import_records([detail])
        return
    for step in detail.steps:
        store.record_step(step)
    store.set_checkin(session.uuid, session.tightness_before)
    store.set_checkout(session.uuid, session.tightness_after, session.notes)
    if session.status is not SessionStatus.IN_PROGRESS and session.ended_at is not None:
        store.finish_session(session.uuid, session.status, session.ended_at)


def _scratch_store(path: Path) -> HistoryStore:
    """An empty history in memory, to build a rescue file with the export's own code."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    migrate(connection)
    return HistoryStore(OpenedDatabase(connection, path, False, LATEST_VERSION))


def _write_new(folder: Path, stem: str, text: str) -> Path:
    """Write ``text`` to a new file in ``folder``; complete and on disk, or not there at all."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{stem}.json"
    number = 2
    while target.exists():
        target = folder / f"{stem}-{number}.json"
        number += 1
    with atomic_text(target, encoding="utf-8") as handle:
        handle.write(text)
    return target


def _close_quietly(store: HistoryStore) -> None:
    try:
        store.close()
    except sqlite3.Error:
        _log.warning("Closing a replaced history failed", exc_info=True)


def _path_of(store: HistoryStore | None) -> Path:
    return store.path if store is not None else paths.history_db()
