"""From a running session to the history: what the engine reports, written as it happens.

The window reports a session as signals (started, every engine event, ended);
the history wants records (a session row, one row per finished step, the end,
the check-out). This module translates one into the other, so neither side
knows the other's types. Writing goes through ``HistoryRecorder``: a full disk
or a damaged file never stops a workout, and nothing here raises into the UI.
What went wrong is kept in ``problem`` for a banner to show.

A session killed half-way (power cut, crash) stays "in progress" in the file.
On the next start :meth:`SessionHistoryBridge.interrupted` offers it; resuming
runs the rest of its plan and keeps writing into the same session, so the
history ends up with one session, not two halves.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from supple import paths
from supple.core import routine_file
from supple.core.catalog import builtin_exercises
from supple.core.events import Event, SessionFinished, StepFinished, StepResult
from supple.core.model import Exercise, Routine
from supple.core.plan import Plan, Step, StepKind, compile_plan
from supple.core.problems import RoutineFileError
from supple.storage.database import local_now
from supple.storage.errors import HistoryError
from supple.storage.history import HistoryStore, open_history
from supple.storage.recorder import HistoryRecorder, find_unsaved, restore_unsaved
from supple.storage.records import (
    SessionDetail,
    SessionRecord,
    SessionStatus,
    Side,
    StepRecord,
    new_uuid,
)
from supple.storage.records import StepKind as StoredKind

__all__ = [
    "Listeners",
    "ResumePlan",
    "SessionHistoryBridge",
    "open_recorder",
    "restore_earlier_records",
    "resume_plan",
    "routine_from_snapshot",
    "step_record",
    "unsaved_folders",
]

_log = logging.getLogger(__name__)

RESUME_WITHIN = timedelta(hours=12)
"""An interrupted session older than this is kept as partial without asking: a warm-up
from yesterday (or one imported from another computer) is not something to carry on."""

WallClock = Callable[[], datetime]
RoutineLookup = Callable[[str], "Routine | None"]


class Listeners:
    """A list of callbacks, called in order; one failing listener never stops the others.

    Qt signals without Qt: ``listeners.connect(widget.slot)``. The bridge stays
    plain Python, so it is tested and used without an event loop.
    """

    def __init__(self) -> None:
        self._callbacks: list[Callable[..., object]] = []

    def connect(self, callback: Callable[..., object]) -> None:
        self._callbacks.append(callback)

    def disconnect(self, callback: Callable[..., object]) -> None:
        self._callbacks.remove(callback)

    def emit(self, *args: Any) -> None:
        for callback in list(self._callbacks):
            try:
                callback(*args)
            except Exception:  # a listener's bug must not stop the recording
                _log.exception("A history listener failed")


def unsaved_folders() -> list[Path]:
    """Where records that could not be written are kept when Supple quits, in order of choice.

    The cache folder first; the temporary folder when that cannot be written either
    (a read-only data folder holds the cache too when ``--data-dir`` is used).
    """
    user = os.getuid() if hasattr(os, "getuid") else None
    temporary = Path(tempfile.gettempdir()) / (
        "supple-unsaved" if user is None else f"supple-unsaved-{user}"
    )
    return [paths.cache_dir() / "unsaved", temporary]


def open_recorder(
    path: Path | None = None, *, unsaved_in: Sequence[Path] | None = None
) -> tuple[HistoryRecorder, list[str]]:
    """The app's recorder, and what to tell the user about opening the history.

    Never raises: when no history can be opened at all, the recorder starts without
    a store, keeps the session in memory and retries opening on every write.
    The messages are the store's notices (a damaged file moved aside, an upgrade
    with its backup, a read-only file) or why the history could not be opened.

    Records an earlier run could not write (kept in ``unsaved_in``, by default
    :func:`unsaved_folders`) are added to the history here when it can be written.
    """

    def opener() -> HistoryStore:
        return open_history(path or paths.history_db())

    def quick_opener() -> HistoryStore:
        return open_history(path or paths.history_db(), check=False)

    try:
        store = opener()
    except HistoryError as error:
        return HistoryRecorder(None, opener=opener, quick_opener=quick_opener), [str(error)]
    messages = [n.message for n in store.notices if n.kind.value != "created"]
    folders = unsaved_folders() if unsaved_in is None else unsaved_in
    messages += restore_earlier_records(store, folders)
    return HistoryRecorder(store, opener=opener, quick_opener=quick_opener), messages


def restore_earlier_records(store: HistoryStore, folders: Sequence[Path]) -> list[str]:
    """Add what an earlier run kept in rescue files; sentences saying what happened."""
    files = find_unsaved(folders, store.path)
    if not files:
        return []
    shown = ", ".join(str(f) for f in files)
    if store.read_only:
        return [
            f"Records Supple could not save when it last quit are kept in {shown}. "
            "They are added to the history once it can be written."
        ]
    report = restore_unsaved(store, files)
    messages = list(report.problems)
    if report.added:
        count = report.sessions
        what = f"{count} session{'' if count == 1 else 's'}" if count else "self-tests only"
        messages.insert(
            0,
            f"What Supple could not save when it last quit ({what}) is now in the history, "
            f"added from {', '.join(str(f) for f in report.added)}.",
        )
    return messages


def routine_from_snapshot(
    snapshot: str, exercises: Mapping[str, Exercise] | None = None
) -> Routine | None:
    """The routine a session ran, read back from its stored snapshot; None if unreadable."""
    if not snapshot.strip():
        return None
    try:
        return routine_file.loads(snapshot, "the stored routine", exercises or builtin_exercises())
    except RoutineFileError:
        _log.warning("A stored routine snapshot could not be read", exc_info=True)
        return None


# --- translating steps ---------------------------------------------------------------------


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


@dataclass(frozen=True)
class ResumePlan:
    """The rest of an interrupted session's plan, ready for a driver.

    ``plan`` starts at 0 like any plan; step ``i`` of it is step
    ``i + index_offset`` of the stored session. A get-ready added in front
    (``lead`` = 1) is not part of the stored session and is not recorded.
    """

    plan: Plan
    index_offset: int
    lead: int

    def stored_index(self, step: Step) -> int | None:
        if step.index < self.lead:
            return None
        return step.index + self.index_offset


def resume_plan(plan: Plan, from_index: int, get_ready_seconds: float | None = None) -> ResumePlan:
    """``plan`` from step ``from_index`` on, numbered from 0, with a get-ready in front.

    The get-ready is added when the first remaining step is work (after a rest or a
    side switch there is time to get in position already); its length is the
    plan's own get-ready, or ``get_ready_seconds``.
    """
    if not 0 <= from_index < len(plan.steps):
        raise ValueError(f"a plan of {len(plan.steps)} steps cannot resume at step {from_index}")
    if from_index == 0:
        return ResumePlan(plan, 0, 0)
    rest = list(plan.steps[from_index:])
    if get_ready_seconds is None:
        first = plan.steps[0]
        get_ready_seconds = first.target_seconds if first.kind is StepKind.GET_READY else 0.0
    lead = 0
    if rest[0].is_work and get_ready_seconds and get_ready_seconds > 0:
        ready = replace(
            rest[0],
            kind=StepKind.GET_READY,
            target_reps=None,
            target_seconds=float(get_ready_seconds),
            self_paced=False,
        )
        rest.insert(0, ready)
        lead = 1
    steps = tuple(replace(step, index=i) for i, step in enumerate(rest))
    return ResumePlan(replace(plan, steps=steps), from_index - lead, lead)


@dataclass
class _Running:
    uuid: str
    plan_steps: int
    resume: ResumePlan | None = None
    last_finished: datetime | None = None


@dataclass(frozen=True)
class _ArmedResume:
    detail: SessionDetail
    routine: Routine
    resume: ResumePlan
    full_steps: int


class SessionHistoryBridge:
    """Records what the window reports about each session; never raises into the UI.

    Connect (see ``MainWindow``'s signals):

    - ``checked_in(answer)`` -> :meth:`on_checked_in`
    - ``session_started(plan)`` -> :meth:`on_session_started`
    - ``session_event(event)`` -> :meth:`on_event`
    - the check-out's answer -> :meth:`on_check_out`

    ``routine_for`` finds the routine of a plan by id (``library.find``), for the
    snapshot stored with each session. ``wall_clock`` gives the local, aware time.
    """

    def __init__(
        self,
        recorder: HistoryRecorder,
        *,
        routine_for: RoutineLookup | None = None,
        exercises: Mapping[str, Exercise] | None = None,
        wall_clock: WallClock = local_now,
        make_uuid: Callable[[], str] = new_uuid,
    ) -> None:
        self.recorder = recorder
        self._routine_for = routine_for
        self._exercises = exercises
        self._clock = wall_clock
        self._make_uuid = make_uuid
        self._running: _Running | None = None
        self._armed: _ArmedResume | None = None
        self._tightness_before: int | None = None
        self._last_uuid: str | None = None
        self._last_before: int | None = None
        self._own_problem: str | None = None
        self._shown_problem: str | None = None

        self.problem_changed = Listeners()
        """``(problem: str | None)`` whenever :attr:`problem` changes."""
        self.step_recorded = Listeners()
        """``(record: StepRecord, saved: bool)`` after each step; ``saved`` means on disk."""
        self.history_changed = Listeners()
        """``(session_uuid: str)`` after a session began, ended, was resumed or checked out."""

    # --- what the UI reads -------------------------------------------------------------

    @property
    def problem(self) -> str | None:
        """What stops the history from being written, for a banner; None when all is well."""
        return self.recorder.problem or self._own_problem

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
        """The check-in answer stored with the last session (for the check-out's "before")."""
        return self._last_before

    @property
    def resume_armed(self) -> bool:
        return self._armed is not None

    # --- before the session ------------------------------------------------------------

    def on_checked_in(self, answer: object) -> None:
        """The check-in's answer (0-10, or None when skipped) for the next session."""
        value = answer if isinstance(answer, int) and not isinstance(answer, bool) else None
        self._tightness_before = value if value is not None and 0 <= value <= 10 else None
        running = self._running
        if running is not None and self._tightness_before is not None:
            self._last_before = self._tightness_before
            self._guard("save the check-in", self._save_checkin, running.uuid)

    def _save_checkin(self, session_uuid: str) -> None:
        self.recorder.set_checkin(session_uuid, self._tightness_before)

    # --- the session -------------------------------------------------------------------

    def on_session_started(self, plan: Plan, routine: Routine | None = None) -> None:
        self._guard("start recording the session", self._start, plan, routine)

    def on_event(self, event: Event) -> None:
        if isinstance(event, StepFinished):
            self._guard("save the last step", self._record, event.result)
        elif isinstance(event, SessionFinished):
            self.on_session_ended(event)

    def on_session_ended(self, finished: SessionFinished) -> None:
        """The end of the session (also safe to call twice: the second call does nothing)."""
        self._guard("save the end of the session", self._finish, finished.completed)

    def on_check_out(self, tightness_after: int | None, notes: str | None = None) -> None:
        """The summary's answers for the last session; None notes leave the notes as they are."""
        session_uuid = self._last_uuid
        if session_uuid is None:
            return
        value = tightness_after if isinstance(tightness_after, int) else None
        if isinstance(value, bool) or (value is not None and not 0 <= value <= 10):
            value = None
        self._guard("save the check-out", self._check_out, session_uuid, value, notes)

    def _check_out(self, session_uuid: str, value: int | None, notes: str | None) -> None:
        self.recorder.set_checkout(session_uuid, value, notes)
        self.history_changed.emit(session_uuid)

    def retry(self) -> bool:
        """Try again to write what is waiting in memory; True when nothing is left."""
        saved = self.recorder.flush()
        self._changed()
        return saved

    # --- resuming ----------------------------------------------------------------------

    def interrupted(self) -> list[SessionDetail]:
        """Sessions an earlier run left in progress, newest first (empty if unreadable)."""
        store = self.recorder.store
        if store is None:
            return []
        try:
            return store.find_interrupted()
        except HistoryError as error:
            self._set_own_problem(str(error))
            return []

    def resume(self, detail: SessionDetail, routine: Routine | None = None) -> Routine | None:
        """Get ready to carry on ``detail`` where it stopped; the routine to start, or None.

        ``routine`` defaults to the one stored with the session, so edits made to the
        routine since then do not shift the steps. The next session the window starts
        with that routine continues the same session (the app asks
        :meth:`driver_plan` for what to run). None means there is nothing to run:
        every step was recorded (the session is closed now), or the stored routine
        cannot be read (the session is kept as partial).
        """
        routine = routine or routine_from_snapshot(detail.session.routine_snapshot, self._exercises)
        if routine is None:
            self._set_own_problem(
                "The routine of the interrupted session could not be read, so it cannot be "
                "resumed; what was done is kept as a partial session."
            )
            self.keep_partial(detail)
            return None
        plan = compile_plan(routine, self._exercises)
        start = detail.next_step_index
        if start >= len(plan.steps):
            last = detail.steps[-1] if detail.steps else None
            status = (
                SessionStatus.COMPLETED
                if last is not None and not last.skipped
                else SessionStatus.STOPPED
            )
            ended = last.finished_at if last is not None else detail.session.started_at
            self._guard(
                "close the interrupted session", self._close, detail.session.uuid, status, ended
            )
            return None
        self._armed = _ArmedResume(detail, routine, resume_plan(plan, start), len(plan.steps))
        return routine

    def _close(self, session_uuid: str, status: SessionStatus, ended: datetime) -> None:
        self.recorder.finish_session(session_uuid, status, ended)
        self.history_changed.emit(session_uuid)

    def driver_plan(self, plan: Plan) -> Plan:
        """What the driver should run for ``plan``: the rest of it when a resume is armed."""
        armed = self._armed
        if armed is not None and _same_plan(plan, armed):
            return armed.resume.plan
        return plan

    def cancel_resume(self) -> None:
        """Forget an armed resume; the session stays interrupted and is offered again later."""
        self._armed = None

    def keep_partial(self, detail: SessionDetail | str) -> None:
        """Keep an interrupted session as it is, as a partial (stopped) session."""
        session_uuid = detail if isinstance(detail, str) else detail.session.uuid
        if self._armed is not None and self._armed.detail.session.uuid == session_uuid:
            self._armed = None
        self._guard("keep the session as partial", self._keep_partial, session_uuid)

    def _keep_partial(self, session_uuid: str) -> None:
        self.recorder.mark_partial(session_uuid)
        self.history_changed.emit(session_uuid)

    # --- inner workings ----------------------------------------------------------------

    def _start(self, plan: Plan, routine: Routine | None) -> None:
        if self._running is not None:
            # The window never starts two at once; if it did, the first one ends here.
            self._finish(False)
        armed, self._armed = self._armed, None
        if armed is not None and _same_plan(plan, armed):
            session = armed.detail.session
            self._running = _Running(session.uuid, len(plan.steps), armed.resume)
            self._last_uuid = session.uuid
            saved = self.recorder.begin_session(session)  # known to the recorder for retries
            self._last_before = session.tightness_before
            if saved and self._tightness_before is not None and session.tightness_before is None:
                self.recorder.set_checkin(session.uuid, self._tightness_before)
                self._last_before = self._tightness_before
            self._tightness_before = None
            self._changed()
            self.history_changed.emit(session.uuid)
            return
        routine = routine or (self._routine_for(plan.routine_id) if self._routine_for else None)
        now = self._clock()
        session = SessionRecord(
            uuid=self._make_uuid(),
            routine_id=plan.routine_id,
            routine_name=plan.routine_name,
            routine_snapshot=_snapshot(routine),
            started_at=now.astimezone(UTC),
            utc_offset_minutes=_offset_minutes(now),
            planned_seconds=max(0.0, float(plan.total_seconds)),
            tightness_before=self._tightness_before,
        )
        self._tightness_before = None
        self._last_before = session.tightness_before
        self._running = _Running(session.uuid, len(plan.steps))
        self._last_uuid = session.uuid
        self.recorder.begin_session(session)
        self._changed()
        self.history_changed.emit(session.uuid)

    def _record(self, result: StepResult) -> None:
        running = self._running
        if running is None:
            return
        if running.resume is not None:
            index = running.resume.stored_index(result.step)
            if index is None:
                return  # the get-ready added in front of a resumed session
        else:
            index = result.step.index
        now = self._clock()
        record = step_record(running.uuid, index, result, now)
        running.last_finished = now
        saved = self.recorder.record_step(record)
        self._changed()
        self.step_recorded.emit(record, saved)

    def _finish(self, completed: bool) -> None:
        running, self._running = self._running, None
        if running is None:
            return
        status = SessionStatus.COMPLETED if completed else SessionStatus.STOPPED
        self.recorder.finish_session(running.uuid, status, self._clock())
        self._changed()
        self.history_changed.emit(running.uuid)

    def _guard(self, doing: str, action: Callable[..., None], *args: Any) -> None:
        try:
            action(*args)
        except Exception as error:  # the workout goes on whatever the history does
            _log.exception("Could not %s", doing)
            self._set_own_problem(f"Supple could not {doing} in the history ({error}).")
        else:
            self._changed()

    def _set_own_problem(self, text: str | None) -> None:
        self._own_problem = text
        self._changed()

    def _changed(self) -> None:
        problem = self.problem
        if problem != self._shown_problem:
            self._shown_problem = problem
            self.problem_changed.emit(problem)

    def clear_problem(self) -> None:
        """Forget a problem of the bridge itself (the recorder's clear when writing works)."""
        self._set_own_problem(None)


def _same_plan(plan: Plan, armed: _ArmedResume) -> bool:
    """Whether the window is starting the routine whose resume is armed."""
    if plan is armed.resume.plan:
        return True
    return plan.routine_id == armed.routine.id and len(plan.steps) == armed.full_steps


def _snapshot(routine: Routine | None) -> str:
    if routine is None:
        return ""
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


@dataclass(frozen=True)
class QuitSave:
    """What became of the records waiting in memory when Supple quit."""

    waiting: int
    """Records the history could not take, even at the last try."""
    reason: str = ""
    """Why the history could not take them."""
    rescue: Path | None = None
    """The file they were saved to instead, which Supple adds at its next start."""
    rescue_problem: str = ""
    """Why no rescue file could be written, when none was."""

    def headline(self) -> str:
        """The short version, or "" when everything is in the history."""
        if not self.waiting:
            return ""
        count = f"{self.waiting} record{'' if self.waiting == 1 else 's'}"
        if self.rescue is not None:
            return f"{count} could not be written to the history, so they were saved to a file."
        return f"{count} could not be written to the history, nor saved anywhere else."

    def details(self) -> str:
        """Why, where they are, and what to do."""
        if not self.waiting:
            return ""
        if self.rescue is not None:
            return (
                f"{self.reason} They are in {self.rescue}. Supple adds them to the history by "
                "itself the next time it starts and can write there. To add them to another "
                f"history, use: supple history import {self.rescue}"
            )
        return (
            f"{self.reason} No rescue file could be written ({self.rescue_problem}). If Supple "
            "quits now, they are lost; keep it open and free some space or make a folder "
            "writable, and they are written by themselves."
        )

    def message(self) -> str:
        """All of it in one paragraph (for the terminal), or "" when nothing was lost."""
        return f"{self.headline()} {self.details()}" if self.waiting else ""


def kept_as_partial(kept: list[SessionDetail], *, offered: bool) -> str:
    """The notice for unfinished sessions that were kept as partial without asking."""
    shown = [
        f"{d.session.routine_name} ({d.session.local_started_at:%d %b %Y, %H:%M})" for d in kept
    ]
    if len(shown) > 3:
        shown = [*shown[:3], f"and {len(shown) - 3} more"]
    which = "session was" if len(kept) == 1 else "sessions were"
    why = (
        "only the latest one is offered to resume"
        if offered
        else f"only a session from the last {int(RESUME_WITHIN.total_seconds() // 3600)} hours "
        "is offered to resume"
    )
    return (
        f"{len(kept)} unfinished {which} kept as partial: {', '.join(shown)}; {why}. "
        "What was done is in the history."
    )
