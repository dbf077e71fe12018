"""The routine's blocks and entries as a tree, with the tools to add, move and remove them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHBoxLayout,
    QHeaderView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from supple.core.i18n import _
from supple.qt.routine_models import RoutineTreeModel
from supple.ui.editor.delegates import RoutineTreeDelegate
from supple.ui.editor.style import SMALL_PX, button, label
from supple.ui.theme import Palette
from supple.ui.theme_registry import join

CTRL = Qt.KeyboardModifier.ControlModifier
NO_MODIFIER = Qt.KeyboardModifier.NoModifier
DRAG_SOURCE_MIME = "application/x-supple-drag-source"
"""Marks which tree a dragged entry came from."""
NAME_SHARE = 0.55
"""The share of the tree's width an exercise's name keeps when names and summaries do
not both fit."""
REMOVE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
EDIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def without_keypad(event: QKeyEvent) -> Qt.KeyboardModifier:
    return event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier


class RoutineTree(QTreeView):
    """Blocks and entries; Ctrl+Up/Down move, Delete removes, Insert adds, Enter edits."""

    move_requested = Signal(int)
    remove_requested = Signal()
    add_requested = Signal()
    edit_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), without_keypad(event)
        if mods == CTRL and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif mods == NO_MODIFIER and key in REMOVE_KEYS:
            self.remove_requested.emit()
        elif mods == NO_MODIFIER and key == Qt.Key.Key_Insert:
            self.add_requested.emit()
        elif mods == NO_MODIFIER and key in EDIT_KEYS:
            self.edit_requested.emit()
        else:
            super().keyPressEvent(event)


class EditorTreeModel(RoutineTreeModel):
    """The tree's model, taking drops only of entries dragged from this very tree: a drag
    names its entry by position, which means nothing in another routine or window. Checking
    that here, rather than Qt's internal-move check of the drag's source widget, lets the
    tree accept its own drags through the ordinary drop path."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._token = QByteArray(uuid.uuid4().hex.encode())

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = super().mimeData(indexes)
        mime.setData(DRAG_SOURCE_MIME, self._token)
        return mime

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        return data.data(DRAG_SOURCE_MIME) == self._token and super().canDropMimeData(
            data, action, row, column, parent
        )


class StructurePage(QWidget):
    """The "Blocks & exercises" tab."""

    def __init__(self, model: EditorTreeModel) -> None:
        super().__init__()
        self.model = model
        self.tree = RoutineTree()
        self.tree.setModel(model)
        self.tree.setAccessibleName(_("Blocks and exercises"))
        self.delegate = RoutineTreeDelegate(self.tree)
        self.tree.setItemDelegate(self.delegate)
        self._set_up_tree()
        self.problem = label(size=SMALL_PX, role="field-error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.add_entry_button = button(_("Add exercise\u2026"), _("Insert or Ctrl+E"))
        self.add_block_button = button(_("Add block"), "Ctrl+B")
        self.up_button = button(_("Move up"), "Ctrl+Up")
        self.down_button = button(_("Move down"), "Ctrl+Down")
        self.remove_button = button(_("Remove"), _("Delete"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.problem)
        adding, moving = QHBoxLayout(), QHBoxLayout()
        for line, made_here in (
            (adding, (self.add_entry_button, self.add_block_button)),
            (moving, (self.up_button, self.down_button, self.remove_button)),
        ):
            line.setSpacing(8)
            for made in made_here:
                line.addWidget(made)
        adding.addStretch(1)
        moving.insertStretch(0, 1)
        self.tools = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.tools.setSpacing(8)
        self.tools.addLayout(adding, 1)
        self.tools.addLayout(moving)
        layout.addLayout(self.tools)
        model.modelReset.connect(self.tree.expandAll)
        for changed in (model.modelReset, model.dataChanged, model.rowsInserted, model.rowsRemoved):
            changed.connect(self.on_rows_changed)
        join(self)

    def _set_up_tree(self) -> None:
        tree = self.tree
        tree.setHeaderHidden(True)
        tree.setUniformRowHeights(True)
        tree.setRootIsDecorated(False)
        tree.setIndentation(18)
        tree.setAnimated(False)
        tree.setExpandsOnDoubleClick(False)
        tree.setItemsExpandable(False)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Not InternalMove: the model itself refuses drags from anywhere else.
        tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        tree.setDropIndicatorShown(True)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)

    def on_rows_changed(self) -> None:
        self._balance_columns()

    def _balance_columns(self) -> None:
        """The summaries as wide as they need while the names fit beside them; past that
        the names keep at least ``NAME_SHARE`` of the width (German summaries are long,
        and took all but a word of each exercise's name). Cut text has its tooltip."""
        tree = self.tree
        width = tree.viewport().width()
        names, summaries = tree.sizeHintForColumn(0), tree.sizeHintForColumn(1)
        room = max(width - names, round(width * (1 - NAME_SHARE)))
        tree.header().resizeSection(1, max(0, min(summaries, room)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The tools in one line when they fit, else moving and removing on a line of their
        own (longer words, as in German, need it at the window's usual width)."""
        super().resizeEvent(event)
        self._balance_columns()
        buttons = (
            self.add_entry_button,
            self.add_block_button,
            self.up_button,
            self.down_button,
            self.remove_button,
        )
        needed = sum(b.sizeHint().width() for b in buttons) + 8 * (len(buttons) - 1)
        one_line = needed <= self.width()
        direction = (
            QBoxLayout.Direction.LeftToRight if one_line else QBoxLayout.Direction.TopToBottom
        )
        if self.tools.direction() != direction:
            self.tools.setDirection(direction)

    def set_palette(self, palette: Palette) -> None:
        self.delegate.palette = palette
        self.tree.viewport().update()

    def set_editable(self, editable: bool) -> None:
        self.tree.setDragEnabled(editable)
        self.tree.setAcceptDrops(editable)
        for made in (self.add_entry_button, self.add_block_button):
            made.setEnabled(editable)

    def set_has_place(self, editable: bool, has_place: bool) -> None:
        for made in (self.up_button, self.down_button, self.remove_button):
            made.setEnabled(editable and has_place)

    def show_problems(self, messages: list[str]) -> None:
        self.problem.setText("\n".join(messages))
        self.problem.setVisible(bool(messages))

    def select(self, path: tuple[int, int | None] | None) -> tuple[int, int | None] | None:
        """Select a block or entry (its block if the entry is gone); returns what is selected."""
        index = self.model.index_for(path)
        if not index.isValid() and path is not None and path[1] is not None:
            index = self.model.index_for((path[0], None))
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.tree.scrollTo(index)
        else:
            self.tree.selectionModel().clear()
        return self.model.path(index)
