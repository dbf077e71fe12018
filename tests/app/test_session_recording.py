"""A session as the controller reports it, written to a real history file as it happens.

The engine runs on a fake monotonic clock (these tests are about what gets written,
not about timing); the history is a real SQLite file in the test's data folder.
"""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import UTC, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from supple import paths
from supple.app.session_recording import SessionRecording, resumption_of
from supple.core import routine_file
from supple.core.catalog import builtin_exercises, builtin_routines
from supple.core.engine import SessionEngine
from supple.core.model import Block, Entry, Routine
from supple.core.plan import StepKind, compile_plan
from supple.core.resume import routine_from_snapshot
from supple.qt.session_controller import plan_session
from supple.storage.history import open_history
from supple.storage.recorder import HistoryRecorder, open_recorder
from supple.storage.records import SessionStatus, Side
from supple.storage.rescue import (
    rescue_folders,
    restore_earlier_records,
    save_unsaved,
    unsaved_folders,
)
from supple.ui.history.messages import earlier_records_messages
from tests.core.routines import small_routine
from tests.storage.test_history_recorder import cap_file_size, count_full_checks

CET = timezone(timedelta(hours=1))


class WallClock:
    """Local wall-clock time that moves one minute per reading."""

    def __init__(self, start=datetime(2026, 11, 26, 7, 30, tzinfo=CET)):
        self.now = start

    def __call__(self):
        self.now += timedelta(minutes=1)
        return self.now


def hamstring_reset():
    return next(r for r in builtin_routines() if r.id == "hamstring-reset")


def make_bridge(clock=None):
    recorder, messages = open_recorder()
    assert messages == []
    return SessionRecording(recorder, wall_clock=clock or WallClock())


def run(bridge, routine, *, tightness=None, stop_at_step=None, skip_steps=(), back_at_step=None):
    """Start ``routine`` as the controller does and drive its engine, passing every event on."""
    start = plan_session(routine, tightness_before=tightness)
    engine = SessionEngine(start.plan)
    bridge.on_session_started(start)
    now = 0.0
    events = engine.start(now)
    went_back = False
    while True:
        for event in events:
            bridge.on_session_event(event)
        if engine.is_over:
            return engine
        index = engine.index
        if index == stop_at_step:
            now += 1.0
            events = engine.stop(now)
        elif index in skip_steps:
            now += 1.0
            events = engine.skip(now)
        elif index == back_at_step and not went_back:
            went_back = True
            now += 0.5
            events = engine.back(now)
        elif (deadline := engine.next_deadline()) is None:  # self-paced: a key press ends it
            now += 2.0
            events = engine.finish_set(now)
        else:
            now = deadline
            events = engine.advance(now)


def only_session(store):
    page = store.list_sessions()
    assert page.total == 1
    return store.session_detail(page.items[0].uuid)


def test_a_completed_session_is_stored_step_by_step_with_its_routine(isolated_data_dir):
    clock = WallClock()
    bridge = make_bridge(clock)
    plan = compile_plan(small_routine())
    run(bridge, small_routine(), tightness=6)
    bridge.on_check_out(4, "Left side easier than last week")

    with open_history() as store:
        detail = only_session(store)
    session = detail.session
    assert session.status is SessionStatus.COMPLETED
    assert session.routine_id == "small" and session.routine_name == "Small"
    assert routine_file.loads(session.routine_snapshot, "x", builtin_exercises()) == small_routine()
    assert session.planned_seconds == pytest.approx(plan.total_seconds)
    assert session.started_at == datetime(2026, 11, 26, 6, 31, tzinfo=UTC)
    assert session.utc_offset_minutes == 60
    assert session.local_started_at.hour == 7
    assert (session.tightness_before, session.tightness_after) == (6, 4)
    assert session.notes == "Left side easier than last week"
    assert session.ended_at is not None and session.ended_at > session.started_at

    assert [s.index for s in detail.steps] == list(range(len(plan.steps)))
    for stored, step in zip(detail.steps, plan.steps, strict=True):
        assert stored.kind.value == step.kind.value
        assert stored.exercise_id == step.exercise.id
        assert stored.side.value == step.side.value
        assert stored.round == step.round
        assert not stored.skipped
    tilt, hike_left, switch, hike_right = detail.steps[1], detail.steps[3], *detail.steps[4:6]
    assert (tilt.planned_reps, tilt.done_reps) == (4, 4)
    assert tilt.done_seconds == pytest.approx(plan.steps[1].planned_seconds)
    assert hike_left.side is Side.LEFT and hike_right.side is Side.RIGHT
    assert switch.kind.value == "side_switch" and switch.planned_reps is None
    march = detail.steps[-1]
    assert march.done_reps is None and march.done_seconds == pytest.approx(20.0)
    finished = [s.finished_at for s in detail.steps]
    assert finished == sorted(finished) and finished[0] > session.started_at
    assert bridge.problem is None


