"""Lists that can grow longer than their card scroll from the keyboard, not only the mouse."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from supple.core.catalog import builtin_exercises, default_routine
from supple.core.model import Block, Entry, Routine
from supple.qt.session_controller import Command
from supple.ui.page_stack import Page

K = Qt.Key


def tab_to(qtbot, window, widget, most=12):
    for _ in range(most):
        if QApplication.focusWidget() is widget:
            return
        qtbot.keyClick(QApplication.focusWidget() or window, K.Key_Tab)
    raise AssertionError(f"Tab never reaches {widget.accessibleName()!r}")


def scrolls_down(qtbot, view):
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0, "the test needs a list longer than its card"
    for _ in range(40):
        qtbot.keyClick(view, K.Key_Down)
    assert bar.value() > 0
    qtbot.keyClick(view, K.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == 0


def test_home_preview_scrolls_from_the_keyboard(qtbot, make_window):
    window = make_window(default_routine())
    window.home.routine_list.setFocus()
    tab_to(qtbot, window, window.home.preview_list)
    scrolls_down(qtbot, window.home.preview_list)


EVERY_EXERCISE = Routine(
    id="every",
    name="Every exercise",
    blocks=(Block(name="All", entries=tuple(Entry(e) for e in builtin_exercises())),),
)


def test_summary_table_scrolls_from_the_keyboard(qtbot, make_window):
    window = make_window(EVERY_EXERCISE)
    window.start_session()
    window.controller.command(Command.NEXT)
    window.controller.command(Command.STOP_REQUEST)
    window.controller.command(Command.STOP_CONFIRM)
    qtbot.waitUntil(lambda: window.current_page is Page.SUMMARY)
    table = window.summary_view.table
    tab_to(qtbot, window, table)
    scrolls_down(qtbot, table)
