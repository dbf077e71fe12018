"""The history screen on a real history file, driven from the keyboard."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QTreeView,
    QWidget,
)

from supple import paths
from supple.storage.history import open_history
from supple.storage.recorder import HistoryRecorder
from supple.storage.records import SelfTestRecord, SessionStatus, Side, new_uuid
from supple.storage.transfer import export_json
from supple.ui.history import HomeHistorySummary
from supple.ui.history.dialogs import ConfirmDialog, SelfTestDialog
from supple.ui.theme import DARK, LIGHT
from supple.ui.theme_registry import themes
from tests.storage.broken_history import damaged, held
from tests.ui.contrast import contrast
from tests.ui.history.conftest import TODAY, at

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def dialog_of(screen, kind):
    dialogs = [d for d in screen.findChildren(kind) if d.isVisible()]
    assert len(dialogs) == 1, dialogs
    return dialogs[0]


# --- empty --------------------------------------------------------------------------------


def test_an_empty_history_greets_instead_of_showing_empty_charts(store, make_review):
    screen = make_review(store)
    assert screen.pages.currentWidget() is screen.empty_state
    assert not screen.tabs.isVisible()
    assert "first session" in screen.empty_state.title.text()
    assert (
        screen.empty_state.import_button.isVisible() and screen.empty_state.log_button.isVisible()
    )
    assert not screen.export_button.isVisible()


def test_a_chart_with_nothing_to_show_says_so(store, records, make_review):
    records.run(store, at(TODAY - timedelta(weeks=30)))  # long ago, no check-ins
    screen = make_review(store)
    assert screen.pages.currentWidget() is screen.tabs
    assert not screen.overview_tab.weekly_chart.showing_chart
    assert "No sessions in the last 12 weeks" in screen.overview_tab.weekly_chart.empty_text()
    assert not screen.overview_tab.tightness_chart.showing_chart
    assert screen.overview_tab.trend_headline.text() == "No check-ins yet"
    assert screen.overview_tab.streak_label.text() == "No streak right now"
    assert screen.overview_tab.week_label.text() == "0 of 3 sessions this week"


# --- overview -----------------------------------------------------------------------------


def test_the_overview_answers_am_i_consistent(store, loosening, make_review):
    screen = make_review(store, weekly_goal=3)
    assert screen.overview_tab.streak_label.text() == "3-day streak"
    assert screen.overview_tab.week_label.text() == "3 of 3 sessions this week"
    assert screen.overview_tab.week_detail.text() == "Weekly goal met. Well done."
    active = store.active_dates()
    start = screen.overview().calendar_start
    for offset in range(8 * 7):
        day = start + timedelta(days=offset)
        assert screen.overview_tab.calendar.is_done(day) == (day in active), day
    assert screen.overview_tab.weekly_chart.showing_chart
    assert screen.overview_tab.weekly_chart.legend.texts() == [
        "Sessions",
        "Minutes",
        "Goal 3 a week",
    ]
    assert screen.subtitle_label.text() == f"{len(loosening)} sessions"


def test_the_overview_answers_are_my_hamstrings_getting_looser(store, loosening, make_review):
    screen = make_review(store)
    assert screen.overview_tab.trend_headline.text() == "Getting looser"
    words = screen.overview_tab.trend_lines.text()
    assert words.startswith("Tightness before sessions: 7.")
    assert "→ 4." in words and "over 7 weeks (\N{MINUS SIGN}0.4 per week)" in words
    assert "2.0 points looser on average" in words
    assert screen.overview_tab.tightness_chart.showing_chart
    assert "Trend before" in screen.overview_tab.tightness_chart.legend.texts()


def test_a_goal_of_zero_shows_the_week_without_a_target(store, loosening, make_review):
    screen = make_review(store, weekly_goal=0)
    assert screen.overview_tab.week_label.text() == "3 sessions this week"
    assert screen.overview_tab.week_detail.text() == "No weekly goal set."
    screen.set_weekly_goal(5)
    assert screen.overview_tab.week_label.text() == "3 of 5 sessions this week"
    assert "2 more to go" in screen.overview_tab.week_detail.text()


# --- sessions -----------------------------------------------------------------------------


def test_choosing_a_session_shows_its_steps_and_notes(qtbot, store, loosening, make_review):
    screen = make_review(store)
    qtbot.keyClick(screen, K.Key_2)
    assert screen.current_tab() == 1
    newest = loosening[-1]
    assert screen.sessions_tab.selected_session_uuid() == newest.uuid
    assert screen.sessions_tab.detail.steps_model.rowCount() == 6
    qtbot.keyClick(screen.sessions_tab.view, K.Key_Down)
    assert screen.sessions_tab.selected_session_uuid() == loosening[-2].uuid
    assert screen.sessions_tab.detail.title_label.text() == "Yesterday, 08:00"
    assert "tightness 4 → 2" in screen.sessions_tab.detail.facts_label.text()


def test_notes_are_saved_on_leaving_the_field_and_on_ctrl_s(qtbot, store, loosening, make_review):
    screen = make_review(store)
    changed = []
    screen.history_changed.connect(lambda: changed.append(True))
    screen.show_tab(1)
    qtbot.keyClick(screen.sessions_tab.view, K.Key_Return)  # Enter goes to the notes
    notes = screen.sessions_tab.detail.notes_edit
    assert notes.hasFocus()
    qtbot.keyClicks(notes, "Left side easier")
    qtbot.keyClick(notes, K.Key_S, CTRL)
    assert store.session_detail(loosening[-1].uuid).session.notes == "Left side easier"
    assert screen.sessions_tab.detail.notes_state.text() == "Saved"

    qtbot.keyClicks(notes, ", curls hard")
    screen.sessions_tab.view.setFocus()  # leaving the field saves
    assert store.session_detail(loosening[-1].uuid).session.notes == (
        "Left side easier, curls hard"
    )
    assert len(changed) == 2


def test_typing_notes_never_triggers_the_screen_keys(qtbot, store, loosening, make_review):
    screen = make_review(store)
    screen.show_tab(1)
    screen.sessions_tab.detail.notes_edit.setFocus()
    qtbot.keyClicks(screen.sessions_tab.detail.notes_edit, "Lie 1 leg, easier 3")
    qtbot.keyClick(screen.sessions_tab.detail.notes_edit, K.Key_Delete)
    assert screen.current_tab() == 1
    assert not [d for d in screen.findChildren(SelfTestDialog) if d.isVisible()]
    assert not [d for d in screen.findChildren(ConfirmDialog) if d.isVisible()]
    assert not screen.overview_tab.goal_box.view().isVisible()  # the g of "leg" is typed, not G
    assert screen.sessions_tab.detail.notes_edit.toPlainText() == "Lie 1 leg, easier 3"


def test_delete_asks_first_and_esc_keeps_the_session(qtbot, store, loosening, make_review):
    screen = make_review(store)
    screen.show_tab(1)
    qtbot.keyClick(screen.sessions_tab.view, K.Key_Delete)
    dialog = dialog_of(screen, ConfirmDialog)
    assert "Yesterday" not in dialog.text_label.text()
    assert "Today, 08:00" in dialog.text_label.text()
    qtbot.keyClick(dialog, K.Key_Escape)
    assert store.session_count() == len(loosening)


def test_delete_with_enter_removes_the_session_and_selects_the_next(
    qtbot, store, loosening, make_review
):
    screen = make_review(store)
    changed = []
    screen.history_changed.connect(lambda: changed.append(True))
    screen.show_tab(1)
    qtbot.keyClick(screen.sessions_tab.view, K.Key_Down)
    doomed = screen.sessions_tab.selected_session_uuid()
    qtbot.keyClick(screen.sessions_tab.view, K.Key_Delete)
    qtbot.keyClick(dialog_of(screen, ConfirmDialog), K.Key_Return)
    assert store.session_detail(doomed) is None
    assert store.session_count() == len(loosening) - 1
    assert screen.sessions_tab.model.row_of(doomed) is None
    assert screen.sessions_tab.selected_session_uuid() == loosening[-3].uuid
    assert screen.message_text() == "The session was deleted."
    assert changed == [True]


def test_the_list_loads_more_sessions_as_it_is_scrolled(qtbot, store, records, make_review):
    for day in range(130):
        records.run(store, at(TODAY - timedelta(days=day)), steps=1)
    screen = make_review(store)
    screen.show_tab(1)
    assert screen.sessions_tab.model.rowCount() == 50
    for _ in range(3):
        screen.sessions_tab.view.scrollToBottom()
        QApplication.processEvents()
    qtbot.waitUntil(lambda: screen.sessions_tab.model.rowCount() == 130)
    assert not screen.sessions_tab.model.canFetchMore(screen.sessions_tab.model.index(-1, -1))


# --- self-tests ---------------------------------------------------------------------------


def test_self_tests_show_each_side_and_say_how_they_changed(store, loosening, make_review):
    screen = make_review(store)
    screen.show_tab(2)
    assert screen.self_tests_tab.kind_box.currentData() == "straight_leg_raise"
    assert screen.self_tests_tab.chart.showing_chart
    assert screen.self_tests_tab.chart.legend.texts()[:2] == ["Left", "Right"]
    assert screen.self_tests_tab.sentence.text().startswith("Left 58° → 68°, right 55° → 65°")


def test_logging_a_self_test_from_the_keyboard(qtbot, store, loosening, make_review):
    screen = make_review(store)
    qtbot.keyClick(screen, K.Key_L)
    dialog = dialog_of(screen, SelfTestDialog)
    assert dialog.date_box.date().toPython() == TODAY
    dialog.set_fields("straight_leg_raise", 71.0)
    qtbot.keyClick(dialog.side_box, K.Key_Down)  # right leg
    qtbot.keyClick(dialog, K.Key_Return)
    [latest] = [t for t in store.self_tests("straight_leg_raise") if t.value == 71.0]
    assert latest.side.value == "right" and latest.local_date == TODAY
    assert screen.current_tab() == 2
    assert "→ 71°" in screen.self_tests_tab.sentence.text()


def test_a_note_without_text_is_refused_with_a_reason(qtbot, store, loosening, make_review):
    screen = make_review(store)
    screen.log_self_test()
    dialog = dialog_of(screen, SelfTestDialog)
    dialog.set_fields("note", None)
    qtbot.keyClick(dialog, K.Key_Return)
    assert dialog.isVisible()
    assert "a note needs some text" in dialog.error_label.text()
    assert store.self_tests("note") == []


# --- export and import --------------------------------------------------------------------


def test_export_writes_the_chosen_format_and_says_what_it_wrote(
    qtbot, tmp_path, store, loosening, make_review
):
    screen = make_review(store)
    target = tmp_path / "out" / "history.json"
    screen.ask_export_path = lambda: (target, "json")
    qtbot.keyClick(screen, K.Key_E)
    document = json.loads(target.read_text(encoding="utf-8"))
    assert len(document["sessions"]) == len(loosening)
    assert screen.message_text().startswith(f"Exported {len(loosening)} sessions")
    sheet = tmp_path / "sessions.csv"
    screen.ask_export_path = lambda: (sheet, "sessions-csv")
    screen.export_history()
    assert len(sheet.read_text(encoding="utf-8-sig").splitlines()) == len(loosening) + 1


offscreen_dialog = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
"""Said by the offscreen platform for every top-level window with a minimum size."""


@pytest.fixture
def widget_file_dialogs(monkeypatch, tmp_path):
    """Qt's own file dialog (what a desktop without one of its own shows), opened on a
    home folder holding one earlier export."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "older-export.json").write_text("{}", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    yield home
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, False)