def test_stopping_early_keeps_a_partial_session_that_counts(isolated_data_dir):
    bridge = make_bridge()
    plan = compile_plan(small_routine())
    work = [s.index for s in plan.steps if s.is_work]
    run(bridge, small_routine(), stop_at_step=work[1])
    with open_history() as store:
        detail = only_session(store)
        assert detail.session.status is SessionStatus.STOPPED
        assert detail.steps[-1].index == work[1] and detail.steps[-1].skipped
        [row] = store.list_sessions().items
        assert 0 < row.completion < 1
        assert store.active_dates() == {detail.session.local_date}


def test_skipped_and_redone_steps_are_stored_as_the_user_did_them(isolated_data_dir):
    bridge = make_bridge()
    plan = compile_plan(small_routine())
    work = [s.index for s in plan.steps if s.is_work]
    # Skip the right-side hip hike, and go back from the rest after the pelvic tilts.
    run(bridge, small_routine(), skip_steps={work[2]}, back_at_step=work[0] + 1)
    with open_history() as store:
        steps = {s.index: s for s in only_session(store).steps}
    assert steps[work[2]].skipped
    assert steps[work[2]].done_reps < steps[work[2]].planned_reps
    # The pelvic tilts were done again after going back: the redo replaced the first go.
    assert not steps[work[0]].skipped and steps[work[0]].done_reps == 4
    assert sorted(steps) == list(range(len(plan.steps)))


def test_check_out_without_notes_keeps_notes_written_elsewhere(isolated_data_dir):
    bridge = make_bridge()
    run(bridge, small_routine())
    bridge.on_check_out(None, "first words")
    bridge.on_check_out(3, None)
    with open_history() as store:
        session = only_session(store).session
    assert (session.tightness_after, session.notes) == (3, "first words")


def test_a_check_in_out_of_range_is_not_stored(isolated_data_dir):
    bridge = make_bridge()
    run(bridge, small_routine(), tightness=11)
    bridge.on_check_out(True, "")
    with open_history() as store:
        session = only_session(store).session
    assert session.tightness_before is None and session.tightness_after is None


def make_newer(path):
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")


def test_a_history_that_cannot_be_written_never_stops_the_session(isolated_data_dir):
    path = paths.history_db()
    open_history().close()
    make_newer(path)  # written by a newer Supple: opened read-only
    recorder, messages = open_recorder()
    assert any("newer Supple" in m for m in messages)
    problems = []
    bridge = SessionRecording(recorder, wall_clock=WallClock())
    bridge.problem_changed.connect(problems.append)
    plan = compile_plan(small_routine())

    run(bridge, small_routine())  # does not raise

    assert bridge.problem is not None and "read-only" in bridge.problem
    assert problems and problems[-1] == bridge.problem
    assert recorder.pending == len(plan.steps) + 2  # begin, every step, end

    # Once the file can be written again, everything kept in memory is saved, in order.
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 3")
    assert bridge.retry()
    assert bridge.problem is None and problems[-1] is None
    with open_history() as store:
        detail = only_session(store)
    assert detail.session.status is SessionStatus.COMPLETED
    assert [s.index for s in detail.steps] == list(range(len(plan.steps)))


def test_no_history_at_all_is_reported_and_nothing_raises(isolated_data_dir):
    paths.history_db().mkdir(parents=True)  # a folder where the file should be
    recorder, messages = open_recorder()
    assert recorder.store is None
    assert messages and "cannot open or create its history" in messages[0]
    bridge = SessionRecording(recorder)
    run(bridge, small_routine())
    bridge.on_check_out(5, "kept in memory")
    assert bridge.problem is not None
    assert bridge.interrupted() == []


