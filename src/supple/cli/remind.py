"""``supple remind``: the small command a timer starts to remind the user, without the GUI.

It reads the reminder file, the weekly goal and this week's sessions, asks
``core.reminders.decide`` and, if a reminder is due, posts a notification with "Start
<routine>" and "Later". It waits for that answer (not past :data:`ANSWER_WAIT_S`) and
exits; with a notification server that has no buttons it exits at once. Between
reminders no Supple process runs: the timer is systemd's. ``--wait`` is the fallback
for sessions without systemd (XDG autostart): one small process that sleeps until each
reminder time.
"""

from __future__ import annotations

import argparse
import fcntl
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date, datetime, timedelta

from supple import paths
from supple.cli.notification import CLOSED, Notification, NotificationError, Notifier
from supple.core.i18n import _, ngettext
from supple.core.reminders import LATER, ReminderSchedule, decide, next_reminder
from supple.core.stats import week_start
from supple.storage.reminder_file import load_reminder, save_reminder
from supple.storage.reminder_units import (
    Carrier,
    ReminderInstaller,
    ReminderSetupError,
    supple_command,
)
from supple.storage.settings import load_settings

ANSWER_WAIT_S = 2 * 60 * 60.0
"""How long a reminder waits for "Start" or "Later" before it closes its notification."""
WAIT_POLL_S = 60.0
"""The fallback waiter reads the reminder file this often, so a change in the app counts."""


def run_remind(args: argparse.Namespace) -> int:
    if args.wait:
        return wait_for_reminders()
    return remind_once(later=args.later, arm_later=True)


def remind_once(*, later: bool, arm_later: bool) -> int:
    """Decide, post, wait for the answer and act on it; the exit status."""
    started = time.perf_counter()
    now = datetime.now().astimezone()
    loaded = load_reminder()
    if loaded.problem:
        print(loaded.problem, file=sys.stderr)
    schedule = loaded.schedule
    if later and schedule.later_at is not None:
        schedule = replace(schedule, later_at=None)  # this is the run it asked for
        save_reminder(schedule)
    today, this_week = sessions_done(now.date())
    decision = decide(
        schedule,
        now,
        sessions_today=today,
        sessions_this_week=this_week,
        weekly_goal=load_settings().settings.weekly_goal,
    )
    if not decision.remind:
        print(_("no reminder: {reason}").format(reason=_(decision.verdict.value)))
        return 0
    try:
        notifier = Notifier()
    except NotificationError as error:
        print(_("could not remind: {error}").format(error=error), file=sys.stderr)
        return 1
    try:
        answer = _notify(notifier, schedule, offer_later=not later)
        elapsed_ms = round((time.perf_counter() - started) * 1000)
        print(_("reminder posted in {ms} ms").format(ms=elapsed_ms), flush=True)
        answer = notifier.wait_for_answer(ANSWER_WAIT_S) if answer is None else answer
    except NotificationError as error:
        print(_("could not remind: {error}").format(error=error), file=sys.stderr)
        return 1
    finally:
        notifier.close()
    return _act(answer, schedule, arm_later=arm_later)


def _notify(notifier: Notifier, schedule: ReminderSchedule, *, offer_later: bool) -> str | None:
    """Post the reminder; ``CLOSED`` when the server has no buttons to wait for, else None."""
    name = schedule.routine_name or _("your routine")
    start = _("Start {routine}").format(routine=name)
    actions = [("default", start), ("start", start)]
    if offer_later:
        actions.append(("later", _("Later")))
    buttons = notifier.supports_actions()
    body = _("A few minutes now keep the hips and hamstrings moving.")
    if not buttons:
        body += " " + _("Open Supple to start.")
    summary = _("Time for your mobility routine")
    notifier.post(Notification(summary, body, actions if buttons else ()))
    return None if buttons else CLOSED


def _act(answer: str, schedule: ReminderSchedule, *, arm_later: bool) -> int:
    if answer in ("default", "start"):
        open_app(schedule.routine)
        print(_("starting Supple"))
    elif answer == "later":
        save_reminder(replace(schedule, later_at=datetime.now().astimezone() + LATER))
        installer = ReminderInstaller()
        if arm_later and installer.carrier() is Carrier.SYSTEMD:  # else the waiter sees later_at
            try:
                installer.arm_later(LATER)
            except ReminderSetupError as error:
                print(
                    _("could not remind again later: {error}").format(error=error), file=sys.stderr
                )
                return 1
        minutes = LATER.seconds // 60
        print(
            ngettext(
                "reminding again in {n} minute", "reminding again in {n} minutes", minutes
            ).format(n=minutes)
        )
    return 0


def open_app(routine: str) -> None:
    """Start the app on ``routine``; a running one is raised instead (single instance)."""
    subprocess.Popen(
        supple_command(*(["--routine", routine] if routine else [])),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # it outlives this command
    )


def sessions_done(today: date) -> tuple[int, int]:
    """Sessions that count done ``today`` and this ISO week; (0, 0) without a history."""
    path = paths.history_db()
    if not path.exists():
        return 0, 0
    from supple.storage.errors import HistoryError
    from supple.storage.history import open_history

    try:
        with open_history(path, check=False) as history:
            totals = history.daily_totals(week_start(today))
    except HistoryError as error:
        print(
            _("the history could not be read ({error}); reminding anyway").format(error=error),
            file=sys.stderr,
        )
        return 0, 0
    done_today = sum(total.sessions for total in totals if total.day == today)
    return done_today, sum(total.sessions for total in totals)


def wait_for_reminders() -> int:
    """The fallback without systemd: sleep until each reminder, until reminders are off."""
    paths.data_dir().mkdir(parents=True, exist_ok=True)
    with (paths.data_dir() / "reminders.lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(_("another supple remind --wait is already waiting"))
            return 0
        fired: datetime | None = None
        while True:
            schedule = load_reminder().schedule
            now = datetime.now().astimezone()
            after = now - timedelta(seconds=WAIT_POLL_S)
            due = _next_due(schedule, after if fired is None else max(after, fired))
            if due is None:
                return 0
            if due <= now:
                fired = due
                remind_once(later=due == schedule.later_at, arm_later=False)
            else:
                time.sleep(min(WAIT_POLL_S, (due - now).total_seconds()))


def _next_due(schedule: ReminderSchedule, after: datetime) -> datetime | None:
    regular = next_reminder(schedule, after)
    if regular is None:
        return None
    later = schedule.later_at
    return later if later is not None and after < later < regular else regular
