"""Start-up time and memory of Supple beside a bare PySide6 window, in the same run.

Each program is launched fresh and reports the moment its window is first painted
and its peak memory; the figures are medians over several launches, and the ratio
to the bare window is what the target is about (<= 1.3x time, <= 40 MB more).

    python benchmarks/startup.py [--runs 7] [--platform xcb|offscreen]

With ``--platform xcb`` (the default when Xvfb is installed) a real X server is
started on a free display, so mapping and painting a real window is included.
Bytecode caching is left on even where ``PYTHONDONTWRITEBYTECODE`` is set: an
installed app starts from compiled modules, and the warm-up launch writes them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BARE = r"""
import resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() is QEvent.Type.Paint:
            watched.removeEventFilter(self)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            print(f"ready {time.time():.6f} {rss}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.resize(1280, 720)
spy = FirstPaint()
window.installEventFilter(spy)
window.show()
app.exec()
"""


def launch(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from launch to first paint, and peak memory in MB."""
    started = time.time()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, check=False)
    ready = [line for line in done.stdout.splitlines() if line.startswith("ready ")]
    if done.returncode != 0 or not ready:
        sys.exit(f"{cmd[-1]} failed ({done.returncode}):\n{done.stderr}")
    _, stamp, rss_kb = ready[0].split()
    return float(stamp) - started, int(rss_kb) / 1024


def start_xvfb() -> tuple[subprocess.Popen[bytes], str] | None:
    if shutil.which("Xvfb") is None:
        return None
    display = f":{90 + os.getpid() % 9}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    return server, display


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--platform", choices=["xcb", "offscreen"], default=None)
    args = parser.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    server = None
    platform = args.platform or ("xcb" if shutil.which("Xvfb") else "offscreen")
    if platform == "xcb":
        started = start_xvfb()
        if started is None:
            sys.exit("Xvfb is not installed; use --platform offscreen")
        server, env["DISPLAY"] = started
    env["QT_QPA_PLATFORM"] = platform
    try:
        with tempfile.TemporaryDirectory() as data:
            bare_cmd = [sys.executable, "-c", BARE]
            app_cmd = [sys.executable, "-m", "supple", "--data-dir", data, "--smoke-test"]
            launch(app_cmd, env)  # first launch renders cues and warms the disk cache
            bare, app = [], []
            for _ in range(args.runs):  # interleaved, so both see the same machine load
                bare.append(launch(bare_cmd, env))
                app.append(launch(app_cmd, env))
    finally:
        if server is not None:
            server.terminate()

    def med(runs: list[tuple[float, float]], i: int) -> float:
        return statistics.median(r[i] for r in runs)

    print(f"start-up to first paint, {args.runs} launches each, platform {platform} (medians)")
    print(f"{'':22}{'bare PySide6':>14}{'Supple':>10}{'ratio / diff':>16}")
    print(
        f"{'time to window (s)':22}{med(bare, 0):14.3f}{med(app, 0):10.3f}"
        f"{med(app, 0) / med(bare, 0):15.2f}x"
    )
    print(
        f"{'peak memory (MB)':22}{med(bare, 1):14.1f}{med(app, 1):10.1f}"
        f"{med(app, 1) - med(bare, 1):+14.1f} MB"
    )


if __name__ == "__main__":
    main()
