"""Runs for checks and measurements rather than for users: ``supple --smoke-test``.

The bundle's smoke test (``packaging/build.py``), the start-up benchmark and the tests
launch the real command with one of these and read what it prints:

- ``--smoke-test``: open Home, print ``ready <unix time> <peak memory kB>`` once it is
  painted, and quit; nothing Home does not need is started.
- ``--smoke-test --smoke-session``: after ``ready``, run the selected routine to its end
  as a user who touches nothing would (sound, voice and history included), print
  ``session completed``, and quit.
- ``--smoke-test --smoke-seconds S``: run as usual (cue sounds, history, the offer to
  resume) and quit S seconds after ``ready``: what measuring memory after start needs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from supple.app.main import Supple
    from supple.qt.session_controller import SessionEnd


@dataclass(frozen=True)
class SmokeTest:
    session: bool = False
    """Run the selected routine to its end after the first paint."""
    seconds: float = 0.0
    """Keep running as usual this long after the first paint."""

    @property
    def runs_as_usual(self) -> bool:
        """Whether the work that waits for the first paint (sound, resume offer) runs."""
        return self.session or self.seconds > 0


def peak_memory_kb() -> int:
    """Peak resident memory of this process, where the platform reports it (else 0)."""
    try:
        import resource  # Unix only
    except ImportError:
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


class SmokeRun(QObject):
    """Reports the window's first paint, then quits, runs a session, or waits (see above)."""

    def __init__(self, app: QApplication, supple: Supple, smoke: SmokeTest) -> None:
        super().__init__(supple)
        self._app = app
        self._supple = supple
        self._smoke = smoke
        supple.window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() is QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"ready {time.time():.6f} {peak_memory_kb()}", flush=True)
            if self._smoke.session:
                QTimer.singleShot(0, self.start_session)
            else:
                QTimer.singleShot(round(self._smoke.seconds * 1000), self._app.quit)
        return False

    def start_session(self) -> None:
        controller = self._supple.controller
        routine = self._supple.window.home.selected_routine()
        if routine is None:
            print("no routine to run", flush=True)
            self._app.exit(1)
            return
        controller.ended.connect(self.on_session_ended)
        controller.start(routine)

    def on_session_ended(self, end: SessionEnd) -> None:
        print("session completed" if end.completed else "session ended early", flush=True)
        QTimer.singleShot(0, self._app.quit)
