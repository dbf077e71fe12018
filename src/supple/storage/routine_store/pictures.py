"""Pictures of a routine's own exercises, kept in ``routines/pictures/<name>.svg|png``.

``<name>`` is the exercise's picture name. Pictures are shared by name: saving or
importing a picture whose name is taken by different content picks a new name
(``slider-curl-2``) rather than replacing someone else's picture. A picture from
outside is checked completely (type, size, an SVG's content) before it is copied.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path
from typing import Final
from xml.etree import ElementTree

from supple import paths
from supple.core import routine_file
from supple.core.i18n import _
from supple.storage.routine_store.folder import (
    RoutineStoreError,
    folder_or_default,
    numbered,
    read_leniently,
)

PICTURES_FOLDER: Final = "pictures"
PICTURE_SUFFIXES: Final = (".svg", ".png")
MAX_PICTURE_BYTES: Final = 2 * 1024 * 1024
_PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
_SVG_NAMESPACE: Final = "{http://www.w3.org/2000/svg}"


def pictures_dir(folder: Path | None = None) -> Path:
    return folder_or_default(folder) / PICTURES_FOLDER


def _confined_pictures_dir(folder: Path | None) -> Path:
    """The pictures folder, refusing one that a link has moved out of the routines folder."""
    base = folder_or_default(folder)
    pictures = pictures_dir(folder)
    if pictures.is_symlink() or (
        pictures.exists() and not pictures.resolve().is_relative_to(base.resolve())
    ):
        raise RoutineStoreError(
            _(
                "{pictures} is a link to somewhere else; Supple keeps pictures inside "
                "{folder} only. Replace the link with a plain folder."
            ).format(pictures=pictures, folder=base)
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


def picture_problem(data: bytes, suffix: str) -> str | None:
    """What is wrong with a picture's content, or ``None`` if it can be shown safely.

    The answer goes after the file's name ("slider.png: is named .png but ..."), translated.
    """
    if len(data) > MAX_PICTURE_BYTES:
        return _("is {size} KB; pictures can be at most {most} MB").format(
            size=len(data) // 1024, most=MAX_PICTURE_BYTES // (1024 * 1024)
        )
    if suffix == ".png":
        if not data.startswith(_PNG_SIGNATURE):
            return _("is named .png but is not a PNG picture")
        return None
    if suffix != ".svg":
        if not suffix:
            return _("has no extension; pictures must be .svg or .png")
        return _('is a "{suffix}" file; pictures must be .svg or .png').format(suffix=suffix)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _("is named .svg but is not SVG text (it is not UTF-8)")
    lowered = text.lower()
    if "<!doctype" in lowered or "<!entity" in lowered:
        return _("is an SVG with a DOCTYPE or entities, which Supple does not open")
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        return _("is named .svg but is not valid SVG ({error})").format(error=exc)
    if root.tag not in ("svg", f"{_SVG_NAMESPACE}svg"):
        return _("is named .svg but its content is not an SVG picture")
    for element in root.iter():
        for key, value in element.attrib.items():
            if key.endswith("href") and not value.startswith(("#", "data:")):
                return _("is an SVG that links to other files, which Supple does not open")
    return None


def check_picture(path: Path) -> bytes:
    """A picture file's bytes, or ``RoutineStoreError`` saying why it cannot be used."""
    suffix = path.suffix.lower()
    if suffix not in PICTURE_SUFFIXES:
        raise RoutineStoreError(
            _("{file} cannot be used as a picture: choose an .svg or .png file.").format(
                file=path.name
            )
        )
    try:
        if not path.is_file():
            raise RoutineStoreError(
                _("{file} cannot be used as a picture: it is not a file.").format(file=path)
            )
        if path.stat().st_size > MAX_PICTURE_BYTES:
            raise RoutineStoreError(
                _("{file} cannot be used as a picture: it is larger than {most} MB.").format(
                    file=path.name, most=MAX_PICTURE_BYTES // (1024 * 1024)
                )
            )
        data = path.read_bytes()
    except OSError as exc:
        raise RoutineStoreError(
            _("{file} cannot be read: {reason}. Check the file and try again.").format(
                file=path.name, reason=exc.strerror or exc
            )
        ) from exc
    problem = picture_problem(data, suffix)
    if problem is not None:
        raise RoutineStoreError(
            # Translators: {problem} is a sentence part like "is named .png but is not a PNG
            # picture", said of the file.
            _("{file} cannot be used as a picture: it {problem}.").format(
                file=path.name, problem=problem
            )
        )
    return data


def _builtin_picture_names() -> set[str]:
    folder = paths.assets_dir() / "exercises"
    return {p.stem for p in folder.glob("*.svg")} if folder.is_dir() else set()


def place_picture(
    wanted: str, data: bytes, suffix: str, folder: Path | None, reserved: set[str]
) -> tuple[str, Path, bool]:
    """A picture name for ``data``: ``wanted`` or a numbered variant that is free or already
    holds these very bytes. Returns the name, its file and whether it still needs writing."""
    pictures = _confined_pictures_dir(folder)
    avoid = _builtin_picture_names() | reserved
    number = 1
    while True:
        name = numbered(wanted, number)
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


def images_of_file(path: Path) -> set[str] | None:
    """The picture names a routine file's own exercises use, or ``None`` if it cannot be read."""
    data = read_leniently(path)
    if data is None:
        return None
    found: set[str] = set()
    exercises = data.get("exercises", [])
    for table in exercises if isinstance(exercises, list) else []:
        if isinstance(table, dict):
            image = table.get("image") or table.get("id")
            if isinstance(image, str):
                found.add(image)
    return found


def _referenced_pictures(folder: Path | None) -> set[str] | None:
    """Picture names any routine file in the folder uses; ``None`` when a file is unreadable
    (then nobody can tell what is unused, and nothing is removed)."""
    used: set[str] = set()
    for path in folder_or_default(folder).glob("*.toml"):
        images = images_of_file(path)
        if images is None:
            return None
        used |= images
    return used


def prune_pictures(folder: Path | None, candidates: Iterable[str]) -> None:
    """Remove pictures among ``candidates`` that no routine uses any more."""
    used = _referenced_pictures(folder)
    if used is None:
        return
    for name in set(candidates) - used:
        picture = find_picture(name, folder)
        if picture is not None:
            with contextlib.suppress(OSError):
                picture.unlink()
