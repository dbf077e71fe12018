"""Ctrl+C, ``kill`` and a closed terminal end Supple as closing its window does.

A real ``supple`` (``run_app``: window, event loop, history writer) runs a session in a
child process; the test sends it a real signal mid-session and reads the file it leaves.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from supple import paths
from supple.storage.history import open_history
from supple.storage.records import SessionStatus
from tests.storage.history_builders import look

CHILD = Path(__file__).with_name("app_session_child.py")
ROOT = Path(__file__).parents[2]


def start_child(data: Path) -> subprocess.Popen[str]:
    """``app_session_child.py`` on ``data``, its output read line by line."""
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def read_until(child: subprocess.Popen[str], wanted: str, most: int = 10_000) -> list[str]:
    """The child's lines up to the first that starts with ``wanted``."""
    lines = []
    for _ in range(most):
        line = child.stdout.readline()
        assert line, f"the child ended first: {lines[-5:]}\n{child.stderr.read()}"
        lines.append(line.rstrip("\n"))
        if line.startswith(wanted):
            return lines
    raise AssertionError(f"no {wanted!r} in {most} lines")


@pytest.mark.parametrize(
    ("number", "status"),
    [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)],
    ids=["SIGINT", "SIGTERM", "SIGHUP"],
)
def test_a_stop_signal_ends_the_session_as_closing_the_window_does(number, status):
    data = paths.data_dir()
    child = start_child(data)
    try:
        begun = read_until(child, "begun ")[-1].split()[1]
        read_until(child, "step ")  # inside the session, a step or more after it began
        child.send_signal(number)
        child.stdout.read()
        errors = child.stderr.read()
        assert child.wait(timeout=60) == status, errors
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    history = paths.history_db()
    assert not history.with_name(history.name + "-wal").exists(), "the history was not closed"
    with look(history) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with open_history(history) as store:
        detail = store.session_detail(begun)
    assert detail.session.status is SessionStatus.STOPPED
    assert detail.session.ended_at is not None
    last = detail.steps[-1]
    assert [s.index for s in detail.steps] == list(range(last.index + 1))
    assert last.skipped, "the step in progress is kept as partial"


def test_ctrl_c_twice_still_ends_supple_once():
    child = start_child(paths.data_dir())
    try:
        read_until(child, "begun ")
        child.send_signal(signal.SIGINT)
        child.send_signal(signal.SIGINT)
        child.stdout.read()
        assert child.wait(timeout=60) == 130, child.stderr.read()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
