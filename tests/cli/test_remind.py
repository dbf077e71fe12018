"""``supple remind`` as the timer runs it: a real process, a private D-Bus, a strict server."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from supple import paths
from supple.core.reminders import ReminderSchedule, parse_days
from supple.qt.single_instance import server_name
from supple.storage.history import open_history
from supple.storage.reminder_file import load_reminder, save_reminder
from tests.cli.notification_service import running_notifications
from tests.qt.screensaver_service import _first_line, running_private_bus
from tests.storage.history_builders import Records

EVERY_DAY = ReminderSchedule(
    days=parse_days("daily"), at=time(18, 0), routine="quick-reset", routine_name="Quick Reset"
)
# Runs the command in-process and then says whether any of Qt was imported on the way.
RUN_AND_REPORT_QT = (
    "import sys; from supple.cli import main; status = main(sys.argv[1:]); "
    "print('qt loaded' if any(m.startswith('PySide6') for m in sys.modules) else 'no qt'); "
    "sys.exit(status)"
)
CHILD = Path(__file__).resolve().parents[1] / "qt" / "instance_child.py"


@pytest.fixture
def bus(tmp_path):
    with running_private_bus(tmp_path) as address:
        yield address


def _remind(address: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        DBUS_SESSION_BUS_ADDRESS=address,
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        SUPPLE_DATA_DIR=str(paths.data_dir()),
    )
    return subprocess.run(
        [sys.executable, "-c", RUN_AND_REPORT_QT, "remind", *args],
        capture_output=True, text=True, timeout=120, check=False, env=env,
    )  # fmt: skip


def _now() -> datetime:
    return datetime.now().astimezone()


def test_a_due_reminder_posts_exact_types_and_later_re_arms_it(bus, tmp_path):
    save_reminder(EVERY_DAY)
    with running_notifications(bus, tmp_path, answer="later") as server:
        done = _remind(bus, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-2:] == ["reminding again in 30 minutes", "no qt"]
    notify = [call for call in server.calls() if call["method"] == "Notify"]
    assert len(notify) == 1 and "refused" not in notify[0], server.calls()
    assert notify[0]["summary"] == "Time for your mobility routine"
    assert notify[0]["actions"] == [
        "default", "Start Quick Reset", "start", "Start Quick Reset", "later", "Later",
    ]  # fmt: skip
    assert notify[0]["hints"]["desktop-entry"] == ["s", "io.github.supple.Supple"]
    later = load_reminder().schedule.later_at
    assert later is not None
    assert timedelta(minutes=29) < later - _now() <= timedelta(minutes=30)


def test_the_reminder_later_asked_for_offers_no_second_later(bus, tmp_path):
    save_reminder(ReminderSchedule(days=EVERY_DAY.days, later_at=_now() - timedelta(seconds=5)))
    with running_notifications(bus, tmp_path, answer="closed") as server:
        done = _remind(bus, tmp_path, "--later")
    assert done.returncode == 0, done.stderr
    (notify,) = [call for call in server.calls() if call["method"] == "Notify"]
    assert notify["actions"] == ["default", "Start your routine", "start", "Start your routine"]
    assert load_reminder().schedule.later_at is None


def test_no_reminder_after_a_session_today(bus, tmp_path):
    save_reminder(EVERY_DAY)
    offset = _now().utcoffset() or timedelta()
    with open_history() as history:
        Records().run(history, started_at=_now(), utc_offset_minutes=offset.seconds // 60)
    with running_notifications(bus, tmp_path, answer="start") as server:
        done = _remind(bus, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["no reminder: done today", "no qt"]
    assert server.calls() == []


def test_a_server_without_buttons_gets_the_reminder_and_nothing_waits(bus, tmp_path):
    save_reminder(EVERY_DAY)
    with running_notifications(bus, tmp_path, answer="none", actions=False) as server:
        done = _remind(bus, tmp_path)
    assert done.returncode == 0, done.stderr
    (notify,) = [call for call in server.calls() if call["method"] == "Notify"]
    assert notify["actions"] == []
    assert "Open Supple" in notify["body"]


def test_no_notification_server_is_said_and_nothing_hangs(bus, tmp_path):
    save_reminder(EVERY_DAY)
    done = _remind(bus, tmp_path)
    assert done.returncode == 1
    assert "could not remind: the notification server did not answer" in done.stderr


def test_start_brings_the_running_supple_forward_on_the_routine(bus, tmp_path):
    save_reminder(EVERY_DAY)
    running = subprocess.Popen(
        [sys.executable, str(CHILD), server_name(paths.data_dir()), "", "120"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert _first_line(running) == "first"
        with running_notifications(bus, tmp_path, answer="start"):
            done = _remind(bus, tmp_path)
        assert done.returncode == 0, done.stderr
        assert "starting Supple" in done.stdout
        assert _first_line(running, timeout=60) == "raised quick-reset"
    finally:
        running.kill()
        running.communicate()
