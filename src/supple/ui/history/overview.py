"""What the history screen shows at a glance, read from the store in one go, plus its words.

Two questions drive the screen: am I consistent (streak, this week against the
goal, sessions per week) and are my hamstrings getting looser (tightness before
and after sessions, self-tests).

"Getting looser" is a story of months: the first weeks of pelvic work loosen a lot,
then it settles. So the tightness chart covers every check-in since the first
(averaged per week or per month when there are many), and its trend is called by
how far it moved, not by a rate per week that a long history always makes small.
Only a history too big to read in a blink (over ``TIGHTNESS_ALL_SESSIONS``
sessions) is cut to the last ``TIGHTNESS_WEEKS`` weeks. Every other query is
bounded by a date window, except the streak, which needs every active day (one
small indexed scan).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from supple.core.i18n import N_, _, ngettext
from supple.core.stats import (
    GoalProgress,
    Streaks,
    TightnessTrend,
    WeekBucket,
    goal_progress,
    tightness_trend,
    week_start,
)
from supple.qt.history_access import HistoryAccess
from supple.qt.locale_format import date_text, decimal
from supple.storage.records import SELF_TEST_KINDS, SelfTestRecord, Side, TightnessPoint

__all__ = [
    "CALENDAR_WEEKS",
    "CHART_WEEKS",
    "MAX_CHART_POINTS",
    "TIGHTNESS_ALL_SESSIONS",
    "TIGHTNESS_WEEKS",
    "HistoryOverview",
    "SelfTestSeries",
    "TightnessView",
    "load_overview",
    "load_self_tests",
    "self_test_sentence",
    "streak_text",
    "tightness_empty_text",
    "tightness_sentences",
    "tightness_title",
    "tightness_view",
    "week_text",
]

CALENDAR_WEEKS = 8
CHART_WEEKS = 12
TIGHTNESS_ALL_SESSIONS = 5000
"""Up to this many sessions (over ten years of daily ones) the tightness chart shows them all."""
TIGHTNESS_WEEKS = 52
"""The tightness chart's span on a history bigger than ``TIGHTNESS_ALL_SESSIONS``."""
SELF_TEST_WEEKS = 52
MAX_CHART_POINTS = 120
"""Beyond this many readings a chart shows weekly averages instead of each session, and
beyond this many weeks, monthly averages."""
STEADY_CHANGE = 0.5
"""A trend that moved less than this (points, start to end) is called steady."""
MONTH_DAYS = 30.44


ARROW = "\N{RIGHTWARDS ARROW}"
MINUS = "\N{MINUS SIGN}"
SIDE_NAMES = {Side.LEFT: N_("left"), Side.RIGHT: N_("right")}
"""How a self-test reading names its side, mid-sentence."""


@dataclass(frozen=True)
class ChartPoint:
    day: date
    before: float | None
    after: float | None


@dataclass(frozen=True)
class TightnessView:
    """Check-in and check-out answers, and where they are heading."""

    points: tuple[ChartPoint, ...]
    """One per session, or one per week or month (averages) when there are many."""
    per: str
    """What a point stands for: ``session``, ``week`` or ``month``."""
    trend: TightnessTrend
    first_day: date | None
    last_day: date | None
    fitted_start: float | None
    """The trend line's value at the first check-in (None without a trend)."""
    fitted_end: float | None
    window_weeks: int | None = None
    """The weeks the answers were read from, or None for every answer there is."""

    @property
    def weekly(self) -> bool:
        return self.per == "week"

    @property
    def averaged(self) -> bool:
        return self.per != "session"


@dataclass(frozen=True)
class HistoryOverview:
    today: date
    sessions: int
    """All sessions in the history, whatever their status."""
    streaks: Streaks
    goal: GoalProgress | None
    """This week against the weekly goal; None when there is no goal."""
    this_week: WeekBucket
    weeks: tuple[WeekBucket, ...]
    calendar_start: date
    """The Monday the calendar starts on."""
    active_days: frozenset[date]
    """Days with a session that counts, from ``calendar_start`` on."""
    tightness: TightnessView
    self_test_kinds: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return self.sessions == 0 and not self.self_test_kinds


