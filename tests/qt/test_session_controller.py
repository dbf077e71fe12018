"""The session's one owner: what each command does, the stop question, resuming.

Logic tests on a fake clock: the controller's timer is fired by hand once the clock
has reached the engine's next deadline, as the real timer would.
"""

from __future__ import annotations

import pytest

from supple.core.engine import SessionState
from supple.core.events import RepCounted, SessionFinished, StepFinished
from supple.core.model import Block, Entry, Routine
from supple.core.plan import StepKind, compile_plan
from supple.core.resume import Resumption
from supple.qt.session_controller import Command, SessionController


class FakeClock:
    def __init__(self):
        self.now = 50.0

    def __call__(self):
        return self.now


def routine():
    return Routine(
        id="two",
        name="Two",
        get_ready_seconds=5,
        side_switch_seconds=3,
        blocks=(
            Block(
                name="Only",
                rest_between_exercises=10,
                entries=(
                    Entry("pelvic-tilt", reps=3, tempo=1.0),
                    Entry("knee-roll-90-90", reps=4, self_paced=True),
                ),
            ),
        ),
    )


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def session(qtbot, clock):
    controller = SessionController(clock=clock)
    seen = {"started": [], "events": [], "states": [], "questions": [], "ended": []}
    controller.started.connect(seen["started"].append)
    controller.event_occurred.connect(seen["events"].append)
    controller.state_changed.connect(seen["states"].append)
    controller.stop_question.connect(seen["questions"].append)
    controller.ended.connect(seen["ended"].append)
    controller.seen = seen
    return controller


def fire(controller, clock):
    clock.now = controller.engine.next_deadline()
    controller.driver.on_timeout()


def test_start_compiles_once_and_says_what_it_runs_before_the_first_event(session):
    start = session.start(routine(), tightness_before=6)
    assert session.running and session.current is start
    assert start.plan == compile_plan(routine())
    assert start.tightness_before == 6 and start.resumed is None
    assert session.seen["started"] == [start]
    assert session.seen["states"] == ["get_ready"]
    assert session.start(routine()) is None  # one session at a time


def test_commands_outside_a_session_do_nothing(session):
    for command in Command:
        session.command(command)
    assert not session.running
    assert session.seen["events"] == [] and session.seen["questions"] == []


def test_primary_ends_a_rest_finishes_a_paced_set_and_counts_a_self_paced_rep(session, clock):
    session.start(routine())
    assert session.engine.step.kind is StepKind.GET_READY
    session.command(Command.PRIMARY)  # "start now"
    assert session.engine.step.kind is StepKind.WORK and not session.engine.step.self_paced
    session.command(Command.PRIMARY)  # set done
    assert session.engine.step.kind is StepKind.REST
    session.command(Command.PRIMARY)
    assert session.engine.step.self_paced
    session.command(Command.PRIMARY)
    session.command(Command.PRIMARY)
    assert session.engine.reps == 2
    counted = [e for e in session.seen["events"] if isinstance(e, RepCounted)]
    assert [e.number for e in counted][-2:] == [1, 2]


def test_pause_next_back_more_and_less(session, clock):
    session.start(routine())
    session.command(Command.NEXT)
    assert session.engine.step.exercise.id == "pelvic-tilt" and session.engine.step.is_work
    session.command(Command.MORE)
    assert session.engine.step.target_reps == 4
    session.command(Command.LESS)
    session.command(Command.LESS)
    assert session.engine.step.target_reps == 2
    session.command(Command.TOGGLE_PAUSE)
    assert session.state is SessionState.PAUSED
    session.command(Command.PAUSE)
    assert session.state is SessionState.PAUSED
    session.command(Command.RESUME)
    assert session.state is SessionState.RUNNING
    session.command(Command.NEXT)
    assert session.engine.step.kind is StepKind.REST
    session.command(Command.BACK)
    assert session.engine.step.exercise.id == "pelvic-tilt" and session.engine.step.is_work


def test_the_stop_question_pauses_and_cancel_carries_on_where_it_was(session, clock):
    session.start(routine())
    session.command(Command.NEXT)
    fire(session, clock)
    session.command(Command.STOP_REQUEST)
    assert session.asking_stop and session.state is SessionState.PAUSED
    assert session.seen["questions"] == [True]
    reps = session.engine.reps
    session.command(Command.NEXT)  # the question is answered first
    session.command(Command.PRIMARY)
    assert (session.engine.index, session.engine.reps) == (1, reps)
    session.command(Command.STOP_CANCEL)
    assert not session.asking_stop and session.state is SessionState.RUNNING
    assert session.seen["questions"] == [True, False]


def test_a_paused_session_stays_paused_after_the_question_is_cancelled(session):
    session.start(routine())
    session.command(Command.PAUSE)
    session.command(Command.STOP_REQUEST)
    session.command(Command.STOP_CANCEL)
    assert session.state is SessionState.PAUSED


def test_confirming_the_stop_ends_the_session_once_and_frees_the_controller(session, clock):
    start = session.start(routine())
    fire(session, clock)
    session.command(Command.STOP_REQUEST)
    session.command(Command.STOP_CONFIRM)
    assert not session.running and session.current is None
    [end] = session.seen["ended"]
    assert end.start is start and not end.completed
    assert isinstance(session.seen["events"][-1], SessionFinished)
    assert session.seen["questions"] == [True, False]
    assert session.seen["states"][-1] == "stopped"
    assert session.start(routine()) is not None  # ready for the next one


def test_a_session_run_to_its_end_is_completed(session, clock):
    session.start(routine())
    while not session.engine.step.self_paced:
        fire(session, clock)
    for _ in range(4):
        session.command(Command.PRIMARY)
    [end] = session.seen["ended"]
    assert end.completed
    finished = [e for e in session.seen["events"] if isinstance(e, StepFinished)]
    assert len(finished) == len(end.start.plan.steps)


def test_resuming_runs_the_rest_with_a_get_ready_and_maps_steps_back(session):
    full = compile_plan(routine())
    self_paced = next(s.index for s in full.steps if s.self_paced)
    start = session.start(routine(), resume=Resumption("abc", self_paced, tightness_before=5))
    assert start.resumed.session_uuid == "abc"
    assert start.tightness_before == 5
    assert start.plan.steps[0].kind is StepKind.GET_READY
    assert start.stored_index(start.plan.steps[0]) is None
    assert start.stored_index(start.plan.steps[1]) == self_paced
    assert len(start.plan.steps) == len(full.steps) - self_paced + 1


def test_nothing_left_to_resume_starts_nothing(session):
    steps = len(compile_plan(routine()).steps)
    assert session.start(routine(), resume=Resumption("abc", steps)) is None
    assert not session.running and session.seen["started"] == []


def test_end_now_stops_without_asking(session):
    session.start(routine())
    session.end_now()
    assert session.seen["questions"] == []
    assert [e.completed for e in session.seen["ended"]] == [False]
