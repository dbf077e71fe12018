"""A process that runs the default routine, compressed, through the whole app and its sound.

The real window, session driver, cue scheduler, cue player and speech engine play to
whatever sound server and speech service the environment names; the parent records
that server. At the end one JSON line says what the scheduler sent out (with
``time.monotonic()`` times, the same clock in every process here), the plan's work
steps and side switches, and any sound problem the app reported.

    python session_sound_child.py [ROUTINE_ID]

Before the session, every wording it may need is measured, as a routine run before finds
them in the cache (``--cold`` leaves the cache empty).
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from supple.app.main import Supple
from supple.core.catalog import builtin_exercises
from supple.core.events import SessionFinished
from supple.core.model import Routine
from supple.core.plan import MarkKind, StepKind, compile_plan
from supple.storage.settings import Settings, save_settings

REPS = 3  # room to name a set that nothing before it introduced
TEMPO = 1.0
SECONDS = 4  # timed work still gets its 3-2-1
PAUSE = 6  # every rest and side switch: its prompt before the 3-2-1
GET_READY = 8  # room to name the first set, its target and side
GIVE_UP_AFTER_MS = 600_000  # the longest built-in routine runs 4.5 min compressed


def compressed(routine: Routine) -> Routine:
    """The same blocks, exercises, sides and rounds, with every duration cut short."""
    blocks = tuple(
        replace(
            block,
            rest_between_exercises=PAUSE,
            rest_between_rounds=PAUSE,
            entries=tuple(
                replace(entry, reps=REPS, seconds=SECONDS, tempo=TEMPO, rest_after=None)
                for entry in block.entries
            ),
        )
        for block in routine.blocks
    )
    return replace(routine, blocks=blocks, get_ready_seconds=GET_READY, side_switch_seconds=PAUSE)


def main() -> int:
    app = QApplication(sys.argv[:1])
    save_settings(Settings(ask_tightness_before=False))
    supple = Supple()
    wanted = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    default = supple.library.find(wanted[0]) if wanted else supple.window.home.selected_routine()
    assert default is not None
    routine = compressed(default)
    plan = compile_plan(routine, builtin_exercises())
    problems: list[str] = []
    outcome: dict[str, object] = {}

    def on_ready() -> None:
        lengths, scheduler = supple.sound.lengths, supple.sound.scheduler
        if lengths is not None and "--cold" not in sys.argv:
            wordings = scheduler.wordings(plan)
            lengths.prepare(wordings, at_once=len(wordings))
        supple.window.start_session(routine)

    def on_ended(finished: SessionFinished) -> None:
        outcome["completed"] = finished.completed
        QTimer.singleShot(2500, app.quit)  # "session complete" is still being said

    supple.sound.problem_found.connect(problems.append)
    supple.sound.ready.connect(on_ready)
    supple.window.controller.ended.connect(on_ended)
    supple.show()
    supple.sound.start()
    QTimer.singleShot(GIVE_UP_AFTER_MS, app.quit)
    app.exec()
    supple.sound.close()
    report = {
        "routine": default.id,
        "completed": outcome.get("completed", False),
        "problems": problems,
        "heard": supple.sound.scheduler.heard,
        "predicted": supple.sound.scheduler.predicted,
        "renders": supple.sound.lengths is not None and supple.sound.lengths.renders(),
        "guesses": supple.sound.lengths.guesses if supple.sound.lengths is not None else 0,
        "pips": sum(mark.kind is MarkKind.COUNTDOWN for step in plan.steps for mark in step.marks),
        "work": [step.exercise.name for step in plan.steps if step.kind is StepKind.WORK],
        "side_switches": sum(step.kind is StepKind.SIDE_SWITCH for step in plan.steps),
    }
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
