"""Run a child process and SIGKILL it at a chosen moment, keeping everything it reported."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class KilledRun:
    lines: list[str]
    """Every line the child printed before it died, including those still in the pipe."""
    returncode: int

    @property
    def was_killed(self) -> bool:
        return self.returncode == -signal.SIGKILL


def run_and_kill(script: Path, args: list[str], after_lines: int, delay: float) -> KilledRun:
    """Start ``script``, wait for ``after_lines`` lines plus ``delay`` seconds, then SIGKILL it."""
    child = subprocess.Popen(
        [sys.executable, str(script), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    lines: list[str] = []
    try:
        while len(lines) < after_lines:
            line = child.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip("\n"))
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        # Read through the same buffered stream as above: lines it has already read
        # ahead belong to the child's report too (communicate() would skip them).
        rest = child.stdout.read()
        errors = child.stderr.read() if child.stderr else ""
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    lines += rest.splitlines()
    if child.returncode != -signal.SIGKILL and errors:
        raise AssertionError(f"the child failed before it was killed:\n{errors}")
    return KilledRun(lines, child.returncode)
