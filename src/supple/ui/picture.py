"""Exercise pictures: the built-in line art, and pictures users gave their own exercises.

The built-in pictures are SVGs drawn for a dark background; for the light theme their
few stroke colours are swapped before rendering. A routine's own exercise can have a
picture of its own (an SVG or a PNG in the routines' pictures folder, put there by the
editor or an import); those are shown as they are. A picture is always drawn as large
as fits, keeping its proportions. A missing or unreadable picture falls back to the
generic one, and with no picture at all the card stays empty rather than breaking the
session.
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QByteArray, QObject, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from supple import paths
from supple.storage import routine_store
from supple.ui.theme import DARK, SVG_ARROWS, SVG_BODY, SVG_PROPS, Palette

GENERIC = "generic"
RASTER_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
"""PNG and JPEG files start with these bytes; anything else is tried as SVG first."""


@lru_cache(maxsize=64)
def _read(name: str) -> bytes | None:
    try:
        return paths.exercise_image(name).read_bytes()
    except OSError:
        return None


def _read_users(name: str) -> bytes | None:
    """The user's own picture of that name (read afresh: the editor may replace it)."""
    found = routine_store.find_picture(name)
    if found is None:
        return None
    try:
        if found.stat().st_size > routine_store.MAX_PICTURE_BYTES:
            return None
        return found.read_bytes()
    except OSError:
        return None


def recolour(svg: bytes, palette: Palette) -> bytes:
    """Swap the pictures' dark-theme stroke colours for ``palette``'s."""
    swaps = {
        SVG_BODY.lower(): palette.picture_body,
        SVG_PROPS.lower(): palette.picture_props,
        SVG_ARROWS.lower(): palette.picture_arrows,
    }
    if all(old == new.lower() for old, new in swaps.items()):
        return svg
    pattern = re.compile("|".join(re.escape(c) for c in swaps).encode(), re.IGNORECASE)
    return pattern.sub(lambda m: swaps[m.group(0).decode().lower()].encode(), svg)


def phase_picture(name: str, phase: int) -> str:
    """The name of the picture of one position of a movement: ``pelvic-tilt-phase-1``.

    An exercise's own picture shows one of its positions; only the other one needs a
    picture of its own, and a position without one shows the exercise's picture.
    """
    return f"{name}-phase-{phase}"


def load_picture(name: str, palette: Palette, phase: int = 0) -> tuple[str, bytes | None]:
    """The picture to show for ``name`` and its bytes (SVG, PNG or JPEG): the built-in
    picture of that name, else the user's own picture of that name, else the generic one.
    With a ``phase`` (1, 2...), that position's picture comes first, if there is one.

    Built-in names come first, so a file dropped into the pictures folder never changes
    what a built-in exercise looks like (the editor never gives a user's picture such a
    name either).
    """
    first = (phase_picture(name, phase),) if phase and name else ()
    for candidate in (*first, name, GENERIC):
        if not candidate:
            continue
        data = _read(candidate)
        if data is not None:
            return candidate, recolour(data, palette)
        users = _read_users(candidate)
        if users is not None:
            return candidate, users
    return "", None


class PictureDrawing:
    """One picture ready to draw into any box: an SVG stays sharp at every size, a PNG or
    JPEG is scaled smoothly; both keep their proportions and sit in the box's middle."""

    def __init__(self, parent: QObject | None = None) -> None:
        # QSvgRenderer(None) would pick the constructor that reads from a null stream.
        self._svg = QSvgRenderer(parent) if parent is not None else QSvgRenderer()
        self._image = QImage()
        self._is_svg = False

    @property
    def is_empty(self) -> bool:
        return not self._is_svg and self._image.isNull()

    def clear(self) -> None:
        self._is_svg = False
        self._image = QImage()

    def load(self, data: bytes) -> bool:
        """Take a picture's bytes; ``False`` (and nothing to draw) when they are no picture."""
        self.clear()
        if not data:
            return False
        if not data.startswith(RASTER_SIGNATURES) and self._svg.load(QByteArray(data)):
            self._is_svg = True
            return True
        image = QImage.fromData(data)
        if image.isNull():
            return False
        self._image = image
        return True

    def target(self, area: QRectF) -> QRectF:
        """Where the picture goes inside ``area``: as large as fits, centred."""
        if self._is_svg:
            box = self._svg.viewBoxF()
            width, height = (4.0, 3.0) if box.isEmpty() else (box.width(), box.height())
        else:
            width, height = float(self._image.width()), float(self._image.height())
        if width <= 0 or height <= 0 or area.isEmpty():
            return QRectF()
        scale = min(area.width() / width, area.height() / height)
        width, height = width * scale, height * scale
        return QRectF(
            area.x() + (area.width() - width) / 2,
            area.y() + (area.height() - height) / 2,
            width,
            height,
        )

    def paint(self, painter: QPainter, area: QRectF) -> None:
        target = self.target(area)
        if self.is_empty or target.isEmpty():
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if self._is_svg:
            self._svg.render(painter, target)
        else:
            painter.drawImage(target, self._image)


class ExercisePicture(QWidget):
    """Draws one exercise picture as large as fits, keeping its proportions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wanted = ""
        self._phase = 0
        self._shown = ""
        self._palette = DARK
        self._drawing = PictureDrawing(self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)

    @property
    def shown(self) -> str:
        """The picture on screen: its own, ``generic`` when it has none, or empty."""
        return self._shown

    def sizeHint(self) -> QSize:
        return QSize(400, 300)

    def minimumSizeHint(self) -> QSize:
        return QSize(40, 30)

    def set_exercise(self, image_name: str, phase: int = 0) -> None:
        """Show an exercise's picture, or with ``phase`` (1, 2...) one position of it."""
        if (image_name, phase) != (self._wanted, self._phase):
            self._wanted, self._phase = image_name, phase
            self._reload()

    def set_palette(self, palette: Palette) -> None:
        if palette != self._palette:
            self._palette = palette
            self._reload()

    def picture_rect(self) -> QRectF:
        """Where the picture is drawn in this widget (empty when nothing is shown)."""
        return self._drawing.target(QRectF(self.rect())) if self._shown else QRectF()

    def _reload(self) -> None:
        shown, data = load_picture(self._wanted, self._palette, self._phase)
        if data is None or not self._drawing.load(data):
            shown, data = load_picture(GENERIC, self._palette)
            if data is None or not self._drawing.load(data):
                shown = ""
        self._shown = shown
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._shown:
            return
        painter = QPainter(self)
        self._drawing.paint(painter, QRectF(self.rect()))
