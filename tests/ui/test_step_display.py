"""What the session screen says at a chosen moment, worked out with a fake clock."""

from __future__ import annotations

import pytest

from supple.core.catalog import builtin_routines, default_routine
from supple.core.engine import SessionEngine
from supple.core.events import PhaseChanged, RepCounted
from supple.core.model import Side
from supple.core.plan import StepKind, compile_plan
from supple.ui.step_display import describe, seconds_to_next_change
from supple.ui.wording import next_up, preview, routine_meta

from .conftest import drill_routine

START = 500.0


def engine_for(routine):
    engine = SessionEngine(compile_plan(routine))
    engine.start(START)
    return engine


def last_phase(events, phase=""):
    for event in events:
        if isinstance(event, RepCounted | PhaseChanged):
            phase = event.phase
    return phase


def at_work(engine, exercise_id, now):
    while not (engine.step.is_work and engine.step.exercise.id == exercise_id):
        engine.skip(now)
    return engine


def test_pelvic_tilts_rep_seven_in_its_first_phase():
    engine = at_work(engine_for(default_routine()), "pelvic-tilt", START)
    now = START + 6 * 4.0 + 0.5  # tempo 4 s: rep 7 began 0.5 s ago
    phase = last_phase(engine.advance(now))
    shown = describe(engine, now, phase)
    assert shown.kind is StepKind.WORK
    assert shown.name == "Pelvic tilts"
    assert shown.counter == "7 / 20"
    assert shown.counter_sample == "88 / 20"
    assert (shown.detail, shown.detail_is_phase) == ("tilt forward", True)
    assert shown.side_text == ""
    assert shown.round_text == "Round 1 of 2"
    assert (
        shown.next_text
        == "Next: 90/90 hip transitions \N{MIDDLE DOT} ALTERNATING \N{MIDDLE DOT} 10 reps"
    )
    assert shown.fraction == pytest.approx(24.5 / 80)
    now += 2.0  # the second half of the rep
    shown = describe(engine, now, last_phase(engine.advance(now), phase))
    assert (shown.counter, shown.detail) == ("7 / 20", "tilt back")


def test_get_ready_names_the_first_exercise_its_side_and_position():
    engine = engine_for(default_routine())
    shown = describe(engine, START + 0.2)
    assert shown.kind is StepKind.GET_READY
    assert shown.kicker == "GET READY"
    assert shown.name == "Leg swings, front to back"
    assert shown.side_text == "LEFT"
    assert shown.counter == "0:05"
    assert shown.detail.startswith("Standing")
    assert shown.step_text == "Step 1 of 19"


def test_rest_shows_what_comes_next_and_counts_down():
    engine = at_work(engine_for(drill_routine()), "march-in-place", START)
    engine.skip(START)
    shown = describe(engine, START + 0.25)
    assert shown.kind is StepKind.REST
    assert shown.kicker == "REST \N{MIDDLE DOT} UP NEXT"
    assert shown.name == "90/90 knee rolls"
    assert shown.side_text == "ALTERNATING"
    assert shown.target == "4 reps, left and right in turn"  # under the next set's picture
    assert shown.detail == "Press Enter to start now"
    assert (
        shown.next_text == "Next: 90/90 knee rolls \N{MIDDLE DOT} ALTERNATING \N{MIDDLE DOT} 4 reps"
    )
    assert shown.counter == "0:01"
    assert shown.image_name == "knee-roll-90-90"


def test_alternating_set_shows_the_side_of_each_rep():
    engine = at_work(engine_for(drill_routine()), "knee-roll-90-90", START)
    sides = []
    for rep in range(4):
        now = START + rep * 0.2 + 0.01
        engine.advance(now)
        sides.append(describe(engine, now).side)
    assert sides == [Side.LEFT, Side.RIGHT, Side.LEFT, Side.RIGHT]


def test_self_paced_set_shows_the_side_of_the_next_rep_and_a_hint():
    engine = at_work(engine_for(drill_routine()), "pelvic-tilt", START)
    shown = describe(engine, START)
    assert shown.counter == "0 / 3"
    assert shown.detail == "Press Enter after each rep"
    engine.count_rep(START + 3)
    assert describe(engine, START + 3).counter == "1 / 3"


def test_paused_session_is_marked_and_its_clocks_stand_still():
    engine = at_work(engine_for(drill_routine()), "march-in-place", START)
    engine.pause(START + 0.5)
    shown = describe(engine, START + 100)
    assert shown.paused
    assert shown.counter == "0:02"
    assert seconds_to_next_change(engine, START + 100) is None


def clocks(engine, now):
    shown = describe(engine, now)
    return shown.counter, shown.time_left


@pytest.mark.parametrize("elapsed", [0.0, 0.3, 0.999, 1.0, 1.75])
def test_the_next_redraw_falls_exactly_on_the_turn_of_a_second(elapsed):
    engine = at_work(engine_for(drill_routine()), "march-in-place", START)
    now = START + elapsed
    engine.advance(now)
    wait = seconds_to_next_change(engine, now)
    assert 0 < wait <= 1.0
    assert clocks(engine, now + wait - 1e-3) == clocks(engine, now)
    assert clocks(engine, now + wait + 1e-6) != clocks(engine, now)


def test_every_second_of_a_countdown_gets_its_redraw():
    engine = at_work(engine_for(drill_routine()), "march-in-place", START)
    now, shown = START, []
    while engine.step.exercise.id == "march-in-place" and engine.step.is_work:
        shown.append(describe(engine, now).counter)
        now += seconds_to_next_change(engine, now) + 1e-9
        engine.advance(now)
    assert list(dict.fromkeys(shown)) == ["0:02", "0:01"]


def test_a_self_paced_set_past_its_planned_time_needs_no_redraws():
    engine = at_work(engine_for(drill_routine()), "pelvic-tilt", START)
    late = START + 3 * 4.0 + 30  # well past 3 reps at the 4 s tempo
    assert seconds_to_next_change(engine, late) is None
    assert seconds_to_next_change(engine, START + 0.5) == pytest.approx(0.5)


def test_next_up_covers_side_switches_rests_and_the_end():
    plan = compile_plan(drill_routine())
    first_side = next(s for s in plan.steps if s.is_work)
    assert next_up(plan, first_side.index) == "Next: right side"
    assert next_up(plan, len(plan.steps) - 1) == "Last one \N{EM DASH} then you're done"


def test_routine_picker_and_preview_wording():
    routine = next(r for r in builtin_routines() if r.id == "hamstring-reset")
    assert routine_meta(compile_plan(routine)) == "17 min  \N{MIDDLE DOT}  9 exercises"
    rows = preview(routine)
    assert rows[0] == ("WARM-UP", "")
    assert ("Leg swings, front to back", "15 reps each side") in rows
    assert ("PELVIC CIRCUIT  \N{MIDDLE DOT}  2 ROUNDS", "") in rows
    assert ("90/90 hip transitions", "10 reps, alternating") in rows
    assert ("March in place", "45 s") in rows


def test_the_rest_between_rounds_names_the_round_that_comes_next():
    engine = engine_for(default_routine())
    plan = engine.plan
    rests = [s for s in plan.steps if s.kind is StepKind.REST and s.round == 1]
    between = next(s for s in rests if plan.next_work(s.index).round == 2)
    while engine.step.index != between.index:
        engine.skip(START)
    assert describe(engine, START).round_text == "Round 2 of 2"
