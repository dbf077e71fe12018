"""Exercise pictures: line-art SVGs recoloured for the theme and drawn at any size.

The pictures are drawn for a dark background; for the light theme their few
stroke colours are swapped before rendering. A missing or unreadable picture
falls back to the generic one, and with no picture at all the card stays empty
rather than breaking the session.
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from supple import paths
from supple.ui.theme import DARK, SVG_ARROWS, SVG_BODY, SVG_PROPS, Palette

GENERIC = "generic"


@lru_cache(maxsize=64)
def _read(name: str) -> bytes | None:
    try:
        return paths.exercise_image(name).read_bytes()
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


def load_picture(name: str, palette: Palette) -> tuple[str, bytes | None]:
    """The picture to show for ``name``: its own if it exists, else the generic one."""
    for candidate in (name, GENERIC):
        if not candidate:
            continue
        data = _read(candidate)
        if data is not None:
            return candidate, recolour(data, palette)
    return "", None


class ExercisePicture(QWidget):
    """Draws one exercise picture as large as fits, keeping its proportions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wanted = ""
        self._shown = ""
        self._palette = DARK
        self._renderer = QSvgRenderer(self)
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

    def set_exercise(self, image_name: str) -> None:
        if image_name != self._wanted:
            self._wanted = image_name
            self._reload()

    def set_palette(self, palette: Palette) -> None:
        if palette != self._palette:
            self._palette = palette
            self._reload()

    def _reload(self) -> None:
        shown, data = load_picture(self._wanted, self._palette)
        if data is None or not self._renderer.load(QByteArray(data)):
            shown, data = load_picture(GENERIC, self._palette)
            if data is None or not self._renderer.load(QByteArray(data)):
                shown = ""
        self._shown = shown
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._shown or not self._renderer.isValid():
            return
        box = self._renderer.viewBoxF()
        if box.isEmpty():
            box = QRectF(0, 0, 4, 3)
        area = QRectF(self.rect())
        scale = min(area.width() / box.width(), area.height() / box.height())
        width, height = box.width() * scale, box.height() * scale
        target = QRectF(
            area.x() + (area.width() - width) / 2,
            area.y() + (area.height() - height) / 2,
            width,
            height,
        )
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer.render(painter, target)
