"""The installed command opens Home, paints it and quits cleanly (what packaging relies on)."""

from __future__ import annotations

import os
import subprocess
import sys


def test_smoke_test_flag_opens_home_and_quits(isolated_data_dir):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "supple", "--data-dir", str(isolated_data_dir), "--smoke-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    ready = [line.split() for line in done.stdout.splitlines() if line.startswith("ready ")]
    assert len(ready) == 1 and float(ready[0][1]) > 0 and int(ready[0][2]) > 0
    assert done.stderr == ""
