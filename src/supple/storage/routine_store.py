"""The user's own routines on disk: save, delete, copy, and share them as bundles.

Every write goes to a temporary file in the same folder, is flushed to the disk and
then renamed over the old file, so a crash or a full disk mid-save leaves either the
old routine or the new one, never half of each. Anything coming from outside (an
imported bundle or file, a picture the user picked) is checked completely before a
single byte is copied, and the errors use the routine validator's own wording.

Pictures of a routine's own exercises live in ``routines/pictures/<name>.svg|png``,
where ``<name>`` is the exercise's picture name. Pictures are shared by name: saving
or importing a picture whose name is taken by different content picks a new name
(``slider-curl-2``) rather than replacing someone else's picture.
"""

from __future__ import annotations

import contextlib
import io
import re
import stat
import tomllib
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Final
from xml.etree import ElementTree

from supple import paths
from supple.core import routine_file
from supple.core.atomic_file import sync_folder, write_bytes
from supple.core.catalog import builtin_exercises, builtin_routines
from supple.core.model import Block, Exercise, Routine
from supple.core.problems import Problem, RoutineFileError

__all__ = [
    "BUNDLE_ROUTINE",
    "BUNDLE_SUFFIX",
    "MAX_BUNDLE_BYTES",
    "MAX_PICTURE_BYTES",
    "MAX_ROUTINE_BYTES",
    "PICTURE_SUFFIXES",
    "ImportResult",
    "RoutineStoreError",
    "available_id",
    "check_picture",
    "delete_routine",
    "duplicate_routine",
    "export_bundle",
    "find_picture",
    "import_routine",
    "new_routine",
    "pictures_dir",
    "routine_file_for",
    "routine_path",
    "save_routine",
    "slugify",
    "taken_ids",
]

BUNDLE_SUFFIX: Final = ".zip"
BUNDLE_ROUTINE: Final = "routine.toml"
BUNDLE_PICTURES: Final = "pictures"
PICTURES_FOLDER: Final = "pictures"
PICTURE_SUFFIXES: Final = (".svg", ".png")

MAX_ROUTINE_BYTES: Final = 256 * 1024
MAX_PICTURE_BYTES: Final = 2 * 1024 * 1024
MAX_BUNDLE_BYTES: Final = 24 * 1024 * 1024
MAX_BUNDLE_MEMBERS: Final = 64

_PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
_ID_MAX: Final = 64
_SVG_NAMESPACE: Final = "{http://www.w3.org/2000/svg}"


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


@dataclass(frozen=True)
class ImportResult:
    routine: Routine
    """The routine as it was saved (with its new id and picture names if they were taken)."""
    path: Path
    renamed_from: str | None
    """The id the routine had in the file when that id was taken; ``None`` if it was free."""
    pictures: tuple[Path, ...]
    """The picture files the import wrote (pictures already present are not listed)."""


# --- places ---------------------------------------------------------------------------


def _folder(folder: Path | None) -> Path:
    return folder if folder is not None else paths.routines_dir()


def routine_path(routine_id: str, folder: Path | None = None) -> Path:
    """The file a routine is saved to: ``<id>.toml`` in the routines folder."""
    if not routine_file.ID_PATTERN.match(routine_id):
        raise RoutineStoreError(f'"{routine_id}" cannot be used as a routine file name.')
    return _folder(folder) / f"{routine_id}.toml"


def pictures_dir(folder: Path | None = None) -> Path:
    return _folder(folder) / PICTURES_FOLDER


def _confined_pictures_dir(folder: Path | None) -> Path:
    """The pictures folder, refusing one that a link has moved out of the routines folder."""
    base = _folder(folder)
    pictures = pictures_dir(folder)
    if pictures.is_symlink() or (
        pictures.exists() and not pictures.resolve().is_relative_to(base.resolve())
    ):
        raise RoutineStoreError(
            f"{pictures} is a link to somewhere else; Supple keeps pictures inside "
            f"{base} only. Replace the link with a plain folder."
        )
    return pictures


