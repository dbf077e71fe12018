"""From a running session to the history: each finished step written as it happens.

The session controller reports a session (its start, every engine event, its end);
the history wants records (a session row, one row per finished step, the end, the
check-out). This is the only place that turns one into the other. Writing goes
through ``HistoryRecorder``: a full disk or a damaged file never stops a workout,
and nothing here raises into the UI; what went wrong is kept in ``problem``.

A session killed half-way (power cut, crash) stays "in progress" in the file; the
app offers it on the next start, and the controller runs the rest of it with the
stored session's ``Resumption``, so the history ends up with one session.

A session being recorded is leased (``storage.session_lease``): another Supple on the
same data folder sees it is running in another window, and neither offers it for
resuming nor keeps it as partial. The operating system ends the lease with the process,
so a session cut short by a crash is offered again.

The app's recorder writes on a thread of its own: ``history_changed`` is said once what
changed is in the file, so whoever reads the history then sees it.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

from supple.core import routine_file
from supple.core.events import Event, RepCounted, SessionFinished, StepFinished, StepResult
from supple.core.i18n import N_, _
from supple.core.model import Routine
from supple.core.resume import DoneStep, Resumption
from supple.core.stats import worth_keeping
from supple.qt.session_controller import SessionStart
from supple.storage.database import local_now
from supple.storage.errors import HistoryError
from supple.storage.recorder import HistoryRecorder
from supple.storage.records import (
    SessionDetail,
    SessionRecord,
    SessionStatus,
    Side,
    StepRecord,
    new_uuid,
)
from supple.storage.records import StepKind as StoredKind
from supple.storage.session_lease import SessionLease, running_elsewhere

__all__ = ["RUNNING_ELSEWHERE", "SessionRecording", "resumption_of", "step_record"]

_log = logging.getLogger(__name__)

WallClock = Callable[[], datetime]


def step_record(
    session_uuid: str, index: int, result: StepResult, finished_at: datetime
) -> StepRecord:
    """One engine result as a history row at plan position ``index``.

    Non-work steps keep the exercise they lead to (a rest "before pelvic tilts"),
    which is what their screen showed; per-exercise totals count work steps only.
    """
    step = result.step
    return StepRecord(
        session_uuid=session_uuid,
        index=index,
        kind=StoredKind(step.kind.value),
        exercise_id=step.exercise.id,
        exercise_name=step.exercise.name,
        side=Side(step.side.value),
        round=max(0, step.round),
        planned_reps=step.target_reps if step.counts_reps else None,
        planned_seconds=max(0.0, float(step.planned_seconds)),
        done_reps=result.reps_done if step.counts_reps else None,
        done_seconds=max(0.0, float(result.seconds_done)),
        skipped=bool(result.skipped),
        finished_at=finished_at,
    )


def resumption_of(detail: SessionDetail, progress: tuple[int, int] | None = None) -> Resumption:
    """Where a stored, interrupted session carries on; ``progress`` is the set that was
    under way and the reps counted in it (``HistoryStore.progress``)."""
    session = detail.session
    done = tuple(
        DoneStep(step.index, step.done_reps, step.done_seconds, step.skipped)
        for step in detail.steps
    )
    next_index = detail.next_step_index
    carried = progress[1] if progress is not None and progress[0] == next_index else 0
    return Resumption(session.uuid, next_index, session.tightness_before, done, carried)


@dataclass
class _Running:
    start: SessionStart
    uuid: str
    unwritten: SessionRecord | None = None
    """A new session is written once it is worth keeping (``stats.worth_keeping``)."""
    held: list[StepRecord] = field(default_factory=list)
    """Its steps until then."""
    lease: SessionLease | None = None
    """This app's claim on the session, so another Supple leaves it alone."""


RUNNING_ELSEWHERE = N_("A session is running in another Supple window; it is left to that window.")


