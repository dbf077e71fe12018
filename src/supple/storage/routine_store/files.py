"""The user's routine files: save, delete, copy and start new ones.

Nothing is ever saved that the app could not read back: a routine is checked by the
file validator first, and its errors use the validator's own wording. Every write is
atomic, so a crash or a full disk mid-save leaves the old routine or the new one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from supple.core import routine_edits, routine_file
from supple.core.atomic_file import sync_folder
from supple.core.catalog import builtin_exercises, builtin_routines
from supple.core.i18n import _
from supple.core.model import Routine
from supple.core.problems import RoutineFileError
from supple.storage.routine_store.folder import (
    RoutineStoreError,
    available_id,
    available_name,
    declared_id,
    folder_or_default,
    numbered,
    routine_path,
    taken_ids,
    taken_names,
    write_or_explain,
)
from supple.storage.routine_store.pictures import (
    check_picture,
    images_of_file,
    place_picture,
    prune_pictures,
)


def validated(routine: Routine, file: str) -> Routine:
    """The routine as a file would load it, or ``RoutineStoreError`` with the validator's
    problems, so nothing is ever saved that the app could not read back."""
    try:
        return routine_file.loads(routine_file.dumps(routine), file, builtin_exercises())
    except RoutineFileError as exc:
        raise RoutineStoreError(
            _('"{name}" was not saved: fix these problems first.').format(
                name=routine.name or routine.id
            ),
            exc.problems,
        ) from exc


def routine_file_for(routine_id: str, folder: Path | None = None) -> Path | None:
    """The file holding a user routine: ``<id>.toml``, or a hand-named file declaring the id."""
    base = folder_or_default(folder)
    if routine_file.ID_PATTERN.match(routine_id):
        direct = base / f"{routine_id}.toml"
        if direct.is_file():
            return direct
    if base.is_dir():
        for path in sorted(base.glob("*.toml")):
            if declared_id(path) == routine_id:
                return path
    return None


def save_routine(
    routine: Routine,
    folder: Path | None = None,
    *,
    pictures: Mapping[str, Path] | None = None,
) -> tuple[Routine, Path]:
    """Save a user routine to ``<id>.toml`` and return it as saved, with its file.

    ``pictures`` maps the id of one of the routine's own exercises to a picture file
    the user picked; it is checked, copied into the pictures folder and the exercise's
    picture name set to it. A built-in id is refused (duplicate the routine instead).
    """
    if routine.id in {r.id for r in builtin_routines()}:
        raise RoutineStoreError(
            _(
                '"{name}" is a built-in routine and cannot be changed; '
                "duplicate it and edit the copy."
            ).format(name=routine.name)
        )
    path = routine_path(routine.id, folder)
    own = {e.id for e in routine.exercises}
    placed: list[tuple[Path, bytes]] = []
    new_pictures: dict[str, str] = {}
    reserved: set[str] = set()
    for exercise_id, source in (pictures or {}).items():
        if exercise_id not in own:
            raise RoutineStoreError(
                _(
                    '"{exercise}" is not one of this routine\'s own exercises; '
                    "only those can have a picture of their own."
                ).format(exercise=exercise_id)
            )
        data = check_picture(source)
        name, target, needs_write = place_picture(
            exercise_id, data, source.suffix.lower(), folder, reserved
        )
        reserved.add(name)
        new_pictures[exercise_id] = name
        if needs_write:
            placed.append((target, data))
    if new_pictures:
        routine = replace(
            routine,
            exercises=tuple(
                replace(e, image=new_pictures[e.id]) if e.id in new_pictures else e
                for e in routine.exercises
            ),
        )
    saved = validated(routine, path.name)
    old_file = routine_file_for(routine.id, folder)
    old_images = (images_of_file(old_file) if old_file is not None else None) or set()
    write_with_pictures(path, saved, placed)
    if old_file is not None and old_file != path:
        with contextlib.suppress(OSError):
            old_file.unlink()
    prune_pictures(folder, old_images - {e.image_name for e in saved.exercises})
    return saved, path


def write_with_pictures(
    path: Path, routine: Routine, pictures: Iterable[tuple[Path, bytes]]
) -> list[Path]:
    """Write new picture files, then the routine's file; if any write fails, the pictures
    written so far are removed again and the old routine file stays. Returns the pictures."""
    written: list[Path] = []
    try:
        for target, data in pictures:
            write_or_explain(target, data, _("the picture {name}").format(name=target.name))
            written.append(target)
        what = _('the routine "{name}"').format(name=routine.name)
        write_or_explain(path, routine_file.dumps(routine).encode("utf-8"), what)
    except RoutineStoreError:
        for target in written:
            with contextlib.suppress(OSError):
                target.unlink()
        raise
    return written


def delete_routine(routine_id: str, folder: Path | None = None) -> Path:
    """Remove a user routine's file (and pictures only it used); returns the removed file."""
    if routine_id in {r.id for r in builtin_routines()}:
        raise RoutineStoreError(_("Built-in routines cannot be deleted."))
    path = routine_file_for(routine_id, folder)
    if path is None:
        raise RoutineStoreError(
            _('There is no saved routine "{id}" in {folder} to delete.').format(
                id=routine_id, folder=folder_or_default(folder)
            )
        )
    images = images_of_file(path) or set()
    try:
        path.unlink()
    except OSError as exc:
        raise RoutineStoreError(
            _("Supple could not delete {path}: {reason}. Make the folder writable.").format(
                path=path, reason=exc.strerror or exc
            )
        ) from exc
    sync_folder(path.parent)
    prune_pictures(folder, images)
    return path


def duplicate_routine(routine: Routine, folder: Path | None = None) -> Routine:
    """An unsaved copy with a free id (``<id>-copy``, ``<id>-copy-2``...) and name ``… (copy)``."""
    taken = taken_ids(folder)
    number = 1
    while (candidate := numbered(f"{routine.id}-copy", number)) in taken:
        number += 1
    name = available_name(routine.name, taken_names(folder) | {routine.name.casefold()}, _("copy"))
    return replace(routine, id=candidate, name=name)


def new_routine(folder: Path | None = None, name: str = "") -> Routine:
    """An unsaved, empty routine with a free id and name, ready to be filled in.

    Its one block has no entries yet, which the validator reports until one is added.
    """
    unique_name = available_name(name or _("New routine"), taken_names(folder), "")
    routine_id = available_id(unique_name, folder)
    return Routine(
        id=routine_id,
        name=unique_name,
        blocks=(routine_edits.empty_block(_("Circuit")),),
    )
