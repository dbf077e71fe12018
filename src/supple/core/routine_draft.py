"""What the editor holds before Save: the routine, picture files picked for its own
exercises, and what the file validator would say about it.

Pure functions, so the editor's document and its tests share the validator's words
without Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from supple.core import routine_file
from supple.core.catalog import builtin_exercises
from supple.core.model import Routine
from supple.core.plan import compile_plan
from supple.core.problems import Problem, RoutineFileError

_EXERCISE_WHERE = re.compile(r"^exercise (\d+)")

Focus = object
"""Where the editor should put the selection after a change (a tree path, an exercise id)."""


@dataclass(frozen=True)
class Draft:
    """What Save would write: the routine, plus picture files picked for its own exercises
    (exercise id -> file) that are copied into the pictures folder on save."""

    routine: Routine
    pictures: tuple[tuple[str, str], ...] = ()

    def picture_file(self, exercise_id: str) -> Path | None:
        found = dict(self.pictures).get(exercise_id)
        return Path(found) if found else None

    def with_picture(self, exercise_id: str, file: Path | None) -> Draft:
        pictures = {k: v for k, v in self.pictures if k != exercise_id}
        if file is not None:
            pictures[exercise_id] = str(file)
        return replace(self, pictures=tuple(sorted(pictures.items())))


def validate(routine: Routine) -> tuple[Problem, ...]:
    """The validator's problems with ``routine`` as it would be saved (empty: all good)."""
    data = routine_file.routine_to_data(routine)
    try:
        routine_file.parse_routine(data, f"{routine.id or 'routine'}.toml", builtin_exercises())
    except RoutineFileError as exc:
        return exc.problems
    return ()


def exercise_number(problem: Problem) -> int | None:
    """The 0-based position of the own exercise a problem is about, if it is about one."""
    if problem.block is not None:
        return None
    found = _EXERCISE_WHERE.match(problem.where)
    return int(found.group(1)) - 1 if found else None


def total_seconds(routine: Routine) -> float | None:
    """The planned length, or ``None`` while the routine is too broken to plan."""
    try:
        return compile_plan(routine).total_seconds
    except (KeyError, ValueError, TypeError, ZeroDivisionError):
        return None
