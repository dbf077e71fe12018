"""The real app (``run_app``: window, event loop, signal handling, history writer) on a data
folder, starting a long session as soon as its window is painted, for tests that stop it
from outside: a second instance beside it, ``kill -9``, SIGINT, SIGTERM, SIGHUP.

It prints (flushed) ``begun <uuid>`` once the session is in the history file and
``step <n>`` as steps end; the exit status is ``run_app``'s.

    python app_session_child.py DATA_DIR
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from supple import paths
from supple.app import main as app_main
from supple.core.events import Event, StepFinished
from supple.core.model import Block, Entry, Routine, Sides
from supple.storage.settings import Settings, save_settings


def long_routine() -> Routine:
    """Steps of a second or two, for about two minutes: longer than any test lets it run.

    Within what a routine file allows, so the stored snapshot can be resumed.
    """
    return Routine(
        id="long-drill",
        name="Long drill",
        get_ready_seconds=0,
        side_switch_seconds=0,
        blocks=(
            Block(
                name="Circuit",
                rounds=20,
                rest_between_exercises=0,
                rest_between_rounds=1,
                entries=(
                    Entry("pelvic-tilt", reps=2, tempo=0.5),
                    Entry("elevated-hip-hike", reps=1, tempo=0.5, sides=Sides.EACH),
                    Entry("march-in-place", seconds=1),
                ),
            ),
        ),
    )


def say(line: str) -> None:
    print(line, flush=True)


class StartsAtOnce(app_main.Supple):
    """The app, with Start pressed on the routine below as soon as the window shows."""

    def show(self, fullscreen: bool = False) -> None:
        super().show(fullscreen)
        self.after_first_paint(self.start_long_session)

    def start_long_session(self) -> None:
        routine = long_routine()
        self.recording.history_changed.connect(self.on_written)
        self.controller.event_occurred.connect(self.on_step)
        self.window.start_session(routine)

    def on_written(self, session_uuid: str) -> None:
        if session_uuid == self.recording.session_uuid:
            say(f"begun {session_uuid}")
            self.recording.history_changed.disconnect(self.on_written)

    def on_step(self, event: Event) -> None:
        if isinstance(event, StepFinished):
            say(f"step {event.result.step.index}")


def main(argv: list[str]) -> int:
    paths.set_data_dir(Path(argv[0]))
    save_settings(Settings(ask_tightness_before=False))
    app_main.Supple = StartsAtOnce  # type: ignore[misc]  # run_app builds this one
    return app_main.run_app()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
