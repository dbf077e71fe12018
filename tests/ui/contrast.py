"""WCAG contrast of the text a screen draws: each visible label's text colour against the
background it is drawn on (the most common colour of its area in the rendered window)."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel, QWidget

READABLE = 4.5
"""WCAG 2 AA for text."""


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio of two colours: 1 for the same, 21 for black on white."""

    def luminance(colour: QColor) -> float:
        channels = [colour.redF(), colour.greenF(), colour.blueF()]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _background(image: QImage, area: QRect) -> QColor:
    area = area.intersected(image.rect())
    counts = Counter(
        image.pixel(x, y)
        for y in range(area.top(), area.bottom() + 1, 2)
        for x in range(area.left(), area.right() + 1, 2)
    )
    return QColor(counts.most_common(1)[0][0])


def low_contrast_labels(root: QWidget, least: float = READABLE) -> list[str]:
    """Every visible label under ``root`` whose text stands out less than ``least`` from
    what is drawn behind it, as ``'text': ratio (colour on background)``."""
    image = root.grab().toImage()
    found = []
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root) or not label.text().strip() or label.width() < 2:
            continue
        if label.pixmap() is not None and not label.pixmap().isNull():
            continue
        top_left = label.mapTo(root, QPoint(0, 0))
        area = QRect(top_left, label.size())
        text = label.palette().color(label.foregroundRole())
        if not label.isEnabled():
            continue  # WCAG leaves out controls that cannot be used
        ground = _background(image, area)
        ratio = contrast(text, ground)
        if ratio < least:
            found.append(f"{label.text()[:40]!r}: {ratio:.2f} ({text.name()} on {ground.name()})")
    return found
