"""The session screen's backdrop: one colour per kind of step, the side's edge, the 3-2-1 flash.

Colour carries the state, so a glance from the mat (or the corner of the eye) tells work
from rest, get-ready and side switch, and which side is working, without reading a word.
It paints behind the screen's text, which sits on it directly; `ui.theme` picks every
background so that text keeps a contrast of at least 4.5:1 on it.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from supple.core.model import Side
from supple.core.plan import StepKind
from supple.ui.theme import DARK, Palette

FLASH_MS = 450
EDGE = 14
"""The side's edge and the flash's frame, in pixels at unit 1 (inside the layouts' margins)."""


def background(palette: Palette, kind: StepKind) -> str:
    """The colour the session screen is filled with during a step of ``kind``."""
    return {
        StepKind.WORK: palette.work_bg,
        StepKind.REST: palette.rest_bg,
        StepKind.GET_READY: palette.get_ready_bg,
        StepKind.SIDE_SWITCH: palette.switch_bg,
    }[kind]


def signal_colour(palette: Palette, kind: StepKind) -> str:
    """The bright colour of a kind of step: its counter's, its kicker's and its flash's."""
    return palette.accent if kind is StepKind.WORK else palette.rest


def side_colour(palette: Palette, side: Side) -> str | None:
    return {Side.LEFT: palette.left, Side.RIGHT: palette.right}.get(side)


def mix(base: str, other: str, amount: float) -> QColor:
    """``base`` moved ``amount`` (0 to 1) of the way to ``other``."""
    a, b = QColor(base), QColor(other)
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


class Backdrop(QWidget):
    """Fills its parent behind everything else; transparent to the mouse."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._palette = DARK
        self._kind = StepKind.GET_READY
        self._side = Side.NONE
        self._unit = 1.0
        self._flash = 0.0
        self._fade = QVariantAnimation(self)
        self._fade.setDuration(FLASH_MS)
        self._fade.setStartValue(1.0)
        self._fade.setEndValue(0.0)
        self._fade.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._fade.valueChanged.connect(self.on_fade)

    @property
    def flash_level(self) -> float:
        """1 at the instant of a 3-2-1 flash, fading to 0."""
        return self._flash

    def show_step(self, kind: StepKind, side: Side) -> None:
        if (kind, side) != (self._kind, self._side):
            self._kind, self._side = kind, side
            self.update()

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self.update()

    def set_unit(self, unit: float) -> None:
        self._unit = unit
        self.update()

    def flash(self) -> None:
        self._fade.stop()
        self._flash = 1.0
        self._fade.start()
        self.update()

    def stop_flash(self) -> None:
        self._fade.stop()
        self.on_fade(0.0)

    def on_fade(self, value: object) -> None:
        self._flash = float(value)  # type: ignore[arg-type]  # the animation runs on floats
        self.update()

    def background_colour(self) -> QColor:
        p = self._palette
        return mix(background(p, self._kind), p.flash_bg, self._flash)

    def side_edge(self) -> QRectF:
        """The band along the window's edge on the working side (empty without one)."""
        if side_colour(self._palette, self._side) is None:
            return QRectF()
        edge, rect = self._edge(), QRectF(self.rect())
        x = 0.0 if self._side is Side.LEFT else rect.width() - edge
        return QRectF(x, 0, edge, rect.height())

    def _edge(self) -> float:
        return max(3.0, EDGE * self._unit)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect())
        painter.fillRect(rect, self.background_colour())
        colour = side_colour(self._palette, self._side)
        if colour is not None:
            painter.fillRect(self.side_edge(), QColor(colour))
        edge = self._edge()
        if self._flash > 0:
            frame = QColor(signal_colour(self._palette, self._kind))
            frame.setAlphaF(self._flash)
            painter.setPen(
                QPen(
                    frame,
                    edge,
                    Qt.PenStyle.SolidLine,
                    Qt.PenCapStyle.SquareCap,
                    Qt.PenJoinStyle.MiterJoin,
                )
            )
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(edge / 2, edge / 2, -edge / 2, -edge / 2))
