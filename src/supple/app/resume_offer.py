"""A session cut short last time (a crash, a flat battery): resume it or keep it.

Only the latest, and only when it is recent, is offered, inside the window; any
other unfinished session is kept as partial, and the history's notice says which.
Nothing is asked about a session whose routine cannot be read, or that has no step
left to run (it is closed as it is).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject

from supple.app.session_recording import RUNNING_ELSEWHERE, SessionRecording, resumption_of
from supple.core.i18n import _
from supple.core.model import Routine
from supple.core.resume import Resumption, routine_from_snapshot, worth_resuming
from supple.qt.session_controller import plan_session
from supple.storage.database import local_now
from supple.ui.history.messages import (
    RESUME_TITLE,
    UNREADABLE_SNAPSHOT,
    kept_as_partial,
    resume_question,
)
from supple.ui.main_window import MainWindow


class ResumeOffer(QObject):
    def __init__(
        self,
        recording: SessionRecording,
        window: MainWindow,
        tell: Callable[[str], object],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._recording = recording
        self._window = window
        self._tell = tell
        """Adds a sentence to the history's notices."""
        self._asked: tuple[Routine, Resumption] | None = None

    def make(self, now: datetime | None = None) -> None:
        recording = self._recording
        interrupted = recording.interrupted()
        if recording.running_elsewhere:
            self._tell(_(RUNNING_ELSEWHERE))
        if not interrupted:
            return
        now = now or local_now()
        newest = interrupted[0] if worth_resuming(interrupted[0].session.started_at, now) else None
        kept = [detail for detail in interrupted if detail is not newest]
        for detail in kept:
            recording.keep_partial(detail.session.uuid)
        if kept:
            self._tell(kept_as_partial(kept, offered=newest is not None))
        if newest is None:
            return
        routine = routine_from_snapshot(newest.session.routine_snapshot)
        if routine is None:
            self._tell(_(UNREADABLE_SNAPSHOT))
            recording.keep_partial(newest.session.uuid)
            return
        resume = resumption_of(newest, recording.progress_of(newest.session.uuid))
        start = plan_session(routine, resume=resume)
        if start is None:  # every step was recorded: nothing left to run
            recording.close_interrupted(newest)
            return
        self._asked = (routine, resume)
        self._window.ask(
            _(RESUME_TITLE),
            resume_question(newest, start.whole, now.date()),
            yes=_("Resume"),
            no=_("Keep as partial"),
            answer=self.on_answered,
        )

    def on_answered(self, resume: bool) -> None:
        asked, self._asked = self._asked, None
        if asked is None:
            return
        routine, resumption = asked
        if resume:
            self._window.start_session(routine, resume=resumption)
        else:
            self._recording.keep_partial(resumption.session_uuid)
