"""Pictures show in both themes, and a missing one never leaves the card broken."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from supple import paths
from supple.core.library import load_library
from supple.core.model import Block, Category, Entry, Exercise, Kind, Routine
from supple.storage import routine_store
from supple.ui.picture import ExercisePicture, PictureDrawing, load_picture, recolour
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


# --- pictures of one's own exercises -------------------------------------------------

PNG_COLOUR = QColor("#d0306a")
"""Far from every theme colour, so a pixel of it can only come from the user's PNG."""


def write_png(path, colour=PNG_COLOUR, size=(60, 40)):
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(colour)
    assert image.save(str(path), "PNG")
    return path


def routine_with_own_picture(picture):
    """A user routine whose own exercise has ``picture``, saved the way the editor saves."""
    bridge = Exercise(
        "physio-bridge",
        "Physio bridge",
        Category.STRENGTH,
        Kind.TIMED,
        seconds=20,
        cues=("Squeeze the glutes",),
    )
    routine = Routine(
        id="physio-plan",
        name="Physio plan",
        get_ready_seconds=5,
        exercises=(bridge,),
        blocks=(Block(name="Physio", entries=(Entry("physio-bridge"),)),),
    )
    saved, _file = routine_store.save_routine(routine, pictures={"physio-bridge": picture})
    return load_library(paths.routines_dir()).find(saved.id)


def colour_at_middle(widget, rect):
    image = widget.grab().toImage()
    ratio = image.devicePixelRatio()
    middle = rect.center()
    return image.pixelColor(round(middle.x() * ratio), round(middle.y() * ratio))


def test_an_own_exercise_shows_its_png_in_the_session(qtbot, make_window, tmp_path):
    routine = routine_with_own_picture(write_png(tmp_path / "from-my-physio.png"))
    [bridge] = routine.exercises
    assert routine_store.find_picture(bridge.image_name).suffix == ".png"

    window = make_window(routine)
    window.start_session(routine)
    picture = window.session_view.picture
    qtbot.waitUntil(lambda: window.session_view.name_label.text() == "Physio bridge")
    assert picture.shown == bridge.image_name
    shown_at = picture.picture_rect()
    assert shown_at.width() > 60 and shown_at.height() > 40, "scaled up to fill the card"
    assert abs(shown_at.width() / shown_at.height() - 60 / 40) < 0.02, "in proportion"
    assert colour_at_middle(picture, shown_at) == PNG_COLOUR
    window.controller.end_now()


def test_an_own_svg_picture_is_shown_as_drawn(qtbot, tmp_path):
    drawing = tmp_path / "bridge.svg"
    drawing.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30">'
        '<rect width="40" height="30" fill="#d0306a"/></svg>',
        encoding="utf-8",
    )
    [bridge] = routine_with_own_picture(drawing).exercises
    picture = ExercisePicture()
    qtbot.addWidget(picture)
    picture.resize(400, 300)
    picture.set_palette(LIGHT)  # the user's colours are theirs: never swapped
    picture.set_exercise(bridge.image_name)
    assert picture.shown == bridge.image_name
    assert colour_at_middle(picture, picture.picture_rect()) == PNG_COLOUR


def test_a_built_in_picture_wins_over_a_file_of_the_same_name(qtbot):
    folder = routine_store.pictures_dir()
    folder.mkdir(parents=True)
    write_png(folder / "pelvic-tilt.png")
    shown, data = load_picture("pelvic-tilt", DARK)
    assert shown == "pelvic-tilt" and data.lstrip().startswith(b"<")


def test_a_broken_own_picture_falls_back_to_the_generic_one(qtbot):
    folder = routine_store.pictures_dir()
    folder.mkdir(parents=True)
    (folder / "torn-photo.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    picture = ExercisePicture()
    qtbot.addWidget(picture)
    picture.set_exercise("torn-photo")
    assert picture.shown == "generic"
    assert inked(render(picture), DARK.background) > 100


def test_a_jpeg_is_drawn_like_a_png(qtbot, tmp_path):
    photo = QImage(30, 60, QImage.Format.Format_RGB32)
    photo.fill(QColor("#2040e0"))
    jpeg = QByteArray()
    buffer = QBuffer(jpeg)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert photo.save(buffer, "JPEG", 95)
    drawing = PictureDrawing()
    assert drawing.load(bytes(jpeg.data()))
    target = drawing.target(QRectF(0, 0, 300, 300))
    assert (round(target.width()), round(target.height())) == (150, 300)
    canvas = QImage(300, 300, QImage.Format.Format_ARGB32)
    canvas.fill(QColor(DARK.background))
    painter = QPainter(canvas)
    drawing.paint(painter, QRectF(0, 0, 300, 300))
    painter.end()
    middle = canvas.pixelColor(150, 150)
    assert abs(middle.blue() - 0xE0) < 12 and abs(middle.red() - 0x20) < 12
    assert canvas.pixelColor(20, 150) == QColor(DARK.background), "nothing drawn beside it"


def test_a_position_of_a_movement_shows_its_own_picture_or_the_exercise_s(qtbot):
    picture = ExercisePicture()
    qtbot.addWidget(picture)
    picture.set_exercise("pelvic-tilt", 1)
    assert picture.shown == "pelvic-tilt-phase-1"
    first = render(picture)
    picture.set_exercise("pelvic-tilt", 2)  # the exercise's own picture shows this one
    assert picture.shown == "pelvic-tilt"
    assert render(picture) != first
    picture.set_exercise("march-in-place", 1)
    assert picture.shown == "march-in-place"
