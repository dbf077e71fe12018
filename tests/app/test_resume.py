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
from supple.core.events import StepFinished
from supple.qt.session_controller import plan_session
from supple.storage.history import open_history
from supple.storage.recorder import open_recorder
from supple.ui.page_stack import Page
from tests.app.test_main import RecordingScreenSaver

K = Qt.Key
pytestmark = pytest.mark.qt_log_ignore(r"PulseAudioService: pa_context_connect\(\) failed")


def quick_reset():
    return next(r for r in builtin_routines() if r.id == "quick-reset")


def interrupt_after(steps: int, tightness: int = 6) -> str:
    """Record ``steps`` finished steps of Quick Reset, then stop as a crash would."""
    recorder, _ = open_recorder()
    recording = SessionRecording(recorder)
    start = plan_session(quick_reset(), tightness_before=tightness)
    recording.on_session_started(start)
    engine = SessionEngine(start.plan)
    now, done = 0.0, 0
    events = engine.start(now)
    while done < steps:
        for event in events:
            recording.on_session_event(event)
            done += isinstance(event, StepFinished)
            if done == steps:
                break
        now = engine.next_deadline()
        events = engine.advance(now)
    uuid = recording.session_uuid
    recorder.close()
    recording.release()  # as the process ending does: the session is nobody's
    return uuid


def test_the_resumed_session_keeps_its_numbering_summary_and_check_in(qtbot, isolated_data_dir):
    whole = plan_session(quick_reset()).plan
    uuid = interrupt_after(steps=7)
    fourth_set = next(s for s in whole.steps[7:] if s.is_work)
    number, sets = whole.set_number(fourth_set)

    app = Supple("quick-reset", screen_awake_backend=RecordingScreenSaver())
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