@dataclass(frozen=True)
class SelfTestSeries:
    kind: str
    name: str
    unit: str
    higher_is_looser: bool
    sides: dict[Side, list[tuple[date, float]]]
    """Values by side (``Side.NONE`` for one-sided tests), oldest first."""
    notes: int
    """Readings without a value (free notes)."""


def load_overview(
    store: HistoryAccess,
    today: date,
    weekly_goal: int,
    *,
    calendar_weeks: int = CALENDAR_WEEKS,
    chart_weeks: int = CHART_WEEKS,
    tightness_weeks: int = TIGHTNESS_WEEKS,
    tightness_all_sessions: int = TIGHTNESS_ALL_SESSIONS,
) -> HistoryOverview:
    calendar_start = week_start(today) - timedelta(weeks=calendar_weeks - 1)
    weeks = tuple(store.weekly_totals(today, max(chart_weeks, 1)))
    sessions = store.session_count()
    window = None if sessions <= tightness_all_sessions else tightness_weeks
    since = None if window is None else today - timedelta(weeks=window)
    this_week = weeks[-1]
    goal = goal_progress(this_week.sessions, weekly_goal, today) if weekly_goal > 0 else None
    return HistoryOverview(
        today=today,
        sessions=sessions,
        streaks=store.streaks(today),
        goal=goal,
        this_week=this_week,
        weeks=weeks,
        calendar_start=calendar_start,
        active_days=frozenset(store.active_dates(calendar_start)),
        tightness=tightness_view(store.tightness_series(since), window),
        self_test_kinds=tuple(store.self_test_kinds()),
    )


def tightness_view(
    series: Sequence[TightnessPoint], window_weeks: int | None = None
) -> TightnessView:
    """The chart and trend of ``series`` (read from the last ``window_weeks``, or all)."""
    trend = tightness_trend(series)
    befores = [(p.local_date, p.before) for p in series if p.before is not None]
    first = series[0].local_date if series else None
    last = series[-1].local_date if series else None
    start = end = None
    if trend.before_slope_per_week is not None and befores:
        origin = befores[0][0]
        xs = [(day - origin).days / 7.0 for day, _ in befores]
        ys = [float(value) for _, value in befores]
        mean_x = sum(xs) / len(xs)
        mean_y = sum(ys) / len(ys)
        slope = trend.before_slope_per_week
        start = _clamp(mean_y + slope * (xs[0] - mean_x))
        end = _clamp(mean_y + slope * (xs[-1] - mean_x))
    if len(series) <= MAX_CHART_POINTS:
        per = "session"
        points = tuple(ChartPoint(p.local_date, p.before, p.after) for p in series)
    elif _weeks_between(first, last) < MAX_CHART_POINTS:
        per, points = "week", _means(series, week_start, timedelta(days=3))
    else:
        per, points = "month", _means(series, _month_start, timedelta(days=14))
    return TightnessView(points, per, trend, first, last, start, end, window_weeks)


def _weeks_between(first: date | None, last: date | None) -> int:
    if first is None or last is None:
        return 0
    return (week_start(last) - week_start(first)).days // 7


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _means(
    series: Iterable[TightnessPoint], bucket: Callable[[date], date], middle: timedelta
) -> tuple[ChartPoint, ...]:
    """One point per week or month, in its middle, with the average answers in it."""
    buckets: dict[date, tuple[list[int], list[int]]] = {}
    for point in series:
        befores, afters = buckets.setdefault(bucket(point.local_date), ([], []))
        if point.before is not None:
            befores.append(point.before)
        if point.after is not None:
            afters.append(point.after)
    return tuple(
        ChartPoint(start + middle, _mean(befores), _mean(afters))
        for start, (befores, afters) in sorted(buckets.items())
    )


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _clamp(value: float) -> float:
    return max(0.0, min(10.0, value))