def find_picture(name: str, folder: Path | None = None) -> Path | None:
    """The user's picture file for an exercise picture name, or ``None`` if there is none."""
    if not routine_file.ID_PATTERN.match(name):
        return None
    for suffix in PICTURE_SUFFIXES:
        candidate = pictures_dir(folder) / f"{name}{suffix}"
        if candidate.is_file() and not candidate.is_symlink():
            return candidate
    return None


# --- names -----------------------------------------------------------------------------


def slugify(text: str) -> str:
    """A file-safe id from a name: ``"Sore Legs (easy)"`` -> ``"sore-legs-easy"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:_ID_MAX].rstrip("-") or "routine"


def _numbered(base: str, number: int) -> str:
    if number <= 1:
        return base[:_ID_MAX].rstrip("-") or "routine"
    suffix = f"-{number}"
    return base[: _ID_MAX - len(suffix)].rstrip("-") + suffix


def _first_free(base: str, taken: Iterable[str]) -> str:
    used = set(taken)
    number = 1
    while (candidate := _numbered(base, number)) in used:
        number += 1
    return candidate


def _ids_in(path: Path) -> str | None:
    """The id a routine file declares (or its file name), read leniently; ``None`` if unreadable."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    declared = data.get("id")
    return declared if isinstance(declared, str) and declared else path.stem


def taken_ids(folder: Path | None = None) -> set[str]:
    """Ids a new routine cannot have: the built-in ones and those of every file in the folder."""
    taken = {r.id for r in builtin_routines()}
    base = _folder(folder)
    if base.is_dir():
        for path in base.glob("*.toml"):
            taken.add(path.stem)
            declared = _ids_in(path)
            if declared:
                taken.add(declared)
    return taken