def interrupt(bridge, routine, after_steps):
    """Run until ``after_steps`` steps are recorded, then drop everything (a crash)."""
    start = plan_session(routine, tightness_before=2)
    engine = SessionEngine(start.plan)
    bridge.on_session_started(start)
    now = 0.0
    events = engine.start(now)
    recorded = 0
    while True:
        for event in events:
            bridge.on_session_event(event)
            recorded += type(event).__name__ == "StepFinished"
            if recorded == after_steps:
                bridge.release()  # as the process ending does: the session is nobody's
                return
        now = engine.next_deadline()
        events = engine.advance(now)


def test_an_interrupted_session_resumes_into_the_same_session(isolated_data_dir):
    routine = hamstring_reset()
    plan = compile_plan(routine)
    first = make_bridge()
    interrupt(first, routine, after_steps=7)
    uuid = first.session_uuid
    first.recorder.close()

    later = make_bridge()
    [detail] = later.interrupted()
    assert detail.session.uuid == uuid and detail.next_step_index == 7
    resumed_routine = routine_from_snapshot(detail.session.routine_snapshot)
    assert resumed_routine == routine  # read back from the stored snapshot
    start = plan_session(resumed_routine, resume=resumption_of(detail))
    assert start.tightness_before == 2  # the check-in of the first start is kept
    # A get-ready in front when the next step is work, then the rest of the plan.
    rest = plan.steps[7:]
    if rest[0].is_work:
        assert start.plan.steps[0].kind is StepKind.GET_READY
        assert start.plan.steps[0].exercise == rest[0].exercise
    assert [(s.kind, s.exercise.id, s.side) for s in start.plan.steps[-len(rest) :]] == [
        (s.kind, s.exercise.id, s.side) for s in rest
    ]

    engine = SessionEngine(start.plan)
    later.on_session_started(start)
    assert later.session_uuid == uuid
    assert later.last_tightness_before == 2
    now = 0.0
    for event in engine.start(now):
        later.on_session_event(event)
    while not engine.is_over:
        now = engine.next_deadline()
        for event in engine.advance(now):
            later.on_session_event(event)

    with open_history() as store:
        assert store.find_interrupted() == []
        detail = only_session(store)
    assert detail.session.status is SessionStatus.COMPLETED
    assert detail.session.tightness_before == 2
    assert [s.index for s in detail.steps] == list(range(len(plan.steps)))
    assert [(s.kind.value, s.exercise_id) for s in detail.steps] == [
        (s.kind.value, s.exercise.id) for s in plan.steps
    ]


def test_starting_another_routine_leaves_the_interrupted_session_for_later(isolated_data_dir):
    first = make_bridge()
    interrupt(first, small_routine(), after_steps=3)
    later = make_bridge()
    [detail] = later.interrupted()
    run(later, hamstring_reset())
    assert later.session_uuid is None
    assert [d.session.uuid for d in make_bridge().interrupted()] == [detail.session.uuid]


def test_keeping_an_interrupted_session_as_partial(isolated_data_dir):
    first = make_bridge()
    interrupt(first, small_routine(), after_steps=4)
    later = make_bridge()
    [detail] = later.interrupted()
    changed = []
    later.history_changed.connect(changed.append)
    later.keep_partial(detail.session.uuid)
    assert changed == [detail.session.uuid]
    with open_history() as store:
        assert store.find_interrupted() == []
        session = only_session(store).session
    assert session.status is SessionStatus.STOPPED
    assert session.ended_at == detail.steps[-1].finished_at


def test_a_session_killed_after_its_last_step_is_closed_as_completed(isolated_data_dir):
    first = make_bridge()
    plan = compile_plan(small_routine())
    interrupt(first, small_routine(), after_steps=len(plan.steps))
    later = make_bridge()
    [detail] = later.interrupted()
    assert plan_session(small_routine(), resume=resumption_of(detail)) is None  # nothing to run
    later.close_interrupted(detail)
    with open_history() as store:
        session = only_session(store).session
    assert session.status is SessionStatus.COMPLETED
    assert session.ended_at == detail.steps[-1].finished_at


