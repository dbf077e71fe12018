"""The summary's figures are honest: only what was done counts, and never more than planned."""

from __future__ import annotations

import pytest

from supple.core.engine import SessionEngine
from supple.core.plan import compile_plan
from supple.ui.session_summary import summarize

from .conftest import drill_routine

START = 100.0


def finish(engine, now):
    events = engine.stop(now) if not engine.is_over else []
    return tuple(engine.results), events


def test_a_full_run_is_one_hundred_percent():
    plan = compile_plan(drill_routine())
    engine = SessionEngine(plan)
    engine.start(START)
    now = START + 9.0  # past every timed step; the self-paced set waits
    engine.advance(now)
    for _ in range(3):
        engine.count_rep(now)
    assert engine.is_over
    figures = summarize(plan, tuple(engine.results), completed=True)
    assert figures.completion_percent == 100
    assert figures.reps_done == 3 + 3 + 4 + 3
    assert (figures.sets_done, figures.sets_planned) == (5, 5)
    assert [line.name for line in figures.lines] == [
        "Elevated hip hikes",
        "March in place",
        "90/90 knee rolls",
        "Pelvic tilts",
    ]
    hikes = figures.lines[0]
    assert (hikes.reps_done, hikes.reps_planned, hikes.sets_done, hikes.sets_planned) == (
        6,
        6,
        2,
        2,
    )
    assert figures.active_seconds == pytest.approx(9.0)


def test_stopping_early_counts_only_what_was_done():
    plan = compile_plan(drill_routine())
    engine = SessionEngine(plan)
    engine.start(START)
    engine.advance(START + 1.0 + 0.45)  # into the third rep of the left side
    results, _ = finish(engine, START + 1.45)
    figures = summarize(plan, results, completed=False)
    assert not figures.completed
    assert figures.reps_done == 2  # two reps were complete when it stopped
    assert figures.sets_done == 0
    assert 0 < figures.completion_percent < 10
    assert figures.lines[0].reps_done == 2


def test_repeating_a_set_adds_its_reps_but_not_more_than_one_set():
    plan = compile_plan(drill_routine())
    engine = SessionEngine(plan)
    engine.start(START)
    now = START + 1.7  # the left side just finished, the side switch runs
    engine.advance(now)
    engine.back(now)  # do the left side again
    engine.advance(now + 0.7)
    results, _ = finish(engine, now + 0.7)
    figures = summarize(plan, results, completed=False)
    hikes = figures.lines[0]
    assert hikes.reps_done == 6  # both runs of the left side
    assert hikes.sets_done == 1  # still only the left side is done
    assert figures.sets_done == 1


def test_a_changed_target_is_the_plan_it_is_measured_against():
    plan = compile_plan(drill_routine())
    engine = SessionEngine(plan)
    engine.start(START)
    while not engine.step.self_paced:
        engine.skip(START)
    engine.adjust_target(+2, START)  # five tilts instead of three
    for _ in range(5):
        engine.count_rep(START)
    figures = summarize(plan, tuple(engine.results), completed=True)
    tilts = figures.lines[-1]
    assert (tilts.reps_done, tilts.reps_planned, tilts.sets_done) == (5, 5, 1)
