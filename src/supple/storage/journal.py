"""This device's changes, on their way to its journal in the sync folder.

When a sync folder is in use, every write to the history (``HistoryStore``'s write
methods, from whichever thread or connection) also ``stage``s its changes: each gets its
stamp, and its journal line goes into the ``sync_outbox`` table *in the same transaction*
as the change itself. Right after the commit, ``flush`` appends the waiting lines to the
journal file (append, flush, fsync) and only then removes them from the outbox.

So a crash (or a power cut) can never leave the change without its line: before the
commit neither exists; between the commit and the append the line waits in the outbox and
the next write or the next start appends it; between the append and the removal it is
appended a second time later, which the merge ignores (the same change twice is one
change). While the folder is missing (an unmounted drive), lines wait in the outbox, and
``flush`` says so, in a sentence for the user.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from supple.core.i18n import _, ngettext
from supple.core.sync_merge import Change, Entity, Op, Stamp
from supple.storage.journal_files import (
    append_lines,
    device_id,
    encode,
    journal_name,
    tail_at,
)
from supple.storage.records import format_utc
from supple.storage.transactions import transaction

__all__ = [
    "Draft",
    "flush",
    "keep_stamps",
    "queue",
    "stage",
    "sync_device",
    "sync_folder_for",
    "use_sync_folder",
]

_folders: dict[Path, Path] = {}
_devices: dict[Path, str] = {}
_locks: dict[Path, threading.Lock] = {}
_registry_lock = threading.Lock()


def _key(history: Path) -> Path:
    return history.absolute()


def use_sync_folder(history: Path, folder: Path | None) -> None:
    """Journal every write to the history at ``history`` into ``folder`` (None: stop)."""
    with _registry_lock:
        if folder is None:
            _folders.pop(_key(history), None)
        else:
            _folders[_key(history)] = folder.expanduser().absolute()


def sync_folder_for(history: Path) -> Path | None:
    return _folders.get(_key(history))


def sync_device(history: Path) -> str:
    """The id this device writes its journal under (kept beside the history file)."""
    key = _key(history)
    with _registry_lock:
        if key not in _devices:
            _devices[key] = device_id(key.parent)
        return _devices[key]


def _lock(history: Path) -> threading.Lock:
    with _registry_lock:
        return _locks.setdefault(_key(history), threading.Lock())


@dataclass(frozen=True)
class Draft:
    """A change before its stamp: what a write did, in the journal's terms."""

    entity: Entity
    op: Op
    uuid: str
    values: Mapping[str, Any] = field(default_factory=dict)
    index: int | None = None


def stage(db: sqlite3.Connection, history: Path, drafts: Iterable[Draft]) -> list[Change]:
    """Inside the write's transaction: stamp the changes, queue their lines, keep the stamps."""
    device = sync_device(history)
    at = format_utc(datetime.now(UTC))
    row = db.execute("SELECT value FROM sync_state WHERE key = 'seq'").fetchone()
    seq = int(row[0]) if row else 0
    staged = []
    for draft in drafts:
        seq += 1
        change = Change(
            draft.entity, draft.op, draft.uuid, Stamp(at, device, seq), draft.values, draft.index
        )
        db.execute("INSERT INTO sync_outbox (line) VALUES (?)", (encode(change),))
        keep_stamps(db, change)
        staged.append(change)
    db.execute(
        "INSERT INTO sync_state (key, value) VALUES ('seq', ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (str(seq),),
    )
    return staged


def queue(db: sqlite3.Connection, changes: Iterable[Change]) -> None:
    """Queue changes that have their stamps already (kept here before) for the journal."""
    db.executemany(
        "INSERT INTO sync_outbox (line) VALUES (?)", [(encode(change),) for change in changes]
    )


def keep_stamps(db: sqlite3.Connection, change: Change) -> None:
    """Remember ``change`` as the newest one to each field it sets, where it is."""
    if change.op is Op.DELETE:
        db.execute(
            "INSERT INTO sync_deleted (uuid, stamp) VALUES (?, ?) ON CONFLICT (uuid) DO NOTHING",
            (change.uuid, change.stamp.text),
        )
        db.execute("DELETE FROM sync_stamps WHERE uuid = ?", (change.uuid,))
        db.execute("DELETE FROM sync_pending WHERE uuid = ?", (change.uuid,))
        return
    db.executemany(
        "INSERT INTO sync_stamps (uuid, field, stamp) VALUES (?, ?, ?)"
        " ON CONFLICT (uuid, field) DO UPDATE SET stamp = excluded.stamp"
        " WHERE excluded.stamp > stamp",
        [(change.uuid, name, change.stamp.text) for name in change.fields],
    )


def flush(db: sqlite3.Connection, history: Path) -> str | None:
    """Append the waiting lines to this device's journals; a sentence when they must wait.

    Never raises for the folder: a change is safe in the history whatever happens here."""
    folder = sync_folder_for(history)
    if folder is None:
        return None
    with _lock(history):
        try:
            rows = db.execute("SELECT seq, line FROM sync_outbox ORDER BY seq").fetchall()
        except sqlite3.Error as error:
            return _(
                "Supple could not read the changes waiting for the sync folder ({error})."
            ).format(error=error)
        if not rows:
            return None
        if not folder.is_dir():
            gone = _("The sync folder {folder} is not there (is the drive unplugged?).")
            return _waiting(gone.format(folder=folder), len(rows))
        by_file: dict[str, list[str]] = {}
        for _seq, line in rows:
            item = json.loads(line)
            by_file.setdefault(journal_name(item["device"], item["at"]), []).append(line)
        try:
            for name, lines in by_file.items():
                _append_own(db, folder / name, lines)
            with transaction(db):
                db.execute("DELETE FROM sync_outbox WHERE seq <= ?", (rows[-1][0],))
        except OSError as error:
            unwritable = _("The sync folder {folder} cannot be written ({reason}).").format(
                folder=folder, reason=error.strerror or error
            )
            return _waiting(unwritable, len(rows))
        except sqlite3.Error as error:
            return _("Supple wrote to the sync folder but could not note it ({error}).").format(
                error=error
            )
    return None


def _append_own(db: sqlite3.Connection, path: Path, lines: list[str]) -> None:
    """Append; when everything before was read already, the new lines count as read too."""
    before = path.stat().st_size if path.exists() else 0
    size = append_lines(path, lines)
    known = db.execute("SELECT offset FROM sync_files WHERE name = ?", (path.name,)).fetchone()
    if (known[0] if known else 0) == before:
        with transaction(db):
            db.execute(
                "INSERT INTO sync_files (name, offset, tail) VALUES (?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE SET offset = excluded.offset, tail = excluded.tail",
                (path.name, size, tail_at(path, size)),
            )


def _waiting(why: str, count: int) -> str:
    """``why`` the folder cannot take the changes, and that ``count`` of them wait."""
    waits = ngettext(
        "{count} change waits in this device's history and will be written to the folder "
        "as soon as it can be; nothing is lost.",
        "{count} changes wait in this device's history and will be written to the folder "
        "as soon as it can be; nothing is lost.",
        count,
    )
    return f"{why} {waits.format(count=count)}"
