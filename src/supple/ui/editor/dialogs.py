"""Small dialogs of the editor: pick an exercise from the catalog, name a new exercise."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from supple.core import routine_file
from supple.core.i18n import _
from supple.core.model import Exercise, Kind
from supple.ui.editor.delegates import TwoLineDelegate
from supple.ui.editor.fields import FieldRow, choice
from supple.ui.editor.panel import CATEGORY_WORDS, KIND_WORDS, exercise_label, words
from supple.ui.editor.style import HEADING_PX, body_font
from supple.ui.theme import font, set_role

ID_ROLE = Qt.ItemDataRole.UserRole + 1
META_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
OWN_ROLE = Qt.ItemDataRole.UserRole + 4


class ExercisePicker(QDialog):
    """Type to narrow the list, Up/Down to choose, Enter to add."""

    def __init__(
        self,
        own: Sequence[Exercise],
        catalog: Sequence[Exercise],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add an exercise"))
        self.setObjectName("ExercisePicker")
        self.resize(460, 520)
        self.items = QStandardItemModel(self)
        for exercise, is_own in [*((e, True) for e in own), *((e, False) for e in catalog)]:
            item = QStandardItem(exercise.name)
            item.setData(exercise.id, ID_ROLE)
            item.setData(exercise_label(exercise), META_ROLE)
            item.setData(is_own, OWN_ROLE)
            item.setData(
                " ".join(
                    (
                        exercise.name,
                        exercise.id,
                        exercise.category.value,
                        _(CATEGORY_WORDS[exercise.category]),
                        *exercise.equipment,
                    )
                ),
                SEARCH_ROLE,
            )
            item.setToolTip(exercise.description or exercise.name)
            item.setEditable(False)
            self.items.appendRow(item)
        self.filtered = QSortFilterProxyModel(self)
        self.filtered.setSourceModel(self.items)
        self.filtered.setFilterRole(SEARCH_ROLE)
        self.filtered.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        title = QLabel(_("Add an exercise"))
        title.setFont(font(HEADING_PX, QFont.Weight.Bold))
        self.search = QLineEdit()
        self.search.setFont(body_font())
        self.search.setPlaceholderText(_("Search by name, category or equipment"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search exercises"))
        self.list = QListView()
        self.list.setModel(self.filtered)
        self.list.setItemDelegate(
            TwoLineDelegate(META_ROLE, tag_role=OWN_ROLE, tag=_("your exercise"), parent=self.list)
        )
        self.list.setAccessibleName(_("Exercises"))
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.add_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText(_("Add"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        set_role(self.add_button, "primary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.list.doubleClicked.connect(lambda _i: self.accept())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._filter("")

    @property
    def chosen_id(self) -> str | None:
        index = self.list.currentIndex()
        return str(index.data(ID_ROLE)) if index.isValid() else None

    def _filter(self, text: str) -> None:
        self.filtered.setFilterFixedString(text.strip())
        if self.filtered.rowCount():
            self.list.setCurrentIndex(self.filtered.index(0, 0))
        self.add_button.setEnabled(self.filtered.rowCount() > 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the search box move through the list, so typing never stops."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (
                Qt.Key.Key_Up,
                Qt.Key.Key_Down,
                Qt.Key.Key_PageUp,
                Qt.Key.Key_PageDown,
            ):
                row = self.list.currentIndex().row()
                step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -8}.get(
                    Qt.Key(event.key()), 8
                )
                row = max(0, min(self.filtered.rowCount() - 1, row + step))
                self.list.setCurrentIndex(self.filtered.index(row, 0))
                return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        if self.chosen_id is not None:
            super().accept()


class NewExerciseDialog(QDialog):
    """Name a new exercise and say whether it is counted or held; the rest is edited after."""

    def __init__(self, taken_ids: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New exercise"))
        self.taken_ids = taken_ids
        title = QLabel(_("New exercise"))
        title.setFont(font(HEADING_PX, QFont.Weight.Bold))
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. Slider curls"))
        self.kind = choice(words(KIND_WORDS))
        self.name_row = FieldRow(_("&Name"), self.name, field="name")
        kind_row = FieldRow(_("&Kind"), self.kind, field="kind")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Create"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        set_role(self.ok_button, "primary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(self.name_row)
        layout.addWidget(kind_row)
        layout.addWidget(buttons)
        self.resize(420, 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._check)
        self._check("")

    def _check(self, text: str) -> None:
        message = ""
        if text and len(text) > routine_file.NAME_MAX:
            message = _("name must be at most {most} characters, got {count}").format(
                most=routine_file.NAME_MAX, count=len(text)
            )
        self.name_row.set_messages([message] if message else [])
        self.ok_button.setEnabled(bool(text.strip()) and not message)

    @property
    def chosen_kind(self) -> Kind:
        kind = self.kind.value()
        return kind if isinstance(kind, Kind) else Kind.REPS
