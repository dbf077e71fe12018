"""How well does a session keep time in a real Qt event loop?

Runs a routine with the real SessionDriver and, in the same event loop over the
same seconds, a naive ticker: a 1 s QTimer (default timer type) re-armed from its
own slot that adds one second per tick, the way a quick timer app counts.

Both are measured the same way, from outside: the monotonic time at which each
event reaches a listener is compared with where it belongs on an ideal schedule
anchored at the real start. For the driver that schedule comes from the plan
(every step start, rep, phase, halfway call and countdown second: start + the
event's planned offset, plus any time spent paused); for the ticker, tick n
belongs at start + n s. Lateness is delivered minus ideal for every event
(negative means early); drift is that difference at the last event inside the
measured period. The median lateness of the first and second half of the events
shows whether the error grows as the session goes on.

    python benchmarks/timing.py --seconds 120 [--runs 3] [--routine ID]
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from dataclasses import dataclass

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QTimer

from supple.core.catalog import default_routine
from supple.core.events import (
    Countdown,
    Event,
    Halfway,
    Paused,
    PhaseChanged,
    RepCounted,
    Resumed,
    SessionFinished,
    StepStarted,
)
from supple.core.library import load_library
from supple.core.plan import MarkKind, Plan, compile_plan
from supple.qt.session_driver import SessionDriver

# The targets for a 120 s run on a 2-core machine.
TARGET_P99_MS = 5.0
TARGET_MAX_MS = 20.0
TARGET_DRIFT_MS = 2.0

MARK_EVENTS: dict[MarkKind, type[Event]] = {
    MarkKind.REP: RepCounted,
    MarkKind.PHASE: PhaseChanged,
    MarkKind.HALFWAY: Halfway,
    MarkKind.COUNTDOWN: Countdown,
}
MEASURED = (StepStarted, *MARK_EVENTS.values(), SessionFinished)


@dataclass(frozen=True)
class Planned:
    """An event the plan puts ``offset`` seconds after the session starts."""

    offset: float
    kind: type[Event]


def planned_events(plan: Plan, seconds: float) -> list[Planned]:
    """The driver's ideal schedule up to ``seconds``, read from the plan alone."""
    events: list[Planned] = []
    at = 0.0
    for step in plan.steps:
        if at > seconds:
            return events
        length = step.length
        if length is None:
            sys.exit(
                f"step {step.index + 1} ({step.exercise.name}) starts {at:.1f} s in and is a "
                "self-paced set, which waits for the user; choose a routine with timed sets "
                "(--routine) or fewer --seconds"
            )
        events.append(Planned(at, StepStarted))
        events += [
            Planned(at + mark.offset, MARK_EVENTS[mark.kind])
            for mark in step.marks
            if mark.offset < length and at + mark.offset <= seconds
        ]
        at += length
    if at <= seconds:
        events.append(Planned(at, SessionFinished))
    return events


class NaiveTicker:
    """Counts one second per timeout and restarts the timer from its slot.

    Qt's default (coarse) timers may fire up to 5 % early or late so that wake-ups
    line up on round fractions of a second; restarted every tick, this one walks
    by up to 50 ms a tick to such a fraction and stays there, so how far it is
    from the real seconds, and which way, depends on when it was started.
    """

    def __init__(self, ticks: int) -> None:
        self.ticks = ticks
        self.started = 0.0
        self.delivered: list[float] = []
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.on_tick)

    def start(self) -> None:
        self.started = time.monotonic()
        self.timer.start(1000)

    def on_tick(self) -> None:
        self.delivered.append(time.monotonic())
        if len(self.delivered) < self.ticks:
            self.timer.start(1000)

    @property
    def done(self) -> bool:
        return len(self.delivered) >= self.ticks

    def lateness(self) -> list[float]:
        """Seconds between tick n and start + n s."""
        return [at - (self.started + n) for n, at in enumerate(self.delivered, start=1)]


