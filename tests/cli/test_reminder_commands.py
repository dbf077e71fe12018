"""``supple reminders set|show|off`` from the terminal."""

from __future__ import annotations

import pytest

from supple.cli import main
from supple.storage.reminder_file import load_reminder


@pytest.fixture(autouse=True)
def no_user_systemd(tmp_path, monkeypatch):
    """A ``systemctl`` that finds no user instance, and a config folder of the test's own."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    systemctl = bin_dir / "systemctl"
    systemctl.write_text(
        "#!/bin/sh\necho 'Failed to connect to bus: No medium found' >&2\nexit 1\n"
    )
    systemctl.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config"


def test_set_show_and_off(no_user_systemd, capsys):
    assert main(["reminders", "set", "--days", "mon,wed,fri", "--at", "18:00"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("reminders: mon,wed,fri at 18:00, for ")
    assert "no systemd user instance" in out
    assert load_reminder().schedule.days == {0, 2, 4}
    assert (no_user_systemd / "autostart" / "supple-reminder.desktop").is_file()

    assert main(["reminders", "show"]) == 0
    shown = capsys.readouterr().out
    assert "carried by: XDG autostart" in shown
    assert "supple-reminder.desktop" in shown

    assert main(["reminders", "off"]) == 0
    assert capsys.readouterr().out == "reminders: off\n"
    assert not load_reminder().schedule.enabled
    assert not any(path.is_file() for path in no_user_systemd.rglob("*"))


def test_until_goal_and_a_named_routine(capsys):
    assert main(
        ["reminders", "set", "--days", "sat", "--at", "7:30", "--until-goal-met",
         "--routine", "quick-reset"]
    ) == 0  # fmt: skip
    schedule = load_reminder().schedule
    assert (schedule.routine, schedule.until_goal_met) == ("quick-reset", True)
    assert "only until the weekly goal is met" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--days", "mon,fun", "--at", "18:00"], '"fun" in "mon,fun" is not a day'),
        (["--days", "mon", "--at", "6pm"], '"6pm" is not a time: write it as HH:MM'),
        (["--days", "mon", "--at", "18:00", "--routine", "nope"], 'no routine "nope"'),
    ],
)
def test_bad_input_is_named_and_changes_nothing(args, said, capsys):
    assert main(["reminders", "set", *args]) == 2
    assert said in capsys.readouterr().err
    assert not load_reminder().schedule.enabled
