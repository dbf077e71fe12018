"""The session engine: a state machine that keeps a plan's time, with the clock passed in.

Deadlines are always ``step origin + offset``, where the origin is the moment
the step began shifted by the time spent paused. A step that ends on time hands
its exact end (not the moment the end was noticed) to the next step as its
origin, so late wake-ups never add up: a session of any length drifts by zero.
"""

from __future__ import annotations

import math
from enum import StrEnum

from supple.core.events import (
    Countdown,
    Event,
    Halfway,
    Paused,
    PhaseChanged,
    RepCounted,
    RestStarted,
    Resumed,
    SessionFinished,
    SideSwitch,
    StepFinished,
    StepResult,
    StepStarted,
    TargetChanged,
)
from supple.core.plan import CueMark, MarkKind, Plan, Step, StepKind
from supple.core.routine_file import REPS_RANGE, SECONDS_RANGE

SECONDS_PER_ADJUST = 5
"""How many seconds one press of + or - adds to a timed step or a rest."""


class SessionState(StrEnum):
    READY = "ready"
    GET_READY = "get_ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


ACTIVE = (SessionState.GET_READY, SessionState.RUNNING)


class SessionEngine:
    def __init__(self, plan: Plan) -> None:
        if not plan.steps:
            raise ValueError("a plan needs at least one step")
        self.plan = plan
        self.state = SessionState.READY
        self.results: list[StepResult] = []
        self._index = 0
        self._step = plan.steps[0]
        self._origin = 0.0
        self._next_mark = 0
        self._reps = 0
        self._paused_at: float | None = None
        self._resume_state = SessionState.RUNNING
        self.started_at: float | None = None
        self.paused_total = 0.0

    # --- what the player shows -------------------------------------------------

    @property
    def step(self) -> Step:
        """The current step, with any target the user adjusted."""
        return self._step

    @property
    def index(self) -> int:
        return self._index

    @property
    def reps(self) -> int:
        """Paced: the repetition in progress. Self-paced: repetitions the user counted."""
        return self._reps

    @property
    def is_over(self) -> bool:
        return self.state in (SessionState.FINISHED, SessionState.STOPPED)

    def _clock(self, now: float) -> float:
        return self._paused_at if self._paused_at is not None else now

    def elapsed(self, now: float) -> float:
        """Active seconds spent in the current step."""
        if self.state is SessionState.READY:
            return 0.0
        return max(0.0, self._clock(now) - self._origin)

    def remaining(self, now: float) -> float | None:
        """Seconds left in the current step; ``None`` for a self-paced set."""
        length = self._step.length
        return None if length is None else max(0.0, length - self.elapsed(now))

    def session_remaining(self, now: float) -> float:
        """Planned seconds left in the whole session."""
        here = self.remaining(now)
        if here is None:
            here = max(0.0, self._step.planned_seconds - self.elapsed(now))
        return here + self.plan.seconds_after(self._index)

    def next_deadline(self) -> float | None:
        """When ``advance`` next has something to report; ``None`` if nothing is scheduled."""
        if self.state not in ACTIVE:
            return None
        candidates = []
        marks = self._step.marks
        if self._next_mark < len(marks):
            candidates.append(self._origin + marks[self._next_mark].offset)
        if self._step.length is not None:
            candidates.append(self._origin + self._step.length)
        return min(candidates, default=None)

    # --- time passing ----------------------------------------------------------

    def advance(self, now: float) -> list[Event]:
        """Report everything that fell due up to ``now``, in order."""
        events: list[Event] = []
        while self.state in ACTIVE:
            length = self._step.length
            end = math.inf if length is None else self._origin + length
            marks = self._step.marks
            if self._next_mark < len(marks):
                mark = marks[self._next_mark]
                due = self._origin + mark.offset
                if due <= now and due < end:
                    self._next_mark += 1
                    events.append(self._mark_event(mark, due))
                    continue
            if end <= now:
                events += self._finish_step(end, skipped=False, reps=self._step.target_reps)
                events += self._enter(self._index + 1, end)
                continue
            break
        return events

    def _mark_event(self, mark: CueMark, due: float) -> Event:
        step = self._step
        if mark.kind is MarkKind.REP:
            self._reps = mark.rep
            return RepCounted(due=due, step=step, number=mark.rep, phase=mark.phase, side=mark.side)
        if mark.kind is MarkKind.PHASE:
            return PhaseChanged(
                due=due, step=step, number=mark.rep, phase=mark.phase, phase_index=mark.phase_index
            )
        if mark.kind is MarkKind.HALFWAY:
            return Halfway(due=due, step=step)
        return Countdown(due=due, step=step, remaining=mark.count)

    def _enter(self, index: int, origin: float) -> list[Event]:
        if index >= len(self.plan.steps):
            self.state = SessionState.FINISHED
            return [SessionFinished(due=origin, completed=True, results=tuple(self.results))]
        self._index = index
        self._step = self.plan.steps[index]
        self._origin = origin
        self._next_mark = 0
        self._reps = 0
        self.state = (
            SessionState.GET_READY
            if self._step.kind is StepKind.GET_READY
            else SessionState.RUNNING
        )
        events: list[Event] = [StepStarted(due=origin, step=self._step)]
        if self._step.kind is StepKind.REST:
            events.append(
                RestStarted(due=origin, step=self._step, next_step=self.plan.next_work(index))
            )
        elif self._step.kind is StepKind.SIDE_SWITCH:
            events.append(SideSwitch(due=origin, step=self._step))
        return events

    def _finish_step(self, at: float, *, skipped: bool, reps: int | None) -> list[Event]:
        result = StepResult(
            step=self._step,
            reps_done=reps if self._step.counts_reps else None,
            seconds_done=max(0.0, at - self._origin),
            skipped=skipped,
        )
        self.results.append(result)
        return [StepFinished(due=at, result=result)]

    def _completed_reps(self, now: float) -> int:
        """Repetitions fully done so far in the current set."""
        if self._step.self_paced:
            return self._reps
        return min(self._step.target_reps or 0, int(self.elapsed(now) / self._step.tempo + 1e-9))

    # --- the user's actions ----------------------------------------------------

    def start(self, now: float) -> list[Event]:
        if self.state is not SessionState.READY:
            return []
        self.started_at = now
        return self._enter(0, now) + self.advance(now)

    def pause(self, now: float) -> list[Event]:
        events = self.advance(now)
        if self.state not in ACTIVE:
            return events
        self._resume_state = self.state
        self._paused_at = now
        self.state = SessionState.PAUSED
        return [*events, Paused(due=now)]

    def resume(self, now: float) -> list[Event]:
        if self.state is not SessionState.PAUSED or self._paused_at is None:
            return []
        paused_for = max(0.0, now - self._paused_at)
        self._origin += paused_for
        self.paused_total += paused_for
        self._paused_at = None
        self.state = self._resume_state
        return [Resumed(due=now), *self.advance(now)]

    def toggle_pause(self, now: float) -> list[Event]:
        if self.state is SessionState.PAUSED:
            return self.resume(now)
        return self.pause(now)

    def _jump(self, now: float, index: int, *, skipped: bool, reps: int | None) -> list[Event]:
        """Leave the current step now (its time so far is kept) and start ``index``."""
        was_paused = self.state is SessionState.PAUSED
        at = self._clock(now)
        events = self._finish_step(at, skipped=skipped, reps=reps)
        if was_paused:
            # The new step starts paused, at the moment of the press.
            self._paused_at = now
            events += self._enter(index, now)
            if self.is_over:
                self._paused_at = None
            else:
                self._resume_state = self.state
                self.state = SessionState.PAUSED
            return events
        return events + self._enter(index, now) + self.advance(now)

    def skip(self, now: float) -> list[Event]:
        events = self.advance(now)
        if self.state not in (*ACTIVE, SessionState.PAUSED):
            return events
        return events + self._jump(
            now, self._index + 1, skipped=True, reps=self._completed_reps(now)
        )

    def back(self, now: float) -> list[Event]:
        """Back to the previous work step (from a rest: the one just done).

        At the first work step there is nothing earlier, so it starts again."""
        events = self.advance(now)
        if self.state not in (*ACTIVE, SessionState.PAUSED):
            return events
        earlier = [s.index for s in self.plan.steps[: self._index] if s.is_work]
        target = earlier[-1] if earlier else self._index
        return events + self._jump(now, target, skipped=True, reps=self._completed_reps(now))

    def count_rep(self, now: float) -> list[Event]:
        """The user did one repetition of a self-paced set."""
        events = self.advance(now)
        step = self._step
        if self.state is not SessionState.RUNNING or not (step.counts_reps and step.self_paced):
            return events
        self._reps += 1
        events.append(
            RepCounted(
                due=now, step=step, number=self._reps, phase="", side=step.rep_side(self._reps)
            )
        )
        if self._reps >= (step.target_reps or 0):
            events += self._finish_step(now, skipped=False, reps=self._reps)
            events += self._enter(self._index + 1, now) + self.advance(now)
        return events

    def finish_set(self, now: float) -> list[Event]:
        """The user says the set is done (or the rest is over) and moves on."""
        events = self.advance(now)
        if self.state not in ACTIVE:
            return events
        step = self._step
        if not step.is_work:
            return events + self._jump(now, self._index + 1, skipped=False, reps=None)
        if step.self_paced:
            reps = self._reps or step.target_reps
        elif step.counts_reps:
            reps = self._reps
        else:
            reps = None
        events += self._finish_step(now, skipped=False, reps=reps)
        return events + self._enter(self._index + 1, now) + self.advance(now)

    def adjust_target(self, delta: int, now: float) -> list[Event]:
        """``+``/``-``: one more or fewer rep, or five more or fewer seconds.

        The target never drops below the repetition in progress (paced), so the set
        ends when that repetition does. In a self-paced set, lowering the target to the
        repetitions already counted means the set is done: it finishes now, at that count.
        """
        events = self.advance(now)
        if self.state not in (*ACTIVE, SessionState.PAUSED) or delta == 0:
            return events
        step = self._step
        if step.counts_reps:
            low = max(REPS_RANGE[0], self._reps)
            reps = min(REPS_RANGE[1], max(low, (step.target_reps or 0) + delta))
            new = step.with_target(reps=reps)
            if step.self_paced and self._reps > 0 and reps <= self._reps:
                self._step = new
                events.append(TargetChanged(due=now, step=new))
                return events + self._jump(now, self._index + 1, skipped=False, reps=self._reps)
        else:
            low = math.floor(self.elapsed(now)) + 1
            seconds = (step.target_seconds or 0.0) + delta * SECONDS_PER_ADJUST
            new = step.with_target(seconds=float(min(SECONDS_RANGE[1], max(low, seconds))))
        if new == step:
            return events
        self._step = new
        clock = self._clock(now)
        self._next_mark = sum(1 for m in new.marks if self._origin + m.offset <= clock)
        return [*events, TargetChanged(due=now, step=new)]

    def stop(self, now: float) -> list[Event]:
        """End early; what was done so far is kept."""
        events = self.advance(now)
        if self.is_over or self.state is SessionState.READY:
            return events
        at = self._clock(now)
        events += self._finish_step(at, skipped=True, reps=self._completed_reps(now))
        self._paused_at = None
        self.state = SessionState.STOPPED
        return [*events, SessionFinished(due=now, completed=False, results=tuple(self.results))]
