"""The routine editor: adapt a routine (rounds, reps, sides, rests, order) and add one's own
exercises, with undo, live total time and the validator's own words at each field.

Built-in routines are shown read-only; "Duplicate" makes an editable copy. A change is
kept in the undo history until it is saved; leaving with unsaved changes always asks.
The window hosting the editor listens to ``routine_saved`` / ``routine_deleted`` to
refresh its own list, and calls ``maybe_close()`` before taking the editor away.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

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
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from supple.core import routine_edits as edits
from supple.core import timefmt
from supple.core.catalog import builtin_exercises
from supple.core.library import Library
from supple.core.model import Entry, Kind, Routine
from supple.core.problems import Problem
from supple.qt.routine_models import (
    BUILTIN_ROLE,
    ID_ROLE,
    META_ROLE,
    RoutineListModel,
    RoutineTreeModel,
    count_exercises,
)
from supple.qt.routine_watcher import RoutineWatcher
from supple.storage import routine_store
from supple.storage.routine_store import ImportResult, RoutineStoreError
from supple.ui.editor.delegates import RoutineTreeDelegate, TwoLineDelegate
from supple.ui.editor.dialogs import ExercisePicker, NewExerciseDialog, ask_to_save
from supple.ui.editor.document import RoutineDocument, exercise_number
from supple.ui.editor.fields import UndoKeys
from supple.ui.editor.panels import (
    BlockPanel,
    EntryPanel,
    ExercisePanel,
    Panel,
    RoutineFields,
    exercise_label,
)
from supple.ui.editor.style import BODY_PX, SMALL_PX, TITLE_PX, body_font, editor_stylesheet
from supple.ui.theme import DARK, Palette, font, set_role

Bold = QFont.Weight.Bold
CTRL = Qt.KeyboardModifier.ControlModifier
EXERCISE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
EXERCISE_META_ROLE = Qt.ItemDataRole.UserRole + 2
TREE_TAB, EXERCISES_TAB = 0, 1
DRAG_SOURCE_MIME = "application/x-supple-drag-source"
"""Marks which tree a dragged entry came from."""
MAX_SIDEBAR_PROBLEMS = 3


def _without_keypad(event: QKeyEvent) -> Qt.KeyboardModifier:
    return event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier


class RoutineTree(QTreeView):
    """Blocks and entries; Ctrl+Up/Down move, Delete removes, Insert adds, Enter edits."""

    move_requested = Signal(int)
    remove_requested = Signal()
    add_requested = Signal()
    edit_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), _without_keypad(event)
        if mods == CTRL and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif mods == Qt.KeyboardModifier.NoModifier and key in (
            Qt.Key.Key_Delete,
            Qt.Key.Key_Backspace,
        ):
            self.remove_requested.emit()
        elif mods == Qt.KeyboardModifier.NoModifier and key == Qt.Key.Key_Insert:
            self.add_requested.emit()
        elif mods == Qt.KeyboardModifier.NoModifier and key in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
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


class ExerciseList(QListWidget):
    """The routine's own exercises; Delete removes, Enter edits."""

    remove_requested = Signal()
    edit_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), _without_keypad(event)
        if mods == Qt.KeyboardModifier.NoModifier and key in (
            Qt.Key.Key_Delete,
            Qt.Key.Key_Backspace,
        ):
            self.remove_requested.emit()
        elif mods == Qt.KeyboardModifier.NoModifier and key in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
            self.edit_requested.emit()
        else:
            super().keyPressEvent(event)


