"""Small building blocks shared by the views: labels that scale and never clip, key buttons,
progress bars and the slots other parts of the app fill in.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOption,
    QVBoxLayout,
    QWidget,
)

from supple.ui.theme import font, set_role

MIN_PIXELS = 6


def scale_layout(
    widget: QWidget,
    unit: float,
    margins: tuple[float, float, float, float] | None = None,
    spacing: float | None = None,
) -> None:
    """Set a widget's layout margins (left, top, right, bottom) and spacing at ``unit``."""
    layout = widget.layout()
    if layout is None:
        return
    if margins is not None:
        left, top, right, bottom = (round(value * unit) for value in margins)
        layout.setContentsMargins(left, top, right, bottom)
    if spacing is not None:
        layout.setSpacing(round(spacing * unit))


class FitLabel(QLabel):
    """A label sized from the window's unit that shrinks its font rather than clip its text.

    ``size`` is the font's pixel size at unit 1.0 (a 1280x720 window). ``lines`` above one
    wraps words; ``sample`` is a text at least as wide as anything the label will show
    (e.g. ``"88 / 20"``), so a counter keeps one size while its digits change.
    """

    def __init__(
        self,
        text: str = "",
        *,
        size: float,
        weight: QFont.Weight = QFont.Weight.Normal,
        lines: int = 1,
        sample: str = "",
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        role: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._size = size
        self._weight = weight
        self._lines = lines
        self._sample = sample
        self._unit = 1.0
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(align)
        self.setWordWrap(lines > 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFont(font(self.target_pixels(), weight))
        if role:
            set_role(self, role)
        self.setText(text)

    # --- sizing ------------------------------------------------------------------------

    def target_pixels(self) -> int:
        return max(1, round(self._size * self._unit))

    def set_unit(self, unit: float) -> None:
        if unit != self._unit:
            self._unit = unit
            self.updateGeometry()
            self._refit()

    def set_size(self, size: float) -> None:
        if size != self._size:
            self._size = size
            self.updateGeometry()
            self._refit()

    def set_sample(self, sample: str) -> None:
        if sample != self._sample:
            self._sample = sample
            self._refit()

    def setText(self, text: str) -> None:
        if text != self.text():
            super().setText(text)
        self._refit()

    def line_height(self, pixels: int | None = None) -> int:
        return QFontMetrics(font(pixels or self.target_pixels(), self._weight)).height()

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(font(self.target_pixels(), self._weight))
        margins = self.contentsMargins()
        extra_w = margins.left() + margins.right()
        extra_h = margins.top() + margins.bottom()
        widest = max(
            (metrics.horizontalAdvance(line) for line in self._measured().splitlines() or [""]),
            default=0,
        )
        if self._lines > 1:
            widest = math.ceil(widest / self._lines)
        return QSize(widest + extra_w + 2, metrics.height() * self._lines + extra_h)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.sizeHint().height())

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]  # QResizeEvent, passed through
        self._refit()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]  # QShowEvent, passed through
        self._refit()

    def _measured(self) -> str:
        text = self.text()
        if not self._sample:
            return text
        metrics = QFontMetrics(font(100, self._weight))
        return max(text, self._sample, key=metrics.horizontalAdvance)

    def fits(self, pixels: int) -> bool:
        """Whether the text (and sample) fit this label's current size at ``pixels``."""
        rect = self.contentsRect()
        metrics = QFontMetrics(font(pixels, self._weight))
        text = self._measured()
        if self._lines == 1:
            return metrics.horizontalAdvance(text) <= rect.width()
        needed = metrics.boundingRect(
            QRect(0, 0, max(1, rect.width()), 1_000_000), Qt.TextFlag.TextWordWrap, text
        )
        return needed.width() <= rect.width() and needed.height() <= self._lines * self.line_height(
            self.target_pixels()
        )

    def _refit(self) -> None:
        if not self.isVisible() or self.contentsRect().width() <= 0:
            return  # a hidden label is fitted when it is shown
        pixels = self.target_pixels()
        if self._lines == 1 and not self.fits(pixels):
            advance = QFontMetrics(font(pixels, self._weight)).horizontalAdvance(self._measured())
            pixels = max(
                MIN_PIXELS, math.floor(pixels * self.contentsRect().width() / max(1, advance))
            )
        while pixels > MIN_PIXELS and not self.fits(pixels):
            pixels -= max(1, pixels // 25)
        if self.font().pixelSize() != pixels or self.font().weight() != self._weight:
            self.setFont(font(pixels, self._weight))


class KeyButton(QAbstractButton):
    """An on-screen button that shows the key doing the same thing: ``[Space] Pause``.

    Clicking it triggers ``action``, so the button and the keyboard run one code path.
    ``padding`` is the space left and right of the contents at unit 1; with ``shrink``
    off, a cramped row cannot make this button's caption smaller than its size.
    """

    def __init__(
        self,
        key: str,
        text: str,
        action: QAction | None = None,
        *,
        primary: bool = False,
        size: float = 17,
        padding: float | None = None,
        shrink: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._action = action
        self._primary = primary
        self._size = size
        self._padding = padding if padding is not None else 18 if primary else 12
        self._shrink = shrink
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        weight = QFont.Weight.Bold if primary else QFont.Weight.DemiBold
        self.keycap = FitLabel(
            key,
            size=size * 0.82,
            weight=QFont.Weight.Bold,
            role="keycap",
            align=Qt.AlignmentFlag.AlignCenter,
        )
        self.label = FitLabel(text, size=size, weight=weight)
        for child in (self.keycap, self.label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.keycap.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._layout = layout = QHBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.keycap)
        layout.addWidget(self.label)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        set_role(self, "primary" if primary else "key")
        self.setAccessibleName(f"{text} ({key})")
        if action is not None:
            self.clicked.connect(action.trigger)
            action.enabledChanged.connect(self.setEnabled)
            self.setEnabled(action.isEnabled())
        self.set_unit(1.0)

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(f"{text} ({self.keycap.text()})")
        self.updateGeometry()

    def text_shown(self) -> str:
        return self.label.text()

    def set_unit(self, unit: float) -> None:
        self.keycap.set_unit(unit)
        self.label.set_unit(unit)
        pad = round(self._padding * unit)
        layout = self._layout
        layout.setContentsMargins(pad, round(8 * unit), pad, round(8 * unit))
        layout.setSpacing(round(10 * unit))
        cap_h = self.keycap.line_height() + round(6 * unit)
        cap_w = QFontMetrics(
            font(self.keycap.target_pixels(), QFont.Weight.Bold)
        ).horizontalAdvance(self.keycap.text()) + round(18 * unit)
        self.keycap.setFixedSize(max(cap_w, cap_h), cap_h)
        height = round((self._size * 3.4 if self._primary else self._size * 2.6) * unit)
        self.setFixedHeight(max(height, cap_h + round(12 * unit)))
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        return super().minimumSizeHint() if self._shrink else self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        option = QStyleOption()
        option.initFrom(self)
        if self.isDown():
            option.state |= QStyle.StateFlag.State_Sunken  # type: ignore[attr-defined]  # 6.9 stubs lack it
        painter = QPainter(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, self)


class ProgressBar(QWidget):
    """A thick rounded bar; paints only itself, so animating it costs next to nothing."""

    def __init__(self, thickness: float = 10, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self._thickness = thickness
        self._fill = QColor("#4FD1C5")
        self._track = QColor("#2E3A47")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_unit(1.0)

    @property
    def fraction(self) -> float:
        return self._fraction

    def set_unit(self, unit: float) -> None:
        self.setFixedHeight(max(2, round(self._thickness * unit)))

    def set_colors(self, fill: str, track: str) -> None:
        self._fill = QColor(fill)
        self._track = QColor(track)
        self.update()

    def set_fraction(self, fraction: float) -> None:
        fraction = max(0.0, min(1.0, fraction))
        if abs(fraction - self._fraction) * self.width() >= 0.5 or fraction in (0.0, 1.0):
            self._fraction = fraction
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        rect = QRectF(self.rect())
        radius = rect.height() / 2
        painter.setBrush(self._track)
        painter.drawRoundedRect(rect, radius, radius)
        if self._fraction > 0:
            filled = QRectF(rect)
            filled.setWidth(max(rect.height(), rect.width() * self._fraction))
            painter.setBrush(self._fill)
            painter.drawRoundedRect(filled, radius, radius)


class SlotArea(QFrame):
    """A marked place in a view that another part of the app fills with its own widget.

    Empty slots take no room. ``set_content(None)`` empties the slot again.
    """

    content_changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setVisible(False)

    def content(self) -> QWidget | None:
        return self._content

    def set_content(self, widget: QWidget | None) -> None:
        layout = self._layout
        if self._content is not None:
            layout.removeWidget(self._content)
            self._content.setParent(None)
        self._content = widget
        if widget is not None:
            layout.addWidget(widget)
        self.setVisible(widget is not None)
        self.content_changed.emit()
