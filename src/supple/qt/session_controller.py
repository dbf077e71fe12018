"""The one owner of a running session: it compiles the plan, drives it, takes commands.

Every way a user steers a session (the window's keys and buttons today; media keys,
a presenter remote or the voice tomorrow) sends the same small vocabulary of
:class:`Command` values here, so adding an input means one adapter and one line of
wiring. Whatever follows the session (the screen, the history, the sound, the
screen lock) listens to the controller's signals, wired by the app; none of them
reaches into the engine to decide what a key means.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from supple.core.model import Exercise, Routine
from supple.core.plan import Plan, Step, compile_plan
from supple.core.resume import ResumePlan, Resumption, resume_plan

if TYPE_CHECKING:  # the engine and its timer are imported with the first session
    from supple.core.engine import SessionEngine, SessionState
    from supple.core.events import Event, SessionFinished, StepResult
    from supple.qt.session_driver import SessionDriver

Clock = Callable[[], float]


class Command(StrEnum):
    """What any input can ask of a running session."""

    PAUSE = "pause"
    RESUME = "resume"
    TOGGLE_PAUSE = "toggle_pause"
    NEXT = "next"
    BACK = "back"
    PRIMARY = "primary"
    """Count a rep in a self-paced set, finish a paced set or a hold, end a rest now."""
    MORE = "more"
    LESS = "less"
    STOP_REQUEST = "stop_request"
    """Ask whether to end the session (pauses it while the question is open)."""
    STOP_CONFIRM = "stop_confirm"
    STOP_CANCEL = "stop_cancel"


@dataclass(frozen=True)
class SessionStart:
    """What the controller runs: sent before the session's first event."""

    plan: Plan
    """The plan the driver runs (for a resumed session: the rest of the stored one)."""
    whole: Plan
    """The routine's whole plan (the same as ``plan`` unless resumed)."""
    routine: Routine
    resumed: Resumption | None = None
    resume: ResumePlan | None = None
    """How the steps of ``plan`` map back to the stored session's, when resumed."""
    tightness_before: int | None = None
    """The check-in answer (0-10), or the one stored with a resumed session."""

    def stored_index(self, step: Step) -> int | None:
        """``step``'s place in the session's history; ``None`` for a step not recorded
        (the get-ready put in front of a resumed session)."""
        return step.index if self.resume is None else self.resume.stored_index(step)

    def with_carried_reps(self, result: StepResult, index: int) -> StepResult:
        """``result`` at its place ``index`` in the whole session, with the reps counted
        before an interruption added back to the set they were counted in."""
        step = replace(result.step, index=index)
        resumed = self.resumed
        if resumed is None or index != resumed.next_index or not step.counts_reps:
            return replace(result, step=step)
        carried = resumed.carried_reps
        step = replace(step, target_reps=(step.target_reps or 0) + carried)
        return replace(result, step=step, reps_done=(result.reps_done or 0) + carried)

    def set_number(self, step: Step) -> tuple[int, int]:
        """``step``'s set number and the number of sets, counted in the whole session:
        a resumed session goes on numbering where it stopped."""
        if self.resume is None:
            return self.plan.set_number(step)
        index = self.resume.stored_index(step)
        if index is None:  # the get-ready in front leads to the first step run again
            index = self.resume.lead + self.resume.index_offset
        return self.whole.set_number(self.whole.steps[index])


@dataclass(frozen=True)
class SessionEnd:
    start: SessionStart
    finished: SessionFinished

    @property
    def completed(self) -> bool:
        return self.finished.completed

    @property
    def plan(self) -> Plan:
        """The whole session's plan, for a resumed session too."""
        return self.start.whole

    @property
    def results(self) -> tuple[StepResult, ...]:
        """Every step of the session on ``plan``'s steps: for a resumed one, what was
        recorded before it stopped and what was done since (one session, one summary)."""
        start = self.start
        if start.resumed is None:
            return self.finished.results
        since = []
        for result in self.finished.results:
            index = start.stored_index(result.step)
            if index is not None:  # not the get-ready put in front
                since.append(start.with_carried_reps(result, index))
        return (*start.resumed.earlier_results(start.whole), *since)


def plan_session(
    routine: Routine,
    *,
    resume: Resumption | None = None,
    tightness_before: int | None = None,
    exercises: Mapping[str, Exercise] | None = None,
) -> SessionStart | None:
    """What to run for ``routine``: compiled once, cut to the rest when resuming.

    ``None`` when a resumed session has no step left to run.
    """
    plan = compile_plan(routine, exercises)
    if resume is None:
        return SessionStart(plan, plan, routine, tightness_before=tightness_before)
    if resume.next_index >= len(plan.steps):
        return None
    rest = resume_plan(plan, resume.next_index, carried_reps=resume.carried_reps)
    before = resume.tightness_before if resume.tightness_before is not None else tightness_before
    return SessionStart(rest.plan, plan, routine, resume, rest, before)


