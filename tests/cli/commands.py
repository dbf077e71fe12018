"""The installed command, run as a user runs it: a real process on a real data folder."""

from __future__ import annotations

import os
import subprocess
import sys


def supple(*args, data_dir, cwd=None, language=None):
    """``supple --data-dir DATA_DIR ARGS...``; ``language`` sets ``LANGUAGE`` for it."""
    environment = {**os.environ, "LANGUAGE": language} if language else None
    return subprocess.run(
        [sys.executable, "-m", "supple", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=cwd,
        env=environment,
    )