class DeliveryLog:
    """Records when each measured driver event reaches a listener, and time spent paused."""

    def __init__(self) -> None:
        self.events: list[tuple[float, type[Event], float]] = []
        self.paused_total = 0.0
        self._paused_at: float | None = None

    def on_event(self, event: object) -> None:
        now = time.monotonic()
        if isinstance(event, Paused):
            self._paused_at = now
        elif isinstance(event, Resumed) and self._paused_at is not None:
            self.paused_total += now - self._paused_at
            self._paused_at = None
        elif isinstance(event, MEASURED):
            self.events.append((now, type(event), self.paused_total))

    def lateness(self, started: float, planned: list[Planned]) -> list[float]:
        """Seconds between each planned event's delivery and start + offset + time paused."""
        late = []
        for (delivered, kind, paused), plan in zip(self.events, planned, strict=False):
            if kind is not plan.kind:
                sys.exit(
                    f"the plan has {plan.kind.__name__} at {plan.offset:.3f} s but the driver "
                    f"delivered {kind.__name__}; the schedule here no longer matches the engine"
                )
            late.append(delivered - (started + plan.offset + paused))
        return late


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(late: list[float]) -> dict[str, float]:
    ms = [x * 1000 for x in late]
    return {
        "p50": percentile(ms, 0.50),
        "p99": percentile(ms, 0.99),
        "max": max(ms),
        "min": min(ms),
        "drift": ms[-1],
        "first_half": statistics.median(ms[: len(ms) // 2] or ms),
        "second_half": statistics.median(ms[len(ms) // 2 :]),
    }


def run_once(app: QCoreApplication, plan: Plan, seconds: float) -> dict[str, dict[str, float]]:
    planned = planned_events(plan, seconds)
    if not planned:
        sys.exit(f"nothing is planned in the first {seconds} s")
    driver = SessionDriver(plan)
    log = DeliveryLog()
    driver.event_occurred.connect(log.on_event)
    ticker = NaiveTicker(math.floor(seconds))
    started = 0.0
    gave_up: list[bool] = []

    def check_done(*_: object) -> None:
        if len(log.events) >= len(planned) and ticker.done:
            app.quit()

    def start_both() -> None:
        nonlocal started
        started = time.monotonic()
        driver.start()
        ticker.start()

    def give_up() -> None:
        gave_up.append(True)
        app.quit()

    driver.event_occurred.connect(check_done)
    ticker.timer.timeout.connect(check_done)
    limit_s = round(2 * seconds + 10)
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(give_up)
    QTimer.singleShot(0, start_both)
    watchdog.start(limit_s * 1000)
    app.exec()
    watchdog.stop()
    driver.event_occurred.disconnect()
    driver.stop()
    if gave_up:
        sys.exit(
            f"gave up after {limit_s} s: the driver delivered {len(log.events)} of "
            f"{len(planned)} planned events, the ticker {len(ticker.delivered)} of {ticker.ticks}"
        )
    ours = summary(log.lateness(started, planned))
    ours["events"] = len(planned)
    ours["last_at"] = planned[-1].offset
    naive = summary(ticker.lateness())
    naive["events"] = ticker.ticks
    naive["last_at"] = ticker.ticks
    return {"driver": ours, "naive": naive}


def load_plan(routine_key: str | None) -> Plan:
    routine = default_routine()
    if routine_key:
        found = load_library(None).find(routine_key)
        if found is None:
            sys.exit(f"no routine {routine_key!r}; `supple routines list` shows them")
        routine = found
    return compile_plan(routine)


def direction(drift_ms: float) -> str:
    if drift_ms > 0:
        return "behind"
    return "ahead" if drift_ms < 0 else "on time"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--runs", type=int, default=1, help="repeat and report medians")
    parser.add_argument("--routine", help="routine id or name (default: the default routine)")
    args = parser.parse_args()
    if args.seconds < 1 or args.runs < 1:
        sys.exit("--seconds must be at least 1 and --runs at least 1")
    plan = load_plan(args.routine)
    app = QCoreApplication.instance() or QCoreApplication(sys.argv)
    runs = [run_once(app, plan, args.seconds) for _ in range(args.runs)]

    def med(who: str, key: str) -> float:
        return statistics.median(r[who][key] for r in runs)

    print(
        f"timing over {args.seconds:g} s of {plan.routine_name!r}, {args.runs} run(s)"
        + (", medians across runs" if args.runs > 1 else "")
    )
    print(
        f"driver: {int(med('driver', 'events'))} events, the last planned at "
        f"{med('driver', 'last_at'):.1f} s; naive ticker: {int(med('naive', 'events'))} ticks"
    )
    print("lateness = delivered - (real start + planned offset); negative = early")
    print(f"{'':26}{'SessionDriver':>15}{'naive 1 s ticker':>19}")
    for key, label in (("p50", "p50"), ("p99", "p99"), ("max", "max"), ("min", "min")):
        print(
            f"{'lateness ' + label + ' (ms)':26}{med('driver', key):15.3f}{med('naive', key):19.3f}"
        )
    for key, label in (("first_half", "first half"), ("second_half", "second half")):
        print(f"{'p50, ' + label + ' (ms)':26}{med('driver', key):15.3f}{med('naive', key):19.3f}")
    ours, naive = med("driver", "drift"), med("naive", "drift")
    print(f"{'drift at last event (ms)':26}{ours:15.3f}{naive:19.3f}")
    print(
        f"driver {abs(ours):.3f} ms {direction(ours)}, "
        f"naive ticker {abs(naive):.3f} ms {direction(naive)}"
        + (f": {abs(naive) / abs(ours):.0f}x the driver's" if abs(ours) >= 0.001 else "")
    )
    p99, worst = med("driver", "p99"), med("driver", "max")
    for label, value, target, met in (
        ("p99 lateness", p99, f"< {TARGET_P99_MS:g}", p99 < TARGET_P99_MS),
        ("max lateness", worst, f"< {TARGET_MAX_MS:g}", worst < TARGET_MAX_MS),
        ("|drift|", abs(ours), f"<= {TARGET_DRIFT_MS:g}", abs(ours) <= TARGET_DRIFT_MS),
    ):
        print(f"target {label} {target} ms: {'met' if met else 'MISSED'} ({value:.3f} ms)")
    if args.seconds != 120:
        print("(the targets are set for 120 s runs on a 2-core machine)")


if __name__ == "__main__":
    main()
