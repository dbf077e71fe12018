"""A failing disk never stops a session: records wait in memory and are written later."""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import timedelta

import pytest

from supple import paths
from supple.storage import database
from supple.storage.database import OpenedDatabase, connect
from supple.storage.history import HistoryStore, open_history
from supple.storage.recorder import HistoryRecorder
from supple.storage.records import SessionStatus
from supple.storage.schema import LATEST_VERSION
from tests.storage.history_builders import MORNING, look
from tests.storage.test_history_open import read_only, run_unprivileged


def steps_on_disk(path, session_uuid):
    with look(path) as db:
        rows = db.execute(
            "SELECT step_index FROM steps JOIN sessions ON sessions.id = steps.session_id"
            " WHERE sessions.uuid = ? ORDER BY step_index",
            (session_uuid,),
        )
        return [index for (index,) in rows]


def cap_file_size(store: HistoryStore, pages: int | None) -> None:
    """Make the file unable to grow, as on a full disk (None lifts the cap).

    The tests run as root, where permissions do not stop writes, so SQLite's
    per-connection page limit stands in for the disk running out of space.
    """
    connection = store._db  # the store's own connection: the cap is per connection
    if pages is None:
        pages = 1_073_741_823
    connection.execute(f"PRAGMA max_page_count = {int(pages)}")


def test_steps_wait_in_memory_while_the_disk_is_full(store, records, history_path):
    recorder = HistoryRecorder(store)
    session = records.session()
    assert recorder.begin_session(session)
    page_count = store._db.execute("PRAGMA page_count").fetchone()[0]
    cap_file_size(store, page_count)

    saved = []
    index = 0
    while len(saved) - sum(saved) < 3:  # record until three steps could not be written
        saved.append(recorder.record_step(records.step(session, index)))
        index += 1
        assert index < 5000, "the capped file never filled up"
    assert recorder.pending == 3
    assert "disk is full" in recorder.problem
    assert "3 unsaved records are kept in memory" in recorder.problem
    assert steps_on_disk(history_path, session.uuid) == list(range(index - 3))

    cap_file_size(store, None)  # space was freed
    assert recorder.finish_session(session.uuid, SessionStatus.COMPLETED, MORNING)
    assert recorder.pending == 0
    assert recorder.problem is None
    assert steps_on_disk(history_path, session.uuid) == list(range(index))
    assert store.session_detail(session.uuid).session.status is SessionStatus.COMPLETED


def test_explicit_flush_writes_what_waited(store, records, history_path):
    recorder = HistoryRecorder(store)
    session = records.session()
    recorder.begin_session(session)
    cap_file_size(store, store._db.execute("PRAGMA page_count").fetchone()[0])
    index = 0
    while recorder.record_step(records.step(session, index)):
        index += 1
    assert recorder.pending == 1
    assert not recorder.flush()  # still full
    cap_file_size(store, None)
    assert recorder.flush()
    assert steps_on_disk(history_path, session.uuid) == list(range(index + 1))


def test_a_session_starts_even_when_the_history_cannot_be_created(tmp_path, records):
    blocked = tmp_path / "data"
    blocked.write_text("a file where the data folder should be")
    paths.set_data_dir(blocked)
    recorder = HistoryRecorder(opener=open_history)
    session = records.session()

    assert not recorder.begin_session(session)
    for index in range(3):
        assert not recorder.record_step(records.step(session, index))
    assert recorder.pending == 4
    assert str(blocked) in recorder.problem

    blocked.unlink()  # the user fixes the folder
    assert recorder.record_step(records.step(session, 3))
    assert recorder.pending == 0
    assert steps_on_disk(paths.history_db(), session.uuid) == [0, 1, 2, 3]
    recorder.close()


def test_a_newer_history_keeps_the_session_in_memory(history_path, records):
    open_history().close()
    with look(history_path) as db:
        db.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    store = open_history()
    recorder = HistoryRecorder(store, opener=open_history)
    session = records.session()
    assert not recorder.begin_session(session)
    assert not recorder.record_step(records.step(session, 0))
    assert recorder.pending == 2
    assert "read-only" in recorder.problem
    assert store.session_count() == 0
    store.close()


def test_a_refused_record_is_dropped_and_does_not_block_the_rest(store, records):
    recorder = HistoryRecorder(store)
    stranger = records.session()
    session = records.session(started_at=MORNING + timedelta(hours=1))
    assert recorder.begin_session(session)
    assert recorder.record_step(records.step(stranger, 0))  # unknown session: dropped, logged
    assert recorder.record_step(records.step(session, 0))
    assert [what for what, _ in recorder.dropped] == ["save a step"]
    assert recorder.pending == 0
    assert [s.index for s in store.session_detail(session.uuid).steps] == [0]


KEEP_UNTIL_WRITABLE = """
import json, sys
from datetime import timedelta
from pathlib import Path
from supple.storage.history import open_history
from supple.storage.recorder import HistoryRecorder
from tests.storage.history_builders import MORNING, Records

db = Path(sys.argv[1])
records = Records()
recorder = HistoryRecorder(
    open_history(db),
    opener=lambda: open_history(db),
    quick_opener=lambda: open_history(db, check=False),
)
session = records.session(started_at=MORNING + timedelta(days=1))
saved = [recorder.begin_session(session), recorder.record_step(records.step(session, 0))]
seen = {"saved": saved, "pending": recorder.pending, "problem": recorder.problem}
db.parent.chmod(0o755)  # the user makes the folder writable again
db.chmod(0o644)
seen["flushed"] = recorder.flush()
seen["uuid"] = session.uuid
recorder.close()
print(json.dumps(seen))
"""