def _button(text: str, tip: str = "", role: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setFont(body_font())
    if tip:
        button.setToolTip(tip)
    if role:
        set_role(button, role)
    return button


def _label(
    text: str = "",
    *,
    size: int = BODY_PX,
    weight: QFont.Weight = QFont.Weight.Normal,
    role: str = "",
) -> QLabel:
    label = QLabel(text)
    label.setFont(font(size, weight))
    label.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        set_role(label, role)
    return label


class RoutineEditor(QWidget):
    """Edits one routine at a time, with the routine list beside it.

    Signals:
    - ``routine_saved(routine)``: a routine was written (saved, duplicated or imported).
    - ``routine_deleted(routine_id)``: a user routine's file was removed.
    - ``dirty_changed(dirty)``: the open routine gained or lost unsaved changes.
    - ``close_requested()``: the user pressed Close and nothing unsaved stands in the way
      (only when hosted inside another window; a top-level editor closes itself).
    """

    routine_saved = Signal(object)
    routine_deleted = Signal(str)
    dirty_changed = Signal(bool)
    close_requested = Signal()

    def __init__(
        self,
        watcher: RoutineWatcher | None = None,
        *,
        routine_id: str | None = None,
        palette: Palette = DARK,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("RoutineEditor")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setWindowTitle("Routine editor \N{EN DASH} Supple")
        self.setFont(body_font())
        self._watcher = watcher if watcher is not None else RoutineWatcher(parent=self)
        self._folder = self._watcher.folder
        self._document: RoutineDocument | None = None
        self._derive_id = False
        self._path: tuple[int, int | None] | None = None
        self._exercise_id = ""
        self._syncing = False
        self._palette = palette
        self._undo_keys = UndoKeys(self)
        self.list_model = RoutineListModel(self._watcher.library, self)
        self.tree_model = EditorTreeModel(self)
        self._build()
        self._make_actions()
        self._connect()
        self.set_palette(palette)
        self._route_undo_keys()
        library = self._watcher.library
        start = library.find(routine_id) if routine_id else None
        self._load(
            start or library.routines[0], read_only=library.is_builtin(start or library.routines[0])
        )
        self._show_file_problems(list(library.problems))

    # --- building ---------------------------------------------------------------------

    def _build(self) -> None:
        # Sidebar: the routines, and what can be done with them.
        self.sidebar = QFrame()
        set_role(self.sidebar, "sidebar")
        self.sidebar.setFixedWidth(272)
        self.routines_caption = _label("ROUTINES", size=SMALL_PX, weight=Bold, role="caption")
        self.routine_list = QListView()
        self.routine_list.setModel(self.list_model)
        self.routine_list.setAccessibleName("Routines")
        self.routine_list.setItemDelegate(
            TwoLineDelegate(META_ROLE, tag_role=BUILTIN_ROLE, tag="built-in", parent=self)
        )
        self.routine_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.routine_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.file_problems = _label(size=SMALL_PX, role="field-error")
        self.file_problems.setWordWrap(True)
        self.file_problems.hide()
        self.new_button = _button("New", "Start an empty routine (Ctrl+N)")
        self.duplicate_button = _button("Duplicate", "Make an editable copy (Ctrl+D)")
        self.import_button = _button(
            "Import\u2026", "Add a routine from a .zip bundle or .toml file"
        )
        self.export_button = _button("Export\u2026", "Save this routine as a .zip bundle to share")
        self.delete_button = _button("Delete", "Delete this routine's file")
        side = QVBoxLayout(self.sidebar)
        side.setContentsMargins(16, 18, 16, 16)
        side.setSpacing(10)
        side.addWidget(self.routines_caption)
        side.addWidget(self.routine_list, 1)
        side.addWidget(self.file_problems)
        for pair in (
            (self.new_button, self.duplicate_button),
            (self.import_button, self.export_button),
        ):
            line = QHBoxLayout()
            line.setSpacing(8)
            for button in pair:
                line.addWidget(button, 1)
            side.addLayout(line)
        side.addWidget(self.delete_button)

        # Header: the routine's name, its state, and the live total.
        self.title = _label(size=TITLE_PX, weight=Bold)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.badge = _label(size=SMALL_PX, role="badge")
        self.total_caption = _label("TOTAL", size=SMALL_PX, weight=Bold, role="caption")
        self.total_label = _label(size=TITLE_PX, weight=Bold, role="total")
        self.total_label.setAccessibleName("Total time")
        self.count_label = _label(size=SMALL_PX, role="caption")
        self.close_button = _button("Close", "Close the editor (asks if anything is unsaved)")
        set_role(self.close_button, "flat")
        title_box = QVBoxLayout()
        title_box.setSpacing(4)
        title_line = QHBoxLayout()
        title_line.setSpacing(10)
        title_line.addWidget(self.title, 1)
        title_box.addLayout(title_line)
        badge_line = QHBoxLayout()
        badge_line.addWidget(self.badge)
        badge_line.addStretch(1)
        title_box.addLayout(badge_line)
        total_box = QVBoxLayout()
        total_box.setSpacing(0)
        for label in (self.total_caption, self.total_label, self.count_label):
            label.setAlignment(Qt.AlignmentFlag.AlignRight)
            total_box.addWidget(label)
        header = QHBoxLayout()
        header.setSpacing(16)
        header.addLayout(title_box, 1)
        header.addLayout(total_box)
        header.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)

        # Read-only notice for built-in routines.
        self.notice = QFrame()
        set_role(self.notice, "notice")
        self.notice_text = _label(
            "This is a built-in routine, so it stays as it is. "
            "Duplicate it to make your own version you can change.",
            role="caption",
        )
        self.notice_text.setWordWrap(True)
        self.notice_button = _button("Duplicate to edit", "Ctrl+D", role="primary")
        notice = QHBoxLayout(self.notice)
        notice.setContentsMargins(14, 10, 10, 10)
        notice.addWidget(self.notice_text, 1)
        notice.addWidget(self.notice_button)

        self.routine_fields = RoutineFields()

        # Blocks and entries, and the routine's own exercises.
        self.tree = RoutineTree()
        self.tree.setModel(self.tree_model)
        self.tree.setAccessibleName("Blocks and exercises")
        self.tree_delegate = RoutineTreeDelegate(self.tree)
        self.tree.setItemDelegate(self.tree_delegate)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(18)
        self.tree.setAnimated(False)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.setItemsExpandable(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Not InternalMove: the model itself refuses drags from anywhere else.
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        header_view = self.tree.header()
        header_view.setStretchLastSection(False)
        header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header_view.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree_problem = _label(size=SMALL_PX, role="field-error")
        self.tree_problem.setWordWrap(True)
        self.tree_problem.hide()
        self.add_entry_button = _button("Add exercise\u2026", "Insert or Ctrl+E")
        self.add_block_button = _button("Add block", "Ctrl+B")
        self.up_button = _button("Move up", "Ctrl+Up")
        self.down_button = _button("Move down", "Ctrl+Down")
        self.remove_button = _button("Remove", "Delete")
        tree_page = QWidget()
        tree_layout = QVBoxLayout(tree_page)
        tree_layout.setContentsMargins(0, 8, 0, 0)
        tree_layout.setSpacing(8)
        tree_layout.addWidget(self.tree, 1)
        tree_layout.addWidget(self.tree_problem)
        tools = QHBoxLayout()
        tools.setSpacing(8)
        for button in (self.add_entry_button, self.add_block_button):
            tools.addWidget(button)
        tools.addStretch(1)
        for button in (self.up_button, self.down_button, self.remove_button):
            tools.addWidget(button)
        tree_layout.addLayout(tools)

        self.exercise_list = ExerciseList()
        self.exercise_list.setAccessibleName("Your exercises")
        self.exercise_list.setItemDelegate(TwoLineDelegate(EXERCISE_META_ROLE, parent=self))
        self.exercise_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.exercises_empty = _label(
            "Exercises of your own (a physio's exercise, a variation) live in this routine. "
            "Create one, then add it to a block.",
            role="caption",
        )
        self.exercises_empty.setWordWrap(True)
        self.new_exercise_button = _button("New exercise\u2026", "Create an exercise of your own")
        self.use_exercise_button = _button("Add to block", "Add the selected exercise to a block")
        self.remove_exercise_button = _button("Remove", "Delete")
        exercises_page = QWidget()
        ex_layout = QVBoxLayout(exercises_page)
        ex_layout.setContentsMargins(0, 8, 0, 0)
        ex_layout.setSpacing(8)
        ex_layout.addWidget(self.exercises_empty)
        ex_layout.addWidget(self.exercise_list, 1)
        ex_tools = QHBoxLayout()
        ex_tools.setSpacing(8)
        ex_tools.addWidget(self.new_exercise_button)
        ex_tools.addWidget(self.use_exercise_button)
        ex_tools.addStretch(1)
        ex_tools.addWidget(self.remove_exercise_button)
        ex_layout.addLayout(ex_tools)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setDrawBase(False)
        self.tabs.addTab(tree_page, "Blocks && exercises")
        self.tabs.addTab(exercises_page, "Your exercises")
        self.tabs.tabBar().setFont(font(BODY_PX, QFont.Weight.DemiBold))

        # Details of what is selected.
        self.block_panel = BlockPanel()
        self.entry_panel = EntryPanel()
        self.exercise_panel = ExercisePanel()
        self.empty_panel = _label("Select a block or an exercise to change it.", role="caption")
        self.empty_panel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Only the shown page takes part in the layout, so a short page never scrolls
        # because a taller one is hidden behind it (as it would in a QStackedWidget).
        self.details = QWidget()
        self._pages: tuple[QWidget, ...] = (
            self.empty_panel,
            self.block_panel,
            self.entry_panel,
            self.exercise_panel,
        )
        pages = QVBoxLayout(self.details)
        pages.setContentsMargins(0, 0, 0, 0)
        for page in self._pages:
            pages.addWidget(page)
            page.hide()
        self._current_page: QWidget = self.empty_panel
        self.empty_panel.show()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(18, 16, 18, 16)
        inner_layout.addWidget(self.details)
        scroll.setWidget(inner)
        self.details_frame = QFrame()
        set_role(self.details_frame, "panel")
        frame_layout = QVBoxLayout(self.details_frame)
        frame_layout.setContentsMargins(1, 1, 1, 1)
        frame_layout.addWidget(scroll)
        self.details_scroll = scroll

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.details_frame)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(16)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.tabs.setMinimumWidth(380)
        self.details_frame.setMinimumWidth(360)
        self._sized = False

        # Status line: why Save is refused, and the undo/redo/save buttons.
        self.status_bar = QFrame()
        set_role(self.status_bar, "statusbar")
        self.status = _label(size=BODY_PX)
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.show_problem_button = _button("Show", "Go to the first problem (F8)")
        self.undo_button = _button("Undo", "Ctrl+Z")
        self.redo_button = _button("Redo", "Ctrl+Shift+Z")
        self.save_button = _button("Save", "Ctrl+S", role="primary")
        self.save_button.setMinimumWidth(110)
        status = QHBoxLayout(self.status_bar)
        status.setContentsMargins(24, 10, 20, 10)
        status.setSpacing(8)
        status.addWidget(self.status, 1)
        status.addWidget(self.show_problem_button)
        status.addSpacing(12)
        status.addWidget(self.undo_button)
        status.addWidget(self.redo_button)
        status.addWidget(self.save_button)

        main = QVBoxLayout()
        main.setContentsMargins(24, 18, 24, 14)
        main.setSpacing(12)
        main.addLayout(header)
        main.addWidget(self.notice)
        main.addWidget(self.routine_fields)
        main.addWidget(self.splitter, 1)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(main, 1)
        column.addWidget(self.status_bar)
        root = QHBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self.sidebar)
        root.addLayout(column, 1)

    def _make_actions(self) -> None:
        def action(text: str, keys: list[QKeySequence], slot: object) -> QAction:
            made = QAction(text, self)
            made.setShortcuts(keys)
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        std = QKeySequence.StandardKey
        self.save_action = action("Save", [QKeySequence(std.Save)], self.save)
        self.undo_action = action("Undo", QKeySequence.keyBindings(std.Undo), self.undo)
        self.redo_action = action(
            "Redo",
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")],
            self.redo,
        )
        self.new_action = action("New routine", [QKeySequence("Ctrl+N")], self.new_routine)
        self.duplicate_action = action(
            "Duplicate", [QKeySequence("Ctrl+D")], self.duplicate_routine
        )
        self.add_entry_action = action(
            "Add exercise", [QKeySequence("Ctrl+E")], self.pick_and_add_entry
        )
        self.add_block_action = action("Add block", [QKeySequence("Ctrl+B")], self.add_block)
        self.problem_action = action("Go to problem", [QKeySequence("F8")], self.go_to_problem)

    def _connect(self) -> None:
        self._watcher.library_changed.connect(self._on_library)
        self._watcher.problems_changed.connect(self._show_file_problems)
        self.routine_list.selectionModel().currentChanged.connect(self._on_list_current)
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current)
        self.tree_model.modelReset.connect(self._after_tree_reset)
        self.tree_model.move_requested.connect(self.move_entry)
        self.tree.move_requested.connect(self.move_selected)
        self.tree.remove_requested.connect(self.remove_selected)
        self.tree.add_requested.connect(self.pick_and_add_entry)
        self.tree.edit_requested.connect(self._focus_details)
        self.exercise_list.currentItemChanged.connect(self._on_exercise_current)
        self.exercise_list.remove_requested.connect(self.remove_selected_exercise)
        self.exercise_list.edit_requested.connect(self._focus_details)
        self.tabs.currentChanged.connect(self._on_tab)
        self.new_button.clicked.connect(self.new_routine)
        self.duplicate_button.clicked.connect(self.duplicate_routine)
        self.notice_button.clicked.connect(self.duplicate_routine)
        self.import_button.clicked.connect(self._ask_import)
        self.export_button.clicked.connect(self._ask_export)
        self.delete_button.clicked.connect(lambda: self.delete_routine())
        self.close_button.clicked.connect(self._close_clicked)
        self.add_entry_button.clicked.connect(self.pick_and_add_entry)
        self.block_panel.add_exercise_requested.connect(self.pick_and_add_entry)
        self.add_block_button.clicked.connect(self.add_block)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.remove_button.clicked.connect(self.remove_selected)
        self.new_exercise_button.clicked.connect(self._ask_new_exercise)
        self.use_exercise_button.clicked.connect(self._use_selected_exercise)
        self.remove_exercise_button.clicked.connect(self.remove_selected_exercise)
        self.show_problem_button.clicked.connect(self.go_to_problem)
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)
        self.save_button.clicked.connect(self.save)

    def _route_undo_keys(self) -> None:
        for widget in self.findChildren(QWidget):
            if isinstance(widget, QLineEdit | QPlainTextEdit | QAbstractSpinBox):
                widget.installEventFilter(self._undo_keys)

    def set_palette(self, palette: Palette) -> None:
        """Colours from the app's theme (dark by default)."""
        self._palette = palette
        self.setStyleSheet(editor_stylesheet(palette))
        self.tree_delegate.palette = palette
        for view in (self.routine_list, self.exercise_list):
            delegate = view.itemDelegate()
            if isinstance(delegate, TwoLineDelegate):
                delegate.palette = palette
        for preview in (self.entry_panel.picture, self.exercise_panel.picture):
            preview.set_palette(palette)

    # --- reading the state ------------------------------------------------------------

    @property
    def document(self) -> RoutineDocument:
        assert self._document is not None
        return self._document

    @property
    def routine(self) -> Routine:
        return self.document.routine

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.document.problems

    @property
    def is_dirty(self) -> bool:
        return self._document is not None and self._document.is_dirty

    @property
    def library(self) -> Library:
        return self._watcher.library

    @property
    def save_refusal(self) -> str:
        """Why Save is disabled ("" when it is enabled)."""
        return "" if self.save_button.isEnabled() else self.save_button.toolTip()

    def selected_path(self) -> tuple[int, int | None] | None:
        return self._path

    # --- opening routines ---------------------------------------------------------------

    def _load(
        self,
        routine: Routine,
        *,
        read_only: bool = False,
        unsaved: bool = False,
        derive_id: bool = False,
        path: tuple[int, int | None] | None = None,
    ) -> None:
        self._drop_document()
        document = RoutineDocument(routine, read_only=read_only, unsaved=unsaved, parent=self)
        self._document = document
        self._derive_id = derive_id
        for panel in self._panels():
            panel.document = document
        document.changed.connect(self._on_changed)
        document.dirty_changed.connect(self._on_dirty)
        document.undo_stack.canUndoChanged.connect(self._refresh_undo)
        document.undo_stack.canRedoChanged.connect(self._refresh_undo)
        self._path = None
        self._exercise_id = ""
        self._syncing = True
        self.tabs.setCurrentIndex(TREE_TAB)
        self._syncing = False
        self.tree_model.set_routine(routine, document.problems)
        self._after_tree_reset()
        first = path or ((0, None) if routine.blocks else None)
        self._select_path(first)
        self._refresh_exercise_list()
        self._select_in_list(routine.id if not unsaved else "")
        editable = not read_only
        for panel in self._panels():
            panel.set_editable(editable)
        self.tree.setDragEnabled(editable)
        self.tree.setAcceptDrops(editable)
        self.notice.setVisible(read_only)
        self._on_changed(None)
        self.dirty_changed.emit(document.is_dirty)

    def _open_first(self) -> None:
        first = self.library.routines[0]
        self._load(first, read_only=self.library.is_builtin(first))

    def _drop_document(self) -> None:
        if self._document is not None:
            self._document.blockSignals(True)
            self._document.undo_stack.blockSignals(True)
            self._document.deleteLater()
            self._document = None

    def _panels(self) -> tuple[Panel, ...]:
        return (self.routine_fields, self.block_panel, self.entry_panel, self.exercise_panel)

    def open_routine(self, routine_id: str) -> bool:
        """Show a routine from the library; asks first if the open one has unsaved changes."""
        routine = self.library.find(routine_id)
        if routine is None:
            return False
        if (
            self._document is not None
            and routine.id == self.routine.id
            and not self.document.unsaved
        ):
            return True
        if not self.maybe_close():
            return False
        self._load(routine, read_only=self.library.is_builtin(routine))
        return True

    def new_routine(self) -> bool:
        """An empty routine (not saved until it has an exercise and Save is pressed)."""
        if not self.maybe_close():
            return False
        routine = routine_store.new_routine(self._folder)
        self._load(routine, unsaved=True, derive_id=True)
        self.routine_fields.name.setFocus()
        self.routine_fields.name.selectAll()
        return True

    def duplicate_routine(self) -> Routine | None:
        """Save an editable copy of the open routine (``<id>-copy``, "… (copy)") and open it."""
        if self._document is None or not self.maybe_close():
            return None
        source = self.library.find(self.routine.id) or self.routine
        copy = routine_store.duplicate_routine(source, self._folder)
        try:
            saved, _path = routine_store.save_routine(copy, self._folder)
        except RoutineStoreError as exc:
            self._report("The copy could not be saved", exc)
            return None
        self._watcher.reload()
        self._load(saved)
        self.routine_saved.emit(saved)
        self._set_status(f"Copied to \u201c{saved.name}\u201d. Your changes go into the copy.")
        return saved

    def delete_routine(self, *, confirm: bool = True) -> bool:
        if self._document is None or self.document.read_only:
            return False
        routine = self.routine
        if self.document.unsaved:
            self._drop_document()
            self._open_first()
            return True
        if confirm:
            answer = QMessageBox.question(
                self,
                "Delete routine",
                f"Delete \u201c{routine.name}\u201d? Its file is removed from your routines "
                "folder; your history keeps the sessions you did with it.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            routine_store.delete_routine(routine.id, self._folder)
        except RoutineStoreError as exc:
            self._report("The routine could not be deleted", exc)
            return False
        self._drop_document()
        self._watcher.reload()
        self._open_first()
        self.routine_deleted.emit(routine.id)
        self._set_status(f"Deleted \u201c{routine.name}\u201d.")
        return True

    # --- saving and closing -------------------------------------------------------------

    def save(self) -> bool:
        """Save the open routine; refused (with the reason in the status line) while it
        is built-in or has problems."""
        if self._document is None or self.document.read_only:
            return False
        document = self.document
        if document.problems:
            self._refresh_status()
            return False
        if not document.is_dirty:
            return True
        routine = document.routine
        if self._derive_id:
            routine = replace(
                routine, id=routine_store.available_id(routine.name or "routine", self._folder)
            )
        pictures = {exercise_id: Path(file) for exercise_id, file in document.draft.pictures}
        try:
            saved, _path = routine_store.save_routine(routine, self._folder, pictures=pictures)
        except RoutineStoreError as exc:
            self._report("The routine was not saved", exc)
            return False
        self._derive_id = False
        document.mark_saved(saved)
        self._watcher.reload()
        self._select_in_list(saved.id)
        self._set_status(f"Saved \u201c{saved.name}\u201d.")
        self.routine_saved.emit(saved)
        return True

    def maybe_close(self) -> bool:
        """``True`` when nothing unsaved would be lost: clean, saved now, or discarded."""
        if self._document is None or not self.document.is_dirty:
            return True
        answer = ask_to_save(self, self.routine.name)
        if answer == QMessageBox.StandardButton.Save:
            return self._save_or_explain("Fix them, or choose Discard to drop the changes.")
        if answer == QMessageBox.StandardButton.Discard:
            self.discard_changes()
            return True
        return False

    def _save_or_explain(self, what_next: str) -> bool:
        """Save now; when problems stop that, say which in a dialog (the user asked to save
        from a question, so a quiet status line would be missed)."""
        if self.document.problems:
            self._refresh_status()
            QMessageBox.warning(
                self,
                "Cannot save yet",
                "This routine has problems that stop it from being saved:\n\n"
                + "\n".join(f"\N{BULLET} {self._where(p)}{p.message}" for p in self.problems[:6])
                + f"\n\n{what_next}",
            )
            return False
        return self.save()

    def discard_changes(self) -> None:
        """Drop unsaved changes without asking: back to the routine as its file holds it
        now (read again, as it may have changed outside Supple meanwhile). A never-saved
        new routine is dropped and the first routine opened."""
        if self._document is None or not self._document.is_dirty:
            return
        document = self.document
        if document.unsaved:
            self._drop_document()
            self._open_first()
            return
        exercise_id = self._exercise_id if self.tabs.currentIndex() == EXERCISES_TAB else ""
        library = self._watcher.reload()
        on_disk = next((r for r in library.routines if r.id == document.routine.id), None)
        if on_disk is None:
            self._drop_document()
            self._open_first()
            self._set_status("The routine's file was removed outside Supple; nothing was kept.")
            return
        path = (
            self._path if self._path is not None and self._path[0] < len(on_disk.blocks) else None
        )
        self._load(on_disk, read_only=library.is_builtin(on_disk), path=path)
        if exercise_id and self.document.own_exercise(exercise_id) is not None:
            self.select_exercise(exercise_id)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            # A little more room for the blocks than for the details, whatever page is shown.
            self._sized = True
            total = max(self.splitter.width(), 740)
            self.splitter.setSizes([round(total * 0.56), total - round(total * 0.56)])

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.maybe_close():
            event.accept()
        else:
            event.ignore()

    def _close_clicked(self) -> None:
        if self.isWindow():
            self.close()
        elif self.maybe_close():
            self.close_requested.emit()

    # --- import and export --------------------------------------------------------------

    def import_file(self, source: Path) -> ImportResult | None:
        """Add a routine from a bundle or a routine file and open it; errors are shown once."""
        if not self.maybe_close():
            return None
        try:
            result = routine_store.import_routine(source, self._folder)
        except RoutineStoreError as exc:
            self._report(f"{source.name} was not imported", exc)
            return None
        self._watcher.reload()
        self._load(result.routine)
        self.routine_saved.emit(result.routine)
        note = (
            f" (its id was taken, so it is now \u201c{result.routine.id}\u201d)"
            if result.renamed_from
            else ""
        )
        self._set_status(f"Imported \u201c{result.routine.name}\u201d{note}.")
        return result

    def export_to(self, target: Path) -> Path | None:
        """Write the open routine (as saved) and its pictures to a shareable .zip bundle."""
        if self._document is None:
            return None
        if self.document.is_dirty:
            self._set_status("Save your changes before exporting, so the bundle holds them.")
            return None
        try:
            written = routine_store.export_bundle(self.routine, target, self._folder)
        except RoutineStoreError as exc:
            self._report("The routine was not exported", exc)
            return None
        self._set_status(f"Exported to {written}.")
        return written

    def _save_before_export(self) -> bool:
        """A bundle holds the routine as saved: offer to save the changes first, before
        the user picks where the bundle goes."""
        box = QMessageBox(self)
        box.setObjectName("SaveBeforeExport")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Save before exporting?")
        box.setText(f"Save the changes to \u201c{self.routine.name or 'this routine'}\u201d first?")
        box.setInformativeText(
            "A bundle holds the routine as it is saved, so unsaved changes would be left out."
        )
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        answer = box.exec()
        box.deleteLater()
        if answer != QMessageBox.StandardButton.Save:
            return False
        return self._save_or_explain("Fix them, then export again.")

    def _ask_import(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            "Import a routine",
            str(Path.home()),
            "Routine bundles and files (*.zip *.toml)",
        )
        if chosen:
            self.import_file(Path(chosen))

    def _ask_export(self) -> None:
        if self._document is None:
            return
        if self.document.is_dirty and not self._save_before_export():
            return
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            "Export the routine",
            str(Path.home() / f"{self.routine.id}.zip"),
            "Routine bundle (*.zip)",
        )
        if chosen:
            self.export_to(Path(chosen))

    # --- editing the structure ----------------------------------------------------------

    def _target_for_new_entry(self) -> tuple[int, int]:
        """Where a new entry goes: after the selected entry, else at the end of the
        selected block, else at the end of the last block."""
        routine = self.routine
        if self._path is not None and self.tabs.currentIndex() == TREE_TAB:
            block, entry = self._path
            if entry is not None:
                return block, entry + 1
            return block, len(routine.blocks[block].entries)
        block = len(routine.blocks) - 1
        return block, len(routine.blocks[block].entries)

    def add_entry(self, exercise_id: str) -> tuple[int, int] | None:
        """Add an exercise (built-in or own) to the routine; returns where it went."""
        if self._document is None or self.document.read_only:
            return None
        exercise = self.document.exercises().get(exercise_id)
        if exercise is None:
            return None
        routine = self.routine
        if routine.blocks:
            block, position = self._target_for_new_entry()
        else:
            routine, block = edits.add_block(routine, None, "Circuit")
            position = 0
        new = edits.insert_entry(routine, block, position, Entry(exercise=exercise_id))
        self.document.edit(
            new,
            text=f"Add {exercise.name}",
            focus=("tree", (block, position)),
            focus_before=("tree", self._path),
        )
        self.tabs.setCurrentIndex(TREE_TAB)
        return block, position

    def pick_and_add_entry(self) -> None:
        if self._document is None or self.document.read_only:
            return
        catalog = sorted(builtin_exercises().values(), key=lambda e: e.name)
        picker = ExercisePicker(list(self.routine.exercises), catalog, self)
        picker.setStyleSheet(self.styleSheet())
        accepted = picker.exec()
        chosen = picker.chosen_id
        picker.deleteLater()
        if accepted and chosen:
            self.add_entry(chosen)
            self.tree.setFocus()

    def add_block(self) -> int | None:
        if self._document is None or self.document.read_only:
            return None
        after = self._path[0] if self._path is not None else None
        routine, block = edits.add_block(self.routine, after, edits.unique_block_name(self.routine))
        self.document.edit(
            routine,
            text="Add a block",
            focus=("tree", (block, None)),
            focus_before=("tree", self._path),
        )
        self.tabs.setCurrentIndex(TREE_TAB)
        return block

    def move_selected(self, delta: int) -> bool:
        """Move the selected entry (or block) one place up (-1) or down (+1)."""
        if self._document is None or self.document.read_only or self._path is None:
            return False
        block, entry = self._path
        if entry is None:
            routine, target = edits.shift_block(self.routine, block, delta)
            focus: tuple[int, int | None] = (target, None)
            text = "Move the block"
        else:
            routine, focus = edits.shift_entry(self.routine, block, entry, delta)
            text = "Move the exercise"
        moved = self.document.edit(
            routine, text=text, focus=("tree", focus), focus_before=("tree", self._path)
        )
        self.tree.setFocus()
        return moved

    def move_entry(self, from_block: int, from_entry: int, to_block: int, to_position: int) -> None:
        """A drop from the tree: move an entry to a place in a block."""
        if self._document is None or self.document.read_only:
            return
        routine, focus = edits.move_entry(
            self.routine, from_block, from_entry, to_block, to_position
        )
        self.document.edit(
            routine,
            text="Move the exercise",
            focus=("tree", focus),
            focus_before=("tree", (from_block, from_entry)),
        )

    def remove_selected(self) -> bool:
        if self._document is None or self.document.read_only or self._path is None:
            return False
        block, entry = self._path
        routine = self.routine
        if entry is None:
            name = routine.blocks[block].name or f"block {block + 1}"
            new = edits.remove_block(routine, block)
            after: tuple[int, int | None] | None = (
                (min(block, len(new.blocks) - 1), None) if new.blocks else None
            )
            text = f"Remove {name}"
        else:
            new = edits.remove_entry(routine, block, entry)
            remaining = len(new.blocks[block].entries)
            after = (block, min(entry, remaining - 1)) if remaining else (block, None)
            text = "Remove the exercise"
        return self.document.edit(
            new, text=text, focus=("tree", after), focus_before=("tree", self._path)
        )

    # --- own exercises ------------------------------------------------------------------

    def create_exercise(self, name: str, kind: Kind = Kind.REPS) -> str | None:
        """Add an exercise of the routine's own; its id comes from the name. Returns the id."""
        if self._document is None or self.document.read_only:
            return None
        taken = set(builtin_exercises()) | {e.id for e in self.routine.exercises}
        base = routine_store.slugify(name)
        exercise_id = base
        number = 2
        while exercise_id in taken:
            exercise_id = f"{base[:60]}-{number}"
            number += 1
        exercise = edits.new_exercise(exercise_id, name, kind)
        self.document.edit(
            edits.add_exercise(self.routine, exercise),
            text=f"Create {name}",
            focus=("exercise", exercise_id),
            focus_before=self._focus_here(),
        )
        return exercise_id

    def _ask_new_exercise(self) -> None:
        if self._document is None or self.document.read_only:
            return
        dialog = NewExerciseDialog(set(builtin_exercises()), self)
        dialog.setStyleSheet(self.styleSheet())
        accepted = dialog.exec()
        name, kind = dialog.name.text().strip(), dialog.chosen_kind
        dialog.deleteLater()
        if accepted and self.create_exercise(name, kind) is not None:
            self.exercise_panel.name.setFocus()

    def _use_selected_exercise(self) -> None:
        if self._exercise_id:
            tree_path = self._path
            self.tabs.setCurrentIndex(TREE_TAB)
            self._select_path(tree_path)
            self.add_entry(self._exercise_id)

    def remove_selected_exercise(self) -> bool:
        if self._document is None or self.document.read_only or not self._exercise_id:
            return False
        exercise = self.document.own_exercise(self._exercise_id)
        if exercise is None:
            return False
        routine, removed = edits.remove_exercise(self.routine, exercise.id)
        ids = [e.id for e in self.routine.exercises]
        position = ids.index(exercise.id)
        remaining = [e.id for e in routine.exercises]
        focus = remaining[min(position, len(remaining) - 1)] if remaining else ""
        changed = self.document.edit(
            routine,
            pictures=self.document.draft.with_picture(exercise.id, None),
            text=f"Remove {exercise.name}",
            focus=("exercise", focus),
            focus_before=("exercise", exercise.id),
        )
        if removed:
            self._set_status(
                f"Removed {exercise.name} and the {removed} place{'s' if removed != 1 else ''} "
                "it was used. Undo brings them back."
            )
        return changed

    def set_exercise_picture(self, exercise_id: str, file: Path) -> bool:
        """Use a picture file for an own exercise (checked now, copied on save)."""
        self.select_exercise(exercise_id)
        return self.exercise_panel.use_picture_file(file)

    # --- undo ---------------------------------------------------------------------------

    def undo(self) -> None:
        if self._document is not None:
            self.document.undo_stack.undo()

    def redo(self) -> None:
        if self._document is not None:
            self.document.undo_stack.redo()

    # --- selection ----------------------------------------------------------------------

    def _focus_here(self) -> object:
        if self.tabs.currentIndex() == EXERCISES_TAB and self._exercise_id:
            return ("exercise", self._exercise_id)
        return ("tree", self._path)

    def select_path(self, path: tuple[int, int | None] | None) -> None:
        """Select a block ``(b, None)`` or an entry ``(b, e)`` and show its details."""
        self.tabs.setCurrentIndex(TREE_TAB)
        self._select_path(path)

    def _select_path(self, path: tuple[int, int | None] | None) -> None:
        index = self.tree_model.index_for(path)
        if not index.isValid() and path is not None and path[1] is not None:
            index = self.tree_model.index_for((path[0], None))
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.tree.scrollTo(index)
        else:
            self.tree.selectionModel().clear()
        self._path = self.tree_model.path(index)
        self._show_details()

    def select_exercise(self, exercise_id: str) -> None:
        self.tabs.setCurrentIndex(EXERCISES_TAB)
        for row in range(self.exercise_list.count()):
            item = self.exercise_list.item(row)
            if item.data(EXERCISE_ID_ROLE) == exercise_id:
                self.exercise_list.setCurrentItem(item)
                break
        self._exercise_id = exercise_id if self.document.own_exercise(exercise_id) else ""
        self._show_details()

    def _on_tree_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing:
            return
        self._path = self.tree_model.path(current)
        self._show_details()

    def _on_exercise_current(self, current: QListWidgetItem | None, _previous: object) -> None:
        if self._syncing:
            return
        self._exercise_id = str(current.data(EXERCISE_ID_ROLE)) if current is not None else ""
        self._show_details()

    def _on_tab(self, _index: int) -> None:
        self._show_details()

    def _after_tree_reset(self) -> None:
        self.tree.expandAll()

    def _apply_focus(self, focus: object) -> None:
        if not isinstance(focus, tuple) or len(focus) != 2:
            return
        kind, where = focus
        if kind == "tree":
            self.select_path(where if isinstance(where, tuple) else None)
        elif kind == "exercise" and isinstance(where, str):
            if where:
                self.select_exercise(where)
            else:
                self.tabs.setCurrentIndex(EXERCISES_TAB)

    def _focus_details(self) -> None:
        panel = self._current_page
        if isinstance(panel, Panel):
            first = panel.first_input()
            if first is not None:
                first.setFocus(Qt.FocusReason.TabFocusReason)

    def _select_in_list(self, routine_id: str) -> None:
        self._syncing = True
        try:
            row = self.list_model.row_of(routine_id) if routine_id else -1
            selection = self.routine_list.selectionModel()
            if row < 0:
                selection.clear()
            else:
                index = self.list_model.index(row)
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self.routine_list.scrollTo(index)
        finally:
            self._syncing = False

    def _on_list_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid() or self._document is None:
            return
        routine_id = str(current.data(ID_ROLE))
        if routine_id == self.routine.id and not self.document.unsaved:
            return
        if not self.open_routine(routine_id):
            self._select_in_list("" if self.document.unsaved else self.routine.id)

    # --- showing the document -----------------------------------------------------------

    def _on_changed(self, focus: object) -> None:
        document = self.document
        self._syncing = True
        try:
            self.tree_model.set_routine(document.routine, document.problems)
            self._refresh_exercise_list()
        finally:
            self._syncing = False
        if focus is not None:
            self._apply_focus(focus)
        else:
            self._restore_selection()
        self.routine_fields.refresh()
        self._show_details()
        self._refresh_header()
        self._refresh_status()
        self._refresh_undo()

    def _restore_selection(self) -> None:
        """Keep the selection on the same place after a change that did not say where to go."""
        if self.tabs.currentIndex() == TREE_TAB or not self._exercise_id:
            self._syncing = True
            try:
                self._select_path(self._path)
            finally:
                self._syncing = False
        if self._exercise_id:
            self._syncing = True
            try:
                for row in range(self.exercise_list.count()):
                    if self.exercise_list.item(row).data(EXERCISE_ID_ROLE) == self._exercise_id:
                        self.exercise_list.setCurrentRow(row)
            finally:
                self._syncing = False

    def _show_details(self) -> None:
        if self._document is None:
            return
        routine = self.routine
        page: QWidget = self.empty_panel
        if self.tabs.currentIndex() == EXERCISES_TAB:
            if self._exercise_id and self.document.own_exercise(self._exercise_id):
                self.exercise_panel.show_exercise(self._exercise_id)
                page = self.exercise_panel
        elif self._path is not None and self._path[0] < len(routine.blocks):
            block, entry = self._path
            if entry is None:
                self.block_panel.show_block(block)
                page = self.block_panel
            elif entry < len(routine.blocks[block].entries):
                self.entry_panel.show_entry(block, entry)
                page = self.entry_panel
        self._show_page(page)
        editable = not self.document.read_only
        has_path = self._path is not None
        self.up_button.setEnabled(editable and has_path)
        self.down_button.setEnabled(editable and has_path)
        self.remove_button.setEnabled(editable and has_path)
        self.use_exercise_button.setEnabled(editable and bool(self._exercise_id))
        self.remove_exercise_button.setEnabled(editable and bool(self._exercise_id))

    def _show_page(self, page: QWidget) -> None:
        if page is not self._current_page:
            self._current_page.hide()
            page.show()
            self._current_page = page

    @property
    def details_page(self) -> QWidget:
        """The panel on the right: block, entry, own exercise, or the empty hint."""
        return self._current_page

    def _refresh_exercise_list(self) -> None:
        routine = self.routine
        self.exercise_list.clear()
        for exercise in routine.exercises:
            item = QListWidgetItem(exercise.name or "Unnamed exercise")
            item.setData(EXERCISE_ID_ROLE, exercise.id)
            uses = edits.uses_of(routine, exercise.id)
            item.setData(
                EXERCISE_META_ROLE,
                f"{exercise_label(exercise)}  \N{MIDDLE DOT}  used {uses}\u00d7",
            )
            self.exercise_list.addItem(item)
        count = len(routine.exercises)
        self.tabs.setTabText(
            EXERCISES_TAB, f"Your exercises ({count})" if count else "Your exercises"
        )
        self.exercises_empty.setVisible(count == 0)

    def _refresh_header(self) -> None:
        document = self.document
        routine = document.routine
        self.title.setText(routine.name or "Untitled routine")
        if document.read_only:
            badge = "Built-in  \N{MIDDLE DOT}  read-only"
        elif document.unsaved:
            badge = "New  \N{MIDDLE DOT}  not saved yet"
        elif document.is_dirty:
            badge = "Unsaved changes"
        else:
            badge = "Your routine  \N{MIDDLE DOT}  saved"
        self.badge.setText(badge)
        total = document.total_seconds
        self.total_label.setText(timefmt.duration(total) if total is not None else "\N{EM DASH}")
        exercises = count_exercises(routine)
        blocks = len(routine.blocks)
        self.count_label.setText(
            f"{exercises} exercise{'s' if exercises != 1 else ''}  \N{MIDDLE DOT}  "
            f"{blocks} block{'s' if blocks != 1 else ''}"
        )
        self.delete_button.setEnabled(not document.read_only)
        self.duplicate_button.setEnabled(not document.unsaved)
        self.duplicate_action.setEnabled(not document.unsaved)
        self.export_button.setEnabled(not document.unsaved)
        self.export_button.setToolTip(
            "Save the new routine first, then it can be exported"
            if document.unsaved
            else "Save this routine as a .zip bundle to share"
        )
        for button in (self.add_entry_button, self.add_block_button, self.new_exercise_button):
            button.setEnabled(not document.read_only)
        for action in (self.add_entry_action, self.add_block_action):
            action.setEnabled(not document.read_only)
        blocks_problems = [p for p in document.routine_problems() if p.field == "blocks"]
        self.tree_problem.setText("\n".join(p.message for p in blocks_problems))
        self.tree_problem.setVisible(bool(blocks_problems))
        self.setWindowTitle(
            f"{'*' if document.is_dirty else ''}{routine.name or 'Untitled routine'} "
            "\N{EN DASH} Routine editor"
        )

    def _where(self, problem: Problem) -> str:
        return f"{problem.where}: " if problem.where else ""

    def _refresh_status(self) -> None:
        document = self.document
        problems = document.problems
        self.show_problem_button.setVisible(bool(problems) and not document.read_only)
        if document.read_only:
            reason = "Built-in routines can't be changed: duplicate it to make your own copy."
            self._set_status(reason, role="caption")
        elif problems:
            count = len(problems)
            first = problems[0]
            reason = (
                f"Can't save yet: {count} problem{'s' if count != 1 else ''} to fix. "
                f"First: {self._where(first)}{first.message}"
            )
            self._set_status(f"\N{WARNING SIGN} {reason}", role="field-error")
        elif document.is_dirty:
            reason = ""
            self._set_status("Unsaved changes.", role="caption")
        else:
            reason = "There are no changes to save."
            if not self.status.text().startswith(("Saved", "Copied", "Imported", "Exported")):
                self._set_status("All changes saved.", role="caption")
        self.save_button.setEnabled(not reason)
        self.save_action.setEnabled(not reason)
        self.save_button.setToolTip(reason or "Save (Ctrl+S)")

    def _set_status(self, text: str, role: str = "caption") -> None:
        self.status.setText(text)
        set_role(self.status, role)

    def _refresh_undo(self, _can: bool = False) -> None:
        stack = self.document.undo_stack
        self.undo_button.setEnabled(stack.canUndo())
        self.redo_button.setEnabled(stack.canRedo())
        self.undo_button.setToolTip(
            f"Undo {stack.undoText().lower()} (Ctrl+Z)" if stack.canUndo() else "Nothing to undo"
        )
        self.redo_button.setToolTip(
            f"Redo {stack.redoText().lower()} (Ctrl+Shift+Z)"
            if stack.canRedo()
            else "Nothing to redo"
        )

    def _on_dirty(self, dirty: bool) -> None:
        self._refresh_header()
        self._refresh_status()
        self.dirty_changed.emit(dirty)

    def go_to_problem(self, problem: Problem | None = None) -> bool:
        """Select where a problem is (the first one by default) and put the focus on its field."""
        if self._document is None or not self.problems:
            return False
        problem = problem or self.problems[0]
        position = exercise_number(problem)
        if problem.block is not None:
            path = (problem.block - 1, None if problem.entry is None else problem.entry - 1)
            self.select_path(path)
            panel: Panel = self.block_panel if path[1] is None else self.entry_panel
        elif position is not None and position < len(self.routine.exercises):
            self.select_exercise(self.routine.exercises[position].id)
            panel = self.exercise_panel
        else:
            panel = self.routine_fields
        if not panel.focus_field(problem.field):
            first = panel.first_input()
            if first is not None:
                first.setFocus()
        return True

    # --- the folder changing underneath -------------------------------------------------

    def _on_library(self, library: Library) -> None:
        self.list_model.set_library(library)
        if self._document is None:
            return
        document = self.document
        on_disk = library.find(document.routine.id)
        if document.unsaved:
            self._select_in_list("")
            return
        if on_disk is None:
            if not document.is_dirty:
                self._open_first()
                self._set_status("The routine's file was removed outside Supple.")
            else:
                self._set_status(
                    "The routine's file was removed outside Supple; Save writes it again."
                )
            return
        self._select_in_list(on_disk.id)
        if on_disk != document.routine and not document.is_dirty and not document.read_only:
            self._load(on_disk, path=self._path)
            self._set_status("Reloaded: the routine's file was changed outside Supple.")
        elif on_disk != document.routine and document.is_dirty and document.undo_stack.count():
            self._set_status(
                "The routine's file was changed outside Supple; Save replaces it with this version."
            )

    def _show_file_problems(self, problems: list[Problem]) -> None:
        if not problems:
            self.file_problems.hide()
            return
        files = sorted({p.file for p in problems})
        lines = [f"{len(files)} routine file{'s' if len(files) != 1 else ''} could not be loaded:"]
        lines += [str(p) for p in problems[:MAX_SIDEBAR_PROBLEMS]]
        if len(problems) > MAX_SIDEBAR_PROBLEMS:
            lines.append(f"\N{HORIZONTAL ELLIPSIS} and {len(problems) - MAX_SIDEBAR_PROBLEMS} more")
        self.file_problems.setText("\n".join(lines))
        self.file_problems.setToolTip("\n".join(str(p) for p in problems))
        self.file_problems.show()

    def _report(self, title: str, error: RoutineStoreError) -> None:
        """One dialog for one failed action the user asked for, and the status line."""
        self._set_status(f"\N{WARNING SIGN} {error.message}", role="field-error")
        box = QMessageBox(self)
        box.setObjectName("EditorError")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setText(error.message)
        if error.problems:
            box.setInformativeText("\n".join(str(p) for p in error.problems[:8]))
        box.exec()
        box.deleteLater()


def open_editor(
    routine_id: str | None = None,
    *,
    watcher: RoutineWatcher | None = None,
    parent: QWidget | None = None,
) -> RoutineEditor:
    """Show the editor in a window of its own (1280x720), on ``routine_id`` if given."""
    editor = RoutineEditor(watcher, routine_id=routine_id, parent=parent)
    if parent is not None:
        editor.setWindowFlag(Qt.WindowType.Window, True)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, parent is not None)
    editor.resize(1280, 720)
    editor.show()
    return editor