def load_self_tests(
    store: HistoryAccess, kind: str, today: date, weeks: int = SELF_TEST_WEEKS
) -> SelfTestSeries:
    readings = store.self_tests(kind, since=today - timedelta(weeks=weeks))
    known = SELF_TEST_KINDS.get(kind)
    sides: dict[Side, list[tuple[date, float]]] = {}
    notes = 0
    for reading in readings:
        if reading.value is None:
            notes += 1
            continue
        sides.setdefault(reading.side, []).append((reading.local_date, reading.value))
    unit = known.unit if known else _unit_of(readings)
    return SelfTestSeries(
        kind=kind,
        name=known.name if known else kind.replace("_", " ").capitalize(),
        unit=unit,
        higher_is_looser=known.higher_is_looser if known else True,
        sides=sides,
        notes=notes,
    )


def _unit_of(readings: Sequence[SelfTestRecord]) -> str:
    return next((r.unit for r in readings if r.unit), "")


# --- words -----------------------------------------------------------------------------------


def _signed(value: float) -> str:
    if round(abs(value), 1) == 0:
        return decimal(0, 1)
    text = decimal(abs(value), 1)
    return f"{MINUS}{text}" if value < 0 else f"+{text}"


def _span(first: date, last: date) -> str:
    """``8 days``, ``7 weeks``, ``14 months`` or ``3.5 years``."""
    days = (last - first).days
    if days < 14:
        return ngettext("{count} day", "{count} days", days).format(count=days)
    if days < 183:
        return _("{count} weeks").format(count=round(days / 7))
    if days < 730:
        return _("{count} months").format(count=round(days / MONTH_DAYS))
    years = round(days / 365.25 * 2) / 2
    return _("{count} years").format(count=decimal(years, 0 if years.is_integer() else 1))


def _rate(slope_per_week: float, first: date, last: date) -> str:
    """The trend's pace in a unit that shows it: per week over weeks, per month beyond."""
    if (last - first).days < 183:
        return _("{change} per week").format(change=_signed(slope_per_week))
    return _("{change} per month").format(change=_signed(slope_per_week * MONTH_DAYS / 7))


def tightness_sentences(view: TightnessView) -> tuple[str, list[str]]:
    """A headline (``Getting looser``) and the figures behind it, one sentence each."""
    trend = view.trend
    lines: list[str] = []
    slope = trend.before_slope_per_week
    if (
        slope is not None
        and view.fitted_start is not None
        and view.fitted_end is not None
        and view.first_day is not None
        and view.last_day is not None
    ):
        lines.append(
            _("Tightness before sessions: {start} {arrow} {end} over {span} ({rate}).").format(
                start=decimal(view.fitted_start, 1),
                arrow=ARROW,
                end=decimal(view.fitted_end, 1),
                span=_span(view.first_day, view.last_day),
                rate=_rate(slope, view.first_day, view.last_day),
            )
        )
        change = view.fitted_end - view.fitted_start
        if change <= -STEADY_CHANGE:
            headline = _("Getting looser")
        elif change >= STEADY_CHANGE:
            headline = _("Getting tighter")
        else:
            headline = _("Holding steady")
    elif trend.before_readings:
        headline = _("Not enough check-ins for a trend yet")
        lines.append(
            _("Answer the check-in before sessions on a few different days to see a trend.")
        )
    elif any(point.after is not None for point in view.points):
        headline = _("No check-ins before a session yet")
        lines.append(
            _(
                "The chart shows your answers after sessions; answer before them too to see "
                "whether you start looser than you used to."
            )
        )
    else:
        headline = _("No check-ins yet")
        lines.append(
            _(
                'Answer "How tight do your hamstrings feel?" before a session, and again after '
                "it, to see here whether the work is loosening them."
            )
        )
    if trend.mean_change is not None:
        change = trend.mean_change
        count = trend.paired_sessions
        sessions = ngettext("{count} session", "{count} sessions", count).format(count=count)
        if abs(change) < 0.05:
            lines.append(
                _("Right after a session: no change on average ({sessions}).").format(
                    sessions=sessions
                )
            )
        else:
            sentence = (
                _("Right after a session: {points} points looser on average ({sessions}).")
                if change < 0
                else _("Right after a session: {points} points tighter on average ({sessions}).")
            )
            lines.append(sentence.format(points=decimal(abs(change), 1), sessions=sessions))
    return headline, lines


