"""Compiling a routine into a plan: the flat, timed list of steps a session walks through.

Everything a player needs to know ahead of time lives in the plan, including
the moments at which to sound a cue, so the engine only has to keep time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property

from supple.core.library import exercises_for
from supple.core.model import Exercise, Kind, Routine, Side, Sides, resolve

COUNTDOWN_FROM = 3
HALFWAY_MIN_SECONDS = 20


class StepKind(StrEnum):
    GET_READY = "get_ready"
    WORK = "work"
    SIDE_SWITCH = "side_switch"
    REST = "rest"


class MarkKind(StrEnum):
    REP = "rep"
    """The start of a paced repetition (its first phase)."""
    PHASE = "phase"
    """A later phase of the same repetition, e.g. "tilt back"."""
    COUNTDOWN = "countdown"
    HALFWAY = "halfway"


@dataclass(frozen=True)
class CueMark:
    """Something to announce ``offset`` seconds after its step starts."""

    offset: float
    kind: MarkKind
    rep: int = 0
    phase: str = ""
    phase_index: int = 0
    side: Side = Side.NONE
    count: int = 0


@dataclass(frozen=True)
class Step:
    """One thing the user does for a while.

    For get-ready, side-switch and rest steps, ``exercise`` and ``side`` describe
    the work that comes next, which is what those screens show.
    """

    index: int
    kind: StepKind
    exercise: Exercise
    side: Side
    block: str
    block_index: int
    round: int
    rounds: int
    target_reps: int | None
    target_seconds: float | None
    tempo: float
    phases: tuple[str, ...]
    self_paced: bool

    @property
    def is_work(self) -> bool:
        return self.kind is StepKind.WORK

    @property
    def counts_reps(self) -> bool:
        return self.is_work and self.target_reps is not None

    @property
    def length(self) -> float | None:
        """Seconds until the step ends by itself; ``None`` when the user ends it."""
        if self.counts_reps:
            assert self.target_reps is not None
            return None if self.self_paced else self.target_reps * self.tempo
        return self.target_seconds

    @property
    def planned_seconds(self) -> float:
        """Expected duration, also for self-paced sets (reps at the exercise's tempo)."""
        if self.counts_reps:
            assert self.target_reps is not None
            return self.target_reps * self.tempo
        return self.target_seconds or 0.0

    def with_target(self, reps: int | None = None, seconds: float | None = None) -> Step:
        return replace(
            self,
            target_reps=reps if reps is not None else self.target_reps,
            target_seconds=seconds if seconds is not None else self.target_seconds,
        )

    def rep_side(self, rep: int) -> Side:
        """Alternating sets start on the left."""
        if self.side is not Side.ALTERNATING:
            return self.side
        return Side.LEFT if rep % 2 == 1 else Side.RIGHT

    @cached_property
    def marks(self) -> tuple[CueMark, ...]:
        marks: list[CueMark] = []
        if self.counts_reps:
            if not self.self_paced:
                assert self.target_reps is not None
                phases = self.phases or ("",)
                share = self.tempo / len(phases)
                for rep in range(1, self.target_reps + 1):
                    start = (rep - 1) * self.tempo
                    for i, phase in enumerate(phases):
                        marks.append(
                            CueMark(
                                offset=start + i * share,
                                kind=MarkKind.REP if i == 0 else MarkKind.PHASE,
                                rep=rep,
                                phase=phase,
                                phase_index=i,
                                side=self.rep_side(rep),
                            )
                        )
            return tuple(marks)
        length = self.length or 0.0
        if self.is_work and length >= HALFWAY_MIN_SECONDS:
            marks.append(CueMark(offset=length / 2, kind=MarkKind.HALFWAY))
        for count in range(COUNTDOWN_FROM, 0, -1):
            offset = length - count
            if offset > 0:
                marks.append(CueMark(offset=offset, kind=MarkKind.COUNTDOWN, count=count))
        marks.sort(key=lambda m: m.offset)
        return tuple(marks)


@dataclass(frozen=True)
class Plan:
    routine_id: str
    routine_name: str
    steps: tuple[Step, ...]

    @property
    def total_seconds(self) -> float:
        return math.fsum(s.planned_seconds for s in self.steps)

    @property
    def work_steps(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.is_work)

    def set_number(self, step: Step) -> tuple[int, int]:
        """Which set ``step`` is or leads to, counted from 1, and how many sets there are."""
        work = self.work_steps
        number = next((n for n, s in enumerate(work, start=1) if s.index >= step.index), len(work))
        return number, len(work)

    def next_work(self, index: int) -> Step | None:
        """The first work step after ``index``."""
        return next((s for s in self.steps[index + 1 :] if s.is_work), None)

    def seconds_after(self, index: int) -> float:
        """Planned seconds of every step after ``index``."""
        return math.fsum(s.planned_seconds for s in self.steps[index + 1 :])


def compile_plan(routine: Routine, exercises: Mapping[str, Exercise] | None = None) -> Plan:
    """Turn blocks, rounds, sides and rests into one list of steps."""
    known = exercises if exercises is not None else exercises_for(routine)
    raw: list[Step] = []

    def add(kind: StepKind, exercise: Exercise, side: Side, **fields: object) -> None:
        base = {
            "block": "",
            "block_index": 0,
            "round": 1,
            "rounds": 1,
            "target_reps": None,
            "target_seconds": None,
            "tempo": exercise.tempo,
            "phases": (),
            "self_paced": False,
        }
        base.update(fields)
        raw.append(Step(index=len(raw), kind=kind, exercise=exercise, side=side, **base))  # type: ignore[arg-type]  # fields are checked by the keys above

    for block_index, block in enumerate(routine.blocks):
        last_block = block_index == len(routine.blocks) - 1
        for round_no in range(1, block.rounds + 1):
            for entry_index, entry in enumerate(block.entries):
                res = resolve(entry, known[entry.exercise], block)
                where = {
                    "block": block.name,
                    "block_index": block_index,
                    "round": round_no,
                    "rounds": block.rounds,
                }
                sides = {
                    Sides.EACH: (Side.LEFT, Side.RIGHT),
                    Sides.ALTERNATE: (Side.ALTERNATING,),
                    Sides.NONE: (Side.NONE,),
                }[res.sides]
                for side_no, side in enumerate(sides):
                    if side_no > 0 and routine.side_switch_seconds > 0:
                        add(
                            StepKind.SIDE_SWITCH,
                            res.exercise,
                            side,
                            target_seconds=float(routine.side_switch_seconds),
                            **where,
                        )
                    add(
                        StepKind.WORK,
                        res.exercise,
                        side,
                        target_reps=res.reps if res.exercise.kind is Kind.REPS else None,
                        target_seconds=float(res.seconds) if res.seconds is not None else None,
                        tempo=res.tempo,
                        phases=res.exercise.phases,
                        self_paced=res.self_paced,
                        **where,
                    )
                last_entry = entry_index == len(block.entries) - 1
                if last_entry and round_no == block.rounds and last_block:
                    continue
                rest = (
                    block.rest_between_rounds
                    if last_entry and round_no < block.rounds
                    else res.rest_after
                )
                if rest > 0:
                    add(StepKind.REST, res.exercise, Side.NONE, target_seconds=float(rest), **where)

    if raw and routine.get_ready_seconds > 0:
        first = raw[0]
        raw.insert(
            0,
            replace(
                first,
                kind=StepKind.GET_READY,
                target_reps=None,
                target_seconds=float(routine.get_ready_seconds),
                self_paced=False,
            ),
        )
    # Non-work steps show the work that follows them.
    steps: list[Step] = []
    for index, step in enumerate(raw):
        if not step.is_work:
            upcoming = next((s for s in raw[index + 1 :] if s.is_work), None)
            if upcoming is not None:
                step = replace(step, exercise=upcoming.exercise, side=upcoming.side)
        steps.append(replace(step, index=index))
    return Plan(routine_id=routine.id, routine_name=routine.name, steps=tuple(steps))
