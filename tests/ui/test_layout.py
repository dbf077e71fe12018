"""Readable from the mat: a big counter, and no text cut off from 1280x720 to 4K."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from supple.core.catalog import builtin_exercises
from supple.core.model import Block, Category, Entry, Exercise, Kind, Routine, Sides
from supple.core.plan import StepKind
from supple.qt.session_controller import SessionController
from supple.ui.main_window import Page
from tests.ui.clipped_text import clipped_labels

K = Qt.Key
SIZES = [(1280, 720), (3840, 2160)]
LONGEST = max(builtin_exercises().values(), key=lambda e: len(e.name))
VERY_LONG = Exercise(
    id="very-long",
    name="Slow controlled single-leg Romanian deadlift reach with a pause at the bottom",
    category=Category.STRENGTH,
    kind=Kind.REPS,
    reps=120,
    tempo=2.0,
    phases=("hinge forward and reach long", "stand back up tall"),
    sides=Sides.ALTERNATE,
    cues=("A cue that is rather long so it has to wrap onto a second line in the card " * 2,),
)


def long_names_routine() -> Routine:
    return Routine(
        id="long-names",
        name="A routine whose name is long enough to test the top bar of the player",
        get_ready_seconds=10,
        side_switch_seconds=10,
        exercises=(VERY_LONG,),
        blocks=(
            Block(
                name="A block with a name nobody would ever type",
                rounds=12,
                rest_between_exercises=600,
                entries=(
                    Entry(LONGEST.id, reps=188, sides=Sides.EACH),
                    Entry("march-in-place", seconds=3600),
                    Entry("very-long"),
                    Entry("pelvic-tilt", reps=500, self_paced=True),
                ),
            ),
        ),
    )


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def long_window(make_window, clock):
    def make(size):
        return make_window(
            long_names_routine(),
            size=size,
            controller=SessionController(clock=clock),
        )

    return make


def moments(qtbot, window, clock):
    """Walk through one of each kind of screen, yielding a name for each."""
    yield "home"
    qtbot.keyClick(window, K.Key_Return)
    yield "get ready"
    qtbot.keyClick(window, K.Key_Right)
    clock.now += 1.0  # into rep 1, first phase
    window.controller.driver.on_timeout()
    yield "work, each side"
    qtbot.keyClick(window, K.Key_Right)
    yield "side switch"
    qtbot.keyClick(window, K.Key_Right)
    qtbot.keyClick(window, K.Key_Right)
    yield "rest"
    qtbot.keyClick(window, K.Key_Right)
    yield "timed work"
    qtbot.keyClick(window, K.Key_Space)
    yield "paused"
    qtbot.keyClick(window, K.Key_Space)
    qtbot.keyClick(window, K.Key_Right)
    qtbot.keyClick(window, K.Key_Right)
    clock.now += 3.0  # the second rep: the right side
    window.controller.driver.on_timeout()
    yield "alternating work"
    qtbot.keyClick(window, K.Key_Right)
    qtbot.keyClick(window, K.Key_Right)
    yield "self-paced work"
    qtbot.keyClick(window, K.Key_Escape)
    yield "stop question"
    qtbot.keyClick(window, K.Key_Return)
    yield "summary"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_text_is_cut_off_on_any_screen(qtbot, long_window, clock, size):
    window = long_window(size)
    assert (window.width(), window.height()) == size
    for moment in moments(qtbot, window, clock):
        qtbot.wait(1)  # let layouts settle
        assert clipped_labels(window) == [], f"{moment} at {size}"


def test_the_longest_name_is_shown_whole_and_large(qtbot, long_window, clock):
    window = long_window((1280, 720))
    qtbot.keyClick(window, K.Key_Return)
    name = window.session_view.name_label
    assert name.text() == LONGEST.name
    assert name.font().pixelSize() == name.target_pixels()  # fits without shrinking
    for _ in range(7):  # past the sides, the switch, a rest, the march and a rest
        qtbot.keyClick(window, K.Key_Right)
    assert name.text() == VERY_LONG.name
    qtbot.wait(1)  # let layouts settle
    assert clipped_labels(window) == []
    assert 0 < name.font().pixelSize() < name.target_pixels()  # shrunk rather than cut


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_counter_fills_a_fifth_of_the_window_on_every_session_screen(
    qtbot, make_window, drill, clock, size
):
    window = make_window(drill, size=size, controller=SessionController(clock=clock))
    qtbot.keyClick(window, K.Key_Return)
    counter = window.session_view.counter_label
    seen = set()
    while window.current_page is Page.SESSION:
        qtbot.wait(1)
        kind = window.controller.engine.step.kind
        seen.add(kind)
        assert counter.isVisible()
        assert counter.height() >= 0.2 * window.height(), kind
        # The digits themselves, not just the box: their inked height.
        digits = QFontMetrics(counter.font()).tightBoundingRect(counter.text())
        assert digits.height() >= 0.18 * window.height(), (kind, counter.text())
        qtbot.keyClick(window, K.Key_Right)
    assert seen == set(StepKind)


def test_the_window_scales_its_text_with_its_height(qtbot, make_window, drill):
    small = make_window(drill, size=(1280, 720))
    large = make_window(drill, size=(3840, 2160))
    assert large.unit == pytest.approx(3 * small.unit)
    ratio = large.home.name_label.font().pixelSize() / small.home.name_label.font().pixelSize()
    assert ratio == pytest.approx(3, rel=0.05)
