"""The reminder file: kept as written, and off with a reason when it cannot be used."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from supple.core.reminders import ReminderSchedule, parse_days
from supple.storage.reminder_file import load_reminder, reminder_file, save_reminder


def test_a_missing_file_means_reminders_off():
    loaded = load_reminder()
    assert not loaded.schedule.enabled
    assert loaded.problem is None


def test_what_is_saved_is_read_back():
    now = datetime.now().astimezone().replace(microsecond=0)
    schedule = ReminderSchedule(
        days=parse_days("tue,sat"),
        at=time(6, 45),
        until_goal_met=True,
        routine="quick-reset",
        routine_name="Quick Reset",
        snoozed_until=now + timedelta(hours=3),
        later_at=now + timedelta(minutes=30),
    )
    save_reminder(schedule)
    loaded = load_reminder().schedule
    assert loaded == schedule
    assert loaded.snoozed_until == schedule.snoozed_until
    assert loaded.later_at == schedule.later_at


def test_a_bad_value_turns_reminders_off_and_names_the_file_and_the_field():
    reminder_file().parent.mkdir(parents=True, exist_ok=True)
    reminder_file().write_text('days = "mon,someday"\nat = "18:00"\n')
    loaded = load_reminder()
    assert not loaded.schedule.enabled
    assert loaded.problem is not None
    assert "reminders.toml" in loaded.problem
    assert '"someday"' in loaded.problem


def test_a_damaged_file_turns_reminders_off():
    reminder_file().parent.mkdir(parents=True, exist_ok=True)
    reminder_file().write_text("days = [")
    loaded = load_reminder()
    assert not loaded.schedule.enabled
    assert "cannot be read" in (loaded.problem or "")
