"""The routine's own fields (name, description, the two short pauses), above the blocks."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from supple.core import routine_edits as edits
from supple.core.i18n import _
from supple.ui.editor.fields import (
    FieldRow,
    number,
    show_value,
)
from supple.ui.editor.panel import (
    Panel,
)


class RoutineFields(Panel):
    """Name, description and the two short pauses; sits above the blocks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.title.hide()
        self.subtitle.hide()
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. Sore Legs Reset"))
        self.description = QLineEdit()
        self.description.setPlaceholderText(_("What this routine is for (optional)"))
        self.get_ready = number(suffix=" s")
        self.side_switch = number(suffix=" s")
        self.add_row(FieldRow(_("Routine &name"), self.name, field="name"))
        self.add_row(FieldRow(_("&Description"), self.description, field="description"))
        self.add_row(
            FieldRow(
                _("Get ready"),
                self.get_ready,
                field="get_ready_seconds",
                hint=_("Countdown before the first exercise"),
            )
        )
        self.add_row(
            FieldRow(
                _("Side switch"),
                self.side_switch,
                field="side_switch_seconds",
                hint=_("Pause between the left and the right set"),
            )
        )
        line = QHBoxLayout()
        line.setSpacing(14)
        line.addWidget(self.rows["name"], 3)
        line.addWidget(self.rows["description"], 5)
        line.addWidget(self.rows["get_ready_seconds"], 1)
        line.addWidget(self.rows["side_switch_seconds"], 1)
        self.layout_.addLayout(line)
        self.name.textEdited.connect(lambda t: self._set("name", t, _("Rename the routine")))
        self.description.textEdited.connect(
            lambda t: self._set("description", t, _("Change the description"))
        )
        self.get_ready.valueChanged.connect(
            lambda v: self._set("get_ready_seconds", v, _("Change the get-ready time"))
        )
        self.side_switch.valueChanged.connect(
            lambda v: self._set("side_switch_seconds", v, _("Change the side-switch time"))
        )

    def _set(self, field: str, value: object, text: str) -> None:
        if self.document is not None:
            routine = edits.with_routine(self.document.routine, **{field: value})
            self._edit(routine, text, f"routine.{field}")

    def refresh(self) -> None:
        assert self.document is not None
        routine = self.document.routine
        show_value(self.name, routine.name)
        show_value(self.description, routine.description)
        show_value(self.get_ready, routine.get_ready_seconds)
        show_value(self.side_switch, routine.side_switch_seconds)
        self.show_problems([p for p in self.document.routine_problems() if p.field != "blocks"])
