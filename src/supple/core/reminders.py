"""Reminders: when to remind, whether to remind now, and the systemd units that do it.

Nothing of Supple runs while a reminder waits: a systemd user timer starts the small
``supple remind`` command at the chosen times, and that command asks :func:`decide`
whether a notification is worth posting. Everything here is plain data and text (the
unit files are rendered as strings), so it is tested with a fixed clock and no system.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import Enum

from supple.core.i18n import N_, _

__all__ = [
    "DAY_NAMES",
    "LATER",
    "Decision",
    "ReminderError",
    "ReminderSchedule",
    "Verdict",
    "decide",
    "format_days",
    "next_reminder",
    "parse_days",
    "parse_time",
    "service_unit",
    "timer_unit",
]

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekdays as the command line and the reminders file write them (Monday is 0)."""
LATER = timedelta(minutes=30)
"""How far "Later" and "In 30 minutes" push a reminder."""
_SYSTEMD_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class ReminderError(ValueError):
    """A day list or time that cannot be a reminder; the text says what to write instead."""


@dataclass(frozen=True)
class ReminderSchedule:
    """The user's reminder: on these weekdays at this time, or off when there are no days."""

    days: frozenset[int] = frozenset()
    at: time = time(18, 0)
    until_goal_met: bool = False
    """Stop reminding for the rest of the week once the weekly goal is met."""
    routine: str = ""
    """The id of the routine the notification offers to start; empty: Supple's Home."""
    routine_name: str = ""
    """That routine's name when the reminder was set, so ``supple remind`` reads no routines."""
    snoozed_until: datetime | None = field(default=None, compare=False)
    """No reminder before this moment ("Not today")."""
    later_at: datetime | None = field(default=None, compare=False)
    """One more reminder is due then ("Later", "In 30 minutes"); none before it."""

    @property
    def enabled(self) -> bool:
        return bool(self.days)


def parse_days(text: str) -> frozenset[int]:
    """``"mon,wed,fri"`` -> ``{0, 2, 4}``; also ``daily``, ``weekdays`` and ``mon-fri``."""
    words = {"daily": range(7), "weekdays": range(5), "weekends": range(5, 7)}
    days: set[int] = set()
    for raw in text.split(","):
        part = raw.strip().lower()
        if part in words:
            days.update(words[part])
            continue
        first, _dash, last = part.partition("-")
        start = _day(first, text)
        end = _day(last, text) if last else start
        if end < start:
            raise ReminderError(
                _('"{days}" runs backwards: write the earlier day first').format(days=part)
            )
        days.update(range(start, end + 1))
    return frozenset(days)


def _day(word: str, whole: str) -> int:
    for index, full in enumerate(_FULL_DAYS):
        if word in (full, full[:3]):
            return index
    raise ReminderError(
        _(
            '"{word}" in "{days}" is not a day: use mon, tue, wed, thu, fri, sat, sun, '
            "separated by commas (or daily, weekdays, mon-fri)"
        ).format(word=word, days=whole)
    )


def parse_time(text: str) -> time:
    """``"18:00"`` -> 18:00, 24-hour clock."""
    match = _TIME.match(text.strip())
    if match is None:
        raise ReminderError(
            _('"{time}" is not a time: write it as HH:MM, e.g. 18:00 or 07:30').format(time=text)
        )
    return time(int(match[1]), int(match[2]))


def format_days(days: Iterable[int]) -> str:
    """``{0, 2, 4}`` -> ``"mon,wed,fri"``, the form :func:`parse_days` reads."""
    return ",".join(DAY_NAMES[day] for day in sorted(days))


class Verdict(Enum):
    # The values are said by ``supple remind`` (translated where they are printed).
    REMIND = N_("remind")
    OFF = N_("off")
    SNOOZED = N_("snoozed")
    DONE_TODAY = N_("done today")
    GOAL_MET = N_("goal met")


