"""All routines a user can pick: the built-in ones plus those in their routines folder.

One broken file never hides the others: loading returns the good routines and a
list of problems to show in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from supple.core import routine_file
from supple.core.catalog import builtin_exercises, builtin_routines
from supple.core.i18n import _
from supple.core.model import Exercise, Routine
from supple.core.problems import Problem, RoutineFileError


@dataclass(frozen=True)
class Library:
    routines: tuple[Routine, ...]
    problems: tuple[Problem, ...]
    builtin_ids: frozenset[str]

    def find(self, key: str) -> Routine | None:
        """A routine by id, or by name ignoring case (its name in any language it gives)."""
        for routine in self.routines:
            names = [routine.name, *routine.translations.languages("name").values()]
            if key == routine.id or any(
                isinstance(n, str) and n.casefold() == key.casefold() for n in names
            ):
                return routine
        return None

    def is_builtin(self, routine: Routine) -> bool:
        return routine.id in self.builtin_ids


def load_folder(
    folder: Path, catalog: Mapping[str, Exercise], taken: Mapping[str, str] | None = None
) -> tuple[list[Routine], list[Problem]]:
    """Every ``*.toml`` routine in ``folder`` (sorted by name) and the problems of the bad ones.

    ``taken`` maps the ids already in use to who uses them (``the built-in routine "X"``)."""
    if not folder.is_dir():
        return [], []
    return load_files(sorted(folder.glob("*.toml")), catalog, taken)


def load_files(
    files: Iterable[Path], catalog: Mapping[str, Exercise], taken: Mapping[str, str] | None = None
) -> tuple[list[Routine], list[Problem]]:
    """The routines of ``files`` in order; a file whose id an earlier one has is refused."""
    routines: list[Routine] = []
    problems: list[Problem] = []
    owners = dict(taken or {})
    for path in files:
        try:
            routine = routine_file.load(path, catalog)
        except RoutineFileError as exc:
            problems.extend(exc.problems)
            continue
        if routine.id in owners:
            problems.append(
                Problem(str(path), "", used_by(routine.id, owners[routine.id]), key="id")
            )
            continue
        owners[routine.id] = str(path)
        routines.append(routine)
    return routines, problems


def used_by(routine_id: str, owner: str) -> str:
    """The problem of an id that ``owner`` already has."""
    return _('id "{id}" is already used by {owner}; give this one a different id').format(
        id=routine_id, owner=owner
    )


def builtin_owners() -> dict[str, str]:
    """The built-in routines' ids, each with who holds it, for ``load_files``."""
    return {
        r.id: _('the built-in routine "{name}"').format(name=r.name) for r in builtin_routines()
    }


def load_library(user_folder: Path | None) -> Library:
    builtins = builtin_routines()
    builtin_ids = frozenset(r.id for r in builtins)
    user: list[Routine] = []
    problems: list[Problem] = []
    if user_folder is not None:
        user, problems = load_folder(user_folder, builtin_exercises(), builtin_owners())
    return Library(tuple(builtins) + tuple(user), tuple(problems), builtin_ids)


def exercises_for(routine: Routine) -> dict[str, Exercise]:
    """The exercises a routine can use: the catalog plus its own."""
    return {**builtin_exercises(), **{e.id: e for e in routine.exercises}}
