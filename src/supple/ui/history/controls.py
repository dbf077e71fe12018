"""Small controls the history views share: a text button and a key-driven dialog base."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QFont, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QLayout, QPushButton, QWidget

from supple.ui.history.style import apply_style
from supple.ui.theme import DARK, Palette, font
from supple.ui.widgets import FitLabel, KeyButton

__all__ = ["ChevronComboBox", "ChevronDateEdit", "KeyDialog", "LinkButton"]

_PRESS_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


class LinkButton(QPushButton):
    """A quiet text button ("Dismiss", "Try again") that Enter or Space presses when focused.

    The window's shortcuts use Space and Enter; this button claims them while it
    has the focus, so Tab to it and press either.
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setProperty("role", "link")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.set_unit(1.0)

    def set_unit(self, unit: float) -> None:
        self.setFont(font(15 * unit, self.font().weight()))

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in _PRESS_KEYS
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)


def _paint_chevron(widget: QWidget) -> None:
    """A small "v" at the right edge, where the style sheet left the drop-down button empty."""
    size = max(4.0, widget.height() * 0.12)
    x = widget.width() - size * 2.6
    y = widget.height() / 2 - size / 3
    painter = QPainter(widget)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = widget.palette().color(QPalette.ColorRole.Text)
    color.setAlphaF(0.7 if widget.isEnabled() else 0.3)
    pen = QPen(color, max(1.5, size / 3))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.drawPolyline([QPointF(x - size, y), QPointF(x, y + size * 0.8), QPointF(x + size, y)])


class ChevronComboBox(QComboBox):
    """A drop-down that shows it is one, whatever the style sheet did to its arrow."""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        _paint_chevron(self)


class ChevronDateEdit(QDateEdit):
    """A date field with a calendar pop-up and a visible drop-down mark."""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        _paint_chevron(self)


class KeyDialog(QDialog):
    """A dialog driven by keys, sized from the window's unit like the app's own dialogs.

    Enter accepts (unless a text field wants it) and Esc rejects. Subclasses fill
    ``body`` (a layout) and list the widgets to scale in ``_scaled``.
    """

    WIDTH = 640

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._palette = DARK
        self._unit = 1.0
        self.title_label = FitLabel(title, size=30, weight=QFont.Weight.Bold)
        self.buttons: list[KeyButton] = []

    def finish_layout(self, layout: QLayout) -> None:
        # Sized by set_unit: some window systems (offscreen, some Wayland shells) do not
        # take size hints from a constrained top-level layout.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.set_palette(self._palette)
        self.set_unit(self._unit)

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        apply_style(self, palette, self._unit)

    def set_unit(self, unit: float) -> None:
        self._unit = unit
        for label in self.findChildren(FitLabel):
            label.set_unit(unit)
        for button in self.findChildren(KeyButton):
            button.set_unit(unit)
        self._scale(unit)
        apply_style(self, self._palette, unit)
        layout = self.layout()
        if layout is not None:
            margin = round(28 * unit)
            layout.setContentsMargins(margin, margin, margin, margin)
            layout.setSpacing(round(14 * unit))
            layout.activate()
            self.resize(round(self.WIDTH * unit), layout.sizeHint().height())

    def _scale(self, unit: float) -> None:
        """Size the dialog's own fields at ``unit``."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return
        super().keyPressEvent(event)  # Esc rejects
