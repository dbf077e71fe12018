"""Small controls the history views share: a text button, drop-downs, a check box, the
weekly goal and a key-driven dialog base."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QLayout,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from supple.core.i18n import _
from supple.storage.settings import WEEKLY_GOAL_RANGE
from supple.ui.history.style import apply_style
from supple.ui.theme import DARK, Palette, font
from supple.ui.theme_registry import join
from supple.ui.widgets import FitLabel, KeyButton

__all__ = [
    "ChevronComboBox",
    "ChevronDateEdit",
    "GoalBox",
    "KeyCheckBox",
    "KeyDialog",
    "LinkButton",
]

_PRESS_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
_CHOOSE_KEYS = (
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Space,
)
"""Keys a focused drop-down needs, which the window may use for the session (skip, pause)."""


def _claims(event: QEvent, keys: tuple[Qt.Key, ...]) -> bool:
    """Accept a shortcut override for ``keys`` so the focused widget gets them first."""
    if (
        event.type() == QEvent.Type.ShortcutOverride
        and isinstance(event, QKeyEvent)
        and event.key() in keys
        and not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
    ):
        event.accept()
        return True
    return False


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
        return _claims(event, _PRESS_KEYS) or super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)


class KeyCheckBox(QCheckBox):
    """A check box that Space toggles when focused, even where Space is a window shortcut.

    The style sheet fills a ticked box with the accent colour; a tick is drawn on it
    too, so "on" does not rest on colour alone.
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._tick = QColor(DARK.on_accent)
        join(self)

    def set_palette(self, palette: Palette) -> None:
        self._tick = QColor(palette.on_accent)
        self.update()

    def event(self, event: QEvent) -> bool:
        return _claims(event, (Qt.Key.Key_Space,)) or super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.isChecked():
            return
        option = QStyleOptionButton()
        self.initStyleOption(option)
        box = QRectF(
            self.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, self)
        )
        side = min(box.width(), box.height())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self._tick, max(1.5, side * 0.14))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        x, y = box.center().x() - side / 2, box.center().y() - side / 2
        painter.drawPolyline(
            [
                QPointF(x + side * 0.26, y + side * 0.52),
                QPointF(x + side * 0.43, y + side * 0.69),
                QPointF(x + side * 0.75, y + side * 0.33),
            ]
        )


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


def goal_text(goal: int) -> str:
    """``Goal: 3 a week``: the weekly goal as the drop-down and the chart name it."""
    return _("Goal: {count} a week").format(count=goal)


class GoalBox(ChevronComboBox):
    """The weekly goal: no goal, or 1 to 14 sessions a week.

    Arrow keys change it when focused, Space or Alt+Down opens the list. ``goal_chosen``
    reports only what the user chose, never a value set by ``set_goal``.
    """

    goal_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        low, high = WEEKLY_GOAL_RANGE
        for goal in range(low, high + 1):
            self.addItem(goal_text(goal) if goal else _("No weekly goal"), goal)
        self.setAccessibleName(_("Weekly goal, sessions a week"))
        self.setMaxVisibleItems(high - low + 1)
        self.activated.connect(self._on_activated)

    def goal(self) -> int:
        return int(self.currentData())

    def set_goal(self, goal: int) -> None:
        index = self.findData(goal)
        if index >= 0 and index != self.currentIndex():
            self.setCurrentIndex(index)

    def event(self, event: QEvent) -> bool:
        return _claims(event, _CHOOSE_KEYS) or super().event(event)

    def _on_activated(self, index: int) -> None:
        self.goal_chosen.emit(int(self.itemData(index)))


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
        self.set_unit(self._unit)
        join(self)  # the end of every subclass's constructor

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
