"""All routines a user can pick: the built-in ones plus those in their routines folder.

One broken file never hides the others: loading returns the good routines and a
list of problems to show in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from supple.core import routine_file
from supple.core.catalog import builtin_exercises, builtin_routines
from supple.core.model import Exercise, Routine
from supple.core.problems import Problem, RoutineFileError


@dataclass(frozen=True)
class Library:
    routines: tuple[Routine, ...]
    problems: tuple[Problem, ...]
    builtin_ids: frozenset[str]

    def find(self, key: str) -> Routine | None:
        """A routine by id, or by name ignoring case."""
        for routine in self.routines:
            if key in (routine.id,) or routine.name.casefold() == key.casefold():
                return routine
        return None

    def is_builtin(self, routine: Routine) -> bool:
        return routine.id in self.builtin_ids


def load_folder(
    folder: Path, catalog: Mapping[str, Exercise], taken_ids: frozenset[str] = frozenset()
) -> tuple[list[Routine], list[Problem]]:
    """Every ``*.toml`` routine in ``folder`` (sorted by name) and the problems of the bad ones."""
    routines: list[Routine] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return routines, problems
    seen = set(taken_ids)
    for path in sorted(folder.glob("*.toml")):
        try:
            routine = routine_file.load(path, catalog)
        except RoutineFileError as exc:
            problems.extend(exc.problems)
            continue
        if routine.id in seen:
            problems.append(
                Problem(
                    str(path),
                    "",
                    f'id "{routine.id}" is already used by another routine; '
                    "give this one a different id",
                )
            )
            continue
        seen.add(routine.id)
        routines.append(routine)
    return routines, problems


def load_library(user_folder: Path | None) -> Library:
    builtins = builtin_routines()
    builtin_ids = frozenset(r.id for r in builtins)
    user: list[Routine] = []
    problems: list[Problem] = []
    if user_folder is not None:
        user, problems = load_folder(user_folder, builtin_exercises(), builtin_ids)
    return Library(tuple(builtins) + tuple(user), tuple(problems), builtin_ids)


def exercises_for(routine: Routine) -> dict[str, Exercise]:
    """The exercises a routine can use: the catalog plus its own."""
    return {**builtin_exercises(), **{e.id: e for e in routine.exercises}}
