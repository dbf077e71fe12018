"""Lists that never show a row cut in half at their bottom edge.

A row cut through reads as a broken layout, not as "there is more": the list scrolls a
row at a time and keeps the room a whole row would not fill empty below the last one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QAbstractItemView, QListView, QTableView


class WholeRows(QObject):
    """Keeps ``view`` (a list) showing whole rows; ``least`` rows are always given room."""

    def __init__(self, view: QListView, least: int = 1) -> None:
        super().__init__(view)
        self._view = view
        self._least = least
        self._following_scroll = False
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            if not self._following_scroll:  # not before the first paint: see HomeView
                self._following_scroll = True
                self._view.verticalScrollBar().valueChanged.connect(self.fit)
            self.fit()
        return False

    def row_height(self) -> int:
        model = self._view.model()
        return self._view.sizeHintForRow(0) if model is not None and model.rowCount() else 0

    def fit(self) -> None:
        """Set the blank margin under the rows that fit; call after the rows change."""
        view = self._view
        if not view.isVisible():
            return  # shown later: its Show event fits it
        model = view.model()
        row = self.row_height()
        if row <= 0 or model is None:
            view.setViewportMargins(0, 0, 0, 0)
            return
        view.setMinimumHeight(self._least * row + 2 * view.frameWidth())
        room = view.height() - 2 * view.frameWidth()
        top = max(0, view.indexAt(QPoint(0, 0)).row())
        shown = room // row
        partly = top + shown < model.rowCount()
        view.setViewportMargins(0, 0, 0, room - shown * row if partly else 0)


class WholeTableRows(QObject):
    """Keeps ``view`` (a table, rows of any height) showing whole rows: the row its bottom
    edge would cut is hidden. A table keeps its header in the viewport margins, so the
    viewport is masked rather than given a bottom margin as a list is."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        view.viewport().installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(self.fit)
        view.verticalHeader().sectionResized.connect(self.fit)
        view.verticalHeader().sectionCountChanged.connect(self.fit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.fit()
        return False

    def whole_height(self) -> int:
        """How far down the viewport the rows in view are whole."""
        header = self._view.verticalHeader()
        room = self._view.viewport().height()
        bottom = 0
        for row in range(max(0, header.logicalIndexAt(0)), header.count()):
            if header.isSectionHidden(row):
                continue
            end = header.sectionViewportPosition(row) + header.sectionSize(row)
            if end > room:
                return bottom
            bottom = end
        return room

    def fit(self) -> None:
        viewport = self._view.viewport()
        height = self.whole_height()
        if height >= viewport.height():
            viewport.clearMask()
        else:
            viewport.setMask(QRegion(0, 0, viewport.width(), height))
