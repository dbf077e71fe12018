"""The reminder's schedule, its decision table and the unit files it renders."""

from __future__ import annotations

import configparser
import shlex
from datetime import datetime, time, timedelta, timezone

import pytest

from supple.core.reminders import (
    ReminderError,
    ReminderSchedule,
    Verdict,
    autostart_entry,
    decide,
    format_days,
    next_reminder,
    not_today,
    on_calendar,
    parse_days,
    parse_time,
    service_unit,
    timer_unit,
)

TZ = timezone(timedelta(hours=1))
WEDNESDAY_6PM = datetime(2025, 3, 12, 18, 0, tzinfo=TZ)
ON = ReminderSchedule(days=parse_days("mon,wed,fri"), at=time(18, 0))


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("mon,wed,fri", {0, 2, 4}),
        ("Monday, Friday", {0, 4}),
        ("mon-fri", {0, 1, 2, 3, 4}),
        ("weekdays,sun", {0, 1, 2, 3, 4, 6}),
        ("daily", set(range(7))),
    ],
)
def test_days_are_read_in_every_form_the_help_names(text, days):
    assert parse_days(text) == days
    assert parse_days(format_days(days)) == days


@pytest.mark.parametrize(
    ("text", "said"),
    [("mon,funday", '"funday"'), ("fri-mon", "runs backwards"), ("", "is not a day")],
)
def test_a_bad_day_list_says_what_is_wrong_and_what_to_write(text, said):
    with pytest.raises(ReminderError, match=said) as raised:
        parse_days(text)
    assert "mon" in str(raised.value)


@pytest.mark.parametrize("text", ["18:00", "7:30", "23:59", " 00:00 "])
def test_times_are_24_hour(text):
    assert parse_time(text) == time(*map(int, text.strip().split(":")))


@pytest.mark.parametrize("text", ["24:00", "18.00", "6pm", "18:60", ""])
def test_a_bad_time_asks_for_hh_mm(text):
    with pytest.raises(ReminderError, match="HH:MM"):
        parse_time(text)


def _decide(schedule, now=WEDNESDAY_6PM, today=0, week=0, goal=3):
    return decide(
        schedule, now, sessions_today=today, sessions_this_week=week, weekly_goal=goal
    ).verdict


def test_the_decision_table():
    until_goal = ReminderSchedule(days=ON.days, until_goal_met=True)
    snoozed = ReminderSchedule(days=ON.days, snoozed_until=not_today(WEDNESDAY_6PM))
    later = ReminderSchedule(days=ON.days, later_at=WEDNESDAY_6PM + timedelta(minutes=30))
    assert _decide(ON) is Verdict.REMIND
    assert _decide(ReminderSchedule()) is Verdict.OFF
    assert _decide(ON, today=1, week=1) is Verdict.DONE_TODAY
    # The goal stops reminders only for those who asked for it, and only with a goal.
    assert _decide(ON, week=3) is Verdict.REMIND
    assert _decide(until_goal, week=3) is Verdict.GOAL_MET
    assert _decide(until_goal, week=2) is Verdict.REMIND
    assert _decide(until_goal, week=5, goal=0) is Verdict.REMIND
    # "Not today" holds until midnight; "Later" holds until it is due, then reminds.
    assert _decide(snoozed) is Verdict.SNOOZED
    assert _decide(snoozed, now=WEDNESDAY_6PM + timedelta(hours=6)) is Verdict.REMIND
    assert _decide(later) is Verdict.SNOOZED
    assert _decide(later, now=WEDNESDAY_6PM + timedelta(minutes=30)) is Verdict.REMIND
    # Done today wins over a due "Later".
    assert _decide(later, now=WEDNESDAY_6PM + timedelta(hours=1), today=1) is Verdict.DONE_TODAY


def test_not_today_lasts_until_the_next_midnight():
    assert not_today(WEDNESDAY_6PM) == datetime(2025, 3, 13, 0, 0, tzinfo=TZ)


def test_the_next_reminder_skips_days_not_chosen_and_times_passed():
    assert next_reminder(ON, WEDNESDAY_6PM - timedelta(minutes=1)) == WEDNESDAY_6PM
    assert next_reminder(ON, WEDNESDAY_6PM) == WEDNESDAY_6PM + timedelta(days=2)  # Friday
    sunday = datetime(2025, 3, 16, 20, 0, tzinfo=TZ)
    assert next_reminder(ON, sunday) == datetime(2025, 3, 17, 18, 0, tzinfo=TZ)
    assert next_reminder(ReminderSchedule(), sunday) is None


def _ini(text):
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string(text)
    return parser


def test_the_units_parse_and_run_the_command_given():
    command = ["/opt/my python/bin/python", "-m", "supple", "--data-dir", "/data/50% off", "remind"]
    service = _ini(service_unit(command))
    timer = _ini(timer_unit(ON, "supple-reminder.service"))
    exec_start = service["Service"]["ExecStart"].replace("%%", "%").replace("$$", "$")
    assert shlex.split(exec_start) == command
    assert timer["Timer"]["OnCalendar"] == "Mon,Wed,Fri *-*-* 18:00:00"
    assert timer["Timer"]["Unit"] == "supple-reminder.service"
    assert timer["Install"]["WantedBy"] == "timers.target"
    assert "Persistent" not in timer["Timer"], "a reminder missed while off is not made up"


def test_the_calendar_names_each_chosen_day_once():
    every_day = ReminderSchedule(days=parse_days("daily"), at=time(7, 5))
    assert on_calendar(every_day) == "Mon,Tue,Wed,Thu,Fri,Sat,Sun *-*-* 07:05:00"


def test_the_autostart_entry_quotes_the_command():
    entry = _ini(autostart_entry(["/opt/my python/python", "-m", "supple", "remind", "--wait"]))
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert shlex.split(desktop["Exec"]) == [
        "/opt/my python/python",
        "-m",
        "supple",
        "remind",
        "--wait",
    ]