class SessionRecording(QObject):
    """Records what the session controller reports; never raises into the UI."""

    problem_changed = Signal(object)
    """``(problem: str | None)`` whenever :attr:`problem` changes."""
    history_changed = Signal(str)
    """``session_uuid`` after a session began, ended, was resumed, closed or checked out
    (once the history holds it)."""
    _recorder_changed = Signal()
    """The recorder's state changed, maybe on its writer thread: looked at on this one."""

    def __init__(
        self,
        recorder: HistoryRecorder,
        *,
        wall_clock: WallClock = local_now,
        make_uuid: Callable[[], str] = new_uuid,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.recorder = recorder
        self._clock = wall_clock
        self._make_uuid = make_uuid
        self._running: _Running | None = None
        self._last_uuid: str | None = None
        self._last_before: int | None = None
        self._own_problem: str | None = None
        self._shown_problem: str | None = None
        self._unannounced: dict[str, None] = {}
        """Sessions changed by writes that are not in the file yet, in order."""
        self._letting_go: list[SessionLease] = []
        """Leases of ended sessions, held until their end is in the file."""
        self.running_elsewhere: list[SessionDetail] = []
        """Sessions left in progress that another Supple is running now (see ``interrupted``)."""
        self._recorder_changed.connect(self._changed)
        recorder.on_change = self._recorder_changed.emit

    # --- what the UI reads -------------------------------------------------------------

    @property
    def problem(self) -> str | None:
        """What stops the history from being written, or what its full check found, for a
        banner; None when all is well."""
        return self.recorder.problem or self._own_problem or self.recorder.damage

    @property
    def session_uuid(self) -> str | None:
        """The session being recorded now."""
        return self._running.uuid if self._running else None

    @property
    def last_session_uuid(self) -> str | None:
        """The session recorded last (running or ended): where the check-out goes."""
        return self._last_uuid

    @property
    def last_tightness_before(self) -> int | None:
        """The check-in stored with the last session (for the check-out's "before")."""
        return self._last_before

    # --- slots: the session ------------------------------------------------------------

    def on_session_started(self, start: SessionStart) -> None:
        self._guard(N_("start recording the session"), self._start, start)

    def on_session_event(self, event: Event) -> None:
        if isinstance(event, StepFinished):
            self._guard(N_("save the last step"), self._record, event.result)
        elif isinstance(event, RepCounted):
            self._guard(N_("save the reps counted so far"), self._progress, event)
        elif isinstance(event, SessionFinished):
            self._guard(N_("save the end of the session"), self._finish, event.completed)

    def on_check_out(self, tightness_after: int | None, notes: str | None = None) -> None:
        """The summary's answers for the last session; None notes leave the notes as they are."""
        session_uuid = self._last_uuid
        if session_uuid is None:
            return
        value = _on_scale(tightness_after)
        self._guard(N_("save the check-out"), self._check_out, session_uuid, value, notes)

    def on_rating(self, rating: int | None) -> None:
        """How the last session felt (1 to 5, None: not said), from the summary."""
        session_uuid = self._last_uuid
        if session_uuid is not None:
            self._guard(N_("save the rating"), self._rate, session_uuid, rating)

    def retry(self) -> bool:
        """Try again to write what is waiting in memory; True when nothing is left."""
        saved = self.recorder.flush()
        self._changed()
        return saved

    # --- interrupted sessions ----------------------------------------------------------

    def interrupted(self) -> list[SessionDetail]:
        """Sessions an earlier run left in progress, newest first (empty if unreadable)."""
        store = self.recorder.store
        if store is None:
            return []
        try:
            found = store.find_interrupted()
        except HistoryError as error:
            self._set_own_problem(str(error))
            return []
        path = self.recorder.history_path
        mine = self.session_uuid
        found = [d for d in found if d.session.uuid != mine]
        self.running_elsewhere = [d for d in found if running_elsewhere(path, d.session.uuid)]
        return [d for d in found if d not in self.running_elsewhere]

    def progress_of(self, session_uuid: str) -> tuple[int, int] | None:
        """The set an interrupted session was in and the reps counted in it, if known."""
        store = self.recorder.store
        if store is None:
            return None
        try:
            return store.progress(session_uuid)
        except HistoryError:
            return None  # the set is done again from its start

    def keep_partial(self, session_uuid: str) -> None:
        """Keep an interrupted session as it is, as a partial (stopped) session; not one
        that another Supple has started running since."""
        self._guard(N_("keep the session as partial"), self._keep_partial, session_uuid)

    def close_interrupted(self, detail: SessionDetail) -> None:
        """Close a session whose every step was recorded before it was cut short."""
        last = detail.steps[-1] if detail.steps else None
        completed = last is not None and not last.skipped
        status = SessionStatus.COMPLETED if completed else SessionStatus.STOPPED
        ended = last.finished_at if last is not None else detail.session.started_at
        self._guard(
            N_("close the interrupted session"), self._close, detail.session.uuid, status, ended
        )

    def release(self) -> None:
        """Let go of every session's lease, as the process ending does (the app is closing)."""
        if self._running is not None and self._running.lease is not None:
            self._running.lease.release()
        for lease in self._letting_go:
            lease.release()
        self._letting_go.clear()

    def clear_problem(self) -> None:
        """Forget a problem of its own (the recorder's clear when writing works)."""
        self._set_own_problem(None)

    # --- inner workings ----------------------------------------------------------------

    def _start(self, start: SessionStart) -> None:
        if self._running is not None:  # the controller runs one at a time; if not, end it
            self._finish(False)
        if start.resumed is not None:
            self._continue(start, start.resumed)
            return
        now = self._clock()
        plan = start.plan
        session = SessionRecord(
            uuid=self._make_uuid(),
            routine_id=plan.routine_id,
            routine_name=plan.routine_name,
            routine_snapshot=_snapshot(start.routine),
            started_at=now.astimezone(UTC),
            utc_offset_minutes=_offset_minutes(now),
            planned_seconds=max(0.0, float(plan.total_seconds)),
            planned_work=math.fsum(step.planned_seconds for step in plan.work_steps),
            tightness_before=_on_scale(start.tightness_before),
        )
        running = self._begin(start, session.uuid, session.tightness_before)
        running.unwritten = session
        running.lease = SessionLease.take(self.recorder.history_path, session.uuid)

    def _continue(self, start: SessionStart, resumed: Resumption) -> None:
        store = self.recorder.store
        detail = store.session_detail(resumed.session_uuid) if store is not None else None
        if detail is None:
            raise HistoryError(_("the interrupted session is no longer in the history"))
        lease = SessionLease.take(self.recorder.history_path, resumed.session_uuid)
        if lease is None:  # taken since it was offered
            raise HistoryError(RUNNING_ELSEWHERE)
        self._begin(start, resumed.session_uuid, detail.session.tightness_before).lease = lease
        self.recorder.begin_session(detail.session)  # known to the recorder for retries
        self._announce(resumed.session_uuid)

    def _begin(self, start: SessionStart, session_uuid: str, before: int | None) -> _Running:
        self._running = _Running(start, session_uuid)
        self._last_uuid = session_uuid
        self._last_before = before
        return self._running

    def _record(self, result: StepResult) -> None:
        running = self._running
        if running is None:
            return
        index = running.start.stored_index(result.step)
        if index is None:
            return  # the get-ready put in front of a resumed session
        result = running.start.with_carried_reps(result, index)
        record = step_record(running.uuid, index, result, self._clock())
        if running.unwritten is None:
            self.recorder.record_step(record)
            return
        running.held.append(record)
        if worth_keeping([result]):
            self._write_unwritten(running, running.unwritten)

    def _progress(self, counted: RepCounted) -> None:
        """Each rep of a set as it is counted, so a session cut short keeps them."""
        running = self._running
        index = running.start.stored_index(counted.step) if running is not None else None
        if running is None or index is None or not counted.step.is_work:
            return
        done = counted.number if counted.step.self_paced else counted.number - 1
        if done <= 0:
            return
        if running.unwritten is not None:  # a counted rep makes a session worth keeping
            self._write_unwritten(running, running.unwritten)
        resumed = running.start.resumed
        if resumed is not None and index == resumed.next_index:
            done += resumed.carried_reps
        if not self.recorder.pending:  # best effort: never queued behind waiting records
            self.recorder.set_progress(running.uuid, index, done)

    def _write_unwritten(self, running: _Running, session: SessionRecord) -> None:
        self.recorder.begin_session(session)
        for held in running.held:
            self.recorder.record_step(held)
        running.unwritten, running.held = None, []
        self._announce(running.uuid)

    def _finish(self, completed: bool) -> None:
        running, self._running = self._running, None
        if running is None:
            return
        if running.lease is not None:  # once its end is in the file (see ``_changed``)
            self._letting_go.append(running.lease)
        if running.unwritten is not None:  # too short to keep: nothing was written
            self._last_uuid = self._last_before = None
            self._changed()
            return
        status = SessionStatus.COMPLETED if completed else SessionStatus.STOPPED
        self.recorder.finish_session(running.uuid, status, self._clock())
        self._announce(running.uuid)

    def _check_out(self, session_uuid: str, value: int | None, notes: str | None) -> None:
        self.recorder.set_checkout(session_uuid, value, notes)
        self._announce(session_uuid)

    def _rate(self, session_uuid: str, rating: int | None) -> None:
        self.recorder.set_rating(session_uuid, rating)
        self._announce(session_uuid)

    def _keep_partial(self, session_uuid: str) -> None:
        self._while_leased(session_uuid, lambda: self.recorder.mark_partial(session_uuid))

    def _close(self, session_uuid: str, status: SessionStatus, ended: datetime) -> None:
        self._while_leased(
            session_uuid, lambda: self.recorder.finish_session(session_uuid, status, ended)
        )

    def _while_leased(self, session_uuid: str, write: Callable[[], object]) -> None:
        """``write`` to a session left in progress, unless another Supple runs it now."""
        lease = SessionLease.take(self.recorder.history_path, session_uuid)
        if lease is None:
            _log.info("Session %s is running in another window; left alone", session_uuid)
            return
        self._letting_go.append(lease)  # once the write is in the file (see ``_changed``)
        write()
        self._announce(session_uuid)

    def _announce(self, session_uuid: str) -> None:
        """Say ``history_changed`` for the session once the history holds what changed."""
        self._unannounced[session_uuid] = None
        self._changed()

    def _guard(self, doing: str, action: Callable[..., None], *args: Any) -> None:
        try:
            action(*args)
        except Exception as error:  # the workout goes on whatever the history does
            _log.exception("Could not %s", doing)
            self._set_own_problem(
                _("Supple could not {doing} in the history ({error}).").format(
                    doing=_(doing), error=error
                )
            )
        else:
            self._changed()

    def _set_own_problem(self, text: str | None) -> None:
        self._own_problem = text
        self._changed()

    def _changed(self) -> None:
        if not self.recorder.pending:
            for lease in self._letting_go:
                lease.release()
            self._letting_go.clear()
            announced, self._unannounced = list(self._unannounced), {}
            for session_uuid in announced:
                self.history_changed.emit(session_uuid)
        problem = self.problem
        if problem != self._shown_problem:
            self._shown_problem = problem
            self.problem_changed.emit(problem)


def _on_scale(value: object) -> int | None:
    """A tightness answer from 0 to 10, or None for anything else."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10:
        return value
    return None


def _snapshot(routine: Routine) -> str:
    try:
        return routine_file.dumps(routine)
    except Exception:  # a routine that cannot be written as TOML still gets recorded
        _log.exception("The routine %s could not be written as a snapshot", routine.id)
        return ""


def _offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset()
    if offset is None:
        return 0
    minutes = round(offset.total_seconds() / 60)
    return max(-18 * 60, min(18 * 60, minutes))