def test_recorder_without_store_keeps_everything_until_a_history_can_be_opened(isolated_data_dir):
    blocker = paths.history_db()
    blocker.mkdir(parents=True)
    recorder = HistoryRecorder(None, opener=open_history)
    bridge = SessionRecording(recorder, wall_clock=WallClock())
    plan = compile_plan(small_routine())
    run(bridge, small_routine())
    assert recorder.pending > 0
    blocker.rmdir()
    assert bridge.retry()
    with open_history() as store:
        assert len(only_session(store).steps) == len(plan.steps)


def test_a_full_disk_does_not_make_every_step_read_the_whole_history(
    isolated_data_dir, monkeypatch
):
    """Reopening after a refused write skips the check of every page, which takes about a
    second on a long history: on a full disk that would be a second per step."""
    bridge = make_bridge()
    store = bridge.recorder.store
    checked = count_full_checks(monkeypatch)  # counted from here: the opening itself checks
    cap_file_size(store, store._db.execute("PRAGMA page_count").fetchone()[0])
    sessions = 0
    while bridge.recorder.store is store:  # until a write fails and the history is reopened
        run(bridge, hamstring_reset())
        sessions += 1
        assert sessions < 100, "the capped file never filled up"
    assert checked == []
    assert bridge.problem is None
    with open_history() as stored:
        assert stored.session_count() == sessions
        assert all(s.completion == 1 for s in stored.list_sessions(0, sessions).items)


def test_records_kept_in_a_file_when_supple_last_quit_are_added_when_it_opens(
    isolated_data_dir, tmp_path, monkeypatch
):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "system-temp"))
    blocker = paths.history_db()
    blocker.mkdir(parents=True)
    first, _ = open_recorder()
    bridge = SessionRecording(first)
    plan = compile_plan(small_routine())
    run(bridge, small_routine())
    bridge.on_check_out(2, "written at last")
    rescue = save_unsaved(first, rescue_folders())
    assert rescue.parent == paths.state_dir() / "unsaved"
    bridge.release()  # as quitting does
    blocker.rmdir()

    recorder, messages = open_recorder()
    assert messages == []
    earlier = restore_earlier_records(recorder.store, unsaved_folders())
    assert earlier_records_messages(earlier) == [
        "What Supple could not save when it last quit (1 session) is now in the history, "
        f"added from {rescue}."
    ]
    assert not rescue.exists()
    detail = only_session(recorder.store)
    assert detail.session.status is SessionStatus.COMPLETED
    assert (detail.session.tightness_after, detail.session.notes) == (2, "written at last")
    assert [s.index for s in detail.steps] == list(range(len(plan.steps)))
    recorder.close()


def test_records_kept_in_a_file_wait_while_the_history_is_read_only(
    isolated_data_dir, tmp_path, monkeypatch
):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "system-temp"))
    first, _ = open_recorder()
    make_newer(paths.history_db())  # from now on, opened read-only
    first.store.close()
    first, _ = open_recorder()
    run(SessionRecording(first), small_routine())
    rescue = save_unsaved(first, rescue_folders())

    recorder, _messages = open_recorder()
    messages = earlier_records_messages(restore_earlier_records(recorder.store, unsaved_folders()))
    assert any(f"are kept in {rescue}" in m for m in messages)
    assert rescue.exists()
    assert recorder.store.session_count() == 0
    recorder.close()


# --- the whole thing wired as the app wires it ----------------------------------------------


def tiny_routine():
    """Get ready, two quick reps and a self-paced set: a second or two on the real clock."""
    return Routine(
        id="tiny",
        name="Tiny",
        get_ready_seconds=1,
        side_switch_seconds=1,
        blocks=(
            Block(
                name="Only",
                entries=(
                    Entry("pelvic-tilt", reps=2, tempo=0.1),
                    Entry("knee-roll-90-90", reps=2, self_paced=True),
                ),
            ),
        ),
    )


