"""Sharing a routine: export it with its pictures as a ``.zip`` bundle, import a bundle or
a plain ``.toml`` routine file.

Anything coming from outside is checked completely (the routine by the validator, each
bundle member for its path, type and size, each picture for its content) before a
single byte is copied, and the errors use the routine validator's own wording.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Final

from supple.core import routine_file
from supple.core.catalog import builtin_exercises
from supple.core.i18n import _, ngettext
from supple.core.model import Exercise, Routine
from supple.core.problems import Problem, RoutineFileError
from supple.storage.routine_store.files import validated, write_with_pictures
from supple.storage.routine_store.folder import (
    RoutineStoreError,
    available_name,
    first_free,
    routine_path,
    taken_ids,
    taken_names,
    write_or_explain,
)
from supple.storage.routine_store.pictures import (
    MAX_PICTURE_BYTES,
    PICTURE_SUFFIXES,
    find_picture,
    picture_problem,
    place_picture,
)

BUNDLE_SUFFIX: Final = ".zip"
BUNDLE_ROUTINE: Final = "routine.toml"
BUNDLE_PICTURES: Final = "pictures"
MAX_ROUTINE_BYTES: Final = 256 * 1024
MAX_BUNDLE_BYTES: Final = 24 * 1024 * 1024
MAX_BUNDLE_MEMBERS: Final = 64


@dataclass(frozen=True)
class ImportResult:
    routine: Routine
    """The routine as it was saved (with its new id and picture names if they were taken)."""
    path: Path
    renamed_from: str | None
    """The id the routine had in the file when that id was taken; ``None`` if it was free."""
    pictures: tuple[Path, ...]
    """The picture files the import wrote (pictures already present are not listed)."""


def export_bundle(routine: Routine, target: Path, folder: Path | None = None) -> Path:
    """Write ``routine.toml`` and the pictures of its own exercises to a zip at ``target``."""
    if target.suffix.lower() != BUNDLE_SUFFIX:
        target = target.with_name(target.name + BUNDLE_SUFFIX)
    saved = validated(routine, BUNDLE_ROUTINE)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(_member(BUNDLE_ROUTINE), routine_file.dumps(saved))
        added: set[str] = set()
        for exercise in saved.exercises:
            picture = find_picture(exercise.image_name, folder)
            if picture is None or picture.name in added:
                continue
            added.add(picture.name)
            try:
                data = picture.read_bytes()
            except OSError as exc:
                raise RoutineStoreError(
                    _("Supple could not read the picture {picture}: {reason}.").format(
                        picture=picture, reason=exc.strerror or exc
                    )
                ) from exc
            bundle.writestr(_member(f"{BUNDLE_PICTURES}/{picture.name}"), data)
    write_or_explain(target, buffer.getvalue(), _('the bundle of "{name}"').format(name=saved.name))
    return target


def _member(name: str) -> zipfile.ZipInfo:
    """A zip entry with a fixed date and plain file permissions, so exports are reproducible."""
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


@dataclass(frozen=True)
class _Incoming:
    """A routine read from outside, with its pictures, before anything was written."""

    text: str
    file: str
    default_id: str
    pictures: dict[str, tuple[str, bytes]]
    """Picture name -> (suffix, bytes)."""


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    """What is wrong with one member, said after its name; ``None`` if it may be unpacked."""
    name = info.filename
    parts_of_bundle = {"routine": BUNDLE_ROUTINE, "pictures": f"{BUNDLE_PICTURES}/"}
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return _("is a symbolic link; bundles may only hold plain files")
    if info.flag_bits & 0x1:
        return _("is encrypted; export the routine again without a password")
    if "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return _("has an absolute or Windows-style path; bundle paths must be relative")
    parts = PurePosixPath(name).parts
    if any(part in ("..", ".") for part in name.split("/")):
        return _("points outside the bundle (..); bundle paths must stay inside it")
    if name.endswith("/"):
        if name == f"{BUNDLE_PICTURES}/":
            return None
        return _("is a folder; a bundle holds only {routine} and {pictures}").format(
            **parts_of_bundle
        )
    if name == BUNDLE_ROUTINE:
        if info.file_size > MAX_ROUTINE_BYTES:
            return _("is larger than {most} KB, too big for a routine").format(
                most=MAX_ROUTINE_BYTES // 1024
            )
        return None
    if len(parts) == 2 and parts[0] == BUNDLE_PICTURES:
        picture = PurePosixPath(parts[1])
        if picture.suffix not in PICTURE_SUFFIXES:
            return _("is not an .svg or .png picture (lowercase extension)")
        if not routine_file.ID_PATTERN.match(picture.stem):
            return _(
                "has a picture name Supple cannot use: lowercase letters, digits and hyphens only"
            )
        if info.file_size > MAX_PICTURE_BYTES:
            return _("is larger than {most} MB, too big for a picture").format(
                most=MAX_PICTURE_BYTES // (1024 * 1024)
            )
        return None
    return _("is not part of a routine bundle (expected {routine} and {pictures})").format(
        **parts_of_bundle
    )


def _read_member(bundle: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """The member's bytes, reading at most ``limit + 1`` so a lying size header cannot
    make Supple unpack more than it checked."""
    with bundle.open(info) as handle:
        data = handle.read(limit + 1)
    return None if len(data) > limit else data


def _read_bundle(source: Path) -> _Incoming:
    label = source.name
    try:
        if source.stat().st_size > MAX_BUNDLE_BYTES:
            raise RoutineStoreError(
                _(
                    "{file} cannot be imported: it is larger than {most} MB. Nothing was copied."
                ).format(file=label, most=MAX_BUNDLE_BYTES // (1024 * 1024))
            )
        bundle = zipfile.ZipFile(source)
    except zipfile.BadZipFile as exc:
        raise RoutineStoreError(
            _(
                "{file} cannot be imported: it is not a zip file ({error}). Nothing was copied."
            ).format(file=label, error=exc)
        ) from exc
    except OSError as exc:
        raise _unreadable(label, exc) from exc
    with bundle:
        members = bundle.infolist()
        if len(members) > MAX_BUNDLE_MEMBERS:
            raise RoutineStoreError(
                ngettext(
                    "{file} cannot be imported: it holds {count} file; a routine bundle "
                    "holds at most {most}. Nothing was copied.",
                    "{file} cannot be imported: it holds {count} files; a routine bundle "
                    "holds at most {most}. Nothing was copied.",
                    len(members),
                ).format(file=label, count=len(members), most=MAX_BUNDLE_MEMBERS)
            )
        problems = _member_problems(label, members)
        if problems:
            raise _not_imported(label, problems)
        incoming = _unpack(label, bundle, members, problems)
    if problems:
        raise _not_imported(label, problems)
    return incoming


def _not_imported(file: str, problems: Iterable[Problem]) -> RoutineStoreError:
    return RoutineStoreError(
        _("{file} cannot be imported; nothing was copied.").format(file=file), problems
    )


def _unreadable(file: str, exc: OSError) -> RoutineStoreError:
    return RoutineStoreError(
        _("{file} cannot be read: {reason}. Nothing was copied.").format(
            file=file, reason=exc.strerror or exc
        )
    )


def _member_problems(label: str, members: list[zipfile.ZipInfo]) -> list[Problem]:
    """What is wrong with the bundle's list of members, before any of them is unpacked."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for info in members:
        problem = _member_problem(info)
        if problem is None and info.filename in seen:
            problem = _("appears twice in the bundle")
        seen.add(info.filename)
        if problem is not None:
            problems.append(Problem(label, info.filename, problem))
    if BUNDLE_ROUTINE not in seen:
        problems.append(
            Problem(
                label,
                "",
                _("has no {routine}; it is not a Supple routine bundle").format(
                    routine=BUNDLE_ROUTINE
                ),
            )
        )
    if sum(i.file_size for i in members) > MAX_BUNDLE_BYTES:
        problems.append(
            Problem(
                label,
                "",
                _("unpacks to more than {most} MB, too big for a routine bundle").format(
                    most=MAX_BUNDLE_BYTES // (1024 * 1024)
                ),
            )
        )
    return problems


