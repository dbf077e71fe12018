"""No text cut off on the history screens, from 1280x720 to 4K, and Home's banner styled."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from supple.storage.records import SessionStatus, Side, StepKind
from supple.ui.history import HistoryNotices, HomeHistorySummary
from supple.ui.theme import DARK, LIGHT, unit_for
from tests.ui.history.clipping import clipped_cells, clipped_headers
from tests.ui.history.conftest import TODAY, at
from tests.ui.test_layout import clipped_labels

SIZES = [(1280, 720), (3840, 2160)]
size_ids = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")

LONG_STEP_NAMES = [
    ("Get ready", StepKind.GET_READY, "Leg swings, front to back", Side.NONE),
    ("work", StepKind.WORK, "Leg swings, front to back", Side.LEFT),
    ("switch", StepKind.SIDE_SWITCH, None, Side.RIGHT),
    ("work", StepKind.WORK, "Leg swings, front to back", Side.RIGHT),
    ("rest", StepKind.REST, "Elevated hip hikes on a step, slow and controlled", Side.NONE),
    ("work", StepKind.WORK, "Elevated hip hikes on a step, slow and controlled", Side.LEFT),
]


@pytest.fixture
def widest(store, records, loosening):
    """Sessions with the widest texts each column shows, the newest with long step names."""
    records.run(store, at(TODAY - timedelta(days=400)), tightness_before=10, tightness_after=10)
    records.run(store, at(TODAY - timedelta(days=5)), status=SessionStatus.STOPPED, steps=1)
    records.run(store, at(TODAY - timedelta(days=4)), status=None, steps=1)  # interrupted
    session = records.session(at(TODAY, 19), tightness_before=10, tightness_after=9)
    store.begin_session(session)
    for index, (_, kind, name, side) in enumerate(LONG_STEP_NAMES):
        work = kind is StepKind.WORK
        store.record_step(
            records.step(
                session,
                index,
                kind=kind,
                exercise_id=name and name.lower().replace(" ", "-"),
                exercise_name=name,
                side=side,
                planned_reps=15 if work else None,
                done_reps=15 if work else None,
                planned_seconds=None if work else 20.0,
                skipped=index == len(LONG_STEP_NAMES) - 1,
            )
        )
    store.finish_session(session.uuid, SessionStatus.COMPLETED, at(TODAY, 20))
    return session


def at_size(qtbot, widget, size):
    widget.resize(*size)
    unit = round(unit_for(*size), 3)
    qtbot.waitUntil(lambda: widget._follower.unit == unit)
    qtbot.wait(1)  # let layouts settle


@size_ids
def test_nothing_is_cut_off_on_the_review_screen(qtbot, store, widest, make_review, size):
    screen = make_review(store)
    at_size(qtbot, screen, size)
    for tab in range(3):
        screen.show_tab(tab)
        qtbot.wait(1)
        assert clipped_labels(screen) == [], f"tab {tab} at {size}"
    screen.show_tab(1)
    qtbot.waitUntil(
        lambda: screen.sessions_tab.detail.steps_model.rowCount() == len(LONG_STEP_NAMES)
    )
    qtbot.wait(1)
    for view in (screen.sessions_tab.view, screen.sessions_tab.detail.steps_view):
        assert view.isVisible()
        assert clipped_headers(view) == [], f"{view.objectName()} at {size}"
        assert clipped_cells(view) == [], f"{view.objectName()} at {size}"
    # Long step names wrap onto a second line instead of ending in "...".
    steps = screen.sessions_tab.detail.steps_view
    assert steps.rowHeight(4) > steps.rowHeight(2)


def test_the_tab_names_grow_with_the_window(qtbot, store, loosening, make_review):
    screen = make_review(store)
    small = screen.tabs.tabBar().tabRect(0).height()
    at_size(qtbot, screen, (3840, 2160))
    assert screen.tabs.tabBar().tabRect(0).height() >= 2.5 * small


def home_with_banner(qtbot, window, store):
    """Home's history slot filled as the app fills it: the banner over the strip."""
    notices = HistoryNotices()
    area = QWidget()
    column = QVBoxLayout(area)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(notices)
    column.addWidget(HomeHistorySummary(store, today=lambda: TODAY))
    window.home.history_area.set_content(area)
    notices.set_notices(["The history was upgraded; the old file is kept at /tmp/old.sqlite3."])
    notices.set_problem("Supple could not save the last step: the disk is full.")
    qtbot.wait(1)
    return notices


def colours_of(window, widget):
    """The colours ``widget`` shows on screen, as the window draws it."""
    picture = window.grab().toImage()
    corner = widget.mapTo(window, widget.rect().topLeft())
    colours = set()
    for x in range(widget.width()):
        for y in range(widget.height()):
            colours.add(picture.pixelColor(corner.x() + x, corner.y() + y).name())
    return picture.pixelColor(corner.x() + 1, corner.y() + 1).name(), colours


def near(colour, colours, distance=40):
    want = QColor(colour)
    return any(
        abs(QColor(c).red() - want.red())
        + abs(QColor(c).green() - want.green())
        + abs(QColor(c).blue() - want.blue())
        <= distance
        for c in colours
    )


@size_ids
def test_the_banners_buttons_on_home_are_readable_and_scaled(
    qtbot, make_window, drill, store, size
):
    window = make_window(drill, size=size)
    notices = home_with_banner(qtbot, window, store)
    qtbot.waitUntil(lambda: notices._follower.unit == round(unit_for(*size), 3))
    qtbot.wait(1)
    rows = [row for row in notices._rows if row.isVisible()]
    assert [row.button.text() for row in rows] == ["Try again", "Dismiss"]
    assert clipped_labels(notices) == []
    for row in rows:
        background, colours = colours_of(window, row.button)
        assert background == DARK.surface.lower()  # the banner's, not a light button face
        assert near(DARK.accent, colours), row.button.text()  # its words, in the accent
        assert row.button.font().pixelSize() == round(15 * unit_for(*size))


def test_the_banner_follows_the_theme_on_home(qtbot, make_window, drill, store):
    window = make_window(drill)
    notices = home_with_banner(qtbot, window, store)
    window.keys.theme.trigger()
    qtbot.wait(1)
    assert window.settings.theme == "light"
    background, colours = colours_of(window, notices._rows[0].button)
    assert background == LIGHT.surface.lower()
    assert near(LIGHT.accent, colours)


def test_only_the_current_messages_show_while_they_change(qtbot, make_window, drill, store):
    window = make_window(drill)
    notices = home_with_banner(qtbot, window, store)
    assert shown_rows(notices) == notices.messages()
    notices.set_problem(None)
    # Not even for a moment (a screenshot, a slow frame) do old and new rows overlap.
    assert set(shown_rows(notices)) <= set(notices.messages())
    qtbot.wait(1)
    assert shown_rows(notices) == notices.messages() and len(notices.messages()) == 1


def shown_rows(notices):
    rows = [w for w in notices.findChildren(QWidget) if hasattr(w, "button") and w.isVisible()]
    return [row.label.text() for row in rows]
