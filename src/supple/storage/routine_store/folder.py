"""The routines folder: where a routine's file goes, which ids and names are taken, and
writing a file there with an error the user can act on."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from supple import paths
from supple.core import routine_file
from supple.core.atomic_file import write_bytes
from supple.core.catalog import builtin_routines
from supple.core.i18n import _
from supple.core.problems import Problem, RoutineFileError

_ID_MAX: Final = 64


class RoutineStoreError(Exception):
    """A save, delete or import that did not happen; ``str(error)`` can be shown as is.

    ``problems`` holds one entry per thing wrong (the validator's problems for a bad
    routine, or one per bad member of a bundle), so a view can list or place them.
    """

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        self.problems = tuple(problems)
        lines = [message, *(f"  {p}" for p in self.problems)]
        super().__init__("\n".join(lines))
        self.message = message


def folder_or_default(folder: Path | None) -> Path:
    return folder if folder is not None else paths.routines_dir()


def routine_path(routine_id: str, folder: Path | None = None) -> Path:
    """The file a routine is saved to: ``<id>.toml`` in the routines folder."""
    if not routine_file.ID_PATTERN.match(routine_id):
        raise RoutineStoreError(
            _('"{id}" cannot be used as a routine file name.').format(id=routine_id)
        )
    return folder_or_default(folder) / f"{routine_id}.toml"


def slugify(text: str) -> str:
    """A file-safe id from a name: ``"Sore Legs (easy)"`` -> ``"sore-legs-easy"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:_ID_MAX].rstrip("-") or "routine"


def numbered(base: str, number: int) -> str:
    if number <= 1:
        return base[:_ID_MAX].rstrip("-") or "routine"
    suffix = f"-{number}"
    return base[: _ID_MAX - len(suffix)].rstrip("-") + suffix


def first_free(base: str, taken: Iterable[str]) -> str:
    used = set(taken)
    number = 1
    while (candidate := numbered(base, number)) in used:
        number += 1
    return candidate


def read_leniently(path: Path) -> dict[str, Any] | None:
    """A routine file's TOML, or ``None`` when it cannot be read (its problem is said where the
    folder is loaded). Read as the loader reads it: a named pipe, a device or a huge file is
    not read, and nesting too deep for the parser is a problem, never a hang or a crash."""
    try:
        return routine_file.parse_toml(routine_file.read_text(path, path.name), path.name)
    except RoutineFileError:
        return None


def declared_id(path: Path) -> str | None:
    """The id a routine file declares (or its file name), read leniently; ``None`` if unreadable."""
    data = read_leniently(path)
    if data is None:
        return None
    declared = data.get("id")
    return declared if isinstance(declared, str) and declared else path.stem


def taken_ids(folder: Path | None = None) -> set[str]:
    """Ids a new routine cannot have: the built-in ones and those of every file in the folder."""
    taken = {r.id for r in builtin_routines()}
    base = folder_or_default(folder)
    if base.is_dir():
        for path in base.glob("*.toml"):
            taken.add(path.stem)
            declared = declared_id(path)
            if declared:
                taken.add(declared)
    return taken


def taken_names(folder: Path | None) -> set[str]:
    names = {r.name.casefold() for r in builtin_routines()}
    base = folder_or_default(folder)
    if base.is_dir():
        for path in base.glob("*.toml"):
            name = (read_leniently(path) or {}).get("name")
            given = name.values() if isinstance(name, dict) else [name]  # name.de = ...
            names.update(n.casefold() for n in given if isinstance(n, str))
    return names


def available_id(base: str, folder: Path | None = None, also_taken: Iterable[str] = ()) -> str:
    """``base`` if no routine uses it, else ``base-2``, ``base-3``, ..."""
    return first_free(slugify(base), taken_ids(folder) | set(also_taken))


def available_name(name: str, taken: set[str], mark: str) -> str:
    """``name`` if free, else ``name (mark)``, ``name (mark 2)``...; without a mark
    ``name 2``, ``name 3``... (cut to the validator's length limit)."""
    candidate = name
    number = 0
    while candidate.casefold() in taken:
        number += 1
        if mark:
            tail = f" ({mark})" if number == 1 else f" ({mark} {number})"
        else:
            tail = f" {number + 1}"
        candidate = name[: routine_file.NAME_MAX - len(tail)].rstrip() + tail
    return candidate


def write_or_explain(path: Path, data: bytes, what: str) -> None:
    """Write ``data`` atomically; ``what`` names it in the error (translated, e.g.
    "the picture slider-curl.svg")."""
    try:
        write_bytes(path, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise RoutineStoreError(
            _(
                "Supple could not save {what} to {path}: {reason}. The file on disk was not "
                "changed; free some space or make the folder writable, then save again."
            ).format(what=what, path=path, reason=reason)
        ) from exc