def _taken_names(folder: Path | None) -> set[str]:
    names = {r.name.casefold() for r in builtin_routines()}
    base = _folder(folder)
    if base.is_dir():
        for path in base.glob("*.toml"):
            with contextlib.suppress(OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                name = tomllib.loads(path.read_text(encoding="utf-8")).get("name")
                if isinstance(name, str):
                    names.add(name.casefold())
    return names


def available_id(base: str, folder: Path | None = None, also_taken: Iterable[str] = ()) -> str:
    """``base`` if no routine uses it, else ``base-2``, ``base-3``, ..."""
    return _first_free(slugify(base), taken_ids(folder) | set(also_taken))


def _available_name(name: str, taken: set[str], mark: str) -> str:
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


# --- writing ---------------------------------------------------------------------------


def _write_or_explain(path: Path, data: bytes, what: str) -> None:
    try:
        write_bytes(path, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise RoutineStoreError(
            f"Supple could not save {what} to {path}: {reason}. The file on disk was not "
            "changed; free some space or make the folder writable, then save again."
        ) from exc


# --- pictures --------------------------------------------------------------------------


def _picture_problem(data: bytes, suffix: str) -> str | None:
    """What is wrong with a picture's content, or ``None`` if it can be shown safely."""
    if len(data) > MAX_PICTURE_BYTES:
        return (
            f"is {len(data) // 1024} KB; pictures can be at most "
            f"{MAX_PICTURE_BYTES // (1024 * 1024)} MB"
        )
    if suffix == ".png":
        if not data.startswith(_PNG_SIGNATURE):
            return "is named .png but is not a PNG picture"
        return None
    if suffix != ".svg":
        return f'is a "{suffix or "no extension"}" file; pictures must be .svg or .png'
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "is named .svg but is not SVG text (it is not UTF-8)"
    lowered = text.lower()
    if "<!doctype" in lowered or "<!entity" in lowered:
        return "is an SVG with a DOCTYPE or entities, which Supple does not open"
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        return f"is named .svg but is not valid SVG ({exc})"
    if root.tag not in ("svg", f"{_SVG_NAMESPACE}svg"):
        return "is named .svg but its content is not an SVG picture"
    for element in root.iter():
        for key, value in element.attrib.items():
            if key.endswith("href") and not value.startswith(("#", "data:")):
                return "is an SVG that links to other files, which Supple does not open"
    return None


def check_picture(path: Path) -> bytes:
    """A picture file's bytes, or ``RoutineStoreError`` saying why it cannot be used."""
    suffix = path.suffix.lower()
    if suffix not in PICTURE_SUFFIXES:
        raise RoutineStoreError(
            f"{path.name} cannot be used as a picture: choose an .svg or .png file."
        )
    try:
        if not path.is_file():
            raise RoutineStoreError(f"{path} cannot be used as a picture: it is not a file.")
        if path.stat().st_size > MAX_PICTURE_BYTES:
            raise RoutineStoreError(
                f"{path.name} cannot be used as a picture: it is larger than "
                f"{MAX_PICTURE_BYTES // (1024 * 1024)} MB."
            )
        data = path.read_bytes()
    except OSError as exc:
        raise RoutineStoreError(
            f"{path.name} cannot be read: {exc.strerror or exc}. Check the file and try again."
        ) from exc
    problem = _picture_problem(data, suffix)
    if problem is not None:
        raise RoutineStoreError(f"{path.name} cannot be used as a picture: it {problem}.")
    return data


def _builtin_picture_names() -> set[str]:
    folder = paths.assets_dir() / "exercises"
    return {p.stem for p in folder.glob("*.svg")} if folder.is_dir() else set()


def _place_picture(
    wanted: str, data: bytes, suffix: str, folder: Path | None, reserved: set[str]
) -> tuple[str, Path, bool]:
    """A picture name for ``data``: ``wanted`` or a numbered variant that is free or already
    holds these very bytes. Returns the name, its file and whether it still needs writing."""
    pictures = _confined_pictures_dir(folder)
    avoid = _builtin_picture_names() | reserved
    number = 1
    while True:
        name = _numbered(wanted, number)
        number += 1
        if name in avoid:
            continue
        existing = find_picture(name, folder)
        target = pictures / f"{name}{suffix}"
        if existing is None:
            if target.exists() or target.is_symlink():
                continue  # something that is not a plain picture file; leave it alone
            return name, target, True
        with contextlib.suppress(OSError):
            if existing.suffix == suffix and existing.read_bytes() == data:
                return name, existing, False


def _referenced_pictures(folder: Path | None) -> set[str] | None:
    """Picture names any routine file in the folder uses; ``None`` when a file is unreadable
    (then nobody can tell what is unused, and nothing is removed)."""
    used: set[str] = set()
    for path in _folder(folder).glob("*.toml"):
        images = _images_of_file(path)
        if images is None:
            return None
        used |= images
    return used


def _prune_pictures(folder: Path | None, candidates: Iterable[str]) -> None:
    """Remove pictures among ``candidates`` that no routine uses any more."""
    used = _referenced_pictures(folder)
    if used is None:
        return
    for name in set(candidates) - used:
        picture = find_picture(name, folder)
        if picture is not None:
            with contextlib.suppress(OSError):
                picture.unlink()


# --- routines --------------------------------------------------------------------------


def _validated(routine: Routine, file: str) -> Routine:
    """The routine as a file would load it, or ``RoutineStoreError`` with the validator's
    problems, so nothing is ever saved that the app could not read back."""
    try:
        return routine_file.loads(routine_file.dumps(routine), file, builtin_exercises())
    except RoutineFileError as exc:
        raise RoutineStoreError(
            f'"{routine.name or routine.id}" was not saved: fix these problems first.',
            exc.problems,
        ) from exc


def routine_file_for(routine_id: str, folder: Path | None = None) -> Path | None:
    """The file holding a user routine: ``<id>.toml``, or a hand-named file declaring the id."""
    base = _folder(folder)
    if routine_file.ID_PATTERN.match(routine_id):
        direct = base / f"{routine_id}.toml"
        if direct.is_file():
            return direct
    if base.is_dir():
        for path in sorted(base.glob("*.toml")):
            if _ids_in(path) == routine_id:
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
            f'"{routine.name}" is a built-in routine and cannot be changed; '
            "duplicate it and edit the copy."
        )
    path = routine_path(routine.id, folder)
    own = {e.id for e in routine.exercises}
    placed: list[tuple[Path, bytes]] = []
    new_pictures: dict[str, str] = {}
    reserved: set[str] = set()
    for exercise_id, source in (pictures or {}).items():
        if exercise_id not in own:
            raise RoutineStoreError(
                f'"{exercise_id}" is not one of this routine\'s own exercises; '
                "only those can have a picture of their own."
            )
        data = check_picture(source)
        name, target, needs_write = _place_picture(
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
    saved = _validated(routine, path.name)
    old_file = routine_file_for(routine.id, folder)
    old_images = (_images_of_file(old_file) if old_file is not None else None) or set()
    written: list[Path] = []
    try:
        for target, data in placed:
            _write_or_explain(target, data, f"the picture {target.name}")
            written.append(target)
        _write_or_explain(path, routine_file.dumps(saved).encode("utf-8"), f'"{saved.name}"')
    except RoutineStoreError:
        for target in written:
            with contextlib.suppress(OSError):
                target.unlink()
        raise
    if old_file is not None and old_file != path:
        with contextlib.suppress(OSError):
            old_file.unlink()
    _prune_pictures(folder, old_images - {e.image_name for e in saved.exercises})
    return saved, path


def _images_of_file(path: Path) -> set[str] | None:
    """The picture names a routine file's own exercises use, or ``None`` if it cannot be read."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    found: set[str] = set()
    exercises = data.get("exercises", [])
    for table in exercises if isinstance(exercises, list) else []:
        if isinstance(table, dict):
            image = table.get("image") or table.get("id")
            if isinstance(image, str):
                found.add(image)
    return found


def delete_routine(routine_id: str, folder: Path | None = None) -> Path:
    """Remove a user routine's file (and pictures only it used); returns the removed file."""
    if routine_id in {r.id for r in builtin_routines()}:
        raise RoutineStoreError("Built-in routines cannot be deleted.")
    path = routine_file_for(routine_id, folder)
    if path is None:
        raise RoutineStoreError(
            f'There is no saved routine "{routine_id}" in {_folder(folder)} to delete.'
        )
    images = _images_of_file(path) or set()
    try:
        path.unlink()
    except OSError as exc:
        raise RoutineStoreError(
            f"Supple could not delete {path}: {exc.strerror or exc}. Make the folder writable."
        ) from exc
    sync_folder(path.parent)
    _prune_pictures(folder, images)
    return path


def duplicate_routine(routine: Routine, folder: Path | None = None) -> Routine:
    """An unsaved copy with a free id (``<id>-copy``, ``<id>-copy-2``...) and name ``… (copy)``."""
    taken = taken_ids(folder)
    number = 1
    while (candidate := _numbered(f"{routine.id}-copy", number)) in taken:
        number += 1
    name = _available_name(routine.name, _taken_names(folder) | {routine.name.casefold()}, "copy")
    return replace(routine, id=candidate, name=name)


def new_routine(folder: Path | None = None, name: str = "New routine") -> Routine:
    """An unsaved, empty routine with a free id and name, ready to be filled in.

    Its one block has no entries yet, which the validator reports until one is added.
    """
    unique_name = _available_name(name, _taken_names(folder), "")
    routine_id = available_id(unique_name, folder)
    return Routine(
        id=routine_id,
        name=unique_name,
        blocks=(Block(name="Circuit", entries=(), rounds=1, rest_between_exercises=15),),
    )


# --- bundles ---------------------------------------------------------------------------


def export_bundle(routine: Routine, target: Path, folder: Path | None = None) -> Path:
    """Write ``routine.toml`` and the pictures of its own exercises to a zip at ``target``."""
    if target.suffix.lower() != BUNDLE_SUFFIX:
        target = target.with_name(target.name + BUNDLE_SUFFIX)
    saved = _validated(routine, BUNDLE_ROUTINE)
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
                    f"Supple could not read the picture {picture}: {exc.strerror or exc}."
                ) from exc
            bundle.writestr(_member(f"{BUNDLE_PICTURES}/{picture.name}"), data)
    _write_or_explain(target, buffer.getvalue(), f'the bundle of "{saved.name}"')
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
    name = info.filename
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "is a symbolic link; bundles may only hold plain files"
    if info.flag_bits & 0x1:
        return "is encrypted; export the routine again without a password"
    if "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "has an absolute or Windows-style path; bundle paths must be relative"
    parts = PurePosixPath(name).parts
    if any(part in ("..", ".") for part in name.split("/")):
        return "points outside the bundle (..); bundle paths must stay inside it"
    if name.endswith("/"):
        if name == f"{BUNDLE_PICTURES}/":
            return None
        return f"is a folder; a bundle holds only {BUNDLE_ROUTINE} and {BUNDLE_PICTURES}/"
    if name == BUNDLE_ROUTINE:
        if info.file_size > MAX_ROUTINE_BYTES:
            return f"is larger than {MAX_ROUTINE_BYTES // 1024} KB, too big for a routine"
        return None
    if len(parts) == 2 and parts[0] == BUNDLE_PICTURES:
        picture = PurePosixPath(parts[1])
        if picture.suffix not in PICTURE_SUFFIXES:
            return "is not an .svg or .png picture (lowercase extension)"
        if not routine_file.ID_PATTERN.match(picture.stem):
            return (
                "has a picture name Supple cannot use: lowercase letters, digits and hyphens only"
            )
        if info.file_size > MAX_PICTURE_BYTES:
            return f"is larger than {MAX_PICTURE_BYTES // (1024 * 1024)} MB, too big for a picture"
        return None
    return f"is not part of a routine bundle (expected {BUNDLE_ROUTINE} and {BUNDLE_PICTURES}/)"


def _read_member(bundle: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """The member's bytes, reading at most ``limit + 1`` so a lying size header cannot
    make Supple unpack more than it checked."""
    with bundle.open(info) as handle:
        data = handle.read(limit + 1)
    return None if len(data) > limit else data


def _read_bundle(source: Path) -> _Incoming:
    label = source.name
    problems: list[Problem] = []
    try:
        if source.stat().st_size > MAX_BUNDLE_BYTES:
            raise RoutineStoreError(
                f"{label} cannot be imported: it is larger than "
                f"{MAX_BUNDLE_BYTES // (1024 * 1024)} MB. Nothing was copied."
            )
        bundle = zipfile.ZipFile(source)
    except zipfile.BadZipFile as exc:
        raise RoutineStoreError(
            f"{label} cannot be imported: it is not a zip file ({exc}). Nothing was copied."
        ) from exc
    except OSError as exc:
        raise RoutineStoreError(
            f"{label} cannot be read: {exc.strerror or exc}. Nothing was copied."
        ) from exc
    with bundle:
        members = bundle.infolist()
        if len(members) > MAX_BUNDLE_MEMBERS:
            raise RoutineStoreError(
                f"{label} cannot be imported: it holds {len(members)} files; a routine bundle "
                f"holds at most {MAX_BUNDLE_MEMBERS}. Nothing was copied."
            )
        seen: set[str] = set()
        for info in members:
            problem = _member_problem(info)
            if problem is None and info.filename in seen:
                problem = "appears twice in the bundle"
            seen.add(info.filename)
            if problem is not None:
                problems.append(Problem(label, info.filename, problem))
        if BUNDLE_ROUTINE not in seen:
            problems.append(
                Problem(label, "", f"has no {BUNDLE_ROUTINE}; it is not a Supple routine bundle")
            )
        if sum(i.file_size for i in members) > MAX_BUNDLE_BYTES:
            problems.append(
                Problem(
                    label,
                    "",
                    f"unpacks to more than {MAX_BUNDLE_BYTES // (1024 * 1024)} MB, "
                    "too big for a routine bundle",
                )
            )
        if problems:
            raise RoutineStoreError(f"{label} cannot be imported; nothing was copied.", problems)
        text = ""
        pictures: dict[str, tuple[str, bytes]] = {}
        for info in members:
            if info.is_dir():
                continue
            try:
                if info.filename == BUNDLE_ROUTINE:
                    raw = _read_member(bundle, info, MAX_ROUTINE_BYTES)
                    if raw is None:
                        problems.append(Problem(label, info.filename, "is too big for a routine"))
                        continue
                    try:
                        text = raw.decode("utf-8")
                    except UnicodeDecodeError:
                        problems.append(
                            Problem(label, info.filename, "is not UTF-8 text; save it as UTF-8")
                        )
                    continue
                data = _read_member(bundle, info, MAX_PICTURE_BYTES)
                picture = PurePosixPath(info.filename)
                problem = (
                    "is too big for a picture"
                    if data is None
                    else _picture_problem(data, picture.suffix)
                )
                if problem is not None or data is None:
                    problems.append(Problem(label, info.filename, problem or "cannot be read"))
                    continue
                if picture.stem in pictures:
                    problems.append(
                        Problem(label, info.filename, "has the same name as another picture")
                    )
                    continue
                pictures[picture.stem] = (picture.suffix, data)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
                problems.append(Problem(label, info.filename, f"cannot be unpacked: {exc}"))
    if problems:
        raise RoutineStoreError(f"{label} cannot be imported; nothing was copied.", problems)
    return _Incoming(text=text, file=BUNDLE_ROUTINE, default_id="", pictures=pictures)


def _read_plain(source: Path) -> _Incoming:
    try:
        if source.stat().st_size > MAX_ROUTINE_BYTES:
            raise RoutineStoreError(
                f"{source.name} cannot be imported: it is larger than "
                f"{MAX_ROUTINE_BYTES // 1024} KB, too big for a routine. Nothing was copied."
            )
        text = source.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RoutineStoreError(
            f"{source.name} cannot be imported: it is not UTF-8 text. Nothing was copied."
        ) from exc
    except OSError as exc:
        raise RoutineStoreError(
            f"{source.name} cannot be read: {exc.strerror or exc}. Nothing was copied."
        ) from exc
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
            f"{source.name} cannot be imported: choose a routine bundle (.zip) or a routine "
            "file (.toml). Nothing was copied."
        )
    catalog = builtin_exercises()
    try:
        routine = routine_file.loads(incoming.text, incoming.file, catalog, incoming.default_id)
    except RoutineFileError as exc:
        raise RoutineStoreError(
            f"{source.name} cannot be imported; nothing was copied.", exc.problems
        ) from exc

    used_images = {e.image_name for e in routine.exercises}
    unused = sorted(set(incoming.pictures) - used_images)
    if unused:
        raise RoutineStoreError(
            f"{source.name} cannot be imported; nothing was copied.",
            [
                Problem(
                    source.name,
                    f"{BUNDLE_PICTURES}/{name}{incoming.pictures[name][0]}",
                    "is not the picture of any exercise in the routine",
                )
                for name in unused
            ],
        )

    renamed_from: str | None = None
    taken = taken_ids(folder)
    if routine.id in taken:
        renamed_from = routine.id
        routine = replace(routine, id=_first_free(routine.id, taken))
    routine = replace(routine, name=_available_name(routine.name, _taken_names(folder), "imported"))

    renames: dict[str, str] = {}
    to_write: list[tuple[Path, bytes]] = []
    reserved: set[str] = set()
    for name, (picture_suffix, data) in sorted(incoming.pictures.items()):
        placed_name, target, needs_write = _place_picture(
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

    path = routine_path(routine.id, folder)
    written: list[Path] = []
    try:
        for target, data in to_write:
            _write_or_explain(target, data, f"the picture {target.name}")
            written.append(target)
        _write_or_explain(path, routine_file.dumps(routine).encode("utf-8"), f'"{routine.name}"')
    except RoutineStoreError:
        for target in written:
            with contextlib.suppress(OSError):
                target.unlink()
        raise
    return ImportResult(
        routine=routine, path=path, renamed_from=renamed_from, pictures=tuple(written)
    )


def _renamed_picture(exercise: Exercise, renames: Mapping[str, str]) -> Exercise:
    new = renames.get(exercise.image_name)
    return replace(exercise, image=new) if new is not None else exercise
