"""A whole routine, followed by ear: what is played and said, and when."""

from __future__ import annotations

import itertools

import pytest

from supple.core.announcer import (
    SPEECH_MARGIN,
    Announcement,
    Announcer,
    Priority,
    speaking_time,
)
from supple.core.catalog import builtin_routines, default_routine
from supple.core.cue import Cue
from supple.core.engine import SessionEngine
from supple.core.plan import StepKind, compile_plan


def schedule(routine, **options) -> tuple[list[Announcement], object]:
    plan = compile_plan(routine)
    engine = SessionEngine(plan)
    announcer = Announcer(**options)
    out = [a for e in engine.start(0.0) for a in announcer.on_event(e)]
    while not engine.is_over:
        out += [a for e in engine.advance(engine.next_deadline()) for a in announcer.on_event(e)]
    return out, plan


def step_starts(plan):
    at, starts = 0.0, []
    for step in plan.steps:
        starts.append(at)
        at += step.planned_seconds
    return starts


@pytest.mark.parametrize("routine", builtin_routines(), ids=lambda r: r.id)
def test_every_set_is_announced_by_name_before_it_starts(routine):
    out, plan = schedule(routine)
    starts = step_starts(plan)
    spoken = [a for a in out if a.speech and a.priority is Priority.KEY]
    for step in plan.work_steps:
        before = [a for a in spoken if a.due <= starts[step.index] + 1e-9]
        assert before, step
        last = before[-1].speech
        if step.side.value in ("left", "right") and "Switch sides" in last:
            assert step.side.value.capitalize() in last
        else:
            assert step.exercise.name in last, (step.index, last)


def test_side_switches_rests_and_countdowns_are_all_signalled():
    out, plan = schedule(default_routine())
    starts = step_starts(plan)
    by_time = {}
    for a in out:
        by_time.setdefault(round(a.due, 6), []).append(a)
    for step in plan.steps:
        start, end = starts[step.index], starts[step.index] + step.planned_seconds
        cues_at_start = {a.cue for a in by_time.get(round(start, 6), [])}
        if step.kind is StepKind.SIDE_SWITCH:
            assert Cue.SIDE_SWITCH in cues_at_start
        if step.kind is StepKind.REST:
            assert Cue.REST_START in cues_at_start
        if step.kind is StepKind.WORK:
            assert Cue.GO in cues_at_start
        if step.kind is StepKind.REST or (step.is_work and not step.counts_reps):
            for n in (3, 2, 1):
                pips = {a.cue for a in by_time.get(round(end - n, 6), [])}
                assert Cue.COUNTDOWN_PIP in pips, (step.index, n)
    assert out[-1].cue is Cue.SESSION_COMPLETE and "Session complete" in out[-1].speech


def test_rest_prompts_end_before_the_countdown_and_never_overlap():
    out, _plan = schedule(default_routine())
    spoken = [a for a in out if a.speech]
    for a, b in itertools.pairwise(spoken):
        assert a.due + speaking_time(a.speech) <= b.due, (a.speech, b.speech)
    pips = [a.due for a in out if a.cue is Cue.COUNTDOWN_PIP]
    for a in spoken:
        if a.cue is Cue.REST_START:
            first_pip = min(p for p in pips if p > a.due)
            assert a.due + speaking_time(a.speech) + SPEECH_MARGIN <= first_pip + 1e-9


def test_rest_prompt_names_rest_length_next_exercise_and_last_round():
    out, _ = schedule(default_routine())
    rests = [a.speech for a in out if a.cue is Cue.REST_START]
    assert "Rest, 15 seconds. Next: 90/90 hip transitions, 10 reps, alternating sides." in rests
    assert "Rest, 1 minute. Last round. Next: Pelvic tilts, 20 reps." in rests
    switches = [a.speech for a in out if a.cue is Cue.SIDE_SWITCH]
    assert switches and set(switches) == {"Switch sides. Right side."}


def test_beats_follow_the_phases_and_give_way_to_speech():
    out, plan = schedule(default_routine(), count_aloud=True)
    tilt = next(s for s in plan.work_steps if s.exercise.id == "pelvic-tilt")
    start = step_starts(plan)[tilt.index]
    beats = [a for a in out if start <= a.due < start + tilt.planned_seconds and a.yields]
    assert [a.cue for a in beats[:4]] == [Cue.PHASE_UP, Cue.PHASE_DOWN] * 2
    counts = [a.speech for a in beats if a.speech]
    assert counts == [str(n) for n in range(1, 21)]
    assert all(a.priority is Priority.COUNT for a in beats if a.speech)


def test_voice_off_keeps_every_sound_and_says_nothing():
    with_voice, _ = schedule(default_routine())
    silent, _ = schedule(default_routine(), voice=False)
    assert not any(a.speech for a in silent)
    assert [a.cue for a in silent] == [a.cue for a in with_voice]
