"""Runs a short session with real sound in its own process; prints what it played as JSON.

python session_sound_child.py CACHE_DIR
"""

from __future__ import annotations

import json
import os
import sys
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

ROUTINE = Routine(
    id="heard",
    name="Heard",
    get_ready_seconds=4,
    side_switch_seconds=3,
    blocks=(
        Block(
            name="Main",
            rest_between_exercises=5,
            entries=(
                Entry("pelvic-tilt", reps=3, tempo=1.2),
                Entry("side-plank", seconds=4, sides=Sides.EACH),
            ),
        ),
    ),
)


def main() -> int:
    app = QCoreApplication(sys.argv[:1])
    player = CuePlayer(render_all(Path(sys.argv[1])))
    speech = Speech()
    scheduler = CueScheduler(player, speech, voice_on=True, count_aloud=False)
    speech.finished.connect(scheduler.on_speech_finished)
    driver = SessionDriver(compile_plan(ROUTINE, builtin_exercises()))
    driver.event_occurred.connect(scheduler.on_event)
    loop = QEventLoop()
    driver.state_changed.connect(lambda s: loop.quit() if s == "finished" else None)
    QTimer.singleShot(500, driver.start)  # let every sound finish loading
    loop.exec()
    QTimer.singleShot(1500, app.quit)  # the last cue rings out
    app.exec()
    start = scheduler.heard[0][0] if scheduler.heard else 0.0
    print(json.dumps({
        "available": player.available,
        "problem": player.problem,
        "heard": [(round(t - start, 3), kind, what) for t, kind, what in scheduler.heard],
    }))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
