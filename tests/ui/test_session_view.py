"""The session screen itself: what it covers, how big its captions are, and its colours."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from supple.qt.session_controller import SessionController

K = Qt.Key


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


def at_work(qtbot, window):
    """Start the drill and step past the get-ready screen into its first set."""
    qtbot.keyClick(window, K.Key_Return)
    qtbot.keyClick(window, K.Key_Right)
    qtbot.wait(1)


@pytest.mark.parametrize("grown", [False, True], ids=["as opened", "grown to full screen"])
def test_the_pause_veil_leaves_every_control_button_whole(qtbot, make_window, drill, grown):
    window = make_window(drill)
    qtbot.keyClick(window, K.Key_Return)
    if grown:  # what going full screen does to the window (offscreen Qt has no screen to fill)
        window.resize(1920, 1080)
    qtbot.keyClick(window, K.Key_Space)
    qtbot.wait(1)
    view = window.session_view
    assert view.overlay.isVisible()
    veil = view.overlay.geometry()
    for button in view.buttons:
        if button.isVisible():
            top = button.mapTo(view, button.rect().topLeft()).y()
            assert veil.bottom() < top, (button.text_shown(), veil.bottom(), top)


CAPTIONS = ("Exit full screen", "Unmute", "Count rep", "Resume", "Start now")


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_control_captions_share_one_readable_size(qtbot, make_window, drill, clock, size):
    window = make_window(drill, size=size, controller=SessionController(clock=clock))
    view = window.session_view
    wanted = round(17 * window.unit)
    at_work(qtbot, window)
    for paused in (False, True):
        if paused:
            qtbot.keyClick(window, K.Key_Space)
        # The longest captions the bar can show, all at once.
        for button, caption in zip(
            (view.fullscreen_button, view.mute_button, view.primary_button, view.pause_button),
            CAPTIONS,
            strict=False,
        ):
            button.set_text(caption)
        qtbot.wait(1)
        sizes = {b.text_shown(): b.label.font().pixelSize() for b in view.buttons if b.isVisible()}
        assert len(set(sizes.values())) == 1, sizes
        assert min(sizes.values()) >= wanted, sizes
