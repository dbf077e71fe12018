"""Opening the history file: settings, upgrades, and what to do when the file is not right.

Opening never silently loses data. A damaged file is moved aside (with its WAL
and shared-memory files) under a timestamped name and a fresh one is started; an
old file is backed up before it is upgraded; a file from a newer Supple is opened
read-only and never downgraded; a file in a folder that cannot be written is opened
read-only, from a snapshot if need be, so the history can still be seen. Each of
these leaves an ``OpenNotice`` that the UI shows once, with the path of the file
the user may want to keep.

Durability: WAL with ``synchronous=FULL``. A step is committed every 10 to 60
seconds, so one fsync per commit costs nothing noticeable, and it makes each
committed step survive a power cut too (a laptop on the floor, on battery), not
only a crash of Supple itself, which is all ``NORMAL`` promises in WAL mode.
"""

from __future__ import annotations

import contextlib
import glob
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from supple.core.i18n import N_, _
from supple.storage.check_stamp import check_due, note_checked
from supple.storage.errors import (
    HistoryCorruptError,
    HistoryError,
    HistoryUnavailableError,
    HistoryWriteError,
    translate_sqlite_error,
)
from supple.storage.schema import LATEST_VERSION, detect_version, migrate, schema_version

__all__ = [
    "NoticeKind",
    "OpenNotice",
    "OpenedDatabase",
    "backup_copy",
    "connect",
    "move_aside",
    "open_database",
    "use_wal",
]

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 3000
DISK_FULL_BYTES = 2**20
"""Less free space than this, where a write was refused, means the disk is full."""
_COMPANIONS = ("-wal", "-shm", "-journal")


class NoticeKind(StrEnum):
    CREATED = "created"
    MIGRATED = "migrated"
    RECOVERED = "recovered"
    """The file was damaged; it was moved aside and a fresh history started."""
    NEWER_READ_ONLY = "newer_read_only"
    READ_ONLY = "read_only"
    """The file or its folder cannot be written; the history can be read but not added to."""


@dataclass(frozen=True)
class OpenNotice:
    """Something the user should hear about once, e.g. where a damaged file went."""

    kind: NoticeKind
    message: str
    path: Path | None = None
    """The moved-aside or backup file, when there is one."""


@dataclass
class OpenedDatabase:
    connection: sqlite3.Connection
    path: Path
    read_only: bool
    schema_version: int
    notices: list[OpenNotice] = field(default_factory=list)


def local_now() -> datetime:
    return datetime.now().astimezone()


def connect(
    path: Path, *, read_only: bool = False, create: bool = True, immutable: bool = False
) -> sqlite3.Connection:
    """A connection in autocommit mode with foreign keys on, FULL sync and a busy timeout.

    It does not change the file: WAL is switched on by ``use_wal`` once the file
    is known to be a Supple history.

    ``immutable`` reads the main file as it is, without the locks and the shared-memory
    file a WAL database needs, which SQLite cannot create in a folder it may not write
    to. The file must not change while it is open, and the WAL file is not read.
    """
    mode = "ro" if read_only else ("rwc" if create else "rw")
    if immutable:
        mode = "ro&immutable=1"
    uri = f"{path.absolute().as_uri()}?mode={mode}"
    connection = sqlite3.connect(
        uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
    )
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA synchronous = FULL")
    except BaseException:
        connection.close()
        raise
    return connection


def use_wal(connection: sqlite3.Connection) -> None:
    """Write-ahead logging: readers never block the writer, and a commit is one append."""
    mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise sqlite3.OperationalError(
            _("the history could not switch to WAL (it is in {mode})").format(mode=mode)
        )


def move_aside(path: Path, now: Callable[[], datetime] = local_now) -> Path:
    """Rename a bad file (and its -wal/-shm) to ``<name>.corrupt-YYYYMMDD-HHMMSS``."""
    target = _free_name(path, f"{path.name}.corrupt-{now():%Y%m%d-%H%M%S}")
    for suffix in ("", *_COMPANIONS):
        source = path.with_name(path.name + suffix)
        if source.exists():
            source.replace(target.with_name(target.name + suffix))
    return target


