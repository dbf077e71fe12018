"""Home's strip of history, and the banner for what went wrong with the history file."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt

from supple.storage.database import NoticeKind, OpenNotice
from supple.storage.history import open_history
from supple.storage.recorder import HistoryRecorder
from supple.storage.records import SessionStatus
from supple.ui.history import HistoryNotices, HomeHistorySummary
from tests.ui.history.conftest import TODAY, at


def summary_on_home(qtbot, window, source, **kwargs):
    kwargs.setdefault("today", lambda: TODAY)
    strip = HomeHistorySummary(source, **kwargs)
    window.home.history_area.set_content(strip)
    return strip


def test_before_the_first_session_the_strip_says_what_will_show(qtbot, window, store):
    strip = summary_on_home(qtbot, window, store)
    assert strip.is_empty
    assert strip.texts()[0].startswith("No sessions yet")
    assert strip.history_button.isVisible()


def test_the_strip_shows_streak_week_and_last_session(qtbot, window, store, loosening):
    strip = summary_on_home(qtbot, window, store, weekly_goal=4)
    assert strip.texts() == [
        "STREAK",
        "3 days",
        "best 3",
        "THIS WEEK",
        "3 of 4",
        "sessions · 4 days left",
        "LAST SESSION",
        "Today, 08:00 · Pelvic basics",
        "3 min · 20 % · tightness 4 → 2",
    ]
    assert strip.week_bar.fraction == 0.75


def test_a_streak_alive_until_midnight_is_encouraged(qtbot, window, store, records):
    for days_ago in (1, 2):
        records.run(store, at(TODAY - timedelta(days=days_ago)))
    strip = summary_on_home(qtbot, window, store)
    assert strip.streak_block.figure.text() == "2 days"
    assert strip.streak_block.detail.text() == "best 2 · today keeps it going"


def test_refresh_and_goal_changes_show_at_once(qtbot, window, store, records):
    strip = summary_on_home(qtbot, window, store, weekly_goal=0)
    records.run(store, at(TODAY), status=SessionStatus.COMPLETED)
    strip.refresh()
    assert strip.week_block.figure.text() == "1"
    assert strip.week_block.detail.text() == "sessions, no weekly goal set"
    assert not strip.week_bar.isVisibleTo(strip)
    strip.set_weekly_goal(1)
    assert strip.week_block.figure.text() == "1 of 1"
    assert strip.week_block.detail.text() == "goal met"


def test_h_on_home_asks_for_the_history(qtbot, window, store):
    strip = summary_on_home(qtbot, window, store)
    asked = []
    strip.open_history_requested.connect(lambda: asked.append(True))
    qtbot.keyClick(window, Qt.Key.Key_H)
    assert asked == [True]


def test_a_history_that_cannot_be_opened_is_said_on_home(qtbot, window):
    strip = summary_on_home(qtbot, window, HistoryRecorder(None, opener=open_history))
    assert strip.texts() == ["The history is not available right now."]


def test_notices_show_where_a_damaged_file_went_and_can_be_dismissed(qtbot):
    banner = HistoryNotices()
    qtbot.addWidget(banner)
    banner.show()
    moved = Path("/home/runner/.local/share/supple/history.sqlite3.corrupt-20261126-071500")
    banner.set_notices(
        [
            OpenNotice(NoticeKind.CREATED, "A new history was started."),
            OpenNotice(
                NoticeKind.RECOVERED,
                f"The history file was damaged. It was moved to {moved} and a new, empty "
                "history was started.",
                moved,
            ),
        ]
    )
    assert banner.isVisible()
    [message] = banner.messages()
    assert str(moved) in message
    assert banner.title_label.text() == "About your history"
    banner._rows[0].button.click()
    assert banner.messages() == []
    assert not banner.isVisible()


def test_the_live_problem_comes_first_and_goes_when_solved(qtbot):
    banner = HistoryNotices()
    qtbot.addWidget(banner)
    banner.show()
    banner.set_notices(["The history was upgraded; the old file is kept at /tmp/old.sqlite3."])
    banner.set_problem("Supple could not save a step: the disk is full.")
    assert banner.messages()[0].startswith("Supple could not save a step")
    assert banner.title_label.text() == "The history cannot be saved right now"
    retried = []
    banner.retry_requested.connect(lambda: retried.append(True))
    banner._rows[0].button.setFocus()
    qtbot.keyClick(banner._rows[0].button, Qt.Key.Key_Return)
    assert retried == [True]
    banner.set_problem(None)
    assert banner.messages() == [
        "The history was upgraded; the old file is kept at /tmp/old.sqlite3."
    ]
