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


def test_the_app_runs_without_the_voice_extra(isolated_data_dir):
    # The bundle leaves the "voice" extra (pocketsphinx, numpy) out.
    code = (
        "import sys\n"
        "sys.modules.update(numpy=None, pocketsphinx=None)\n"
        "from supple.cli import main\n"
        f"sys.exit(main(['--data-dir', {str(isolated_data_dir)!r}, '--smoke-test']))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert any(line.startswith("ready ") for line in done.stdout.splitlines())


def test_quitting_while_the_speech_server_never_answers_ends_cleanly(
    isolated_data_dir, stuck_speech_server
):
    # The speech engine is still starting on its thread when Supple quits.
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SUPPLE_TTS_ENGINE": "speechd",
        "SPEECHD_ADDRESS": stuck_speech_server,
    }
    done = subprocess.run(
        [sys.executable, "-m", "supple", "--data-dir", str(isolated_data_dir),
         "--smoke-test", "--smoke-seconds", "0.5"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Destroyed while thread" not in done.stderr


LATER = (
    # sound, D-Bus, charts and the editor: after the first paint or on first use
    "pydub",
    "PySide6.QtMultimedia",
    "PySide6.QtTextToSpeech",
    "PySide6.QtCharts",
    "PySide6.QtDBus",
    "supple.ui.editor",
    # the subcommands' code: only when one runs
    "supple.cli.plan_commands",
    "supple.cli.history_commands",
    # the session: its pages, the check-in and check-out, the engine and the cue scheduler
    "supple.ui.session_view",
    "supple.ui.summary_view",
    "supple.ui.question_panel",
    "supple.ui.history.check_in",
    "supple.ui.history.check_out",
    "supple.core.engine",
    "supple.core.events",
    "supple.qt.session_driver",
    "supple.qt.cue_scheduler",
    # the history: opened just after the first paint
    "sqlite3",
    "supple.storage.history",
    "supple.app.session_recording",
    "supple.ui.history.home_summary",
)
"""What Home does not need: none of it is loaded before Home is on screen."""


def loaded_before_home_is_painted(code, data_dir):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SUPPLE_DATA_DIR": str(data_dir)}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys\n{code}\nprint(sorted(set({LATER!r}) & set(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def test_start_up_leaves_sound_charts_and_the_editor_for_later(isolated_data_dir):
    """Importing the command and the app loads none of what Home can do without."""
    assert (
        loaded_before_home_is_painted("import supple.cli, supple.app.main", isolated_data_dir)
        == "[]"
    )


def test_home_is_built_without_the_session_the_history_or_the_sound(isolated_data_dir):
    """Building and showing the whole app, up to its first paint, still loads none of it."""
    code = (
        "from PySide6.QtWidgets import QApplication\n"
        "from supple.app.main import Supple\n"
        "app = QApplication([])\n"
        "supple = Supple()\n"
        "supple.show()\n"
        "assert not supple.history_opened"
    )
    assert loaded_before_home_is_painted(code, isolated_data_dir) == "[]"