def test_a_read_only_data_folder_keeps_records_until_it_is_writable(records, history_path):
    """The folder is really read-only: the child process has none of root's powers."""
    with open_history() as store:
        records.run(store)
    with read_only(history_path.parent):
        child = run_unprivileged(sys.executable, "-c", KEEP_UNTIL_WRITABLE, str(history_path))
    assert child.returncode == 0, child.stderr
    seen = json.loads(child.stdout)
    assert seen["saved"] == [False, False]
    assert seen["pending"] == 2
    assert "read-only" in seen["problem"]
    assert f"make {history_path.parent} writable" in seen["problem"]  # what to do about it
    assert "2 unsaved records are kept in memory" in seen["problem"]
    assert seen["flushed"]
    assert steps_on_disk(history_path, seen["uuid"]) == [0]


def test_a_file_that_turned_read_only_is_reopened_when_it_works_again(history_path, records):
    """SQLite's own read-only refusal (a ``mode=ro`` connection, which binds root too)."""
    open_history().close()
    stuck = HistoryStore(
        OpenedDatabase(connect(history_path, read_only=True), history_path, False, LATEST_VERSION)
    )
    opener_calls = []

    def reopen():
        opener_calls.append(True)
        if len(opener_calls) < 3:
            return stuck  # still read-only the first times round
        return open_history()

    recorder = HistoryRecorder(stuck, opener=reopen)
    session = records.session()
    assert not recorder.begin_session(session)
    assert recorder.last_error.reason == "SQLITE_READONLY"
    assert "read-only" in recorder.problem
    assert not recorder.record_step(records.step(session, 0))
    assert recorder.pending == 2

    assert recorder.record_step(records.step(session, 1))
    assert recorder.store is not stuck
    assert steps_on_disk(history_path, session.uuid) == [0, 1]
    stuck.close()
    recorder.close()


def test_a_session_carries_on_in_a_fresh_history_after_the_old_one_is_lost(
    tmp_path, store, records, history_path
):
    """When writing fails and the reopened history no longer holds the running session
    (the damaged file was moved aside), the session is written again and keeps recording."""
    recorder = HistoryRecorder(store, opener=open_history)
    session = records.session(tightness_before=6)
    recorder.begin_session(session)
    recorder.record_step(records.step(session, 0))
    cap_file_size(store, store._db.execute("PRAGMA page_count").fetchone()[0])
    paths.set_data_dir(tmp_path / "fresh")  # where the reopened history now lives

    index = 0
    while recorder.store is store:
        index += 1
        assert recorder.record_step(records.step(session, index))  # nothing waits, nothing lost
        assert index < 5000, "the capped file never filled up"
    assert steps_on_disk(history_path, session.uuid) == list(range(index))
    assert recorder.pending == 0
    assert recorder.store is not store
    fresh = recorder.store.session_detail(session.uuid)
    assert fresh.session.tightness_before == 6
    assert [s.index for s in fresh.steps] == [index]
    assert recorder.finish_session(session.uuid, SessionStatus.STOPPED, MORNING)
    recorder.close()


def count_full_checks(monkeypatch) -> list:
    """Each full read of the file (``quick_check``) that opening the history makes."""
    checked = []
    real = database._check_integrity

    def counted(connection, path):
        checked.append(path)
        real(connection, path)

    monkeypatch.setattr(database, "_check_integrity", counted)
    return checked


def test_a_write_refused_by_the_disk_reopens_without_reading_the_whole_file(
    store, records, history_path, monkeypatch
):
    checked = count_full_checks(monkeypatch)
    recorder = HistoryRecorder(
        store, opener=open_history, quick_opener=lambda: open_history(check=False)
    )
    session = records.session()
    assert recorder.begin_session(session)
    cap_file_size(store, store._db.execute("PRAGMA page_count").fetchone()[0])
    index = 0
    while recorder.store is store:  # until a write fails and the history is reopened
        assert recorder.record_step(records.step(session, index))
        index += 1
        assert index < 5000, "the capped file never filled up"
    assert checked == []  # a full disk is not a damaged file: no need to read every page
    assert steps_on_disk(history_path, session.uuid) == list(range(index))
    with pytest.raises(sqlite3.ProgrammingError):  # the store it replaced was closed
        store._db.execute("SELECT 1")
    recorder.close()


def test_the_first_opening_still_checks_the_whole_file(tmp_path, records, monkeypatch):
    blocked = tmp_path / "data"
    blocked.write_text("a file where the data folder should be")
    paths.set_data_dir(blocked)
    checked = count_full_checks(monkeypatch)
    recorder = HistoryRecorder(opener=open_history, quick_opener=lambda: open_history(check=False))
    session = records.session()
    assert not recorder.begin_session(session)
    blocked.unlink()
    assert recorder.flush()
    assert checked == [paths.history_db()]
    recorder.close()
