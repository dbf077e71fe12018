"""What to play and say for each session event, so the user can follow by ear alone.

This is the policy, kept free of Qt and sound files so it can be checked against a
whole routine: every exercise is announced before it starts, every side switch and
rest is signalled, and spoken prompts are sized to finish before the next thing
needs the user's attention.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from supple.core.cue import Cue
from supple.core.events import (
    Countdown,
    Event,
    Halfway,
    PhaseChanged,
    RepCounted,
    RestStarted,
    SessionFinished,
    SideSwitch,
    StepFinished,
    StepStarted,
)
from supple.core.model import Side
from supple.core.plan import Step, StepKind

SECONDS_PER_WORD = 0.42
"""A deliberately slow estimate of speaking time (normal rate), so prompts end early."""
SPEECH_MARGIN = 0.8
"""Quiet time kept between the end of a prompt and the first pip of a countdown."""


class Priority(IntEnum):
    """Which spoken prompt wins when two would overlap; rep counts give way to everything."""

    COUNT = 1
    INFO = 2
    KEY = 3


@dataclass(frozen=True)
class Announcement:
    due: float
    cue: Cue | None = None
    speech: str = ""
    priority: Priority = Priority.INFO
    yields: bool = False
    """A beat or pip that is dropped rather than played over a word."""


def speaking_time(text: str) -> float:
    return len(text.split()) * SECONDS_PER_WORD


def side_phrase(side: Side) -> str:
    return {
        Side.LEFT: "left side",
        Side.RIGHT: "right side",
        Side.ALTERNATING: "alternating sides",
        Side.NONE: "",
    }[side]


def describe(step: Step) -> str:
    """``"Pelvic tilts, 20 reps"``: the exercise, its target and side, as a coach says it."""
    parts = [step.exercise.name]
    if step.counts_reps:
        parts.append(f"{step.target_reps} reps")
    elif step.target_seconds is not None:
        parts.append(spoken_seconds(step.target_seconds))
    if step.side is not Side.NONE:
        parts.append(side_phrase(step.side))
    return ", ".join(parts)


def spoken_seconds(seconds: float) -> str:
    whole = round(seconds)
    if whole >= 60 and whole % 60 == 0:
        minutes = whole // 60
        return "1 minute" if minutes == 1 else f"{minutes} minutes"
    return f"{whole} seconds"


def fitted(options: list[str], seconds: float) -> str:
    """The longest prompt that can be spoken in ``seconds``; empty if none fits."""
    return next((text for text in options if speaking_time(text) <= seconds), "")


@dataclass
class Announcer:
    voice: bool = True
    count_aloud: bool = False

    def __post_init__(self) -> None:
        self._announced: int | None = None  # index of the work step last introduced

    def on_event(self, event: Event) -> list[Announcement]:
        due = event.due
        if isinstance(event, StepStarted):
            return self._step_started(event.step, due)
        if isinstance(event, RestStarted):
            return self._rest(event, due)
        if isinstance(event, SideSwitch):
            return self._side_switch(event.step, due)
        if isinstance(event, RepCounted):
            return self._rep(event, due)
        if isinstance(event, PhaseChanged):
            return [Announcement(due, Cue.PHASE_DOWN, yields=True)]
        if isinstance(event, Countdown):
            pip = Cue.GET_READY_PIP if event.step.kind is StepKind.GET_READY else Cue.COUNTDOWN_PIP
            return [Announcement(due, pip, yields=True)]
        if isinstance(event, Halfway):
            return [Announcement(due, Cue.HALFWAY, self._say("Halfway"), Priority.INFO)]
        if isinstance(event, StepFinished):
            if event.result.step.is_work and not event.result.skipped:
                return [Announcement(due, Cue.EXERCISE_COMPLETE)]
            return []
        if isinstance(event, SessionFinished):
            text = "Session complete. Well done." if event.completed else "Session ended."
            return [Announcement(due, Cue.SESSION_COMPLETE, self._say(text), Priority.KEY)]
        return []

    def _say(self, text: str) -> str:
        return text if self.voice else ""

    def _step_started(self, step: Step, due: float) -> list[Announcement]:
        if step.kind is StepKind.GET_READY:
            # Pips under the prompt give way to it, so the whole get-ready is room to speak.
            room = (step.target_seconds or 0.0) - SPEECH_MARGIN
            text = fitted(
                [f"Get ready. {describe(step)}.", f"Get ready. {step.exercise.name}."], room
            )
            if text:
                self._announced = step.index + 1
            return [Announcement(due, None, self._say(text or "Get ready."), Priority.KEY)]
        if step.kind is not StepKind.WORK:
            return []
        if self._announced == step.index:
            return [Announcement(due, Cue.GO)]
        # Nothing came before this set to introduce it: name it as it starts.
        self._announced = step.index
        return [Announcement(due, Cue.GO, self._say(describe(step)), Priority.KEY)]

    def _rest(self, event: RestStarted, due: float) -> list[Announcement]:
        nxt = event.next_step
        rest = event.step.target_seconds or 0.0
        if nxt is None:
            return [Announcement(due, Cue.REST_START)]
        last_round = (
            " Last round."
            if nxt.rounds > 1 and nxt.round == nxt.rounds and event.step.round != nxt.round
            else ""
        )
        # Best: the whole prompt before the 3-2-1. In a short rest, naming what comes
        # next matters more than the pips, which give way to the voice.
        text = fitted(
            [
                f"Rest, {spoken_seconds(rest)}.{last_round} Next: {describe(nxt)}.",
                f"Rest.{last_round} Next: {describe(nxt)}.",
            ],
            rest - 3 - SPEECH_MARGIN,
        ) or fitted(
            [f"Next: {describe(nxt)}.", f"Next: {nxt.exercise.name}."], rest - SPEECH_MARGIN
        )
        if text:
            self._announced = nxt.index
        return [Announcement(due, Cue.REST_START, self._say(text), Priority.KEY)]

    def _side_switch(self, step: Step, due: float) -> list[Announcement]:
        self._announced = step.index + 1
        text = fitted(
            [f"Switch sides. {side_phrase(step.side).capitalize()}.", "Switch sides."],
            max((step.target_seconds or 0.0) - 1, 1.0),
        )
        return [Announcement(due, Cue.SIDE_SWITCH, self._say(text), Priority.KEY)]

    def _rep(self, event: RepCounted, due: float) -> list[Announcement]:
        step = event.step
        cue = Cue.PHASE_UP if len(step.phases) > 1 else Cue.REP_TICK
        if self.voice and self.count_aloud:
            return [Announcement(due, cue, str(event.number), Priority.COUNT, yields=True)]
        return [Announcement(due, cue, yields=True)]
