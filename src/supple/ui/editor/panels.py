"""The editor's forms: the routine's own fields, a block, an entry and an own exercise.

Each panel shows part of the document and turns what the user types into an undoable
edit. Problems arrive from the validator and are put at the field their ``field``
names; anything a panel has no field for is shown at the top of that panel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supple.core import routine_edits as edits
from supple.core.catalog import builtin_exercises
from supple.core.model import Category, Exercise, Kind, Position, Routine, Sides
from supple.core.problems import Problem
from supple.storage import routine_store
from supple.ui.editor.document import RoutineDocument
from supple.ui.editor.fields import (
    FieldRow,
    PicturePreview,
    choice,
    decimal,
    number,
    show_value,
)
from supple.ui.editor.style import HEADING_PX, SMALL_PX
from supple.ui.theme import font, set_role

SIDES_WORDS = {
    Sides.NONE: "No sides",
    Sides.EACH: "Each side (left, then right)",
    Sides.ALTERNATE: "Alternating (L, R, L\u2026)",
}
SIDES_SHORT = {Sides.NONE: "no sides", Sides.EACH: "each side", Sides.ALTERNATE: "alternating"}
CATEGORY_WORDS = {
    Category.WARM_UP: "Warm-up",
    Category.MOBILITY: "Mobility",
    Category.STRENGTH: "Strength",
    Category.CORE: "Core",
    Category.SOFT_TISSUE: "Soft tissue",
    Category.COOL_DOWN: "Cool-down",
}
POSITION_WORDS = {
    Position.STANDING: "Standing",
    Position.QUADRUPED: "On hands and knees",
    Position.SUPINE: "Lying on your back",
    Position.PRONE: "Lying face down",
    Position.SEATED: "Sitting",
    Position.SIDE_LYING: "Lying on your side",
    Position.KNEELING: "Kneeling",
}
KIND_WORDS = {Kind.REPS: "Reps (counted)", Kind.TIMED: "Timed (held)"}
GENERIC_PICTURE = "generic"
PICTURE_THUMB = QSize(96, 72)
OWN_PICTURE = "\x00own"


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


class RoutineFields(Panel):
    """Name, description and the two short pauses; sits above the blocks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.title.hide()
        self.subtitle.hide()
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Sore Legs Reset")
        self.description = QLineEdit()
        self.description.setPlaceholderText("What this routine is for (optional)")
        self.get_ready = number(suffix=" s")
        self.side_switch = number(suffix=" s")
        self.add_row(FieldRow("Routine &name", self.name, field="name"))
        self.add_row(FieldRow("&Description", self.description, field="description"))
        self.add_row(
            FieldRow(
                "Get ready",
                self.get_ready,
                field="get_ready_seconds",
                hint="Countdown before the first exercise",
            )
        )
        self.add_row(
            FieldRow(
                "Side switch",
                self.side_switch,
                field="side_switch_seconds",
                hint="Pause between the left and the right set",
            )
        )
        line = QHBoxLayout()
        line.setSpacing(14)
        line.addWidget(self.rows["name"], 3)
        line.addWidget(self.rows["description"], 5)
        line.addWidget(self.rows["get_ready_seconds"], 1)
        line.addWidget(self.rows["side_switch_seconds"], 1)
        self.layout_.addLayout(line)
        self.name.textEdited.connect(lambda t: self._set("name", t, "Rename the routine"))
        self.description.textEdited.connect(
            lambda t: self._set("description", t, "Change the description")
        )
        self.get_ready.valueChanged.connect(
            lambda v: self._set("get_ready_seconds", v, "Change the get-ready time")
        )
        self.side_switch.valueChanged.connect(
            lambda v: self._set("side_switch_seconds", v, "Change the side-switch time")
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


class BlockPanel(Panel):
    add_exercise_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Block", parent)
        self.block = 0
        self.name = QLineEdit()
        self.rounds = number()
        self.rest_exercises = number(suffix=" s")
        self.rest_rounds = number(suffix=" s")
        self.add_row(FieldRow("Block na&me", self.name, field="name"))
        self.add_row(
            FieldRow(
                "&Rounds", self.rounds, field="rounds", hint="How many times the block is done"
            )
        )
        self.add_row(
            FieldRow(
                "Rest between exercises",
                self.rest_exercises,
                field="rest_between_exercises",
                hint="Rest after each entry, unless the entry sets its own",
            )
        )
        self.add_row(
            FieldRow(
                "Rest between rounds",
                self.rest_rounds,
                field="rest_between_rounds",
                hint="Replaces the rest after the last entry of each round but the last",
            )
        )
        self.add_button = QPushButton("Add an exercise to this block\u2026")
        self.entries_row = self.add_row(FieldRow("Exercises", self.add_button, field="entries"))
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
        self.name.textEdited.connect(lambda t: self._set("name", t, "Rename the block"))
        self.rounds.valueChanged.connect(lambda v: self._set("rounds", v, "Change the rounds"))
        self.rest_exercises.valueChanged.connect(
            lambda v: self._set("rest_between_exercises", v, "Change the rest")
        )
        self.rest_rounds.valueChanged.connect(
            lambda v: self._set("rest_between_rounds", v, "Change the rest between rounds")
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
        self.title.setText(block.name or f"Block {self.block + 1}")
        count = len(block.entries)
        self.subtitle.setText(
            f"Block {self.block + 1} of {len(self.document.routine.blocks)}  \N{MIDDLE DOT}  "
            f"{count} exercise{'s' if count != 1 else ''}"
        )
        show_value(self.name, block.name)
        show_value(self.rounds, block.rounds)
        show_value(self.rest_exercises, block.rest_between_exercises)
        show_value(self.rest_rounds, block.rest_between_rounds)
        self.show_problems(self.document.block_problems(self.block))


class EntryPanel(Panel):
    """One exercise in a block: how many, which sides, how fast, counted how, rest after."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Exercise", parent)
        self.path = (0, 0)
        self.exercise: Exercise | None = None
        self.picture = PicturePreview()
        self.picture.setMinimumHeight(90)
        self.picture.setMaximumHeight(120)
        self.reps = number(suffix=" reps")
        self.seconds = number(suffix=" s")
        self.sides = choice([("", None), *((w, s) for s, w in SIDES_WORDS.items())])
        self.tempo = decimal(suffix=" s per rep")
        self.counting = choice(
            [
                ("Paced", False),
                ("Self-paced", True),
            ]
        )
        self.rest_after = number(minimum=-1, suffix=" s", special="Block's rest")
        self.add_row(FieldRow("R&eps", self.reps, field="reps"))
        self.add_row(FieldRow("S&econds", self.seconds, field="seconds"))
        self.add_row(FieldRow("Sides", self.sides, field="sides"))
        self.add_row(
            FieldRow("Tempo", self.tempo, field="tempo", hint="Seconds per repetition when paced")
        )
        self.add_row(
            FieldRow(
                "Counting",
                self.counting,
                field="self_paced",
                hint="Paced: Supple counts at the tempo. Self-paced: you press Enter for each rep.",
            )
        )
        self.add_row(
            FieldRow(
                "Rest after",
                self.rest_after,
                field="rest_after",
                hint="Rest after this exercise; the lowest value uses the block's rest",
            )
        )
        self.layout_.addWidget(self.picture)
        self.layout_.addLayout(
            self.grid(
                [
                    [self.rows["reps"], self.rows["tempo"]],
                    [self.rows["seconds"], None],
                    [self.rows["sides"], self.rows["self_paced"]],
                    [self.rows["rest_after"], None],
                ]
            )
        )
        self.layout_.addStretch(1)
        self.reps.valueChanged.connect(lambda v: self._set("reps", v, "Change the reps"))
        self.seconds.valueChanged.connect(lambda v: self._set("seconds", v, "Change the time"))
        self.tempo.valueChanged.connect(lambda v: self._set("tempo", v, "Change the tempo"))
        self.sides.activated.connect(
            lambda _i: self._set("sides", self.sides.value(), "Change the sides")
        )
        self.counting.activated.connect(
            lambda _i: self._set("self_paced", self.counting.value(), "Change the counting")
        )
        self.rest_after.valueChanged.connect(
            lambda v: self._set("rest_after", None if v < 0 else v, "Change the rest after")
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
            self.subtitle.setText("This exercise is not in the catalog or the routine.")
            self.picture.show_builtin(GENERIC_PICTURE)
        else:
            self.title.setText(exercise.name)
            where = f"{block.name or f'Block {block_no + 1}'}, exercise {entry_no + 1}"
            origin = "your exercise" if own else "built-in exercise"
            self.subtitle.setText(
                f"{where}  \N{MIDDLE DOT}  {origin}  \N{MIDDLE DOT}  "
                f"{POSITION_WORDS[exercise.position].lower()}"
            )
            show_picture(self.picture, exercise, self.document)
        is_reps = exercise is None or exercise.kind is Kind.REPS
        self.rows["reps"].setVisible(is_reps)
        self.rows["tempo"].setVisible(is_reps)
        self.rows["self_paced"].setVisible(is_reps)
        self.rows["seconds"].setVisible(not is_reps)
        default_sides = exercise.sides if exercise is not None else Sides.NONE
        self.sides.setItemText(0, f"Default ({SIDES_SHORT[default_sides]})")
        self.rest_after.setSpecialValueText(f"Block's rest ({block.rest_between_exercises} s)")
        defaults = exercise or Exercise("", "", Category.MOBILITY, Kind.REPS)
        show_value(self.reps, _first(entry.reps, defaults.reps, 0))
        show_value(self.seconds, _first(entry.seconds, defaults.seconds, 0))
        show_value(self.tempo, _first(entry.tempo, defaults.tempo, 3.0))
        show_value(self.sides, entry.sides)
        show_value(self.counting, entry.self_paced)
        show_value(self.rest_after, -1 if entry.rest_after is None else entry.rest_after)
        self.show_problems(self.document.entry_problems(block_no, entry_no))


def _first(*values: object) -> object:
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


class ExercisePanel(Panel):
    """One of the routine's own exercises: a physio's exercise, or a variation."""

    picture_error = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Your exercise", parent)
        self.exercise_id = ""
        self.pick_file: Callable[[], Path | None] = self._ask_for_file
        self.name = QLineEdit()
        self.category = choice([(w, c) for c, w in CATEGORY_WORDS.items()])
        self.kind = choice([(w, k) for k, w in KIND_WORDS.items()])
        self.reps = number(suffix=" reps")
        self.seconds = number(suffix=" s")
        self.tempo = decimal(suffix=" s per rep")
        self.sides = choice([(w, s) for s, w in SIDES_WORDS.items()])
        self.position = choice([(w, p) for p, w in POSITION_WORDS.items()])
        self.phases = QPlainTextEdit()
        self.phases.setPlaceholderText("One per line, e.g.\ncurl in\nslide out")
        self.cues = QPlainTextEdit()
        self.cues.setPlaceholderText("Up to 4 short lines shown during the exercise")
        self.description = QLineEdit()
        for text_box in (self.phases, self.cues):
            text_box.setTabChangesFocus(True)
            text_box.setUndoRedoEnabled(False)
            text_box.setFixedHeight(74)
        self.picture = PicturePreview()
        self.picture.setFixedSize(PICTURE_THUMB)
        self.picture_choice = choice([])
        self.picture_choice.setMinimumContentsLength(4)
        self.choose_file = QPushButton("Choose file\u2026")
        picture_line = QWidget()
        picture_layout = QHBoxLayout(picture_line)
        picture_layout.setContentsMargins(0, 0, 0, 0)
        picture_layout.addWidget(self.picture_choice, 1)
        picture_layout.addWidget(self.choose_file)
        self.add_row(FieldRow("Na&me", self.name, field="name"))
        self.add_row(FieldRow("Category", self.category, field="category"))
        self.add_row(FieldRow("Kind", self.kind, field="kind"))
        self.add_row(FieldRow("Default reps", self.reps, field="reps"))
        self.add_row(FieldRow("Default seconds", self.seconds, field="seconds"))
        self.add_row(FieldRow("Tempo", self.tempo, field="tempo"))
        self.add_row(FieldRow("Sides", self.sides, field="sides"))
        self.add_row(FieldRow("Position", self.position, field="position"))
        self.add_row(
            FieldRow(
                "Phases",
                self.phases,
                field="phases",
                hint="Names for the parts of one rep, spoken in turn (up to 4)",
            )
        )
        self.add_row(FieldRow("Cues", self.cues, field="cues"))
        self.add_row(FieldRow("Picture", picture_line, field="image", outline=self.picture_choice))
        self.add_row(FieldRow("Description", self.description, field="description"))
        # What a new exercise needs first (name, amount, picture, cues) comes first, so at
        # 1280x720 it is all in view; the rarely changed details follow.
        picture_row = QHBoxLayout()
        picture_row.setSpacing(14)
        picture_row.addWidget(self.picture)
        picture_row.addWidget(self.rows["image"], 1, Qt.AlignmentFlag.AlignVCenter)
        self.layout_.addLayout(picture_row)
        lines: list[list[FieldRow | None]] = [
            [self.rows["name"], self.rows["kind"]],
            [self.rows["reps"], self.rows["tempo"]],
            [self.rows["seconds"], None],
            [self.rows["cues"], self.rows["phases"]],
            [self.rows["sides"], self.rows["position"]],
            [self.rows["category"], self.rows["description"]],
        ]
        self._grid = self.grid(lines)
        self._cues_line = next(i for i, line in enumerate(lines) if self.rows["cues"] in line)
        self._cues_span = 1
        self.layout_.addLayout(self._grid)
        self.layout_.addStretch(1)
        self.name.textEdited.connect(lambda t: self._set("name", t, "Rename the exercise"))
        self.description.textEdited.connect(
            lambda t: self._set("description", t, "Change the exercise description")
        )
        self.reps.valueChanged.connect(lambda v: self._set("reps", v, "Change the default reps"))
        self.seconds.valueChanged.connect(
            lambda v: self._set("seconds", v, "Change the default time")
        )
        self.tempo.valueChanged.connect(lambda v: self._set("tempo", v, "Change the tempo"))
        for combo, field, text in (
            (self.category, "category", "Change the category"),
            (self.kind, "kind", "Change the kind"),
            (self.sides, "sides", "Change the sides"),
            (self.position, "position", "Change the position"),
        ):
            combo.activated.connect(lambda _i, b=combo, f=field, t=text: self._set(f, b.value(), t))
        self.phases.textChanged.connect(
            lambda: self._set("phases", lines_of(self.phases.toPlainText()), "Change the phases")
        )
        self.cues.textChanged.connect(
            lambda: self._set("cues", lines_of(self.cues.toPlainText()), "Change the cues")
        )
        self.picture_choice.activated.connect(self._picture_chosen)
        self.choose_file.clicked.connect(self._choose_file)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.picture_choice.setEnabled(editable)
        self.choose_file.setEnabled(editable)

    def _set(self, field: str, value: object, text: str) -> None:
        if self.document is None or self.document.own_exercise(self.exercise_id) is None:
            return
        if getattr(self.document.own_exercise(self.exercise_id), field) == value:
            return
        routine = edits.with_exercise(self.document.routine, self.exercise_id, **{field: value})
        self._edit(routine, text, f"exercise.{self.exercise_id}.{field}")

    def _picture_chosen(self, _index: int) -> None:
        name = self.picture_choice.value()
        if self.document is None or name == OWN_PICTURE:
            return
        draft = self.document.draft.with_picture(self.exercise_id, None)
        routine = edits.with_exercise(draft.routine, self.exercise_id, image=name)
        self.document.edit(
            routine,
            pictures=draft,
            text="Change the picture",
            merge=f"exercise.{self.exercise_id}.image",
            focus=self.focus(),
        )

    def _ask_for_file(self) -> Path | None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Choose a picture", str(Path.home()), "Pictures (*.svg *.png)"
        )
        return Path(chosen) if chosen else None

    def _choose_file(self) -> None:
        path = self.pick_file()
        if path is not None:
            self.use_picture_file(path)

    def use_picture_file(self, path: Path) -> bool:
        """Use a picture file for this exercise (copied into the pictures folder on save)."""
        if self.document is None:
            return False
        try:
            routine_store.check_picture(path)
        except routine_store.RoutineStoreError as exc:
            self.rows["image"].set_messages([exc.message])
            self.picture_error.emit(exc.message)
            return False
        draft = self.document.draft.with_picture(self.exercise_id, path)
        routine = edits.with_exercise(draft.routine, self.exercise_id, image="")
        self.document.edit(
            routine, pictures=draft, text="Choose a picture file", focus=self.focus()
        )
        return True

    def focus(self) -> object:
        return ("exercise", self.exercise_id)

    def show_exercise(self, exercise_id: str) -> None:
        self.exercise_id = exercise_id
        self.refresh()

    def refresh(self) -> None:
        assert self.document is not None
        exercise = self.document.own_exercise(self.exercise_id)
        if exercise is None:
            return
        uses = edits.uses_of(self.document.routine, exercise.id)
        self.title.setText(exercise.name or "Unnamed exercise")
        self.subtitle.setText(
            f'Your exercise "{exercise.id}"  \N{MIDDLE DOT}  '
            f"used {uses} time{'s' if uses != 1 else ''} in this routine"
        )
        show_value(self.name, exercise.name)
        show_value(self.description, exercise.description)
        show_value(self.category, exercise.category)
        show_value(self.kind, exercise.kind)
        show_value(self.reps, exercise.reps or 0)
        show_value(self.seconds, exercise.seconds or 0)
        show_value(self.tempo, exercise.tempo)
        show_value(self.sides, exercise.sides)
        show_value(self.position, exercise.position)
        if lines_of(self.phases.toPlainText()) != exercise.phases:
            show_value(self.phases, "\n".join(exercise.phases))
        if lines_of(self.cues.toPlainText()) != exercise.cues:
            show_value(self.cues, "\n".join(exercise.cues))
        is_reps = exercise.kind is Kind.REPS
        self.rows["reps"].setVisible(is_reps)
        self.rows["tempo"].setVisible(is_reps)
        self.rows["phases"].setVisible(is_reps)
        self.rows["seconds"].setVisible(not is_reps)
        self._widen_cues(1 if is_reps else 2)
        self._fill_pictures(exercise)
        show_picture(self.picture, exercise, self.document)
        self.show_problems(self.document.exercise_problems(exercise.id))

    def _widen_cues(self, span: int) -> None:
        """Cues take the phases' place too when a held exercise has no phases."""
        if span == self._cues_span:
            return
        cues = self.rows["cues"]
        self._grid.removeWidget(cues)
        self._grid.addWidget(cues, self._cues_line, 0, 1, span, Qt.AlignmentFlag.AlignTop)
        self._cues_span = span

    def _fill_pictures(self, exercise: Exercise) -> None:
        assert self.document is not None
        pending = self.document.draft.picture_file(exercise.id)
        saved = routine_store.find_picture(exercise.image_name)
        items: list[tuple[str, str]] = []
        own_file = (pending or saved or Path()).name
        if pending is not None or saved is not None:
            items.append(("Your picture", OWN_PICTURE))
        items.append(("Generic figure", GENERIC_PICTURE))
        catalog = builtin_exercises()
        items += [
            (f"Like {catalog[i].name}", i) for i in sorted(catalog, key=lambda i: catalog[i].name)
        ]
        current = OWN_PICTURE if items[0][1] == OWN_PICTURE else exercise.image_name
        if current not in {data for _t, data in items}:
            missing = "No picture yet" if exercise.image_name == exercise.id else None
            label = missing or f"Picture \u201c{exercise.image_name}\u201d"
            items.insert(0, (label, exercise.image_name))
        self.picture_choice.set_items(items)
        if current == OWN_PICTURE:
            self.picture_choice.setItemData(0, own_file, Qt.ItemDataRole.ToolTipRole)
        show_value(self.picture_choice, current)


def exercise_label(exercise: Exercise) -> str:
    if exercise.kind is Kind.REPS:
        amount = f"{exercise.reps or 0} reps"
    else:
        amount = f"{exercise.seconds or 0} s"
    return f"{CATEGORY_WORDS[exercise.category]}  \N{MIDDLE DOT}  {amount}"