def backup_copy(
    connection: sqlite3.Connection, path: Path, version: int, now: Callable[[], datetime]
) -> Path:
    """Copy the live file with SQLite's backup API, which is safe while it is open."""
    target = _free_name(path, f"{path.stem}-v{version}-backup-{now():%Y%m%d-%H%M%S}{path.suffix}")
    destination = sqlite3.connect(target)
    try:
        connection.backup(destination)
    except BaseException:
        destination.close()
        with contextlib.suppress(OSError):
            target.unlink()
        raise
    destination.close()
    return target


def _free_name(path: Path, name: str) -> Path:
    candidate = path.with_name(name)
    number = 2
    while any(candidate.with_name(candidate.name + s).exists() for s in ("", *_COMPANIONS)):
        candidate = path.with_name(f"{name}-{number}")
        number += 1
    return candidate


def _looks_like_sqlite(path: Path) -> bool:
    """True for an SQLite header, or for an empty file (SQLite treats it as a new database)."""
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_HEADER))
    return head in (b"", SQLITE_HEADER)


def _check_integrity(connection: sqlite3.Connection, path: Path) -> None:
    """``quick_check`` reads every page and catches truncation and damaged pages.

    It skips the slower index-content comparison of ``integrity_check``; an index
    that disagrees with its table shows up later as wrong totals, not lost data.
    About 45 ms for ten years of daily sessions.
    """
    # CHECK constraints are enforced on every write already; re-evaluating them for
    # each row would make this check several times slower without finding damage.
    connection.execute("PRAGMA ignore_check_constraints = ON")
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    finally:
        connection.execute("PRAGMA ignore_check_constraints = OFF")
    if [tuple(row) for row in rows] != [("ok",)]:
        first = "; ".join(str(row[0]) for row in rows[:3])
        raise HistoryCorruptError(
            _("The history file {path} failed its check: {found}.").format(path=path, found=first),
            path,
        )


def _has_tables(connection: sqlite3.Connection) -> bool:
    row = connection.execute("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").fetchone()
    return bool(row[0])


def _unavailable(path: Path, error: BaseException) -> HistoryUnavailableError:
    """Why no history could be opened, said once (a history error is already a sentence)."""
    if isinstance(error, HistoryUnavailableError):
        return error
    if isinstance(error, HistoryCorruptError):
        return HistoryUnavailableError(
            _(
                "{error} Supple could not start a new history in its place; check that "
                "{folder} is writable and start Supple again."
            ).format(error=error, folder=path.parent),
            path,
        )
    if isinstance(error, HistoryError):
        return HistoryUnavailableError(str(error), path)
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return HistoryUnavailableError(
        _(
            "Supple cannot open or create its history at {path} ({reason}). "
            "Check that the folder exists, is writable and that the disk has free space."
        ).format(path=path, reason=reason),
        path,
    )


_REFUSALS = {
    "SQLITE_READONLY": N_("the file or its folder is read-only"),
    "SQLITE_CANTOPEN": N_("its folder cannot be written"),
    "SQLITE_PERM": N_("permission to write was refused"),
}


def _disk_is_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < DISK_FULL_BYTES
    except OSError:
        return False


def _read_only_notice(path: Path, refused: HistoryWriteError, snapshot: bool) -> OpenNotice:
    # SQLite reports a full disk as SQLITE_FULL only for some writes; setting up the WAL's
    # shared memory on a full disk fails as an I/O error.
    if refused.reason == "SQLITE_FULL" or _disk_is_full(path.parent):
        message = _(
            "The history at {path} can be read but not written (the disk is full). Free "
            "some space on the disk that holds {folder}, then start Supple again."
        ).format(path=path, folder=path.parent)
    else:
        why = _(_REFUSALS.get(refused.reason, N_("writing to it was refused")))
        message = _(
            "The history at {path} can be read but not written ({why}). To add to it, make "
            "{folder} writable, or start Supple with --data-dir on a writable folder."
        ).format(path=path, why=why, folder=path.parent)
    wal = path.with_name(path.name + "-wal")
    if snapshot and wal.is_file() and wal.stat().st_size > 0:
        message += " " + _(
            "The latest changes, kept in {file}, are not shown until the folder is writable."
        ).format(file=wal)
    return OpenNotice(NoticeKind.READ_ONLY, message, path)


