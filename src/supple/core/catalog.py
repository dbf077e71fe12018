"""The exercises and routines that ship inside the package."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from supple.core import i18n, routine_file
from supple.core.model import Exercise, Routine
from supple.core.problems import Problem, RoutineFileError

DEFAULT_ROUTINE_ID = "hamstring-reset"


def _data() -> Any:
    return resources.files("supple") / "data"


def builtin_exercises() -> MappingProxyType[str, Exercise]:
    """Exercise id -> exercise, in the language in force; read once per language."""
    return _builtin_exercises(i18n.language())


@cache
def _builtin_exercises(language: str) -> MappingProxyType[str, Exercise]:
    text = (_data() / "exercises.toml").read_text(encoding="utf-8")
    tables = tomllib.loads(text).get("exercises", [])
    problems: list[Problem] = []
    found: dict[str, Exercise] = {}
    for number, table in enumerate(tables, start=1):
        exercise = routine_file.parse_exercise(
            table, "exercises.toml", f"exercise {number}", problems
        )
        if exercise is not None:
            found[exercise.id] = exercise
    if problems:  # a packaging mistake, not a user error: fail loudly
        raise RoutineFileError(problems)
    return MappingProxyType(found)


def builtin_routines() -> tuple[Routine, ...]:
    """The shipped routines, the default one first, in the language in force."""
    return _builtin_routines(i18n.language())


@cache
def _builtin_routines(language: str) -> tuple[Routine, ...]:
    catalog = _builtin_exercises(language)
    folder = _data() / "routines"
    routines = [
        routine_file.loads(item.read_text(encoding="utf-8"), item.name, catalog)
        for item in sorted(folder.iterdir(), key=lambda i: i.name)
        if item.name.endswith(".toml")
    ]
    routines.sort(key=lambda r: (r.id != DEFAULT_ROUTINE_ID, r.name))
    return tuple(routines)


def default_routine() -> Routine:
    return builtin_routines()[0]
