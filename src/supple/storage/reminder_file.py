"""The reminder the user chose, in ``reminders.toml`` beside the settings.

It has a file of its own because ``supple remind`` reads it on every reminder and must
start fast, and because the snooze ("Not today", "Later") is written by that small
command while the app may be running and saving its settings. A damaged file means
reminders off, with one sentence that says why; the file is then left for the user.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from supple import paths
from supple.core.atomic_file import write_text
from supple.core.i18n import _
from supple.core.reminders import (
    ReminderError,
    ReminderSchedule,
    format_days,
    parse_days,
    parse_time,
)

__all__ = ["ReminderLoad", "load_reminder", "reminder_file", "save_reminder"]


def reminder_file() -> Path:
    return paths.data_dir() / "reminders.toml"


@dataclass(frozen=True)
class ReminderLoad:
    schedule: ReminderSchedule
    problem: str | None = None


def load_reminder(path: Path | None = None) -> ReminderLoad:
    """The saved reminder; off (and a ``problem``) when the file cannot be used."""
    path = path if path is not None else reminder_file()
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ReminderLoad(ReminderSchedule())
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        said = _("{file}: cannot be read ({error}); reminders off.")
        return ReminderLoad(ReminderSchedule(), said.format(file=path, error=error))
    try:
        return ReminderLoad(_from_table(table))
    except (ReminderError, TypeError, ValueError) as error:
        said = _("{file}: {error}; reminders off.")
        return ReminderLoad(ReminderSchedule(), said.format(file=path, error=error))


def _from_table(table: Mapping[str, Any]) -> ReminderSchedule:
    days = table.get("days", "")
    at = table.get("at", "18:00")
    until_goal = table.get("until_goal_met", False)
    routine = table.get("routine", "")
    routine_name = table.get("routine_name", "")
    snoozed = _moment(table, "snoozed_until")
    later = _moment(table, "later_at")
    if not isinstance(days, str) or not isinstance(at, str):
        raise ReminderError(_('days and at must be text in quotes, e.g. days = "mon,wed,fri"'))
    if not isinstance(until_goal, bool):
        raise ReminderError(
            _("until_goal_met must be true or false, got {value}").format(value=repr(until_goal))
        )
    if not isinstance(routine, str) or not isinstance(routine_name, str):
        raise ReminderError(_("routine and routine_name must be text in quotes"))
    return ReminderSchedule(
        days=parse_days(days) if days else frozenset(),
        at=parse_time(at),
        until_goal_met=until_goal,
        routine=routine,
        routine_name=routine_name,
        snoozed_until=snoozed,
        later_at=later,
    )


def _moment(table: Mapping[str, Any], key: str) -> datetime | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise ReminderError(
            _("{key} must be a date and time, got {value}").format(key=key, value=repr(value))
        )
    return value.astimezone()  # one without an offset is local time


def save_reminder(schedule: ReminderSchedule, path: Path | None = None) -> None:
    """Write ``schedule`` atomically (``OSError`` when the folder cannot be written)."""
    path = path if path is not None else reminder_file()
    table: dict[str, Any] = {
        "days": format_days(schedule.days),
        "at": f"{schedule.at:%H:%M}",
        "until_goal_met": schedule.until_goal_met,
        "routine": schedule.routine,
        "routine_name": schedule.routine_name,
    }
    for key in ("snoozed_until", "later_at"):
        if getattr(schedule, key) is not None:
            table[key] = getattr(schedule, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, tomli_w.dumps(table))
