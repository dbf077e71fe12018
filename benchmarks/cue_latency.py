"""Delay from a session event's due moment to the call that plays its cue.

    python benchmarks/cue_latency.py [--runs 3]

Runs a compressed session (fast reps, short rests) through the real SessionDriver, the
cue scheduler, the real QSoundEffect player and Qt's mock speech engine, and prints the
delay of every played cue. The baseline is the driver's own lateness in the same run:
the difference is what the sound path adds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SUPPLE_TTS_ENGINE", "mock")

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from supple.audio import render_all
from supple.core.catalog import builtin_exercises
from supple.core.model import Block, Entry, Routine, Sides
from supple.core.plan import compile_plan
from supple.qt.cue_player import CuePlayer
from supple.qt.cue_scheduler import CueScheduler
from supple.qt.session_driver import SessionDriver
from supple.qt.speech import Speech


def plan():
    routine = Routine(
        id="latency",
        name="Latency",
        get_ready_seconds=3,
        side_switch_seconds=2,
        blocks=(
            Block(
                name="Main",
                rest_between_exercises=4,
                entries=(
                    Entry("pelvic-tilt", reps=12, tempo=0.6),
                    Entry("elevated-hip-hike", reps=6, tempo=0.6, sides=Sides.EACH),
                    Entry("side-plank", seconds=6),
                ),
            ),
        ),
    )
    return compile_plan(routine, builtin_exercises())


def run_once(app: QCoreApplication, sounds) -> tuple[list[float], list[float]]:
    player = CuePlayer(sounds)
    speech = Speech()
    scheduler = CueScheduler(player, speech, voice_on=True, count_aloud=False)
    speech.finished.connect(scheduler.on_speech_finished)
    driver = SessionDriver(plan())
    driver.event_occurred.connect(scheduler.on_event)
    loop = QEventLoop()
    driver.state_changed.connect(lambda s: loop.quit() if s == "finished" else None)
    QTimer.singleShot(0, driver.start)
    loop.exec()
    if not player.available:
        sys.exit(f"no sound output: {player.problem}")
    return [d * 1000 for d in scheduler.play_delays], [x * 1000 for x in driver.lateness]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as cache:
        sounds = render_all(Path(cache))
        runs = [run_once(app, sounds) for _ in range(args.runs)]

    def med(values_of, q):
        return statistics.median(
            sorted(v)[min(len(v) - 1, round(q * (len(v) - 1)))] for v in map(values_of, runs)
        )

    played = statistics.median(len(r[0]) for r in runs)
    print(f"cue delay over {args.runs} compressed sessions, {played:.0f} cues each (medians)")
    print(f"{'':14}{'event due -> play()':>20}{'driver lateness':>18}")
    for label, q in (("p50 (ms)", 0.5), ("p99 (ms)", 0.99), ("max (ms)", 1.0)):
        print(f"{label:14}{med(lambda r: r[0], q):20.3f}{med(lambda r: r[1], q):18.3f}")


if __name__ == "__main__":
    main()
