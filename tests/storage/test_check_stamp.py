"""The full check at open runs when it is due: weekly, or when the file changed behind Supple."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from supple.storage.check_stamp import CHECK_EVERY, check_due
from supple.storage.database import NoticeKind
from supple.storage.history import open_history
from tests.storage.history_builders import MORNING


def test_a_file_supple_closed_is_not_checked_again_within_a_week(store, records, history_path):
    records.run(store, MORNING)
    store.close()
    assert not check_due(history_path)
    later = datetime.now(UTC) + CHECK_EVERY + timedelta(minutes=1)
    assert check_due(history_path, later)


def test_a_file_changed_behind_supples_back_is_checked_and_moved_aside(history_path, records):
    with open_history() as store:
        for day in range(30):
            records.run(store, MORNING + timedelta(days=day), steps=6)
    size = history_path.stat().st_size
    with history_path.open("r+b") as file:
        file.seek(size // 2)
        file.write(b"\xa5" * 8192)
    assert check_due(history_path)
    with open_history() as reopened:
        assert [n.kind for n in reopened.notices] == [NoticeKind.RECOVERED]
