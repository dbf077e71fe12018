"""A presenter remote's clicks steer the session: PageDown counts, PageUp goes back,
its blank-screen button (B or .) pauses and resumes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from supple.core.model import Block, Entry, Routine
from supple.qt.session_controller import Command

K = Qt.Key


@pytest.fixture
def set_of_ten(make_window):
    routine = Routine(
        id="ten",
        name="Ten",
        get_ready_seconds=1,
        blocks=(
            Block(
                name="Only",
                entries=(
                    Entry("pelvic-tilt", reps=10, self_paced=True),
                    Entry("knee-roll-90-90", reps=4, self_paced=True),
                ),
            ),
        ),
    )
    window = make_window(routine)
    window.start_session()
    window.controller.command(Command.NEXT)  # to the first set
    return window


def test_page_down_counts_a_rep(qtbot, set_of_ten):
    window = set_of_ten
    qtbot.keyClick(window, K.Key_PageDown)
    assert window.controller.engine.reps == 1


@pytest.mark.parametrize("key", [K.Key_B, K.Key_Period])
def test_blank_screen_button_pauses_and_resumes(qtbot, set_of_ten, key):
    window = set_of_ten
    qtbot.keyClick(window, key)
    assert window.controller.state == "paused"
    qtbot.keyClick(window, key)
    assert window.controller.state == "running"


def test_page_up_goes_back(qtbot, set_of_ten):
    window = set_of_ten
    window.controller.command(Command.NEXT)
    later = window.controller.engine.index
    qtbot.keyClick(window, K.Key_PageUp)
    assert window.controller.engine.index < later
    assert window.controller.engine.step.exercise.id == "pelvic-tilt"
