"""The history views' one door to the history: what they read, edit, export and import.

The views (``ui.history``) and the session list's model never touch the storage's
store, recorder or SQLite: they are given this object and ask it. Reads return the
storage's plain records and raise the storage's ``HistoryError`` (a sentence for the
user) when the history cannot be read, or ``NoHistoryError`` when none is open.
Edits and files return an ``Outcome`` instead of raising, so nothing a user does on
the history screen can crash the app.

It is built around the app's ``HistoryRecorder`` (so edits made on the history
screen and steps recorded by a running session go through one place), or around a
plain ``HistoryStore``. The recorder may replace its store after a write problem;
the door always asks the one in use now.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from supple.core.i18n import _, ngettext
from supple.core.stats import Streaks, WeekBucket
from supple.storage.csv_import import import_history_file
from supple.storage.database import NoticeKind, OpenNotice
from supple.storage.errors import HistoryError, ImportFormatError, NoHistoryError
from supple.storage.history import HistoryStore
from supple.storage.recorder import HistoryRecorder
from supple.storage.records import (
    ImportCounts,
    SelfTestRecord,
    SessionDetail,
    SessionPage,
    SessionSummary,
    Side,
    TightnessPoint,
)
from supple.storage.transfer import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    export_json,
    export_sessions_csv,
    export_steps_csv,
)

__all__ = [
    "EARLIEST_YEAR",
    "LATEST_YEAR",
    "ExportFormat",
    "HistoryAccess",
    "HistoryError",
    "HistorySource",
    "NoHistoryError",
    "NoticeKind",
    "OpenNotice",
    "Outcome",
    "history_access",
    "import_counts_text",
]
# HistoryError, NoHistoryError, OpenNotice, NoticeKind and the years an import accepts are
# the storage's, passed on here so that the views need no storage module but the plain records.

_log = logging.getLogger(__name__)

HistorySource = HistoryRecorder | HistoryStore | Callable[[], HistoryStore | None] | None
"""What the door can be built around; None for no history at all."""


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str


class ExportFormat:
    JSON = "json"
    SESSIONS_CSV = "sessions-csv"
    STEPS_CSV = "steps-csv"


class HistoryAccess:
    """Reads (raising ``HistoryError``) and edits (returning an ``Outcome``) for the views."""

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

    # --- state -----------------------------------------------------------------------------

    @property
    def available(self) -> bool:
        """Whether a history is open (it may still be read-only)."""
        return self._store() is not None

    @property
    def read_only(self) -> bool:
        store = self._store()
        return store is None or store.read_only

    def read_only_reason(self) -> str | None:
        store = self._store()
        if store is None:
            return _("The history is not available, so nothing can be changed here.")
        if store.read_only:
            return _(
                "The history at {path} is open read-only; changes cannot be saved. "
                "See the notice above for why."
            ).format(path=store.path)
        return None

    # --- reads -----------------------------------------------------------------------------

    def _reader(self) -> HistoryStore:
        store = self._store()
        if store is None:
            raise NoHistoryError()
        return store

    def list_sessions(self, offset: int, limit: int) -> SessionPage:
        """One page of sessions, newest first."""
        return self._reader().list_sessions(offset, limit)

    def session_count(self) -> int:
        return self._reader().session_count()

    def last_session(self) -> SessionSummary | None:
        return self._reader().last_session()

    def session_detail(self, session_uuid: str) -> SessionDetail | None:
        return self._reader().session_detail(session_uuid)

    def streaks(self, today: date) -> Streaks:
        return self._reader().streaks(today)

    def active_dates(self, since: date | None = None) -> set[date]:
        return self._reader().active_dates(since)

    def weekly_totals(self, today: date, weeks: int) -> list[WeekBucket]:
        return self._reader().weekly_totals(today, weeks)

    def tightness_series(self, since: date | None = None) -> list[TightnessPoint]:
        return self._reader().tightness_series(since)

    def self_test_kinds(self) -> list[str]:
        return self._reader().self_test_kinds()

    def self_tests(
        self, kind: str | None = None, side: Side | None = None, since: date | None = None
    ) -> list[SelfTestRecord]:
        return self._reader().self_tests(kind, side, since)

    # --- edits -----------------------------------------------------------------------------

    def update_notes(self, session_uuid: str, notes: str) -> Outcome:
        if self._recorder is not None:
            saved = self._recorder.update_notes(session_uuid, notes)
            problem = self._recorder.problem
            return Outcome(saved, _("Notes saved.") if saved else problem or _("Not saved yet."))
        return self._write(_("Notes saved."), lambda s: s.update_notes(session_uuid, notes))

    def add_self_test(self, test: SelfTestRecord) -> Outcome:
        done = _("Self-test saved.")
        if self._recorder is not None:
            saved = self._recorder.add_self_test(test)
            return Outcome(saved, done if saved else self._recorder.problem or _("Not saved yet."))
        return self._write(done, lambda s: s.add_self_test(test))

    def delete_session(self, session_uuid: str) -> Outcome:
        return self._write(_("The session was deleted."), lambda s: s.delete_session(session_uuid))

    # --- files -----------------------------------------------------------------------------

    def export(self, path: Path, kind: str) -> Outcome:
        store = self._store()
        if store is None:
            return Outcome(False, _("The history is not available, so there is nothing to export."))
        try:
            if kind == ExportFormat.JSON:
                counts = export_json(store, path)
                what = _("{sessions}, {steps} and {self_tests}").format(
                    sessions=_sessions(counts.sessions),
                    steps=_steps(counts.steps),
                    self_tests=_self_tests(counts.self_tests),
                )
            elif kind == ExportFormat.STEPS_CSV:
                what = _steps(export_steps_csv(store, path))
            else:
                what = _sessions(export_sessions_csv(store, path))
        except OSError as error:
            return Outcome(
                False,
                _("Could not write {file}: {reason}.").format(
                    file=path, reason=error.strerror or error
                ),
            )
        except HistoryError as error:
            return Outcome(
                False, _("Could not read the history to export it: {error}").format(error=error)
            )
        return Outcome(True, _("Exported {what} to {file}.").format(what=what, file=path))

    def import_file(self, path: Path) -> tuple[Outcome, ImportCounts | None]:
        """All or nothing: a file with any problem adds nothing, and the message lists them."""
        store = self._store()
        if store is None:
            unavailable = _("The history is not available, so nothing can be imported.")
            return Outcome(False, unavailable), None
        try:
            counts = import_history_file(store, path)
        except ImportFormatError as error:
            return Outcome(False, str(error)), None
        except HistoryError as error:
            return Outcome(False, _("Nothing was imported: {error}").format(error=error)), None
        return Outcome(True, import_counts_text(counts)), counts

    def _write(self, done: str, action: Callable[[HistoryStore], None]) -> Outcome:
        store = self._store()
        if store is None:
            return Outcome(False, _("The history is not available; nothing was changed."))
        try:
            action(store)
        except LookupError as error:
            return Outcome(False, str(error))
        except HistoryError as error:
            _log.warning("A history edit failed: %s", error)
            return Outcome(False, str(error))
        return Outcome(True, done)


def history_access(source: HistoryAccess | HistorySource) -> HistoryAccess:
    """The door itself, or one built around ``source`` (a view given the recorder or a store)."""
    return source if isinstance(source, HistoryAccess) else HistoryAccess(source)


def _sessions(n: int) -> str:
    return ngettext("{n} session", "{n} sessions", n).format(n=f"{n:,}")


def _steps(n: int) -> str:
    return ngettext("{n} step", "{n} steps", n).format(n=f"{n:,}")


def _self_tests(n: int) -> str:
    return ngettext("{n} self-test", "{n} self-tests", n).format(n=f"{n:,}")


def import_counts_text(counts: ImportCounts) -> str:
    """``Imported: added 12 sessions, skipped 3 already present, added 4 self-tests.``"""
    values = {
        "sessions": _sessions(counts.sessions_added),
        "skipped": f"{counts.sessions_skipped:,}",
        "self_tests": _self_tests(counts.self_tests_added),
        "tests_skipped": f"{counts.self_tests_skipped:,}",
    }
    if counts.self_tests_skipped:
        text = _(
            "Imported: added {sessions}, skipped {skipped} already present, added "
            "{self_tests}, skipped {tests_skipped} self-tests already present."
        )
    elif counts.self_tests_added:
        text = _(
            "Imported: added {sessions}, skipped {skipped} already present, added {self_tests}."
        )
    else:
        text = _("Imported: added {sessions}, skipped {skipped} already present.")
    return text.format(**values)
