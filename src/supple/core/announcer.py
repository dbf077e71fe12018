"""What to play and say for each session event, so the user can follow by ear alone.

This is the policy, kept free of Qt and sound files so it can be checked against a
whole routine: every exercise is announced before it starts, every side switch and
rest is signalled, and spoken prompts are sized to finish before the next thing
needs the user's attention. How long a prompt takes comes from a ``PromptLength``
(the voice's own measure, in ``supple.qt.prompt_lengths``); a prompt that does not fit
its time takes a shorter wording, or waits for the set's start, and no countdown pip,
side switch or step start ever gives way to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import IntEnum
from typing import Protocol

from supple.core.cue import Cue
from supple.core.engine import SessionEngine
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
from supple.core.i18n import _, ngettext
from supple.core.model import Side
from supple.core.plan import MarkKind, Plan, Step, StepKind

SECONDS_PER_WORD = 0.5
"""A deliberately slow guess at speaking time (normal rate), used until the voice's own
length of a prompt is known, so that a guessed prompt ends early rather than late."""
SPEECH_MARGIN = 0.4
"""Quiet time kept between the end of a prompt and the next cue that must be heard clear
(a countdown pip, the halfway call, the next step): the engine's start-up and a breath."""
SELF_PACED_ROOM = 10.0
"""Room assumed in a set the user ends by hand: it lasts at least this long."""
TOLERANCE = 1e-6
"""Lengths are sums of floats: 4.2000000000000002 s fits in 4.2 s."""


class PromptLength(Protocol):
    """How long the voice in use takes to say a text, in seconds (measured, or a guess)."""

    def seconds(self, text: str) -> float: ...


class WordRate:
    """The fallback guess: the same time for every word."""

    def __init__(self, seconds_per_word: float = SECONDS_PER_WORD) -> None:
        self.seconds_per_word = seconds_per_word

    def seconds(self, text: str) -> float:
        return len(text.split()) * self.seconds_per_word


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
    """A beat that is dropped rather than played over a word (pips never are)."""
    speech_seconds: float = 0.0
    """How long ``speech`` is expected to take, as the announcer fitted it."""


def speaking_time(text: str) -> float:
    """The fallback guess (:class:`WordRate`) for ``text``."""
    return WordRate().seconds(text)


def side_phrase(side: Side) -> str:
    return {
        Side.LEFT: _("left side"),
        Side.RIGHT: _("right side"),
        Side.ALTERNATING: _("alternating sides"),
        Side.NONE: "",
    }[side]


def side_word(side: Side) -> str:
    """The side said on each rep of an alternating set: ``left``, ``right``."""
    return {Side.LEFT: _("left"), Side.RIGHT: _("right")}.get(side, "")


def target_phrase(step: Step) -> str:
    """``"20 reps"``, ``"45 seconds"``; empty for a step with neither."""
    if step.counts_reps:
        reps = step.target_reps or 0
        return ngettext("{n} rep", "{n} reps", reps).format(n=reps)
    if step.is_work and step.target_seconds is not None:
        return spoken_seconds(step.target_seconds)
    return ""


def describe(step: Step) -> str:
    """``"Pelvic tilts, 20 reps"``: the exercise, its target and side, as a coach says it."""
    return ", ".join(part for part in (step.exercise.name, *details(step)) if part)


def details(step: Step) -> tuple[str, str]:
    """What a set asks besides the exercise: its target and its side (either may be empty)."""
    return target_phrase(step), side_phrase(step.side)


def spoken_seconds(seconds: float) -> str:
    whole = round(seconds)
    if whole >= 60 and whole % 60 == 0:
        minutes = whole // 60
        return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)
    return ngettext("{n} second", "{n} seconds", whole).format(n=whole)


def quiet_until(step: Step, offset: float = 0.0) -> float:
    """Seconds from ``offset`` into ``step`` until the next cue that must be heard clear:
    a countdown pip, the halfway call, or the step's end (beats give way to words)."""
    for mark in step.marks:
        if mark.offset > offset + TOLERANCE and mark.kind in (MarkKind.COUNTDOWN, MarkKind.HALFWAY):
            return mark.offset - offset
    length = step.length if step.length is not None else max(SELF_PACED_ROOM, offset)
    return length - offset


