"""``supple reminders set|show|off``: the reminder from the terminal, as the app sets it."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from supple import paths
from supple.core.i18n import _
from supple.core.reminders import (
    ReminderError,
    ReminderSchedule,
    format_days,
    parse_days,
    parse_time,
)
from supple.storage.reminder_file import load_reminder, reminder_file
from supple.storage.reminder_units import (
    Carrier,
    ReminderInstaller,
    ReminderSetupError,
    set_reminder,
)
from supple.storage.settings import load_settings

EXIT_PROBLEM = 2


def run_set(args: argparse.Namespace) -> int:
    try:
        days = parse_days(args.days)
        at = parse_time(args.at)
    except ReminderError as error:
        print(_("supple reminders set: {error}").format(error=error), file=sys.stderr)
        return EXIT_PROBLEM
    routine_id, routine_name = _routine(args.routine)
    if routine_id is None:
        return EXIT_PROBLEM
    old = load_reminder().schedule
    schedule = replace(
        old,
        days=days,
        at=at,
        until_goal_met=args.until_goal_met,
        routine=routine_id,
        routine_name=routine_name,
    )
    return _apply(schedule)


def run_show(_args: argparse.Namespace) -> int:
    loaded = load_reminder()
    if loaded.problem:
        print(loaded.problem)
    print(describe(loaded.schedule))
    installer = ReminderInstaller()
    print(_("carried by: {carrier}").format(carrier=_(installer.carrier().value)))
    for path in installer.files():
        print(f"  {path}")
    print(_("settings: {file}").format(file=reminder_file()))
    return 0


def run_off(_args: argparse.Namespace) -> int:
    return _apply(replace(load_reminder().schedule, days=frozenset()))


def describe(schedule: ReminderSchedule) -> str:
    """One line a person reads: when, for which routine, and any snooze."""
    if not schedule.enabled:
        return _("reminders: off")
    text = _("reminders: {days} at {time}").format(
        days=format_days(schedule.days), time=f"{schedule.at:%H:%M}"
    )
    if schedule.routine_name:
        text += _(", for {routine}").format(routine=schedule.routine_name)
    if schedule.until_goal_met:
        text += _(", only until the weekly goal is met")
    if schedule.snoozed_until is not None:
        moment = f"{schedule.snoozed_until:%Y-%m-%d %H:%M}"
        text += _(" (none before {moment})").format(moment=moment)
    if schedule.later_at is not None:
        text += _(" (again at {moment})").format(moment=f"{schedule.later_at:%H:%M}")
    return text


def _apply(schedule: ReminderSchedule) -> int:
    try:
        carrier = set_reminder(schedule, ReminderInstaller())
    except (ReminderSetupError, OSError) as error:
        print(_("supple reminders: {error}").format(error=error), file=sys.stderr)
        return EXIT_PROBLEM
    print(describe(schedule))
    if schedule.enabled and carrier is Carrier.AUTOSTART:
        print(
            _(
                "There is no systemd user instance here: a small `supple remind --wait` starts "
                "at login (XDG autostart) and waits for the reminder times."
            )
        )
    return 0


def _routine(wanted: str | None) -> tuple[str | None, str]:
    """The id and name of the routine to offer; (None, "") after saying what is wrong."""
    from supple.core.library import load_library

    library = load_library(paths.routines_dir())
    wanted = wanted or load_settings().settings.last_routine
    for routine in library.routines:
        if wanted in (routine.id, routine.name):
            return routine.id, routine.name
    if wanted and wanted != load_settings().settings.last_routine:
        known = ", ".join(routine.id for routine in library.routines)
        said = _('supple reminders set: there is no routine "{routine}" (known: {known})')
        print(said.format(routine=wanted, known=known), file=sys.stderr)
        return None, ""
    first = library.routines[0] if library.routines else None
    return (first.id, first.name) if first is not None else ("", "")
