"""Pictures show in both themes, and a missing one never leaves the card broken."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage

from supple import paths
from supple.ui.picture import ExercisePicture, load_picture, recolour
from supple.ui.theme import DARK, LIGHT, SVG_BODY


def render(widget, size=(400, 300)):
    widget.resize(*size)
    image = QImage(*size, QImage.Format.Format_ARGB32)
    image.fill(QColor(DARK.background))
    widget.render(image)
    return image


def inked(image, background):
    """How many pixels differ from the background: zero means nothing was drawn."""
    bg = QColor(background).rgb()
    return sum(
        1
        for y in range(0, image.height(), 3)
        for x in range(0, image.width(), 3)
        if image.pixel(x, y) != bg
    )


def test_an_exercise_picture_is_drawn(qtbot):
    picture = ExercisePicture()
    qtbot.addWidget(picture)
    picture.set_exercise("pelvic-tilt")
    assert picture.shown == "pelvic-tilt"
    assert inked(render(picture), DARK.background) > 100


def test_missing_picture_falls_back_to_the_generic_one(qtbot):
    assert paths.exercise_image("generic").is_file()
    picture = ExercisePicture()
    qtbot.addWidget(picture)
    picture.set_exercise("an-exercise-nobody-drew")
    assert picture.shown == "generic"
    assert inked(render(picture), DARK.background) > 100


def test_light_theme_swaps_the_stroke_colours():
    _, dark = load_picture("pelvic-tilt", DARK)
    _, light = load_picture("pelvic-tilt", LIGHT)
    assert SVG_BODY.encode() in dark
    assert SVG_BODY.lower().encode() not in light.lower()
    assert LIGHT.picture_body.encode() in light


def test_recolouring_ignores_letter_case():
    svg = b'<path stroke="#e8eef2"/><path stroke="#7A8A99"/><path fill="#4fd1c5"/>'
    out = recolour(svg, LIGHT).decode()
    assert out == (
        f'<path stroke="{LIGHT.picture_body}"/><path stroke="{LIGHT.picture_props}"/>'
        f'<path fill="{LIGHT.picture_arrows}"/>'
    )
    assert recolour(svg, DARK) == svg
