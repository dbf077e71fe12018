"""The session engine with a fake clock: counts, timing, pauses and the user's actions."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace

import pytest

from supple.core.catalog import default_routine
from supple.core.engine import SessionEngine, SessionState
from supple.core.events import (
    Countdown,
    Halfway,
    Paused,
    PhaseChanged,
    RepCounted,
    RestStarted,
    Resumed,
    SessionFinished,
    SideSwitch,
    StepFinished,
    StepStarted,
    TargetChanged,
)
from supple.core.model import Side
from supple.core.plan import MarkKind, StepKind, compile_plan
from tests.core.routines import short_routine


def run_to_end(engine: SessionEngine, start: float = 0.0, lag: float = 0.0):
    """Advance at each deadline (plus ``lag``, as a late timer would) until the session ends."""
    events = engine.start(start)
    while not engine.is_over:
        deadline = engine.next_deadline()
        assert deadline is not None
        events += engine.advance(deadline + lag)
    return events


def of(kind, events):
    return [e for e in events if isinstance(e, kind)]


def test_default_routine_runs_exactly_as_planned():
    plan = compile_plan(default_routine())
    engine = SessionEngine(plan)
    events = run_to_end(engine, start=100.0, lag=0.037)

    started = of(StepStarted, events)
    assert [e.step.index for e in started] == list(range(len(plan.steps)))
    finished = of(StepFinished, events)
    assert len(finished) == len(plan.steps)
    assert not any(e.result.skipped for e in finished)
    # Every paced set counts every rep once, in order.
    for step in plan.work_steps:
        if step.counts_reps:
            counted = [e.number for e in of(RepCounted, events) if e.step.index == step.index]
            assert counted == list(range(1, step.target_reps + 1))
    # Nothing drifts: the session ends exactly the planned total after it started.
    end = of(SessionFinished, events)[0]
    assert end.completed
    assert end.due == pytest.approx(100.0 + plan.total_seconds, abs=1e-9)
    assert engine.state is SessionState.FINISHED
    assert engine.next_deadline() is None


def test_two_phase_reps_announce_each_phase_at_half_tempo():
    plan = compile_plan(short_routine())
    engine = SessionEngine(plan)
    events = run_to_end(engine)
    press = next(s for s in plan.steps if s.exercise.id == "slow-press" and s.is_work)
    start = next(e.due for e in of(StepStarted, events) if e.step.index == press.index)
    reps = [(e.due - start, e.phase) for e in of(RepCounted, events) if e.step.index == press.index]
    phases = [
        (e.due - start, e.phase) for e in of(PhaseChanged, events) if e.step.index == press.index
    ]
    assert reps == [(0.0, "press"), (2.0, "press"), (4.0, "press")]
    assert phases == [(1.0, "release"), (3.0, "release"), (5.0, "release")]


def test_timed_work_has_halfway_and_three_two_one():
    plan = compile_plan(default_routine())
    march = next(s for s in plan.steps if s.exercise.id == "march-in-place" and s.is_work)
    engine = SessionEngine(plan)
    events = run_to_end(engine)
    start = next(e.due for e in of(StepStarted, events) if e.step.index == march.index)
    assert [e.due - start for e in of(Halfway, events) if e.step.index == march.index] == [22.5]
    counts = [
        (e.due - start, e.remaining) for e in of(Countdown, events) if e.step.index == march.index
    ]
    assert counts == [(42.0, 3), (43.0, 2), (44.0, 1)]


def test_rests_and_side_switches_announce_what_comes_next():
    plan = compile_plan(default_routine())
    events = run_to_end(SessionEngine(plan))
    rests = of(RestStarted, events)
    assert rests and all(e.next_step is not None and e.next_step.is_work for e in rests)
    assert all(e.next_step.index == e.step.index + 1 for e in rests)
    switches = of(SideSwitch, events)
    assert switches and all(e.step.side is Side.RIGHT for e in switches)
    # 3-2-1 before the end of every rest.
    for rest in rests:
        counts = [e.remaining for e in of(Countdown, events) if e.step.index == rest.step.index]
        assert counts == [3, 2, 1]


def test_alternating_reps_carry_their_side():
    plan = compile_plan(default_routine())
    step = next(s for s in plan.steps if s.is_work and s.side is Side.ALTERNATING)
    events = run_to_end(SessionEngine(plan))
    sides = [e.side for e in of(RepCounted, events) if e.step.index == step.index]
    assert sides[:4] == [Side.LEFT, Side.RIGHT, Side.LEFT, Side.RIGHT]


def test_pause_excludes_paused_time():
    plan = compile_plan(short_routine())
    engine = SessionEngine(plan)
    engine.start(0.0)
    engine.advance(1.0)
    assert engine.elapsed(1.0) == pytest.approx(1.0)
    assert of(Paused, engine.pause(1.0))
    assert engine.next_deadline() is None
    assert engine.advance(500.0) == []  # nothing happens while paused
    assert engine.elapsed(500.0) == pytest.approx(1.0)
    engine.resume(601.0)
    assert engine.state is SessionState.GET_READY
    assert engine.next_deadline() == pytest.approx(602.0)  # the get-ready's last second
    events = engine.advance(602.0)  # get-ready is 2 s: 1 s before the pause, 1 s after
    assert [e.step.kind for e in of(StepStarted, events)] == [StepKind.WORK]
    end = run_to_end_from(engine)
    assert end.due == pytest.approx(plan.total_seconds + 600.0)
    assert engine.paused_total == pytest.approx(600.0)


def run_to_end_from(engine: SessionEngine):
    events = []
    while not engine.is_over:
        events += engine.advance(engine.next_deadline())
    return of(SessionFinished, events)[0]


def test_skip_marks_the_step_skipped_and_moves_on_now():
    plan = compile_plan(short_routine())
    engine = SessionEngine(plan)
    engine.start(0.0)
    engine.advance(2.0)  # first work step: slow press, 3 reps x 2 s
    assert engine.step.exercise.id == "slow-press"
    events = engine.skip(4.5)
    result = of(StepFinished, events)[-1].result
    assert result.skipped and result.reps_done == 1 and result.seconds_done == pytest.approx(2.5)
    nxt = of(StepStarted, events)[-1]
    assert nxt.step.kind is StepKind.REST and nxt.due == 4.5


def test_back_from_a_rest_repeats_the_exercise_just_done():
    plan = compile_plan(short_routine())
    engine = SessionEngine(plan)
    engine.start(0.0)
    engine.advance(2.0 + 6.0)  # get ready, then the 3 x 2 s press set ends
    assert engine.step.kind is StepKind.REST
    events = engine.back(9.0)
    assert engine.step.exercise.id == "slow-press" and engine.step.is_work
    assert [e.number for e in of(RepCounted, events)] == [1]  # counting starts over
    # Back from a work step goes to the previous work step.
    engine.advance(9.0 + 6.0 + 4.0)  # press again, rest 4 s -> side plank left
    assert engine.step.exercise.id == "side-plank" and engine.step.side is Side.LEFT
    engine.back(20.0)
    assert engine.step.exercise.id == "slow-press"


def test_back_at_the_first_step_restarts_it():
    engine = SessionEngine(compile_plan(short_routine()))
    engine.start(0.0)
    engine.back(1.5)
    assert engine.index == 0 and engine.elapsed(1.5) == 0.0


def self_paced_engine(reps: int) -> SessionEngine:
    """A self-paced set of slow presses (after a 2 s get-ready), a 4 s rest, a side plank."""
    routine = short_routine()
    block = routine.blocks[0]
    entries = (replace(block.entries[0], self_paced=True, reps=reps), block.entries[1])
    routine = replace(routine, blocks=(replace(block, entries=entries, rounds=1),))
    return SessionEngine(compile_plan(routine))


def test_self_paced_sets_wait_for_the_user():
    engine = self_paced_engine(3)
    engine.start(0.0)
    engine.advance(2.0)
    assert engine.step.self_paced and engine.next_deadline() is None
    assert engine.advance(1000.0) == []  # waits as long as it takes
    assert [e.number for e in of(RepCounted, engine.count_rep(1001.0))] == [1]
    engine.count_rep(1003.0)
    events = engine.count_rep(1010.0)  # the third rep completes the set
    result = of(StepFinished, events)[0].result
    assert result.reps_done == 3 and not result.skipped
    assert engine.step.kind is StepKind.REST


def test_finish_set_on_a_self_paced_set_without_counting_records_the_target():
    engine = self_paced_engine(5)
    engine.start(0.0)
    engine.advance(2.0)
    events = engine.finish_set(40.0)
    assert of(StepFinished, events)[0].result.reps_done == 5


def test_lowering_a_self_paced_target_to_the_reps_done_finishes_the_set():
    engine = self_paced_engine(10)
    engine.start(0.0)
    engine.advance(2.0)
    for t in (3.0, 5.0, 7.0):
        engine.count_rep(t)
    events = engine.adjust_target(-6, 8.0)  # 10 -> 4: one more to go
    assert of(TargetChanged, events)[0].step.target_reps == 4 and not of(StepFinished, events)
    events = engine.adjust_target(-1, 9.0)  # 4 -> 3, the reps already done: set done
    assert of(TargetChanged, events)[0].step.target_reps == 3
    result = of(StepFinished, events)[0].result
    assert (result.reps_done, result.skipped) == (3, False)
    assert result.seconds_done == pytest.approx(7.0)
    assert [e.step.kind for e in of(StepStarted, events)] == [StepKind.REST]
    assert of(StepStarted, events)[0].due == 9.0
    # The next Enter belongs to the rest, never to a fourth rep of the finished set.
    assert of(RepCounted, engine.count_rep(10.0)) == []
    assert [r.reps_done for r in engine.results if r.step.is_work] == [3]


def test_a_big_cut_to_a_self_paced_target_finishes_at_the_reps_done():
    engine = self_paced_engine(10)
    engine.start(0.0)
    engine.advance(2.0)
    engine.count_rep(3.0)
    engine.count_rep(4.0)
    events = engine.adjust_target(-50, 5.0)
    assert of(StepFinished, events)[0].result.reps_done == 2
    assert engine.step.kind is StepKind.REST


def test_lowering_a_self_paced_target_while_paused_finishes_the_set_and_stays_paused():
    engine = self_paced_engine(5)
    engine.start(0.0)
    engine.advance(2.0)
    engine.count_rep(3.0)
    engine.pause(4.0)
    events = engine.adjust_target(-4, 30.0)
    result = of(StepFinished, events)[0].result
    assert result.reps_done == 1 and result.seconds_done == pytest.approx(2.0)
    assert engine.state is SessionState.PAUSED and engine.step.kind is StepKind.REST
    engine.resume(40.0)
    assert engine.remaining(40.0) == pytest.approx(4.0)  # the whole rest is still ahead


def test_lowering_a_self_paced_target_before_any_rep_leaves_one_to_do():
    engine = self_paced_engine(5)
    engine.start(0.0)
    engine.advance(2.0)
    events = engine.adjust_target(-10, 3.0)
    assert of(TargetChanged, events)[0].step.target_reps == 1 and not of(StepFinished, events)
    events = engine.count_rep(4.0)
    assert of(StepFinished, events)[0].result.reps_done == 1


def test_adjust_reps_moves_the_end_of_a_paced_set():
    plan = compile_plan(short_routine())
    engine = SessionEngine(plan)
    engine.start(0.0)
    engine.advance(2.0)  # slow press: 3 reps x 2 s, ends at 8.0
    assert engine.next_deadline() == pytest.approx(3.0)  # "release" of rep 1
    events = engine.adjust_target(+2, 2.5)
    assert of(TargetChanged, events)[0].step.target_reps == 5
    engine.advance(11.9)
    assert engine.step.kind is StepKind.WORK and engine.reps == 5
    events = engine.advance(12.0)
    assert of(StepFinished, events)[0].result.reps_done == 5
    # Fewer reps never goes below the rep in progress: that rep is the last one.
    engine.back(20.0)
    engine.advance(24.0)  # rep 3 in progress (started at 24.0)
    engine.adjust_target(-10, 24.5)
    assert engine.step.target_reps == 3
    assert engine.next_deadline() == pytest.approx(25.0)  # its "release"
    events = engine.advance(30.0)
    assert [e.number for e in of(RepCounted, events)] == []  # no fourth rep
    finished = of(StepFinished, events)[0]
    assert finished.due == pytest.approx(26.0) and finished.result.reps_done == 3
    assert not finished.result.skipped


def test_adjust_seconds_on_timed_work():
    plan = compile_plan(short_routine())
    engine = SessionEngine(plan)
    engine.start(0.0)
    engine.advance(2.0 + 6.0 + 4.0)  # side plank left starts at 12.0, 10 s
    assert engine.step.exercise.id == "side-plank"
    engine.adjust_target(+1, 13.0)
    assert engine.remaining(13.0) == pytest.approx(14.0)
    counts = of(Countdown, engine.advance(12.0 + 15.0))
    assert [c.remaining for c in counts] == [3, 2, 1]


def test_stop_keeps_what_was_done():
    plan = compile_plan(short_routine())
    engine = SessionEngine(plan)
    engine.start(0.0)
    engine.advance(2.0 + 3.0)  # into the press set
    events = engine.stop(5.0)
    end = of(SessionFinished, events)[0]
    assert not end.completed and engine.state is SessionState.STOPPED
    assert [r.step.kind for r in end.results] == [StepKind.GET_READY, StepKind.WORK]
    assert end.results[-1].skipped and end.results[-1].reps_done == 1
    assert engine.advance(100.0) == [] and engine.next_deadline() is None


def test_actions_while_paused_keep_the_session_paused():
    plan = compile_plan(short_routine())
    engine = SessionEngine(plan)
    engine.start(0.0)
    engine.advance(3.0)
    engine.pause(3.0)
    engine.skip(50.0)
    assert engine.state is SessionState.PAUSED and engine.step.kind is StepKind.REST
    assert engine.advance(90.0) == []
    engine.resume(100.0)
    assert engine.remaining(100.0) == pytest.approx(4.0)


MARK_EVENTS = {
    RepCounted: MarkKind.REP,
    PhaseChanged: MarkKind.PHASE,
    Countdown: MarkKind.COUNTDOWN,
    Halfway: MarkKind.HALFWAY,
}


def test_ten_thousand_steps_at_irregular_times_end_with_zero_drift():
    """One engine, one plan of over 10,000 steps, woken late, early, in bursts and paused."""
    base = default_routine()
    runs = 10_000 // len(compile_plan(base).steps) + 1
    plan = compile_plan(replace(base, blocks=base.blocks * runs))
    assert len(plan.steps) >= 10_000
    # Active seconds before each step, from the plan alone; the last one is the total.
    offsets = list(itertools.accumulate((s.planned_seconds for s in plan.steps), initial=0.0))
    rng = random.Random(7)
    start = 1_000.0
    paused = 0.0  # every pause so far came before every event still to come
    marks_seen = [0] * len(plan.steps)
    started = [0] * len(plan.steps)
    finished: list[SessionFinished] = []
    checked = 0

    def ideal(event) -> float:
        """When the plan says ``event`` happens: start + planned offset + time paused."""
        if isinstance(event, StepStarted | RestStarted | SideSwitch):
            return offsets[event.step.index]
        if isinstance(event, StepFinished):
            return offsets[event.result.step.index + 1]
        if isinstance(event, SessionFinished):
            return offsets[-1]
        index = event.step.index
        mark = plan.steps[index].marks[marks_seen[index]]
        marks_seen[index] += 1
        assert mark.kind is MARK_EVENTS[type(event)]
        return offsets[index] + mark.offset

    def check(events) -> None:
        nonlocal checked
        for event in events:
            if isinstance(event, StepStarted):
                started[event.step.index] += 1
            if isinstance(event, SessionFinished):
                finished.append(event)
            active = ideal(event) if not isinstance(event, Paused | Resumed) else None
            if active is not None:
                expected = start + active + paused
                assert abs(event.due - expected) <= 1e-6, (event, expected)
                checked += 1

    engine = SessionEngine(plan)
    t = start
    check(engine.start(t))
    while not engine.is_over:
        deadline = engine.next_deadline()
        assert deadline is not None and deadline > t
        roll = rng.random()
        if roll < 0.002:  # a pause of up to two minutes, between two deadlines
            t += rng.random() * (deadline - t)
            assert [type(e) for e in engine.pause(t)] == [Paused]
            length = rng.uniform(0.1, 120.0)
            t += length
            assert [type(e) for e in engine.resume(t)] == [Resumed]
            paused += length
            continue
        if roll < 0.05:  # an early wake-up reports nothing
            t += rng.random() * (deadline - t) * 0.999
            assert engine.advance(t) == []
            continue
        # On time, a little late, or seconds late so several things fall due at once.
        lag = rng.choice([0.0, 0.001, 0.017, 0.25, rng.random() * 0.25, rng.random() * 4.0])
        t = deadline + lag
        check(engine.advance(t))

    assert started == [1] * len(plan.steps)
    assert marks_seen == [len(s.marks) for s in plan.steps]  # every cue, once
    assert checked > 10 * len(plan.steps)
    assert paused > 0 and engine.paused_total == pytest.approx(paused, abs=1e-6)
    # The session ends the planned total plus the time paused after it began, to the microsecond.
    [end] = finished
    assert end.completed and len(end.results) == len(plan.steps)
    assert end.due == pytest.approx(start + plan.total_seconds + paused, abs=1e-6)
