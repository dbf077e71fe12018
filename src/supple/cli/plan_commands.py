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
from supple.core.i18n import _, ngettext
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
        paced = (
            _("self-paced")
            if step.self_paced
            else _("{seconds} s/rep").format(seconds=timefmt.decimal(step.tempo))
        )
        reps = step.target_reps or 0
        return ngettext("{n} rep, {paced}", "{n} reps, {paced}", reps).format(n=reps, paced=paced)
    return _clock(step.planned_seconds) if step.is_work else ""


def _clock(seconds: float) -> str:
    """``22.5`` -> ``0:22.5``: a plan's times to the tenth of a second where they have one,
    so two identical sets show the same length."""
    tenths = round(seconds * 10)
    whole, tenth = divmod(tenths, 10)
    shown = timefmt.clock(whole)
    return _("{whole}.{fraction}").format(whole=shown, fraction=tenth) if tenth else shown


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
    header = (_("start"), _("block"), _("round"), _("target"), _("length"), _("step"))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    lines = [f"{plan.routine_name} ({plan.routine_id})", ""]
    for row in [header, *rows]:
        lines.append(
            "  ".join(cell.ljust(w) for cell, w in zip(row[:5], widths, strict=True))
            + "  "
            + row[5]
        )
    works = plan.work_steps
    exercises = len({s.exercise.id for s in works})
    lines += [
        "",
        _("Total: {duration} ({clock}), {steps}, {sets} of {exercises}").format(
            duration=timefmt.duration(plan.total_seconds),
            clock=_clock(marks[-1]),
            steps=ngettext("{n} step", "{n} steps", len(plan.steps)).format(n=len(plan.steps)),
            sets=ngettext("{n} set", "{n} sets", len(works)).format(n=len(works)),
            exercises=ngettext("{n} exercise", "{n} exercises", exercises).format(n=exercises),
        ),
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
                print(
                    "supple:",
                    _('no routine "{name}" (known: {names})').format(name=key, names=names),
                    file=sys.stderr,
                )
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
        origin = _("built-in") if library.is_builtin(routine) else _("yours")
        exercises = len({s.exercise.id for s in plan.work_steps})
        counted = ngettext("{n} exercise", "{n} exercises", exercises).format(n=f"{exercises:>2}")
        print(
            f"{routine.id:<24} {routine.name:<28} {timefmt.duration(plan.total_seconds):>9}  "
            f"{counted:<12}  {origin}"
        )
    for problem in library.problems:
        print(_("problem: {problem}").format(problem=problem), file=sys.stderr)
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
                    [Problem(str(path), "", used_by(routine.id, owner), key="id")]
                )
        except RoutineFileError as exc:
            failed = True
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            continue
        total = timefmt.duration(compile_plan(routine).total_seconds)
        print(
            _("{file}: ok ({routine}, {length})").format(
                file=path, routine=routine.name, length=total
            )
        )
    return EXIT_PROBLEMS if failed else 0