@dataclass(frozen=True)
class Decision:
    verdict: Verdict

    @property
    def remind(self) -> bool:
        return self.verdict is Verdict.REMIND


def decide(
    schedule: ReminderSchedule,
    now: datetime,
    *,
    sessions_today: int,
    sessions_this_week: int,
    weekly_goal: int,
) -> Decision:
    """Whether ``supple remind`` posts a notification at ``now``: the decision table.

    In order: off; snoozed ("Not today", "In 30 minutes", "Later" not yet due); a session
    already done today; this week's goal met while the user asked to be reminded only
    until then. Otherwise remind.
    """
    if not schedule.enabled:
        return Decision(Verdict.OFF)
    if any(
        until is not None and now < until for until in (schedule.snoozed_until, schedule.later_at)
    ):
        return Decision(Verdict.SNOOZED)
    if sessions_today > 0:
        return Decision(Verdict.DONE_TODAY)
    if schedule.until_goal_met and weekly_goal > 0 and sessions_this_week >= weekly_goal:
        return Decision(Verdict.GOAL_MET)
    return Decision(Verdict.REMIND)


def not_today(now: datetime) -> datetime:
    """Snooze for "Not today": until the start of tomorrow."""
    return datetime.combine(now.date() + timedelta(days=1), time(0, 0), tzinfo=now.tzinfo)


def next_reminder(schedule: ReminderSchedule, now: datetime) -> datetime | None:
    """The next moment the schedule fires after ``now`` (the fallback waiter sleeps until it)."""
    if not schedule.enabled:
        return None
    for ahead in range(8):
        day: date = now.date() + timedelta(days=ahead)
        moment = datetime.combine(day, schedule.at, tzinfo=now.tzinfo)
        if day.weekday() in schedule.days and moment > now:
            return moment
    return None  # unreachable: an enabled schedule fires within a week


def on_calendar(schedule: ReminderSchedule) -> str:
    """The timer's ``OnCalendar=`` value, e.g. ``Mon,Wed,Fri *-*-* 18:00:00``."""
    days = ",".join(_SYSTEMD_DAYS[day] for day in sorted(schedule.days))
    return f"{days} *-*-* {schedule.at:%H:%M}:00"


def _exec_line(command: Sequence[str]) -> str:
    """A command for ``ExecStart=``: each word quoted, ``%`` and ``$`` kept literal."""
    quoted = []
    for word in command:
        escaped = word.replace("\\", "\\\\").replace('"', '\\"')
        quoted.append('"' + escaped.replace("%", "%%").replace("$", "$$") + '"')
    return " ".join(quoted)


def service_unit(command: Sequence[str]) -> str:
    """The service the timer starts: ``command`` is ``supple remind`` with absolute paths."""
    return (
        "[Unit]\n"
        "Description=Supple: remind me to do my mobility routine\n"
        "\n"
        "[Service]\n"
        "Type=exec\n"
        f"ExecStart={_exec_line(command)}\n"
    )


def timer_unit(schedule: ReminderSchedule, service: str) -> str:
    """The timer that starts ``service`` at the schedule's times (missed ones are not made up)."""
    return (
        "[Unit]\n"
        f"Description=Supple reminder: {format_days(schedule.days)} at {schedule.at:%H:%M}\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar={on_calendar(schedule)}\n"
        "AccuracySec=30s\n"
        f"Unit={service}\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def autostart_entry(command: Sequence[str]) -> str:
    """An XDG autostart file that starts the waiting reminder at login (no systemd)."""
    exec_words = " ".join(
        '"' + word.replace("\\", "\\\\\\\\").replace('"', '\\"').replace("`", "\\`") + '"'
        for word in command
    )
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Supple reminders\n"
        "Comment=Waits for the reminder times chosen in Supple and posts a notification\n"
        f"Exec={exec_words.replace('%', '%%')}\n"
        "NoDisplay=true\n"
        "X-GNOME-Autostart-enabled=true\n"
    )
