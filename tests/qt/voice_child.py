"""Runs voice commands on the default microphone in a process of its own (so Qt
Multimedia meets the test's sound server), with a session running; prints each
command and the session's state after it as ``heard WORD STATE ASKING``."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from supple.core.model import Block, Entry, Routine
from supple.qt.session_controller import Command, SessionController
from supple.qt.voice_commands import VoiceCommands


def main() -> int:
    app = QApplication(sys.argv[:1])
    controller = SessionController()
    voice = VoiceCommands(controller)
    voice.command_requested.connect(controller.command)
    voice.problem.connect(lambda text: print(f"problem {text}", flush=True))

    def asking() -> str:
        return "asking" if controller.asking_stop else "not-asking"

    def report(word: str) -> None:
        QTimer.singleShot(
            0, lambda: print(f"heard {word} {controller.state} {asking()}", flush=True)
        )

    voice.heard.connect(report)
    routine = Routine(
        id="long",
        name="Long",
        get_ready_seconds=1,
        blocks=(Block(name="Only", entries=(Entry("pelvic-tilt", reps=50, self_paced=True),)),),
    )
    controller.start(routine)
    controller.command(Command.NEXT)
    voice.set_on(True)
    print("listening" if voice.listening else "not listening", flush=True)
    QTimer.singleShot(60_000, app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
