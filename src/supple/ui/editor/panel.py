"""What every form of the editor shares: a titled group of fields that puts the
validator's problems at the field they name, the words for the model's choices, and
how an exercise's picture is found.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from supple.core.i18n import N_, _, ngettext
from supple.core.model import Category, Exercise, Kind, Position, Routine, Sides
from supple.core.problems import Problem
from supple.qt.routine_document import RoutineDocument
from supple.storage import routine_store
from supple.ui.editor.fields import (
    FieldRow,
    PicturePreview,
)
from supple.ui.editor.style import HEADING_PX, SMALL_PX
from supple.ui.theme import font, set_role

SIDES_WORDS = {
    Sides.NONE: N_("No sides"),
    Sides.EACH: N_("Each side (left, then right)"),
    Sides.ALTERNATE: N_("Alternating (L, R, L\u2026)"),
}
SIDES_SHORT = {
    Sides.NONE: N_("no sides"),
    Sides.EACH: N_("each side"),
    Sides.ALTERNATE: N_("alternating"),
}
CATEGORY_WORDS = {
    Category.WARM_UP: N_("Warm-up"),
    Category.MOBILITY: N_("Mobility"),
    Category.STRENGTH: N_("Strength"),
    Category.CORE: N_("Core"),
    Category.SOFT_TISSUE: N_("Soft tissue"),
    Category.COOL_DOWN: N_("Cool-down"),
}
POSITION_WORDS = {
    Position.STANDING: N_("Standing"),
    Position.QUADRUPED: N_("On hands and knees"),
    Position.SUPINE: N_("Lying on your back"),
    Position.PRONE: N_("Lying face down"),
    Position.SEATED: N_("Sitting"),
    Position.SIDE_LYING: N_("Lying on your side"),
    Position.KNEELING: N_("Kneeling"),
}
KIND_WORDS = {Kind.REPS: N_("Reps (counted)"), Kind.TIMED: N_("Timed (held)")}
GENERIC_PICTURE = "generic"
PICTURE_THUMB = QSize(96, 72)
OWN_PICTURE = "\x00own"


def words(given: dict[Any, str]) -> list[tuple[str, Any]]:
    """A drop-down's items from one of the word tables above, in the language in force."""
    return [(_(text), value) for value, text in given.items()]


def lines_of(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class Panel(QWidget):
    """A titled group of fields; knows which problems belong to which field."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: RoutineDocument | None = None
        self.rows: dict[str, FieldRow] = {}
        self.title = QLabel(title)
        self.title.setFont(font(HEADING_PX, QFont.Weight.Bold))
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle = QLabel()
        self.subtitle.setFont(font(SMALL_PX))
        self.subtitle.setWordWrap(True)
        set_role(self.subtitle, "caption")
        self.other_problems = QLabel()
        self.other_problems.setFont(font(SMALL_PX))
        self.other_problems.setWordWrap(True)
        self.other_problems.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.other_problems, "field-error")
        self.other_problems.hide()
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(12)
        head = QVBoxLayout()
        head.setSpacing(2)
        head.addWidget(self.title)
        head.addWidget(self.subtitle)
        self.layout_.addLayout(head)
        self.layout_.addWidget(self.other_problems)

    def add_row(self, row: FieldRow) -> FieldRow:
        self.rows[row.field] = row
        return row

    def grid(self, rows: Sequence[Sequence[FieldRow | None]]) -> QGridLayout:
        layout = QGridLayout()
        layout.setHorizontalSpacing(14)
        layout.setVerticalSpacing(12)
        for r, line in enumerate(rows):
            for c, row in enumerate(line):
                if row is not None:
                    span = 2 if len(line) == 1 else 1
                    layout.addWidget(row, r, c, 1, span, Qt.AlignmentFlag.AlignTop)
        for c in range(2):
            layout.setColumnStretch(c, 1)
        return layout

    def show_problems(self, problems: Sequence[Problem]) -> None:
        by_field: dict[str, list[str]] = {}
        other: list[str] = []
        for problem in problems:
            if problem.field in self.rows and self.rows[problem.field].isVisibleTo(self):
                by_field.setdefault(problem.field, []).append(problem.message)
            else:
                other.append(problem.message)
        for field, row in self.rows.items():
            row.set_messages(by_field.get(field, []))
        self.other_problems.setText("\n".join(other))
        self.other_problems.setVisible(bool(other))

    def set_editable(self, editable: bool) -> None:
        for row in self.rows.values():
            row.editor.setEnabled(editable)

    def focus_field(self, field: str) -> bool:
        row = self.rows.get(field)
        if row is None or not row.isVisibleTo(self):
            return False
        row.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def first_input(self) -> QWidget | None:
        for row in self.rows.values():
            if row.isVisibleTo(self) and row.editor.isEnabled():
                return row.editor
        return None

    def focus(self) -> object:
        """Where an edit made here happened, so undo can show it (``None``: no move)."""
        return None

    def _edit(self, routine: Routine, text: str, merge: str = "") -> None:
        if self.document is not None:
            self.document.edit(routine, text=text, merge=merge, focus=self.focus())


def first_value(*values: object) -> object:
    return next(v for v in values if v is not None)


def show_picture(preview: PicturePreview, exercise: Exercise, document: RoutineDocument) -> None:
    pending = document.draft.picture_file(exercise.id)
    own = document.own_exercise(exercise.id) is not None
    saved = routine_store.find_picture(exercise.image_name) if own else None
    if pending is not None:
        preview.show_file(pending)
    elif saved is not None:
        preview.show_file(saved)
    else:
        preview.show_builtin(exercise.image_name)


def exercise_label(exercise: Exercise) -> str:
    if exercise.kind is Kind.REPS:
        reps = exercise.reps or 0
        amount = ngettext("{count} rep", "{count} reps", reps).format(count=reps)
    else:
        amount = f"{exercise.seconds or 0} s"
    return f"{_(CATEGORY_WORDS[exercise.category])}  \N{MIDDLE DOT}  {amount}"