def _open_checked(
    path: Path, *, read_only: bool, check: bool, immutable: bool = False
) -> tuple[sqlite3.Connection, int, int]:
    """Connect and look at the file; damaged files raise ``HistoryCorruptError``.

    Returns the connection, the version the file says it is at, and the version its
    tables are really at (see ``_real_version``)."""
    connection: sqlite3.Connection | None = None
    try:
        connection = connect(path, read_only=read_only, immutable=immutable)
        version = schema_version(connection)
        if check and check_due(path):
            _check_integrity(connection, path)
            note_checked(path)
        real = _real_version(connection, version)
        if real == 0 and _has_tables(connection):
            raise HistoryCorruptError(
                _("The file {path} is an SQLite database but not a Supple history.").format(
                    path=path
                ),
                path,
            )
        if not read_only and version <= LATEST_VERSION:
            use_wal(connection)
    except sqlite3.DatabaseError as error:
        if connection is not None:
            connection.close()
        translated = translate_sqlite_error(error, path, N_("open the history"))
        if translated is None:
            raise
        raise translated from error
    except BaseException:
        if connection is not None:
            connection.close()
        raise
    return connection, version, real


def _real_version(connection: sqlite3.Connection, version: int) -> int:
    """The version to go on from: what the tables show when ``user_version`` is below the
    latest or negative and disagrees with them (a copied or hand-edited file).

    A file at the latest version or a newer one keeps its word: one missing index is
    no reason to migrate again."""
    if version >= LATEST_VERSION:
        return version
    return detect_version(connection)


def open_database(
    path: Path, *, check: bool = True, now: Callable[[], datetime] = local_now
) -> OpenedDatabase:
    """Open (or create) the history at ``path``, repairing what can be repaired.

    Raises ``HistoryUnavailableError`` only when there is no way to open the file
    at all, e.g. the folder cannot be created or written and no history exists yet.
    """
    notices: list[OpenNotice] = []
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _unavailable(path, error) from error
    existed = path.exists() and path.stat().st_size > 0

    if path.exists() and not path.is_file():
        raise _unavailable(path, IsADirectoryError(_("it is not a file")))

    read_only = False
    snapshot = False  # read-only without the WAL's shared memory: see ``connect``
    moved_aside = False
    refused: HistoryWriteError | None = None
    while True:
        try:
            if path.exists() and not _looks_like_sqlite(path):
                raise HistoryCorruptError(
                    _("The file {path} is not a database.").format(path=path), path
                )
            connection, version, real = _open_checked(
                path, read_only=read_only, check=check, immutable=snapshot
            )
            break
        except HistoryCorruptError as damaged:
            if moved_aside or read_only:
                raise _unavailable(path, damaged) from damaged
            moved = _move_or_fail(path, now)
            moved_aside = True
            notices.append(
                OpenNotice(
                    NoticeKind.RECOVERED,
                    _(
                        "{damage} It was moved to {file} and a new, empty history was started. "
                        "Keep that file if you want to try to recover it."
                    ).format(damage=damaged, file=moved),
                    moved,
                )
            )
            existed = False
        except HistoryWriteError as error:
            # The folder or file is not writable: reading may still work, and when
            # SQLite cannot set up a WAL file's shared memory, reading a snapshot does.
            if not existed or snapshot:
                raise _unavailable(path, error) from error
            if read_only:
                snapshot = True
            else:
                read_only = True
                refused = error
        except (sqlite3.Error, OSError) as error:
            raise _unavailable(path, error) from error
    if refused is not None:
        notices.append(_read_only_notice(path, refused, snapshot))

    if version > LATEST_VERSION:
        connection.close()
        try:
            connection = connect(path, read_only=True, immutable=snapshot)
            schema_version(connection)  # a WAL file's shared memory is set up on first read
        except sqlite3.Error:
            connection.close()
            connection = connect(path, read_only=True, immutable=True)
        notices.append(
            OpenNotice(
                NoticeKind.NEWER_READ_ONLY,
                _(
                    "This history was written by a newer Supple (schema {version}, this one "
                    "knows {latest}). It is opened read-only; update Supple to add to it."
                ).format(version=version, latest=LATEST_VERSION),
                path,
            )
        )
        return OpenedDatabase(connection, path, True, version, notices)

    if real < LATEST_VERSION or (real != version and not read_only):
        if read_only:
            connection.close()
            raise HistoryUnavailableError(
                _(
                    "The history at {path} needs an upgrade, but the file or its folder is "
                    "read-only. Make it writable and start Supple again."
                ).format(path=path),
                path,
            )
        upgraded = _bring_up_to_date(connection, path, version, real, now)
        if upgraded is not None:
            notices.append(upgraded)
        elif not existed and not notices:
            started = _("A new history was started at {path}.").format(path=path)
            notices.append(OpenNotice(NoticeKind.CREATED, started))
    version = LATEST_VERSION if real < LATEST_VERSION else real
    return OpenedDatabase(connection, path, read_only, version, notices)


