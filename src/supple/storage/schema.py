"""The history's schema and the ordered steps that build it.

``PRAGMA user_version`` holds how many migrations a file has had. Migration N
takes a file from version N-1 to N, inside one transaction together with the
version bump, so a file is always at exactly one known version. Migrations are
only ever appended: a released one is never edited, because files in the wild
were made by it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cache
from typing import Final

from supple.storage.transactions import transaction

__all__ = [
    "LATEST_VERSION",
    "MIGRATIONS",
    "Migration",
    "detect_version",
    "migrate",
    "schema_version",
]


@dataclass(frozen=True)
class Migration:
    version: int
    summary: str
    statements: tuple[str, ...]


_SESSIONS_AND_STEPS = Migration(
    version=1,
    summary="sessions with their routine snapshots, and the steps done in them",
    statements=(
        # Snapshots are stored once per distinct text: a user runs the same routine
        # for years, and the session rows stay small and quick to scan.
        """
        CREATE TABLE routine_snapshots (
            id      INTEGER PRIMARY KEY,
            sha256  TEXT NOT NULL UNIQUE,
            body    TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE sessions (
            id                  INTEGER PRIMARY KEY,
            uuid                TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
            routine_id          TEXT NOT NULL,
            routine_name        TEXT NOT NULL,
            snapshot_id         INTEGER NOT NULL REFERENCES routine_snapshots (id),
            started_at          TEXT NOT NULL,
            utc_offset_minutes  INTEGER NOT NULL,
            local_date          TEXT NOT NULL,
            ended_at            TEXT,
            status              TEXT NOT NULL
                                CHECK (status IN ('in_progress', 'completed', 'stopped')),
            tightness_before    INTEGER CHECK (tightness_before BETWEEN 0 AND 10),
            tightness_after     INTEGER CHECK (tightness_after BETWEEN 0 AND 10),
            notes               TEXT NOT NULL DEFAULT '',
            planned_seconds     REAL NOT NULL CHECK (planned_seconds >= 0)
        )
        """,
        "CREATE INDEX sessions_by_snapshot ON sessions (snapshot_id)",
        # Clustered by session, so a session's steps sit together on disk. The UUID is
        # the session's identity outside the file; inside, a small integer keeps each
        # of the many step rows short.
        """
        CREATE TABLE steps (
            session_id       INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            step_index       INTEGER NOT NULL CHECK (step_index >= 0),
            kind             TEXT NOT NULL
                             CHECK (kind IN ('work', 'rest', 'side_switch', 'get_ready')),
            exercise_id      TEXT,
            exercise_name    TEXT,
            side             TEXT NOT NULL
                             CHECK (side IN ('none', 'left', 'right', 'alternating')),
            round            INTEGER NOT NULL CHECK (round >= 0),
            planned_reps     INTEGER CHECK (planned_reps >= 0),
            planned_seconds  REAL CHECK (planned_seconds >= 0),
            done_reps        INTEGER CHECK (done_reps >= 0),
            done_seconds     REAL NOT NULL CHECK (done_seconds >= 0),
            skipped          INTEGER NOT NULL CHECK (skipped IN (0, 1)),
            finished_at      TEXT NOT NULL,
            PRIMARY KEY (session_id, step_index)
        ) WITHOUT ROWID
        """,
    ),
)

_SELF_TESTS = Migration(
    version=2,
    summary="self-tests: measurements and notes taken on any day",
    statements=(
        """
        CREATE TABLE self_tests (
            uuid                TEXT PRIMARY KEY NOT NULL CHECK (length(uuid) = 36),
            kind                TEXT NOT NULL CHECK (kind <> ''),
            side                TEXT NOT NULL CHECK (side IN ('none', 'left', 'right')),
            value               REAL,
            unit                TEXT NOT NULL,
            taken_at            TEXT NOT NULL,
            utc_offset_minutes  INTEGER NOT NULL,
            local_date          TEXT NOT NULL,
            notes               TEXT NOT NULL DEFAULT ''
        )
        """,
        "CREATE INDEX self_tests_by_kind ON self_tests (kind, side, taken_at)",
    ),
)

_REVIEW_INDEXES = Migration(
    version=3,
    summary="indexes for the history screen",
    statements=(
        "CREATE INDEX sessions_by_start ON sessions (started_at)",
        "CREATE INDEX sessions_by_day ON sessions (local_date, status)",
        "CREATE INDEX sessions_in_progress ON sessions (started_at) WHERE status = 'in_progress'",
        "CREATE INDEX sessions_with_tightness ON sessions (started_at)"
        " WHERE tightness_before IS NOT NULL OR tightness_after IS NOT NULL",
        # Covers the per-exercise totals, so they never read the step rows themselves.
        "CREATE INDEX work_steps_by_exercise"
        " ON steps (exercise_id, skipped, done_reps, done_seconds, exercise_name)"
        " WHERE kind = 'work'",
    ),
)


def _step_totals(sign: str, row: str) -> str:
    """Statements that add (``+``) or take away (``-``) one step row's work from the totals."""
    work = f"{row}.kind = 'work'"
    statements = f"""
        UPDATE sessions SET
            done_seconds = done_seconds {sign} {row}.done_seconds,
            done_reps = done_reps {sign} (CASE WHEN {work}
                THEN coalesce({row}.done_reps, 0) ELSE 0 END),
            work_done = work_done {sign} ({work} AND {row}.skipped = 0),
            work_skipped = work_skipped {sign} ({work} AND {row}.skipped = 1)
        WHERE id = {row}.session_id;
        INSERT INTO exercise_totals
            (exercise_id, exercise_name, sets_done, sets_skipped, reps, seconds, sessions)
        SELECT {row}.exercise_id, {row}.exercise_name, {sign}({row}.skipped = 0),
            {sign}{row}.skipped, {sign}coalesce({row}.done_reps, 0), {sign}{row}.done_seconds,
            {sign}(NOT EXISTS (SELECT 1 FROM steps o WHERE o.session_id = {row}.session_id
                AND o.step_index <> {row}.step_index AND o.kind = 'work'
                AND o.exercise_id = {row}.exercise_id))
        WHERE {work} AND {row}.exercise_id IS NOT NULL
        ON CONFLICT (exercise_id) DO UPDATE SET
            exercise_name = CASE WHEN exercise_name IS NULL
                OR excluded.exercise_name > exercise_name AND '{sign}' = '+'
                THEN coalesce(excluded.exercise_name, exercise_name) ELSE exercise_name END,
            sets_done = sets_done + excluded.sets_done,
            sets_skipped = sets_skipped + excluded.sets_skipped,
            reps = reps + excluded.reps,
            seconds = seconds + excluded.seconds,
            sessions = sessions + excluded.sessions;
        DELETE FROM exercise_totals WHERE exercise_id = {row}.exercise_id
            AND sets_done = 0 AND sets_skipped = 0;
    """
    return " ".join(statements.split())  # the schema is read at every open: keep it short


_RUNNING_TOTALS = Migration(
    version=4,
    summary="running totals per session and per exercise, kept up to date as steps are written",
    statements=(
        # The review screen's questions then read one row per session (or per exercise)
        # instead of every step: on 100,000 sessions the per-exercise totals went from
        # reading two million step rows to reading five.
        "ALTER TABLE sessions ADD COLUMN done_seconds REAL NOT NULL DEFAULT 0",
        "ALTER TABLE sessions ADD COLUMN done_reps INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE sessions ADD COLUMN work_done INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE sessions ADD COLUMN work_skipped INTEGER NOT NULL DEFAULT 0",
        """
        CREATE TABLE exercise_totals (
            exercise_id    TEXT PRIMARY KEY NOT NULL,
            exercise_name  TEXT,
            sets_done      INTEGER NOT NULL,
            sets_skipped   INTEGER NOT NULL,
            reps           INTEGER NOT NULL,
            seconds        REAL NOT NULL,
            sessions       INTEGER NOT NULL
        )
        """,
        f"CREATE TRIGGER step_added AFTER INSERT ON steps BEGIN {_step_totals('+', 'new')} END",
        f"CREATE TRIGGER step_removed AFTER DELETE ON steps BEGIN {_step_totals('-', 'old')} END",
        "CREATE TRIGGER step_changed AFTER UPDATE ON steps BEGIN"
        f" {_step_totals('-', 'old')} {_step_totals('+', 'new')} END",
        # The totals of the steps already there, once.
        """
        UPDATE sessions SET (done_seconds, done_reps, work_done, work_skipped) = (
            SELECT total(done_seconds), total(CASE WHEN kind = 'work' THEN done_reps END),
                total(kind = 'work' AND skipped = 0), total(kind = 'work' AND skipped = 1)
            FROM steps WHERE session_id = sessions.id)
        """,
        """
        INSERT INTO exercise_totals
        SELECT exercise_id, max(exercise_name), sum(skipped = 0), sum(skipped),
            total(done_reps), total(done_seconds), count(DISTINCT session_id)
        FROM steps WHERE kind = 'work' AND exercise_id IS NOT NULL GROUP BY exercise_id
        """,
        # The calendar, streaks and weekly totals read these columns of each day's sessions.
        "DROP INDEX sessions_by_day",
        "CREATE INDEX sessions_by_day ON sessions (local_date, status, work_done, done_seconds)",
        "CREATE INDEX sessions_with_tightness_by_day"
        " ON sessions (local_date, started_at, tightness_before, tightness_after, uuid)"
        " WHERE tightness_before IS NOT NULL OR tightness_after IS NOT NULL",
    ),
)

_SYNC_BOOKKEEPING = Migration(
    version=5,
    summary="what the sync folder's journals have brought in, and what waits to go out",
    statements=(
        # Changes made here, written in the same transaction as the change itself and
        # removed once appended to this device's journal (see storage.journal).
        "CREATE TABLE sync_outbox (seq INTEGER PRIMARY KEY, line TEXT NOT NULL)",
        # The stamp of the newest change to each field, step (#<index>) and create (*).
        "CREATE TABLE sync_stamps (uuid TEXT NOT NULL, field TEXT NOT NULL,"
        " stamp TEXT NOT NULL, PRIMARY KEY (uuid, field)) WITHOUT ROWID",
        "CREATE TABLE sync_deleted (uuid TEXT PRIMARY KEY NOT NULL, stamp TEXT NOT NULL)",
        # Edits and steps whose session has not arrived yet.
        "CREATE TABLE sync_pending (uuid TEXT NOT NULL, line TEXT NOT NULL)",
        "CREATE INDEX sync_pending_by_uuid ON sync_pending (uuid)",
        # How far each journal file has been read, and a digest of the bytes before.
        "CREATE TABLE sync_files (name TEXT PRIMARY KEY NOT NULL, offset INTEGER NOT NULL,"
        " tail TEXT NOT NULL)",
        "CREATE TABLE sync_state (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)",
    ),
)

_RATING_AND_PLANNED_WORK = Migration(
    version=6,
    summary="how a session felt (1 to 5), and the work it planned, for one completion figure",
    statements=(
        "ALTER TABLE sessions ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 5)",
        # The planned seconds of the session's sets when it started, steps never reached
        # included; NULL for sessions recorded before (see SessionSummary.completion).
        "ALTER TABLE sessions ADD COLUMN planned_work REAL CHECK (planned_work >= 0)",
    ),
)

_SET_IN_PROGRESS = Migration(
    version=7,
    summary="the reps counted so far in the set under way, so a resumed session keeps them",
    statements=(
        # Kept on this machine only (not journaled): the set a running session is in and
        # the reps counted in it; a resume carries on that set from there.
        "ALTER TABLE sessions ADD COLUMN progress_index INTEGER CHECK (progress_index >= 0)",
        "ALTER TABLE sessions ADD COLUMN progress_reps INTEGER CHECK (progress_reps >= 0)",
    ),
)

MIGRATIONS: Final[tuple[Migration, ...]] = (
    _SESSIONS_AND_STEPS,
    _SELF_TESTS,
    _REVIEW_INDEXES,
    _RUNNING_TOTALS,
    _SYNC_BOOKKEEPING,
    _RATING_AND_PLANNED_WORK,
    _SET_IN_PROGRESS,
)
LATEST_VERSION: Final = len(MIGRATIONS)

for _position, _migration in enumerate(MIGRATIONS, start=1):
    if _migration.version != _position:
        raise AssertionError(f"migration {_migration.version} is listed at place {_position}")


def schema_version(connection: sqlite3.Connection) -> int:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    return int(version)


def migrate(connection: sqlite3.Connection, target: int = LATEST_VERSION) -> list[int]:
    """Apply the migrations after the file's version up to ``target``; return those applied.

    Each migration commits on its own, so an interruption leaves the file at the
    last completed version, never half-way. The connection must be in autocommit
    mode (``isolation_level=None``) so the transactions here are the only ones.
    """
    if not 0 <= target <= LATEST_VERSION:
        raise ValueError(f"target version must be 0..{LATEST_VERSION}, got {target}")
    current = schema_version(connection)
    if current > target:
        raise ValueError(f"the file is at version {current}; going back to {target} is not done")
    applied: list[int] = []
    for migration in MIGRATIONS[current:target]:
        with transaction(connection):
            for statement in migration.statements:
                connection.execute(statement)
            # PRAGMA takes no parameters; the value is an int from this module.
            connection.execute(f"PRAGMA user_version = {int(migration.version)}")
        applied.append(migration.version)
    return applied


_SchemaObject = tuple[str, str, tuple[str, ...]]
"""(type, name, column names) of a table or index; the columns say which shape it has."""


def _objects(connection: sqlite3.Connection) -> frozenset[_SchemaObject]:
    rows = connection.execute(
        "SELECT type, name FROM sqlite_schema"
        " WHERE type IN ('table', 'index', 'view', 'trigger') AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    found: set[_SchemaObject] = set()
    for kind, name in rows:
        pragma = "pragma_table_info" if kind in ("table", "view") else "pragma_index_info"
        columns = connection.execute(f"SELECT name FROM {pragma}(?) ORDER BY cid", (name,))
        found.add((str(kind), str(name), tuple(str(c[0]) for c in columns.fetchall())))
    return frozenset(found)


@cache
def _objects_by_version() -> tuple[frozenset[_SchemaObject], ...]:
    """What a file holds after 0, 1, ... ``LATEST_VERSION`` migrations, built in memory."""
    reference = sqlite3.connect(":memory:", isolation_level=None)
    try:
        shapes = [_objects(reference)]
        for version in range(1, LATEST_VERSION + 1):
            migrate(reference, version)
            shapes.append(_objects(reference))
    finally:
        reference.close()
    return tuple(shapes)


def detect_version(connection: sqlite3.Connection) -> int:
    """The version whose tables and indexes the file really holds, whatever ``user_version`` says.

    It is the latest version all of whose objects are in the file, with the same columns;
    objects of Supple's that a version does not have, and objects of no version at all, do
    not change it (an upgrade then stops on them and says so). 0 is a file without any of
    Supple's tables, which may still hold someone else's."""
    present = _objects(connection)
    shapes = _objects_by_version()
    return max(version for version, shape in enumerate(shapes) if shape <= present)
