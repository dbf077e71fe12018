"""The reminder's files: written, enabled, parsed by systemd, and never left behind.

There is no systemd user instance on a test machine, so ``systemctl`` here is a small
script that records its arguments and succeeds (or fails, to play a machine without an
instance). The unit files themselves go through the real ``systemd-analyze verify``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import time, timedelta
from pathlib import Path

import pytest

from supple.core.reminders import ReminderSchedule, parse_days
from supple.storage.reminder_file import load_reminder
from supple.storage.reminder_units import (
    AUTOSTART_FILE,
    SERVICE,
    TIMER,
    Carrier,
    ReminderInstaller,
    ReminderSetupError,
    remind_command,
    set_reminder,
)

MON_WED_FRI = ReminderSchedule(days=parse_days("mon,wed,fri"), at=time(18, 0))


def _systemctl(folder: Path, *, works: bool = True) -> tuple[str, Path]:
    """A stand-in systemctl that logs each call; a user manager's ``enable`` makes the link."""
    log = folder / "systemctl.log"
    script = folder / "systemctl"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys, pathlib\n"
        f"pathlib.Path({str(log)!r}).open('a').write(' '.join(sys.argv[1:]) + '\\n')\n"
        f"sys.exit(0 if {works} else 1)\n"
    )
    script.chmod(0o755)
    return str(script), log


@pytest.fixture
def config(tmp_path):
    return tmp_path / "config"


def test_systemd_units_are_written_enabled_and_started(tmp_path, config):
    systemctl, log = _systemctl(tmp_path)
    installer = ReminderInstaller(config=config, systemctl=systemctl, platform="linux")
    assert installer.carrier() is Carrier.SYSTEMD
    assert installer.apply(MON_WED_FRI) is Carrier.SYSTEMD
    units = config / "systemd" / "user"
    assert sorted(p.name for p in installer.files()) == sorted([SERVICE, TIMER])
    assert "OnCalendar=Mon,Wed,Fri *-*-* 18:00:00" in (units / TIMER).read_text()
    calls = log.read_text().splitlines()
    assert calls[-3:] == [
        "--user daemon-reload",
        f"--user enable {TIMER}",
        f"--user restart {TIMER}",
    ]


def test_changing_and_turning_off_leave_no_stale_file(tmp_path, config):
    systemctl, log = _systemctl(tmp_path)
    installer = ReminderInstaller(config=config, systemctl=systemctl, platform="linux")
    installer.apply(MON_WED_FRI)
    wants = config / "systemd" / "user" / "timers.target.wants"
    wants.mkdir()
    (wants / TIMER).symlink_to(config / "systemd" / "user" / TIMER)  # what enable made
    installer.apply(ReminderSchedule(days=parse_days("sat"), at=time(9, 30)))
    assert "OnCalendar=Sat *-*-* 09:30:00" in (config / "systemd" / "user" / TIMER).read_text()
    installer.apply(ReminderSchedule())
    assert installer.files() == []
    assert not any(path.is_file() or path.is_symlink() for path in config.rglob("*"))
    assert f"--user disable --now {TIMER}" in log.read_text()


def test_without_a_user_instance_autostart_carries_it_and_replaces_the_units(tmp_path, config):
    systemctl, _log = _systemctl(tmp_path)
    ReminderInstaller(config=config, systemctl=systemctl, platform="linux").apply(MON_WED_FRI)
    dead, _ = _systemctl(tmp_path / "..", works=False)
    installer = ReminderInstaller(config=config, systemctl=dead, platform="linux")
    assert installer.carrier() is Carrier.AUTOSTART
    installer.apply(MON_WED_FRI)
    assert [p.name for p in installer.files()] == [AUTOSTART_FILE]
    assert "remind" in installer.autostart_path.read_text()
    installer.apply(ReminderSchedule())
    assert installer.files() == []


def test_later_is_a_transient_timer_that_leaves_no_file(tmp_path, config):
    tool, log = _systemctl(tmp_path)
    installer = ReminderInstaller(config=config, systemctl=tool, systemd_run=tool, platform="linux")
    installer.arm_later(timedelta(minutes=30))
    calls = log.read_text().splitlines()
    assert calls[0] == "--user stop supple-reminder-later.timer"
    assert calls[1].startswith("--user --quiet --unit=supple-reminder-later --on-active=1800s ")
    assert calls[1].endswith(" remind --later")
    assert not config.exists()


def test_other_platforms_are_told_it_is_not_supported(config):
    installer = ReminderInstaller(config=config, platform="darwin")
    assert installer.carrier() is Carrier.UNSUPPORTED
    with pytest.raises(ReminderSetupError, match="not supported on darwin"):
        installer.apply(MON_WED_FRI)
    assert installer.files() == []


def test_a_schedule_that_could_not_be_installed_is_not_saved(tmp_path, config):
    config.write_text("a file where the folder should be")  # unwritable, even for root
    systemctl, _ = _systemctl(tmp_path)
    installer = ReminderInstaller(config=config, systemctl=systemctl, platform="linux")
    with pytest.raises(ReminderSetupError, match="writable"):
        set_reminder(MON_WED_FRI, installer)
    assert not load_reminder().schedule.enabled


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_systemd_itself_accepts_the_units(tmp_path, config):
    systemctl, _ = _systemctl(tmp_path)
    ReminderInstaller(config=config, systemctl=systemctl, platform="linux").apply(MON_WED_FRI)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    units = config / "systemd" / "user"
    done = subprocess.run(
        ["systemd-analyze", "--user", "verify", str(units / TIMER), str(units / SERVICE)],
        capture_output=True, text=True, timeout=60, check=False,
        env=dict(os.environ, XDG_RUNTIME_DIR=str(runtime), XDG_CONFIG_HOME=str(config)),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "", done.stderr  # warnings too: a bad key is only a warning
    assert Path(remind_command()[0]).is_absolute()
