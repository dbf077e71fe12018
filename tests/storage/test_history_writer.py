"""The history written on a thread: a file held by another program never holds the caller up.

A plain SQLite connection stands in for the other program (a backup tool, ``sqlite3`` in a
shell): it takes the write lock and keeps it while the test records a session.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time

import pytest

from supple.storage.history_writer import ThreadedRecorder
from supple.storage.recorder import open_recorder
from supple.storage.records import SessionStatus
from supple.storage.rescue import save_unsaved
from tests.storage.history_builders import MORNING, look
from tests.storage.test_history_recorder import steps_on_disk

WAIT = 10.0
"""How long a test waits for the writer at most (it never needs that long)."""


@pytest.fixture
def recorder(history_path):
    opened, messages = open_recorder(history_path, background=True)
    assert isinstance(opened, ThreadedRecorder) and messages == []
    yield opened
    opened.close(timeout=WAIT)


@contextlib.contextmanager
def write_lock(path):
    """Another connection holding the write lock until the block ends."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield other
    finally:
        other.rollback()
        other.close()


def test_records_are_written_in_order_by_the_writer(recorder, records, history_path):
    session = records.session()
    recorder.begin_session(session)
    for index in range(5):
        recorder.record_step(records.step(session, index))
    recorder.finish_session(session.uuid, SessionStatus.COMPLETED, MORNING)
    assert recorder.flush(timeout=WAIT)
    assert recorder.pending == 0 and recorder.problem is None
    assert steps_on_disk(history_path, session.uuid) == [0, 1, 2, 3, 4]
    assert recorder.store.session_detail(session.uuid).session.status is SessionStatus.COMPLETED


def test_a_held_file_keeps_records_waiting_and_writes_them_when_let_go(
    recorder, records, history_path
):
    changes = threading.Event()
    recorder.on_change = changes.set
    session = records.session()
    recorder.begin_session(session)
    assert recorder.flush(timeout=WAIT)
    with write_lock(history_path):
        for index in range(3):
            recorder.record_step(records.step(session, index))
        assert changes.wait(WAIT)
        deadline = time.monotonic() + WAIT
        while recorder.problem is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert recorder.pending == 3
        assert recorder.problem.startswith("The history is busy: another program holds")
        assert "3 records wait in memory" in recorder.problem
        assert steps_on_disk(history_path, session.uuid) == []
    assert recorder.flush(timeout=WAIT)  # the writer tries again by itself, too
    assert steps_on_disk(history_path, session.uuid) == [0, 1, 2]
    assert recorder.problem is None


def test_reading_on_the_callers_thread_never_waits_for_a_lock(recorder):
    """WAL readers are not locked out by a writer; where SQLite would still make one wait
    (another program in exclusive locking mode), the app's thread is told at once."""
    reader = recorder.store._db  # the store's own connection: the wait is per connection
    assert reader.execute("PRAGMA busy_timeout").fetchone() == (0,)


def test_quitting_while_held_leaves_the_records_for_a_rescue_file(
    recorder, records, history_path, tmp_path
):
    session = records.session()
    recorder.begin_session(session)
    assert recorder.flush(timeout=WAIT)
    with write_lock(history_path):
        recorder.record_step(records.step(session, 0))
        recorder.finish_session(session.uuid, SessionStatus.STOPPED, MORNING)
        assert not recorder.close(timeout=0.5)
        rescue = save_unsaved(recorder, [tmp_path / "rescue"])
    document = json.loads(rescue.read_text(encoding="utf-8"))
    [saved] = document["sessions"]
    assert saved["uuid"] == session.uuid and saved["status"] == "stopped"
    assert [step["index"] for step in saved["steps"]] == [0]


def test_the_full_check_after_a_session_says_what_it_found(recorder, records, history_path):
    changes = threading.Event()
    recorder.on_change = changes.set
    first = records.session()
    recorder.begin_session(first)
    recorder.finish_session(first.uuid, SessionStatus.COMPLETED, MORNING)
    assert recorder.flush(timeout=WAIT)
    with look(history_path) as db:  # an index that no longer matches its table
        db.execute("PRAGMA writable_schema = ON")
        db.execute(
            "UPDATE sqlite_schema SET sql = 'CREATE INDEX sessions_by_start ON sessions"
            " (routine_id)' WHERE name = 'sessions_by_start'"
        )
    assert recorder.damage is None
    second = records.session(MORNING.replace(day=3))
    recorder.begin_session(second)
    recorder.finish_session(second.uuid, SessionStatus.COMPLETED, MORNING)
    deadline = time.monotonic() + WAIT
    while recorder.damage is None and time.monotonic() < deadline:
        changes.wait(0.1)
    assert recorder.damage.startswith(f"The full check of the history file {history_path}")
    assert "missing from index sessions_by_start" in recorder.damage
    assert "Export the history now" in recorder.damage
