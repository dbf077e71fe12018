"""Merging the sync folder's journals into this device's history, which is their index.

``sync_history`` does one round: the first time a history meets a folder it writes the
whole history to this device's journal; it appends what waits in the outbox; then it
reads every journal in the folder (this device's, the other devices', conflict copies)
from where it stopped last time and applies each new change by the rules of
``core.sync_merge``, one transaction per file. Nothing here deletes or rewrites a file in
the folder. Should the history file be lost, a fresh one is rebuilt from the journals by
the same round, as every file is then new to it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from supple.core.i18n import N_, _, ngettext
from supple.core.sync_merge import STEP_FIELD_PREFIX, WHOLE, Change, Entity, Op, Stamp, newer
from supple.storage import journal
from supple.storage.errors import HistoryError
from supple.storage.history import (
    HistoryStore,
    insert_self_test,
    insert_session,
    snapshot_id,
    upsert_step,
)
from supple.storage.journal import Draft, keep_stamps
from supple.storage.journal_files import (
    JOURNAL_SUFFIX,
    decode,
    encode,
    read_journal,
    self_test_from,
    self_test_values,
    session_from,
    session_values,
    step_from,
    step_values,
)

__all__ = ["SyncReport", "sync_history"]


@dataclass(frozen=True)
class SyncReport:
    folder: Path
    applied: int = 0
    """Changes from the journals that changed this history."""
    unreadable: int = 0
    """Whole lines skipped as unreadable (see ``journal_files``)."""
    problem: str | None = None
    """A sentence for the user when the folder could not be used; nothing is lost then."""


def sync_history(store: HistoryStore) -> SyncReport | None:
    """One round with the history's sync folder; None when it has none."""
    folder = journal.sync_folder_for(store.path)
    if folder is None:
        return None
    if store.read_only:
        return SyncReport(
            folder,
            problem=_(
                "The history at {path} is read-only: "
                "changes from the sync folder are not merged into it."
            ).format(path=store.path),
        )
    if not folder.is_dir():
        return SyncReport(
            folder,
            problem=_(
                "The sync folder {folder} is not there (is the drive unplugged?). "
                "Nothing is lost: this device's changes wait in its history, and the other "
                "devices' changes are merged when the folder is back."
            ).format(folder=folder),
        )
    try:
        _journal_whole_history_once(store, folder)
        store.flush_journal()
        applied = unreadable = 0
        for path in sorted(folder.glob(f"*{JOURNAL_SUFFIX}")):
            if path.is_file():
                done, skipped = _merge_file(store, path)
                applied += done
                unreadable += skipped
    except OSError as error:
        why = error.strerror or str(error)
        return SyncReport(
            folder,
            problem=_("The sync folder {folder} could not be read ({reason}).").format(
                folder=folder, reason=why
            ),
        )
    except HistoryError as error:
        return SyncReport(folder, problem=str(error))
    problem = store.sync_problem
    if unreadable and problem is None:
        problem = ngettext(
            "{count} line in the journals of {folder} could not be read and was "
            "skipped (damaged in a copy, or written by a newer Supple).",
            "{count} lines in the journals of {folder} could not be read and were "
            "skipped (damaged in a copy, or written by a newer Supple).",
            unreadable,
        ).format(count=unreadable, folder=folder)
    return SyncReport(folder, applied, unreadable, problem)


def _journal_whole_history_once(store: HistoryStore, folder: Path) -> None:
    """Write everything already in the history, the first time it meets this folder.

    What was journaled before (to this folder or another) goes with the stamps it has,
    so it can never win over a newer change from another device; the rest is stamped now.
    """
    mark = f"{journal.sync_device(store.path)} {folder}"

    def write(db: sqlite3.Connection) -> None:
        row = db.execute("SELECT value FROM sync_state WHERE key = 'journaled'").fetchone()
        if row is not None and row[0] == mark:
            return
        drafts: list[Draft] = []
        known: list[Change] = []
        for detail in store.iter_sessions():
            session = detail.session
            stamps = _stamps(db, session.uuid)
            values = session_values(session)
            _restamp(known, drafts, stamps.get(WHOLE), Entity.SESSION, session.uuid, values)
            for name, edited in stamps.items():
                if name in values and edited != stamps.get(WHOLE):
                    known.append(
                        Change(Entity.SESSION, Op.EDIT, session.uuid, edited, {name: values[name]})
                    )
            for step in detail.steps:
                stamp = stamps.get(f"{STEP_FIELD_PREFIX}{step.index}")
                _restamp(
                    known, drafts, stamp, Entity.STEP, session.uuid, step_values(step), step.index
                )
        for test in store.self_tests():
            stamp = _stamps(db, test.uuid).get(WHOLE)
            _restamp(known, drafts, stamp, Entity.SELF_TEST, test.uuid, self_test_values(test))
        journal.queue(db, known)
        journal.stage(db, store.path, drafts)
        db.execute(
            "INSERT INTO sync_state (key, value) VALUES ('journaled', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (mark,),
        )

    store.write(N_("write the history to the sync folder"), write)


