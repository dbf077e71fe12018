"""What the overview says about consistency and tightness, from plain readings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from supple.storage.records import Side, TightnessPoint
from supple.ui.history.overview import (
    MAX_CHART_POINTS,
    SelfTestSeries,
    load_overview,
    self_test_sentence,
    tightness_sentences,
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
    only_after = tightness_view(readings([None, None], [3, 2]))
    assert tightness_sentences(only_after)[0] == "No check-ins yet"


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
    overview = load_overview(store, TODAY, weekly_goal=3)
    assert overview.sessions == len(loosening)
    assert overview.streaks.current == 3 and overview.streaks.done_today
    assert overview.goal is not None and overview.goal.met
    assert len(overview.weeks) == 12 and overview.weeks[-1].sessions == 3
    assert overview.calendar_start.weekday() == 0
    assert overview.calendar_start == TODAY - timedelta(days=TODAY.weekday(), weeks=7)
    assert overview.self_test_kinds == ("straight_leg_raise",)
    assert not overview.is_empty
    assert load_overview(store, TODAY, weekly_goal=0).goal is None
