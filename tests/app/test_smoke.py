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


def test_start_up_leaves_sound_charts_and_the_editor_for_later():
    """What Home does not need is not loaded before Home is on screen."""
    code = (
        "import sys, supple.app.main; "
        "print(sorted(m for m in ('pydub', 'PySide6.QtMultimedia', 'PySide6.QtTextToSpeech', "
        "'PySide6.QtCharts', 'PySide6.QtDBus', 'supple.ui.editor') if m in sys.modules))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "[]"
