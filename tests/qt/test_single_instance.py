"""Single instance, with real processes: a later ``supple`` hands over to the first."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

from supple.qt.single_instance import server_name

CHILD = Path(__file__).with_name("instance_child.py")


def _start(name: str, routine: str, stay_s: float = 20) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), name, routine, str(stay_s)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _name() -> str:
    return f"supple-test-{uuid.uuid4().hex[:12]}"


def test_a_second_start_hands_its_routine_to_the_first_and_exits():
    name = _name()
    first = _start(name, "")
    try:
        assert first.stdout is not None
        assert first.stdout.readline().strip() == "first"
        second = subprocess.run(
            [sys.executable, str(CHILD), name, "quick-reset"],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert second.returncode == 0, second.stderr
        assert second.stdout.strip() == "handed over"
        assert first.stdout.readline().strip() == "raised quick-reset"
    finally:
        first.kill()
        first.communicate()


def test_after_the_first_is_gone_the_next_start_is_first_again():
    name = _name()
    killed = _start(name, "")
    assert killed.stdout is not None
    assert killed.stdout.readline().strip() == "first"
    killed.kill()  # no clean close: its socket file stays behind
    killed.communicate()
    again = subprocess.run(
        [sys.executable, str(CHILD), name, "", "0.1"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert again.stdout.splitlines()[:1] == ["first"], again.stderr


def test_two_started_together_make_one_first():
    name = _name()
    both = [_start(name, "", stay_s=3), _start(name, "hamstring-reset", stay_s=3)]
    outputs = [process.communicate(timeout=60)[0].splitlines() for process in both]
    firsts = [lines for lines in outputs if lines[:1] == ["first"]]
    handed = [lines for lines in outputs if lines == ["handed over"]]
    assert len(firsts) == 1 and len(handed) == 1, outputs
    assert firsts[0][1:] == ["raised hamstring-reset"] or firsts[0][1:] == ["raised "], outputs


def test_the_name_belongs_to_the_user_and_the_data_folder(tmp_path):
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a" / ".." / "a")
