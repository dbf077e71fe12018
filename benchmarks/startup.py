"""Start-up time and memory of Supple beside a bare PySide6 window, in the same run.

Each program is launched fresh and reports the moment its window is first painted;
its memory (RSS of the whole process tree, and PSS) is read from outside at that
moment and again 5 s after launch, while Supple runs as usual (cue sounds, history).
The figures are medians over several launches, and the ratio to the bare window is
what the targets are about (<= 1.3x time, <= 40 MB more RSS 5 s after launch).

    python benchmarks/startup.py [--runs 7] [--platform xcb|offscreen]

With ``--platform xcb`` (the default when Xvfb is installed) a real X server is
started on a free display, so mapping and painting a real window is included, and
both programs get a private D-Bus session bus when ``dbus-daemon`` is installed.
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
from pathlib import Path

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
            QTimer.singleShot(round(float(sys.argv[1]) * 1000), app.quit)
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


LATER = 5.0
"""Seconds after launch of the second memory reading."""


def tree_memory_mb(root: int) -> tuple[float, float]:
    """RSS and PSS of ``root`` and every process below it, in MB (Linux)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    tree, grown = {root}, True
    while grown:
        below = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= below
        grown = bool(below)
    rss = pss = 0
    for pid in tree:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
        except OSError:
            continue
        values = {line.split(":")[0]: int(line.split()[1]) for line in rollup[1:]}
        rss += values.get("Rss", 0)
        pss += values.get("Pss", 0)
    return rss / 1024, pss / 1024


def launch(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float, float]:
    """Seconds from launch to first paint; RSS then, and RSS and PSS 5 s after launch (MB)."""
    started = time.time()
    process = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.startswith("ready "):
        process.kill()
        sys.exit(f"{cmd[-1]} failed:\n{line}{process.communicate()[1]}")
    at_paint, _ = tree_memory_mb(process.pid)
    time.sleep(max(0.0, started + LATER - time.time()))
    later, later_pss = tree_memory_mb(process.pid)
    _, errors = process.communicate(timeout=60)
    if process.returncode != 0:
        sys.exit(f"{cmd[-1]} failed ({process.returncode}):\n{errors}")
    return float(line.split()[1]) - started, at_paint, later, later_pss


def start_dbus() -> tuple[subprocess.Popen[str], str] | None:
    if shutil.which("dbus-daemon") is None:
        return None
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert bus.stdout is not None
    return bus, bus.stdout.readline().strip()


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
    server = bus = None
    platform = args.platform or ("xcb" if shutil.which("Xvfb") else "offscreen")
    if platform == "xcb":
        started = start_xvfb()
        if started is None:
            sys.exit("Xvfb is not installed; use --platform offscreen")
        server, env["DISPLAY"] = started
        dbus = start_dbus()
        if dbus is not None:
            bus, env["DBUS_SESSION_BUS_ADDRESS"] = dbus
    env["QT_QPA_PLATFORM"] = platform
    try:
        with tempfile.TemporaryDirectory() as data:
            stay = str(LATER + 1)  # seconds after the first paint
            bare_cmd = [sys.executable, "-c", BARE, stay]
            app_cmd = [sys.executable, "-m", "supple", "--data-dir", data, "--smoke-test"]
            app_cmd += ["--smoke-seconds", stay]
            launch(app_cmd, env)  # first launch renders cues and warms the disk cache
            bare, app = [], []
            for _ in range(args.runs):  # interleaved, so both see the same machine load
                bare.append(launch(bare_cmd, env))
                app.append(launch(app_cmd, env))
    finally:
        for process in (server, bus):
            if process is not None:
                process.terminate()

    def med(runs: list[tuple[float, ...]], i: int) -> float:
        return statistics.median(r[i] for r in runs)

    print(f"start-up, {args.runs} launches each, platform {platform} (medians)")
    print(f"{'':30}{'bare PySide6':>14}{'Supple':>10}{'ratio / diff':>16}")
    print(
        f"{'time to first paint (s)':30}{med(bare, 0):14.3f}{med(app, 0):10.3f}"
        f"{med(app, 0) / med(bare, 0):15.2f}x"
    )
    rows = ("RSS at first paint (MB)", f"RSS {LATER:.0f} s after launch (MB)", "PSS then (MB)")
    for i, name in enumerate(rows, start=1):
        print(
            f"{name:30}{med(bare, i):14.1f}{med(app, i):10.1f}"
            f"{med(app, i) - med(bare, i):+13.1f} MB"
        )


if __name__ == "__main__":
    main()
