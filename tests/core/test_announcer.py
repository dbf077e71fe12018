"""A whole routine, followed by ear: what is played and said, and when."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from supple.core.announcer import (
    SPEECH_MARGIN,
    Announcement,
    Announcer,
    Priority,
    WordRate,
    describe,
    details,
    quiet_until,
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
        if plan.steps[step.index - 1].kind is StepKind.SIDE_SWITCH:
            assert f"{step.side.value} side" in last.lower()
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
    # A 5 s switch has its 3-2-1 from 2 s: room for the side, not "Switch sides" too.
    assert switches and set(switches) == {"Right side."}


def test_beats_follow_the_phases_and_give_way_to_speech():
    out, plan = schedule(default_routine(), count_aloud=True, phase_words=False)
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


class Espeakish:
    """Lengths like a real voice's: by characters, not words, and slower than the guess."""

    def seconds(self, text: str) -> float:
        return 0.075 * len(text)


@pytest.mark.parametrize("routine", builtin_routines(), ids=lambda r: r.id)
@pytest.mark.parametrize("lengths", [WordRate(), Espeakish()], ids=["words", "chars"])
def test_no_prompt_runs_into_a_cue_that_must_be_heard(routine, lengths):
    out, _ = schedule(routine, count_aloud=True, lengths=lengths)
    clear = [a.due for a in out if a.cue is not None and not a.yields]
    for a in out:
        if not a.speech:
            continue
        assert a.speech_seconds == lengths.seconds(a.speech)
        ends = a.due + a.speech_seconds + (0 if a.yields else SPEECH_MARGIN)
        late = [due for due in clear if a.due < due < ends - 1e-9]
        assert not late, (a.speech, a.due, late)
    assert all(not a.yields for a in out if a.cue in (Cue.COUNTDOWN_PIP, Cue.GET_READY_PIP))


def test_the_get_ready_names_the_first_set_its_target_and_side():
    routine = builtin_routines()[0]
    plan = compile_plan(routine)
    first = plan.work_steps[0]
    out, _ = schedule(routine, lengths=WordRate(0.1), plan=plan)
    assert out[0].speech == f"Get ready. {describe(first)}."
    assert str(first.target_reps or round(first.target_seconds or 0)) in out[0].speech
    # The same, in exactly the room before the first pip: a sum of floats still fits.
    room = quiet_until(plan.steps[0]) - SPEECH_MARGIN
    exact = {out[0].speech: room}
    out, _ = schedule(routine, lengths=Fixed(exact), plan=plan)
    assert out[0].speech == f"Get ready. {describe(first)}."


def test_a_get_ready_too_short_for_everything_names_the_set_and_its_start_says_the_rest():
    routine = default_routine()
    plan = compile_plan(routine)
    first = plan.work_steps[0]
    out, _ = schedule(
        routine, lengths=Fixed({}, default=5.0, short={first.exercise.name}), plan=plan
    )
    assert out[0].speech == f"{first.exercise.name}."
    go = next(a for a in out if a.cue is Cue.GO)
    target, side = details(first)
    assert go.speech == ", ".join(p for p in (target, side) if p)


class Fixed:
    """Given lengths for some texts; every other takes ``default`` (``short`` ones 0.1 s)."""

    def __init__(self, lengths, default=100.0, short=()):
        self.lengths, self.default, self.short = lengths, default, short

    def seconds(self, text):
        if text in self.lengths:
            return self.lengths[text]
        return 0.1 if text.rstrip(".") in self.short else self.default


def test_alternating_sets_say_the_side_and_slow_tempos_their_phase_words():
    out, plan = schedule(default_routine(), lengths=Espeakish())
    alternating = next(s for s in plan.work_steps if s.side.value == "alternating")
    start = step_starts(plan)[alternating.index]
    words = [a.speech for a in out if a.yields and start <= a.due < start + 2 * alternating.tempo]
    assert words[:2] == ["left", "right"] or words[0].startswith("left"), words
    tilt = next(s for s in plan.work_steps if len(s.phases) > 1)
    start = step_starts(plan)[tilt.index]
    share = tilt.tempo / len(tilt.phases)
    phases = [
        a.speech for a in out if a.yields and start + tilt.tempo <= a.due < start + 2 * tilt.tempo
    ]
    fits = [Espeakish().seconds(p) + SPEECH_MARGIN <= share for p in tilt.phases]
    assert phases == [p if fit else "" for p, fit in zip(tilt.phases, fits, strict=True)]
    quiet, _ = schedule(
        default_routine(), lengths=Espeakish(), side_each_rep=False, phase_words=False
    )
    assert not any(a.speech for a in quiet if a.yields)


def test_every_wording_tried_in_a_session_is_listed_before_it():
    plan = compile_plan(default_routine())
    announcer = Announcer(count_aloud=True, plan=plan)
    listed = set(announcer.prompts(plan))
    out, _ = schedule(default_routine(), count_aloud=True, plan=plan)
    said = {a.speech for a in out if a.speech}
    assert said <= listed


@pytest.mark.parametrize("routine", builtin_routines(), ids=lambda r: r.id)
@pytest.mark.parametrize("pause", [4, 6, 8])
def test_a_set_only_named_before_it_has_its_target_and_side_listed_too(routine, pause):
    """Short rests leave room for the name alone ("Next: Hip hikes."); the set then says
    its target and side as it starts ("12 reps, left side"), and that wording must have
    been measured too, or it is fitted to the slow guess."""
    blocks = tuple(
        replace(block, rest_between_exercises=pause, rest_between_rounds=pause)
        for block in routine.blocks
    )
    short = replace(routine, blocks=blocks)
    plan = compile_plan(short)
    listed = set(Announcer(plan=plan).prompts(plan))
    out, _ = schedule(short, plan=plan)
    said = {a.speech for a in out if a.speech}
    assert said <= listed, sorted(said - listed)
