"""The editor as a page of the main window: closing the window never drops unsaved edits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from supple import paths
from supple.core.library import load_library
from supple.ui.editor import RoutineEditor
from supple.ui.main_window import MainWindow, Page
from tests.ui.editor.test_routine_editor import CIRCUIT, type_number

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def hosted(qtbot, watcher):
    """The window with the editor as its page, built on first use as the app builds it."""
    window = MainWindow(watcher.library)
    built: list[RoutineEditor] = []

    def make_editor() -> RoutineEditor:
        editor = RoutineEditor(watcher, routine_id="hamstring-reset")
        editor.close_requested.connect(window.go_home)
        built.append(editor)
        return editor

    window.set_page_factory(Page.EDITOR, make_editor)
    # Tests leave changes behind on purpose; drop them so closing at the end does not ask.
    qtbot.addWidget(window, before_close_func=lambda _w: [e.discard_changes() for e in built])
    window.resize(1280, 720)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # window-wide keys only reach the active window
    qtbot.keyClick(window, Qt.Key.Key_E)
    assert window.current_page is Page.EDITOR
    return window, built[0]


def rounds_on_disk(routine_id):
    return load_library(paths.routines_dir()).find(routine_id).blocks[CIRCUIT].rounds


def test_closing_the_window_asks_and_cancel_keeps_the_window_and_the_edits(hosted, qtbot, answer):
    window, editor = hosted
    copy = editor.duplicate_routine()
    editor.select_path((CIRCUIT, None))
    type_number(qtbot, editor.block_panel.rounds, 4)

    answer.click(QMessageBox.StandardButton.Cancel)
    assert window.close() is False
    assert [d.objectName() for d in answer.seen] == ["UnsavedChanges"]
    assert window.isVisible() and window.current_page is Page.EDITOR
    assert editor.is_dirty and editor.routine.blocks[CIRCUIT].rounds == 4
    assert rounds_on_disk(copy.id) == copy.blocks[CIRCUIT].rounds

    answer.click(QMessageBox.StandardButton.Save)
    assert window.close() is True
    assert not window.isVisible()
    assert rounds_on_disk(copy.id) == 4


def test_closing_the_window_can_drop_the_edits(hosted, qtbot, answer):
    window, editor = hosted
    copy = editor.duplicate_routine()
    editor.select_path((CIRCUIT, None))
    type_number(qtbot, editor.block_panel.rounds, 4)

    answer.click(QMessageBox.StandardButton.Discard)
    assert window.close() is True
    assert rounds_on_disk(copy.id) == copy.blocks[CIRCUIT].rounds


def test_closing_the_window_with_nothing_unsaved_asks_nothing(hosted, answer):
    window, editor = hosted
    editor.duplicate_routine()
    assert not editor.is_dirty
    assert window.close() is True
    assert answer.seen == []


def test_edits_that_cannot_be_saved_keep_the_window_open(hosted, qtbot, answer):
    window, editor = hosted
    copy = editor.duplicate_routine()
    editor.select_path((CIRCUIT, 0))
    type_number(qtbot, editor.entry_panel.reps, 0)

    def save_then_read(box):
        answer.click(QMessageBox.StandardButton.Ok)
        box.button(QMessageBox.StandardButton.Save).click()

    answer.next(save_then_read)
    assert window.close() is False
    assert [title for title, _text in answer.said] == ["Unsaved changes", "Cannot save yet"]
    assert window.isVisible() and editor.is_dirty
    assert load_library(paths.routines_dir()).find(copy.id) == copy