def tightness_title(view: TightnessView) -> str:
    """The tightness panel's caption, saying what the chart covers."""
    if view.window_weeks is not None:
        return (
            _("HAMSTRING TIGHTNESS, LAST {span}")
            .format(span=_weeks_text(view.window_weeks))
            .upper()
        )
    if view.first_day is None:
        return _("HAMSTRING TIGHTNESS")
    since = date_text(view.first_day, _("MMM yyyy"))
    return _("HAMSTRING TIGHTNESS SINCE {month}").format(month=since).upper()


def tightness_empty_text(view: TightnessView | None) -> str:
    """What the tightness chart says instead of empty axes."""
    if view is not None and view.window_weeks is not None:
        lead = _("No check-ins in the last {span}.").format(span=_weeks_text(view.window_weeks))
    else:
        lead = _("No check-ins yet.")
    return (
        lead
        + " "
        + _(
            "Answer the tightness question before and after a session "
            "to see here whether your hamstrings are loosening."
        )
    )


def _weeks_text(weeks: int) -> str:
    if weeks % 13 == 0:
        return _("{count} months").format(count=weeks * 3 // 13)
    return _("{count} weeks").format(count=weeks)


def self_test_sentence(series: SelfTestSeries) -> str:
    """``Left 62° → 70°, right 58° → 66° since 3 Aug 2026 (higher is looser).``"""
    parts = []
    first_day: date | None = None
    for side in (Side.LEFT, Side.RIGHT, Side.NONE):
        values = series.sides.get(side)
        if not values:
            continue
        label = "" if side is Side.NONE else _(SIDE_NAMES[side]) + " "
        first, last = values[0][1], values[-1][1]
        parts.append(
            f"{label}{_with_unit(first, series.unit)} {ARROW} {_with_unit(last, series.unit)}"
        )
        first_day = values[0][0] if first_day is None else min(first_day, values[0][0])
    if not parts:
        return _("No readings in the last year.")
    text = ", ".join(parts)
    text = f"{text[0].upper()}{text[1:]}"
    if first_day:
        text = _("{readings} since {day}").format(
            readings=text, day=date_text(first_day, _("d MMM yyyy"))
        )
    return (
        _("{readings} (higher is looser).")
        if series.higher_is_looser
        else _("{readings} (lower is looser).")
    ).format(readings=text)


def _with_unit(value: float, unit: str) -> str:
    if unit == "degrees":
        return f"{_number(value)}\N{DEGREE SIGN}"
    return f"{_number(value)} {unit}" if unit else _number(value)


def _number(value: float) -> str:
    return decimal(value, 0 if abs(value - round(value)) < 0.05 else 1)


def streak_text(days: int) -> str:
    return ngettext("{count} day", "{count} days", days).format(count=days)


def week_text(overview: HistoryOverview) -> str:
    """``2 of 3 sessions this week`` or, without a goal, ``2 sessions this week``."""
    done = overview.this_week.sessions
    if overview.goal is None:
        return ngettext("{count} session this week", "{count} sessions this week", done).format(
            count=done
        )
    goal = round(overview.goal.goal)
    return ngettext(
        "{done} of {count} session this week", "{done} of {count} sessions this week", goal
    ).format(done=done, count=goal)
