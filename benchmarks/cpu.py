"""CPU used by the app while idle on Home and while a session runs, beside an idle bare window.

    python benchmarks/cpu.py [--seconds 30]

Each phase runs the real app in this process's Qt event loop and reads the process's
CPU time before and after; the figure is the share of one core. The bare PySide6
window idling for the same time is the baseline.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SUPPLE_TTS_ENGINE", "mock")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from supple import paths


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(app: QApplication, seconds: float) -> float:
    """Share of one core used while the event loop runs for ``seconds``."""
    start_cpu, start = cpu_seconds(), time.monotonic()
    QTimer.singleShot(round(seconds * 1000), app.quit)
    app.exec()
    return (cpu_seconds() - start_cpu) / (time.monotonic() - start) * 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])

    bare = QMainWindow()
    bare.setCentralWidget(QLabel("Hello"))
    bare.show()
    measure(app, 1.0)
    bare_idle = measure(app, args.seconds)
    bare.close()

    from supple.app.main import Supple  # imported here: the baseline runs without it

    with tempfile.TemporaryDirectory() as data:
        paths.set_data_dir(Path(data))
        supple = Supple("hamstring-reset")
        supple.show()
        supple.sound.start()
        measure(app, 3.0)  # settle: sounds load, first paints
        home = measure(app, args.seconds)
        supple.window.set_check_in(None)
        supple.window.start_session()
        session = measure(app, args.seconds)
        supple.window.controller.end_now()

    print(f"CPU, share of one core over {args.seconds:.0f} s (offscreen)")
    print(f"{'bare window, idle':28}{bare_idle:6.2f} %")
    print(f"{'Supple, Home':28}{home:6.2f} %")
    print(f"{'Supple, session running':28}{session:6.2f} %   (target < 2 %)")


if __name__ == "__main__":
    main()
