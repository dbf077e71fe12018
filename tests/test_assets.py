"""The exercise pictures and the app icon: present, valid for Qt, drawn, and in the house style.

The UI recolours pictures for the light theme by swapping the three palette colours, so a
picture that sneaks in another colour, a CSS block or a default black fill would look wrong
there; these tests catch that before a user does.
"""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from supple import paths
from supple.core.catalog import builtin_exercises

EXERCISE_IDS = (
    "leg-swing-front-back",
    "leg-swing-side-side",
    "hip-circle",
    "march-in-place",
    "pelvic-tilt",
    "hip-90-90-transition",
    "elevated-hip-hike",
    "knee-roll-90-90",
    "hamstring-curl",
    "dead-bug",
    "bird-dog",
    "side-plank",
    "foam-roll-hamstrings",
    "foam-roll-glutes",
    "breathing-90-90",
)
SECOND_POSITIONS = (
    "pelvic-tilt-phase-1",
    "elevated-hip-hike-phase-1",
    "knee-roll-90-90-phase-2",
    "hamstring-curl-phase-2",
    "hip-circle-phase-2",
)
"""Two-phase exercises picture the position their own picture does not show."""
VARIANTS = ("pelvic-tilt-supine", "pelvic-tilt-supine-phase-1")
"""Other ways to do an exercise, each with its own pictures."""
PICTURES = (*EXERCISE_IDS, *SECOND_POSITIONS, *VARIANTS, "generic")

BODY = "#E8EEF2"
PROP = "#7A8A99"
MOVE = "#4FD1C5"
PALETTE = {BODY, PROP, MOVE}
STROKE_WIDTHS = {BODY: 10.0, PROP: 6.0}

SVG_NS = "{http://www.w3.org/2000/svg}"
SHAPES = {"path", "polyline", "polygon", "circle", "ellipse", "rect", "line"}
ALLOWED_TAGS = SHAPES | {"svg", "g", "title", "desc"}
PAINT_ATTRIBUTES = ("fill", "stroke", "color", "stop-color", "solid-color")

ICON_DIR = paths.assets_dir() / "icons"
ROOT = Path(__file__).resolve().parent.parent
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)
APP_ID = "io.github.supple.Supple"


def picture(name: str) -> Path:
    return paths.exercise_image(name)


def local(tag: str) -> str:
    return tag.removeprefix(SVG_NS)


