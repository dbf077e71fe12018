"""Lists that never show a row cut in half at their bottom edge.

A row cut through reads as a broken layout, not as "there is more": the list scrolls a
row at a time and keeps the room a whole row would not fill empty below the last one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtWidgets import QAbstractItemView, QListView


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
