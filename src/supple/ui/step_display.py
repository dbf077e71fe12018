"""What the session screen shows at a given moment, worked out from the engine alone.

A plain value with no widgets in it, so "what does the user see 24.5 s into pelvic
tilts" is a function call a test can make with a fake clock.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from supple.core import timefmt
from supple.core.engine import SessionEngine, SessionState
from supple.core.i18n import N_, _
from supple.core.model import Side
from supple.core.plan import Plan, Step, StepKind
from supple.core.step_labels import DOT
from supple.ui import wording


@dataclass(frozen=True)
class StepDisplay:
    kind: StepKind
    kicker: str
    name: str
    side: Side
    """The side to show now (for alternating sets: the current repetition's side)."""
    side_text: str
    counter: str
    counter_sample: str
    """The widest text the counter will show during this step, so its size never jumps."""
    detail: str
    """Under the counter: the phase of the repetition, or a hint."""
    detail_is_phase: bool
    round_text: str
    next_text: str
    fraction: float
    """How far through the step, 0 to 1."""
    image_name: str
    phase_number: int
    """Which position of a two-phase movement to picture (see ``phase_number``)."""
    target: str
    """What the set asks for (``12 reps``); shown under the next exercise's picture in a rest."""
    cues: tuple[str, ...]
    step_text: str
    time_left: str
    overall_fraction: float
    paused: bool

    @property
    def is_work(self) -> bool:
        return self.kind is StepKind.WORK


def _widest(text: str) -> str:
    return re.sub(r"\d", "8", text)


def _counter(step: Step, engine: SessionEngine, now: float) -> tuple[str, str]:
    if step.counts_reps:
        target = step.target_reps or 0
        text = f"{engine.reps} / {target}"
        return text, f"{'8' * len(str(max(target, engine.reps)))} / {target}"
    remaining = engine.remaining(now)
    text = timefmt.clock(remaining if remaining is not None else 0.0)
    return text, _widest(timefmt.clock(step.length or 0.0))


def shown_side(step: Step, reps: int) -> Side:
    """Alternating sets show the side of the repetition being done (or about to be)."""
    if step.side is not Side.ALTERNATING or not step.is_work:
        return step.side
    rep = reps + 1 if step.self_paced else max(reps, 1)
    return step.rep_side(rep)


def _fraction(step: Step, engine: SessionEngine, now: float) -> float:
    if step.counts_reps and step.self_paced:
        return min(1.0, engine.reps / max(1, step.target_reps or 1))
    length = step.length
    if not length:
        return 0.0
    return min(1.0, engine.elapsed(now) / length)


SIDE_NOW = {Side.LEFT: N_("Now the left side"), Side.RIGHT: N_("Now the right side")}


def _detail(step: Step, phase: str) -> tuple[str, bool]:
    if step.kind is StepKind.GET_READY:
        return wording.position_phrase(step.exercise), False
    if step.kind is StepKind.REST:
        return _("Press Enter to start now"), False
    if step.kind is StepKind.SIDE_SWITCH:
        return _(SIDE_NOW[step.side]) if step.side in SIDE_NOW else "", False
    if step.counts_reps and step.self_paced:
        return _("Press Enter after each rep"), False
    if step.counts_reps and step.phases and phase:
        return phase, True
    return "", False


def short_target(step: Step) -> str:
    """A set's target in a word or two: ``12 reps``, ``45 s``."""
    if step.target_reps is not None:
        return wording.reps_text(step.target_reps)
    return timefmt.duration(step.target_seconds or 0.0)


def next_line(plan: Plan, step: Step) -> str:
    """``Next: Elevated hip hikes · LEFT · 12 reps``: the first set after this step (for a
    rest, get-ready or switch: the set it leads to)."""
    work = plan.next_work(step.index)
    if work is None:
        return _("Last one \N{EM DASH} then you're done")
    parts = [work.exercise.name, wording.side_word(work.side), short_target(work)]
    return _("Next: {step}").format(step=f" {DOT} ".join(part for part in parts if part))


def phase_number(step: Step, phase: str) -> int:
    """The position of a paced set's movement to picture (1, 2...), or 0 for the picture
    of the whole exercise (no phase announced, a self-paced set, a rest)."""
    if step.is_work and not step.self_paced and phase in step.exercise.phases:
        return step.exercise.phases.index(phase) + 1
    return 0


def describe(
    engine: SessionEngine,
    now: float,
    phase: str = "",
    numbering: Callable[[Step], tuple[int, int]] | None = None,
) -> StepDisplay:
    """The screen for the current step at ``now``; ``phase`` is the last phase announced.

    ``numbering`` gives a step's set number and the number of sets when the session
    counts them differently from the plan it runs (a resumed one counts the whole).
    """
    plan = engine.plan
    step = engine.step
    work = wording.work_for(plan, step)
    counter, sample = _counter(step, engine, now)
    detail, is_phase = _detail(step, phase)
    side = shown_side(step, engine.reps)
    position, sets = (numbering or plan.set_number)(step)
    total = plan.total_seconds
    left = engine.session_remaining(now)
    return StepDisplay(
        kind=step.kind,
        kicker=wording.kicker(step),
        name=step.exercise.name,
        side=side,
        side_text=wording.side_word(side),
        counter=counter,
        counter_sample=sample,
        detail=detail,
        detail_is_phase=is_phase,
        round_text=wording.round_text(work),  # a rest belongs to the round it leads to
        next_text=next_line(plan, step),
        fraction=_fraction(step, engine, now),
        image_name=step.exercise.image_name,
        phase_number=phase_number(step, phase),
        target=wording.target_phrase(work),
        cues=step.exercise.cues,
        step_text=_("Step {position} of {sets}").format(position=position, sets=sets),
        time_left=_("{time} left").format(time=timefmt.clock(left)),
        overall_fraction=0.0 if total <= 0 else max(0.0, min(1.0, 1.0 - left / total)),
        paused=engine.state is SessionState.PAUSED,
    )


def seconds_to_next_change(engine: SessionEngine, now: float) -> float | None:
    """How long until a clock on screen shows a different second; ``None`` when time stands still.

    Both the step's countdown and the session's time left show the second they are
    in (rounded up), so each changes when it crosses a whole number.
    """
    if engine.state not in (SessionState.GET_READY, SessionState.RUNNING):
        return None
    step = engine.step
    clocks = []
    remaining = engine.remaining(now)
    if remaining is not None:
        clocks.append(remaining)
    if step.length is not None or engine.elapsed(now) < step.planned_seconds:
        # A self-paced set past its planned time leaves the session clock standing still.
        clocks.append(engine.session_remaining(now))
    delays = [value - (math.ceil(value - 1e-9) - 1) for value in clocks if value > 0]
    return min(delays, default=None)