def render(svg: Path, width: int, height: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    assert renderer.isValid(), f"Qt cannot read {svg.name}"
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return image


def effective_paint(root: ET.Element) -> list[tuple[ET.Element, str, str, float | None]]:
    """(element, fill, stroke, stroke-width) for every shape, with SVG inheritance applied."""
    found = []

    def walk(node: ET.Element, fill: str, stroke: str, width: float | None) -> None:
        fill = node.get("fill", fill)
        stroke = node.get("stroke", stroke)
        width = float(node.get("stroke-width", width)) if node.get("stroke-width") else width
        if local(node.tag) in SHAPES:
            found.append((node, fill, stroke, width))
        for child in node:
            walk(child, fill, stroke, width)

    # SVG defaults: shapes are filled black and not stroked, stroke width 1.
    walk(root, "black", "none", 1.0)
    return found


@pytest.mark.parametrize("name", PICTURES)
def test_picture_is_an_svg_with_the_shared_view_box(name):
    svg = picture(name)
    assert svg.is_file(), f"missing picture {svg}"
    root = ET.parse(svg).getroot()
    assert local(root.tag) == "svg"
    assert root.get("viewBox", "").split() == ["0", "0", "400", "300"]


@pytest.mark.parametrize("name", PICTURES)
def test_qt_renders_the_picture_without_complaint(qapp, name):
    # pytest-qt fails the test on any Qt warning (qt_log_level_fail in pyproject.toml).
    image = render(picture(name), 400, 300)
    total = image.width() * image.height()
    drawn = sum(
        1 for y in range(0, 300, 2) for x in range(0, 400, 2) if image.pixelColor(x, y).alpha() > 0
    )
    body = sum(
        1
        for y in range(0, 300, 2)
        for x in range(0, 400, 2)
        if image.pixelColor(x, y).name().upper() == BODY and image.pixelColor(x, y).alpha() == 255
    )
    # Sampled every other pixel in both directions: a quarter of the image.
    assert drawn * 4 > total * 0.04, f"{name}: almost nothing is drawn"
    assert body * 4 > total * 0.015, f"{name}: no figure in the body colour"
    assert image.pixelColor(0, 0).alpha() == 0, f"{name}: the background must stay transparent"


@pytest.mark.parametrize("name", PICTURES)
def test_picture_uses_only_the_palette(name):
    root = ET.parse(picture(name)).getroot()
    for node in root.iter():
        for attribute in PAINT_ATTRIBUTES:
            value = node.get(attribute)
            if value is not None and value != "none":
                assert value in PALETTE, f"{name}: {attribute}={value} on <{local(node.tag)}>"
    for node, fill, stroke, _ in effective_paint(root):
        tag = local(node.tag)
        if tag != "line":  # a line has no inside, so its fill never shows
            assert fill in PALETTE | {"none"}, f"{name}: <{tag}> would be filled {fill}"
        assert stroke in PALETTE | {"none"}, f"{name}: <{tag}> stroke {stroke}"


@pytest.mark.parametrize("name", PICTURES)
def test_picture_keeps_to_what_the_qt_renderer_and_theming_support(name):
    text = picture(name).read_text(encoding="utf-8")
    root = ET.fromstring(text)
    for node in root.iter():
        tag = local(node.tag)
        assert tag in ALLOWED_TAGS, f"{name}: <{tag}> is not part of the house style"
        assert node.get("style") is None, f"{name}: style attribute on <{tag}>"
        assert node.get("transform") is None, f"{name}: transform on <{tag}>"
        for attribute in node.attrib:
            assert "href" not in attribute, f"{name}: external reference on <{tag}>"
    assert "url(" not in text, f"{name}: gradients, filters and markers are not allowed"


@pytest.mark.parametrize("name", PICTURES)
def test_figures_and_props_use_the_shared_line_weights(name):
    root = ET.parse(picture(name)).getroot()
    for node, _, stroke, width in effective_paint(root):
        if stroke in STROKE_WIDTHS:
            assert width == STROKE_WIDTHS[stroke], (
                f"{name}: <{local(node.tag)}> in {stroke} is {width} wide, "
                f"expected {STROKE_WIDTHS[stroke]}"
            )


def test_every_builtin_exercise_has_a_picture():
    missing = [
        exercise.id
        for exercise in builtin_exercises().values()
        if not paths.exercise_image(exercise.image_name).is_file()
    ]
    assert not missing, f"exercises without a picture: {missing}"


def test_every_builtin_variant_has_a_picture():
    missing = [
        f"{exercise.id} ({variant.id})"
        for exercise in builtin_exercises().values()
        for variant in exercise.variants
        if not paths.exercise_image(exercise.as_variant(variant.id).image_name).is_file()
    ]
    assert not missing, f"variants without a picture: {missing}"


def test_every_two_phase_exercise_pictures_both_positions():
    every_way = [
        exercise.as_variant(way)
        for exercise in builtin_exercises().values()
        for way in ("", *(v.id for v in exercise.variants))
    ]
    for exercise in every_way:
        if len(exercise.phases) != 2:
            continue
        own = [
            n for n in (1, 2) if paths.exercise_image(f"{exercise.image_name}-phase-{n}").is_file()
        ]
        assert len(own) == 1, f"{exercise.id}: one position in its picture, the other in its own"


def test_icon_is_a_valid_square_svg(qapp):
    svg = ICON_DIR / "supple.svg"
    root = ET.parse(svg).getroot()
    _, _, width, height = root.get("viewBox", "").split()
    assert width == height
    image = render(svg, 64, 64)
    assert image.pixelColor(32, 32).alpha() == 255, "the icon tile should be opaque in the middle"
    assert image.pixelColor(0, 0).alpha() == 0, "the icon's rounded corners should be clear"


def _render_icons_module() -> ModuleType:
    script = ROOT / "scripts" / "render_icons.py"
    spec = importlib.util.spec_from_file_location("render_icons", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_matches_the_svg(qapp, size):
    png = ICON_DIR / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert png.is_file(), f"missing {png}; run scripts/render_icons.py"
    stored = QImage(str(png)).convertToFormat(QImage.Format.Format_ARGB32)
    assert (stored.width(), stored.height()) == (size, size)
    module = _render_icons_module()
    fresh = module.render(QSvgRenderer(str(ICON_DIR / "supple.svg")), size).convertToFormat(
        QImage.Format.Format_ARGB32
    )
    step = max(1, size // 64)
    worst = 0
    for y in range(0, size, step):
        for x in range(0, size, step):
            a, b = stored.pixelColor(x, y), fresh.pixelColor(x, y)
            worst = max(
                worst,
                abs(a.red() - b.red()),
                abs(a.green() - b.green()),
                abs(a.blue() - b.blue()),
                abs(a.alpha() - b.alpha()),
            )
    assert worst <= 8, f"{png.name} at {size} px is out of date; run scripts/render_icons.py"
