"""The routine editor in the pseudo-language (accented, a third longer) and in German: no
English word left anywhere it shows text (labels, buttons, lists, the tree, the window title,
its questions), and nothing cut off.

Routine and exercise names are content, translated with the content, so their words are
allowed through (``content_words``), as on the other screens.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QMessageBox, QTreeView, QWidget

from supple.core import i18n
from supple.core.catalog import builtin_exercises, builtin_routines
from supple.core.model import Kind
from supple.qt.routine_watcher import RoutineWatcher
from supple.ui.editor import RoutineEditor
from supple.ui.editor.delegates import TwoLineDelegate
from supple.ui.editor.dialogs import ExercisePicker, NewExerciseDialog
from supple.ui.editor.workspace import EXERCISES_TAB
from tests.ui.test_translated_screens import (  # noqa: F401 - the language fixture, shared here
    NAMES,
    PSEUDO_TEXT,
    WORD,
    content_words,
    language,
    problems,
)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

OWN_EXERCISE = "Slider curls"


def allowed_words() -> set[str]:
    """The words of every shipped routine and exercise, and of the test's own exercise."""
    words: set[str] = {"Slider", "curls", "SLIDER", "CURLS"}
    for routine in builtin_routines():
        words |= content_words(routine)
    return words


def _rows(view: QAbstractItemView, parent: QModelIndex) -> Iterator[QModelIndex]:
    model = view.model()
    columns = model.columnCount(parent) if isinstance(view, QTreeView) else 1
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            yield index
            if column == 0 and isinstance(view, QTreeView):
                yield from _rows(view, index)


def item_texts(root: QWidget) -> Iterator[str]:
    """What the editor's lists and tree draw: names, summaries, second lines and tags."""
    for view in root.findChildren(QAbstractItemView):
        if not view.isVisibleTo(root) or view.model() is None:
            continue
        delegate = view.itemDelegate()
        for index in _rows(view, QModelIndex()):
            yield str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            if isinstance(delegate, TwoLineDelegate):
                yield str(index.data(delegate.meta_role) or "")
                if delegate.tag_role is not None and index.data(delegate.tag_role):
                    yield delegate.tag


def english_in(texts: Iterator[str], allowed: set[str]) -> list[str]:
    found = []
    for text in texts:
        plain = PSEUDO_TEXT.sub(" ", text)
        words = [w for w in WORD.findall(plain) if w not in allowed and w not in NAMES]
        if words:
            found.append(f"{text!r}: {words}")
    return found


def look(root: QWidget, shown_in: str, allowed: set[str]) -> list[str]:
    """``problems`` (English left in labels and buttons, clipped text), plus English left in
    the lists, the tree and the window title."""
    found = problems(root, shown_in, allowed)
    if shown_in == i18n.PSEUDO:
        found += english_in(item_texts(root), allowed)
        found += english_in(iter([root.window().windowTitle()]), allowed)
    return found


@pytest.fixture
def translated_editor(qtbot, language, watcher):  # noqa: F811 - the shared fixture
    """An editor built after the language is set, as the app builds it."""
    made = RoutineEditor(watcher, routine_id="hamstring-reset")
    qtbot.addWidget(made, before_close_func=lambda w: w.discard_changes())
    made.resize(1280, 720)
    made.show()
    qtbot.waitExposed(made)
    return made


def test_the_editor_is_translated_and_fits(
    qtbot,
    language,  # noqa: F811 - the shared fixture, imported above
    translated_editor,
    answer,
):
    editor = translated_editor
    allowed = allowed_words()
    found: dict[str, list[str]] = {"built-in routine, block": look(editor, language, allowed)}
    editor.select_path((0, 0))
    found["built-in routine, entry"] = look(editor, language, allowed)
    assert editor.details_page is editor.entry_panel

    assert editor.duplicate_routine() is not None
    found["own routine, just copied"] = look(editor, language, allowed)
    editor.tabs.setCurrentIndex(EXERCISES_TAB)
    found["own exercises, none yet"] = look(editor, language, allowed)
    assert editor.create_exercise(OWN_EXERCISE, Kind.REPS) is not None
    found["own exercise (reps)"] = look(editor, language, allowed)
    assert editor.details_page is editor.exercise_panel
    editor.exercise_panel.kind.setCurrentIndex(1)
    editor.exercise_panel.kind.activated.emit(1)
    found["own exercise (held)"] = look(editor, language, allowed)
    editor.select_path((0, 1))
    found["own routine, entry"] = look(editor, language, allowed)
    editor.select_path((0, None))
    found["own routine, block"] = look(editor, language, allowed)

    def see_and_cancel(box: QMessageBox) -> None:
        found["save question"] = look(box, language, allowed)
        box.button(QMessageBox.StandardButton.Cancel).click()

    answer.next(see_and_cancel, QMessageBox)
    assert editor.maybe_close() is False
    qtbot.waitUntil(lambda: "save question" in found)

    catalog = sorted(builtin_exercises().values(), key=lambda e: e.name)
    dialogs = {
        "exercise picker": ExercisePicker(list(editor.routine.exercises), catalog, editor),
        "new exercise": NewExerciseDialog(set(builtin_exercises()), editor),
    }
    for name, dialog in dialogs.items():
        dialog.show()
        qtbot.waitExposed(dialog)
        found[name] = look(dialog, language, allowed)
        dialog.reject()
        dialog.deleteLater()

    editor.discard_changes()
    assert editor.new_routine()
    found["new routine"] = look(editor, language, allowed)

    wrong = {name: texts for name, texts in found.items() if texts}
    assert not wrong, "\n".join(f"{name}: {texts}" for name, texts in wrong.items())


def test_editor_notices_are_in_german(qtbot):
    """The controller's notices reach the status line in the language in force."""
    i18n.set_language("de")
    try:
        watcher = RoutineWatcher(delay_ms=100)
        editor = RoutineEditor(watcher, routine_id="hamstring-reset", parent=None)
        watcher.setParent(editor)
        qtbot.addWidget(editor, before_close_func=lambda w: w.discard_changes())
        copy = editor.duplicate_routine()
        assert copy is not None
        assert editor.status.text() == (
            f"Kopiert nach \u201e{copy.name}\u201c. Deine Änderungen landen in der Kopie."
        )
        assert copy.name.endswith("(Kopie)")
        editor.block_panel.rounds.setValue(3)
        assert editor.status.text() == "Ungespeicherte Änderungen."
        assert editor.status_bar.undo_button.toolTip() == "Rückgängig: Runden ändern (Ctrl+Z)"
        assert editor.save()
        assert editor.status.text() == f"„{copy.name}“ gespeichert."
        assert editor.windowTitle() == f"{copy.name} \N{EN DASH} Routinen-Editor"
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("language", ["de"], indirect=True)
def test_exercise_names_keep_their_room_beside_long_summaries(
    qtbot,
    language,  # noqa: F811 - the shared fixture, imported above
    translated_editor,
):
    # German summaries ("2 Runden · 15 s Pausen · 60 s zwischen den Runden") are long;
    # the names beside them are what the tree is for.
    tree = translated_editor.tree
    header = tree.header()
    width = tree.viewport().width()
    names = tree.sizeHintForColumn(0)
    assert header.sectionSize(0) >= min(names, round(width * 0.55)) - 1
    assert header.sectionSize(0) + header.sectionSize(1) <= width
