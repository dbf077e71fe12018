"""The keys as a keyboard sends them: + is Shift+= on a US layout, - and _ share a key."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from supple.core.model import Block, Entry, Routine
from supple.qt.session_controller import Command
from tests.x_server import press, running_x_server

ROOT = Path(__file__).resolve().parents[2]

K = Qt.Key
KEYPAD = Qt.KeyboardModifier.KeypadModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def set_of_ten(make_window):
    routine = Routine(
        id="ten",
        name="Ten",
        get_ready_seconds=1,
        blocks=(Block(name="Only", entries=(Entry("pelvic-tilt", reps=10, self_paced=True),)),),
    )
    window = make_window(routine)
    window.start_session()
    window.controller.command(Command.NEXT)  # to the set
    return window


def target(window):
    return window.controller.engine.step.target_reps


@pytest.mark.parametrize(
    ("key", "modifier", "change"),
    [
        (K.Key_Equal, NONE, +1),  # the + key without Shift
        (K.Key_Plus, NONE, +1),  # "+" on its own key (German layout)
        (K.Key_Plus, KEYPAD, +1),
        (K.Key_Minus, NONE, -1),
        (K.Key_Underscore, NONE, -1),
        (K.Key_Minus, KEYPAD, -1),
    ],
)
def test_plus_and_minus_keys_change_the_target(qtbot, set_of_ten, key, modifier, change):
    """Each key the actions list; shifted keys need a real keyboard map (the test below)."""
    window = set_of_ten
    qtbot.keyClick(window, key, modifier)  # an ambiguous shortcut would log a warning: a failure
    assert target(window) == 10 + change


CHILD = Path(__file__).with_name("keyboard_child.py")


def test_plus_and_minus_from_a_real_keyboard_on_an_x_server():
    """The keys as the xcb plugin delivers them from a US layout: "+" arrives as Shift+=,
    which Qt once found ambiguous (two shortcuts for one key) and ignored."""
    with running_x_server() as display:
        child = subprocess.Popen(
            [sys.executable, str(CHILD)],
            env={**os.environ, "DISPLAY": display, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [lines.put(x) for x in child.stdout], daemon=True).start()
        try:
            assert lines.get(timeout=60).strip() == "target 10"
            for keys, expected in (
                ("shift+equal", 11),  # "+"
                ("equal", 12),
                ("shift+minus", 11),  # "_"
                ("minus", 10),
                ("KP_Add", 11),
                ("KP_Subtract", 10),
            ):
                press(display, keys)
                assert lines.get(timeout=30).strip() == f"target {expected}", keys
        finally:
            child.terminate()
            _out, errors = child.communicate(timeout=30)
    assert "Ambiguous shortcut" not in errors


def test_ctrl_q_quits_from_home_through_the_usual_close(qtbot, make_window):
    window = make_window()
    assert window.isVisible()
    qtbot.keyClick(window, K.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_ctrl_q_mid_session_ends_the_session_as_closing_does(qtbot, set_of_ten):
    window = set_of_ten
    assert window.controller.running
    with qtbot.waitSignal(window.controller.ended):
        qtbot.keyClick(window, K.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.controller.running and not window.isVisible()


def readme_keys() -> dict[str, tuple[str, str]]:
    """The README's keys table: key -> (on Home, during a session)."""
    rows = {}
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0] not in ("key", "---"):
            rows[cells[0]] = (cells[1], cells[2])
    return rows


def test_t_changes_the_theme_in_a_session_as_the_readme_says(qtbot, set_of_ten):
    window = set_of_ten
    before = window.settings_store.settings.theme
    qtbot.keyClick(window, K.Key_T)
    assert window.settings_store.settings.theme != before
    home, session = readme_keys()["M, F11, T"]
    assert "theme" in home and "theme" in session
    home, session = readme_keys()["Ctrl+Q"]
    assert home == "quit" and session.startswith("quit")
