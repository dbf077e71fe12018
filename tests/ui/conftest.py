"""A compressed routine and a real main window to drive it with the keyboard."""

from __future__ import annotations

import pytest

from supple.core.library import Library
from supple.core.model import Block, Entry, Routine, Sides
from supple.ui.main_window import MainWindow

WIDTH, HEIGHT = 1280, 720


def drill_routine() -> Routine:
    """Every kind of step in a few seconds: each-sides, timed, alternating and self-paced."""
    return Routine(
        id="drill",
        name="Drill",
        get_ready_seconds=1,
        side_switch_seconds=1,
        blocks=(
            Block(
                name="Drill block",
                rest_between_exercises=1,
                entries=(
                    Entry("elevated-hip-hike", reps=3, tempo=0.2, sides=Sides.EACH),
                    Entry("march-in-place", seconds=2),
                    Entry("knee-roll-90-90", reps=4, tempo=0.2),
                    Entry("pelvic-tilt", reps=3, self_paced=True),
                ),
            ),
        ),
    )


@pytest.fixture
def drill():
    return drill_routine()


@pytest.fixture
def make_window(qtbot):
    def make(*routines: Routine, size=(WIDTH, HEIGHT), **kwargs) -> MainWindow:
        library = Library(routines, (), frozenset())
        window = MainWindow(library, **kwargs)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        window.activateWindow()
        # Window-wide shortcuts only reach the active window.
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make


@pytest.fixture
def window(make_window, drill):
    return make_window(drill)
