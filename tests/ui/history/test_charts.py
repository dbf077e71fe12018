"""The charts on whatever dates a history file holds: year 2 or 9900 never takes Supple down.

The import refuses such dates, but a file written by hand, an older Supple or a bit flip
can hold them; the review screen once segfaulted inside QtCharts on them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt

from supple.storage.records import SelfTestRecord, Side, TightnessPoint, new_uuid
from supple.ui.history.charts import SelfTestChart, TightnessChart
from supple.ui.history.overview import SelfTestSeries, tightness_view
from tests.storage.history_builders import look
from tests.ui.history.conftest import TODAY, at

K = Qt.Key


def redate(store, table: str, uuid: str, year: str) -> None:
    """Move one row to ``year`` in the file itself, as a text editor or a bit flip would."""
    moment = "started_at" if table == "sessions" else "taken_at"
    with look(store.path) as db:
        db.execute(
            f"UPDATE {table} SET {moment} = ?, local_date = ? WHERE uuid = ?",
            (f"{year}-06-01T07:00:00Z", f"{year}-06-01", uuid),
        )


def self_test(store, day, value: float) -> SelfTestRecord:
    test = SelfTestRecord(
        uuid=new_uuid(),
        kind="straight_leg_raise",
        side=Side.LEFT,
        value=value,
        unit="degrees",
        taken_at=at(day, 9),
        utc_offset_minutes=60,
    )
    store.add_self_test(test)
    return test


@pytest.mark.parametrize("year", ["0001", "0002", "9900", "9999"])
def test_the_review_screen_survives_any_year_in_the_file(qtbot, store, records, make_review, year):
    sessions = [
        records.run(store, at(TODAY - timedelta(days=days)), tightness_before=6, tightness_after=4)
        for days in range(4)
    ]
    tests = [self_test(store, TODAY - timedelta(weeks=weeks), 60 + weeks) for weeks in range(3)]
    redate(store, "sessions", sessions[1].uuid, year)
    redate(store, "self_tests", tests[1].uuid, year)

    screen = make_review(store)
    chart = screen.overview_tab.tightness_chart
    assert chart.showing_chart
    x_axis = chart.chart.axes(Qt.Orientation.Horizontal)[0]
    shown = (x_axis.min().date().toPython(), x_axis.max().date().toPython())
    assert shown[0] >= TODAY - timedelta(days=30)
    assert shown[1] <= TODAY + timedelta(days=30)
    screen.grab()  # painting the axes is where QtCharts crashed
    qtbot.keyClick(screen, K.Key_2)
    assert screen.current_tab() == 1
    assert screen.sessions_tab.view.model().rowCount() == 4
    screen.grab()
    qtbot.keyClick(screen, K.Key_3)
    assert screen.self_tests_tab.chart.showing_chart
    screen.grab()


def test_a_history_of_impossible_years_only_says_what_the_chart_would_show(
    store, records, make_review
):
    session = records.run(store, at(TODAY), tightness_before=6, tightness_after=4)
    redate(store, "sessions", session.uuid, "9900")
    screen = make_review(store)
    chart = screen.overview_tab.tightness_chart
    assert not chart.showing_chart
    assert chart.empty_text()
    screen.grab()


def date_labels(chart) -> list[str]:
    """The x-axis labels QtCharts draws: ticks spread evenly from the axis's start to end."""
    axis = chart.chart.axes(Qt.Orientation.Horizontal)[0]
    start, end = axis.min().toMSecsSinceEpoch(), axis.max().toMSecsSinceEpoch()
    count = axis.tickCount()
    return [
        QDateTime.fromMSecsSinceEpoch(round(start + i * (end - start) / (count - 1))).toString(
            axis.format()
        )
        for i in range(count)
    ]


START = date(2026, 3, 20)  # the spans cross the start of summer time in Europe


@pytest.mark.parametrize("span", [0, 1, 2, 3, 4, 6, 9, 13, 40, 100, 200, 700])
def test_no_two_date_labels_repeat(qtbot, span):
    days = sorted({START, START + timedelta(days=span // 2), START + timedelta(days=span)})
    tightness = TightnessChart()
    qtbot.addWidget(tightness)
    tightness.set_view(
        tightness_view(
            [
                TightnessPoint(f"s{n}", datetime(2026, 1, 1, tzinfo=UTC), day, 5, None)
                for n, day in enumerate(days)
            ]
        )
    )
    self_tests = SelfTestChart()
    qtbot.addWidget(self_tests)
    self_tests.set_series(
        SelfTestSeries(
            "toe-touch", "Toe touch", "cm", True, {Side.NONE: [(d, 10.0) for d in days]}, 0
        )
    )
    for chart in (tightness, self_tests):
        labels = date_labels(chart)
        assert len(set(labels)) == len(labels) >= 3, labels