@pytest.fixture
def wired(qtbot):
    """MainWindow, its session controller, the recording, check-in, check-out, Home strip
    and review screen, connected as the app connects them."""
    from supple.core.library import Library
    from supple.ui.history import CheckOutPanel, HomeHistorySummary, ReviewScreen, TightnessCheckIn
    from supple.ui.main_window import MainWindow

    routine = tiny_routine()
    library = Library((routine,), (), frozenset())
    window = MainWindow(library)
    qtbot.addWidget(window)
    recorder, notices = open_recorder()
    bridge = SessionRecording(recorder)

    check_in = TightnessCheckIn()
    window.set_check_in(check_in)
    window.controller.started.connect(bridge.on_session_started)
    window.controller.event_occurred.connect(bridge.on_session_event)

    check_out = CheckOutPanel()
    window.summary_view.extras_area.set_content(check_out)
    window.controller.ended.connect(lambda _: check_out.prepare(bridge.last_tightness_before))
    check_out.answered.connect(bridge.on_check_out)
    window.returned_home.connect(check_out.commit)

    strip = HomeHistorySummary(recorder, weekly_goal=3)
    window.home.history_area.set_content(strip)
    review = ReviewScreen(recorder, weekly_goal=3)
    review.set_notices(notices)
    bridge.problem_changed.connect(review.set_problem)
    bridge.history_changed.connect(lambda _uuid: strip.refresh())
    bridge.history_changed.connect(lambda _uuid: review.refresh())
    review.history_changed.connect(strip.refresh)

    window.resize(1280, 720)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window, bridge, strip, review, check_out


def test_a_session_from_home_to_summary_is_in_the_history(qtbot, wired):
    from supple.ui.main_window import Page

    window, bridge, strip, _review, check_out = wired

    def press(key):
        """A key as the user presses it: to whatever has the focus."""
        qtbot.keyClick(QApplication.focusWidget() or window, key)

    key = Qt.Key
    assert strip.is_empty
    press(key.Key_Return)  # Start: the check-in asks first
    press(key.Key_7)
    press(key.Key_Return)
    assert window.current_page is Page.SESSION
    # The paced set runs by itself; the self-paced one is counted with Enter.
    qtbot.waitUntil(lambda: window.controller.engine.step.self_paced, timeout=5000)
    press(key.Key_Return)
    press(key.Key_Return)
    assert window.current_page is Page.SUMMARY
    assert "Before the session: 7" in check_out.before_label.text()
    press(key.Key_3)
    press(key.Key_Return)  # home, with the answer saved on the way
    assert window.current_page is Page.HOME

    with open_history() as store:
        detail = only_session(store)
    session = detail.session
    assert session.status is SessionStatus.COMPLETED
    assert (session.tightness_before, session.tightness_after) == (7, 3)
    plan = compile_plan(tiny_routine())
    assert [(s.kind.value, s.exercise_id) for s in detail.steps] == [
        (s.kind.value, s.exercise.id) for s in plan.steps
    ]
    assert detail.steps[-1].done_reps == 2
    assert not strip.is_empty
    assert strip.streak_block.figure.text() == "1 day"
    assert "tightness 7 → 3" in strip.last_block.detail.text()
    assert bridge.problem is None


def test_a_session_ended_before_any_work_is_not_kept(isolated_data_dir):
    """Start pressed by mistake and Esc right after: no session, no streak day."""
    bridge = make_bridge()
    changed = []
    bridge.history_changed.connect(changed.append)
    plan = compile_plan(small_routine())
    run(bridge, small_routine(), tightness=5, stop_at_step=plan.steps[0].index)
    assert changed == [] and bridge.last_session_uuid is None
    bridge.on_check_out(3, "nothing to attach this to")  # the summary's answer goes nowhere
    assert bridge.problem is None
    with open_history() as store:
        assert store.session_count() == 0
        assert store.active_dates() == set()


def test_a_session_is_kept_from_its_first_rep_with_every_step_before_it(isolated_data_dir):
    bridge = make_bridge()
    plan = compile_plan(small_routine())
    first_work = next(s.index for s in plan.steps if s.is_work)
    run(bridge, small_routine(), stop_at_step=first_work + 1)
    with open_history() as store:
        detail = only_session(store)
    assert [s.index for s in detail.steps] == list(range(first_work + 2))
    assert detail.steps[first_work].done_reps == 4
