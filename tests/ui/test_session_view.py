"""The session screen itself: what it covers, how big its captions are, and its colours."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPalette, QRegion
from PySide6.QtWidgets import QWidget

from supple.core.catalog import DEFAULT_ROUTINE_ID, default_routine
from supple.core.model import Side
from supple.core.plan import StepKind
from supple.qt.session_controller import Command, SessionController
from supple.ui.page_stack import Page
from supple.ui.session_backdrop import side_colour
from supple.ui.theme import DARK
from supple.ui.theme_registry import current_palette
from supple.ui.widgets import FitLabel

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


def inked_rows(label):
    """How many pixel rows of ``label`` hold its letters above the baseline (capitals,
    digits, ascenders), read from a render of the label on a plain background."""
    image = QImage(label.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    label.render(image, QPoint(), QRegion(), QWidget.RenderFlag.DrawChildren)
    metrics = QFontMetrics(label.font())
    baseline = (label.height() - metrics.height()) // 2 + metrics.ascent()
    rows = [
        y
        for y in range(min(baseline, image.height()))
        if any(image.pixelColor(x, y).alpha() > 128 for x in range(image.width()))
    ]
    return baseline - min(rows) if rows else 0


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_what_comes_next_and_the_time_left_read_from_across_the_room(
    qtbot, make_window, clock, size
):
    window = make_window(default_routine(), size=size, controller=SessionController(clock=clock))
    window.select_routine(DEFAULT_ROUTINE_ID)
    view = window.session_view
    qtbot.keyClick(window, K.Key_Return)
    seen = set()
    while window.current_page is Page.SESSION:
        qtbot.wait(1)
        seen.add(window.controller.engine.step.kind)
        for label in (view.next_label, view.time_left_label):
            assert inked_rows(label) >= 0.05 * window.height(), (label.text(), size)
        for label in (view.step_label, view.round_label, view.kicker_label):
            assert label.font().pixelSize() >= 0.04 * window.height(), label.text()
        for label in (c for c in view.cue_labels if c.isVisible()):
            assert label.font().pixelSize() >= 0.03 * window.height(), label.text()
        window.controller.command(Command.NEXT)
    assert seen == set(StepKind)


def luminance(colour):
    def channel(value):
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(one, other):
    """WCAG 2 contrast ratio of two opaque colours."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour(label):
    return label.palette().color(QPalette.ColorRole.WindowText)


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_every_session_text_keeps_its_contrast_on_every_background(
    qtbot, make_window, drill, theme
):
    window = make_window(drill)
    window.settings_store.update(theme=theme)
    assert current_palette().name == theme
    view = window.session_view
    qtbot.keyClick(window, K.Key_Return)
    kinds = set()
    while window.current_page is Page.SESSION:
        qtbot.wait(1)
        kinds.add(window.controller.engine.step.kind)
        backdrop = view.backdrop
        steady = backdrop.background_colour()
        backdrop.flash()
        flashed = backdrop.background_colour()
        backdrop.stop_flash()
        assert steady != flashed
        labels = [
            label
            for label in view.findChildren(FitLabel)
            if label.isVisible() and label.text() and not view.controls.isAncestorOf(label)
        ]
        assert view.next_label in labels and view.counter_label in labels
        for label in labels:
            for background in (steady, flashed):
                ratio = contrast(text_colour(label), background)
                assert ratio >= 4.5, (theme, label.text(), background.name(), ratio)
        window.controller.command(Command.NEXT)
    assert kinds == set(StepKind)


def test_each_kind_of_step_has_its_own_background_and_a_side_its_edge(qtbot, make_window, drill):
    window = make_window(drill)
    view = window.session_view
    qtbot.keyClick(window, K.Key_Return)
    colours = {}
    while window.current_page is Page.SESSION:
        qtbot.wait(1)
        step = window.controller.engine.step
        image = view.grab().toImage()
        middle = image.pixelColor(image.width() // 2, image.height() // 3)
        colours.setdefault(step.kind, set()).add(middle.name())
        edge = view.backdrop.side_edge()
        shown = view.display.side
        if shown in (Side.LEFT, Side.RIGHT):
            x = 2 if shown is Side.LEFT else image.width() - 3
            assert image.pixelColor(x, image.height() // 2) == side_colour(DARK, shown), step
            assert not edge.isEmpty()
        else:
            assert edge.isEmpty()
        window.controller.command(Command.NEXT)
    assert all(len(found) == 1 for found in colours.values()), colours
    assert len({c for found in colours.values() for c in found}) == len(StepKind)


def test_the_picture_moves_with_each_phase_cue(qtbot, make_window, drill, clock):
    window = make_window(drill, controller=SessionController(clock=clock))
    view = window.session_view
    qtbot.keyClick(window, K.Key_Return)
    assert view.picture.shown == "elevated-hip-hike"  # get ready: the exercise's picture
    qtbot.keyClick(window, K.Key_Right)
    shown = []
    for _ in range(5):  # into the third of three reps at 0.2 s, two phases each
        clock.now += 0.1
        window.controller.driver.on_timeout()
        shown.append((view.detail_label.text(), view.picture.shown))
    positions = {"hike up": "elevated-hip-hike-phase-1", "lower": "elevated-hip-hike"}
    assert [picture for _, picture in shown] == [positions[phase] for phase, _ in shown]
    assert {phase for phase, _ in shown} == set(positions)


def test_a_3_2_1_lights_the_whole_window(qtbot, make_window, drill, clock):
    window = make_window(drill, controller=SessionController(clock=clock))
    view = window.session_view
    qtbot.keyClick(window, K.Key_Return)
    engine = window.controller.engine
    while not (engine.step.is_work and engine.step.exercise.id == "march-in-place"):
        window.controller.command(Command.NEXT)
    qtbot.wait(1)
    steady = view.grab().toImage()
    assert view.backdrop.flash_level == 0
    clock.now += 1.0  # the last second of the 2 s set: its countdown
    window.controller.driver.on_timeout()
    assert view.backdrop.flash_level == 1
    lit = view.grab().toImage()
    corner, middle = (3, 3), (steady.width() // 2, steady.height() // 3)
    for x, y in (corner, middle):
        assert lit.pixelColor(x, y) != steady.pixelColor(x, y)
    qtbot.waitUntil(lambda: view.backdrop.flash_level == 0, timeout=2000)
