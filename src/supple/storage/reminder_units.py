"""Puts the reminder in the hands of the system: systemd user units, or XDG autostart.

With a systemd user instance, a timer and a service in ``$XDG_CONFIG_HOME/systemd/user``
start ``supple remind`` at the chosen times and nothing of Supple runs in between.
Without one (some minimal sessions, containers), the fallback is an XDG autostart entry
that starts ``supple remind --wait`` at login: a small waiting process, no GUI. Other
platforms are not supported yet. Every change removes what the previous choice wrote,
so no stale unit or autostart file is left behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from enum import Enum
from pathlib import Path

from supple import paths
from supple.core.atomic_file import write_text
from supple.core.i18n import N_, _
from supple.core.reminders import ReminderSchedule, autostart_entry, service_unit, timer_unit
from supple.storage.reminder_file import save_reminder

__all__ = [
    "AUTOSTART_FILE",
    "LATER_UNIT",
    "SERVICE",
    "TIMER",
    "Carrier",
    "ReminderInstaller",
    "ReminderSetupError",
    "config_home",
    "remind_command",
    "set_reminder",
    "supple_command",
]

SERVICE = "supple-reminder.service"
TIMER = "supple-reminder.timer"
LATER_UNIT = "supple-reminder-later"
"""The transient timer "Later" arms (``systemd-run``): it leaves no file behind."""
AUTOSTART_FILE = "supple-reminder.desktop"
SYSTEMCTL_TIMEOUT_S = 10


class Carrier(Enum):
    """What runs the reminder on this machine."""

    SYSTEMD = N_("systemd user timer")
    AUTOSTART = N_("XDG autostart")
    UNSUPPORTED = N_("not supported")


class ReminderSetupError(Exception):
    """The units could not be written or enabled; the text says why and what to do."""


def config_home() -> Path:
    """``$XDG_CONFIG_HOME``, or ``~/.config``."""
    configured = os.environ.get("XDG_CONFIG_HOME", "")
    return Path(configured) if Path(configured).is_absolute() else Path.home() / ".config"


def supple_command(*words: str) -> list[str]:
    """``supple WORDS`` as absolute words: this interpreter (or bundle) and this data dir."""
    program = (
        [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "supple"]
    )
    return [*program, "--data-dir", str(paths.data_dir()), *words]


def remind_command(*extra: str) -> list[str]:
    return supple_command("remind", *extra)


@dataclass
class ReminderInstaller:
    """Writes, enables and removes the reminder's files under ``config``."""

    config: Path = field(default_factory=config_home)
    systemctl: str = "systemctl"
    systemd_run: str = "systemd-run"
    platform: str = sys.platform

    @property
    def unit_dir(self) -> Path:
        return self.config / "systemd" / "user"

    @property
    def autostart_path(self) -> Path:
        return self.config / "autostart" / AUTOSTART_FILE

    def carrier(self) -> Carrier:
        """systemd when a user instance answers, else autostart on Linux, else none."""
        if not self.platform.startswith("linux"):
            return Carrier.UNSUPPORTED
        try:
            self._systemctl("show", "--property=Version")
        except ReminderSetupError:
            return Carrier.AUTOSTART
        return Carrier.SYSTEMD

    def files(self) -> list[Path]:
        """The reminder's files that exist now (for ``supple reminders show`` and tests)."""
        wants = self.unit_dir / "timers.target.wants" / TIMER
        candidates = [self.unit_dir / SERVICE, self.unit_dir / TIMER, wants, self.autostart_path]
        return [path for path in candidates if path.is_file() or path.is_symlink()]

    def apply(self, schedule: ReminderSchedule, carrier: Carrier | None = None) -> Carrier:
        """Install ``schedule`` (or remove everything when it is off); what carries it."""
        carrier = carrier if carrier is not None else self.carrier()
        if not schedule.enabled:
            self.remove()
            return carrier
        if carrier is Carrier.UNSUPPORTED:
            raise ReminderSetupError(
                _(
                    "Reminders are not supported on {system} yet: only Linux "
                    "(systemd user timers or XDG autostart)."
                ).format(system=self.platform)
            )
        try:
            if carrier is Carrier.SYSTEMD:
                self._remove_autostart()
                self._install_units(schedule)
            else:
                self._remove_units()
                self.autostart_path.parent.mkdir(parents=True, exist_ok=True)
                write_text(self.autostart_path, autostart_entry(remind_command("--wait")))
        except OSError as error:
            raise ReminderSetupError(
                _(
                    "Could not write the reminder into {folder} ({reason}); "
                    "check that the folder is writable."
                ).format(folder=self.config, reason=error.strerror or error)
            ) from error
        return carrier

    def remove(self) -> None:
        """Turn reminders off: disable the timer and delete every file written for it."""
        self._remove_units()
        self._remove_autostart()

    def arm_later(self, delay: timedelta) -> None:
        """One more reminder after ``delay``, as a transient timer (systemd only)."""
        self._systemctl("stop", f"{LATER_UNIT}.timer", check=False)
        seconds = max(1, round(delay.total_seconds()))
        unit, when = f"--unit={LATER_UNIT}", f"--on-active={seconds}s"
        self._run(
            [self.systemd_run, "--user", "--quiet", unit, when,
             "--timer-property=AccuracySec=10s", "--", *remind_command("--later")]
        )  # fmt: skip

    def _install_units(self, schedule: ReminderSchedule) -> None:
        self.unit_dir.mkdir(parents=True, exist_ok=True)
        write_text(self.unit_dir / SERVICE, service_unit(remind_command()))
        write_text(self.unit_dir / TIMER, timer_unit(schedule, SERVICE))
        self._systemctl("daemon-reload")
        self._systemctl("enable", TIMER)
        self._systemctl("restart", TIMER)  # a changed OnCalendar= counts from now

    def _remove_units(self) -> None:
        written = [
            self.unit_dir / TIMER,
            self.unit_dir / SERVICE,
            self.unit_dir / "timers.target.wants" / TIMER,
        ]
        if not any(path.exists() or path.is_symlink() for path in written):
            return
        self._systemctl("disable", "--now", TIMER, check=False)
        for path in written:
            path.unlink(missing_ok=True)
        self._systemctl("daemon-reload", check=False)

    def _remove_autostart(self) -> None:
        self.autostart_path.unlink(missing_ok=True)

    def _systemctl(self, *words: str, check: bool = True) -> None:
        try:
            self._run([self.systemctl, "--user", *words])
        except ReminderSetupError:
            if check:
                raise

    def _run(self, command: Sequence[str]) -> None:
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=SYSTEMCTL_TIMEOUT_S, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise ReminderSetupError(
                _("{program} could not run ({error})").format(program=command[0], error=error)
            ) from error
        if done.returncode != 0:
            said = (done.stderr or done.stdout).strip().splitlines()
            reason = said[-1] if said else f"exit status {done.returncode}"
            said_by = " ".join(command[:3])
            raise ReminderSetupError(
                _("{command} failed: {reason}").format(command=said_by, reason=reason)
            )


def set_reminder(schedule: ReminderSchedule, installer: ReminderInstaller) -> Carrier:
    """Hand ``schedule`` to the system, then keep it: a schedule that could not be
    installed is not saved as if it were on. Raises ``ReminderSetupError`` or ``OSError``."""
    carrier = installer.apply(schedule)
    save_reminder(schedule)
    return carrier
