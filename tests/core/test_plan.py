"""The plan compiler, including properties that must hold for any valid routine."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from supple.core import routine_file
from supple.core.catalog import builtin_exercises
from supple.core.engine import SessionEngine
from supple.core.events import SessionFinished
from supple.core.model import Block, Entry, Kind, Routine, Side, Sides
from supple.core.plan import MarkKind, StepKind, compile_plan
from tests.core.routines import short_routine

EXERCISES = builtin_exercises()


@st.composite
def entries(draw):
    exercise = EXERCISES[draw(st.sampled_from(sorted(EXERCISES)))]
    reps_kind = exercise.kind is Kind.REPS
    sides_choices = [Sides.NONE, Sides.EACH] + ([Sides.ALTERNATE] if reps_kind else [])
    return Entry(
        exercise=exercise.id,
        reps=draw(st.none() | st.integers(1, 40)) if reps_kind else None,
        seconds=None if reps_kind else draw(st.none() | st.integers(1, 120)),
        sides=draw(st.none() | st.sampled_from(sides_choices)),
        tempo=draw(st.none() | st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.0, 4.0])),
        self_paced=draw(st.booleans()) if reps_kind else False,
        rest_after=draw(st.none() | st.integers(0, 90)),
    )


blocks = st.builds(
    Block,
    name=st.text("abcdef ", min_size=1, max_size=12).filter(str.strip),
    entries=st.lists(entries(), min_size=1, max_size=5).map(tuple),
    rounds=st.integers(1, 4),
    rest_between_exercises=st.integers(0, 60),
    rest_between_rounds=st.integers(0, 120),
)
routines = st.builds(
    Routine,
    id=st.just("generated"),
    name=st.just("Generated"),
    blocks=st.lists(blocks, min_size=1, max_size=3).map(tuple),
    get_ready_seconds=st.integers(0, 10),
    side_switch_seconds=st.integers(0, 10),
)


@settings(max_examples=150, deadline=None)
@given(routines)
def test_plan_covers_every_set_in_order(routine):
    plan = compile_plan(routine)
    expected = []
    for block in routine.blocks:
        for _ in range(block.rounds):
            for entry in block.entries:
                sides = entry.sides or EXERCISES[entry.exercise].sides
                expected += [entry.exercise] * (2 if sides is Sides.EACH else 1)
    assert [s.exercise.id for s in plan.work_steps] == expected
    assert [s.index for s in plan.steps] == list(range(len(plan.steps)))
    assert plan.steps[-1].is_work  # nothing to wait for after the last set
    assert math.isclose(plan.total_seconds, sum(s.planned_seconds for s in plan.steps))


@settings(max_examples=150, deadline=None)
@given(routines)
def test_steps_are_well_formed(routine):
    plan = compile_plan(routine)
    for step in plan.steps:
        assert step.planned_seconds > 0
        if step.counts_reps and not step.self_paced:
            reps = [m for m in step.marks if m.kind is MarkKind.REP]
            assert [m.rep for m in reps] == list(range(1, step.target_reps + 1))
        offsets = [m.offset for m in step.marks]
        assert offsets == sorted(offsets)
        assert all(0 <= o < (step.length or math.inf) for o in offsets)
        if not step.is_work:
            nxt = plan.next_work(step.index)
            assert nxt is not None and (step.exercise, step.side) == (nxt.exercise, nxt.side)
        if step.kind is StepKind.SIDE_SWITCH:
            assert plan.steps[step.index - 1].side is Side.LEFT and step.side is Side.RIGHT


@settings(max_examples=60, deadline=None)
@given(routines)
def test_paced_plans_run_in_exactly_their_planned_time(routine):
    plan = compile_plan(routine)
    engine = SessionEngine(plan)
    now = 0.0
    events = engine.start(now)
    while not engine.is_over:
        deadline = engine.next_deadline()
        if deadline is None:  # a self-paced set: the user says "done" the moment it starts
            events += engine.finish_set(now)
            continue
        now = deadline
        events += engine.advance(now)
    end = next(e for e in events if isinstance(e, SessionFinished))
    self_paced = sum(s.planned_seconds for s in plan.steps if s.self_paced)
    assert math.isclose(end.due, plan.total_seconds - self_paced, abs_tol=1e-6)


def test_rest_between_rounds_replaces_the_rest_after_the_last_exercise():
    plan = compile_plan(short_routine())
    rests = [(s.round, s.target_seconds) for s in plan.steps if s.kind is StepKind.REST]
    # round 1: after press 4, after plank 4, then 6 between rounds; round 2: 4, 4, none at the end
    assert rests == [(1, 4.0), (1, 4.0), (1, 6.0), (2, 4.0), (2, 4.0)]


def test_get_ready_shows_the_first_exercise():
    plan = compile_plan(short_routine())
    first = plan.steps[0]
    assert first.kind is StepKind.GET_READY and first.exercise.id == "slow-press"
    assert [m.count for m in first.marks] == [1]  # a 2 s get-ready only has room for "1"


def test_zero_second_get_ready_and_switch_leave_no_step():
    routine = routine_file.loads(
        routine_file.dumps(short_routine())
        .replace("get_ready_seconds = 2", "get_ready_seconds = 0")
        .replace("side_switch_seconds = 2", "side_switch_seconds = 0"),
        "x.toml",
        EXERCISES,
    )
    kinds = {s.kind for s in compile_plan(routine).steps}
    assert kinds == {StepKind.WORK, StepKind.REST}
