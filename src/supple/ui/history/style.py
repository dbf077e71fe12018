"""The history views' look: the app's palette and style sheet, plus what it does not cover.

The window's style sheet styles the player's widgets; the history adds tables,
tabs, text fields and drop-downs. Each history view applies the app's sheet and
these rules together, so it looks the same inside the window or on its own
(screenshots, tests). Sizes follow the window's unit like everything else.

Fonts set with ``setFont`` do not reach a tab bar or a table's header under a
style sheet, so those two get their type from the rules here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionViewItem, QTableView, QWidget

from supple.ui.theme import FONT_FAMILIES, Palette, font, stylesheet, unit_for

__all__ = [
    "CELL_PADDING",
    "UnitFollower",
    "apply_style",
    "fixed_columns",
    "history_stylesheet",
    "share_shortfall",
]


CELL_PADDING = 10
"""Space left and right of a table cell's text, in pixels at unit 1.0."""


def apply_style(widget: QWidget, palette: Palette, unit: float) -> None:
    """Give ``widget`` the history's style sheet, only when palette or unit changed.

    Setting a style sheet re-polishes every child; on the review screen that costs
    tens of milliseconds, so it is never done for nothing.
    """
    key = (palette.name, round(unit, 3))
    if getattr(widget, "_history_style", None) != key:
        widget._history_style = key  # type: ignore[attr-defined]  # a plain Python attribute
        widget.setStyleSheet(history_stylesheet(palette, unit))


def fixed_columns(
    view: QTableView,
    samples: Mapping[int, Sequence[str]],
    stretch: int,
    unit: float,
    pixels: float = 16,
) -> list[int]:
    """Columns as wide as their title or their widest expected text, one column taking the
    rest; returns the width each column needs, the ``stretch`` one for its samples.

    Both are measured the way the view draws them, through its style (with the style
    sheet's fonts and paddings), so a change to the sheet cannot clip a title. Call it
    after the style sheet for ``unit`` is applied. Measuring samples is constant work;
    ``ResizeToContents`` would measure every row the view has loaded, which grows with
    the history.
    """
    header = view.horizontalHeader()
    header.ensurePolished()  # a table on a tab not shown yet still has the plain style
    model = view.model()
    style = view.style()
    # Any: the PySide6 stubs lack QStyleOptionViewItem's fields (font, text, features, ...).
    option: Any = QStyleOptionViewItem()
    option.initFrom(view)
    option.font = font(pixels * unit)
    option.fontMetrics = QFontMetrics(option.font)
    option.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay
    option.displayAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    widths = []
    for column in range(model.columnCount() if model is not None else 0):
        width = header.sectionSizeHint(column)
        for sample in samples.get(column, ()):
            option.text = sample
            cell = style.sizeFromContents(
                QStyle.ContentsType.CT_ItemViewItem, option, QSize(), view
            )
            width = max(width, cell.width())
        widths.append(width + 1)  # the view's own sizing adds a pixel too
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width + 1)
    return widths