def _restamp(
    known: list[Change],
    drafts: list[Draft],
    stamp: Stamp | None,
    entity: Entity,
    uuid: str,
    values: dict[str, Any],
    index: int | None = None,
) -> None:
    """A create with the stamp it had, or a draft to be stamped now when it had none."""
    if stamp is None:
        drafts.append(Draft(entity, Op.CREATE, uuid, values, index))
    else:
        known.append(Change(entity, Op.CREATE, uuid, stamp, values, index))


def _merge_file(store: HistoryStore, path: Path) -> tuple[int, int]:
    """Apply the new whole lines of one journal; returns (changes applied, lines skipped)."""
    offset, tail = 0, ""

    def where(db: sqlite3.Connection) -> None:
        nonlocal offset, tail
        row = db.execute("SELECT offset, tail FROM sync_files WHERE name = ?", (path.name,))
        found = row.fetchone()
        if found is not None:
            offset, tail = int(found[0]), str(found[1])

    store.write(N_("read the sync folder"), where)
    read = read_journal(path, offset, tail)
    if read.offset == offset and not read.changes:
        return 0, 0
    applied = 0

    def write(db: sqlite3.Connection) -> None:
        nonlocal applied
        for change in read.changes:
            applied += apply_change(db, change)
        db.execute(
            "INSERT INTO sync_files (name, offset, tail) VALUES (?, ?, ?)"
            " ON CONFLICT (name) DO UPDATE SET offset = excluded.offset, tail = excluded.tail",
            (path.name, read.offset, read.tail),
        )

    store.write(_("merge {file} from the sync folder").format(file=path.name), write)
    return applied, read.unreadable


def apply_change(db: sqlite3.Connection, change: Change) -> bool:
    """Apply one change to the index by the merge rules; True when it changed something."""
    if db.execute("SELECT 1 FROM sync_deleted WHERE uuid = ?", (change.uuid,)).fetchone():
        return False
    if change.op is Op.DELETE:
        _delete(db, change)
        keep_stamps(db, change)
        return True
    if change.entity is Entity.SELF_TEST:
        return _put_self_test(db, change)
    row = db.execute("SELECT id FROM sessions WHERE uuid = ?", (change.uuid,)).fetchone()
    if row is None and change.op is Op.CREATE and change.entity is Entity.SESSION:
        insert_session(db, session_from(change.values))
        keep_stamps(db, change)
        _apply_pending(db, change.uuid)
        return True
    if row is None:  # waits for its session
        db.execute(
            "INSERT INTO sync_pending (uuid, line) VALUES (?, ?)", (change.uuid, encode(change))
        )
        return False
    stamps = _stamps(db, change.uuid)
    fresh = [name for name in change.fields if newer(change.stamp, stamps.get(name))]
    if not fresh:
        return False
    if change.entity is Entity.STEP:
        _write_step(db, change)
    else:
        _write_session_fields(db, change, fresh)
    keep_stamps(db, change)
    return True


def _stamps(db: sqlite3.Connection, uuid: str) -> dict[str, Stamp]:
    rows = db.execute("SELECT field, stamp FROM sync_stamps WHERE uuid = ?", (uuid,))
    return {name: Stamp.from_text(text) for name, text in rows}


def _apply_pending(db: sqlite3.Connection, uuid: str) -> None:
    lines = [row[0] for row in db.execute("SELECT line FROM sync_pending WHERE uuid = ?", (uuid,))]
    db.execute("DELETE FROM sync_pending WHERE uuid = ?", (uuid,))
    for line in lines:
        apply_change(db, decode(line))


def _delete(db: sqlite3.Connection, change: Change) -> None:
    if change.entity is Entity.SELF_TEST:
        db.execute("DELETE FROM self_tests WHERE uuid = ?", (change.uuid,))
        return
    row = db.execute("SELECT snapshot_id FROM sessions WHERE uuid = ?", (change.uuid,)).fetchone()
    if row is None:
        return
    db.execute("DELETE FROM sessions WHERE uuid = ?", (change.uuid,))
    db.execute(
        "DELETE FROM routine_snapshots WHERE id = ?"
        " AND NOT EXISTS (SELECT 1 FROM sessions WHERE snapshot_id = ?)",
        (row[0], row[0]),
    )


def _write_step(db: sqlite3.Connection, change: Change) -> None:
    upsert_step(db, step_from(change.uuid, change.values))


def _write_session_fields(db: sqlite3.Connection, change: Change, fresh: list[str]) -> None:
    """Set the fields this change is the newest for (a newer create: all of them)."""
    values: dict[str, Any] = {name: change.values[name] for name in fresh if name != WHOLE}
    if "routine_snapshot" in values:
        values["snapshot_id"] = snapshot_id(db, values.pop("routine_snapshot"))
    if "started_at" in values or "utc_offset_minutes" in values:  # only a create has them
        values["local_date"] = session_from(change.values).local_date.isoformat()
    assignments = ", ".join(f"{name} = ?" for name in values)  # the journal's checked names
    db.execute(f"UPDATE sessions SET {assignments} WHERE uuid = ?", (*values.values(), change.uuid))


def _put_self_test(db: sqlite3.Connection, change: Change) -> bool:
    if not newer(change.stamp, _stamps(db, change.uuid).get(WHOLE)):
        return False
    db.execute("DELETE FROM self_tests WHERE uuid = ?", (change.uuid,))
    insert_self_test(db, self_test_from(change.values))
    keep_stamps(db, change)
    return True
