"""Reads on a damaged, locked or closed history raise the history's own errors, like writes.

The views above the storage catch ``HistoryError`` only; a ``sqlite3.Error`` that got
past the store would crash the screen that asked.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from supple.storage.errors import (
    HistoryCorruptError,
    HistoryReadError,
    HistoryUnavailableError,
)
from supple.storage.history import HistoryStore, open_history
from tests.storage.broken_history import damaged, held
from tests.storage.history_builders import MORNING


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
    with damaged(filled) as store:
        failed = {}
        for name, read in every_read(store).items():
            with pytest.raises(HistoryCorruptError) as caught:
                read()
            failed[name] = str(caught.value)
    assert len(failed) == len(every_read(store))
    for message in failed.values():
        assert message.startswith("Supple could not ")
        assert str(filled) in message and "damaged" in message


def test_a_file_held_by_another_program_reads_as_busy(filled):
    with held(filled) as (store, other):
        with pytest.raises(HistoryReadError) as caught:
            store.list_sessions()
        assert caught.value.reason == "SQLITE_BUSY"
        assert "another program holds the file" in str(caught.value)
        assert "read the list of sessions" in str(caught.value)
        other.execute("ROLLBACK")
        assert store.session_count() == 40  # once it is let go, it reads again


def test_a_history_closed_under_the_reader_says_so(filled):
    store = open_history()
    store.close()
    for name, read in every_read(store).items():
        with pytest.raises(HistoryUnavailableError, match="no longer open") as caught:
            read()
        assert caught.value.path == filled, name
