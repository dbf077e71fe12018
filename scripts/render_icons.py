"""Regenerate the PNG app icons from supple.svg for the freedesktop hicolor theme.

Desktop environments pick the PNG closest to the size they need, so each size is rendered
straight from the vector file rather than scaled from a big bitmap. Run after editing the SVG:

    QT_QPA_PLATFORM=offscreen python assets/icons/render_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# No display needed: choose the platform before any Qt module loads.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

APP_ID = "io.github.supple.Supple"
SIZES = (16, 32, 48, 64, 128, 256, 512)
HERE = Path(__file__).resolve().parent.parent / "assets" / "icons"
SOURCE = HERE / "supple.svg"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The icon at ``size`` x ``size`` pixels on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def target(size: int, root: Path = HERE) -> Path:
    return root / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"{SOURCE} is not a valid SVG; fix it and run again", file=sys.stderr)
        return 1
    for size in SIZES:
        path = target(size)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not render(renderer, size).save(str(path)):
            print(f"could not write {path}", file=sys.stderr)
            return 1
        print(path.relative_to(HERE))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
