"""The running totals (per session, per exercise) always equal what the steps add up to.

They are kept by the file itself as steps are written, replaced and deleted, so every
writer (a session, an import, a merge from the sync folder) keeps them right; here they
are compared with the totals counted from the step rows after each kind of change.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from supple.storage.database import connect
from supple.storage.history import open_history
from supple.storage.schema import migrate
from tests.storage.history_builders import MORNING, Records, look

COUNTED_FROM_STEPS = (
    "SELECT s.uuid, total(st.done_seconds),"
    " total(CASE WHEN st.kind = 'work' THEN st.done_reps END),"
    " total(st.kind = 'work' AND st.skipped = 0), total(st.kind = 'work' AND st.skipped = 1)"
    " FROM sessions s LEFT JOIN steps st ON st.session_id = s.id GROUP BY s.id ORDER BY s.uuid"
)
KEPT = "SELECT uuid, done_seconds, done_reps, work_done, work_skipped FROM sessions ORDER BY uuid"
EXERCISES_FROM_STEPS = (
    "SELECT exercise_id, sum(skipped = 0), sum(skipped), total(done_reps), total(done_seconds),"
    " count(DISTINCT session_id) FROM steps WHERE kind = 'work' AND exercise_id IS NOT NULL"
    " GROUP BY exercise_id ORDER BY exercise_id"
)
EXERCISES_KEPT = (
    "SELECT exercise_id, sets_done, sets_skipped, reps, seconds, sessions"
    " FROM exercise_totals ORDER BY exercise_id"
)


def assert_totals_agree(db: sqlite3.Connection) -> None:
    for kept_sql, counted_sql in (
        (KEPT, COUNTED_FROM_STEPS),
        (EXERCISES_KEPT, EXERCISES_FROM_STEPS),
    ):
        kept = db.execute(kept_sql).fetchall()
        counted = db.execute(counted_sql).fetchall()
        assert [row[0] for row in kept] == [row[0] for row in counted]
        for mine, theirs in zip(kept, counted, strict=True):
            assert mine[1:] == pytest.approx(theirs[1:])


def test_totals_follow_steps_written_replaced_and_deleted(store, records, history_path):
    first = records.run(store, MORNING, steps=6)
    second = records.run(store, MORNING + timedelta(days=1), steps=5)
    other = records.session(started_at=MORNING + timedelta(days=2))
    store.begin_session(other)
    store.record_step(records.step(other, 0, exercise_id="hip_hike", exercise_name="Hip hike"))
    store.record_step(records.step(other, 2, skipped=True, done_reps=0, done_seconds=0.0))
    with look(history_path) as db:
        assert_totals_agree(db)

    # The same index again replaces the step: its old figures leave the totals.
    store.record_step(records.step(first, 0, done_reps=3, done_seconds=12.5, skipped=True))
    store.record_step(records.step(other, 0, exercise_id="pelvic_tilt"))
    with look(history_path) as db:
        assert_totals_agree(db)
        assert db.execute("SELECT count(*) FROM exercise_totals").fetchone()[0] == 1

    store.delete_session(second.uuid)
    store.delete_session(first.uuid)
    with look(history_path) as db:
        assert_totals_agree(db)
    store.delete_session(other.uuid)
    with look(history_path) as db:
        assert db.execute("SELECT count(*) FROM exercise_totals").fetchone()[0] == 0
        assert_totals_agree(db)


def test_the_lists_and_counts_read_the_kept_totals(store, records):
    session = records.run(store, MORNING, steps=4)  # work steps 0 and 2, rests 1 and 3
    summary = store.last_session()
    assert summary is not None and summary.uuid == session.uuid
    assert (summary.done_seconds, summary.done_reps) == (120.0, 20)
    assert (summary.work_steps_done, summary.work_steps_skipped) == (2, 0)
    assert store.daily_totals()[0].seconds == 120.0


def test_an_older_file_gets_its_totals_counted_on_upgrade(tmp_path):
    path = tmp_path / "v3.sqlite3"
    records = Records()
    connection = connect(path)
    migrate(connection, 3)
    connection.close()
    # Steps written by the version before the totals existed.
    with look(path) as db:
        db.execute("BEGIN")
        db.execute("INSERT INTO routine_snapshots (sha256, body) VALUES ('x', '{}')")
        for number in range(3):
            session = records.session(started_at=MORNING + timedelta(days=number))
            db.execute(
                "INSERT INTO sessions (uuid, routine_id, routine_name, snapshot_id, started_at,"
                " utc_offset_minutes, local_date, status, planned_seconds)"
                " VALUES (?, 'r', 'R', 1, ?, 0, ?, 'completed', 60)",
                (session.uuid, session.started_at.isoformat(), session.local_date.isoformat()),
            )
            for index in range(4):
                db.execute(
                    "INSERT INTO steps VALUES (?, ?, ?, ?, ?, 'none', 0, 10, NULL, ?, ?, ?, 'x')",
                    (
                        number + 1,
                        index,
                        "work" if index % 2 == 0 else "rest",
                        "tilt" if index % 2 == 0 else None,
                        "Tilt" if index % 2 == 0 else None,
                        8 if index % 2 == 0 else None,
                        30.0,
                        int(index == 2 and number == 1),
                    ),
                )
        db.execute("COMMIT")
    with open_history(path) as store:
        assert store.schema_version >= 4
        (tilt,) = store.exercise_totals()
        assert (tilt.sets_done, tilt.sets_skipped, tilt.reps, tilt.sessions) == (5, 1, 48, 3)
    with look(path) as db:
        assert_totals_agree(db)
