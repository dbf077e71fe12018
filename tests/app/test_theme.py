"""T restyles every page, including the ones built before the change (editor, history).

Each page is built first, the theme is changed with the T key on Home, and then every
page is shown and painted: its pixels must have turned from dark to light.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from supple.ui.main_window import Page
from supple.ui.theme import DARK, LIGHT
from tests.app.test_main import make_app  # noqa: F401  # the app fixture

K = Qt.Key


def lightness(widget) -> float:
    """The mean lightness (0 black .. 1 white) of a grid of pixels over the widget."""
    image = widget.grab().toImage()
    w, h = image.width(), image.height()
    values = [
        QColor(image.pixel(int(w * (x + 0.5) / 12), int(h * (y + 0.5) / 8))).lightnessF()
        for x in range(12)
        for y in range(8)
    ]
    return sum(values) / len(values)


def build_every_page(qtbot, app):
    window = app.window
    qtbot.keyClick(window, K.Key_E)
    assert window.current_page is Page.EDITOR
    qtbot.keyClick(window, K.Key_Escape)
    window.show_page(Page.HISTORY)
    assert window.current_page is Page.HISTORY
    window.go_home()
    qtbot.keyClick(window, K.Key_Return)  # the check-in question
    assert window.current_page is Page.CHECK_IN
    qtbot.keyClick(window, K.Key_Escape)  # skipped: the session runs
    assert window.current_page is Page.SESSION
    app.controller.end_now()
    assert window.current_page is Page.SUMMARY
    qtbot.keyClick(window, K.Key_Return)
    assert window.current_page is Page.HOME


PAGES = (Page.HOME, Page.CHECK_IN, Page.SUMMARY, Page.HISTORY, Page.EDITOR)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_built_before_the_theme_changes_follows_it(qtbot, make_app, page):  # noqa: F811
    app = make_app()
    window = app.window
    build_every_page(qtbot, app)
    window.stack.setCurrentWidget(window.page_widget(page))
    dark = lightness(window)
    assert dark < 0.35, f"{page} is not dark to begin with ({dark:.2f})"

    window.go_home()
    qtbot.keyClick(window, K.Key_T)
    assert app.settings.settings.theme == "light"
    window.stack.setCurrentWidget(window.page_widget(page))
    light = lightness(window)
    assert light > 0.65, f"{page} stayed dark after T ({light:.2f})"

    window.go_home()
    qtbot.keyClick(window, K.Key_T)
    window.stack.setCurrentWidget(window.page_widget(page))
    assert abs(lightness(window) - dark) < 0.05, f"{page} did not go back to dark"


def pixels_near(widget, colour: str, within: int = 24) -> int:
    """How many pixels of the widget are drawn in (about) ``colour``."""
    image = widget.grab().toImage()
    target = QColor(colour)
    count = 0
    for x in range(0, image.width(), 2):
        for y in range(0, image.height(), 2):
            c = QColor(image.pixel(x, y))
            if (
                max(
                    abs(c.red() - target.red()),
                    abs(c.green() - target.green()),
                    abs(c.blue() - target.blue()),
                )
                <= within
            ):
                count += 1
    return count


def test_the_session_page_follows_the_theme_too(qtbot, make_app):  # noqa: F811
    app = make_app()
    window = app.window
    window.set_check_in(None)
    qtbot.keyClick(window, K.Key_Return)
    qtbot.keyClick(window, K.Key_Space)  # paused, so nothing moves between the two looks
    picture = window.session_view.picture
    assert pixels_near(picture, DARK.picture_body) > 50
    dark = lightness(window)
    app.settings.update(theme="light")  # T is Home's key; the setting can change any time
    assert lightness(window) > 0.6 > dark
    # The exercise picture is drawn in the light theme's colours, not the dark one's.
    assert pixels_near(picture, LIGHT.picture_body) > 50
    assert pixels_near(picture, DARK.picture_body) == 0
