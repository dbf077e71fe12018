"""The history screen's table models, on a real history file and without any widget."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from supple.qt.history_access import HistoryAccess
from supple.qt.history_models import (
    PAGE_SIZE,
    SUMMARY_ROLE,
    UUID_ROLE,
    SessionTableModel,
    StepTableModel,
    completion_text,
    session_date_text,
    step_name,
    tightness_text,
)
from supple.storage.history import open_history
from supple.storage.records import SessionStatus, Side, StepKind
from tests.storage.history_builders import MORNING, Records

DISPLAY = Qt.ItemDataRole.DisplayRole
TODAY = (MORNING + timedelta(days=200)).date()


def checked(model):
    """Qt's own consistency checks for the model's whole life (failures are Qt warnings)."""
    return QAbstractItemModelTester(
        model, QAbstractItemModelTester.FailureReportingMode.Warning, model
    )


@pytest.fixture
def store():
    with open_history() as opened:
        yield opened


@pytest.fixture
def records():
    return Records()


def fill(store, records, count):
    """``count`` sessions a day apart, the newest last; returns their UUIDs newest first."""
    uuids = [
        records.run(store, MORNING + timedelta(days=day), steps=2).uuid for day in range(count)
    ]
    return uuids[::-1]


def texts(model, row):
    return [model.index(row, column).data(DISPLAY) for column in range(model.columnCount())]


def test_an_empty_history_has_no_rows_and_nothing_to_fetch(store):
    model = SessionTableModel(HistoryAccess(store))
    checked(model)
    assert model.rowCount() == 0 and model.total == 0
    assert not model.canFetchMore(QModelIndex())
    assert model.problem is None


def test_sessions_arrive_a_page_at_a_time_newest_first(store, records):
    newest_first = fill(store, records, 2 * PAGE_SIZE + 7)
    # No model tester here: it fetches everything at once to check it.
    model = SessionTableModel(HistoryAccess(store))
    totals = []
    model.total_changed.connect(totals.append)

    assert model.rowCount() == PAGE_SIZE and model.total == len(newest_first)
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE_SIZE
    model.fetchMore(QModelIndex())
    assert model.rowCount() == len(newest_first)
    assert not model.canFetchMore(QModelIndex())
    loaded = [model.index(row, 0).data(UUID_ROLE) for row in range(model.rowCount())]
    assert loaded == newest_first
    assert totals == []  # nothing changed underneath


def test_each_row_says_when_what_how_long_how_much_and_how_tight(store, records):
    session = records.run(
        store,
        datetime(2027, 5, 20, 5, 30, tzinfo=UTC),
        steps=4,
        tightness_before=6,
        tightness_after=4,
        notes="felt good",
        utc_offset_minutes=120,
    )
    model = SessionTableModel(HistoryAccess(store), today=lambda: date(2027, 5, 20))
    checked(model)
    assert texts(model, 0) == ["Today, 07:30", "Pelvic basics", "2 min", "13 %", "6 → 4"]
    index = model.index(0, 1)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "felt good"
    assert index.data(SUMMARY_ROLE).uuid == session.uuid
    assert model.session_at(0).tightness_after == 4
    assert model.row_of(session.uuid) == 0
    assert model.headerData(0, Qt.Orientation.Horizontal, DISPLAY) == "Date"


def test_partial_and_interrupted_sessions_say_so(store, records):
    stopped = records.run(store, MORNING, steps=2, status=SessionStatus.STOPPED)
    records.run(store, MORNING + timedelta(hours=5), steps=1, status=None)
    model = SessionTableModel(HistoryAccess(store), today=lambda: TODAY)
    checked(model)
    assert texts(model, 0)[3] == "4 % · interrupted"
    assert texts(model, 1)[3] == "6 % · ended early"
    assert texts(model, 1)[4] == "\N{EN DASH}"
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.row_of(stopped.uuid) == 1


def test_refresh_shows_added_and_deleted_sessions_and_keeps_what_was_loaded(store, records):
    fill(store, records, PAGE_SIZE + 20)
    model = SessionTableModel(HistoryAccess(store))
    model.fetchMore(QModelIndex())
    assert model.rowCount() == PAGE_SIZE + 20

    added = records.run(store, MORNING + timedelta(days=400))
    model.refresh()
    # As many rows as were loaded, starting again from the newest.
    assert model.rowCount() == PAGE_SIZE + 20 and model.total == PAGE_SIZE + 21
    assert model.session_at(0).uuid == added.uuid
    assert model.canFetchMore(QModelIndex())

    store.delete_session(added.uuid)
    model.refresh()
    assert model.row_of(added.uuid) is None
    assert model.total == PAGE_SIZE + 20


def test_a_session_added_between_pages_is_not_shown_twice(store, records):
    fill(store, records, PAGE_SIZE + 5)
    model = SessionTableModel(HistoryAccess(store))
    records.run(store, MORNING + timedelta(days=500))  # pushes every row down by one
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    uuids = [model.session_at(row).uuid for row in range(model.rowCount())]
    assert len(uuids) == len(set(uuids))
    assert model.total == PAGE_SIZE + 6


def test_a_history_that_cannot_be_read_is_reported_not_raised(records):
    store = open_history()
    fill(store, records, 3)
    current = {"store": store}
    model = SessionTableModel(HistoryAccess(lambda: current["store"]))
    checked(model)
    problems = []
    model.problem_changed.connect(problems.append)
    assert model.rowCount() == 3

    store.close()
    model.refresh()
    assert model.rowCount() == 0
    assert problems and "could not be read" in problems[-1]

    current["store"] = None
    model.refresh()
    assert model.problem == "The history is not available."

    current["store"] = open_history()
    model.refresh()
    assert model.rowCount() == 3 and problems[-1] is None
    current["store"].close()


def test_the_steps_model_names_each_step_and_marks_what_was_skipped(store, records):
    session = records.session()
    store.begin_session(session)
    steps = [
        records.step(session, 0, kind=StepKind.GET_READY, exercise_name="Pelvic tilt"),
        records.step(
            session,
            1,
            kind=StepKind.WORK,
            side=Side.LEFT,
            exercise_name="Pelvic tilt",
            planned_reps=10,
            planned_seconds=None,
            done_reps=10,
            done_seconds=40.0,
        ),
        records.step(
            session,
            2,
            kind=StepKind.REST,
            exercise_name="Pelvic tilt",
            planned_reps=None,
            planned_seconds=20.0,
            done_reps=None,
            done_seconds=20.0,
        ),
        records.step(
            session,
            3,
            kind=StepKind.WORK,
            exercise_name="Hip hike",
            planned_reps=10,
            done_reps=3,
            skipped=True,
        ),
        records.step(session, 4, kind=StepKind.SIDE_SWITCH, exercise_name="Hip hike"),
        records.step(
            session,
            5,
            kind=StepKind.WORK,
            exercise_name="March",
            planned_reps=None,
            planned_seconds=45.0,
            done_reps=None,
            done_seconds=45.0,
        ),
    ]
    for step in steps:
        store.record_step(step)
    model = StepTableModel()
    checked(model)
    model.set_steps(store.session_detail(session.uuid).steps)

    assert texts(model, 1) == ["2", "Pelvic tilt (left)", "10 / 10", "0:40"]
    assert texts(model, 0)[1] == "Get ready · Pelvic tilt"
    assert texts(model, 2)[1] == "Rest · next: Pelvic tilt (left)"  # the side it leads to
    assert texts(model, 2)[2:] == ["", "0:20"]  # a rest is simply over
    assert texts(model, 3)[2] == "skipped 3 / 10"
    assert texts(model, 4)[1] == "Switch sides · left"
    assert texts(model, 5)[2:] == ["0:45 / 0:45", "0:45"]
    faint = Qt.ItemDataRole.ForegroundRole
    assert model.index(3, 1).data(faint) is not None  # skipped
    assert model.index(1, 1).data(faint) is None  # done work
    model.clear()
    assert model.rowCount() == 0


def test_wording_of_dates_tightness_and_completion(records):
    today = date(2026, 11, 26)
    wall = datetime(2026, 11, 25, 18, 5, tzinfo=UTC)
    assert session_date_text(wall, today) == "Yesterday, 18:05"
    assert session_date_text(wall - timedelta(days=1), today) == "Tue 24 Nov, 18:05"
    assert session_date_text(wall - timedelta(days=365), today) == "25 Nov 2025, 18:05"
    assert tightness_text(None, None) == "\N{EN DASH}"
    assert tightness_text(7, None) == "7 → \N{EN DASH}"
    assert tightness_text(None, 3) == "\N{EN DASH} → 3"
    step = records.step(
        records.session(), 0, kind=StepKind.REST, exercise_id=None, exercise_name=None
    )
    assert step_name(step) == "Rest"


def test_completion_is_rounded_down_so_100_means_all_of_it(store, records):
    session = records.run(store, MORNING, steps=0, planned_seconds=100.0)
    store.record_step(records.step(session, 0, done_seconds=99.9))
    summary = store.list_sessions().items[0]
    assert completion_text(summary) == "99 %"
