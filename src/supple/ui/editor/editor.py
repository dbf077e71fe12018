"""The routine editor: adapt a routine (rounds, reps, sides, rests, order) and add one's own
exercises, with undo, live total time and the validator's own words at each field.

Built-in routines are shown read-only; "Duplicate" makes an editable copy. A change is
kept in the undo history until it is saved; leaving with unsaved changes always asks.
The window hosting the editor listens to ``routine_saved`` / ``routine_deleted`` to
refresh its own list, and calls ``maybe_close()`` before taking the editor away.

This window shows and asks; ``qt.editor_controller.EditorController`` holds the document
and does the saving, copying, importing and the structure's changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from supple.core.i18n import _
from supple.core.library import Library
from supple.core.model import Kind, Routine
from supple.core.problems import Problem
from supple.qt.editor_controller import EditorController, TreePath
from supple.qt.routine_document import RoutineDocument
from supple.qt.routine_models import ID_ROLE, RoutineListModel
from supple.qt.routine_watcher import RoutineWatcher
from supple.storage.routine_store import ImportResult, RoutineStoreError
from supple.ui.editor.fields import UndoKeys
from supple.ui.editor.header import EditorHeader, ReadOnlyNotice
from supple.ui.editor.panel import Panel
from supple.ui.editor.questions import (
    ask_to_save,
    ask_to_save_before_export,
    choose_export_file,
    choose_import_file,
    confirm_delete,
    show_store_error,
)
from supple.ui.editor.routine_fields import RoutineFields
from supple.ui.editor.sidebar import RoutineSidebar
from supple.ui.editor.status_bar import EditorStatusBar, where
from supple.ui.editor.style import body_font, editor_stylesheet
from supple.ui.editor.workspace import EXERCISES_TAB, RoutineWorkspace
from supple.ui.theme import Palette
from supple.ui.theme_registry import join


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
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("RoutineEditor")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setWindowTitle(_("Routine editor \N{EN DASH} Supple"))
        self.setFont(body_font())
        self._watcher = watcher if watcher is not None else RoutineWatcher(parent=self)
        self.controller = EditorController(self._watcher, self)
        self.list_model = RoutineListModel(self._watcher.library, self)
        self._build()
        self._make_actions()
        self._connect()
        undo_keys = UndoKeys(self)
        for widget in self.findChildren(QWidget):
            if isinstance(widget, QLineEdit | QPlainTextEdit | QAbstractSpinBox):
                widget.installEventFilter(undo_keys)
        join(self)
        self.controller.open_id(routine_id)
        self.sidebar.show_file_problems(list(self.library.problems))

    def _build(self) -> None:
        self.sidebar = RoutineSidebar(self.list_model)
        self.header = EditorHeader()
        self.notice = ReadOnlyNotice()
        self.routine_fields = RoutineFields()
        self.workspace = RoutineWorkspace(self.controller)
        self.status_bar = EditorStatusBar()
        main = QVBoxLayout()
        main.setContentsMargins(24, 18, 24, 14)
        main.setSpacing(12)
        main.addWidget(self.header)
        main.addWidget(self.notice)
        main.addWidget(self.routine_fields)
        main.addWidget(self.workspace, 1)
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
        # The parts tests and the window reach for, by their old names.
        self.routine_list = self.sidebar.routine_list
        self.file_problems = self.sidebar.file_problems
        self.export_button = self.sidebar.export_button
        self.tabs = self.workspace.tabs
        self.tree = self.workspace.structure.tree
        self.tree_model = self.workspace.tree_model
        self.new_exercise_button = self.workspace.exercises.new_button
        self.block_panel = self.workspace.details.block_panel
        self.entry_panel = self.workspace.details.entry_panel
        self.exercise_panel = self.workspace.details.exercise_panel
        self.details_scroll = self.workspace.details.scroll_area
        self.status = self.status_bar.status
        self.save_button = self.status_bar.save_button

    def _make_actions(self) -> None:
        def action(text: str, keys: list[QKeySequence], slot: object) -> QAction:
            made = QAction(text, self)
            made.setShortcuts(keys)
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        std = QKeySequence.StandardKey
        workspace = self.workspace
        self.save_action = action(_("Save"), [QKeySequence(std.Save)], self.save)
        self.undo_action = action(_("Undo"), QKeySequence.keyBindings(std.Undo), self.undo)
        self.redo_action = action(
            _("Redo"), [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")], self.redo
        )
        self.new_action = action(_("New routine"), [QKeySequence("Ctrl+N")], self.new_routine)
        self.duplicate_action = action(
            _("Duplicate"), [QKeySequence("Ctrl+D")], self.duplicate_routine
        )
        self.add_entry_action = action(
            _("Add exercise"), [QKeySequence("Ctrl+E")], workspace.pick_and_add_entry
        )
        self.add_block_action = action(
            _("Add block"), [QKeySequence("Ctrl+B")], workspace.add_block
        )
        self.problem_action = action(_("Go to problem"), [QKeySequence("F8")], self.go_to_problem)

    def _connect(self) -> None:
        controller, sidebar, status = self.controller, self.sidebar, self.status_bar
        controller.opened.connect(self.on_opened)
        controller.saved.connect(self.routine_saved)
        controller.deleted.connect(self.routine_deleted)
        controller.notice.connect(self.status_bar.show_notice)
        controller.failed.connect(self.on_failed)
        self._watcher.library_changed.connect(self.on_library)
        self._watcher.problems_changed.connect(sidebar.show_file_problems)
        self.routine_list.selectionModel().currentChanged.connect(self.on_list_current)
        sidebar.new_button.clicked.connect(self.new_routine)
        sidebar.duplicate_button.clicked.connect(self.duplicate_routine)
        sidebar.import_button.clicked.connect(self.ask_import)
        sidebar.export_button.clicked.connect(self.ask_export)
        sidebar.delete_button.clicked.connect(lambda: self.delete_routine())
        self.notice.button.clicked.connect(self.duplicate_routine)
        self.header.close_button.clicked.connect(self.on_close_clicked)
        status.show_problem_button.clicked.connect(self.go_to_problem)
        status.undo_button.clicked.connect(self.undo)
        status.redo_button.clicked.connect(self.redo)
        status.save_button.clicked.connect(self.save)

    def set_palette(self, palette: Palette) -> None:
        """Colours from the app's theme; the parts that paint their own join it themselves."""
        self.setStyleSheet(editor_stylesheet(palette))

    # --- reading the state ------------------------------------------------------------

    @property
    def document(self) -> RoutineDocument:
        document = self.controller.document
        assert document is not None
        return document

    @property
    def routine(self) -> Routine:
        return self.document.routine

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.document.problems

    @property
    def is_dirty(self) -> bool:
        document = self.controller.document
        return document is not None and document.is_dirty

    @property
    def library(self) -> Library:
        return self._watcher.library

    @property
    def save_refusal(self) -> str:
        """Why Save is disabled ("" when it is enabled)."""
        return "" if self.save_button.isEnabled() else self.save_button.toolTip()

    @property
    def details_page(self) -> QWidget:
        """The panel on the right: block, entry, own exercise, or the empty hint."""
        return self.workspace.details.current_page

    def selected_path(self) -> TreePath | None:
        return self.workspace.path

    # --- showing the document -----------------------------------------------------------

    def on_opened(self, document: RoutineDocument, path: TreePath | None) -> None:
        for panel in self._panels():
            panel.document = document
            panel.set_editable(not document.read_only)
        document.changed.connect(self.on_changed)
        document.dirty_changed.connect(self.on_dirty)
        document.undo_stack.canUndoChanged.connect(self.on_undo_changed)
        document.undo_stack.canRedoChanged.connect(self.on_undo_changed)
        self.workspace.show_document(document, path)
        self.sidebar.select(document.routine.id if not document.unsaved else "")
        self.notice.setVisible(document.read_only)
        for action in (self.add_entry_action, self.add_block_action):
            action.setEnabled(not document.read_only)
        self.on_changed(None)
        self.dirty_changed.emit(document.is_dirty)

    def _panels(self) -> tuple[Panel, ...]:
        return (self.routine_fields, self.block_panel, self.entry_panel, self.exercise_panel)

    def on_changed(self, focus: object) -> None:
        self.workspace.show_change(focus)
        self.routine_fields.refresh()
        self._show_state()
        self.on_undo_changed()

    def _show_state(self) -> None:
        document = self.document
        self.header.show_document(document)
        self.sidebar.show_document(document)
        self.duplicate_action.setEnabled(not document.unsaved)
        self.save_action.setEnabled(not self.status_bar.show_document(document))
        name = document.routine.name or _("Untitled routine")
        title = _("{name} \N{EN DASH} Routine editor").format(name=name)
        self.setWindowTitle(f"*{title}" if document.is_dirty else title)

    def on_undo_changed(self, _can: bool = False) -> None:
        self.status_bar.show_undo(self.document.undo_stack)

    def on_dirty(self, dirty: bool) -> None:
        self._show_state()
        self.dirty_changed.emit(dirty)

    def go_to_problem(self, problem: Problem | None = None) -> bool:
        """Select where a problem is (the first one by default) and put the focus on its field."""
        if self.controller.document is None or not self.problems:
            return False
        self.workspace.go_to_problem(problem or self.problems[0], self.routine_fields)
        return True

    def on_failed(self, title: str, error: RoutineStoreError) -> None:
        self.status_bar.set_status(f"\N{WARNING SIGN} {error.message}", role="field-error")
        show_store_error(self, title, error)

    # --- the routine list and the folder ------------------------------------------------

    def on_list_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.sidebar.selecting or not current.isValid() or self.controller.document is None:
            return
        routine_id = str(current.data(ID_ROLE))
        if routine_id == self.routine.id and not self.document.unsaved:
            return
        if not self.open_routine(routine_id):
            self.sidebar.select("" if self.document.unsaved else self.routine.id)

    def on_library(self, library: Library) -> None:
        self.list_model.set_library(library)
        self.controller.follow_library(library, self.workspace.path)
        document = self.controller.document
        if document is not None:
            self.sidebar.select("" if document.unsaved else document.routine.id)

    # --- opening, saving and closing ----------------------------------------------------

    def open_routine(self, routine_id: str) -> bool:
        """Show a routine from the library; asks first if the open one has unsaved changes."""
        routine = self.library.find(routine_id)
        if routine is None:
            return False
        document = self.controller.document
        if document is not None and routine.id == document.routine.id and not document.unsaved:
            return True
        if not self.maybe_close():
            return False
        self.controller.open(routine)
        return True

    def new_routine(self) -> bool:
        """An empty routine (not saved until it has an exercise and Save is pressed)."""
        if not self.maybe_close():
            return False
        self.controller.new_routine()
        self.routine_fields.name.setFocus()
        self.routine_fields.name.selectAll()
        return True

    def duplicate_routine(self) -> Routine | None:
        """Save an editable copy of the open routine (``<id>-copy``, "… (copy)") and open it."""
        if self.controller.document is None or not self.maybe_close():
            return None
        return self.controller.duplicate()

    def delete_routine(self, *, confirm: bool = True) -> bool:
        document = self.controller.editable()
        if document is None:
            return False
        if confirm and not document.unsaved and not confirm_delete(self, document.routine.name):
            return False
        return self.controller.delete()

    def save(self) -> bool:
        """Save the open routine; refused (with the reason in the status line) while it
        is built-in or has problems."""
        document = self.controller.editable()
        if document is None:
            return False
        if document.problems:
            self._show_state()
            return False
        return self.controller.save() is not None

    def maybe_close(self) -> bool:
        """``True`` when nothing unsaved would be lost: clean, saved now, or discarded."""
        if not self.is_dirty:
            return True
        answer = ask_to_save(self, self.routine.name)
        if answer == QMessageBox.StandardButton.Save:
            return self._save_or_explain(_("Fix them, or choose Discard to drop the changes."))
        if answer == QMessageBox.StandardButton.Discard:
            self.discard_changes()
            return True
        return False

    def _save_or_explain(self, what_next: str) -> bool:
        """Save now; when problems stop that, say which in a dialog (the user asked to save
        from a question, so a quiet status line would be missed)."""
        if self.document.problems:
            self._show_state()
            QMessageBox.warning(
                self,
                _("Cannot save yet"),
                _("This routine has problems that stop it from being saved:\n\n{problems}").format(
                    problems="\n".join(
                        f"\N{BULLET} {where(p)}{p.message}" for p in self.problems[:6]
                    )
                )
                + f"\n\n{what_next}",
            )
            return False
        return self.save()

    def discard_changes(self) -> None:
        """Drop unsaved changes without asking: back to the routine as its file holds it
        now (read again, as it may have changed outside Supple meanwhile). A never-saved
        new routine is dropped and the first routine opened."""
        workspace = self.workspace
        on_exercises = workspace.tabs.currentIndex() == EXERCISES_TAB
        exercise_id = workspace.exercise_id if on_exercises else ""
        reopened = self.controller.discard(workspace.path)
        if reopened and exercise_id and self.document.own_exercise(exercise_id) is not None:
            workspace.select_exercise(exercise_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.maybe_close():
            event.accept()
        else:
            event.ignore()

    def on_close_clicked(self) -> None:
        if self.isWindow():
            self.close()
        elif self.maybe_close():
            self.close_requested.emit()

    # --- import and export --------------------------------------------------------------

    def import_file(self, source: Path) -> ImportResult | None:
        """Add a routine from a bundle or a routine file and open it; errors are shown once."""
        if not self.maybe_close():
            return None
        return self.controller.import_file(source)

    def export_to(self, target: Path) -> Path | None:
        """Write the open routine (as saved) and its pictures to a shareable .zip bundle."""
        return self.controller.export_to(target)

    def ask_import(self) -> None:
        chosen = choose_import_file(self)
        if chosen is not None:
            self.import_file(chosen)

    def ask_export(self) -> None:
        if self.controller.document is None:
            return
        if self.document.is_dirty and not (
            ask_to_save_before_export(self, self.routine.name)
            and self._save_or_explain(_("Fix them, then export again."))
        ):
            return
        chosen = choose_export_file(self, self.routine.id)
        if chosen is not None:
            self.export_to(chosen)

    # --- changes, by the names the window and the tests use ------------------------------

    def undo(self) -> None:
        if self.controller.document is not None:
            self.document.undo_stack.undo()

    def redo(self) -> None:
        if self.controller.document is not None:
            self.document.undo_stack.redo()

    def select_path(self, path: TreePath | None) -> None:
        """Select a block ``(b, None)`` or an entry ``(b, e)`` and show its details."""
        self.workspace.select_path(path)

    def add_entry(self, exercise_id: str) -> tuple[int, int] | None:
        """Add an exercise (built-in or own) to the routine; returns where it went."""
        return self.workspace.add_entry(exercise_id)

    def add_block(self) -> int | None:
        return self.workspace.add_block()

    def create_exercise(self, name: str, kind: Kind = Kind.REPS) -> str | None:
        """Add an exercise of the routine's own; its id comes from the name. Returns the id."""
        return self.workspace.create_exercise(name, kind)

    def set_exercise_picture(self, exercise_id: str, file: Path) -> bool:
        """Use a picture file for an own exercise (checked now, copied on save)."""
        return self.workspace.set_exercise_picture(exercise_id, file)


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
