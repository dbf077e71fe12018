"""The built-in content: the circuit from the article, with sensible defaults."""

from __future__ import annotations

import pytest

from supple.core.announcer import Announcer
from supple.core.catalog import builtin_exercises, builtin_routines, default_routine
from supple.core.cue import Cue
from supple.core.engine import SessionEngine
from supple.core.events import PhaseChanged, RepCounted, StepStarted
from supple.core.model import Category, Kind, Position, Side, Sides
from supple.core.plan import compile_plan

CIRCUIT = [
    "pelvic-tilt",
    "hip-90-90-transition",
    "elevated-hip-hike",
    "knee-roll-90-90",
    "hamstring-curl",
]


def test_every_exercise_has_two_to_four_cues_and_a_picture_name():
    for exercise in builtin_exercises().values():
        assert 2 <= len(exercise.cues) <= 4, exercise.id
        assert all(len(c) <= 70 for c in exercise.cues), exercise.id  # one line from 3 m
        assert exercise.image_name == exercise.id


def test_pelvic_tilts_are_twenty_two_phase_reps():
    tilt = builtin_exercises()["pelvic-tilt"]
    assert tilt.kind is Kind.REPS and tilt.reps == 20
    assert tilt.phases == ("tilt forward", "tilt back")
    assert tilt.position is Position.QUADRUPED
    assert builtin_exercises()["hip-90-90-transition"].sides is Sides.ALTERNATE
    assert builtin_exercises()["elevated-hip-hike"].sides is Sides.EACH


def test_catalog_covers_every_category():
    assert {e.category for e in builtin_exercises().values()} == set(Category)


def test_default_routine_is_warm_up_plus_two_rounds_of_the_circuit():
    routine = default_routine()
    assert routine.id == "hamstring-reset"
    plan = compile_plan(routine)
    works = plan.work_steps
    assert {s.exercise.category for s in works if s.block == "Warm-up"} == {Category.WARM_UP}
    circuit = [s.exercise.id for s in works if s.block == "Pelvic circuit" and s.round == 1]
    assert list(dict.fromkeys(circuit)) == CIRCUIT
    assert max(s.rounds for s in works) == 2
    assert 15 * 60 <= plan.total_seconds <= 20 * 60


def test_the_other_routines_fit_their_promise():
    by_id = {r.id: compile_plan(r) for r in builtin_routines()}
    assert set(by_id) == {"hamstring-reset", "quick-reset", "pre-run-warm-up", "full-session"}
    assert 6 * 60 <= by_id["quick-reset"].total_seconds <= 8 * 60
    full = {s.exercise.category for s in by_id["full-session"].work_steps}
    assert {Category.CORE, Category.SOFT_TISSUE, Category.COOL_DOWN} <= full
    assert all(
        s.exercise.position is Position.STANDING for s in by_id["pre-run-warm-up"].work_steps
    )


def test_hip_circles_call_out_each_change_of_direction():
    circles = builtin_exercises()["hip-circle"]
    assert circles.phases == ("circle outward", "circle inward")
    assert any("reverse" in cue for cue in circles.cues)
    plan = compile_plan(default_routine())
    sets = {s.index: s for s in plan.work_steps if s.exercise.id == "hip-circle"}
    assert [s.side for s in sets.values()] == [Side.LEFT, Side.RIGHT]

    engine = SessionEngine(plan)
    announcer = Announcer(voice=True)
    heard: dict[int, list[tuple[float, str, Cue | None]]] = {index: [] for index in sets}
    starts: dict[int, float] = {}
    events = engine.start(0.0)
    while not engine.is_over:
        events += engine.advance(engine.next_deadline())
    for event in events:
        announcements = announcer.on_event(event)
        if isinstance(event, StepStarted):
            starts[event.step.index] = event.due
        if isinstance(event, RepCounted | PhaseChanged) and event.step.index in sets:
            [announcement] = announcements
            at = event.due - starts[event.step.index]
            heard[event.step.index].append((at, event.phase, announcement.cue))

    # Each circle outward is followed, half a rep later, by a call to circle inward with
    # a sound of its own, so the change of direction is heard without looking.
    half = circles.tempo / 2
    for index, step in sets.items():
        expected = []
        for rep in range(step.target_reps):
            at = rep * circles.tempo
            expected.append((pytest.approx(at), "circle outward", Cue.PHASE_UP))
            expected.append((pytest.approx(at + half), "circle inward", Cue.PHASE_DOWN))
        assert heard[index] == expected
