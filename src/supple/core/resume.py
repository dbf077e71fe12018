"""Carrying on a session that was cut short (a crash, a flat battery).

Pure planning, so the session controller, the recorder and the tests agree on one
answer: which session is worth offering, the routine it ran (read back from the
snapshot stored with it, so later edits never shift its steps), and the rest of
its plan with the mapping from the new plan's steps back to the stored ones.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from supple.core import routine_file
from supple.core.catalog import builtin_exercises
from supple.core.model import Exercise, Routine
from supple.core.plan import Plan, Step, StepKind
from supple.core.problems import RoutineFileError

if TYPE_CHECKING:  # the engine's events load with the first session, not at start-up
    from supple.core.events import StepResult

__all__ = [
    "RESUME_WITHIN",
    "DoneStep",
    "ResumePlan",
    "Resumption",
    "resume_plan",
    "routine_from_snapshot",
    "worth_resuming",
]

_log = logging.getLogger(__name__)

RESUME_WITHIN = timedelta(hours=12)
"""An interrupted session older than this is kept as partial without asking: a warm-up
from yesterday (or one imported from another computer) is not something to carry on."""


def worth_resuming(started_at: datetime, now: datetime) -> bool:
    """Whether a session that started at ``started_at`` is recent enough to offer."""
    return started_at >= now - RESUME_WITHIN


@dataclass(frozen=True)
class DoneStep:
    """A step the interrupted session had finished, as the history holds it."""

    index: int
    reps: int | None
    seconds: float
    skipped: bool


@dataclass(frozen=True)
class Resumption:
    """What the user chose to carry on: the stored session and where it stopped."""

    session_uuid: str
    next_index: int
    """The first plan step that was not recorded."""
    tightness_before: int | None = None
    """The check-in stored with it, so the check-out compares with the real "before"."""
    done: tuple[DoneStep, ...] = ()
    """What was recorded before it stopped: with the rest, one summary of one session."""
    carried_reps: int = 0
    """Reps counted in the set at ``next_index`` before it stopped: the resumed set is
    the rest of it, and they count toward it."""

    def earlier_results(self, whole: Plan) -> tuple[StepResult, ...]:
        """The recorded steps as the engine reports results, on ``whole``'s steps."""
        from supple.core.events import StepResult

        return tuple(
            StepResult(whole.steps[d.index], d.reps, d.seconds, d.skipped)
            for d in self.done
            if 0 <= d.index < len(whole.steps)
        )


@dataclass(frozen=True)
class ResumePlan:
    """The rest of an interrupted session's plan, ready for a driver.

    ``plan`` starts at 0 like any plan; step ``i`` of it is step
    ``i + index_offset`` of the stored session. A get-ready added in front
    (``lead`` = 1) is not part of the stored session and is not recorded.
    """

    plan: Plan
    index_offset: int
    lead: int

    def stored_index(self, step: Step) -> int | None:
        if step.index < self.lead:
            return None
        return step.index + self.index_offset


def resume_plan(
    plan: Plan,
    from_index: int,
    get_ready_seconds: float | None = None,
    *,
    carried_reps: int = 0,
) -> ResumePlan:
    """``plan`` from step ``from_index`` on, numbered from 0, with a get-ready in front.

    The get-ready is added when the first remaining step is work (after a rest or a
    side switch there is time to get in position already); its length is the
    plan's own get-ready, or ``get_ready_seconds``. ``carried_reps`` already counted
    in a rep set at ``from_index`` leave the rest of it (at least one rep) to do.
    """
    if not 0 <= from_index < len(plan.steps):
        raise ValueError(f"a plan of {len(plan.steps)} steps cannot resume at step {from_index}")
    rest = list(plan.steps[from_index:])
    first = rest[0]
    if carried_reps > 0 and first.counts_reps and first.target_reps:
        rest[0] = replace(first, target_reps=max(1, first.target_reps - carried_reps))
    elif from_index == 0:
        return ResumePlan(plan, 0, 0)
    if get_ready_seconds is None:
        first = plan.steps[0]
        get_ready_seconds = first.target_seconds if first.kind is StepKind.GET_READY else 0.0
    lead = 0
    if rest[0].is_work and get_ready_seconds and get_ready_seconds > 0:
        ready = replace(
            rest[0],
            kind=StepKind.GET_READY,
            target_reps=None,
            target_seconds=float(get_ready_seconds),
            self_paced=False,
        )
        rest.insert(0, ready)
        lead = 1
    steps = tuple(replace(step, index=i) for i, step in enumerate(rest))
    return ResumePlan(replace(plan, steps=steps), from_index - lead, lead)


def routine_from_snapshot(
    snapshot: str, exercises: Mapping[str, Exercise] | None = None
) -> Routine | None:
    """The routine a session ran, read back from its stored snapshot; None if unreadable."""
    if not snapshot.strip():
        return None
    try:
        return routine_file.loads(snapshot, "the stored routine", exercises or builtin_exercises())
    except RoutineFileError:
        _log.warning("A stored routine snapshot could not be read", exc_info=True)
        return None
