"""Every screen at 1280x720 and full-size 1920x1080: no label, button, combo box, table
header or row in view shows its text cut, and no table shows a row cut at its edge."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from supple.core.catalog import builtin_routines, default_routine
from supple.qt.session_controller import Command
from supple.storage.settings import Settings
from supple.ui.editor import RoutineEditor
from supple.ui.history import CheckOutPanel
from supple.ui.page_stack import Page
from supple.ui.sound_settings import SoundSettingsDialog
from supple.ui.theme import unit_for
from tests.ui.clipped_text import clipped_text
from tests.ui.editor.conftest import watcher  # noqa: F401 - the editor's fixture, shared here
from tests.ui.history.conftest import (  # noqa: F401 - the history's fixtures, shared here
    TODAY,
    at,
    loosening,
    make_review,
    records,
    store,
)
from tests.x_server import running_x_server

SIZES = [(1280, 720), (1920, 1080)]
ONLY_DEJAVU = Path("/work/shared/fonts/only-dejavu.conf")
"""A fontconfig whose only system fonts are DejaVu, as on a bare Linux install."""
size_ids = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


def problems(root: QWidget) -> list[str]:
    for _ in range(3):  # the layouts settle (a page just shown takes the window's unit)
        QApplication.processEvents()
    return clipped_text(root)


@size_ids
def test_nothing_is_cut_on_the_main_window(qtbot, make_window, size):
    window = make_window(default_routine(), size=size)
    check_out = CheckOutPanel()  # as the app adds it: the summary's table gets less room
    window.summary_view.extras_area.set_content(check_out)
    check_out.prepare(tightness_before=6)
    found = {"home": problems(window)}
    qtbot.keyClick(window, Qt.Key.Key_Return)
    controller = window.controller
    seen = set()
    while window.current_page is Page.SESSION and len(seen) < 4:
        kind = controller.engine.step.kind
        if kind not in seen:
            seen.add(kind)
            found[kind.value] = problems(window)
        controller.command(Command.NEXT)
    controller.command(Command.PAUSE)
    found["paused"] = problems(window)
    controller.command(Command.STOP_REQUEST)
    found["stop question"] = problems(window)
    controller.command(Command.STOP_CANCEL)
    controller.command(Command.RESUME)
    controller.end_now()
    assert window.current_page is Page.SUMMARY
    found["summary"] = problems(window)
    assert not any(found.values()), "\n".join(f"{k}: {v}" for k, v in found.items() if v)


@size_ids
def test_nothing_is_cut_in_the_editor(qtbot, make_window, watcher, size):  # noqa: F811
    window = make_window(default_routine(), size=size)
    built: list[RoutineEditor] = []

    def make_editor() -> RoutineEditor:
        built.append(RoutineEditor(watcher, routine_id="hamstring-reset"))
        return built[0]

    window.set_page_factory(Page.EDITOR, make_editor)
    window.show_page(Page.EDITOR)
    assert built and built[0].isVisible()
    assert problems(window) == []


@size_ids
def test_nothing_is_cut_on_the_history_screens(
    qtbot,
    store,  # noqa: F811 - the history's fixtures, imported above
    records,  # noqa: F811
    loosening,  # noqa: F811
    make_review,  # noqa: F811
    size,
):
    for days, routine in enumerate(builtin_routines()):  # the built-in names, in the list
        records.run(
            store, at(TODAY - timedelta(days=days), 19), steps=30, routine_name=routine.name
        )
    screen = make_review(store)
    screen.resize(*size)
    unit = round(unit_for(*size), 3)
    qtbot.waitUntil(lambda: screen._follower.unit == unit)
    found = {}
    for tab in range(3):
        screen.show_tab(tab)
        qtbot.wait(1)
        found[f"tab {tab + 1}"] = problems(screen)
    assert not any(found.values()), "\n".join(f"{k}: {v}" for k, v in found.items() if v)


@size_ids
def test_nothing_is_cut_in_the_dialogs_and_panels(qtbot, size):
    unit = unit_for(*size)
    check_out = CheckOutPanel()
    check_out.prepare(tightness_before=6)
    sound = SoundSettingsDialog(Settings(), None)
    found = {}
    for name, page in {"check-out": check_out, "sound settings": sound}.items():
        qtbot.addWidget(page)
        page.set_unit(unit)
        if page is check_out:
            page.resize(*size)
        page.show()
        qtbot.waitExposed(page)
        found[name] = problems(page)
    assert not any(found.values()), "\n".join(f"{k}: {v}" for k, v in found.items() if v)


@pytest.mark.skipif(not ONLY_DEJAVU.exists(), reason=f"{ONLY_DEJAVU} not found")
def test_nothing_is_cut_under_a_real_x_server_with_only_dejavu():
    """Text was reported cut under X (the editor's "Add exercise...", the voice box) that
    the offscreen platform drew whole: the checks above again, through xcb and Fusion."""
    with running_x_server() as display:
        env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "FONTCONFIG_FILE": str(ONLY_DEJAVU),
        }
        command = [sys.executable, "-m", "pytest", __file__, "-q", "-p", "no:cacheprovider"]
        command += ["-p", "no:xdist", "-k", "not real_x_server"]
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:]
    assert " passed" in result.stdout
