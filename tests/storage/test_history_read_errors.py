"""Reads on a damaged, locked or closed history raise the history's own errors, like writes.

The views above the storage catch ``HistoryError`` only; a ``sqlite3.Error`` that got
past the store would crash the screen that asked.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from supple.storage.database import OpenedDatabase, connect
from supple.storage.errors import (
    HistoryCorruptError,
    HistoryReadError,
    HistoryUnavailableError,
)
from supple.storage.history import HistoryStore, open_history
from supple.storage.schema import LATEST_VERSION
from tests.storage.history_builders import MORNING

PAGE = 4096


def every_read(store: HistoryStore) -> dict[str, object]:
    """Each kind of query the history screen and the export make."""
    return {
        "list_sessions": lambda: store.list_sessions(0, 50),
        "last_session": store.last_session,
        "session_count": store.session_count,
        "session_detail": lambda: store.session_detail("no-such-session"),
        "streaks": lambda: store.streaks(MORNING.date()),
        "weekly_totals": lambda: store.weekly_totals(MORNING.date(), 12),
        "tightness_series": store.tightness_series,
        "self_test_kinds": store.self_test_kinds,
        "self_tests": store.self_tests,
        "exercise_totals": store.exercise_totals,
        "find_interrupted": store.find_interrupted,
        "iter_summaries": lambda: list(store.iter_summaries()),
        "iter_sessions": lambda: list(store.iter_sessions()),
    }


@pytest.fixture
def filled(store, records, history_path):
    for day in range(40):
        records.run(store, MORNING + timedelta(days=day), steps=6, tightness_before=5)
    store.close()  # the last connection out writes the WAL back into the file
    return history_path


def test_a_damaged_file_reads_as_a_corrupt_history(filled):
    size = filled.stat().st_size
    assert size > 8 * PAGE
    with filled.open("r+b") as file:  # every page but the first (the schema) is garbage
        file.seek(PAGE)
        file.write(b"\xa5" * (size - PAGE))
    with open_history(check=False) as damaged:
        failed = {}
        for name, read in every_read(damaged).items():
            with pytest.raises(HistoryCorruptError) as caught:
                read()
            failed[name] = str(caught.value)
    assert len(failed) == len(every_read(damaged))
    for message in failed.values():
        assert message.startswith("Supple could not ")
        assert str(filled) in message and "damaged" in message


def test_a_file_held_by_another_program_reads_as_busy(filled):
    # WAL readers are never locked out, so this history runs in rollback-journal mode,
    # where another program's write transaction holds every reader off.
    with sqlite3.connect(filled) as plain:
        plain.execute("PRAGMA journal_mode = DELETE")
    connection = connect(filled)
    connection.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(filled, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    store = HistoryStore(OpenedDatabase(connection, filled, False, LATEST_VERSION))
    try:
        with pytest.raises(HistoryReadError) as caught:
            store.list_sessions()
        assert caught.value.reason == "SQLITE_BUSY"
        assert "another program holds the file" in str(caught.value)
        assert "read the list of sessions" in str(caught.value)
        other.execute("ROLLBACK")
        assert store.session_count() == 40  # once it is let go, it reads again
    finally:
        other.close()
        store.close()


def test_a_history_closed_under_the_reader_says_so(filled):
    store = open_history()
    store.close()
    for name, read in every_read(store).items():
        with pytest.raises(HistoryUnavailableError, match="no longer open") as caught:
            read()
        assert caught.value.path == filled, name
