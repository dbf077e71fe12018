"""Everything the history can go wrong with, as exceptions whose text can be shown as is.

Each message says what happened, where, and what the user can do about it, so the
UI never has to translate SQLite's wording.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from supple.core.i18n import N_, _, ngettext

__all__ = [
    "HistoryCorruptError",
    "HistoryError",
    "HistoryReadError",
    "HistoryUnavailableError",
    "HistoryWriteError",
    "ImportFormatError",
    "ImportProblem",
    "NoHistoryError",
    "ReadOnlyHistoryError",
    "UnknownSessionError",
    "translate_read_error",
    "translate_sqlite_error",
]


class HistoryError(Exception):
    """Base for history problems; ``str(error)`` is a sentence for the user."""

    @property
    def message(self) -> str:
        return str(self)


class HistoryUnavailableError(HistoryError):
    """The history file cannot be opened or created at all (missing folder, no permission)."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class NoHistoryError(HistoryError):
    """There is no open history to ask: opening it failed, and the notice said why."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "The history is not available right now; see the notice above for why and "
                "what to do."
            )
        )


class HistoryWriteError(HistoryError):
    """Writing failed for a reason outside Supple: disk full, read-only folder, I/O error.

    ``reason`` is SQLite's short name for it (``SQLITE_FULL``, ``SQLITE_READONLY``...).
    These are worth retrying later; nothing about the record itself is wrong.
    """

    def __init__(self, message: str, path: Path, reason: str) -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason


class HistoryReadError(HistoryError):
    """Reading failed for a reason outside Supple: another program holds the file, the
    drive reported an error. ``reason`` is SQLite's short name for it, as for writes.
    Worth trying again later; the history itself may be fine.
    """

    def __init__(self, message: str, path: Path, reason: str) -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason


class ReadOnlyHistoryError(HistoryWriteError):
    """The history was opened read-only on purpose (written by a newer Supple)."""


class HistoryCorruptError(HistoryError):
    """The file is damaged or is not a Supple history."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class UnknownSessionError(HistoryError, LookupError):
    """A call named a session the history does not hold."""

    def __init__(self, session_uuid: str) -> None:
        super().__init__(
            _("There is no session {session} in the history.").format(session=session_uuid)
        )
        self.session_uuid = session_uuid


class ImportProblem:
    """One thing wrong in an import file, with a path to it like ``sessions[3].steps[0].kind``."""

    __slots__ = ("found", "location", "problem")

    def __init__(self, location: str, problem: str, found: object) -> None:
        self.location = location
        self.problem = problem
        self.found = found

    def __str__(self) -> str:
        return _("{location}: {problem}, found {found}").format(
            location=self.location, problem=_(self.problem), found=_show(self.found)
        )

    def __repr__(self) -> str:
        return f"ImportProblem({self.location!r}, {self.problem!r}, {self.found!r})"


class ImportFormatError(HistoryError, ValueError):
    """An import file does not have the expected shape; nothing was written."""

    def __init__(self, source: str, problems: list[ImportProblem]) -> None:
        shown = problems[:20]
        lines = [
            _("{file} cannot be imported; nothing was added to the history.").format(file=source)
        ]
        lines += [f"  {problem}" for problem in shown]
        more = len(problems) - len(shown)
        if more:
            lines.append(
                "  "
                + ngettext("... and {n} more problem.", "... and {n} more problems.", more).format(
                    n=more
                )
            )
        super().__init__("\n".join(lines))
        self.source = source
        self.problems = problems


def _show(value: object) -> str:
    if value is _MISSING:
        return _("nothing (the field is missing)")
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING = _Missing()
MISSING: object = _MISSING
"""Marker for ``ImportProblem.found`` when a required field is absent."""


_WRITE_HINTS = {
    "SQLITE_FULL": N_("the disk is full. Free some space"),
    "SQLITE_READONLY": N_("the file or its folder is read-only. Make it writable"),
    "SQLITE_CANTOPEN": N_(
        "the file cannot be opened. Check that the folder exists and is writable"
    ),
    "SQLITE_PERM": N_("permission was refused. Make the folder writable"),
    "SQLITE_IOERR": N_("the disk reported an input/output error. Check the drive"),
    "SQLITE_BUSY": N_("another program holds the file. Close other copies of Supple"),
    "SQLITE_LOCKED": N_("another program holds the file. Close other copies of Supple"),
}

_CORRUPT_NAMES = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}


def translate_sqlite_error(error: sqlite3.Error, path: Path, doing: str) -> HistoryError | None:
    """Turn a SQLite failure into a history error the user can act on, or None.

    ``doing`` completes "Supple could not ..." (e.g. "save the last step").
    Errors that are bugs rather than conditions of the disk (SQL mistakes,
    constraint violations) give None, and the caller lets them propagate.
    """
    name = getattr(error, "sqlite_errorname", "") or ""
    primary = "_".join(name.split("_")[:2])  # SQLITE_IOERR_WRITE -> SQLITE_IOERR
    text = str(error)
    if primary in _CORRUPT_NAMES or "malformed" in text or "not a database" in text:
        return HistoryCorruptError(
            _("Supple could not {doing}: the history file {path} is damaged ({error}).").format(
                doing=_(doing), path=path, error=text
            ),
            path,
        )
    hint = _WRITE_HINTS.get(primary)
    if hint is None:
        return None
    return HistoryWriteError(
        _("Supple could not {doing} in {path}: {hint}.").format(
            doing=_(doing), path=path, hint=_(hint)
        ),
        path,
        primary,
    )


def translate_read_error(error: sqlite3.Error, path: Path, doing: str) -> HistoryError | None:
    """As :func:`translate_sqlite_error`, for a query: the history's error for it, or None.

    A connection closed under the reader (the history was closed or replaced) is
    ``HistoryUnavailableError``; a damaged file ``HistoryCorruptError``; a held file or
    a failing drive ``HistoryReadError``.
    """
    if isinstance(error, sqlite3.ProgrammingError) and "closed" in str(error):
        return HistoryUnavailableError(
            _(
                "Supple could not {doing}: the history at {path} is no longer open. "
                "Restart Supple to open it again."
            ).format(doing=_(doing), path=path),
            path,
        )
    translated = translate_sqlite_error(error, path, doing)
    if isinstance(translated, HistoryWriteError):
        return HistoryReadError(str(translated), path, translated.reason)
    return translated
