"""The history store: what a session writes as it runs, and what the history screen asks.

Writes are small and committed at once (one transaction per call), so a crash or
a killed process loses at most the step that was in progress. Queries are shaped
for the review screen: each one is a single indexed statement.

Which sessions count (for streaks, calendar and weekly totals): a completed
session, or a stopped (partial) one with at least one work step actually done.
A session still in progress counts once it is finished or kept as partial.

Reads and writes alike raise the history's own errors (``storage.errors``) for what
the disk does (a damaged file, a file held by another program, a closed connection),
so nothing above the storage needs to know SQLite's exceptions.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Final, TypeVar

from supple import paths
from supple.core.i18n import N_, _
from supple.core.stats import DayTotal, Streaks, WeekBucket, streaks, week_buckets, week_start
from supple.core.sync_merge import Entity, Op
from supple.storage import journal
from supple.storage.check_stamp import note_closed
from supple.storage.database import OpenedDatabase, OpenNotice, local_now, open_database
from supple.storage.errors import (
    HistoryError,
    ReadOnlyHistoryError,
    UnknownSessionError,
    translate_read_error,
    translate_sqlite_error,
)
from supple.storage.journal import Draft
from supple.storage.journal_files import self_test_values, session_values, step_values
from supple.storage.records import (
    ExerciseTotals,
    ImportCounts,
    SelfTestRecord,
    SessionDetail,
    SessionPage,
    SessionRecord,
    SessionStatus,
    SessionSummary,
    Side,
    StepKind,
    StepRecord,
    TightnessPoint,
    check_rating,
    format_utc,
    parse_utc,
)
from supple.storage.transactions import transaction

__all__ = [
    "COUNTED_SESSION_SQL",
    "HistoryStore",
    "insert_self_test",
    "insert_session",
    "open_history",
    "snapshot_id",
    "upsert_step",
]

_T = TypeVar("_T")
Translate = Callable[[sqlite3.Error, Path, str], HistoryError | None]
Drafts = Callable[[sqlite3.Connection], Iterable[Draft]]
"""What a write did, for the sync folder's journal (asked only when one is in use)."""

COUNTED_SESSION_SQL: Final = (
    "(s.status = 'completed' OR (s.status = 'stopped' AND s.work_done > 0))"
)
"""SQL condition on ``sessions s``: does this session count toward streaks and weekly totals."""

