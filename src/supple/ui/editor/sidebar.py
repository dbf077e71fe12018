"""The editor's left column: the routines, the files that could not be loaded, and what can
be done with a routine as a whole (new, duplicate, import, export, delete)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QListView,
    QSizePolicy,
    QVBoxLayout,
)

from supple.core.i18n import N_, _, ngettext
from supple.core.problems import Problem
from supple.qt.routine_document import RoutineDocument
from supple.qt.routine_models import BUILTIN_ROLE, META_ROLE, RoutineListModel
from supple.ui.editor.delegates import TwoLineDelegate
from supple.ui.editor.style import SMALL_PX, button, label
from supple.ui.theme import Palette, set_role
from supple.ui.theme_registry import join

MAX_SIDEBAR_PROBLEMS = 3
SIDEBAR_WIDTH = 272
EXPORT_TIP = N_("Save this routine as a .zip bundle to share")


class RoutineSidebar(QFrame):
    def __init__(self, model: RoutineListModel) -> None:
        super().__init__()
        set_role(self, "sidebar")
        self.model = model
        self.selecting = False
        self.caption = label(_("ROUTINES"), size=SMALL_PX, weight=QFont.Weight.Bold, role="caption")
        self.routine_list = QListView()
        self.routine_list.setModel(model)
        self.routine_list.setAccessibleName(_("Routines"))
        self.delegate = TwoLineDelegate(
            META_ROLE, tag_role=BUILTIN_ROLE, tag=_("built-in"), parent=self
        )
        self.routine_list.setItemDelegate(self.delegate)
        self.routine_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.routine_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.file_problems = label(size=SMALL_PX, role="field-error")
        self.file_problems.setWordWrap(True)
        self.file_problems.hide()
        self.new_button = button(_("New"), _("Start an empty routine (Ctrl+N)"))
        self.duplicate_button = button(_("Duplicate"), _("Make an editable copy (Ctrl+D)"))
        self.import_button = button(
            _("Import\u2026"), _("Add a routine from a .zip bundle or .toml file")
        )
        self.export_button = button(_("Export\u2026"), _(EXPORT_TIP))
        self.delete_button = button(_("Delete"), _("Delete this routine's file"))
        side = self.side = QVBoxLayout(self)
        side.setContentsMargins(16, 18, 16, 16)
        side.setSpacing(10)
        side.addWidget(self.caption)
        side.addWidget(self.routine_list, 1)
        side.addWidget(self.file_problems)
        for pair in (
            (self.new_button, self.duplicate_button),
            (self.import_button, self.export_button),
        ):
            line = QHBoxLayout()
            line.setSpacing(8)
            for made in pair:
                line.addWidget(made, 1)
            side.addLayout(line)
        side.addWidget(self.delete_button)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        join(self)

    def sizeHint(self) -> QSize:
        """The usual width, or wider when a pair of buttons would not fit in it (their
        words are longer in some languages). Asked again once the style sheet is on."""
        pairs = (self.new_button, self.duplicate_button, self.import_button, self.export_button)
        widest = max(made.sizeHint().width() for made in pairs)
        margins = self.side.contentsMargins()
        width = 2 * widest + self.side.spacing() + margins.left() + margins.right()
        return QSize(max(SIDEBAR_WIDTH, width), super().sizeHint().height())

    def set_palette(self, palette: Palette) -> None:
        self.delegate.palette = palette
        self.routine_list.viewport().update()

    def select(self, routine_id: str) -> None:
        """Make ``routine_id`` the current row ("" or a routine not listed: none); while
        it does, ``selecting`` tells the list's listeners that the user did not choose."""
        row = self.model.row_of(routine_id) if routine_id else -1
        selection = self.routine_list.selectionModel()
        self.selecting = True
        try:
            if row < 0:
                selection.clear()
            else:
                index = self.model.index(row)
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self.routine_list.scrollTo(index)
        finally:
            self.selecting = False

    def show_document(self, document: RoutineDocument) -> None:
        """What may be done with the open routine."""
        self.delete_button.setEnabled(not document.read_only)
        self.duplicate_button.setEnabled(not document.unsaved)
        self.export_button.setEnabled(not document.unsaved)
        self.export_button.setToolTip(
            _("Save the new routine first, then it can be exported")
            if document.unsaved
            else _(EXPORT_TIP)
        )

    def show_file_problems(self, problems: list[Problem]) -> None:
        if not problems:
            self.file_problems.hide()
            return
        files = sorted({p.file for p in problems})
        lines = [
            ngettext(
                "{count} routine file could not be loaded:",
                "{count} routine files could not be loaded:",
                len(files),
            ).format(count=len(files))
        ]
        lines += [str(p) for p in problems[:MAX_SIDEBAR_PROBLEMS]]
        if len(problems) > MAX_SIDEBAR_PROBLEMS:
            more = len(problems) - MAX_SIDEBAR_PROBLEMS
            lines.append(_("\N{HORIZONTAL ELLIPSIS} and {count} more").format(count=more))
        self.file_problems.setText("\n".join(lines))
        self.file_problems.setToolTip("\n".join(str(p) for p in problems))
        self.file_problems.show()
