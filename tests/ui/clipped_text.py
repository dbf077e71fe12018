"""Finding every text on screen that does not fit where it is drawn: labels, buttons, combo
boxes, table headers, the cells of the rows in view, and rows cut by a table's bottom edge.

Measured the way Qt draws each one: the box the style gives the text (its style sheet's
padding included) against the text's size in the widget's font.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QRegion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QTableView,
    QWidget,
)

from tests.ui.history.clipping import clipped_cells, clipped_headers

__all__ = ["clipped_labels", "clipped_text", "cut_rows"]


def _too_small(text: str, need: QRect, box: QRect) -> str | None:
    if need.width() > box.width() or need.height() > box.height():
        return f"{text!r}: needs {need.width()}x{need.height()}, has {box.width()}x{box.height()}"
    return None


def _without_mnemonic(text: str) -> str:
    """The text as drawn: "&" marks the next letter's shortcut, "&&" draws one "&"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def clipped_labels(root: QWidget) -> list[str]:
    """Every visible label whose text does not fit inside it, with the reason."""
    found = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        metrics = QFontMetrics(label.font())
        rect = label.contentsRect()
        text = _without_mnemonic(label.text()) if label.buddy() else label.text()
        if label.wordWrap():
            need = metrics.boundingRect(
                QRect(0, 0, rect.width(), 1_000_000), Qt.TextFlag.TextWordWrap, text
            )
        else:
            need = QRect(0, 0, metrics.horizontalAdvance(text), metrics.height())
        problem = _too_small(text, need, rect)
        if problem:
            found.append(problem)
    return found


_BUTTON_BOXES = {
    QCheckBox: QStyle.SubElement.SE_CheckBoxContents,
    QRadioButton: QStyle.SubElement.SE_RadioButtonContents,
    QPushButton: QStyle.SubElement.SE_PushButtonContents,
}


def clipped_buttons(root: QWidget) -> list[str]:
    """Push buttons, check boxes and radio buttons whose caption (and icon) overflows the
    box the style draws it in. Key buttons hold labels, found by ``clipped_labels``."""
    found = []
    for kind, element in _BUTTON_BOXES.items():
        for button in root.findChildren(kind):
            if not button.isVisible() or not button.text() or type(button) is not kind:
                continue
            option = QStyleOptionButton()
            button.initStyleOption(option)
            box = button.style().subElementRect(element, option, button)
            metrics = QFontMetrics(button.font())
            text = _without_mnemonic(button.text())
            width = metrics.horizontalAdvance(text)
            if not button.icon().isNull() and isinstance(button, QPushButton):
                width += button.iconSize().width() + 4  # the gap QCommonStyle leaves
            problem = _too_small(text, QRect(0, 0, width, metrics.height()), box)
            if problem:
                found.append(f"{kind.__name__} {problem}")
    return found


def clipped_combos(root: QWidget) -> list[str]:
    """Combo boxes whose current text overflows their edit field."""
    found = []
    for combo in root.findChildren(QComboBox):
        if not combo.isVisible() or not combo.currentText():
            continue
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        box = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        metrics = QFontMetrics(combo.font())
        width = metrics.horizontalAdvance(combo.currentText())
        if not combo.itemIcon(combo.currentIndex()).isNull():
            width += combo.iconSize().width() + 4
        problem = _too_small(combo.currentText(), QRect(0, 0, width, metrics.height()), box)
        if problem:
            found.append(f"QComboBox {problem}")
    return found


def _shown_region(view: QAbstractItemView) -> QRegion:
    """The part of the view's viewport the user sees (a mask may hide the rest)."""
    viewport = view.viewport()
    whole = QRegion(viewport.rect())
    return whole.intersected(viewport.mask()) if not viewport.mask().isEmpty() else whole


def cut_rows(view: QTableView) -> list[str]:
    """Rows in view that the viewport's edge (or mask) shows only part of."""
    found = []
    model = view.model()
    shown = _shown_region(view)
    for row in range(model.rowCount()):
        if view.isRowHidden(row):
            continue
        rect = view.visualRect(model.index(row, 0))
        rect.setLeft(0)
        rect.setWidth(view.viewport().width())
        seen = shown.intersected(QRegion(rect))
        if not seen.isEmpty() and seen.boundingRect() != rect:
            visible = seen.boundingRect().height()
            found.append(f"{view.objectName()} row {row}: {visible} of {rect.height()} px shown")
    return found


def _rows_in_view(view: QTableView) -> range:
    shown = _shown_region(view).boundingRect()
    first = max(0, view.rowAt(shown.top()))
    last = view.rowAt(shown.bottom())
    return range(first, (last if last >= 0 else view.model().rowCount() - 1) + 1)


def clipped_tables(root: QWidget) -> list[str]:
    """Table headers, the cells of the rows in view and rows cut by the bottom edge."""
    found = []
    for view in root.findChildren(QTableView):
        if not view.isVisible() or view.model() is None:
            continue
        name = view.objectName() or type(view).__name__
        found += [f"{name} header {problem}" for problem in clipped_headers(view)]
        rows = _rows_in_view(view)
        found += [f"{name} {problem}" for problem in clipped_cells(view, rows)]
        found += cut_rows(view)
    return found


def clipped_text(root: QWidget) -> list[str]:
    """Every text under ``root`` (shown) that does not fit where it is drawn."""
    found = clipped_labels(root) + clipped_buttons(root) + clipped_combos(root)
    return found + clipped_tables(root)