_SESSION_COLUMNS: Final = (
    "s.uuid, s.routine_id, s.routine_name, s.started_at, s.utc_offset_minutes, s.ended_at,"
    " s.status, s.tightness_before, s.tightness_after, s.notes, s.planned_seconds,"
    " s.planned_work, s.rating"
)
_STEP_COLUMNS: Final = (
    "step_index, kind, exercise_id, exercise_name, side, round, planned_reps,"
    " planned_seconds, done_reps, done_seconds, skipped, finished_at"
)
_INSERT_STEP: Final = (
    f"INSERT INTO steps (session_id, {_STEP_COLUMNS})"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# The session is named by its UUID; the row gets the session's internal id.
_UPSERT_STEP: Final = (
    f"INSERT INTO steps (session_id, {_STEP_COLUMNS})"
    " SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM sessions WHERE uuid = ?"
    " ON CONFLICT (session_id, step_index) DO UPDATE SET"
    " kind = excluded.kind, exercise_id = excluded.exercise_id,"
    " exercise_name = excluded.exercise_name, side = excluded.side, round = excluded.round,"
    " planned_reps = excluded.planned_reps, planned_seconds = excluded.planned_seconds,"
    " done_reps = excluded.done_reps, done_seconds = excluded.done_seconds,"
    " skipped = excluded.skipped, finished_at = excluded.finished_at"
)
_INSERT_SELF_TEST: Final = (
    "INSERT INTO self_tests (uuid, kind, side, value, unit, taken_at, utc_offset_minutes,"
    " local_date, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO NOTHING"
)


def open_history(
    path: Path | None = None, *, check: bool = True, now: Callable[[], datetime] = local_now
) -> HistoryStore:
    """Open the user's history (``paths.history_db()`` by default), repairing what it can.

    Read ``store.notices`` afterwards: a damaged file moved aside, an upgrade with
    its backup, or a read-only opening are reported there for the UI to show.
    Raises ``HistoryUnavailableError`` when no history can be opened or created.
    """
    return HistoryStore(open_database(path or paths.history_db(), check=check, now=now))


class HistoryStore:
    """One open history file. Not thread-safe: use it from the thread that opened it."""

    def __init__(self, opened: OpenedDatabase) -> None:
        self._db = opened.connection
        self.path: Final = opened.path
        self.read_only: Final = opened.read_only
        self.schema_version: Final = opened.schema_version
        self.notices: Final[tuple[OpenNotice, ...]] = tuple(opened.notices)
        self._begun_here: set[str] = set()
        self.sync_problem: str | None = None
        """Why changes wait to be written to the sync folder (see ``storage.journal``)."""

    @classmethod
    def open(
        cls,
        path: Path | None = None,
        *,
        check: bool = True,
        now: Callable[[], datetime] = local_now,
    ) -> HistoryStore:
        return open_history(path, check=check, now=now)

    def close(self) -> None:
        self._db.close()
        if not self.read_only:
            note_closed(self.path)

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # --- writing a session as it runs ------------------------------------------------------

    def begin_session(self, session: SessionRecord) -> None:
        """Write the session row now, so even a session killed in its first step is kept.

        Beginning the same session (same UUID and start) again does nothing.
        """
        if session.status is not SessionStatus.IN_PROGRESS or session.ended_at is not None:
            raise ValueError("begin_session takes a session that is in progress and not ended")

        added = []

        def write(db: sqlite3.Connection) -> None:
            existing = db.execute(
                "SELECT started_at FROM sessions WHERE uuid = ?", (session.uuid,)
            ).fetchone()
            if existing is not None:
                if existing[0] != format_utc(session.started_at):
                    raise ValueError(f"another session with UUID {session.uuid} is in the history")
                return
            insert_session(db, session)
            added.append(_created(session))

        self._write(N_("save the new session"), write, lambda db: added)
        self._begun_here.add(session.uuid)

    def record_step(self, step: StepRecord) -> None:
        """Commit one finished step (its own transaction). The same index again replaces it."""

        def write(db: sqlite3.Connection) -> None:
            if not upsert_step(db, step):
                raise UnknownSessionError(step.session_uuid)

        self._write(N_("save the last step"), write, lambda db: [_step_draft(step)])

    def finish_session(self, session_uuid: str, status: SessionStatus, ended_at: datetime) -> None:
        """Close a session as completed or stopped (ended early)."""
        status = SessionStatus(status)
        if status is SessionStatus.IN_PROGRESS:
            raise ValueError("finish_session takes completed or stopped, not in_progress")
        self._update(
            N_("save the end of the session"),
            session_uuid,
            "UPDATE sessions SET status = ?, ended_at = ? WHERE uuid = ?",
            (status.value, format_utc(ended_at), session_uuid),
            {"status": status.value, "ended_at": format_utc(ended_at)},
        )

    def set_checkin(self, session_uuid: str, tightness_before: int | None) -> None:
        _check_tightness_arg(tightness_before, "tightness_before")
        self._update(
            N_("save the check-in"),
            session_uuid,
            "UPDATE sessions SET tightness_before = ? WHERE uuid = ?",
            (tightness_before, session_uuid),
            {"tightness_before": tightness_before},
        )

    def set_checkout(
        self, session_uuid: str, tightness_after: int | None, notes: str | None = None
    ) -> None:
        """Save the summary screen's answers; ``notes=None`` leaves the notes as they are."""
        _check_tightness_arg(tightness_after, "tightness_after")
        edits: dict[str, Any] = {"tightness_after": tightness_after}
        if notes is None:
            sql = "UPDATE sessions SET tightness_after = ? WHERE uuid = ?"
            values: tuple[Any, ...] = (tightness_after, session_uuid)
        else:
            sql = "UPDATE sessions SET tightness_after = ?, notes = ? WHERE uuid = ?"
            values = (tightness_after, notes, session_uuid)
            edits["notes"] = notes
        self._update(N_("save the check-out"), session_uuid, sql, values, edits)

    def set_rating(self, session_uuid: str, rating: int | None) -> None:
        """How the session felt, 1 to 5 (None: not said), answered on the summary."""
        check_rating(rating)
        self._update(
            N_("save the rating"),
            session_uuid,
            "UPDATE sessions SET rating = ? WHERE uuid = ?",
            (rating, session_uuid),
            {"rating": rating},
        )

    def update_notes(self, session_uuid: str, notes: str) -> None:
        self._update(
            N_("save the notes"),
            session_uuid,
            "UPDATE sessions SET notes = ? WHERE uuid = ?",
            (notes, session_uuid),
            {"notes": notes},
        )

    def set_progress(self, session_uuid: str, step_index: int, reps: int) -> None:
        """The reps counted so far in the set at ``step_index`` of a running session.

        Written as reps are counted, so a session cut short mid-set is resumed with
        them kept; local to this machine (not sent to the sync folder).
        """
        if step_index < 0 or reps < 0:
            raise ValueError(f"progress must not be negative, got {step_index}, {reps}")

        def write(db: sqlite3.Connection) -> None:
            cursor = db.execute(
                "UPDATE sessions SET progress_index = ?, progress_reps = ? WHERE uuid = ?",
                (step_index, reps, session_uuid),
            )
            if cursor.rowcount == 0:
                raise UnknownSessionError(session_uuid)

        self._write(N_("save the reps counted so far"), write)

    def progress(self, session_uuid: str) -> tuple[int, int] | None:
        """The set under way and its reps, as :meth:`set_progress` last wrote them."""
        with self._reading(N_("read the reps counted so far")):
            row = self._db.execute(
                "SELECT progress_index, progress_reps FROM sessions WHERE uuid = ?",
                (session_uuid,),
            ).fetchone()
        if row is None or row[0] is None or row[1] is None:
            return None
        return int(row[0]), int(row[1])

    def mark_partial(self, session_uuid: str) -> None:
        """Keep an interrupted session as a partial one (status stopped).

        Its end is the time its last step finished (or its start, when no step
        finished), not the time the user decided, which may be days later.
        """

        def write(db: sqlite3.Connection) -> None:
            cursor = db.execute(
                "UPDATE sessions SET status = 'stopped', ended_at = coalesce("
                " (SELECT max(finished_at) FROM steps WHERE session_id = sessions.id),"
                " started_at) WHERE uuid = ? AND status = 'in_progress'",
                (session_uuid,),
            )
            if cursor.rowcount == 0 and not _exists(db, session_uuid):
                raise UnknownSessionError(session_uuid)

        def drafts(db: sqlite3.Connection) -> list[Draft]:
            status, ended = db.execute(
                "SELECT status, ended_at FROM sessions WHERE uuid = ?", (session_uuid,)
            ).fetchone()
            return [_edit(session_uuid, {"status": status, "ended_at": ended})]

        self._write(N_("keep the session as partial"), write, drafts)

    def delete_session(self, session_uuid: str) -> None:
        """Remove a session and its steps (and its routine snapshot if nothing else uses it)."""

        def write(db: sqlite3.Connection) -> None:
            row = db.execute(
                "SELECT snapshot_id FROM sessions WHERE uuid = ?", (session_uuid,)
            ).fetchone()
            if row is None:
                raise UnknownSessionError(session_uuid)
            db.execute("DELETE FROM sessions WHERE uuid = ?", (session_uuid,))
            db.execute(
                "DELETE FROM routine_snapshots WHERE id = ?"
                " AND NOT EXISTS (SELECT 1 FROM sessions WHERE snapshot_id = ?)",
                (row[0], row[0]),
            )

        deleted = Draft(Entity.SESSION, Op.DELETE, session_uuid)
        self._write(N_("delete the session"), write, lambda db: [deleted])
        self._begun_here.discard(session_uuid)

    def find_interrupted(self) -> list[SessionDetail]:
        """Sessions left in progress by an earlier run, newest first.

        Sessions begun through this store are not included: they are running now.

        The app offers each for resuming (carry on at ``detail.next_step_index``) or
        keeping as partial (``mark_partial``).
        """
        # A session begun on another device (it came through the sync folder) may be
        # running there now: only the device that began it offers it.
        elsewhere = ""
        values: tuple[str, ...] = ()
        if journal.sync_folder_for(self.path) is not None:
            elsewhere = (
                " AND NOT EXISTS (SELECT 1 FROM sync_stamps t WHERE t.uuid = s.uuid"
                " AND t.field = '*' AND t.stamp NOT LIKE ?)"
            )
            values = (f"% {journal.sync_device(self.path)} %",)
        with self._reading(N_("look for interrupted sessions")):
            rows = self._db.execute(
                f"SELECT {_SESSION_COLUMNS}, r.body, s.id FROM sessions s"
                " JOIN routine_snapshots r ON r.id = s.snapshot_id"
                f" WHERE s.status = 'in_progress'{elsewhere}"
                " ORDER BY s.started_at DESC, s.id DESC",
                values,
            ).fetchall()
            return [self._detail_from_row(r) for r in rows if r[0] not in self._begun_here]

    # --- self-tests ------------------------------------------------------------------------

    def add_self_test(self, test: SelfTestRecord) -> None:
        """Save a self-test; adding the same UUID again does nothing."""
        added = []

        def write(db: sqlite3.Connection) -> None:
            if insert_self_test(db, test):
                added.append(_test_draft(test))

        self._write(N_("save the self-test"), write, lambda db: added)

    def delete_self_test(self, test_uuid: str) -> None:
        def write(db: sqlite3.Connection) -> None:
            if db.execute("DELETE FROM self_tests WHERE uuid = ?", (test_uuid,)).rowcount == 0:
                raise LookupError(
                    _("There is no self-test {uuid} in the history.").format(uuid=test_uuid)
                )

        deleted = Draft(Entity.SELF_TEST, Op.DELETE, test_uuid)
        self._write(N_("delete the self-test"), write, lambda db: [deleted])

    def self_tests(
        self, kind: str | None = None, side: Side | None = None, since: date | None = None
    ) -> list[SelfTestRecord]:
        """Self-tests in time order, optionally of one kind, one side, from one day on."""
        where = ["1"]
        values: list[Any] = []
        if kind is not None:
            where.append("kind = ?")
            values.append(kind)
        if side is not None:
            where.append("side = ?")
            values.append(Side(side).value)
        if since is not None:
            where.append("local_date >= ?")
            values.append(since.isoformat())
        with self._reading(N_("read the self-tests")):
            rows = self._db.execute(
                "SELECT uuid, kind, side, value, unit, taken_at, utc_offset_minutes, notes"
                f" FROM self_tests WHERE {' AND '.join(where)} ORDER BY taken_at, uuid",
                values,
            ).fetchall()
        return [_test_from_row(row) for row in rows]

    def self_test_kinds(self) -> list[str]:
        """The kinds the user has recorded at least once."""
        with self._reading(N_("read the self-tests")):
            rows = self._db.execute("SELECT DISTINCT kind FROM self_tests ORDER BY kind")
            return [row[0] for row in rows]

    # --- the history screen ----------------------------------------------------------------

    def session_count(self) -> int:
        with self._reading(N_("count the sessions")):
            return int(self._db.execute("SELECT count(*) FROM sessions").fetchone()[0])

    def list_sessions(self, offset: int = 0, limit: int = 50) -> SessionPage:
        """One page of sessions (all statuses), newest first."""
        if offset < 0 or limit < 1:
            raise ValueError(f"offset must be >= 0 and limit >= 1, got {offset} and {limit}")
        with self._reading(N_("read the list of sessions")):
            rows = self._db.execute(
                f"{_SUMMARY_SQL} ORDER BY s.started_at DESC, s.id DESC LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
        return SessionPage(
            total=self.session_count(),
            offset=offset,
            limit=limit,
            items=tuple(_summary_from_row(row) for row in rows),
        )

    def last_session(self) -> SessionSummary | None:
        page = self.list_sessions(0, 1)
        return page.items[0] if page.items else None

    def session_detail(self, session_uuid: str) -> SessionDetail | None:
        with self._reading(N_("read the session")):
            row = self._db.execute(
                f"SELECT {_SESSION_COLUMNS}, r.body, s.id FROM sessions s"
                " JOIN routine_snapshots r ON r.id = s.snapshot_id WHERE s.uuid = ?",
                (session_uuid,),
            ).fetchone()
            return None if row is None else self._detail_from_row(row)

    def active_dates(self, since: date | None = None) -> set[date]:
        """Local days with a session that counts: for the streak and the calendar."""
        sql = f"SELECT DISTINCT s.local_date FROM sessions s WHERE {COUNTED_SESSION_SQL}"
        values: tuple[str, ...] = ()
        if since is not None:
            sql += " AND s.local_date >= ?"
            values = (since.isoformat(),)
        with self._reading(N_("read the days with a session")):
            return {date.fromisoformat(row[0]) for row in self._db.execute(sql, values)}

    def streaks(self, today: date) -> Streaks:
        return streaks(self.active_dates(), today)

    def daily_totals(self, since: date | None = None) -> list[DayTotal]:
        """Per local day: sessions that count and the seconds done in them, oldest first."""
        values: tuple[str, ...] = ()
        where = COUNTED_SESSION_SQL
        if since is not None:
            where = f"s.local_date >= ? AND {where}"
            values = (since.isoformat(),)
        with self._reading(N_("read the time spent each day")):
            rows = self._db.execute(
                "SELECT s.local_date, count(*), total(s.done_seconds)"
                f" FROM sessions s WHERE {where} GROUP BY s.local_date ORDER BY s.local_date",
                values,
            ).fetchall()
        return [DayTotal(date.fromisoformat(day), int(n), float(sec)) for day, n, sec in rows]

    def weekly_totals(self, today: date, weeks: int = 12) -> list[WeekBucket]:
        """Sessions and minutes for each of the last ``weeks`` ISO weeks, oldest first."""
        first = week_start(today).toordinal() - 7 * (weeks - 1)
        return week_buckets(self.daily_totals(date.fromordinal(first)), today, weeks)

    def tightness_series(self, since: date | None = None) -> list[TightnessPoint]:
        """Sessions with a check-in or check-out answer, oldest first."""
        sql = (
            "SELECT uuid, started_at, local_date, tightness_before, tightness_after FROM sessions"
            " WHERE (tightness_before IS NOT NULL OR tightness_after IS NOT NULL)"
        )
        values: tuple[str, ...] = ()
        if since is not None:
            sql += " AND local_date >= ?"
            values = (since.isoformat(),)
        with self._reading(N_("read the tightness answers")):
            rows = self._db.execute(sql + " ORDER BY started_at", values).fetchall()
        return [
            TightnessPoint(uuid, parse_utc(started), date.fromisoformat(day), before, after)
            for uuid, started, day, before, after in rows
        ]

    def exercise_totals(self) -> list[ExerciseTotals]:
        """Work done per exercise over the whole history, most time first."""
        with self._reading(N_("read the totals per exercise")):
            rows = self._db.execute(
                "SELECT exercise_id, exercise_name, sets_done, sets_skipped, reps, seconds,"
                " sessions FROM exercise_totals"
            ).fetchall()
        totals = [
            ExerciseTotals(
                exercise_id=row[0],
                exercise_name=row[1] or row[0],
                sets_done=int(row[2]),
                sets_skipped=int(row[3]),
                reps=int(row[4]),
                seconds=float(row[5]),
                sessions=int(row[6]),
            )
            for row in rows
        ]
        return sorted(totals, key=lambda t: (-t.seconds, t.exercise_name))

    # --- whole-history access for export and import ----------------------------------------

    def iter_summaries(self) -> Iterator[SessionSummary]:
        """Every session as a list row, oldest first (for the CSV export)."""
        with self._reading(N_("read the sessions")):
            for row in self._db.execute(f"{_SUMMARY_SQL} ORDER BY s.started_at, s.id"):
                yield _summary_from_row(row)

    def iter_sessions(self) -> Iterator[SessionDetail]:
        """Every session with its steps, oldest first."""
        with self._reading(N_("read the sessions")):
            rows = self._db.execute(
                f"SELECT {_SESSION_COLUMNS}, r.body, s.id FROM sessions s"
                " JOIN routine_snapshots r ON r.id = s.snapshot_id ORDER BY s.started_at, s.id"
            ).fetchall()
            for row in rows:
                yield self._detail_from_row(row)

    def import_records(
        self, sessions: Iterable[SessionDetail], self_tests: Iterable[SelfTestRecord] = ()
    ) -> ImportCounts:
        """Add what is not there yet, all in one transaction; known UUIDs are skipped."""
        counts = {"added": 0, "skipped": 0, "tests_added": 0, "tests_skipped": 0}
        journaled = journal.sync_folder_for(self.path) is not None
        added: list[Draft] = []

        def write(db: sqlite3.Connection) -> None:
            for detail in sessions:
                if _exists(db, detail.session.uuid) or _deleted_here(db, detail.session.uuid):
                    counts["skipped"] += 1
                    continue
                session_id = insert_session(db, detail.session)
                db.executemany(
                    _INSERT_STEP, [(session_id, *_step_row(step)) for step in detail.steps]
                )
                counts["added"] += 1
                if journaled:
                    added.append(_created(detail.session))
                    added.extend(_step_draft(step) for step in detail.steps)
            for test in self_tests:
                inserted = insert_self_test(db, test)
                counts["tests_added" if inserted else "tests_skipped"] += 1
                if inserted and journaled:
                    added.append(_test_draft(test))

        self._write(N_("import the sessions"), write, lambda db: added)
        return ImportCounts(
            sessions_added=counts["added"],
            sessions_skipped=counts["skipped"],
            self_tests_added=counts["tests_added"],
            self_tests_skipped=counts["tests_skipped"],
        )

    # --- internals -------------------------------------------------------------------------

    @contextlib.contextmanager
    def _translated(
        self, doing: str, translate: Translate = translate_sqlite_error
    ) -> Iterator[None]:
        """SQLite's failures inside become the history's errors for what the disk does;
        ``doing`` completes "Supple could not ...". SQL mistakes (bugs) propagate as they are.
        """
        try:
            yield
        except sqlite3.Error as error:
            translated = translate(error, self.path, doing)
            if translated is None:
                raise
            raise translated from error

    def _reading(self, doing: str) -> contextlib.AbstractContextManager[None]:
        return self._translated(doing, translate_read_error)

    def flush_journal(self) -> None:
        """Append what waits for the sync folder (after a crash, or while it was missing)."""
        if not self.read_only:
            self.sync_problem = journal.flush(self._db, self.path)

    def write(self, doing: str, work: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``work`` in one write transaction, failing as the history's errors do.

        For work that is not one of the store's own writes (the sync folder's merge); it
        is not journaled."""
        return self._write(doing, work)

    def _write(
        self, doing: str, work: Callable[[sqlite3.Connection], _T], drafts: Drafts | None = None
    ) -> _T:
        """One transaction; with a sync folder in use, the change's journal line goes into
        the same transaction and to the folder right after it (see ``storage.journal``)."""
        if self.read_only:
            raise ReadOnlyHistoryError(
                _("Supple could not {doing}: the history at {path} is open read-only.").format(
                    doing=_(doing), path=self.path
                ),
                self.path,
                "SQLITE_READONLY",
            )
        journaled = drafts is not None and journal.sync_folder_for(self.path) is not None
        with self._translated(doing), transaction(self._db):
            result = work(self._db)
            if journaled and drafts is not None:
                journal.stage(self._db, self.path, drafts(self._db))
        if journaled:
            self.sync_problem = journal.flush(self._db, self.path)
        return result

    def _update(
        self,
        doing: str,
        session_uuid: str,
        sql: str,
        values: tuple[Any, ...],
        edits: dict[str, Any],
    ) -> None:
        def write(db: sqlite3.Connection) -> None:
            if db.execute(sql, values).rowcount == 0:
                raise UnknownSessionError(session_uuid)

        self._write(doing, write, lambda db: [_edit(session_uuid, edits)])

    def _detail_from_row(self, row: tuple[Any, ...]) -> SessionDetail:
        """A session row (``_SESSION_COLUMNS``, snapshot body, id) with its steps."""
        session = _session_from_row(row)
        steps = self._db.execute(
            f"SELECT {_STEP_COLUMNS} FROM steps WHERE session_id = ? ORDER BY step_index",
            (row[14],),
        ).fetchall()
        return SessionDetail(session, tuple(_step_from_row(session.uuid, r) for r in steps))


WORK_DONE_SQL: Final = (
    "coalesce(t.planned_seconds, 0) * CASE"
    " WHEN t.planned_reps IS NOT NULL THEN CASE WHEN t.planned_reps <= 0 THEN 1.0"
    "  ELSE min(1.0, coalesce(t.done_reps, 0) * 1.0 / t.planned_reps) END"
    " WHEN coalesce(t.planned_seconds, 0) <= 0 THEN 1.0"
    " ELSE min(1.0, t.done_seconds / t.planned_seconds) END"
)
"""``core.completion.set_work_done`` of a step row ``t``, in SQL."""

_SUMMARY_SQL: Final = (
    "SELECT s.uuid, s.routine_id, s.routine_name, s.started_at, s.utc_offset_minutes,"
    " s.ended_at, s.status, s.tightness_before, s.tightness_after, s.notes, s.planned_seconds,"
    " s.done_seconds, s.done_reps, s.work_done, s.work_skipped, s.planned_work, s.rating,"
    f" (SELECT total({WORK_DONE_SQL}) FROM steps t WHERE t.session_id = s.id"
    " AND t.kind = 'work') FROM sessions s"
)
"""A session as a list row; its totals are kept up to date as its steps are written, but
for the work done, read from its few step rows (``core.completion``)."""


def snapshot_id(db: sqlite3.Connection, body: str) -> int:
    """The id of the routine snapshot ``body``, stored once however many sessions ran it."""
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    db.execute(
        "INSERT INTO routine_snapshots (sha256, body) VALUES (?, ?)"
        " ON CONFLICT (sha256) DO NOTHING",
        (digest, body),
    )
    row = db.execute("SELECT id FROM routine_snapshots WHERE sha256 = ?", (digest,)).fetchone()
    return int(row[0])


def insert_session(db: sqlite3.Connection, session: SessionRecord) -> int:
    """Add the session's row (its routine snapshot stored once); returns its internal id."""
    cursor = db.execute(
        "INSERT INTO sessions (uuid, routine_id, routine_name, snapshot_id, started_at,"
        " utc_offset_minutes, local_date, ended_at, status, tightness_before,"
        " tightness_after, notes, planned_seconds, planned_work, rating)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            session.uuid,
            session.routine_id,
            session.routine_name,
            snapshot_id(db, session.routine_snapshot),
            format_utc(session.started_at),
            session.utc_offset_minutes,
            session.local_date.isoformat(),
            None if session.ended_at is None else format_utc(session.ended_at),
            session.status.value,
            session.tightness_before,
            session.tightness_after,
            session.notes,
            float(session.planned_seconds),
            None if session.planned_work is None else float(session.planned_work),
            session.rating,
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def upsert_step(db: sqlite3.Connection, step: StepRecord) -> bool:
    """Write a step of a stored session, replacing one at the same index; False: no session."""
    return bool(db.execute(_UPSERT_STEP, (*_step_row(step), step.session_uuid)).rowcount)


def insert_self_test(db: sqlite3.Connection, test: SelfTestRecord) -> bool:
    """Add a self-test; False when one with its UUID is there already."""
    return bool(db.execute(_INSERT_SELF_TEST, _test_row(test)).rowcount)


def _created(session: SessionRecord) -> Draft:
    return Draft(Entity.SESSION, Op.CREATE, session.uuid, session_values(session))


def _edit(session_uuid: str, edits: dict[str, Any]) -> Draft:
    return Draft(Entity.SESSION, Op.EDIT, session_uuid, edits)


def _step_draft(step: StepRecord) -> Draft:
    return Draft(Entity.STEP, Op.CREATE, step.session_uuid, step_values(step), step.index)


def _test_draft(test: SelfTestRecord) -> Draft:
    return Draft(Entity.SELF_TEST, Op.CREATE, test.uuid, self_test_values(test))


def _deleted_here(db: sqlite3.Connection, uuid: str) -> bool:
    """Deleted while a sync folder was in use: a delete is final (see ``core.sync_merge``)."""
    return db.execute("SELECT 1 FROM sync_deleted WHERE uuid = ?", (uuid,)).fetchone() is not None


def _exists(db: sqlite3.Connection, session_uuid: str) -> bool:
    row = db.execute("SELECT 1 FROM sessions WHERE uuid = ?", (session_uuid,)).fetchone()
    return row is not None


def _check_tightness_arg(value: int | None, name: str) -> None:
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10
    ):
        raise ValueError(f"{name} must be a whole number from 0 to 10 or None, got {value!r}")


def _optional_time(text: str | None) -> datetime | None:
    return None if text is None else parse_utc(text)


def _session_from_row(row: sqlite3.Row | tuple[Any, ...]) -> SessionRecord:
    return SessionRecord(
        uuid=row[0],
        routine_id=row[1],
        routine_name=row[2],
        started_at=parse_utc(row[3]),
        utc_offset_minutes=row[4],
        ended_at=_optional_time(row[5]),
        status=SessionStatus(row[6]),
        tightness_before=row[7],
        tightness_after=row[8],
        notes=row[9],
        planned_seconds=row[10],
        planned_work=row[11],
        rating=row[12],
        routine_snapshot=row[13],
    )


def _summary_from_row(row: tuple[Any, ...]) -> SessionSummary:
    return SessionSummary(
        uuid=row[0],
        routine_id=row[1],
        routine_name=row[2],
        started_at=parse_utc(row[3]),
        utc_offset_minutes=row[4],
        ended_at=_optional_time(row[5]),
        status=SessionStatus(row[6]),
        tightness_before=row[7],
        tightness_after=row[8],
        notes=row[9],
        planned_seconds=row[10],
        done_seconds=float(row[11]),
        done_reps=int(row[12]),
        work_steps_done=int(row[13]),
        work_steps_skipped=int(row[14]),
        planned_work=row[15],
        rating=row[16],
        done_work=float(row[17]),
    )


def _step_row(step: StepRecord) -> tuple[Any, ...]:
    """The step's columns in ``_STEP_COLUMNS`` order (without the session)."""
    return (
        step.index,
        step.kind.value,
        step.exercise_id,
        step.exercise_name,
        step.side.value,
        step.round,
        step.planned_reps,
        None if step.planned_seconds is None else float(step.planned_seconds),
        step.done_reps,
        float(step.done_seconds),
        int(step.skipped),
        format_utc(step.finished_at),
    )


def _step_from_row(session_uuid: str, row: tuple[Any, ...]) -> StepRecord:
    return StepRecord(
        session_uuid=session_uuid,
        index=row[0],
        kind=StepKind(row[1]),
        exercise_id=row[2],
        exercise_name=row[3],
        side=Side(row[4]),
        round=row[5],
        planned_reps=row[6],
        planned_seconds=row[7],
        done_reps=row[8],
        done_seconds=row[9],
        skipped=bool(row[10]),
        finished_at=parse_utc(row[11]),
    )


def _test_row(test: SelfTestRecord) -> tuple[Any, ...]:
    return (
        test.uuid,
        test.kind,
        test.side.value,
        None if test.value is None else float(test.value),
        test.unit,
        format_utc(test.taken_at),
        test.utc_offset_minutes,
        test.local_date.isoformat(),
        test.notes,
    )


def _test_from_row(row: tuple[Any, ...]) -> SelfTestRecord:
    return SelfTestRecord(
        uuid=row[0],
        kind=row[1],
        side=Side(row[2]),
        value=row[3],
        unit=row[4],
        taken_at=parse_utc(row[5]),
        utc_offset_minutes=row[6],
        notes=row[7],
    )