def _bring_up_to_date(
    connection: sqlite3.Connection,
    path: Path,
    said: int,
    real: int,
    now: Callable[[], datetime],
) -> OpenNotice | None:
    """Set the version the tables show, then apply the missing migrations, after one backup.

    Returns the notice that says where the file as it was is kept (None for a new file)."""
    try:
        backup = _backup_once(connection, path, real, now) if real > 0 else None
    except (sqlite3.Error, OSError) as error:
        connection.close()
        raise HistoryUnavailableError(
            _(
                "Supple needs to upgrade the history at {path} but could not back it up "
                "first ({error}). Free some disk space and start Supple again; "
                "the history was not changed."
            ).format(path=path, error=error),
            path,
        ) from error
    try:
        if said != real:
            # PRAGMA takes no parameters; the value is an int from detect_version.
            connection.execute(f"PRAGMA user_version = {int(real)}")
        migrate(connection)
    except (sqlite3.Error, OSError) as error:
        reached = schema_version(connection)
        connection.close()
        kept = (
            " " + _("The file as it was is kept at {file}.").format(file=backup) if backup else ""
        )
        raise HistoryUnavailableError(
            _(
                "Supple could not upgrade the history at {path} past schema {reached} ({error})."
            ).format(path=path, reached=reached, error=error)
            + kept,
            path,
        ) from error
    if backup is None:
        return None
    if said == real:
        message = _("The history was upgraded from schema {old} to {new}.")
    elif real < LATEST_VERSION:
        message = _(
            "The history at {path} said it was at schema {said} but holds the tables of "
            "schema {old}; Supple corrected that and upgraded it to schema {new}."
        )
    else:
        message = _(
            "The history at {path} said it was at schema {said} but holds the tables of "
            "schema {old}; Supple corrected that."
        )
    kept = _("The file as it was is kept at {file}.").format(file=backup)
    said_what = message.format(path=path, said=said, old=real, new=LATEST_VERSION)
    return OpenNotice(NoticeKind.MIGRATED, f"{said_what} {kept}", backup)


def _backup_once(
    connection: sqlite3.Connection, path: Path, version: int, now: Callable[[], datetime]
) -> Path:
    """A backup before an upgrade, unless an earlier try left one of the very same file.

    An upgrade that fails is tried again at every start and every write; the file has not
    changed in between, and one copy of it is enough."""
    made = backup_copy(connection, path, version, now)
    data = made.read_bytes()
    pattern = glob.escape(f"{path.stem}-v{version}-backup-") + "*"
    for earlier in sorted(path.parent.glob(pattern)):
        if earlier != made and earlier.stat().st_size == len(data) and earlier.read_bytes() == data:
            made.unlink()
            return earlier
    return made


def _move_or_fail(path: Path, now: Callable[[], datetime]) -> Path:
    try:
        return move_aside(path, now)
    except OSError as error:
        raise _unavailable(path, error) from error
