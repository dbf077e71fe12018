"""What the session engine reports as time passes or the user acts.

Every event carries ``due``: the moment (on the session's monotonic clock) it
was meant to happen. Comparing it with the time it was delivered gives lateness.
"""

from __future__ import annotations

from dataclasses import dataclass

from supple.core.model import Side
from supple.core.plan import Step


@dataclass(frozen=True, kw_only=True)
class Event:
    due: float


@dataclass(frozen=True, kw_only=True)
class StepStarted(Event):
    step: Step


@dataclass(frozen=True, kw_only=True)
class RepCounted(Event):
    """A repetition begins (paced) or the user counted one (self-paced)."""

    step: Step
    number: int
    phase: str
    side: Side


@dataclass(frozen=True, kw_only=True)
class PhaseChanged(Event):
    step: Step
    number: int
    phase: str
    phase_index: int


@dataclass(frozen=True, kw_only=True)
class Countdown(Event):
    step: Step
    remaining: int


@dataclass(frozen=True, kw_only=True)
class Halfway(Event):
    step: Step


@dataclass(frozen=True, kw_only=True)
class SideSwitch(Event):
    """A side-switch pause begins; ``step.side`` is the side to switch to."""

    step: Step


@dataclass(frozen=True, kw_only=True)
class RestStarted(Event):
    step: Step
    next_step: Step | None


@dataclass(frozen=True, kw_only=True)
class TargetChanged(Event):
    """The user changed the current step's reps or seconds."""

    step: Step


@dataclass(frozen=True)
class StepResult:
    step: Step
    reps_done: int | None
    seconds_done: float
    skipped: bool


@dataclass(frozen=True, kw_only=True)
class StepFinished(Event):
    result: StepResult


@dataclass(frozen=True, kw_only=True)
class Paused(Event):
    pass


@dataclass(frozen=True, kw_only=True)
class Resumed(Event):
    pass


@dataclass(frozen=True, kw_only=True)
class SessionFinished(Event):
    """The session ended: at the last step (``completed``) or stopped early."""

    completed: bool
    results: tuple[StepResult, ...]
