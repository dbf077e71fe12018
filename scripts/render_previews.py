"""Render every exercise picture onto the dark app background and tile them into one sheet.

The pictures are line-art meant to be read from across a room, so the only honest check is to
look at them the way the app shows them. Run from anywhere:

    QT_QPA_PLATFORM=offscreen python scripts/render_previews.py [--out DIR] [--width PX]

Writes one PNG per picture plus ``sheet.png`` (default folder: /tmp/supple-previews) and exits
with status 1 if any picture is invalid or makes Qt print a warning.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# No display needed: choose the platform before any Qt module loads.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (
    QMessageLogContext,
    QRectF,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

BACKGROUND = QColor("#11161C")
LABEL = QColor("#7A8A99")
EXERCISES = Path(__file__).resolve().parent.parent / "assets" / "exercises"
COLUMNS = 4
GAP = 12
LABEL_HEIGHT = 22

_messages: list[str] = []


def _collect(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if kind != QtMsgType.QtDebugMsg:
        _messages.append(message)


def render(svg: Path, width: int) -> tuple[QImage, list[str]]:
    """One picture at ``width`` x 3/4 ``width`` on the app background, and Qt's complaints."""
    _messages.clear()
    renderer = QSvgRenderer(str(svg))
    problems = list(_messages)
    if not renderer.isValid():
        problems.append("QSvgRenderer says the file is not valid")
    height = width * 3 // 4
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(BACKGROUND)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    problems.extend(_messages)
    return image, problems


def contact_sheet(tiles: list[tuple[str, QImage]]) -> QImage:
    """All pictures in a grid, each with its file name under it."""
    tile_w = tiles[0][1].width()
    tile_h = tiles[0][1].height()
    rows = (len(tiles) + COLUMNS - 1) // COLUMNS
    sheet = QImage(
        COLUMNS * (tile_w + GAP) + GAP,
        rows * (tile_h + LABEL_HEIGHT + GAP) + GAP,
        QImage.Format.Format_ARGB32,
    )
    sheet.fill(QColor("#0B0F13"))
    painter = QPainter(sheet)
    painter.setPen(LABEL)
    for index, (name, image) in enumerate(tiles):
        x = GAP + (index % COLUMNS) * (tile_w + GAP)
        y = GAP + (index // COLUMNS) * (tile_h + LABEL_HEIGHT + GAP)
        painter.drawImage(x, y, image)
        painter.drawText(
            QRectF(x, y + tile_h, tile_w, LABEL_HEIGHT),
            int(Qt.AlignmentFlag.AlignCenter),
            name,
        )
    painter.end()
    return sheet


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/supple-previews"))
    parser.add_argument("--width", type=int, default=400, help="width of each picture in px")
    args = parser.parse_args(argv)

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    qInstallMessageHandler(_collect)
    args.out.mkdir(parents=True, exist_ok=True)

    failures = 0
    tiles: list[tuple[str, QImage]] = []
    for svg in sorted(EXERCISES.glob("*.svg")):
        image, problems = render(svg, args.width)
        image.save(str(args.out / f"{svg.stem}.png"))
        tiles.append((svg.stem, image))
        status = "ok" if not problems else "PROBLEM: " + "; ".join(problems)
        failures += bool(problems)
        print(f"{svg.name:32} {status}")
    if not tiles:
        print(f"no pictures found in {EXERCISES}", file=sys.stderr)
        return 1
    sheet = args.out / "sheet.png"
    contact_sheet(tiles).save(str(sheet))
    print(f"{len(tiles)} pictures, sheet: {sheet}")
    del app
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
