"""What the overview says about consistency and tightness, from plain readings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from supple.qt.history_access import HistoryAccess
from supple.storage.records import Side, TightnessPoint
from supple.ui.history.overview import (
    MAX_CHART_POINTS,
    TIGHTNESS_WEEKS,
    SelfTestSeries,
    load_overview,
    self_test_sentence,
    tightness_empty_text,
    tightness_sentences,
    tightness_title,
    tightness_view,
)
from tests.ui.history.conftest import TODAY

START = date(2026, 9, 7)


def readings(befores, afters=None, every_days=7):
    afters = afters or [None] * len(befores)
    return [
        TightnessPoint(
            session_uuid=f"s{i}",
            started_at=datetime(2026, 1, 1, tzinfo=UTC),
            local_date=START + timedelta(days=i * every_days),
            before=before,
            after=after,
        )
        for i, (before, after) in enumerate(zip(befores, afters, strict=True))
    ]


def test_falling_check_ins_read_as_getting_looser_with_the_fitted_figures():
    view = tightness_view(readings([7, 7, 6, 6, 5, 5, 4, 4, 4], [5, 5, 4, 4, 4, 3, 3, 2, 2]))
    headline, lines = tightness_sentences(view)
    assert headline == "Getting looser"
    assert lines[0] == (
        "Tightness before sessions: 7.1 → 3.6 over 8 weeks (\N{MINUS SIGN}0.4 per week)."
    )
    assert lines[1] == "Right after a session: 1.8 points looser on average (9 sessions)."


def test_rising_and_flat_check_ins():
    assert tightness_sentences(tightness_view(readings([3, 4, 5, 6])))[0] == "Getting tighter"
    headline, lines = tightness_sentences(tightness_view(readings([5, 5, 5, 5])))
    assert headline == "Holding steady"
    assert "5.0 → 5.0" in lines[0] and "(0.0 per week)" in lines[0]


def test_too_few_check_ins_ask_for_more_instead_of_inventing_a_trend():
    headline, lines = tightness_sentences(tightness_view(readings([6])))
    assert headline == "Not enough check-ins for a trend yet"
    assert "a few different days" in lines[0]
    headline, lines = tightness_sentences(tightness_view([]))
    assert headline == "No check-ins yet"
    # Answers after sessions are check-ins too, and the chart plots them: never "none yet".
    only_after = tightness_view(readings([None, None], [3, 2]))
    headline, lines = tightness_sentences(only_after)
    assert headline == "No check-ins before a session yet"
    assert "answer before them too" in lines[0]


def test_no_change_after_sessions_is_said_plainly():
    lines = tightness_sentences(tightness_view(readings([5, 4], [5, 4])))[1]
    assert lines[-1] == "Right after a session: no change on average (2 sessions)."


def test_short_spans_are_counted_in_days():
    lines = tightness_sentences(tightness_view(readings([6, 5, 5], every_days=4)))[1]
    assert "over 8 days" in lines[0]


def test_many_readings_are_charted_as_weekly_averages():
    many = readings([6, 4] * (MAX_CHART_POINTS // 2 + 10), [4, 2] * (MAX_CHART_POINTS // 2 + 10), 1)
    view = tightness_view(many)
    assert view.weekly
    assert len(view.points) == pytest.approx(len(many) / 7, abs=2)
    assert all(4 <= p.before <= 6 and 2 <= p.after <= 4 for p in view.points)
    assert not tightness_view(many[:MAX_CHART_POINTS]).weekly


def test_self_test_sentence_per_side_and_for_one_sided_tests():
    day = date(2026, 8, 3)
    sided = SelfTestSeries(
        "straight_leg_raise",
        "Active straight-leg raise",
        "degrees",
        True,
        {Side.RIGHT: [(day, 58.0), (TODAY, 66.5)], Side.LEFT: [(day, 62.0), (TODAY, 70.0)]},
        0,
    )
    assert self_test_sentence(sided) == (
        "Left 62° → 70°, right 58° → 66.5° since 3 Aug 2026 (higher is looser)."
    )
    reach = SelfTestSeries("sit_and_reach", "Sit and reach", "cm", True, {Side.NONE: []}, 1)
    assert self_test_sentence(reach) == "No readings in the last year."


def test_the_overview_of_a_real_history(store, loosening):
    overview = load_overview(HistoryAccess(store), TODAY, weekly_goal=3)
    assert overview.sessions == len(loosening)
    assert overview.streaks.current == 3 and overview.streaks.done_today
    assert overview.goal is not None and overview.goal.met
    assert len(overview.weeks) == 12 and overview.weeks[-1].sessions == 3
    assert overview.calendar_start.weekday() == 0
    assert overview.calendar_start == TODAY - timedelta(days=TODAY.weekday(), weeks=7)
    assert overview.self_test_kinds == ("straight_leg_raise",)
    assert not overview.is_empty
    assert load_overview(HistoryAccess(store), TODAY, weekly_goal=0).goal is None


def test_a_slow_long_loosening_is_called_looser_with_a_monthly_pace():
    # 6 → 4.5 over 60 weeks: a quarter of a point a month, too little to see week by week.
    befores = [round(6 - 1.5 * week / 59) for week in range(60)]
    headline, lines = tightness_sentences(tightness_view(readings(befores)))
    assert headline == "Getting looser"
    assert "over 14 months" in lines[0]
    assert lines[0].endswith("per month).")


def test_years_of_daily_check_ins_are_charted_as_monthly_averages():
    many = readings([6, 4] * 550, [4, 2] * 550, every_days=1)  # three years
    view = tightness_view(many)
    assert view.per == "month" and view.averaged and not view.weekly
    assert len(view.points) == pytest.approx(1100 / 30.44, abs=2)
    assert all(4.9 <= p.before <= 5.1 and 2.9 <= p.after <= 3.1 for p in view.points)
    assert "over 3 years" in tightness_sentences(view)[1][0]


def test_the_tightness_overview_starts_at_the_first_check_in(store, records):
    first = TODAY - timedelta(days=500)
    for days_ago in range(500, -1, -50):
        day = TODAY - timedelta(days=days_ago)
        records.run(store, _at(day), tightness_before=7 - days_ago // 150)
    view = load_overview(HistoryAccess(store), TODAY, weekly_goal=3).tightness
    assert view.window_weeks is None
    assert view.first_day == first and view.last_day == TODAY
    assert tightness_title(view) == f"HAMSTRING TIGHTNESS SINCE {first:%b %Y}".upper()


def test_a_huge_history_charts_only_the_last_year(store, records):
    for days_ago in (500, 400, 300, 200, 100, 0):
        records.run(store, _at(TODAY - timedelta(days=days_ago)), tightness_before=5)
    view = load_overview(
        HistoryAccess(store), TODAY, weekly_goal=3, tightness_all_sessions=5
    ).tightness
    assert view.window_weeks == TIGHTNESS_WEEKS
    assert view.first_day == TODAY - timedelta(days=300)
    assert tightness_title(view) == "HAMSTRING TIGHTNESS, LAST 12 MONTHS"
    assert "in the last 12 months" in tightness_empty_text(tightness_view([], 52))


def _at(day):
    return datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
