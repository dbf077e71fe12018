"""The middle of the editor: the routine's structure and own exercises in two tabs, the
details of what is selected beside them, and the changes made from there.

It keeps the selection (a tree path, an own exercise) in step with the document: after
an edit, undo or redo the document says where to look, and the selection follows.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QListWidgetItem, QSplitter, QTabWidget

from supple.core.catalog import builtin_exercises
from supple.core.i18n import _
from supple.core.model import Kind
from supple.core.problems import Problem
from supple.core.routine_draft import exercise_number
from supple.qt.editor_controller import EditorController, TreePath
from supple.qt.routine_document import RoutineDocument
from supple.ui.editor.details import DetailsPane
from supple.ui.editor.dialogs import ExercisePicker, NewExerciseDialog
from supple.ui.editor.own_exercises import ExercisesPage
from supple.ui.editor.panel import Panel
from supple.ui.editor.structure import EditorTreeModel, StructurePage
from supple.ui.editor.style import BODY_PX, editor_stylesheet
from supple.ui.theme import font
from supple.ui.theme_registry import current_palette

TREE_TAB, EXERCISES_TAB = 0, 1


class RoutineWorkspace(QSplitter):
    def __init__(self, controller: EditorController) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.controller = controller
        self.path: TreePath | None = None
        self.exercise_id = ""
        self._syncing = False
        self._sized = False
        self.tree_model = EditorTreeModel(self)
        self.structure = StructurePage(self.tree_model)
        self.exercises = ExercisesPage()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setDrawBase(False)
        self.tabs.addTab(self.structure, _("Blocks && exercises"))
        self.tabs.addTab(self.exercises, _("Your exercises"))
        self.tabs.tabBar().setFont(font(BODY_PX, QFont.Weight.DemiBold))
        self.details = DetailsPane()
        self.addWidget(self.tabs)
        self.addWidget(self.details)
        self.setChildrenCollapsible(False)
        self.setHandleWidth(16)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 1)
        self.tabs.setMinimumWidth(380)
        self.details.setMinimumWidth(360)
        self._connect()

    def _connect(self) -> None:
        tree, own = self.structure.tree, self.exercises.exercise_list
        tree.selectionModel().currentChanged.connect(self.on_tree_current)
        tree.move_requested.connect(self.move_selected)
        tree.remove_requested.connect(self.remove_selected)
        tree.add_requested.connect(self.pick_and_add_entry)
        tree.edit_requested.connect(self.on_edit_requested)
        self.tree_model.move_requested.connect(self.controller.move_entry)
        own.currentItemChanged.connect(self.on_exercise_current)
        own.remove_requested.connect(self.remove_selected_exercise)
        own.edit_requested.connect(self.on_edit_requested)
        self.tabs.currentChanged.connect(self.on_tab)
        self.structure.add_entry_button.clicked.connect(self.pick_and_add_entry)
        self.structure.add_block_button.clicked.connect(self.add_block)
        self.structure.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.structure.down_button.clicked.connect(lambda: self.move_selected(1))
        self.structure.remove_button.clicked.connect(self.remove_selected)
        self.details.block_panel.add_exercise_requested.connect(self.pick_and_add_entry)
        self.exercises.new_button.clicked.connect(self.ask_new_exercise)
        self.exercises.use_button.clicked.connect(self.use_selected_exercise)
        self.exercises.remove_button.clicked.connect(self.remove_selected_exercise)

    @property
    def document(self) -> RoutineDocument:
        document = self.controller.document
        assert document is not None
        return document

    # --- showing the document ----------------------------------------------------------

    def show_document(self, document: RoutineDocument, path: TreePath | None) -> None:
        """A newly opened document: the first block (or ``path``) selected, tree tab shown."""
        self.path = None
        self.exercise_id = ""
        with self._quietly():
            self.tabs.setCurrentIndex(TREE_TAB)
        self.tree_model.set_routine(document.routine, document.problems)
        routine = document.routine
        self._select_path(path or ((0, None) if routine.blocks else None))
        self._show_exercises()
        editable = not document.read_only
        self.structure.set_editable(editable)
        self.exercises.new_button.setEnabled(editable)

    def show_change(self, focus: object) -> None:
        """After a change: show the new draft and put the selection where ``focus`` says."""
        document = self.document
        with self._quietly():
            self.tree_model.set_routine(document.routine, document.problems)
            self._show_exercises()
        if focus is not None:
            self._apply_focus(focus)
        else:
            self._restore_selection()
        self.show_details()
        blocks_problems = [p.message for p in document.routine_problems() if p.field == "blocks"]
        self.structure.show_problems(blocks_problems)

    def _show_exercises(self) -> None:
        self.exercises.show_routine(self.document.routine)
        count = len(self.document.routine.exercises)
        text = _("Your exercises ({count})").format(count=count) if count else _("Your exercises")
        self.tabs.setTabText(EXERCISES_TAB, text)

    def show_details(self) -> None:
        if self.controller.document is None:
            return
        routine = self.document.routine
        details = self.details
        if self.tabs.currentIndex() == EXERCISES_TAB:
            if self.exercise_id and self.document.own_exercise(self.exercise_id):
                details.show_exercise(self.exercise_id)
            else:
                details.show_nothing()
        elif self.path is not None and self.path[0] < len(routine.blocks):
            block, entry = self.path
            if entry is None:
                details.show_block(block)
            elif entry < len(routine.blocks[block].entries):
                details.show_entry(block, entry)
            else:
                details.show_nothing()
        else:
            details.show_nothing()
        editable = not self.document.read_only
        self.structure.set_has_place(editable, self.path is not None)
        self.exercises.set_has_exercise(editable, bool(self.exercise_id))

    # --- selection ---------------------------------------------------------------------

    @contextlib.contextmanager
    def _quietly(self) -> Iterator[None]:
        """While it lasts, selection changes made by code are not taken for the user's."""
        self._syncing = True
        try:
            yield
        finally:
            self._syncing = False

    def focus_here(self) -> object:
        if self.tabs.currentIndex() == EXERCISES_TAB and self.exercise_id:
            return ("exercise", self.exercise_id)
        return ("tree", self.path)

    def select_path(self, path: TreePath | None) -> None:
        """Select a block ``(b, None)`` or an entry ``(b, e)`` and show its details."""
        self.tabs.setCurrentIndex(TREE_TAB)
        self._select_path(path)

    def _select_path(self, path: TreePath | None) -> None:
        self.path = self.structure.select(path)
        self.show_details()

    def select_exercise(self, exercise_id: str) -> None:
        self.tabs.setCurrentIndex(EXERCISES_TAB)
        self.exercises.exercise_list.select(exercise_id)
        self.exercise_id = exercise_id if self.document.own_exercise(exercise_id) else ""
        self.show_details()

    def _restore_selection(self) -> None:
        """Keep the selection on the same place after a change that did not say where to go."""
        with self._quietly():
            if self.tabs.currentIndex() == TREE_TAB or not self.exercise_id:
                self.path = self.structure.select(self.path)
            if self.exercise_id:
                self.exercises.exercise_list.select(self.exercise_id)

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

    def go_to_problem(self, problem: Problem, routine_fields: Panel) -> None:
        """Select where ``problem`` is and put the focus on its field (the routine's own
        fields are above the workspace, so the caller hands them in)."""
        position = exercise_number(problem)
        routine = self.document.routine
        if problem.block is not None:
            path = (problem.block - 1, None if problem.entry is None else problem.entry - 1)
            self.select_path(path)
            details = self.details
            panel: Panel = details.block_panel if path[1] is None else details.entry_panel
        elif position is not None and position < len(routine.exercises):
            self.select_exercise(routine.exercises[position].id)
            panel = self.details.exercise_panel
        else:
            panel = routine_fields
        if not panel.focus_field(problem.field):
            first = panel.first_input()
            if first is not None:
                first.setFocus()

    def on_tree_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._syncing:
            self.path = self.tree_model.path(current)
            self.show_details()

    def on_exercise_current(self, _current: QListWidgetItem | None, _previous: object) -> None:
        if not self._syncing:
            self.exercise_id = self.exercises.exercise_list.current_id()
            self.show_details()

    def on_tab(self, _index: int) -> None:
        self.show_details()

    def on_edit_requested(self) -> None:
        panel = self.details.current_page
        if isinstance(panel, Panel):
            first = panel.first_input()
            if first is not None:
                first.setFocus(Qt.FocusReason.TabFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            # A little more room for the blocks than for the details, whatever page is shown.
            self._sized = True
            total = max(self.width(), 740)
            self.setSizes([round(total * 0.56), total - round(total * 0.56)])

    # --- changing the structure ----------------------------------------------------------

    def _entry_target(self) -> tuple[int, int] | None:
        """After the selected entry, else at the end of the selected block (``None``: at
        the end of the last block)."""
        if self.path is None or self.tabs.currentIndex() != TREE_TAB:
            return None
        block, entry = self.path
        if entry is not None:
            return block, entry + 1
        return block, len(self.document.routine.blocks[block].entries)

    def add_entry(self, exercise_id: str) -> tuple[int, int] | None:
        """Add an exercise (built-in or own) to the routine; returns where it went."""
        where = self.controller.add_entry(
            exercise_id, self._entry_target(), before=("tree", self.path)
        )
        if where is not None:
            self.tabs.setCurrentIndex(TREE_TAB)
        return where

    def pick_and_add_entry(self) -> None:
        if self.controller.editable() is None:
            return
        catalog = sorted(builtin_exercises().values(), key=lambda e: e.name)
        picker = ExercisePicker(list(self.document.routine.exercises), catalog, self)
        picker.setStyleSheet(editor_stylesheet(current_palette()))
        accepted = picker.exec()
        chosen = picker.chosen_id
        picker.deleteLater()
        if accepted and chosen:
            self.add_entry(chosen)
            self.structure.tree.setFocus()

    def add_block(self) -> int | None:
        block = self.controller.add_block(self.path)
        if block is not None:
            self.tabs.setCurrentIndex(TREE_TAB)
        return block

    def move_selected(self, delta: int) -> bool:
        """Move the selected entry (or block) one place up (-1) or down (+1)."""
        if self.controller.editable() is None or self.path is None:
            return False
        moved = self.controller.shift(self.path, delta)
        self.structure.tree.setFocus()
        return moved

    def remove_selected(self) -> bool:
        return self.controller.remove(self.path)

    def create_exercise(self, name: str, kind: Kind = Kind.REPS) -> str | None:
        return self.controller.create_exercise(name, kind, before=self.focus_here())

    def ask_new_exercise(self) -> None:
        if self.controller.editable() is None:
            return
        dialog = NewExerciseDialog(set(builtin_exercises()), self)
        dialog.setStyleSheet(editor_stylesheet(current_palette()))
        accepted = dialog.exec()
        name, kind = dialog.name.text().strip(), dialog.chosen_kind
        dialog.deleteLater()
        if accepted and self.create_exercise(name, kind) is not None:
            self.details.exercise_panel.name.setFocus()

    def use_selected_exercise(self) -> None:
        if self.exercise_id:
            tree_path = self.path
            self.tabs.setCurrentIndex(TREE_TAB)
            self._select_path(tree_path)
            self.add_entry(self.exercise_id)

    def remove_selected_exercise(self) -> bool:
        return bool(self.exercise_id) and self.controller.remove_exercise(self.exercise_id)

    def set_exercise_picture(self, exercise_id: str, file: Path) -> bool:
        """Use a picture file for an own exercise (checked now, copied on save)."""
        self.select_exercise(exercise_id)
        return self.details.exercise_panel.use_picture_file(file)
