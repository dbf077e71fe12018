"""The tightness questions before and after a session, answered from the keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from supple.ui.history import CheckOutPanel, TightnessCheckIn, TightnessScale
from supple.ui.main_window import Page

K = Qt.Key


@pytest.fixture
def scale(qtbot):
    widget = TightnessScale()
    qtbot.addWidget(widget)
    widget.resize(900, 100)
    widget.show()
    widget.setFocus()
    return widget


def test_number_keys_pick_and_one_then_zero_is_ten(qtbot, scale):
    seen = []
    scale.value_changed.connect(seen.append)
    assert scale.value is None
    qtbot.keyClick(scale, K.Key_7)
    assert scale.value == 7
    qtbot.keyClick(scale, K.Key_1)
    qtbot.keyClick(scale, K.Key_0)
    assert scale.value == 10
    qtbot.keyClick(scale, K.Key_0)  # a 0 not right after a 1 is 0
    assert scale.value == 0
    assert seen == [7, 1, 10, 0]


def test_arrows_home_end_and_backspace(qtbot, scale):
    qtbot.keyClick(scale, K.Key_Right)  # from nothing, arrows start in the middle
    assert scale.value == 5
    qtbot.keyClick(scale, K.Key_Up)
    qtbot.keyClick(scale, K.Key_Left)
    qtbot.keyClick(scale, K.Key_Left)
    assert scale.value == 4
    qtbot.keyClick(scale, K.Key_End)
    qtbot.keyClick(scale, K.Key_Right)
    assert scale.value == 10
    qtbot.keyClick(scale, K.Key_Home)
    qtbot.keyClick(scale, K.Key_Down)
    assert scale.value == 0
    qtbot.keyClick(scale, K.Key_Backspace)
    assert scale.value is None


def test_a_click_picks_the_number_under_the_pointer(qtbot, scale):
    cells = scale._cells()
    qtbot.mouseClick(scale, Qt.MouseButton.LeftButton, pos=cells[8].center().toPoint())
    assert scale.value == 8


@pytest.fixture
def asked(window):
    page = TightnessCheckIn()
    window.set_check_in(page)
    answers = []
    window.controller.started.connect(lambda start: answers.append(start.tightness_before))
    return window, page, answers


def test_check_in_answer_with_a_number_and_enter(qtbot, asked):
    window, page, answers = asked
    qtbot.keyClick(window, K.Key_Return)
    assert window.current_page is Page.CHECK_IN
    assert page.kicker_label.text() == "BEFORE DRILL"
    assert page.scale.hasFocus()
    qtbot.keyClick(page.scale, K.Key_6)
    assert page.start_button.text_shown().endswith("tightness 6")
    qtbot.keyClick(page.scale, K.Key_Return)
    assert answers == [6]
    assert window.current_page is Page.SESSION


def test_check_in_arrows_move_the_answer_not_the_session(qtbot, asked):
    window, page, _answers = asked
    qtbot.keyClick(window, K.Key_Return)
    qtbot.keyClick(page.scale, K.Key_3)
    qtbot.keyClick(page.scale, K.Key_Right)
    qtbot.keyClick(page.scale, K.Key_Right)
    assert page.scale.value == 5
    assert window.current_page is Page.CHECK_IN


@pytest.mark.parametrize("key", [K.Key_Escape, K.Key_S])
def test_check_in_can_be_skipped(qtbot, asked, key):
    window, page, answers = asked
    qtbot.keyClick(window, K.Key_Return)
    qtbot.keyClick(page.scale, K.Key_8)
    qtbot.keyClick(page.scale, key)
    assert answers == [None]
    assert window.current_page is Page.SESSION


def test_enter_without_a_number_starts_without_an_answer(qtbot, asked):
    window, page, answers = asked
    qtbot.keyClick(window, K.Key_Return)
    qtbot.keyClick(page.scale, K.Key_Return)
    assert answers == [None]


def test_dont_ask_is_reported_for_the_app_to_keep(qtbot, asked):
    window, page, _answers = asked
    changes = []
    page.ask_changed.connect(changes.append)
    qtbot.keyClick(window, K.Key_Return)
    qtbot.keyClick(page.scale, K.Key_D)
    assert changes == [False] and not page.ask_before_sessions
    qtbot.keyClick(page.scale, K.Key_D)
    assert changes == [False, True]
    assert window.current_page is Page.CHECK_IN
    assert not TightnessCheckIn(ask_before_sessions=False).ask_before_sessions


def test_check_in_scales_with_the_window(qtbot, asked):
    window, page, _answers = asked
    qtbot.keyClick(window, K.Key_Return)
    small = page.scale.height()
    window.resize(2560, 1440)
    qtbot.waitUntil(lambda: page.scale.height() >= 2 * small - 12)


@pytest.fixture
def after(qtbot, window):
    """The drill ended early: the summary shows, with the check-out panel in its slot."""
    panel = CheckOutPanel()
    window.summary_view.extras_area.set_content(panel)
    answers = []
    panel.answered.connect(lambda value, notes: answers.append((value, notes)))
    qtbot.keyClick(window, K.Key_Return)
    window.controller.end_now()  # ended early (without the stop dialog, which takes the focus)
    assert window.current_page is Page.SUMMARY
    return window, panel, answers


def test_check_out_answers_each_change_at_once(qtbot, after):
    _window, panel, answers = after
    panel.prepare(tightness_before=6)
    assert "Before the session: 6" in panel.before_label.text()
    qtbot.keyClick(panel.scale, K.Key_4)
    assert answers == [(4, "")]
    qtbot.keyClick(panel.scale, K.Key_Tab)
    assert panel.rating.hasFocus()  # how it felt comes between the scale and the notes
    qtbot.keyClick(panel.rating, K.Key_Tab)
    assert panel.notes_edit.hasFocus()
    qtbot.keyClicks(panel.notes_edit, "Hip hikes easier, more reps next time")
    qtbot.keyClick(panel.notes_edit, K.Key_Tab)
    assert answers[-1] == (4, "Hip hikes easier, more reps next time")
    panel.commit()  # nothing new: nothing sent again
    assert len(answers) == 2


def test_check_out_keys_work_in_the_summary_and_enter_goes_home(qtbot, after):
    window, panel, answers = after
    panel.prepare(tightness_before=None)
    qtbot.keyClick(panel.scale, K.Key_2)
    assert window.current_page is Page.SUMMARY
    assert answers == [(2, "")]
    qtbot.keyClick(panel.scale, K.Key_Return)  # Enter still goes home
    assert window.current_page is Page.HOME


def test_how_it_felt_takes_one_key_after_tab_and_never_the_tightness(qtbot, after):
    window, panel, answers = after
    rated = []
    panel.rated.connect(rated.append)
    panel.prepare(tightness_before=None)
    assert "Tab here, then 1 to 5" in panel.rating_hint.text()
    qtbot.keyClick(panel.scale, K.Key_7)
    qtbot.keyClick(panel.scale, K.Key_Tab)
    assert panel.rating.hasFocus()
    qtbot.keyClick(panel.rating, K.Key_4)
    assert rated == [4] and panel.scale.value == 7
    qtbot.keyClick(panel.rating, K.Key_9)  # not a rating: nothing changes
    qtbot.keyClick(panel.rating, K.Key_Right)  # arrows move it, not the session
    assert rated == [4, 5] and window.current_page is Page.SUMMARY
    qtbot.keyClick(panel.rating, K.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert panel.scale.hasFocus()
    qtbot.keyClick(panel.scale, K.Key_1)
    qtbot.keyClick(panel.scale, K.Key_0)
    assert panel.scale.value == 10 and panel.rating.value == 5
    assert [value for value, _ in answers] == [7, 1, 10]
    panel.prepare()  # the next session starts unrated
    assert panel.rating.value is None
