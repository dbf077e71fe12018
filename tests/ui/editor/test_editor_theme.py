"""The editor follows a theme change made anywhere in the app, while it is open."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from supple.ui.theme import palette_for
from supple.ui.theme_registry import themes

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

CIRCUIT = 1


@pytest.fixture
def light_then_dark():
    """Switch to the light theme in the test; the dark default comes back afterwards."""
    yield palette_for("light")
    themes().set_theme("dark")


def colours_in(widget) -> set[str]:
    image = widget.grab().toImage()
    return {
        QColor(image.pixel(x, y)).name().upper()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    }


def sidebar_colour(editor) -> str:
    """A pixel of the sidebar's own background (inside its left margin)."""
    image = editor.grab().toImage()
    return QColor(image.pixel(5, editor.height() // 2)).name().upper()


def test_a_theme_change_restyles_the_open_editor(editor, qtbot, light_then_dark):
    dark, light = palette_for("dark"), light_then_dark
    editor.select_path((CIRCUIT, 0))
    picture = editor.entry_panel.picture
    assert sidebar_colour(editor) == dark.surface.upper()
    assert dark.picture_body.upper() in colours_in(picture)

    themes().set_theme("light")
    qtbot.wait(10)

    assert f"background: {light.background}" in editor.styleSheet()
    assert sidebar_colour(editor) == light.surface.upper()
    assert light.picture_body.upper() in colours_in(picture)
    assert dark.picture_body.upper() not in colours_in(picture)
    assert editor.workspace.structure.delegate.palette == light
    assert editor.sidebar.delegate.palette == light
    assert editor.workspace.exercises.delegate.palette == light


def test_an_editor_built_in_the_light_theme_starts_light(qtbot, watcher, light_then_dark):
    from supple.ui.editor import RoutineEditor

    themes().set_theme("light")
    editor = RoutineEditor(watcher, routine_id="hamstring-reset")
    qtbot.addWidget(editor)
    editor.resize(1280, 720)
    editor.show()
    qtbot.waitExposed(editor)
    assert sidebar_colour(editor) == light_then_dark.surface.upper()


def test_the_exercise_picker_opens_in_the_theme_in_force(qtbot, light_then_dark):
    from supple.core.catalog import builtin_exercises
    from supple.ui.editor.dialogs import ExercisePicker

    themes().set_theme("light")
    picker = ExercisePicker([], list(builtin_exercises().values()))
    qtbot.addWidget(picker)
    assert picker.list.itemDelegate().palette == light_then_dark
