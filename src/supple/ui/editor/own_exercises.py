"""The "Your exercises" tab: the exercises a routine brings with it (a physio's exercise, a
variation), how often each is used, and the tools to make, use and remove them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from supple.core import routine_edits as edits
from supple.core.i18n import _
from supple.core.model import Routine
from supple.ui.editor.delegates import TwoLineDelegate
from supple.ui.editor.panel import exercise_label
from supple.ui.editor.structure import EDIT_KEYS, NO_MODIFIER, REMOVE_KEYS, without_keypad
from supple.ui.editor.style import button, label
from supple.ui.theme import Palette
from supple.ui.theme_registry import join

EXERCISE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
EXERCISE_META_ROLE = Qt.ItemDataRole.UserRole + 2


class ExerciseList(QListWidget):
    """The routine's own exercises; Delete removes, Enter edits."""

    remove_requested = Signal()
    edit_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), without_keypad(event)
        if mods == NO_MODIFIER and key in REMOVE_KEYS:
            self.remove_requested.emit()
        elif mods == NO_MODIFIER and key in EDIT_KEYS:
            self.edit_requested.emit()
        else:
            super().keyPressEvent(event)

    def current_id(self) -> str:
        item = self.currentItem()
        return str(item.data(EXERCISE_ID_ROLE)) if item is not None else ""

    def select(self, exercise_id: str) -> None:
        for row in range(self.count()):
            if self.item(row).data(EXERCISE_ID_ROLE) == exercise_id:
                self.setCurrentRow(row)
                return


class ExercisesPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.exercise_list = ExerciseList()
        self.exercise_list.setAccessibleName(_("Your exercises"))
        self.delegate = TwoLineDelegate(EXERCISE_META_ROLE, parent=self)
        self.exercise_list.setItemDelegate(self.delegate)
        self.exercise_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.empty = label(
            _(
                "Exercises of your own (a physio's exercise, a variation) live in this routine. "
                "Create one, then add it to a block."
            ),
            role="caption",
        )
        self.empty.setWordWrap(True)
        self.new_button = button(_("New exercise\u2026"), _("Create an exercise of your own"))
        self.use_button = button(_("Add to block"), _("Add the selected exercise to a block"))
        self.remove_button = button(_("Remove"), _("Delete"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.empty)
        layout.addWidget(self.exercise_list, 1)
        tools = QHBoxLayout()
        tools.setSpacing(8)
        tools.addWidget(self.new_button)
        tools.addWidget(self.use_button)
        tools.addStretch(1)
        tools.addWidget(self.remove_button)
        layout.addLayout(tools)
        join(self)

    def set_palette(self, palette: Palette) -> None:
        self.delegate.palette = palette
        self.exercise_list.viewport().update()

    def show_routine(self, routine: Routine) -> None:
        """List the routine's own exercises (the selection is the caller's to restore)."""
        self.exercise_list.clear()
        for exercise in routine.exercises:
            item = QListWidgetItem(exercise.name or _("Unnamed exercise"))
            item.setData(EXERCISE_ID_ROLE, exercise.id)
            uses = edits.uses_of(routine, exercise.id)
            item.setData(
                EXERCISE_META_ROLE,
                _("{exercise}  \N{MIDDLE DOT}  used {uses}\u00d7").format(
                    exercise=exercise_label(exercise), uses=uses
                ),
            )
            self.exercise_list.addItem(item)
        self.empty.setVisible(not routine.exercises)

    def set_has_exercise(self, editable: bool, has_exercise: bool) -> None:
        self.use_button.setEnabled(editable and has_exercise)
        self.remove_button.setEnabled(editable and has_exercise)
