"""The top of the editor: the routine's name, its state and live total, and the notice that
a built-in routine is read-only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from supple.core import timefmt
from supple.core.i18n import _, ngettext
from supple.qt.routine_document import RoutineDocument
from supple.qt.routine_models import count_exercises
from supple.ui.editor.style import SMALL_PX, TITLE_PX, button, label
from supple.ui.theme import set_role

Bold = QFont.Weight.Bold


class EditorHeader(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.title = label(size=TITLE_PX, weight=Bold)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.badge = label(size=SMALL_PX, role="badge")
        self.total_caption = label(_("TOTAL"), size=SMALL_PX, weight=Bold, role="caption")
        self.total_label = label(size=TITLE_PX, weight=Bold, role="total")
        self.total_label.setAccessibleName(_("Total time"))
        self.count_label = label(size=SMALL_PX, role="caption")
        self.close_button = button(_("Close"), _("Close the editor (asks if anything is unsaved)"))
        set_role(self.close_button, "flat")
        title_box = QVBoxLayout()
        title_box.setSpacing(4)
        title_box.addWidget(self.title)
        badge_line = QHBoxLayout()
        badge_line.addWidget(self.badge)
        badge_line.addStretch(1)
        title_box.addLayout(badge_line)
        total_box = QVBoxLayout()
        total_box.setSpacing(0)
        for made in (self.total_caption, self.total_label, self.count_label):
            made.setAlignment(Qt.AlignmentFlag.AlignRight)
            total_box.addWidget(made)
        header = QHBoxLayout(self)
        header.setContentsMargins(0, 0, 0, 0)
        header.setSpacing(16)
        header.addLayout(title_box, 1)
        header.addLayout(total_box)
        header.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)

    def show_document(self, document: RoutineDocument) -> None:
        routine = document.routine
        self.title.setText(routine.name or _("Untitled routine"))
        if document.read_only:
            badge = _("Built-in  \N{MIDDLE DOT}  read-only")
        elif document.unsaved:
            badge = _("New  \N{MIDDLE DOT}  not saved yet")
        elif document.is_dirty:
            badge = _("Unsaved changes")
        else:
            badge = _("Your routine  \N{MIDDLE DOT}  saved")
        self.badge.setText(badge)
        total = document.total_seconds
        self.total_label.setText(timefmt.duration(total) if total is not None else "\N{EM DASH}")
        exercises = count_exercises(routine)
        blocks = len(routine.blocks)
        self.count_label.setText(
            ngettext("{count} exercise", "{count} exercises", exercises).format(count=exercises)
            + "  \N{MIDDLE DOT}  "
            + ngettext("{count} block", "{count} blocks", blocks).format(count=blocks)
        )


class ReadOnlyNotice(QFrame):
    """Shown above a built-in routine, with the one way to change it."""

    def __init__(self) -> None:
        super().__init__()
        set_role(self, "notice")
        self.text = label(
            _(
                "This is a built-in routine, so it stays as it is. "
                "Duplicate it to make your own version you can change."
            ),
            role="caption",
        )
        self.text.setWordWrap(True)
        self.button = button(_("Duplicate to edit"), "Ctrl+D", role="primary")
        notice = QHBoxLayout(self)
        notice.setContentsMargins(14, 10, 10, 10)
        notice.addWidget(self.text, 1)
        notice.addWidget(self.button)
