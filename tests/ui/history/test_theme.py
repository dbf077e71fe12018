"""Every history page follows the app's theme by itself: built in one theme, switched to
the other and back, each one is drawn in the new colours, its charts included."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from supple.ui.history import CheckOutPanel, HomeHistorySummary, TightnessCheckIn
from supple.ui.theme import DARK, LIGHT, Palette
from supple.ui.theme_registry import themes
from tests.ui.history.conftest import SIZE, TODAY


def drawn(widget: QWidget, area: QRect | None = None) -> str:
    """The colour most of ``widget`` (or of ``area`` in it) is drawn in: its background."""
    image = widget.grab(area or widget.rect()).toImage()
    counts = Counter(
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 8)
        for y in range(0, image.height(), 8)
    )
    return counts.most_common(1)[0][0]


def area_of(page: QWidget, inside: QWidget) -> QRect:
    return QRect(page.mapTo(inside, page.rect().topLeft()), page.size())


def axis_colours(chart) -> frozenset[str]:
    return frozenset(axis.labelsColor().name() for axis in chart.chart.axes())


def in_palette(colours: frozenset[str], palette: Palette) -> bool:
    every = {str(v).lower() for v in vars(palette).values() if str(v).startswith("#")}
    return bool(colours) and colours <= every


def near(colour: str, palette: Palette) -> bool:
    """Whether ``colour`` is one of the palette's surfaces (shading may shift it a little)."""
    want = QColor(colour)
    return any(
        sum(abs(a - b) for a, b in zip(QColor(c).getRgb()[:3], want.getRgb()[:3], strict=True))
        <= 12
        for c in (palette.background, palette.surface, palette.raised)
    )


@pytest.fixture
def pages(qtbot, store, loosening, make_review):
    """Each history page, shown at the window's size: what is drawn where, by name."""
    screen = make_review(store)
    strip = HomeHistorySummary(store, today=lambda: TODAY)
    check_in = TightnessCheckIn()
    check_out = CheckOutPanel()
    for page in (strip, check_in, check_out):
        qtbot.addWidget(page)
        page.resize(*SIZE)
        page.show()
        qtbot.waitExposed(page)
    return screen, {"home strip": strip, "check-in": check_in, "check-out": check_out}


def looks(screen, others) -> dict[str, str]:
    """The background each page and each tab of the review screen is drawn in."""
    seen = {name: drawn(page) for name, page in others.items()}
    for tab in range(3):
        screen.show_tab(tab)
        page = screen.tabs.currentWidget()
        seen[f"review tab {tab + 1}"] = drawn(screen, area_of(page, screen))
    seen["review screen"] = drawn(screen)
    return seen


def chart_colours(screen) -> dict[str, frozenset[str]]:
    overview, self_tests = screen.overview_tab, screen.self_tests_tab
    screen.show_tab(2)
    return {
        "weekly": axis_colours(overview.weekly_chart),
        "tightness": axis_colours(overview.tightness_chart),
        "self-tests": axis_colours(self_tests.chart),
    }


def test_every_history_page_changes_colour_with_the_theme_and_back(qtbot, pages):
    screen, others = pages
    dark = looks(screen, others)
    assert all(near(colour, DARK) for colour in dark.values()), dark
    dark_charts = chart_colours(screen)
    assert all(in_palette(colours, DARK) for colours in dark_charts.values()), dark_charts

    themes().set_theme("light")
    qtbot.wait(1)
    light = looks(screen, others)
    unchanged = [name for name in dark if light[name] == dark[name]]
    assert not unchanged, (dark, light)
    assert all(near(colour, LIGHT) for colour in light.values()), light
    light_charts = chart_colours(screen)
    assert all(in_palette(colours, LIGHT) for colours in light_charts.values()), light_charts
    assert all(light_charts[name] != dark_charts[name] for name in dark_charts)

    themes().set_theme("dark")
    qtbot.wait(1)
    assert looks(screen, others) == dark
    assert chart_colours(screen) == dark_charts


def test_dialogs_opened_later_come_in_the_theme_in_force(qtbot, store, loosening, make_review):
    themes().set_theme("light")
    screen = make_review(store)
    qtbot.keyClick(screen, Qt.Key.Key_L)  # the self-test dialog
    (dialog,) = [d for d in screen.findChildren(QWidget) if d.isWindow() and d.isVisible()]
    assert near(drawn(dialog), LIGHT)
    dialog.reject()
