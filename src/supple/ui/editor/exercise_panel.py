"""The details of one of the routine's own exercises, with its picture."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from supple.core import routine_edits as edits
from supple.core.catalog import builtin_exercises
from supple.core.i18n import _, ngettext
from supple.core.model import Exercise, Kind
from supple.storage import routine_store
from supple.ui.editor.fields import (
    FieldRow,
    PicturePreview,
    choice,
    decimal,
    number,
    show_value,
)
from supple.ui.editor.panel import (
    CATEGORY_WORDS,
    GENERIC_PICTURE,
    KIND_WORDS,
    OWN_PICTURE,
    PICTURE_THUMB,
    POSITION_WORDS,
    SIDES_WORDS,
    Panel,
    lines_of,
    show_picture,
    words,
)


class ExercisePanel(Panel):
    """One of the routine's own exercises: a physio's exercise, or a variation."""

    picture_error = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Your exercise"), parent)
        self.exercise_id = ""
        self.pick_file: Callable[[], Path | None] = self._ask_for_file
        self.name = QLineEdit()
        self.category = choice(words(CATEGORY_WORDS))
        self.kind = choice(words(KIND_WORDS))
        self.reps = number(suffix=_(" reps"))
        self.seconds = number(suffix=" s")
        self.tempo = decimal(suffix=_(" s per rep"))
        self.sides = choice(words(SIDES_WORDS))
        self.position = choice(words(POSITION_WORDS))
        self.phases = QPlainTextEdit()
        self.phases.setPlaceholderText(_("One per line, e.g.\ncurl in\nslide out"))
        self.cues = QPlainTextEdit()
        self.cues.setPlaceholderText(_("Up to 4 short lines; a session shows the first 3"))
        self.description = QLineEdit()
        for text_box in (self.phases, self.cues):
            text_box.setTabChangesFocus(True)
            text_box.setUndoRedoEnabled(False)
            text_box.setFixedHeight(74)
        self.picture = PicturePreview()
        self.picture.setFixedSize(PICTURE_THUMB)
        self.picture_choice = choice([])
        self.picture_choice.setMinimumContentsLength(4)
        self.choose_file = QPushButton(_("Choose file\u2026"))
        picture_line = QWidget()
        picture_layout = QHBoxLayout(picture_line)
        picture_layout.setContentsMargins(0, 0, 0, 0)
        picture_layout.addWidget(self.picture_choice, 1)
        picture_layout.addWidget(self.choose_file)
        self.add_row(FieldRow(_("Na&me"), self.name, field="name"))
        self.add_row(FieldRow(_("Category"), self.category, field="category"))
        self.add_row(FieldRow(_("Kind"), self.kind, field="kind"))
        self.add_row(FieldRow(_("Default reps"), self.reps, field="reps"))
        self.add_row(FieldRow(_("Default seconds"), self.seconds, field="seconds"))
        self.add_row(FieldRow(_("Tempo"), self.tempo, field="tempo"))
        self.add_row(FieldRow(_("Sides"), self.sides, field="sides"))
        self.add_row(FieldRow(_("Position"), self.position, field="position"))
        self.add_row(
            FieldRow(
                _("Phases"),
                self.phases,
                field="phases",
                hint=_("Names for the parts of one rep, spoken in turn (up to 4)"),
            )
        )
        self.add_row(FieldRow(_("Cues"), self.cues, field="cues"))
        self.add_row(
            FieldRow(_("Picture"), picture_line, field="image", outline=self.picture_choice)
        )
        self.add_row(FieldRow(_("Description"), self.description, field="description"))
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
        self._connect()

    def _connect(self) -> None:
        self.name.textEdited.connect(lambda t: self._set("name", t, _("Rename the exercise")))
        self.description.textEdited.connect(
            lambda t: self._set("description", t, _("Change the exercise description"))
        )
        self.reps.valueChanged.connect(lambda v: self._set("reps", v, _("Change the default reps")))
        self.seconds.valueChanged.connect(
            lambda v: self._set("seconds", v, _("Change the default time"))
        )
        self.tempo.valueChanged.connect(lambda v: self._set("tempo", v, _("Change the tempo")))
        for combo, field, text in (
            (self.category, "category", _("Change the category")),
            (self.kind, "kind", _("Change the kind")),
            (self.sides, "sides", _("Change the sides")),
            (self.position, "position", _("Change the position")),
        ):
            combo.activated.connect(lambda _i, b=combo, f=field, t=text: self._set(f, b.value(), t))
        self.phases.textChanged.connect(
            lambda: self._set("phases", lines_of(self.phases.toPlainText()), _("Change the phases"))
        )
        self.cues.textChanged.connect(
            lambda: self._set("cues", lines_of(self.cues.toPlainText()), _("Change the cues"))
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
            text=_("Change the picture"),
            merge=f"exercise.{self.exercise_id}.image",
            focus=self.focus(),
        )

    def _ask_for_file(self) -> Path | None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a picture"), str(Path.home()), _("Pictures") + " (*.svg *.png)"
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
            routine, pictures=draft, text=_("Choose a picture file"), focus=self.focus()
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
        self.title.setText(exercise.name or _("Unnamed exercise"))
        self.subtitle.setText(
            _('Your exercise "{id}"').format(id=exercise.id)
            + "  \N{MIDDLE DOT}  "
            + ngettext(
                "used {count} time in this routine", "used {count} times in this routine", uses
            ).format(count=uses)
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
            items.append((_("Your picture"), OWN_PICTURE))
        items.append((_("Generic figure"), GENERIC_PICTURE))
        catalog = builtin_exercises()
        items += [
            (_("Like {exercise}").format(exercise=catalog[i].name), i)
            for i in sorted(catalog, key=lambda i: catalog[i].name)
        ]
        current = OWN_PICTURE if items[0][1] == OWN_PICTURE else exercise.image_name
        if current not in {data for _t, data in items}:
            missing = _("No picture yet") if exercise.image_name == exercise.id else None
            label = missing or _("Picture \u201c{name}\u201d").format(name=exercise.image_name)
            items.insert(0, (label, exercise.image_name))
        self.picture_choice.set_items(items)
        if current == OWN_PICTURE:
            self.picture_choice.setItemData(0, own_file, Qt.ItemDataRole.ToolTipRole)
        show_value(self.picture_choice, current)
