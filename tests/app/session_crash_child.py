"""A process that runs a real session (controller, event loop, recording, SQLite) to be killed.

It starts the compressed routine below, or resumes the session an earlier run left
in progress, and prints (flushed) ``begun <uuid>`` or ``resumed <uuid> <from>``,
then ``recorded <index>`` each time a step is on disk, and ``finished`` at the end.
Every line the parent reads is therefore a promise about what the file holds.

    python session_crash_child.py DB
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer

from supple.app.session_recording import SessionRecording, resumption_of
from supple.core.catalog import builtin_exercises
from supple.core.events import Event, SessionFinished
from supple.core.model import Block, Entry, Routine, Sides
from supple.qt.session_controller import SessionController
from supple.storage.history import open_history
from supple.storage.recorder import HistoryRecorder

TEMPO = 0.05
ROUNDS = 15


def crash_routine() -> Routine:
    """Eight short steps a round (work, rests, a side switch), about 0.5 s a round.

    Timings far below what a routine file allows; the dataclasses take them as given.
    """
    return Routine(
        id="crash-drill",
        name="Crash drill",
        get_ready_seconds=0.1,  # type: ignore[arg-type]  # compressed on purpose
        side_switch_seconds=0.05,  # type: ignore[arg-type]
        blocks=(
            Block(
                name="Circuit",
                rounds=ROUNDS,
                rest_between_exercises=0.05,  # type: ignore[arg-type]
                rest_between_rounds=0.05,  # type: ignore[arg-type]
                entries=(
                    Entry("pelvic-tilt", reps=2, tempo=TEMPO),
                    Entry("elevated-hip-hike", reps=1, tempo=TEMPO, sides=Sides.EACH),
                    Entry("march-in-place", seconds=0.1),  # type: ignore[arg-type]
                ),
            ),
        ),
    )


def say(line: str) -> None:
    print(line, flush=True)


def main(argv: list[str]) -> int:
    db = Path(argv[0])
    app = QCoreApplication([])
    recorder = HistoryRecorder(open_history(db), opener=lambda: open_history(db))
    routine = crash_routine()
    exercises = builtin_exercises()
    recording = SessionRecording(recorder)
    controller = SessionController(exercises=exercises)

    interrupted = recording.interrupted()
    resume = resumption_of(interrupted[0]) if interrupted else None

    said: set[int] = set()
    uuid_said = False

    def say_what_is_on_disk() -> None:
        """``begun`` once the session row is written (it is held until a rep is counted),
        then ``recorded <index>`` for each step the file holds."""
        nonlocal uuid_said
        uuid, store = recording.session_uuid, recorder.store
        if uuid is None or store is None or recorder.pending:
            return
        detail = store.session_detail(uuid)
        if detail is None:
            return
        if not uuid_said:
            uuid_said = True
            if interrupted:
                say(f"resumed {uuid} {interrupted[0].next_step_index}")
            else:
                say(f"begun {uuid}")
        for step in detail.steps:
            if step.index not in said:
                said.add(step.index)
                say(f"recorded {step.index}")

    def on_event(event: Event) -> None:
        recording.on_session_event(event)
        say_what_is_on_disk()
        if isinstance(event, SessionFinished):
            say("finished")
            QTimer.singleShot(0, app.quit)

    controller.started.connect(recording.on_session_started)
    controller.event_occurred.connect(on_event)
    start = controller.start(routine, resume=resume)
    if start is None:
        say("nothing to resume")
        return 1
    if recording.problem:
        say(f"problem {recording.problem}")
        return 1
    if interrupted:
        said.update(step.index for step in interrupted[0].steps)
        say_what_is_on_disk()
    app.exec()
    recorder.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
