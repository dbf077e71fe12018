"""The details of one entry: how many, which sides, how fast, counted how, rest after."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QWidget,
)

from supple.core import routine_edits as edits
from supple.core.i18n import _
from supple.core.model import Category, Exercise, Kind, Sides
from supple.ui.editor.fields import (
    FieldRow,
    PicturePreview,
    choice,
    decimal,
    number,
    show_value,
)
from supple.ui.editor.panel import (
    GENERIC_PICTURE,
    POSITION_WORDS,
    SIDES_SHORT,
    SIDES_WORDS,
    Panel,
    first_value,
    show_picture,
    words,
)


class EntryPanel(Panel):
    """One exercise in a block: how many, which sides, how fast, counted how, rest after."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Exercise"), parent)
        self.path = (0, 0)
        self.exercise: Exercise | None = None
        self.picture = PicturePreview()
        self.picture.setMinimumHeight(90)
        self.picture.setMaximumHeight(120)
        self.variant = choice([])
        self.reps = number(suffix=_(" reps"))
        self.seconds = number(suffix=" s")
        self.sides = choice([("", None), *words(SIDES_WORDS)])
        self.tempo = decimal(suffix=_(" s per rep"))
        self.counting = choice(
            [
                (_("Paced"), False),
                (_("Self-paced"), True),
            ]
        )
        self.rest_after = number(minimum=-1, suffix=" s", special=_("Block's rest"))
        self.add_row(
            FieldRow(
                _("Done as"),
                self.variant,
                field="variant",
                hint=_("The way to do it here: its position, picture and cues"),
            )
        )
        self.add_row(FieldRow(_("R&eps"), self.reps, field="reps"))
        self.add_row(FieldRow(_("S&econds"), self.seconds, field="seconds"))
        self.add_row(FieldRow(_("Sides"), self.sides, field="sides"))
        self.add_row(
            FieldRow(
                _("Tempo"),
                self.tempo,
                field="tempo",
                hint=_("Seconds per repetition when paced"),
            )
        )
        self.add_row(
            FieldRow(
                _("Counting"),
                self.counting,
                field="self_paced",
                hint=_(
                    "Paced: Supple counts at the tempo. Self-paced: you press Enter for each rep."
                ),
            )
        )
        self.add_row(
            FieldRow(
                _("Rest after"),
                self.rest_after,
                field="rest_after",
                hint=_("Rest after this exercise; the lowest value uses the block's rest"),
            )
        )
        self.layout_.addWidget(self.picture)
        self.layout_.addLayout(
            self.grid(
                [
                    [self.rows["variant"]],
                    [self.rows["reps"], self.rows["tempo"]],
                    [self.rows["seconds"], None],
                    [self.rows["sides"], self.rows["self_paced"]],
                    [self.rows["rest_after"], None],
                ]
            )
        )
        self.layout_.addStretch(1)
        self.variant.activated.connect(
            lambda _i: self._set("variant", self.variant.value(), _("Change the way it is done"))
        )
        self.reps.valueChanged.connect(lambda v: self._set("reps", v, _("Change the reps")))
        self.seconds.valueChanged.connect(lambda v: self._set("seconds", v, _("Change the time")))
        self.tempo.valueChanged.connect(lambda v: self._set("tempo", v, _("Change the tempo")))
        self.sides.activated.connect(
            lambda _i: self._set("sides", self.sides.value(), _("Change the sides"))
        )
        self.counting.activated.connect(
            lambda _i: self._set("self_paced", self.counting.value(), _("Change the counting"))
        )
        self.rest_after.valueChanged.connect(
            lambda v: self._set("rest_after", None if v < 0 else v, _("Change the rest after"))
        )

    def _set(self, field: str, value: object, text: str) -> None:
        if self.document is None:
            return
        block, entry = self.path
        if field in ("reps", "seconds", "tempo"):
            value = edits.entry_override(self.exercise, field, value)
        routine = edits.with_entry(self.document.routine, block, entry, **{field: value})
        self._edit(routine, text, f"entry.{block}.{entry}.{field}")

    def focus(self) -> object:
        return ("tree", self.path)

    def show_entry(self, block: int, entry: int) -> None:
        self.path = (block, entry)
        self.refresh()

    def refresh(self) -> None:
        assert self.document is not None
        block_no, entry_no = self.path
        routine = self.document.routine
        block = routine.blocks[block_no]
        entry = block.entries[entry_no]
        exercise = self.document.exercises().get(entry.exercise)
        self.exercise = exercise
        own = exercise is not None and self.document.own_exercise(exercise.id) is not None
        if exercise is None:
            self.title.setText(entry.exercise)
            self.subtitle.setText(_("This exercise is not in the catalog or the routine."))
            self.picture.show_builtin(GENERIC_PICTURE)
        else:
            self.title.setText(exercise.name)
            self._offer_variants(exercise, entry.variant)
            exercise = exercise.as_variant(entry.variant)
            block_name = block.name or _("Block {number}").format(number=block_no + 1)
            where = _("{block}, exercise {number}").format(block=block_name, number=entry_no + 1)
            origin = _("your exercise") if own else _("built-in exercise")
            position = _(POSITION_WORDS[exercise.position])
            self.subtitle.setText(
                f"{where}  \N{MIDDLE DOT}  {origin}  \N{MIDDLE DOT}  "
                f"{position[:1].lower()}{position[1:]}"
            )
            show_picture(self.picture, exercise, self.document)
        self.rows["variant"].setVisible(exercise is not None and len(self.variant.values) > 1)
        is_reps = exercise is None or exercise.kind is Kind.REPS
        self.rows["reps"].setVisible(is_reps)
        self.rows["tempo"].setVisible(is_reps)
        self.rows["self_paced"].setVisible(is_reps)
        self.rows["seconds"].setVisible(not is_reps)
        default_sides = exercise.sides if exercise is not None else Sides.NONE
        self.sides.setItemText(
            0, _("Default ({sides})").format(sides=_(SIDES_SHORT[default_sides]))
        )
        self.rest_after.setSpecialValueText(
            _("Block's rest ({seconds} s)").format(seconds=block.rest_between_exercises)
        )
        defaults = exercise or Exercise("", "", Category.MOBILITY, Kind.REPS)
        show_value(self.reps, first_value(entry.reps, defaults.reps, 0))
        show_value(self.seconds, first_value(entry.seconds, defaults.seconds, 0))
        show_value(self.tempo, first_value(entry.tempo, defaults.tempo, 3.0))
        show_value(self.sides, entry.sides)
        show_value(self.counting, entry.self_paced)
        show_value(self.rest_after, -1 if entry.rest_after is None else entry.rest_after)
        self.show_problems(self.document.entry_problems(block_no, entry_no))

    def _offer_variants(self, exercise: Exercise, chosen: str) -> None:
        """The ways to do ``exercise``: as described (named by its position), then its variants."""
        usual = _("{position} (usual)").format(position=_(POSITION_WORDS[exercise.position]))
        self.variant.set_items([(usual, ""), *((v.name, v.id) for v in exercise.variants)])
        show_value(self.variant, chosen)
