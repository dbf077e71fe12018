"""Streaks, weekly buckets, goal progress and the tightness trend, as the user reads them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supple.core.stats import (
    DayTotal,
    best_streak,
    current_streak,
    goal_progress,
    streaks,
    tightness_trend,
    week_buckets,
    week_start,
)

THURSDAY = date(2026, 11, 26)


def days_back(today: date, *offsets: int) -> set[date]:
    return {today - timedelta(days=n) for n in offsets}


# --- streaks -------------------------------------------------------------------------------


def test_streak_counts_consecutive_days_ending_today():
    assert current_streak(days_back(THURSDAY, 0, 1, 2, 4), THURSDAY) == 3


def test_today_not_done_yet_keeps_yesterdays_streak_alive():
    active = days_back(THURSDAY, 1, 2, 3)
    assert current_streak(active, THURSDAY) == 3
    result = streaks(active, THURSDAY)
    assert result.current == 3
    assert not result.done_today


def test_a_whole_missed_day_breaks_the_streak():
    assert current_streak(days_back(THURSDAY, 2, 3, 4), THURSDAY) == 0


def test_no_sessions_means_no_streak():
    assert current_streak(set(), THURSDAY) == 0
    assert best_streak([]) == 0


def test_best_streak_is_the_longest_run_anywhere():
    active = days_back(THURSDAY, 0, 10, 11, 12, 13, 14, 20, 21)
    assert best_streak(active) == 5
    assert streaks(active, THURSDAY).best == 5


def test_days_after_today_do_not_count():
    """A session logged 'tomorrow' after travelling across time zones does not extend today."""
    active = days_back(THURSDAY, -1, 0)
    assert streaks(active, THURSDAY) == streaks(days_back(THURSDAY, 0), THURSDAY)


def test_streak_across_a_month_and_year_boundary():
    active = {date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 1), date(2027, 1, 2)}
    assert current_streak(active, date(2027, 1, 2)) == 4


@given(st.sets(st.dates(date(2020, 1, 1), date(2030, 1, 1)), max_size=60), st.dates())
def test_current_streak_never_exceeds_best(active, today):
    result = streaks(active, today)
    assert 0 <= result.current <= result.best
    # The reported streak really is a run of active days.
    end = today if today in active else today - timedelta(days=1)
    assert all(end - timedelta(days=n) in active for n in range(result.current))


# --- weeks ---------------------------------------------------------------------------------


def test_week_starts_on_monday():
    assert week_start(THURSDAY) == date(2026, 11, 23)
    assert week_start(date(2026, 11, 23)) == date(2026, 11, 23)
    assert week_start(date(2026, 11, 29)) == date(2026, 11, 23)  # Sunday


def test_week_buckets_cover_the_last_weeks_with_gaps_as_zero():
    totals = [
        DayTotal(date(2026, 11, 23), 1, 600.0),  # this week, Monday
        DayTotal(date(2026, 11, 26), 2, 900.0),  # this week, Thursday
        DayTotal(date(2026, 11, 9), 1, 300.0),  # three weeks back (Monday)
        DayTotal(date(2026, 11, 15), 1, 120.0),  # Sunday of the week before last
        DayTotal(date(2026, 10, 1), 1, 999.0),  # outside the window
    ]
    buckets = week_buckets(totals, THURSDAY, 4)
    assert [b.start for b in buckets] == [
        date(2026, 11, 2),
        date(2026, 11, 9),
        date(2026, 11, 16),
        date(2026, 11, 23),
    ]
    assert [b.sessions for b in buckets] == [0, 2, 0, 3]
    assert [b.minutes for b in buckets] == [0.0, 7.0, 0.0, 25.0]
    assert [b.active_days for b in buckets] == [0, 2, 0, 2]
    assert buckets[-1].end == date(2026, 11, 29)
    assert (buckets[-1].iso_year, buckets[-1].iso_week) == (2026, 48)


def test_iso_week_numbers_across_new_year():
    buckets = week_buckets([DayTotal(date(2027, 1, 1), 1, 60.0)], date(2027, 1, 4), 2)
    # Friday 1 January 2027 belongs to ISO week 53 of 2026.
    assert [(b.iso_year, b.iso_week, b.sessions) for b in buckets] == [(2026, 53, 1), (2027, 1, 0)]


def test_week_buckets_reject_an_empty_window():
    with pytest.raises(ValueError, match="at least 1"):
        week_buckets([], THURSDAY, 0)


def test_goal_progress_for_the_week():
    progress = goal_progress(done=2, goal=3, today=THURSDAY)
    assert progress.remaining == 1
    assert progress.fraction == pytest.approx(2 / 3)
    assert not progress.met
    assert progress.days_left == 4  # Thursday to Sunday
    assert progress.still_reachable


def test_goal_met_and_goal_out_of_reach():
    assert goal_progress(done=4, goal=3, today=THURSDAY).fraction == 1.0
    assert goal_progress(done=4, goal=3, today=THURSDAY).met
    sunday = date(2026, 11, 29)
    assert not goal_progress(done=1, goal=5, today=sunday).still_reachable
    with pytest.raises(ValueError, match="negative"):
        goal_progress(done=0, goal=-1, today=THURSDAY)


# --- tightness -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    local_date: date
    before: int | None
    after: int | None


def test_tightness_trend_of_a_loosening_runner():
    start = date(2026, 9, 7)
    readings = [
        Reading(start, 8, 6),
        Reading(start + timedelta(weeks=1), 7, 5),
        Reading(start + timedelta(weeks=2), 6, None),  # skipped the check-out
        Reading(start + timedelta(weeks=3), 5, 4),
        Reading(start + timedelta(weeks=4), None, 3),  # skipped the check-in
    ]
    trend = tightness_trend(readings)
    assert trend.paired_sessions == 3
    assert trend.mean_change == pytest.approx((-2 - 2 - 1) / 3)
    assert trend.before_readings == 4
    assert trend.before_slope_per_week == pytest.approx(-1.0)


def test_tightness_trend_needs_enough_data():
    empty = tightness_trend([])
    assert empty.mean_change is None
    assert empty.before_slope_per_week is None
    same_day = tightness_trend([Reading(THURSDAY, 5, 4), Reading(THURSDAY, 7, 4)])
    assert same_day.mean_change == pytest.approx(-2.0)
    assert same_day.before_slope_per_week is None


def test_tightness_slope_does_not_depend_on_order():
    start = date(2026, 1, 5)
    readings = [Reading(start + timedelta(days=3 * i), 9 - (i % 4), None) for i in range(12)]
    forward = tightness_trend(readings).before_slope_per_week
    backward = tightness_trend(list(reversed(readings))).before_slope_per_week
    assert forward is not None
    assert forward == pytest.approx(backward)