def while_file_dialog_open(screen, qtbot, act: Callable[[QFileDialog], None]) -> None:
    """Run ``act`` on the file dialog the screen opens next; close it if ``act`` did not."""

    def run() -> None:
        try:
            (dialog,) = [d for d in screen.findChildren(QFileDialog) if d.isVisible()]
            qtbot.waitExposed(dialog)
            act(dialog)
        finally:
            left_open = QApplication.activeModalWidget()  # never leave the test waiting
            if isinstance(left_open, QFileDialog):
                left_open.reject()

    QTimer.singleShot(0, run)


def text_contrast(widget: QWidget, area: QRect) -> float:
    """How far the strongest pixel in ``area`` of the drawn widget stands out from the
    area's most common colour, its background: text that can be read stands out."""
    image = widget.grab(area).toImage()
    counts: dict[int, int] = {}
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixel(x, y)
            counts[pixel] = counts.get(pixel, 0) + 1
    background = QColor(max(counts, key=counts.__getitem__))
    return max(contrast(QColor(pixel), background) for pixel in counts)


def inner_band(widget: QWidget) -> QRect:
    """The middle of a field or button, where its text is, clear of its frame."""
    rect = widget.rect()
    return QRect(8, rect.height() // 4, rect.width() - 16, rect.height() // 2)


@offscreen_dialog
@pytest.mark.parametrize("palette", [DARK, LIGHT], ids=["dark", "light"])
def test_the_export_dialog_can_be_read_in_either_theme(
    qtbot, widget_file_dialogs, store, loosening, make_review, palette
):
    themes().set_palette(palette)
    screen = make_review(store)
    seen: dict[str, float] = {}

    def measure(dialog: QFileDialog) -> None:
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name.text().startswith("supple-history-")
        name.deselect()  # plain text, not the selection's colours
        seen["file name"] = text_contrast(name, inner_band(name))
        for button in dialog.findChild(QDialogButtonBox).buttons():
            seen[f"{button.text()} button"] = text_contrast(button, inner_band(button))
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        files = dialog.findChild(QTreeView, "treeView")
        model = files.model()
        size = model.index(str(widget_file_dialogs / "older-export.json"), 1)  # "2 bytes"
        qtbot.waitUntil(lambda: files.visualRect(size).width() > 0 and bool(size.data()))
        seen["file size"] = text_contrast(files.viewport(), files.visualRect(size))
        files.setCurrentIndex(size.siblingAtColumn(0))
        assert files.selectionModel().isSelected(size)
        seen["selected file size"] = text_contrast(files.viewport(), files.visualRect(size))

    while_file_dialog_open(screen, qtbot, measure)
    assert screen.ask_export_path() is None  # closed without choosing
    assert set(seen) == {
        "file name",
        "&Save button",
        "Cancel button",
        "file size",
        "selected file size",
    }
    unreadable = {part: round(ratio, 1) for part, ratio in seen.items() if ratio < 4.5}
    assert not unreadable, unreadable


@offscreen_dialog
def test_the_export_dialog_gives_the_chosen_format_its_suffix(
    qtbot, widget_file_dialogs, store, loosening, make_review
):
    screen = make_review(store)

    def choose(dialog: QFileDialog) -> None:
        dialog.selectNameFilter("Spreadsheet, one row per session (*.csv)")
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        name.setText("my sessions.json")
        qtbot.keyClick(name, K.Key_Return)

    while_file_dialog_open(screen, qtbot, choose)
    assert screen.ask_export_path() == (widget_file_dialogs / "my sessions.csv", "sessions-csv")


@offscreen_dialog
def test_the_import_dialog_returns_the_chosen_file(
    qtbot, widget_file_dialogs, store, loosening, make_review
):
    screen = make_review(store)

    def choose(dialog: QFileDialog) -> None:
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        name.setText("older-export.json")
        qtbot.keyClick(name, K.Key_Return)

    while_file_dialog_open(screen, qtbot, choose)
    assert screen.ask_import_path() == widget_file_dialogs / "older-export.json"


def test_import_adds_what_is_new_and_importing_twice_adds_nothing(
    qtbot, tmp_path, store, loosening, make_review
):
    exported = tmp_path / "elsewhere.json"
    export_json(store, exported)
    paths.set_data_dir(tmp_path / "second-machine")
    with open_history() as fresh:
        screen = make_review(fresh)
        changed = []
        screen.history_changed.connect(lambda: changed.append(True))
        screen.ask_import_path = lambda: exported
        qtbot.keyClick(screen, K.Key_I)
        count = len(loosening)
        assert screen.message_text() == (
            f"Imported: added {count} sessions, skipped 0 already present, added 12 self-tests."
        )
        assert fresh.session_count() == count
        assert screen.pages.currentWidget() is screen.tabs  # no longer empty
        screen.import_history()
        assert screen.message_text().startswith(
            f"Imported: added 0 sessions, skipped {count} already present"
        )
        assert fresh.session_count() == count
        assert changed == [True]


def test_a_malformed_file_adds_nothing_and_says_where_it_is_wrong(
    qtbot, tmp_path, store, loosening, make_review
):
    exported = tmp_path / "broken.json"
    export_json(store, exported)
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["sessions"][3]["tightness_before"] = 14
    document["sessions"][5]["steps"][0]["kind"] = "stretch"
    exported.write_text(json.dumps(document), encoding="utf-8")
    paths.set_data_dir(tmp_path / "second-machine")
    with open_history() as fresh:
        screen = make_review(fresh)
        screen.ask_import_path = lambda: exported
        screen.import_history()
        message = screen.message_text()
        assert "cannot be imported; nothing was added" in message
        assert "sessions[3]" in message and "tightness_before" in message
        assert "sessions[5]" in message and "steps[0].kind" in message
        assert fresh.session_count() == 0
        assert not screen.message_bar.ok


# --- bad situations -----------------------------------------------------------------------


def test_a_read_only_history_can_be_read_but_not_changed(qtbot, store, loosening, make_review):
    path = store.path
    store.close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    with open_history() as newer:
        assert newer.read_only
        screen = make_review(newer)
        screen.set_notices(list(newer.notices))
        assert any("newer Supple" in m for m in screen.notices.messages())
        assert screen.notices.isVisible()
        assert screen.overview_tab.streak_label.text() == "3-day streak"
        assert not screen.log_button.isEnabled() and not screen.import_button.isEnabled()
        screen.show_tab(1)
        assert screen.sessions_tab.detail.notes_edit.isReadOnly()
        screen.sessions_tab.ask_delete(loosening[0].uuid)
        assert "read-only" in screen.message_text()
        assert newer.session_count() == len(loosening)


def test_a_damaged_history_is_said_here_and_on_home_instead_of_crashing(
    qtbot, store, loosening, make_review
):
    store.close()
    with damaged(store.path) as broken:
        screen = make_review(broken)
        message = screen.message_text()
        assert message.startswith("The history could not be read: Supple could not ")
        assert str(store.path) in message and "is damaged" in message
        assert not screen.message_bar.ok
        strip = HomeHistorySummary(broken, today=lambda: TODAY)
        qtbot.addWidget(strip)
        assert "damaged" in strip.texts()[0]


def test_a_history_held_by_another_program_is_said_and_read_once_let_go(
    qtbot, store, loosening, make_review
):
    store.close()
    with held(store.path) as (locked, other):
        screen = make_review(locked)
        assert "another program holds the file" in screen.message_text()
        other.execute("ROLLBACK")
        screen.refresh()
        assert screen.overview_tab.streak_label.text() == "3-day streak"


def test_a_history_closed_under_the_screen_is_said_instead_of_crashing(
    qtbot, store, loosening, make_review
):
    screen = make_review(store)
    screen.show_tab(1)
    assert screen.message_text() == ""
    store.close()
    qtbot.keyClick(screen.sessions_tab.view, K.Key_Down)  # the next session's steps are read
    assert "The session could not be read" in screen.message_text()
    assert "no longer open" in screen.message_text()
    screen.refresh()
    assert "no longer open" in screen.message_text()


def test_the_recorders_problem_is_shown_with_a_way_to_retry(qtbot, store, make_review):
    screen = make_review(HistoryRecorder(store))
    retried = []
    screen.notices.retry_requested.connect(lambda: retried.append(True))
    screen.set_problem("Supple could not save the last step: the disk is full.")
    assert screen.notices.isVisible()
    assert screen.notices.title_label.text() == "The history cannot be saved right now"
    screen.notices._rows[0].button.click()
    assert retried == [True]
    screen.set_problem(None)
    assert not screen.notices.isVisible()


def test_esc_goes_back_and_saves_unsaved_notes(qtbot, store, loosening, make_review):
    screen = make_review(store)
    back = []
    screen.back_requested.connect(lambda: back.append(True))
    screen.show_tab(1)
    screen.sessions_tab.detail.notes_edit.setFocus()
    qtbot.keyClicks(screen.sessions_tab.detail.notes_edit, "tired legs")
    qtbot.keyClick(screen.sessions_tab.detail.notes_edit, K.Key_Escape)
    assert back == [True]
    assert store.session_detail(loosening[-1].uuid).session.notes == "tired legs"


def test_changes_made_elsewhere_show_after_refresh_even_while_hidden(
    qtbot, store, records, loosening, make_review
):
    screen = make_review(store)
    screen.hide()
    records.run(store, at(TODAY, 18), status=SessionStatus.STOPPED, steps=2)
    screen.refresh()  # hidden: only noted
    screen.show()
    assert screen.subtitle_label.text() == f"{len(loosening) + 1} sessions"
    assert screen.sessions_tab.model.total == len(loosening) + 1


def test_the_screen_scales_with_the_window(qtbot, store, loosening, make_review):
    screen = make_review(store)
    small = screen.title_label.font().pixelSize()
    screen.resize(2560, 1440)
    qtbot.waitUntil(lambda: screen.title_label.font().pixelSize() >= 2 * small - 1)
    assert screen.sessions_tab.detail.notes_edit.height() > 0


# --- settings the overview changes -----------------------------------------------------------


# The offscreen platform cannot raise a pop-up list or let it grab the keyboard, and says so.
@pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")
def test_the_weekly_goal_is_changed_from_the_keyboard(qtbot, store, loosening, make_review):
    screen = make_review(store, weekly_goal=3)
    chosen = []
    screen.weekly_goal_changed.connect(chosen.append)
    qtbot.keyClick(screen, K.Key_G)  # to the goal, its list open
    box = screen.overview_tab.goal_box
    assert box.view().isVisible()
    qtbot.keyClick(box.view(), K.Key_Down)
    qtbot.keyClick(box.view(), K.Key_Return)
    assert not box.view().isVisible() and box.hasFocus()
    assert chosen == [4]
    assert screen.overview_tab.week_label.text() == "3 of 4 sessions this week"
    assert "1 more to go" in screen.overview_tab.week_detail.text()
    assert "Goal 4 a week" in screen.overview_tab.weekly_chart.legend.texts()
    qtbot.keyClick(box, K.Key_Up)  # closed, the arrows change it too
    qtbot.keyClick(box, K.Key_Up)
    assert chosen == [4, 3, 2]
    assert screen.overview_tab.week_detail.text() == "Weekly goal met. Well done."


def test_no_goal_is_a_choice_and_a_goal_set_elsewhere_shows(qtbot, store, loosening, make_review):
    screen = make_review(store, weekly_goal=1)
    chosen = []
    screen.weekly_goal_changed.connect(chosen.append)
    screen.overview_tab.goal_box.setFocus()
    qtbot.keyClick(screen.overview_tab.goal_box, K.Key_Up)
    assert chosen == [0]
    assert screen.overview_tab.goal_box.currentText() == "No weekly goal"
    assert screen.overview_tab.week_label.text() == "3 sessions this week"
    screen.set_weekly_goal(5)  # the settings changed elsewhere: shown, not reported back
    assert screen.overview_tab.goal_box.currentText() == "Goal: 5 a week"
    assert screen.overview_tab.week_label.text() == "3 of 5 sessions this week"
    assert chosen == [0]


def test_tab_reaches_the_goal_and_the_check_in_switch(qtbot, store, loosening, make_review):
    screen = make_review(store)
    assert screen.hasFocus()
    qtbot.keyClick(screen, K.Key_Tab)
    assert screen.overview_tab.goal_box.hasFocus()
    qtbot.keyClick(screen.overview_tab.goal_box, K.Key_Tab)
    assert screen.overview_tab.ask_box.hasFocus()


def test_asking_before_sessions_can_be_turned_back_on(qtbot, store, loosening, make_review):
    screen = make_review(store, ask_before_sessions=False)
    asked = []
    screen.ask_changed.connect(asked.append)
    box = screen.overview_tab.ask_box
    assert box.isVisible() and not box.isChecked()
    assert box.text() == "Ask how tight I feel before each session"
    box.setFocus()
    qtbot.keyClick(box, K.Key_Space)
    assert box.isChecked() and asked == [True]
    qtbot.keyClick(box, K.Key_Space)
    assert not box.isChecked() and asked == [True, False]
    screen.set_ask_before_sessions(True)  # "Don't ask" unticked on the check-in page
    assert box.isChecked() and asked == [True, False]


def test_the_tightness_chart_covers_every_check_in(qtbot, store, records, loosening, make_review):
    first = TODAY - timedelta(days=420)
    for week in range(0, 60, 4):  # a slow start, more than a year ago
        records.run(store, at(first + timedelta(weeks=week)), tightness_before=8)
    screen = make_review(store)
    assert (
        screen.overview_tab.tightness_caption.text()
        == f"HAMSTRING TIGHTNESS SINCE {first:%b %Y}".upper()
    )
    assert screen.overview_tab.tightness_chart.showing_chart
    assert screen.overview_tab.trend_headline.text() == "Getting looser"
    assert "over 14 months" in screen.overview_tab.trend_lines.text()
    x_axis = screen.overview_tab.tightness_chart.chart.axes(Qt.Orientation.Horizontal)[0]
    assert x_axis.min().date().toPython() <= first
    assert x_axis.format() == "MMM yyyy"  # over a year, the labels say which year


def test_self_test_values_are_labelled_in_whole_steps(qtbot, store, records, make_review):
    records.run(store, at(TODAY))
    for week, (left, right) in enumerate([(60, 58), (63, 59), (66, 62), (69, 65), (71, 67)]):
        for side, value in ((Side.LEFT, left), (Side.RIGHT, right)):
            store.add_self_test(
                SelfTestRecord(
                    uuid=new_uuid(),
                    kind="straight_leg_raise",
                    side=side,
                    value=float(value),
                    unit="degrees",
                    taken_at=at(TODAY - timedelta(weeks=8 - 2 * week), 9),
                    utc_offset_minutes=60,
                )
            )
    screen = make_review(store)
    screen.show_tab(2)
    qtbot.wait(10)  # the chart at its full height, with room for five labels
    y_axis = screen.self_tests_tab.chart.chart.axes(Qt.Orientation.Vertical)[0]
    step = (y_axis.max() - y_axis.min()) / (y_axis.tickCount() - 1)
    assert y_axis.min() <= 58 and y_axis.max() >= 71
    assert step == int(step)  # whole-number labels, none rounded ("57" for 57.5)


def test_the_message_is_dismissed_with_its_key(qtbot, tmp_path, store, loosening, make_review):
    screen = make_review(store)
    screen.ask_export_path = lambda: (tmp_path / "history.json", "json")
    qtbot.keyClick(screen, K.Key_E)
    assert screen.message_text().startswith("Exported")
    assert screen.message_bar.dismiss_button.text() == "Dismiss (D)"
    qtbot.keyClick(screen, K.Key_D)
    assert screen.message_text() == ""