def share_shortfall(view: QTableView, widths: Sequence[int], stretch: int, short: int) -> None:
    """Columns ``short`` pixels narrower in all than ``widths`` (from ``fixed_columns``):
    the ``stretch`` column gives way first, down to its title; then the others give up
    what they hold beyond their titles, in proportion, and their longest texts end in an
    ellipsis. No title is cut while the titles alone fit."""
    header = view.horizontalHeader()
    titles = [header.sectionSizeHint(column) for column in range(len(widths))]
    short -= max(0, widths[stretch] - titles[stretch])
    spare = {
        column: max(0, width - title)
        for column, (width, title) in enumerate(zip(widths, titles, strict=True))
        if column != stretch
    }
    total_spare = sum(spare.values())
    for column, extra in spare.items():
        give = min(extra, -(-max(0, short) * extra // total_spare)) if total_spare else 0
        header.resizeSection(column, widths[column] - give)


@lru_cache(maxsize=8)
def history_stylesheet(p: Palette, unit: float) -> str:
    """The app's sheet plus the history's own rules for ``p`` at ``unit``.

    Long because it is one style sheet: its rules read top to bottom as the sheet Qt
    gets, and cutting it into functions would only scatter them.
    """

    def px(value: float) -> str:
        return f"{max(1, round(value * unit))}px"

    line = px(1)
    families = ", ".join(f'"{family}"' for family in FONT_FAMILIES)
    return (
        stylesheet(p, unit)
        + f"""
QWidget[role="history"] {{ background: {p.background}; }}
QFrame[role="panel"] {{
    background: {p.surface};
    border: {line} solid {p.border};
    border-radius: {px(14)};
}}
QFrame[role="info"] {{
    background: {p.surface};
    border: {line} solid {p.accent};
    border-radius: {px(12)};
}}
QFrame[role="empty"] {{
    background: {p.surface};
    border: {px(2)} dashed {p.border};
    border-radius: {px(18)};
}}
QTableView {{
    background: {p.surface};
    alternate-background-color: {p.surface};
    border: {line} solid {p.border};
    border-radius: {px(12)};
    gridline-color: transparent;
    selection-background-color: {p.raised};
    selection-color: {p.text};
    outline: none;
}}
QTableView::item {{
    border-bottom: {line} solid {p.border};
    padding: 0px {px(CELL_PADDING)};
}}
QTableView::item:selected {{
    background: {p.raised};
    color: {p.text};
}}
QTableView:focus {{ border-color: {p.accent}; }}
QTableView QTableCornerButton::section {{ background: {p.surface}; border: none; }}
QHeaderView {{ background: transparent; border: none; }}
QHeaderView::section {{
    background: {p.surface};
    color: {p.muted};
    border: none;
    border-bottom: {line} solid {p.border};
    padding: {px(6)} {px(10)};
}}
QTabBar {{
    background: transparent;
    font-family: {families};
    font-size: {px(17)};
    font-weight: 600;
}}
QTabBar::tab {{
    background: transparent;
    color: {p.muted};
    border: none;
    border-bottom: {px(3)} solid transparent;
    padding: {px(6)} {px(14)};
    margin-right: {px(8)};
}}
QTabBar::tab:selected {{ color: {p.text}; border-bottom-color: {p.accent}; }}
QTabBar::tab:hover {{ color: {p.text}; }}
QTabWidget::pane {{
    border: none;
    border-top: {line} solid {p.border};
    background: transparent;
}}
QPlainTextEdit, QLineEdit, QComboBox, QDoubleSpinBox, QDateEdit {{
    background: {p.background};
    color: {p.text};
    border: {line} solid {p.border};
    border-radius: {px(8)};
    padding: {px(5)} {px(8)};
    selection-background-color: {p.accent};
    selection-color: {p.on_accent};
}}
QPlainTextEdit:focus, QLineEdit:focus, QComboBox:focus, QDoubleSpinBox:focus,
QDateEdit:focus {{ border-color: {p.accent}; }}
QPlainTextEdit:disabled, QLineEdit:disabled {{ color: {p.faint}; }}
QComboBox::drop-down, QDateEdit::drop-down {{ border: none; width: {px(26)}; }}
QComboBox::down-arrow, QDateEdit::down-arrow {{ image: none; width: 0px; }}
QComboBox {{ padding-right: {px(30)}; }}
QDoubleSpinBox::up-button, QDoubleSpinBox::down-button {{ width: 0px; border: none; }}
QComboBox QAbstractItemView {{
    background: {p.surface};
    color: {p.text};
    selection-background-color: {p.raised};
    border: {line} solid {p.border};
}}
QCheckBox {{ color: {p.muted}; spacing: {px(8)}; }}
QCheckBox::indicator {{
    width: {px(18)};
    height: {px(18)};
    border: {px(2)} solid {p.faint};
    border-radius: {px(4)};
    background: {p.background};
}}
QCheckBox::indicator:checked {{ background: {p.accent}; border-color: {p.accent}; }}
QCheckBox:focus {{ color: {p.text}; }}
QPushButton[role="link"] {{
    background: transparent;
    color: {p.accent};
    border: none;
    padding: {px(2)} {px(6)};
}}
QPushButton[role="link"]:hover, QPushButton[role="link"]:focus {{
    text-decoration: underline;
}}
QToolTip {{
    background: {p.raised};
    color: {p.text};
    border: {line} solid {p.border};
}}
"""
    )


class UnitFollower(QObject):
    """Keeps a widget at the scale of the window it sits in, without the window's help.

    The window tells its own pages when it is resized; a history widget placed in
    a slot (or shown on its own) follows the window by itself through this filter.
    ``apply(unit)`` is called whenever the unit changes by more than a rounding step.
    """

    def __init__(self, widget: QWidget, apply: Callable[[float], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._apply = apply
        self._window: QWidget | None = None
        self.unit = 0.0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if "_widget" not in self.__dict__:  # events can arrive before __init__ ends, or in teardown
            return False
        kind = event.type()
        if watched is self._widget and kind in (QEvent.Type.Show, QEvent.Type.ParentChange):
            self._watch_window()
            self.update()
        elif watched is self._window and kind == QEvent.Type.Resize:
            self.update()
        return False

    def _watch_window(self) -> None:
        window = self._widget.window()
        if window is self._window:
            return
        if self._window is not None:
            self._window.removeEventFilter(self)
        self._window = window
        window.installEventFilter(self)

    def update(self) -> None:
        window = self._widget.window()
        unit = round(unit_for(window.width(), window.height()), 3)
        if abs(unit - self.unit) >= 0.005:
            self.unit = unit
            self._apply(unit)
