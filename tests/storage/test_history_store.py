"""Recording sessions and reading them back for the history screen, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from supple.storage.errors import UnknownSessionError
from supple.storage.history import open_history
from supple.storage.records import SelfTestRecord, SessionStatus, Side, StepKind, new_uuid
from tests.storage.history_builders import MORNING, SNAPSHOT, look


def test_a_recorded_session_reads_back_exactly(store, records):
    session = records.session(tightness_before=7, notes="tight after yesterday's long run")
    store.begin_session(session)
    steps = [records.step(session, i) for i in range(6)]
    for step in steps:
        store.record_step(step)
    ended = MORNING + timedelta(minutes=14)
    store.finish_session(session.uuid, SessionStatus.COMPLETED, ended)
    store.set_checkout(session.uuid, 4, "hips looser")

    store.close()
    with open_history() as reopened:
        detail = reopened.session_detail(session.uuid)
    assert detail is not None
    assert detail.steps == tuple(steps)
    assert detail.session.status is SessionStatus.COMPLETED
    assert detail.session.ended_at == ended
    assert detail.session.tightness_before == 7
    assert detail.session.tightness_after == 4
    assert detail.session.notes == "hips looser"
    assert detail.session.routine_snapshot == SNAPSHOT
    assert detail.session.local_date == date(2026, 11, 2)


def test_the_session_row_is_committed_when_it_begins(store, records, history_path):
    session = records.session()
    store.begin_session(session)
    with look(history_path) as other:
        row = other.execute("SELECT status FROM sessions WHERE uuid = ?", (session.uuid,))
        assert row.fetchone() == ("in_progress",)


def test_each_step_is_visible_to_another_connection_at_once(store, records, history_path):
    session = records.session()
    store.begin_session(session)
    with look(history_path) as other:
        for index in range(3):
            store.record_step(records.step(session, index))
            count = other.execute("SELECT count(*) FROM steps", ()).fetchone()[0]
            assert count == index + 1


def test_recording_a_step_again_keeps_the_redo(store, records):
    session = records.session()
    store.begin_session(session)
    store.record_step(records.step(session, 0, done_reps=6))
    store.record_step(records.step(session, 0, done_reps=10))
    detail = store.session_detail(session.uuid)
    assert [s.done_reps for s in detail.steps] == [10]


def test_steps_for_an_unknown_session_are_refused(store, records):
    stranger = records.session()
    with pytest.raises(UnknownSessionError, match=stranger.uuid):
        store.record_step(records.step(stranger, 0))
    with pytest.raises(UnknownSessionError):
        store.finish_session(stranger.uuid, SessionStatus.STOPPED, MORNING)
    with pytest.raises(UnknownSessionError):
        store.set_checkout(stranger.uuid, 3)


def test_beginning_the_same_session_twice_is_harmless(store, records):
    session = records.session()
    store.begin_session(session)
    store.begin_session(session)
    assert store.session_count() == 1
    clash = records.session(uuid=session.uuid, started_at=MORNING + timedelta(days=1))
    with pytest.raises(ValueError, match="another session"):
        store.begin_session(clash)


def test_out_of_range_values_are_refused_before_reaching_the_file(records):
    with pytest.raises(ValueError, match="tightness_before"):
        records.session(tightness_before=11)
    with pytest.raises(ValueError, match="timezone-aware"):
        records.session(started_at=datetime(2026, 11, 2, 6, 30))
    session = records.session()
    with pytest.raises(ValueError, match="done_reps"):
        records.step(session, 0, done_reps=-1)
    with pytest.raises(ValueError, match="kind"):
        records.step(session, 0, kind="stretch")


def test_deleting_a_session_removes_its_steps(store, records, history_path):
    kept = records.run(store)
    gone = records.run(store, MORNING + timedelta(days=1))
    store.delete_session(gone.uuid)
    assert store.session_detail(gone.uuid) is None
    assert store.session_detail(kept.uuid) is not None
    with look(history_path) as other:
        left = other.execute("SELECT count(*) FROM steps").fetchone()[0]
    assert left == 4  # only the kept session's steps
    with pytest.raises(UnknownSessionError):
        store.delete_session(gone.uuid)


def test_a_routine_snapshot_is_stored_once_and_kept_per_session(store, records, history_path):
    for day in range(5):
        records.run(store, MORNING + timedelta(days=day))
    edited = SNAPSHOT.replace("hip hike", "knee roll")
    changed = records.run(store, MORNING + timedelta(days=6), routine_snapshot=edited)
    with look(history_path) as other:
        stored = other.execute("SELECT count(*) FROM routine_snapshots").fetchone()[0]
    assert stored == 2
    assert store.session_detail(changed.uuid).session.routine_snapshot == edited
    first = store.list_sessions(offset=5).items[0]
    assert store.session_detail(first.uuid).session.routine_snapshot == SNAPSHOT


# --- interrupted sessions ------------------------------------------------------------------


def test_an_interrupted_session_is_found_by_the_next_run(records):
    with open_history() as first_run:
        session = records.run(first_run, steps=3, status=None)
        assert first_run.find_interrupted() == []  # it is running now, not interrupted
    with open_history() as next_run:
        [found] = next_run.find_interrupted()
    assert found.session.uuid == session.uuid
    assert [s.index for s in found.steps] == [0, 1, 2]
    assert found.next_step_index == 3


def test_resuming_adds_the_remaining_steps_to_the_same_session(records):
    with open_history() as first_run:
        session = records.run(first_run, steps=2, status=None)
    with open_history() as next_run:
        [found] = next_run.find_interrupted()
        for index in range(found.next_step_index, 5):
            next_run.record_step(records.step(session, index))
        next_run.finish_session(session.uuid, SessionStatus.COMPLETED, MORNING + timedelta(hours=1))
        assert next_run.find_interrupted() == []
        detail = next_run.session_detail(session.uuid)
    assert [s.index for s in detail.steps] == [0, 1, 2, 3, 4]


def test_keeping_an_interrupted_session_as_partial(records):
    with open_history() as first_run:
        session = records.run(first_run, steps=3, status=None)
    with open_history() as next_run:
        next_run.mark_partial(session.uuid)
        assert next_run.find_interrupted() == []
        detail = next_run.session_detail(session.uuid)
    assert detail.session.status is SessionStatus.STOPPED
    # It ended when its last step did, not when the user got round to deciding.
    assert detail.session.ended_at == detail.steps[-1].finished_at


# --- the history screen --------------------------------------------------------------------


def test_session_list_pages_newest_first(store, records):
    started = [MORNING + timedelta(days=d) for d in range(7)]
    for moment in started:
        records.run(store, moment)
    first = store.list_sessions(0, 3)
    second = store.list_sessions(3, 3)
    last = store.list_sessions(6, 3)
    assert first.total == 7
    assert [s.started_at for s in first.items] == started[::-1][:3]
    assert [s.started_at for s in second.items] == started[::-1][3:6]
    assert [s.started_at for s in last.items] == started[:1]
    assert first.has_more
    assert not last.has_more
    assert store.last_session().started_at == started[-1]


def test_list_rows_carry_what_was_done(store, records):
    session = records.session()
    store.begin_session(session)
    store.record_step(records.step(session, 0, done_reps=8))  # work
    store.record_step(records.step(session, 1))  # rest, 20 s
    store.record_step(records.step(session, 2, skipped=True, done_reps=0, done_seconds=3.0))
    store.finish_session(session.uuid, SessionStatus.STOPPED, MORNING + timedelta(minutes=2))
    [row] = store.list_sessions().items
    assert row.done_reps == 8
    assert row.done_seconds == pytest.approx(40 + 20 + 3)
    assert (row.work_steps_done, row.work_steps_skipped) == (1, 1)
    assert row.status is SessionStatus.STOPPED
    assert row.completion == pytest.approx(63 / 900)


def test_empty_history_answers_every_question(store):
    today = date(2026, 11, 26)
    assert store.list_sessions().total == 0
    assert store.last_session() is None
    assert store.active_dates() == set()
    assert store.streaks(today).current == 0
    assert [b.sessions for b in store.weekly_totals(today, 4)] == [0, 0, 0, 0]
    assert store.tightness_series() == []
    assert store.exercise_totals() == []
    assert store.find_interrupted() == []


def test_which_sessions_count_for_streaks(store, records):
    day = timedelta(days=1)
    records.run(store, MORNING)  # completed
    records.run(store, MORNING + day, status=SessionStatus.STOPPED)  # partial with work done
    stopped_early = records.run(store, MORNING + 2 * day, steps=0, status=None)
    store.finish_session(stopped_early.uuid, SessionStatus.STOPPED, MORNING + 2 * day)
    records.run(store, MORNING + 3 * day, status=None)  # still in progress
    assert store.active_dates() == {date(2026, 11, 2), date(2026, 11, 3)}


def test_days_are_the_users_local_days(store, records):
    # 23:30 in New York on 2 November is already 3 November in UTC.
    late = datetime(2026, 11, 3, 4, 30, tzinfo=UTC)
    records.run(store, late, utc_offset_minutes=-300)
    assert store.active_dates() == {date(2026, 11, 2)}
    [row] = store.list_sessions().items
    assert row.local_started_at.hour == 23


def test_streak_from_the_history(store, records):
    for days_ago in (1, 2, 3, 5):
        records.run(store, datetime(2026, 11, 26, 7, tzinfo=UTC) - timedelta(days=days_ago))
    result = store.streaks(date(2026, 11, 26))
    assert (result.current, result.best, result.done_today) == (3, 3, False)


def test_weekly_totals_count_sessions_and_minutes(store, records):
    records.run(store, datetime(2026, 11, 23, 7, tzinfo=UTC), steps=4)  # 2x40 s + 2x20 s
    records.run(store, datetime(2026, 11, 25, 7, tzinfo=UTC), steps=2)  # 40 s + 20 s
    records.run(store, datetime(2026, 11, 12, 7, tzinfo=UTC), steps=2)
    records.run(store, datetime(2026, 11, 24, 7, tzinfo=UTC), status=None)  # not counted
    buckets = store.weekly_totals(date(2026, 11, 26), weeks=3)
    assert [b.start for b in buckets] == [date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
    assert [b.sessions for b in buckets] == [1, 0, 2]
    assert [b.seconds for b in buckets] == [60.0, 0.0, 180.0]


def test_tightness_series_over_time(store, records):
    for week, (before, after) in enumerate([(8, 6), (7, None), (None, None), (5, 3)]):
        records.run(
            store,
            MORNING + timedelta(weeks=week),
            tightness_before=before,
            tightness_after=after,
        )
    series = store.tightness_series()
    assert [(p.before, p.after) for p in series] == [(8, 6), (7, None), (5, 3)]
    assert [p.local_date for p in series] == [
        date(2026, 11, 2),
        date(2026, 11, 9),
        date(2026, 11, 23),
    ]


def test_exercise_totals(store, records):
    for day in range(3):
        records.run(store, MORNING + timedelta(days=day), steps=4)  # work steps at 0 and 2
    session = records.session(started_at=MORNING + timedelta(days=4))
    store.begin_session(session)
    store.record_step(
        records.step(session, 0, exercise_id="hip_hike", exercise_name="Elevated hip hike")
    )
    store.record_step(records.step(session, 2, skipped=True, done_reps=0, done_seconds=0.0))
    totals = {t.exercise_id: t for t in store.exercise_totals()}
    assert set(totals) == {"pelvic_tilt", "hip_hike"}
    tilt = totals["pelvic_tilt"]
    assert (tilt.sets_done, tilt.sets_skipped, tilt.reps, tilt.sessions) == (6, 1, 60, 4)
    assert tilt.seconds == pytest.approx(240.0)
    assert totals["hip_hike"].exercise_name == "Elevated hip hike"


# --- self-tests ----------------------------------------------------------------------------


def test_self_tests_by_kind_and_side_over_time(store):
    def reading(day, kind, side, value, unit, notes=""):
        return SelfTestRecord(
            uuid=new_uuid(),
            kind=kind,
            side=side,
            value=value,
            unit=unit,
            taken_at=MORNING + timedelta(days=day),
            utc_offset_minutes=60,
            notes=notes,
        )

    tests = [
        reading(0, "straight_leg_raise", Side.LEFT, 62.0, "degrees"),
        reading(0, "straight_leg_raise", Side.RIGHT, 58.0, "degrees"),
        reading(0, "sit_and_reach", Side.NONE, -4.0, "cm"),
        reading(7, "straight_leg_raise", Side.LEFT, 66.0, "degrees"),
        reading(7, "note", Side.NONE, None, "", "left hamstring felt easier on the stairs"),
    ]
    for test in reversed(tests):
        store.add_self_test(test)
    store.add_self_test(tests[0])  # the same reading twice adds nothing
    left = store.self_tests("straight_leg_raise", Side.LEFT)
    assert [t.value for t in left] == [62.0, 66.0]
    assert store.self_tests("sit_and_reach") == [tests[2]]
    assert len(store.self_tests()) == 5
    assert store.self_test_kinds() == ["note", "sit_and_reach", "straight_leg_raise"]
    store.delete_self_test(tests[4].uuid)
    assert store.self_tests("note") == []


def test_self_test_kinds_know_their_sides():
    with pytest.raises(ValueError, match="left or right"):
        SelfTestRecord(new_uuid(), "straight_leg_raise", Side.NONE, 60.0, "degrees", MORNING, 0)
    with pytest.raises(ValueError, match="value, notes"):
        SelfTestRecord(new_uuid(), "note", Side.NONE, None, "", MORNING, 0)


def test_step_kinds_and_sides_are_kept(store, records):
    session = records.session()
    store.begin_session(session)
    store.record_step(
        records.step(
            session,
            0,
            kind=StepKind.SIDE_SWITCH,
            side=Side.ALTERNATING,
            exercise_id="ninety_ninety",
            exercise_name="90/90 switch",
        )
    )
    store.record_step(records.step(session, 1, kind=StepKind.GET_READY, side=Side.RIGHT))
    detail = store.session_detail(session.uuid)
    assert [(s.kind, s.side) for s in detail.steps] == [
        (StepKind.SIDE_SWITCH, Side.ALTERNATING),
        (StepKind.GET_READY, Side.RIGHT),
    ]


def test_the_reps_of_the_set_under_way_read_back_after_the_next_open(records, history_path):
    with open_history() as store:
        session = records.run(store, steps=3, status=None)
        assert store.progress(session.uuid) is None
        store.set_progress(session.uuid, 3, 4)
        store.set_progress(session.uuid, 3, 6)  # each counted rep overwrites the last
        with pytest.raises(UnknownSessionError):
            store.set_progress(new_uuid(), 0, 1)
        with pytest.raises(ValueError, match="must not be negative"):
            store.set_progress(session.uuid, -1, 1)
    with open_history() as store:  # what a crash leaves for the next run
        assert store.progress(session.uuid) == (3, 6)
