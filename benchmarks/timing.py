"""How exactly does a session keep time in a real Qt event loop?

Runs a routine with the real SessionDriver for a number of seconds and prints
the lateness of every timed event (delivered minus due) and the drift of the
step starts from the plan. Beside it, in the same event loop, a naive ticker
counts seconds the way a quick timer app would (a 1 s QTimer re-armed from its
own slot); its drift is printed for comparison.

    python benchmarks/timing.py --seconds 120
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QTimer

from supple.core.catalog import default_routine
from supple.core.events import StepStarted
from supple.core.library import load_library
from supple.core.plan import compile_plan
from supple.qt.session_driver import SessionDriver


class NaiveTicker:
    """Counts one second per timeout and restarts the timer: drift adds up."""

    def __init__(self) -> None:
        self.seconds = 0
        self.started = 0.0
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.on_tick)

    def start(self) -> None:
        self.started = time.monotonic()
        self.timer.start(1000)

    def on_tick(self) -> None:
        self.seconds += 1
        self.timer.start(1000)

    def drift(self, now: float) -> float:
        """Real time minus the time the ticker believes has passed."""
        return (now - self.started) - self.seconds


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_once(seconds: float, routine_key: str | None) -> dict[str, float]:
    routine = default_routine()
    if routine_key:
        found = load_library(None).find(routine_key)
        if found is None:
            sys.exit(f"no routine {routine_key!r}")
        routine = found
    plan = compile_plan(routine)
    offsets = []
    at = 0.0
    for step in plan.steps:
        offsets.append(at)
        at += step.planned_seconds
    app = QCoreApplication.instance() or QCoreApplication(sys.argv)
    driver = SessionDriver(plan)
    drifts: list[float] = []
    start_at: list[float] = []

    def on_event(event: object) -> None:
        if isinstance(event, StepStarted):
            if not start_at:
                start_at.append(event.due)
            drifts.append(event.due - (start_at[0] + offsets[event.step.index]))

    driver.event_occurred.connect(on_event)
    ticker = NaiveTicker()

    def start_both() -> None:
        driver.start()
        ticker.start()
        QTimer.singleShot(round(seconds * 1000), app.quit)

    QTimer.singleShot(0, start_both)
    app.exec()
    end = time.monotonic()
    late_ms = [x * 1000 for x in driver.lateness]
    return {
        "events": len(late_ms),
        "p50": percentile(late_ms, 0.50),
        "p99": percentile(late_ms, 0.99),
        "max": max(late_ms),
        "drift": max(abs(d) for d in drifts) * 1000,
        "naive_drift": ticker.drift(end) * 1000,
        "seconds": end - ticker.started,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--runs", type=int, default=1, help="repeat and report medians")
    parser.add_argument("--routine", help="routine id or name (default: the default routine)")
    args = parser.parse_args()
    runs = [run_once(args.seconds, args.routine) for _ in range(args.runs)]

    def med(key: str) -> float:
        return statistics.median(r[key] for r in runs)

    print(
        f"timing over {med('seconds'):.1f} s, {args.runs} run(s), "
        f"{int(med('events'))} timed events per run (medians across runs)"
    )
    print(f"{'':28}{'SessionDriver':>15}{'naive 1 s ticker':>19}")
    print(f"{'lateness p50 (ms)':28}{med('p50'):15.3f}{'-':>19}")
    print(f"{'lateness p99 (ms)':28}{med('p99'):15.3f}{'-':>19}")
    print(f"{'lateness max (ms)':28}{med('max'):15.3f}{'-':>19}")
    naive = med("naive_drift")
    ours = med("drift")
    print(f"{'total drift (ms)':28}{ours:15.3f}{naive:19.3f}")
    if ours > 0:
        print(f"naive drift / driver drift: {naive / ours:.0f}x")
    else:
        print("driver drift is zero; the naive ticker is behind by the figure above")


if __name__ == "__main__":
    main()
