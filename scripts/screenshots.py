"""Render the app's main screens to PNG files, the same way every time.

The session runs on a fake clock that the script moves to chosen moments (rep 7
of the pelvic tilts, halfway through a side switch...), so the pictures do not
depend on how fast the machine is. Run from the repository root:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--out DIR] [--size WxH]

Writes home, get-ready, work, side-switch, rest, paused and summary (and light-theme
versions of home and work) into docs/screenshots/ by default; ``--lang de`` writes
home-de and work-de instead.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from supple import paths
from supple.core import i18n
from supple.core.catalog import DEFAULT_ROUTINE_ID
from supple.core.library import load_library
from supple.core.plan import StepKind
from supple.qt.session_controller import Command, SessionController
from supple.qt.settings_store import SettingsStore
from supple.qt.translations import install_qt_translations
from supple.storage.settings import Settings
from supple.ui.main_window import MainWindow
from supple.ui.theme import install_font

ROOT = Path(__file__).resolve().parent.parent
START = 1000.0


class FakeClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        return self.now


class Shooter:
    def __init__(self, app: QApplication, out: Path, size: tuple[int, int], theme: str) -> None:
        self.app = app
        self.out = out
        self.clock = FakeClock()
        library = load_library(None)  # built-in routines only: the same pictures everywhere
        self.window = MainWindow(
            library,
            SettingsStore(Settings(theme=theme), save=None),  # type: ignore[arg-type]  # checked by argparse
            controller=SessionController(clock=self.clock),
        )
        self.window.resize(*size)
        self.window.show()
        self.window.select_routine(DEFAULT_ROUTINE_ID)
        self.settle()

    def settle(self) -> None:
        for _ in range(3):
            self.app.processEvents()

    def shot(self, name: str) -> None:
        self.settle()
        path = self.out / f"{name}.png"
        if not self.window.grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)

    def move_to(self, seconds_into_step: float) -> None:
        """Let the current step run for ``seconds_into_step`` on the fake clock."""
        driver = self.window.controller.driver
        assert driver is not None
        self.clock.now += seconds_into_step
        driver.on_timeout()
        self.window.session_view.refresh()  # its own second timer runs on real time

    def skip_to(self, kind: StepKind, exercise_id: str) -> None:
        session = self.window.controller
        while not (
            session.engine.step.kind is kind and session.engine.step.exercise.id == exercise_id
        ):
            session.command(Command.NEXT)

    def run(self, only_home_and_work: bool, suffix: str) -> None:
        window = self.window
        self.shot(f"home{suffix}")
        window.start_session()
        self.move_to(0.6)
        if not only_home_and_work:
            self.shot(f"get-ready{suffix}")
        self.skip_to(StepKind.WORK, "pelvic-tilt")
        self.move_to(6 * 4.0 + 0.5)  # rep 7 of 20 started half a second ago: "tilt forward"
        self.shot(f"work{suffix}")
        if only_home_and_work:
            window.controller.end_now()
            return
        window.controller.command(Command.TOGGLE_PAUSE)
        self.shot("paused")
        window.on_stop()  # Esc: the question, asked in the window
        self.shot("stop-question")
        window.on_stop()  # Esc again: keep going (still paused)
        window.controller.command(Command.TOGGLE_PAUSE)
        self.skip_to(StepKind.SIDE_SWITCH, "elevated-hip-hike")
        self.move_to(1.2)  # before its 3-2-1, whose flash would hide the switch's colour
        self.shot("side-switch")
        self.skip_to(StepKind.REST, "knee-roll-90-90")
        self.move_to(4.3)
        self.shot("rest")
        # A session of its own for the summary, run to its end: everything falls due at once.
        window.controller.end_now()
        window.go_home()
        window.start_session()
        self.move_to(24 * 60 * 60)
        self.shot("summary")
        window.go_home()
        self.ask_to_resume()
        self.shot("resume-question")
        window.on_stop()

    def ask_to_resume(self) -> None:
        """The question the next start asks about a session cut short at set 5: recorded
        the way the app records one, then read back from the history as the app does."""
        from supple.app.session_recording import SessionRecording
        from supple.core.engine import SessionEngine
        from supple.core.events import StepFinished
        from supple.qt.session_controller import plan_session
        from supple.storage.recorder import open_recorder
        from supple.ui.history.messages import RESUME_TITLE, resume_question

        recorder, _messages = open_recorder()
        recording = SessionRecording(recorder)
        start = plan_session(self.window.home.selected_routine())
        assert start is not None
        recording.on_session_started(start)
        engine = SessionEngine(start.plan)
        events, finished = engine.start(0.0), 0
        while finished < 9:
            for event in events:
                recording.on_session_event(event)
                finished += isinstance(event, StepFinished)
            events = engine.advance(engine.next_deadline() or 0.0)
        recorder.close()
        recording.release()
        recorder, _messages = open_recorder()
        [detail] = SessionRecording(recorder).interrupted()
        today = detail.session.local_started_at.date()
        self.window.ask(
            RESUME_TITLE,
            resume_question(detail, start.whole, today),
            yes="Resume",
            no="Keep as partial",
            answer=lambda _yes: None,
        )
        recorder.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1280x720", help="window size, e.g. 3840x2160")
    parser.add_argument("--lang", help="only Home and a work step, in this language (home-de.png)")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    install_font(app)
    with tempfile.TemporaryDirectory() as data:
        paths.set_data_dir(Path(data))  # never read or write the real user's files
        if args.lang:
            i18n.set_language(args.lang)
            install_qt_translations(app)
            Shooter(app, args.out, (width, height), "dark").run(True, f"-{args.lang}")
            return 0
        Shooter(app, args.out, (width, height), "dark").run(False, "")
        Shooter(app, args.out, (width, height), "light").run(True, "-light")
    return 0


if __name__ == "__main__":
    sys.exit(main())
