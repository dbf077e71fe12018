"""Finding table headers and cells whose text is cut short ("...") or cut off by an edge.

Measured the way Qt draws them: the header's own size hint (its style sheet's font
and padding), and each cell's text rectangle from the view's style, less the text
margins the style keeps inside it.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTableView


def clipped_headers(view: QTableView) -> list[str]:
    """Every column title that is narrower than it needs or runs past the table's edge."""
    found = []
    header = view.horizontalHeader()
    model = view.model()
    edge = header.viewport().width()
    for column in range(model.columnCount()):
        if header.isSectionHidden(column):
            continue
        title = model.headerData(column, Qt.Orientation.Horizontal)
        need, have = header.sectionSizeHint(column), header.sectionSize(column)
        if need > have:
            found.append(f"{title!r}: needs {need} px, has {have}")
        right = header.sectionViewportPosition(column) + have
        if right > edge:
            found.append(f"{title!r}: ends at {right} px, the table at {edge}")
    return found


def clipped_cells(view: QTableView, rows: Iterable[int] | None = None) -> list[str]:
    """Every cell (of ``rows``, all by default) whose text does not fit its cell (wrapped
    where the view wraps)."""
    found = []
    model = view.model()
    style = view.style()
    metrics = QFontMetrics(view.font())
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    edge = view.viewport().width()
    wrap = view.wordWrap()
    for row in range(model.rowCount()) if rows is None else rows:
        for column in range(model.columnCount()):
            index = model.index(row, column)
            text = str(model.data(index) or "")
            if not text or view.isColumnHidden(column):
                continue
            option = QStyleOptionViewItem()
            option.initFrom(view)
            option.rect = view.visualRect(index)
            option.font = view.font()
            option.text = text
            option.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay
            if wrap:
                option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
            box = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
            width = box.width() - 2 * margin
            if wrap:
                need = metrics.boundingRect(
                    QRect(0, 0, width, 1_000_000), Qt.TextFlag.TextWordWrap, text
                )
            else:
                need = QRect(0, 0, metrics.horizontalAdvance(text), metrics.height())
            if need.width() > width or need.height() > box.height():
                found.append(
                    f"row {row}, column {column} {text!r}: needs {need.width()}x{need.height()},"
                    f" has {width}x{box.height()}"
                )
            if option.rect.right() >= edge:
                found.append(f"row {row}, column {column} {text!r}: past the table's edge")
    return found
