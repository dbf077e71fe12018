"""Numbers for the history screen: streaks, weekly buckets, goal progress, tightness trend.

Pure functions over plain values, so the rules that decide what the user is told
("you are on a 5-day streak", "your hamstrings feel 1.2 points looser after a
session") can be tested without a database and read in one place.

Days are *local* calendar days (the day on the user's wall calendar when the
session started), weeks are ISO weeks that start on Monday.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from supple.core.events import StepResult

__all__ = [
    "DayTotal",
    "GoalProgress",
    "Streaks",
    "TightnessReading",
    "TightnessTrend",
    "WeekBucket",
    "best_streak",
    "current_streak",
    "goal_progress",
    "streaks",
    "tightness_trend",
    "week_buckets",
    "week_start",
]

_ONE_DAY = timedelta(days=1)


# --- streaks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Streaks:
    """Consecutive active days: the run that is still alive, and the longest ever."""

    current: int
    best: int
    done_today: bool
    """False while today's session is still to come (the current streak is then still alive)."""


def current_streak(days: Iterable[date], today: date) -> int:
    """Number of consecutive active days ending today, or ending yesterday.

    Today not being done yet does not break the streak: the day is not over, so a
    streak that reached yesterday is still alive until midnight. Only a whole
    calendar day without a session breaks it. Days after ``today`` (clock or
    timezone changes) are ignored.
    """
    active = set(days)
    cursor = today if today in active else today - _ONE_DAY
    count = 0
    while cursor in active:
        count += 1
        cursor -= _ONE_DAY
    return count


def best_streak(days: Iterable[date]) -> int:
    """Longest run of consecutive active days anywhere in the history."""
    ordered = sorted(set(days))
    best = 0
    run = 0
    previous: date | None = None
    for day in ordered:
        run = run + 1 if previous is not None and day - previous == _ONE_DAY else 1
        best = max(best, run)
        previous = day
    return best


def streaks(days: Iterable[date], today: date) -> Streaks:
    active = {day for day in days if day <= today}
    return Streaks(
        current=current_streak(active, today),
        best=best_streak(active),
        done_today=today in active,
    )


# --- weeks ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayTotal:
    """What happened on one local day: sessions that count and seconds of work done."""

    day: date
    sessions: int
    seconds: float


@dataclass(frozen=True)
class WeekBucket:
    """One ISO week (Monday to Sunday) of activity."""

    start: date
    """The Monday that opens the week."""
    sessions: int
    active_days: int
    seconds: float

    @property
    def end(self) -> date:
        """The Sunday that closes the week."""
        return self.start + timedelta(days=6)

    @property
    def iso_year(self) -> int:
        return self.start.isocalendar().year

    @property
    def iso_week(self) -> int:
        return self.start.isocalendar().week

    @property
    def minutes(self) -> float:
        return self.seconds / 60.0


def week_start(day: date) -> date:
    """The Monday of the ISO week that holds ``day``."""
    return day - timedelta(days=day.weekday())


def week_buckets(totals: Iterable[DayTotal], today: date, weeks: int) -> list[WeekBucket]:
    """The last ``weeks`` ISO weeks up to and including the current one, oldest first.

    Weeks without any session are present with zeros, so a chart shows the gaps.
    Days outside the window are ignored.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    last = week_start(today)
    first = last - timedelta(weeks=weeks - 1)
    sessions = dict.fromkeys(range(weeks), 0)
    seconds = dict.fromkeys(range(weeks), 0.0)
    days: dict[int, set[date]] = {i: set() for i in range(weeks)}
    for total in totals:
        if total.day < first or total.day > last + timedelta(days=6):
            continue
        index = (total.day - first).days // 7
        sessions[index] += total.sessions
        seconds[index] += total.seconds
        if total.sessions > 0:
            days[index].add(total.day)
    return [
        WeekBucket(
            start=first + timedelta(weeks=i),
            sessions=sessions[i],
            active_days=len(days[i]),
            seconds=seconds[i],
        )
        for i in range(weeks)
    ]


@dataclass(frozen=True)
class GoalProgress:
    """How far this week is toward the weekly goal (the unit is whatever the goal counts)."""

    goal: float
    done: float
    days_left: int
    """Days left in the week, today included."""

    @property
    def remaining(self) -> float:
        return max(self.goal - self.done, 0.0)

    @property
    def fraction(self) -> float:
        """0.0 to 1.0; a goal of zero counts as met."""
        if self.goal <= 0:
            return 1.0
        return min(self.done / self.goal, 1.0)

    @property
    def met(self) -> bool:
        return self.done >= self.goal

    @property
    def still_reachable(self) -> bool:
        """Whether one session a day for the rest of the week can still meet a per-session goal."""
        return self.met or self.remaining <= self.days_left


def goal_progress(done: float, goal: float, today: date) -> GoalProgress:
    """Progress toward a weekly goal, e.g. ``done=bucket.sessions`` against 3 sessions a week."""
    if goal < 0:
        raise ValueError(f"a weekly goal cannot be negative, got {goal}")
    return GoalProgress(goal=goal, done=done, days_left=7 - today.weekday())


# --- tightness -----------------------------------------------------------------------------


class TightnessReading(Protocol):
    """A session's check-in and check-out tightness (0 = loose, 10 = very tight)."""

    @property
    def local_date(self) -> date: ...

    @property
    def before(self) -> int | None: ...

    @property
    def after(self) -> int | None: ...


@dataclass(frozen=True)
class TightnessTrend:
    """Is the work loosening the hamstrings? Negative numbers mean looser.

    ``mean_change`` answers "does a session help right away" (after minus before,
    over sessions with both answers). ``before_slope_per_week`` answers "do I start
    looser than I used to" (least-squares slope of the check-in values over time).
    Either is None when there is not enough data to say anything.
    """

    paired_sessions: int
    mean_change: float | None
    before_readings: int
    before_slope_per_week: float | None


def tightness_trend(readings: Iterable[TightnessReading]) -> TightnessTrend:
    changes: list[float] = []
    xs: list[float] = []
    ys: list[float] = []
    origin: date | None = None
    for reading in readings:
        if reading.before is not None and reading.after is not None:
            changes.append(float(reading.after - reading.before))
        if reading.before is not None:
            if origin is None:
                origin = reading.local_date
            xs.append((reading.local_date - origin).days / 7.0)
            ys.append(float(reading.before))
    mean_change = sum(changes) / len(changes) if changes else None
    return TightnessTrend(
        paired_sessions=len(changes),
        mean_change=mean_change,
        before_readings=len(ys),
        before_slope_per_week=_slope(xs, ys),
    )


def _slope(xs: list[float], ys: list[float]) -> float | None:
    """Least-squares slope, or None when all readings share one day (no time axis)."""
    n = len(xs)
    if n < 2:
        return None
    mean_x = sum(xs) / n
    mean_y = sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return sxy / sxx


MIN_WORK_SECONDS = 10.0
"""Work a session must hold before it is kept, when no rep was counted."""


def worth_keeping(results: Iterable[StepResult]) -> bool:
    """Whether a session did enough to be kept in the history and count for the streak.

    Start pressed by mistake and Esc right after, or a get-ready and nothing else, is
    not a session: one rep counted, or ``MIN_WORK_SECONDS`` in one set, is.
    """
    return any(
        r.step.is_work and ((r.reps_done or 0) > 0 or r.seconds_done >= MIN_WORK_SECONDS)
        for r in results
    )