def _unpack(
    label: str, bundle: zipfile.ZipFile, members: list[zipfile.ZipInfo], problems: list[Problem]
) -> _Incoming:
    """The routine's text and the checked pictures; adds to ``problems`` what cannot be used."""
    text = ""
    pictures: dict[str, tuple[str, bytes]] = {}
    for info in members:
        if info.is_dir():
            continue
        try:
            if info.filename == BUNDLE_ROUTINE:
                raw = _read_member(bundle, info, MAX_ROUTINE_BYTES)
                if raw is None:
                    problems.append(Problem(label, info.filename, _("is too big for a routine")))
                    continue
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    problems.append(
                        Problem(label, info.filename, _("is not UTF-8 text; save it as UTF-8"))
                    )
                continue
            data = _read_member(bundle, info, MAX_PICTURE_BYTES)
            picture = PurePosixPath(info.filename)
            problem = (
                _("is too big for a picture")
                if data is None
                else picture_problem(data, picture.suffix)
            )
            if problem is not None or data is None:
                problems.append(Problem(label, info.filename, problem or _("cannot be read")))
                continue
            if picture.stem in pictures:
                problems.append(
                    Problem(label, info.filename, _("has the same name as another picture"))
                )
                continue
            pictures[picture.stem] = (picture.suffix, data)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            problems.append(
                Problem(label, info.filename, _("cannot be unpacked: {error}").format(error=exc))
            )
    return _Incoming(text=text, file=BUNDLE_ROUTINE, default_id="", pictures=pictures)


