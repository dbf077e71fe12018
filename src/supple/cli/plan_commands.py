"""``supple plan`` and ``supple routines``: look at and check routines without the app."""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from supple import paths
from supple.core import routine_file, timefmt
from supple.core.catalog import builtin_exercises
from supple.core.library import builtin_owners, load_library, used_by
from supple.core.model import Exercise, Routine
from supple.core.plan import Plan, Step, StepKind, compile_plan
from supple.core.problems import Problem, RoutineFileError
from supple.core.step_labels import step_label

EXIT_PROBLEMS = 2


def _step_label(step: Step) -> str:
    return step_label(step.kind, step.exercise.name, step.side)


def _target(step: Step) -> str:
    if step.counts_reps:
        paced = "self-paced" if step.self_paced else f"{step.tempo:g} s/rep"
        return f"{step.target_reps} reps, {paced}"
    return _clock(step.planned_seconds) if step.is_work else ""


def counted(number: int, noun: str) -> str:
    """``1 set``, ``19 sets``: a count with its noun agreeing."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _clock(seconds: float) -> str:
    """``22.5`` -> ``0:22.5``: a plan's times to the tenth of a second where they have one,
    so two identical sets show the same length."""
    tenths = round(seconds * 10)
    whole, tenth = divmod(tenths, 10)
    return timefmt.clock(whole) + (f".{tenth}" if tenth else "")


def format_plan(plan: Plan) -> str:
    # Starts are the exact running total, and each length is the step's own, so every row
    # adds up to the next one and identical steps read alike.
    marks = [0.0, *itertools.accumulate(step.planned_seconds for step in plan.steps)]
    rows = []
    for step, start in zip(plan.steps, marks[:-1], strict=True):
        rows.append(
            (
                _clock(start),
                step.block if step.kind is not StepKind.GET_READY else "",
                f"{step.round}/{step.rounds}" if step.rounds > 1 else "",
                _target(step),
                _clock(step.planned_seconds),
                _step_label(step),
            )
        )
    header = ("start", "block", "round", "target", "length", "step")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    lines = [f"{plan.routine_name} ({plan.routine_id})", ""]
    for row in [header, *rows]:
        lines.append(
            "  ".join(cell.ljust(w) for cell, w in zip(row[:5], widths, strict=True))
            + "  "
            + row[5]
        )
    works = plan.work_steps
    lines += [
        "",
        f"Total: {timefmt.duration(plan.total_seconds)} ({_clock(marks[-1])}), "
        f"{counted(len(plan.steps), 'step')}, {counted(len(works), 'set')} of "
        f"{counted(len({s.exercise.id for s in works}), 'exercise')}",
    ]
    return "\n".join(lines)


def plan_to_json(plan: Plan) -> dict[str, Any]:
    return {
        "routine": {"id": plan.routine_id, "name": plan.routine_name},
        "total_seconds": plan.total_seconds,
        "steps": [
            {
                "index": s.index,
                "kind": s.kind.value,
                "exercise": s.exercise.id,
                "exercise_name": s.exercise.name,
                "side": s.side.value,
                "block": s.block,
                "round": s.round,
                "rounds": s.rounds,
                "target_reps": s.target_reps,
                "target_seconds": s.target_seconds,
                "tempo": s.tempo,
                "phases": list(s.phases),
                "self_paced": s.self_paced,
                "planned_seconds": s.planned_seconds,
                "marks": [
                    {
                        "offset": m.offset,
                        "kind": m.kind.value,
                        "rep": m.rep,
                        "phase": m.phase,
                        "side": m.side.value,
                        "count": m.count,
                    }
                    for m in s.marks
                ],
            }
            for s in plan.steps
        ],
    }


def run_plan(args: argparse.Namespace) -> int:
    key: str | None = args.routine
    routine: Routine | None
    try:
        if key is not None and key.endswith(".toml"):
            routine = routine_file.load(Path(key), builtin_exercises())
        else:
            library = load_library(paths.routines_dir())
            routine = library.find(key) if key else library.routines[0]
            if routine is None:
                names = ", ".join(r.id for r in library.routines)
                print(f'supple: no routine "{key}" (known: {names})', file=sys.stderr)
                return EXIT_PROBLEMS
    except RoutineFileError as exc:
        print(exc, file=sys.stderr)
        return EXIT_PROBLEMS
    plan = compile_plan(routine)
    if args.json:
        print(json.dumps(plan_to_json(plan), indent=2))
    else:
        print(format_plan(plan))
    return 0


def run_list(args: argparse.Namespace) -> int:
    library = load_library(paths.routines_dir())
    for routine in library.routines:
        plan = compile_plan(routine)
        origin = "built-in" if library.is_builtin(routine) else "yours"
        exercises = len({s.exercise.id for s in plan.work_steps})
        print(
            f"{routine.id:<24} {routine.name:<28} {timefmt.duration(plan.total_seconds):>9}  "
            f"{exercises:>2} {'exercise' if exercises == 1 else 'exercises':<9}  {origin}"
        )
    for problem in library.problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 0


def _id_owner(routine: Routine, path: Path, catalog: Mapping[str, Exercise]) -> str | None:
    """Who else has ``routine``'s id: a built-in routine or another file in the routines folder.

    A file of the same name in the folder is the one ``path`` replaces: it does not count."""
    builtin = builtin_owners().get(routine.id)
    folder = paths.routines_dir()
    if builtin or not folder.is_dir():
        return builtin
    for other in sorted(folder.glob("*.toml")):
        if other.name == path.name:
            continue
        try:
            if routine_file.load(other, catalog).id == routine.id:
                return str(other)
        except RoutineFileError:
            continue
    return None


def run_validate(args: argparse.Namespace) -> int:
    """Check each file as the app would load it: its fields, and that its id is its own."""
    catalog = builtin_exercises()
    failed = False
    for path in args.files:
        try:
            routine = routine_file.load(path, catalog)
            owner = _id_owner(routine, path, catalog)
            if owner:
                raise RoutineFileError(
                    [Problem(str(path), "", f'id "{routine.id}" {used_by(owner)}')]
                )
        except RoutineFileError as exc:
            failed = True
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            continue
        total = timefmt.duration(compile_plan(routine).total_seconds)
        print(f"{path}: ok ({routine.name}, {total})")
    return EXIT_PROBLEMS if failed else 0
