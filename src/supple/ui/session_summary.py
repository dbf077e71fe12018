"""The figures on the summary screen, from the plan and what the engine recorded.

Honest numbers: a set counts as much of the session as it was planned to take,
and only what was actually done counts toward it. Going back and repeating a set
adds its reps, but cannot make a set more than done.
"""

from __future__ import annotations

from dataclasses import dataclass

from supple.core.completion import completion, percent, set_work_done
from supple.core.events import StepResult
from supple.core.plan import Plan, Step


@dataclass(frozen=True)
class ExerciseLine:
    name: str
    counts_reps: bool
    reps_done: int
    reps_planned: int
    seconds_done: float
    seconds_planned: float
    sets_done: int
    sets_planned: int


@dataclass(frozen=True)
class SessionFigures:
    completed: bool
    """The session ran to its end (rather than being stopped early)."""
    active_seconds: float
    """Time spent in the session, pauses left out."""
    planned_seconds: float
    completion: float
    """Share of the planned work that was done, 0 to 1 (see ``core.completion``)."""
    reps_done: int
    sets_done: int
    sets_planned: int
    lines: tuple[ExerciseLine, ...]

    @property
    def completion_percent(self) -> int:
        return percent(self.completion)


def _work_done(result: StepResult) -> float:
    step = result.step
    return set_work_done(
        step.planned_seconds,
        step.target_reps if step.counts_reps else None,
        result.reps_done,
        result.seconds_done,
    )


def _share_done(result: StepResult) -> float:
    planned = result.step.planned_seconds
    return 1.0 if planned <= 0 else _work_done(result) / planned


@dataclass
class _Tally:
    name: str
    counts_reps: bool
    reps_done: int = 0
    reps_planned: int = 0
    seconds_done: float = 0.0
    seconds_planned: float = 0.0
    sets_done: int = 0
    sets_planned: int = 0

    def line(self) -> ExerciseLine:
        return ExerciseLine(
            self.name,
            self.counts_reps,
            self.reps_done,
            self.reps_planned,
            self.seconds_done,
            self.seconds_planned,
            self.sets_done,
            self.sets_planned,
        )


def summarize(plan: Plan, results: tuple[StepResult, ...], *, completed: bool) -> SessionFigures:
    work = [r for r in results if r.step.is_work]
    # The user may have changed a set's target; the last target they set is the plan.
    target_of: dict[int, Step] = {s.index: s for s in plan.work_steps}
    for result in work:
        target_of[result.step.index] = result.step
    best: dict[int, float] = {}
    for result in work:
        best[result.step.index] = max(best.get(result.step.index, 0.0), _share_done(result))

    tallies: dict[str, _Tally] = {}
    for step in target_of.values():
        tally = tallies.setdefault(step.exercise.id, _Tally(step.exercise.name, step.counts_reps))
        tally.reps_planned += step.target_reps or 0
        tally.seconds_planned += step.planned_seconds
        tally.sets_planned += 1
        tally.sets_done += best.get(step.index, 0.0) >= 1.0
    for result in work:
        tally = tallies[result.step.exercise.id]
        tally.reps_done += result.reps_done or 0
        tally.seconds_done += result.seconds_done

    # The work planned when the session started, as the history keeps it.
    planned_work = sum(s.planned_seconds for s in plan.work_steps)
    done_work = sum(target_of[i].planned_seconds * share for i, share in best.items())
    return SessionFigures(
        completed=completed,
        active_seconds=sum(r.seconds_done for r in results),
        planned_seconds=plan.total_seconds,
        completion=completion(done_work, planned_work),
        reps_done=sum(r.reps_done or 0 for r in work),
        sets_done=sum(1 for share in best.values() if share >= 1.0),
        sets_planned=len(target_of),
        lines=tuple(tally.line() for tally in tallies.values()),
    )
