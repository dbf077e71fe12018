"""The details of one block: its name, rounds and rests."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLineEdit,
    QPushButton,
    QWidget,
)

from supple.core import routine_edits as edits
from supple.core.i18n import _, ngettext
from supple.ui.editor.fields import (
    FieldRow,
    number,
    show_value,
)
from supple.ui.editor.panel import (
    Panel,
)


class BlockPanel(Panel):
    add_exercise_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Block"), parent)
        self.block = 0
        self.name = QLineEdit()
        self.rounds = number()
        self.rest_exercises = number(suffix=" s")
        self.rest_rounds = number(suffix=" s")
        self.add_row(FieldRow(_("Block na&me"), self.name, field="name"))
        self.add_row(
            FieldRow(
                _("&Rounds"),
                self.rounds,
                field="rounds",
                hint=_("How many times the block is done"),
            )
        )
        self.add_row(
            FieldRow(
                _("Rest between exercises"),
                self.rest_exercises,
                field="rest_between_exercises",
                hint=_("Rest after each entry, unless the entry sets its own"),
            )
        )
        self.add_row(
            FieldRow(
                _("Rest between rounds"),
                self.rest_rounds,
                field="rest_between_rounds",
                hint=_("Replaces the rest after the last entry of each round but the last"),
            )
        )
        self.add_button = QPushButton(_("Add an exercise to this block\u2026"))
        self.entries_row = self.add_row(FieldRow(_("Exercises"), self.add_button, field="entries"))
        self.layout_.addLayout(
            self.grid(
                [
                    [self.rows["name"]],
                    [self.rows["rounds"], None],
                    [self.rows["rest_between_exercises"], self.rows["rest_between_rounds"]],
                    [self.entries_row],
                ]
            )
        )
        self.layout_.addStretch(1)
        self.name.textEdited.connect(lambda t: self._set("name", t, _("Rename the block")))
        self.rounds.valueChanged.connect(lambda v: self._set("rounds", v, _("Change the rounds")))
        self.rest_exercises.valueChanged.connect(
            lambda v: self._set("rest_between_exercises", v, _("Change the rest"))
        )
        self.rest_rounds.valueChanged.connect(
            lambda v: self._set("rest_between_rounds", v, _("Change the rest between rounds"))
        )
        self.add_button.clicked.connect(self.add_exercise_requested)

    def _set(self, field: str, value: object, text: str) -> None:
        if self.document is not None:
            routine = edits.with_block(self.document.routine, self.block, **{field: value})
            self._edit(routine, text, f"block.{self.block}.{field}")

    def focus(self) -> object:
        return ("tree", (self.block, None))

    def show_block(self, block: int) -> None:
        self.block = block
        self.refresh()

    def refresh(self) -> None:
        assert self.document is not None
        block = self.document.routine.blocks[self.block]
        self.title.setText(block.name or _("Block {number}").format(number=self.block + 1))
        count = len(block.entries)
        self.subtitle.setText(
            _("Block {number} of {blocks}").format(
                number=self.block + 1, blocks=len(self.document.routine.blocks)
            )
            + "  \N{MIDDLE DOT}  "
            + ngettext("{count} exercise", "{count} exercises", count).format(count=count)
        )
        show_value(self.name, block.name)
        show_value(self.rounds, block.rounds)
        show_value(self.rest_exercises, block.rest_between_exercises)
        show_value(self.rest_rounds, block.rest_between_rounds)
        self.show_problems(self.document.block_problems(self.block))