class SessionController(QObject):
    started = Signal(object)
    """A ``SessionStart``, before the first event."""
    event_occurred = Signal(object)
    """Every engine event, in order (``supple.core.events``)."""
    state_changed = Signal(str)
    """The engine's state after a change (a ``SessionState`` value)."""
    stop_question = Signal(bool)
    """True: ask the user whether to end the session; False: the question is over."""
    ended = Signal(object)
    """A ``SessionEnd``, after the last event; the controller is free again."""

    def __init__(
        self,
        *,
        clock: Clock = time.monotonic,
        exercises: Mapping[str, Exercise] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._exercises = exercises
        self._driver: SessionDriver | None = None
        self._start: SessionStart | None = None
        self._asking_stop = False
        self._resume_after_question = False

    # --- what others read --------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._driver is not None

    @property
    def current(self) -> SessionStart | None:
        """The session being run, or ``None`` between sessions."""
        return self._start

    @property
    def driver(self) -> SessionDriver | None:
        """The running session's timer (for its lateness record and for tests)."""
        return self._driver

    @property
    def engine(self) -> SessionEngine:
        if self._driver is None:
            raise RuntimeError("no session is running")
        return self._driver.engine

    @property
    def state(self) -> SessionState | None:
        return self._driver.state if self._driver is not None else None

    @property
    def asking_stop(self) -> bool:
        return self._asking_stop

    def now(self) -> float:
        return self._clock()

    def set_number(self, step: Step) -> tuple[int, int]:
        """The running session's numbering of its sets (see ``SessionStart.set_number``)."""
        if self._start is None:
            raise RuntimeError("no session is running")
        return self._start.set_number(step)

    # --- starting ----------------------------------------------------------------------

    def start(
        self,
        routine: Routine,
        *,
        resume: Resumption | None = None,
        tightness_before: int | None = None,
    ) -> SessionStart | None:
        """Run ``routine`` (or the rest of an interrupted session of it).

        ``None`` when nothing starts: a session is already running, or the resumed
        session has no step left to run (its caller closes it then).
        """
        if self._driver is not None:
            return None
        start = plan_session(
            routine, resume=resume, tightness_before=tightness_before, exercises=self._exercises
        )
        if start is None:
            return None
        from supple.qt.session_driver import SessionDriver

        driver = SessionDriver(start.plan, clock=self._clock, parent=self)
        self._driver, self._start = driver, start
        self._connect_driver(driver)
        self.started.emit(start)
        driver.start()
        return start

    def _connect_driver(self, driver: SessionDriver) -> None:
        """The per-session connections: one driver per session, dropped when it ends."""
        driver.event_occurred.connect(self.on_driver_event)
        driver.state_changed.connect(self.on_driver_state_changed)

    # --- commands ----------------------------------------------------------------------

    def command(self, command: Command) -> None:
        """Apply ``command`` to the running session; outside a session it does nothing."""
        driver = self._driver
        if driver is None or driver.engine.is_over:
            return
        if command is Command.STOP_REQUEST:
            self._ask_stop(driver)
        elif command is Command.STOP_CONFIRM:
            self._close_question()
            driver.stop()
        elif command is Command.STOP_CANCEL:
            if self._asking_stop:
                resume = self._resume_after_question
                self._close_question()
                if resume:
                    driver.resume()
        elif self._asking_stop:
            return  # the question is open: it is answered first
        elif command is Command.PRIMARY:
            step = driver.engine.step
            if step.counts_reps and step.self_paced:
                driver.count_rep()
            else:
                driver.finish_set()
        else:
            self._simple_commands(driver)[command]()

    def end_now(self) -> None:
        """End the running session without asking (the window is closing)."""
        self.command(Command.STOP_CONFIRM)

    @staticmethod
    def _simple_commands(driver: SessionDriver) -> dict[Command, Callable[[], None]]:
        return {
            Command.PAUSE: driver.pause,
            Command.RESUME: driver.resume,
            Command.TOGGLE_PAUSE: driver.toggle_pause,
            Command.NEXT: driver.skip,
            Command.BACK: driver.back,
            Command.MORE: lambda: driver.adjust_target(+1),
            Command.LESS: lambda: driver.adjust_target(-1),
        }

    def _ask_stop(self, driver: SessionDriver) -> None:
        from supple.core.engine import ACTIVE

        if self._asking_stop:
            return
        self._resume_after_question = driver.state in ACTIVE
        if self._resume_after_question:
            driver.pause()
        self._asking_stop = True
        self.stop_question.emit(True)

    def _close_question(self) -> None:
        self._resume_after_question = False
        if self._asking_stop:
            self._asking_stop = False
            self.stop_question.emit(False)

    # --- slots -------------------------------------------------------------------------

    def on_driver_event(self, event: Event) -> None:
        from supple.core.events import SessionFinished  # loaded by then: the driver sends it

        self.event_occurred.emit(event)
        if isinstance(event, SessionFinished):
            self._finish(event)

    def on_driver_state_changed(self, state: str) -> None:
        self.state_changed.emit(state)

    def _finish(self, finished: SessionFinished) -> None:
        driver, start = self._driver, self._start
        if driver is None or start is None:
            return
        self._close_question()
        self._driver = self._start = None
        driver.deleteLater()
        self.ended.emit(SessionEnd(start, finished))
