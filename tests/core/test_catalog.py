"""The built-in content: the circuit from the article, with sensible defaults."""

from __future__ import annotations

from supple.core.catalog import builtin_exercises, builtin_routines, default_routine
from supple.core.model import Category, Kind, Position, Sides
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
