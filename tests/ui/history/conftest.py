"""A history file with sessions around a fixed "today", and the review screen on it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from supple.storage.history import open_history
from supple.storage.records import SelfTestRecord, Side, new_uuid
from supple.ui.history import ReviewScreen
from tests.storage.history_builders import Records

TODAY = date(2026, 11, 26)  # a Thursday
SIZE = (1280, 720)


def at(day: date, hour: int = 7) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)


@pytest.fixture
def store():
    with open_history() as opened:
        yield opened


@pytest.fixture
def records():
    return Records()


@pytest.fixture
def loosening(store, records):
    """Eight weeks, three sessions a week, tightness before going from 7 to 4;
    the last three days in a row (a live streak), plus weekly straight-leg raises."""
    days = []
    for week in range(8):
        monday = TODAY - timedelta(days=TODAY.weekday(), weeks=7 - week)
        days += [monday, monday + timedelta(days=2), monday + timedelta(days=4)]
    days = sorted({d for d in days if d < TODAY - timedelta(days=3)})
    days += [TODAY - timedelta(days=2), TODAY - timedelta(days=1), TODAY]
    sessions = []
    for number, day in enumerate(days):
        before = round(7 - 3 * number / (len(days) - 1))
        sessions.append(
            records.run(
                store,
                at(day),
                steps=6,
                tightness_before=before,
                tightness_after=max(0, before - 2),
            )
        )
    for week in range(6):
        taken = at(TODAY - timedelta(weeks=5 - week), 9)
        for side, start in ((Side.LEFT, 58.0), (Side.RIGHT, 55.0)):
            store.add_self_test(
                SelfTestRecord(
                    uuid=new_uuid(),
                    kind="straight_leg_raise",
                    side=side,
                    value=start + 2 * week,
                    unit="degrees",
                    taken_at=taken,
                    utc_offset_minutes=60,
                )
            )
    return sessions


@pytest.fixture
def make_review(qtbot):
    def make(source, **kwargs) -> ReviewScreen:
        kwargs.setdefault("today", lambda: TODAY)
        screen = ReviewScreen(source, **kwargs)
        qtbot.addWidget(screen)
        screen.resize(*SIZE)
        screen.show()
        screen.activateWindow()
        qtbot.waitUntil(screen.isActiveWindow)
        return screen

    return make
