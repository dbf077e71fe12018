"""A real window on an X server, a self-paced set of 10 running, printing its target.

Prints ``target N`` (flushed) when the set starts and after every change, so the
parent can press a key and wait for the line it expects.

    DISPLAY=:N python keyboard_child.py
"""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication

from supple.core.library import Library
from supple.core.model import Block, Entry, Routine
from supple.qt.session_controller import Command
from supple.ui.main_window import MainWindow


def main() -> int:
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    app = QApplication(sys.argv[:1])
    routine = Routine(
        id="ten",
        name="Ten",
        get_ready_seconds=1,
        blocks=(Block(name="Only", entries=(Entry("pelvic-tilt", reps=10, self_paced=True),)),),
    )
    window = MainWindow(Library((routine,), (), frozenset()))
    session = window.controller

    def say_target(_event: object = None) -> None:
        if session.running:
            print(f"target {session.engine.step.target_reps}", flush=True)

    window.show()
    window.activateWindow()
    window.start_session()
    session.command(Command.NEXT)
    session.event_occurred.connect(say_target)
    say_target()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
