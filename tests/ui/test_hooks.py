"""The places where sound and history plug in: lifecycle signals, slots and the check-in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from supple.core.events import SessionFinished, StepStarted
from supple.ui.check_in import CheckInPage
from supple.ui.main_window import Page

K = Qt.Key


class TightnessQuestion(CheckInPage):
    """A stand-in for the history's check-in: Enter answers 4."""

    def __init__(self):
        super().__init__()
        self.asked_for = []

    def prepare(self, routine):
        self.asked_for.append(routine.id)

    def confirm(self):
        self.answered.emit(4)


def test_lifecycle_signals_come_in_order_with_the_plan_and_every_event(qtbot, window):
    seen = []
    session = window.controller
    session.started.connect(lambda start: seen.append(("started", start.plan.routine_id)))
    session.event_occurred.connect(lambda event: seen.append(("event", type(event).__name__)))
    session.ended.connect(lambda end: seen.append(("ended", end.completed)))
    session.started.connect(lambda start: seen.append(("running", session.running)))
    qtbot.keyClick(window, K.Key_Return)
    qtbot.keyClick(window, K.Key_Escape)
    qtbot.keyClick(window, K.Key_Return)
    assert seen[:3] == [("started", "drill"), ("running", True), ("event", StepStarted.__name__)]
    assert ("event", SessionFinished.__name__) in seen
    assert seen[-1] == ("ended", False)


def test_state_changes_are_passed_on(qtbot, window):
    states = []
    window.controller.state_changed.connect(states.append)
    qtbot.keyClick(window, K.Key_Return)
    qtbot.keyClick(window, K.Key_Space)
    qtbot.keyClick(window, K.Key_Space)
    assert states == ["get_ready", "paused", "get_ready"]


def test_check_in_is_asked_before_the_session_and_its_answer_passed_on(qtbot, window):
    question = TightnessQuestion()
    window.set_check_in(question)
    started = []
    window.controller.started.connect(started.append)
    qtbot.keyClick(window, K.Key_Return)
    assert window.current_page is Page.CHECK_IN
    assert question.asked_for == ["drill"]
    assert started == []
    qtbot.keyClick(window, K.Key_Return)
    assert window.current_page is Page.SESSION
    assert [start.tightness_before for start in started] == [4]


def test_check_in_can_be_skipped_with_esc(qtbot, window):
    window.set_check_in(TightnessQuestion())
    started = []
    window.controller.started.connect(started.append)
    qtbot.keyClick(window, K.Key_Return)
    qtbot.keyClick(window, K.Key_Escape)
    assert [start.tightness_before for start in started] == [None]
    assert window.current_page is Page.SESSION


def test_history_slots_take_a_widget_and_give_it_back(qtbot, window):
    area = window.home.history_area
    assert not area.isVisibleTo(window)
    streak = QLabel("5-day streak")
    area.set_content(streak)
    assert area.content() is streak
    assert area.isVisibleTo(window)
    assert streak.isVisibleTo(window)
    area.set_content(None)
    assert not area.isVisibleTo(window)
    assert window.summary_view.extras_area.content() is None


def test_closing_the_window_mid_session_keeps_what_was_done(qtbot, window):
    ended = []
    window.controller.ended.connect(ended.append)
    qtbot.keyClick(window, K.Key_Return)
    window.close()
    assert len(ended) == 1
    assert not ended[0].completed


def test_notices_join_the_problems_on_home(qtbot, window):
    window.set_problems(["broken.toml: something"])
    window.add_notice("No sound device was found; cues are shown on screen only.")
    window.add_notice("No sound device was found; cues are shown on screen only.")
    assert window.home.problems_shown() == [
        "broken.toml: something",
        "No sound device was found; cues are shown on screen only.",
    ]
    assert window.home.banner_title.text() == "2 things need your attention"
