"""The history views' one door to the history: reads, edits, export and import.

Views are given a ``HistoryRecorder`` (the app's, so edits made here and steps
recorded by a running session go through one place) or a plain ``HistoryStore``.
Every action returns a sentence for the user instead of raising: the screen shows
it as is, and nothing a user does on the history screen can crash the app.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from supple.storage.errors import HistoryError, ImportFormatError
from supple.storage.history import HistoryStore
from supple.storage.recorder import HistoryRecorder
from supple.storage.records import ImportCounts, SelfTestRecord
from supple.storage.transfer import export_json, export_sessions_csv, export_steps_csv, import_json

__all__ = ["ExportFormat", "HistoryAccess", "Outcome", "import_counts_text"]

_log = logging.getLogger(__name__)

HistorySource = HistoryRecorder | HistoryStore | Callable[[], HistoryStore | None] | None


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str


class ExportFormat:
    JSON = "json"
    SESSIONS_CSV = "sessions-csv"
    STEPS_CSV = "steps-csv"


class HistoryAccess:
    """Reads and writes for the history views, with every failure as a message."""

    def __init__(self, source: HistorySource) -> None:
        self._recorder = source if isinstance(source, HistoryRecorder) else None
        if isinstance(source, HistoryRecorder):
            recorder = source
            self._store: Callable[[], HistoryStore | None] = lambda: recorder.store
        elif isinstance(source, HistoryStore):
            store = source
            self._store = lambda: store
        elif source is None:
            self._store = lambda: None
        else:
            self._store = source

    @property
    def store(self) -> HistoryStore | None:
        return self._store()

    @property
    def store_source(self) -> Callable[[], HistoryStore | None]:
        """The store to read from at each moment (the recorder may replace it)."""
        return self._store

    @property
    def read_only(self) -> bool:
        store = self._store()
        return store is None or store.read_only

    def read_only_reason(self) -> str | None:
        store = self._store()
        if store is None:
            return "The history is not available, so nothing can be changed here."
        if store.read_only:
            return (
                f"The history at {store.path} is open read-only; changes cannot be saved. "
                "See the notice above for why."
            )
        return None

    # --- edits ---------------------------------------------------------------------------

    def update_notes(self, session_uuid: str, notes: str) -> Outcome:
        if self._recorder is not None:
            saved = self._recorder.update_notes(session_uuid, notes)
            problem = self._recorder.problem
            return Outcome(saved, "Notes saved." if saved else problem or "Not saved yet.")
        return self._write("Notes saved.", lambda s: s.update_notes(session_uuid, notes))

    def add_self_test(self, test: SelfTestRecord) -> Outcome:
        done = "Self-test saved."
        if self._recorder is not None:
            saved = self._recorder.add_self_test(test)
            return Outcome(saved, done if saved else self._recorder.problem or "Not saved yet.")
        return self._write(done, lambda s: s.add_self_test(test))

    def delete_session(self, session_uuid: str) -> Outcome:
        return self._write("The session was deleted.", lambda s: s.delete_session(session_uuid))

    # --- files ---------------------------------------------------------------------------

    def export(self, path: Path, kind: str) -> Outcome:
        store = self._store()
        if store is None:
            return Outcome(False, "The history is not available, so there is nothing to export.")
        try:
            if kind == ExportFormat.JSON:
                counts = export_json(store, path)
                what = (
                    f"{_count(counts.sessions, 'session')}, {_count(counts.steps, 'step')} and "
                    f"{_count(counts.self_tests, 'self-test')}"
                )
            elif kind == ExportFormat.STEPS_CSV:
                what = _count(export_steps_csv(store, path), "step")
            else:
                what = _count(export_sessions_csv(store, path), "session")
        except OSError as error:
            return Outcome(False, f"Could not write {path}: {error.strerror or error}.")
        except (HistoryError, sqlite3.Error) as error:
            return Outcome(False, f"Could not read the history to export it: {error}")
        return Outcome(True, f"Exported {what} to {path}.")

    def import_file(self, path: Path) -> tuple[Outcome, ImportCounts | None]:
        """All or nothing: a file with any problem adds nothing, and the message lists them."""
        store = self._store()
        if store is None:
            return Outcome(False, "The history is not available, so nothing can be imported."), None
        try:
            counts = import_json(store, path)
        except ImportFormatError as error:
            return Outcome(False, str(error)), None
        except (HistoryError, sqlite3.Error) as error:
            return Outcome(False, f"Nothing was imported: {error}"), None
        return Outcome(True, import_counts_text(counts)), counts

    def _write(self, done: str, action: Callable[[HistoryStore], None]) -> Outcome:
        store = self._store()
        if store is None:
            return Outcome(False, "The history is not available; nothing was changed.")
        try:
            action(store)
        except LookupError as error:
            return Outcome(False, str(error))
        except (HistoryError, sqlite3.Error) as error:
            _log.warning("A history edit failed: %s", error)
            return Outcome(False, str(error))
        return Outcome(True, done)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'s' if number != 1 else ''}"


def import_counts_text(counts: ImportCounts) -> str:
    """``Imported: added 12 sessions, skipped 3 already present; added 4 self-tests.``"""
    parts = [
        f"added {_count(counts.sessions_added, 'session')}",
        f"skipped {counts.sessions_skipped:,} already present",
    ]
    tests = counts.self_tests_added + counts.self_tests_skipped
    if tests:
        parts.append(f"added {_count(counts.self_tests_added, 'self-test')}")
        if counts.self_tests_skipped:
            parts.append(f"skipped {counts.self_tests_skipped:,} self-tests already present")
    return "Imported: " + ", ".join(parts) + "."