@dataclass
class Announcer:
    voice: bool = True
    count_aloud: bool = False
    lengths: PromptLength = field(default_factory=WordRate)
    side_each_rep: bool = True
    """Say "left" / "right" on each rep of an alternating set."""
    phase_words: bool = True
    """Say a two-phase movement's phase words ("tilt back") where the tempo leaves room."""
    plan: Plan | None = None
    """The session's plan: the get-ready names the first set's target from it."""

    def __post_init__(self) -> None:
        self._announced: int | None = None  # index of the work step last introduced
        self._named: int | None = None  # ... or only named, its target and side still unsaid

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
            return self._phase(event, due)
        if isinstance(event, Countdown):
            pip = Cue.GET_READY_PIP if event.step.kind is StepKind.GET_READY else Cue.COUNTDOWN_PIP
            return [Announcement(due, pip)]
        if isinstance(event, Halfway):
            room = quiet_until(event.step, (event.step.length or 0.0) / 2)
            return [self._fitted(due, Cue.HALFWAY, [_("Halfway")], room, Priority.INFO)]
        if isinstance(event, StepFinished):
            if event.result.step.is_work and not event.result.skipped:
                return [Announcement(due, Cue.EXERCISE_COMPLETE)]
            return []
        if isinstance(event, SessionFinished):
            text = _("Session complete. Well done.") if event.completed else _("Session ended.")
            return [self._fitted(due, Cue.SESSION_COMPLETE, [text], float("inf"), Priority.KEY)]
        return []

    def fitted(self, options: list[str], seconds: float) -> str:
        """The first (fullest) wording the voice can say in ``seconds``; empty if none fits."""
        return next(
            (text for text in options if self.lengths.seconds(text) <= seconds + TOLERANCE), ""
        )

    def prompts(self, plan: Plan) -> list[str]:
        """Every wording this announcer may try in ``plan``, in the order it may need them,
        so their lengths can be measured before the session reaches them."""
        tried: dict[str, None] = {}
        probe = _Probe(tried)
        dry = Announcer(
            voice=True,
            count_aloud=self.count_aloud,
            lengths=probe,
            side_each_rep=self.side_each_rep,
            phase_words=self.phase_words,
            plan=plan,
        )
        engine = SessionEngine(plan)
        for event in engine.start(0.0):
            dry.on_event(event)
        while (deadline := engine.next_deadline()) is not None:
            for event in engine.advance(deadline):
                dry.on_event(event)
        return list(tried)

    def _fitted(
        self, due: float, cue: Cue | None, options: list[str], room: float, priority: Priority
    ) -> Announcement:
        text = self.fitted(options, room - SPEECH_MARGIN) if self.voice else ""
        seconds = self.lengths.seconds(text) if text else 0.0
        return Announcement(due, cue, text, priority, speech_seconds=seconds)

    def _step_started(self, step: Step, due: float) -> list[Announcement]:
        if step.kind is StepKind.GET_READY:
            return [self._get_ready(step, due)]
        if step.kind is not StepKind.WORK:
            return []
        if self._announced == step.index:
            return [Announcement(due, Cue.GO)]
        # Nothing before this set said all of it: say what is missing as it starts.
        name = step.exercise.name
        said_name = self._named == step.index
        rest = ", ".join(part for part in details(step) if part)
        options = [rest] if said_name else [describe(step), name]
        if isinstance(self.lengths, _Probe):
            # A dry run says nothing, so what a real session said before is not known:
            # the set's target and side alone are tried too.
            options.append(rest)
        self._announced = step.index
        return [
            self._fitted(due, Cue.GO, [o for o in options if o], quiet_until(step), Priority.KEY)
        ]

    def _get_ready(self, step: Step, due: float) -> Announcement:
        """Name the first set, its target and side, before the get-ready's pips."""
        first = self.plan.next_work(step.index) if self.plan is not None else None
        whole = describe(first) if first is not None else describe(step)
        name = step.exercise.name
        options = [
            _("Get ready. {what}.").format(what=whole),
            _("{what}.").format(what=whole),
            _("Get ready. {what}.").format(what=name),
            _("{what}.").format(what=name),
        ]
        announcement = self._fitted(due, None, options, quiet_until(step), Priority.KEY)
        self._note_said(announcement.speech, whole, first.index if first else step.index + 1)
        return announcement

    def _rest(self, event: RestStarted, due: float) -> list[Announcement]:
        nxt = event.next_step
        rest = event.step.target_seconds or 0.0
        if nxt is None:
            return [Announcement(due, Cue.REST_START)]
        last_round = (
            " " + _("Last round.")
            if nxt.rounds > 1 and nxt.round == nxt.rounds and event.step.round != nxt.round
            else ""
        )
        whole, name = describe(nxt), nxt.exercise.name
        # The whole prompt before the 3-2-1; shorter ones when the rest is short. What is
        # not said here, the set says as it starts.
        options = [
            _("Rest, {length}.{last_round} Next: {what}.").format(
                length=spoken_seconds(rest), last_round=last_round, what=whole
            ),
            _("Rest.{last_round} Next: {what}.").format(last_round=last_round, what=whole),
            _("Next: {what}.").format(what=whole),
            _("Next: {what}.").format(what=name),
        ]
        announcement = self._fitted(
            due, Cue.REST_START, options, quiet_until(event.step), Priority.KEY
        )
        self._note_said(announcement.speech, whole, nxt.index)
        return [announcement]

    def _note_said(self, said: str, whole: str, index: int) -> None:
        """Remember whether a set was introduced in full, or only named."""
        if whole in said:
            self._announced = index
        elif said:
            self._named = index

    def _side_switch(self, step: Step, due: float) -> list[Announcement]:
        phrase = side_phrase(step.side)
        side = f"{phrase[:1].upper()}{phrase[1:]}."
        options = [_("Switch sides. {side}").format(side=side), side]
        announcement = self._fitted(due, Cue.SIDE_SWITCH, options, quiet_until(step), Priority.KEY)
        # The same exercise: once its side is said, the set needs no introduction.
        self._note_said(announcement.speech, side, step.index + 1)
        if not announcement.speech:
            self._named = step.index + 1
        return [announcement]

    def _rep(self, event: RepCounted, due: float) -> list[Announcement]:
        step = event.step
        cue = Cue.PHASE_UP if len(step.phases) > 1 else Cue.REP_TICK
        count = str(event.number) if self.count_aloud else ""
        side = side_word(event.side) if self.side_each_rep and step.side is Side.ALTERNATING else ""
        return [self._beat(event, cue, due, [count, side, self._phase_word(event.phase)])]

    def _phase(self, event: PhaseChanged, due: float) -> list[Announcement]:
        return [self._beat(event, Cue.PHASE_DOWN, due, [self._phase_word(event.phase)])]

    def _phase_word(self, phase: str) -> str:
        return phase if self.phase_words else ""

    def _beat(
        self, event: RepCounted | PhaseChanged, cue: Cue, due: float, parts: list[str]
    ) -> Announcement:
        """A beat, with the words it carries where they fit before the next beat: the
        count and side first, the phase word only when the tempo leaves room."""
        step = event.step
        share = step.tempo / max(1, len(step.phases))
        words = [p for p in parts if p]
        options = list(dict.fromkeys(", ".join(words[:n]) for n in range(len(words), 0, -1)))
        announcement = self._fitted(due, cue, options, share, Priority.COUNT)
        return replace(announcement, yields=True)


class _Probe:
    """Lengths for a dry run: notes each wording tried, and says none fits, so that every
    wording of every prompt is tried."""

    def __init__(self, tried: dict[str, None]) -> None:
        self._tried = tried

    def seconds(self, text: str) -> float:
        self._tried.setdefault(text, None)
        return float("inf")