def _read_plain(source: Path) -> _Incoming:
    try:
        if source.stat().st_size > MAX_ROUTINE_BYTES:
            raise RoutineStoreError(
                _(
                    "{file} cannot be imported: it is larger than {most} KB, too big for a "
                    "routine. Nothing was copied."
                ).format(file=source.name, most=MAX_ROUTINE_BYTES // 1024)
            )
        text = source.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RoutineStoreError(
            _("{file} cannot be imported: it is not UTF-8 text. Nothing was copied.").format(
                file=source.name
            )
        ) from exc
    except OSError as exc:
        raise _unreadable(source.name, exc) from exc
    default_id = source.stem if routine_file.ID_PATTERN.match(source.stem) else ""
    return _Incoming(text=text, file=source.name, default_id=default_id, pictures={})


def import_routine(source: Path, folder: Path | None = None) -> ImportResult:
    """Add a routine from a bundle (``.zip``) or a plain routine file (``.toml``).

    Everything is checked first (the routine by the validator, each bundle member for
    its path, type and size, each picture for its content); any problem raises
    ``RoutineStoreError`` listing all of them, and nothing is copied. A taken id gets a
    number (``sore-legs-2``), a taken name a suffix, and a picture whose name is taken by
    a different picture is renamed; the routine is updated to match.
    """
    if source.is_symlink():
        source = source.resolve()
    suffix = source.suffix.lower()
    if suffix == BUNDLE_SUFFIX:
        incoming = _read_bundle(source)
    elif suffix == ".toml":
        incoming = _read_plain(source)
    else:
        raise RoutineStoreError(
            _(
                "{file} cannot be imported: choose a routine bundle (.zip) or a routine "
                "file (.toml). Nothing was copied."
            ).format(file=source.name)
        )
    catalog = builtin_exercises()
    try:
        routine = routine_file.loads(incoming.text, incoming.file, catalog, incoming.default_id)
    except RoutineFileError as exc:
        raise _not_imported(source.name, exc.problems) from exc

    used_images = {e.image_name for e in routine.exercises}
    unused = sorted(set(incoming.pictures) - used_images)
    if unused:
        raise _not_imported(
            source.name,
            [
                Problem(
                    source.name,
                    f"{BUNDLE_PICTURES}/{name}{incoming.pictures[name][0]}",
                    _("is not the picture of any exercise in the routine"),
                )
                for name in unused
            ],
        )

    renamed_from: str | None = None
    taken = taken_ids(folder)
    if routine.id in taken:
        renamed_from = routine.id
        routine = replace(routine, id=first_free(routine.id, taken))
    routine = replace(
        routine, name=available_name(routine.name, taken_names(folder), _("imported"))
    )

    routine, to_write = _placed_pictures(routine, incoming.pictures, folder)
    path = routine_path(routine.id, folder)
    written = write_with_pictures(path, routine, to_write)
    return ImportResult(
        routine=routine, path=path, renamed_from=renamed_from, pictures=tuple(written)
    )


def _placed_pictures(
    routine: Routine, pictures: Mapping[str, tuple[str, bytes]], folder: Path | None
) -> tuple[Routine, list[tuple[Path, bytes]]]:
    """Give each incoming picture a free name (or the name of an identical picture already
    there), renaming it in the routine; returns the routine and the files still to write."""
    renames: dict[str, str] = {}
    to_write: list[tuple[Path, bytes]] = []
    reserved: set[str] = set()
    for name, (picture_suffix, data) in sorted(pictures.items()):
        placed_name, target, needs_write = place_picture(
            name, data, picture_suffix, folder, reserved
        )
        reserved.add(placed_name)
        if placed_name != name:
            renames[name] = placed_name
        if needs_write:
            to_write.append((target, data))
    if renames:
        routine = replace(
            routine,
            exercises=tuple(_renamed_picture(e, renames) for e in routine.exercises),
        )
    return routine, to_write


def _renamed_picture(exercise: Exercise, renames: Mapping[str, str]) -> Exercise:
    new = renames.get(exercise.image_name)
    return replace(exercise, image=new) if new is not None else exercise
