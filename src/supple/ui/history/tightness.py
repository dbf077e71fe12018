"""A 0-10 scale of big buttons for "how tight do your hamstrings feel?", keyboard first.

Number keys pick a value (1 then 0 quickly gives 10), the arrow keys move it,
Home and End jump to the ends, Backspace clears it. The scale claims these keys
before the window's own shortcuts (arrows skip and go back during a session),
so they work while the scale has the focus.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from supple.core.i18n import _
from supple.ui.theme import DARK, Palette, font
from supple.ui.theme_registry import join

__all__ = ["TEN_WINDOW_MS", "RatingScale", "TightnessScale"]

K = Qt.Key
TEN_WINDOW_MS = 1200
"""How soon after "1" a "0" makes 10 rather than 0."""
# Keyed by the plain number QKeyEvent.key() gives.
_DIGITS: dict[int, int] = {getattr(K, f"Key_{n}").value: n for n in range(10)}
_MOVES: dict[int, int] = {
    K.Key_Left.value: -1,
    K.Key_Down.value: -1,
    K.Key_Right.value: 1,
    K.Key_Up.value: 1,
}
_ENDS = {K.Key_Home.value, K.Key_End.value}
_OWN_KEYS = {*_DIGITS, *_MOVES, *_ENDS, K.Key_Backspace.value, K.Key_Delete.value}


class TightnessScale(QWidget):
    """Eleven cells from 0 (loose) to 10 (very tight); ``value`` is None until one is picked."""

    value_changed = Signal(object)
    """``int`` 0-10, or ``None`` when cleared."""

    def __init__(
        self, cell: float = 64, parent: QWidget | None = None, *, low: int = 0, high: int = 10
    ) -> None:
        super().__init__(parent)
        self._low, self._high = low, high
        self._value: int | None = None
        self._cell = cell
        self._unit = 1.0
        self._palette = DARK
        self._typed_one = QElapsedTimer()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(_("Tightness from 0, loose, to 10, very tight"))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.set_unit(1.0)
        join(self)

    @property
    def value(self) -> int | None:
        return self._value

    def set_value(self, value: int | None) -> None:
        if value is not None and not self._low <= value <= self._high:
            raise ValueError(f"the answer must be {self._low} to {self._high}, got {value}")
        if value != self._value:
            self._value = value
            described = (
                _("not answered")
                if value is None
                else _("{done} of {planned}").format(done=value, planned=self._high)
            )
            self.setAccessibleDescription(described)
            self.update()
            self.value_changed.emit(value)

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self.update()

    def _ring(self) -> float:
        """Room around the cells for the focus ring."""
        return max(3.0, 5 * self._unit)

    def set_unit(self, unit: float) -> None:
        self._unit = unit
        self.setFixedHeight(round(self._cell * unit + 2 * self._ring()))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        side = round(self._cell * self._unit)
        count = self._high - self._low + 1
        return QSize(side * count + round(8 * self._unit) * (count - 1), self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(round((self._high - self._low + 1) * 24 * self._unit), self.height())

    # --- geometry ------------------------------------------------------------------------

    def _cells(self) -> list[QRectF]:
        ring = self._ring()
        gap = max(2.0, 8 * self._unit * min(1.0, self._cell / 64), 2 * ring + 2)
        height = float(self.height()) - 2 * ring
        count = self._high - self._low + 1
        width = min(height * 1.35, (self.width() - 2 * ring - gap * (count - 1)) / count)
        total = width * count + gap * (count - 1)
        left = (self.width() - total) / 2
        return [QRectF(left + i * (width + gap), ring, width, height) for i in range(count)]

    def value_at(self, x: float, y: float) -> int | None:
        for value, rect in enumerate(self._cells(), start=self._low):
            if rect.contains(x, y):
                return value
        return None

    # --- input ---------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if _claims(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if not _plain(event) or key not in _OWN_KEYS:
            super().keyPressEvent(event)
            return
        if key in _DIGITS:
            digit = _DIGITS[key]
            timer = self._typed_one
            if digit == 0 and self._value == 1 and timer.isValid() and self._high >= 10:
                digit = 10 if timer.elapsed() <= TEN_WINDOW_MS else 0
            self._typed_one.invalidate()
            if digit == 1:
                self._typed_one.start()
            if self._low <= digit <= self._high:
                self.set_value(digit)
        elif key in _MOVES:
            middle = (self._low + self._high) // 2
            start = self._value if self._value is not None else middle - _MOVES[key]
            self.set_value(max(self._low, min(self._high, start + _MOVES[key])))
        elif key in _ENDS:
            self.set_value(self._low if key == K.Key_Home.value else self._high)
        else:
            self.set_value(None)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        value = self.value_at(event.position().x(), event.position().y())
        if value is not None:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.set_value(value)
            event.accept()
            return
        super().mousePressEvent(event)

    # --- look ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p, u = self._palette, self._unit
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        cells = self._cells()
        size = cells[0].height()
        painter.setFont(font(size * 0.42, QFont.Weight.Bold))
        radius = size * 0.2
        for value, rect in enumerate(cells, start=self._low):
            chosen = value == self._value
            painter.setPen(
                QPen(QColor(p.accent if chosen else p.border), max(1.0, (2 if chosen else 1) * u))
            )
            painter.setBrush(QColor(p.accent if chosen else p.raised))
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), radius, radius)
            painter.setPen(QColor(p.on_accent if chosen else p.text))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(value))
        if self.hasFocus():
            target = cells[self._value - self._low] if self._value is not None else None
            pen = QPen(QColor(p.text), max(1.5, 2 * u))
            pen.setStyle(Qt.PenStyle.DotLine if target is None else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            ring = self._ring() - 1
            if target is not None:
                painter.drawRoundedRect(target.adjusted(-ring, -ring, ring, ring), radius, radius)
            else:
                whole = cells[0].united(cells[-1]).adjusted(-ring, -ring, ring, ring)
                painter.drawRoundedRect(whole, radius, radius)


def _plain(event: QKeyEvent) -> bool:
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return modifiers == Qt.KeyboardModifier.NoModifier


def _claims(event: QEvent) -> bool:
    """A key the scale handles itself, asked about before the window's shortcuts run."""
    return (
        event.type() == QEvent.Type.ShortcutOverride
        and isinstance(event, QKeyEvent)
        and _plain(event)
        and event.key() in _OWN_KEYS
    )


class RatingScale(TightnessScale):
    """How a session felt, five cells from 1 (hard going) to 5 (felt great)."""

    def __init__(self, cell: float = 42, parent: QWidget | None = None) -> None:
        super().__init__(cell, parent, low=1, high=5)
        self.setAccessibleName(_("How the session felt, from 1, hard going, to 5, felt great"))
