"""Resuming a session cut short: asked in the window, one numbering, one summary.

The interrupted session is recorded the way the app records one (the recording fed
by a real engine on a fake clock), then dropped as a crash would drop it; the app
opened afterwards offers it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from supple.app.main import Supple
from supple.app.session_recording import SessionRecording
from supple.core.catalog import builtin_routines
from supple.core.engine import SessionEngine
from supple.core.events import RepCounted, StepFinished
from supple.qt.session_controller import Command, plan_session
from supple.storage.history import open_history
from supple.storage.recorder import open_recorder
from supple.ui.page_stack import Page
from tests.app.test_main import RecordingScreenSaver

K = Qt.Key
pytestmark = pytest.mark.qt_log_ignore(r"PulseAudioService: pa_context_connect\(\) failed")


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def quick_reset():
    return next(r for r in builtin_routines() if r.id == "quick-reset")


def interrupt(stop_when, tightness: int = 6) -> str:
    """Record Quick Reset as the app does until ``stop_when(event, engine)``, then stop
    as a crash would: nothing more is written, the session is nobody's."""
    recorder, _ = open_recorder()
    recording = SessionRecording(recorder)
    start = plan_session(quick_reset(), tightness_before=tightness)
    recording.on_session_started(start)
    engine = SessionEngine(start.plan)
    now = 0.0
    events = engine.start(now)
    stopped = False
    while not stopped:
        for event in events:
            recording.on_session_event(event)
            if stop_when(event, engine):
                stopped = True
                break
        now = engine.next_deadline()
        events = engine.advance(now)
    uuid = recording.session_uuid
    recorder.close()
    recording.release()  # as the process ending does
    return uuid


def interrupt_after(steps: int) -> str:
    finished = []

    def stop_when(event, _engine):
        finished.append(isinstance(event, StepFinished))
        return sum(finished) == steps

    return interrupt(stop_when)


def test_the_resumed_session_keeps_its_numbering_summary_and_check_in(
    qtbot, isolated_data_dir, request
):
    whole = plan_session(quick_reset()).plan
    uuid = interrupt_after(steps=7)
    fourth_set = next(s for s in whole.steps[7:] if s.is_work)
    number, sets = whole.set_number(fourth_set)

    app = Supple("quick-reset", screen_awake_backend=RecordingScreenSaver())
    request.addfinalizer(app.shut_down)  # as run_app does once the window closes
    qtbot.addWidget(app.window)
    app.show()
    window = app.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: app.history_opened)
    app.offer_resume()

    # Asked inside the window, in the session screen's own numbering.
    assert window.asking and window.current_page is Page.HOME
    assert f"stopped at set {number} of {sets}" in window.question.text.text()
    qtbot.keyClick(window, K.Key_Return)  # resume; the check-in is not asked again
    assert window.current_page is Page.SESSION
    assert app.controller.current.tightness_before == 6
    assert window.session_view.display.step_text == f"Step {number} of {sets}"

    app.controller.end_now()
    assert window.current_page is Page.SUMMARY
    summary = window.summary_view.figures
    with open_history() as store:
        detail = store.session_detail(uuid)
        [listed] = store.list_sessions().items
    assert listed.uuid == uuid  # one session, not two halves
    assert summary.active_seconds == pytest.approx(sum(s.done_seconds for s in detail.steps))
    assert summary.sets_planned == sets
    assert summary.planned_seconds == pytest.approx(listed.planned_seconds)


def test_reps_counted_in_the_interrupted_set_are_kept(qtbot, isolated_data_dir, request):
    """Cut short at rep 6 of 20 pelvic tilts: the resumed set is the other 14, and the
    history and the summary count all 20."""
    whole = plan_session(quick_reset()).plan
    tilts = next(s for s in whole.steps if s.exercise.id == "pelvic-tilt" and s.is_work)

    def at_rep_seven(event, engine):
        return (
            isinstance(event, RepCounted) and event.step.index == tilts.index and event.number == 7
        )

    uuid = interrupt(at_rep_seven)  # rep 7 begun: 6 done
    clock = FakeClock()
    app = Supple("quick-reset", screen_awake_backend=RecordingScreenSaver(), clock=clock)
    request.addfinalizer(app.shut_down)
    qtbot.addWidget(app.window)
    app.show()
    qtbot.waitUntil(lambda: app.history_opened)
    app.offer_resume()
    qtbot.keyClick(app.window, K.Key_Return)  # resume
    session = app.controller
    assert session.current.resumed.carried_reps == 6
    while not (session.engine.step.is_work and session.engine.step.exercise.id == "pelvic-tilt"):
        session.command(Command.NEXT)  # past the get-ready in front
    assert session.engine.step.target_reps == 14  # the rest of the set
    while session.engine.step.exercise.id == "pelvic-tilt":  # the set runs to its end
        clock.now = session.engine.next_deadline()
        session.driver.on_timeout()
    session.end_now()
    summary = app.window.summary_view.figures
    [line] = [line for line in summary.lines if line.name == "Pelvic tilts"]
    assert (line.reps_done, line.reps_planned, line.sets_done) == (20, 20, 1)
    qtbot.waitUntil(lambda: app.recorder.pending == 0)
    with open_history() as store:
        step = next(s for s in store.session_detail(uuid).steps if s.index == tilts.index)
    assert (step.done_reps, step.planned_reps) == (20, 20)
