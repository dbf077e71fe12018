"""The routine editor driven like a user would: keyboard, real files, a real event loop."""

from __future__ import annotations

import tomllib
import zipfile
from dataclasses import replace

import pytest
import shiboken6
from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from supple import paths
from supple.core import routine_file
from supple.core.catalog import builtin_exercises
from supple.core.engine import SessionEngine
from supple.core.events import PhaseChanged, RepCounted, SessionFinished
from supple.core.library import load_library
from supple.core.model import Kind, Side, Sides
from supple.core.plan import StepKind, compile_plan
from supple.core.problems import RoutineFileError
from supple.qt.routine_models import ENTRY_MIME, PROBLEMS_ROLE
from supple.storage import routine_store
from supple.ui.editor import RoutineEditor
from supple.ui.editor.dialogs import ExercisePicker

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30">'
    b'<rect x="5" y="5" width="30" height="20" fill="#4FD1C5"/></svg>'
)
CIRCUIT = 1


def type_number(qtbot, box, value):
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, str(value))


def type_text(qtbot, line, text):
    line.setFocus()
    line.selectAll()
    if text:
        qtbot.keyClicks(line, text)
    else:
        qtbot.keyClick(line, Qt.Key.Key_Delete)


def validator_messages(data, block=None, entry=None):
    """What the file validator says about ``data`` (at one block/entry, if given)."""
    with pytest.raises(RoutineFileError) as caught:
        routine_file.parse_routine(data, "check.toml", builtin_exercises())
    return [
        p.message
        for p in caught.value.problems
        if (block is None or p.block == block) and (entry is None or p.entry == entry)
    ]


def run_session(routine):
    """The whole session with a fake clock, jumping from one deadline to the next."""
    engine = SessionEngine(compile_plan(routine))
    events = engine.start(0.0)
    while not engine.is_over:
        events += engine.advance(engine.next_deadline())
    return engine.plan, events


def saved_file(routine_id):
    return paths.routines_dir() / f"{routine_id}.toml"


def test_a_duplicated_routine_changed_from_the_keyboard_runs_with_the_changes(editor, qtbot):
    assert editor.document.read_only
    assert not editor.block_panel.rounds.isEnabled()
    assert "duplicate" in editor.save_refusal.lower()

    qtbot.keyClick(editor.tree, Qt.Key.Key_D, CTRL)
    assert editor.routine.id == "hamstring-reset-copy"
    assert editor.routine.name == "Hamstring Reset (copy)"
    assert not editor.document.read_only

    # Three rounds of the circuit, fifteen pelvic tilts.
    editor.select_path((CIRCUIT, None))
    type_number(qtbot, editor.block_panel.rounds, 3)
    editor.select_path((CIRCUIT, 0))
    assert editor.entry_panel.title.text() == "Pelvic tilts"
    type_number(qtbot, editor.entry_panel.reps, 15)
    assert "3 rounds" in editor.tree_model.index(CIRCUIT, 1).data()

    # Elevated hip hikes before the 90/90 transitions, with the keyboard.
    editor.select_path((CIRCUIT, 2))
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_Up, CTRL)
    assert editor.selected_path() == (CIRCUIT, 1)

    # Slider curls (an exercise of one's own) instead of hamstring curls.
    slider = editor.create_exercise("Slider curls", Kind.REPS)
    assert slider == "slider-curls"
    panel = editor.exercise_panel
    type_number(qtbot, panel.reps, 8)
    type_number(qtbot, panel.tempo, 4)
    panel.phases.setFocus()
    qtbot.keyClicks(panel.phases, "curl in")
    qtbot.keyClick(panel.phases, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.phases, "slide out")
    editor.select_path((CIRCUIT, 4))
    assert editor.entry_panel.title.text() == "Hamstring curls"
    editor.add_entry(slider)
    editor.select_path((CIRCUIT, 4))
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_Delete)

    with qtbot.waitSignal(editor.routine_saved) as saved_signal:
        qtbot.keyClick(editor.tree, Qt.Key.Key_S, CTRL)
    assert not editor.is_dirty

    library = load_library(paths.routines_dir())
    assert library.problems == ()
    saved = library.find("hamstring-reset-copy")
    assert saved == saved_signal.args[0] == editor.routine

    plan, events = run_session(saved)
    circuit_work = [s for s in plan.work_steps if s.block == "Pelvic circuit"]
    assert {s.round for s in circuit_work} == {1, 2, 3}
    tilts = [s for s in circuit_work if s.exercise.id == "pelvic-tilt"]
    assert [s.target_reps for s in tilts] == [15, 15, 15]
    first_tilt = [e.number for e in events if isinstance(e, RepCounted) and e.step == tilts[0]]
    assert first_tilt == list(range(1, 16))
    round_one = [s.exercise.id for s in circuit_work if s.round == 1]
    assert list(dict.fromkeys(round_one)) == [
        "pelvic-tilt",
        "elevated-hip-hike",
        "hip-90-90-transition",
        "knee-roll-90-90",
        "slider-curls",
    ]
    curls = [s for s in circuit_work if s.exercise.id == "slider-curls"]
    assert [s.target_reps for s in curls] == [8, 8, 8]
    assert curls[0].exercise.name == "Slider curls"
    assert curls[0].phases == ("curl in", "slide out")
    spoken = {e.phase for e in events if isinstance(e, PhaseChanged) and e.step == curls[0]}
    assert spoken == {"slide out"}
    assert "hamstring-curl" not in {s.exercise.id for s in plan.work_steps}
    assert next(e for e in events if isinstance(e, SessionFinished)).completed


def test_invalid_values_are_shown_at_the_field_in_the_validators_words(editor, qtbot):
    original = editor.duplicate_routine()
    file = saved_file(original.id)
    on_disk = file.read_bytes()

    editor.select_path((CIRCUIT, 0))
    reps = editor.entry_panel.reps
    type_number(qtbot, reps, 0)

    data = routine_file.routine_to_data(original)
    data["blocks"][CIRCUIT]["entries"][0]["reps"] = 0
    expected = validator_messages(data, block=CIRCUIT + 1, entry=1)
    assert expected == ["reps must be a whole number from 1 to 500, got 0"]
    assert editor.entry_panel.rows["reps"].message == expected[0]
    assert reps.property("invalid") is True
    assert editor.tree_model.entry_index(CIRCUIT, 0).data(PROBLEMS_ROLE) == expected
    assert not editor.save_button.isEnabled()
    assert expected[0] in editor.save_refusal
    assert editor.save() is False
    qtbot.keyClick(editor.tree, Qt.Key.Key_S, CTRL)
    assert file.read_bytes() == on_disk

    name = editor.routine_fields.name
    type_text(qtbot, name, "")
    # A copy of a built-in routine carries its name in each language: the English one
    # (the language shown) is the one emptied, and the validator names that field.
    data["name"]["en"] = ""
    name_expected = validator_messages(data, block=None)
    assert 'name.en must be non-empty text in quotes, got ""' in name_expected
    assert (
        editor.routine_fields.rows["name"].message
        == 'name.en must be non-empty text in quotes, got ""'
    )
    assert name.property("invalid") is True
    assert "2 problems" in editor.status.text()

    # F8 goes to the first problem's field.
    qtbot.keyClick(editor.tree, Qt.Key.Key_F8)
    assert QApplication.focusWidget() is name

    type_text(qtbot, name, "Sore legs")
    editor.select_path((CIRCUIT, 0))
    type_number(qtbot, reps, 12)
    assert editor.entry_panel.rows["reps"].message == ""
    assert reps.property("invalid") is False
    assert editor.save_button.isEnabled()
    assert editor.save() is True
    assert load_library(paths.routines_dir()).find(original.id).name == "Sore legs"


def test_timed_exercises_and_blocks_show_their_own_problems(editor, qtbot):
    editor.duplicate_routine()
    editor.select_path((0, 3))
    assert editor.entry_panel.title.text() == "March in place"
    assert editor.entry_panel.rows["seconds"].isVisibleTo(editor.entry_panel)
    assert not editor.entry_panel.rows["reps"].isVisibleTo(editor.entry_panel)
    type_number(qtbot, editor.entry_panel.seconds, 5000)
    assert editor.entry_panel.rows["seconds"].message == (
        "seconds must be a whole number from 1 to 3600, got 5000"
    )
    editor.select_path((0, None))
    type_number(qtbot, editor.block_panel.rest_exercises, 601)
    assert editor.block_panel.rows["rest_between_exercises"].message == (
        "rest_between_exercises must be a whole number from 0 to 600, got 601"
    )
    assert "2 problems" in editor.status.text()


def test_undo_and_redo_put_values_back(editor, qtbot):
    copy = editor.duplicate_routine()
    editor.select_path((CIRCUIT, None))
    type_number(qtbot, editor.block_panel.rounds, 3)
    editor.select_path((CIRCUIT, 0))
    type_number(qtbot, editor.entry_panel.reps, 15)
    type_text(qtbot, editor.routine_fields.name, "Sore legs")
    assert editor.is_dirty

    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, CTRL)
    assert editor.routine.name == copy.name
    assert editor.routine_fields.name.text() == copy.name
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, CTRL)
    assert editor.routine.blocks[CIRCUIT].entries[0].reps == 20
    assert editor.selected_path() == (CIRCUIT, 0), "undo shows where the change was"
    assert editor.entry_panel.reps.value() == 20
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, CTRL)
    assert editor.routine.blocks[CIRCUIT].rounds == 2
    assert editor.block_panel.rounds.value() == 2
    assert editor.routine == copy
    assert not editor.is_dirty

    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, CTRL | SHIFT)
    assert editor.routine.blocks[CIRCUIT].rounds == 3
    assert editor.routine.blocks[CIRCUIT].entries[0].reps == 15
    assert editor.entry_panel.reps.value() == 15
    qtbot.keyClick(editor.tree, Qt.Key.Key_Y, CTRL)
    assert editor.routine.name == "Sore legs"


def test_undo_in_a_text_field_undoes_the_last_routine_edit(editor, qtbot):
    copy = editor.duplicate_routine()
    name = editor.routine_fields.name
    name.setFocus()
    name.end(False)
    qtbot.keyClicks(name, " for Tuesdays")
    assert editor.routine.name == f"{copy.name} for Tuesdays"
    assert editor.document.undo_stack.count() == 1, "one undo step for one field's typing"
    editor.select_path((CIRCUIT, None))
    type_number(qtbot, editor.block_panel.rounds, 3)

    # Ctrl+Z in the name field undoes the last change to the routine (the rounds),
    # not just the typing in that field.
    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_Z, CTRL)
    assert editor.routine.blocks[CIRCUIT].rounds == 2
    assert editor.routine.name == f"{copy.name} for Tuesdays"
    qtbot.keyClick(name, Qt.Key.Key_Z, CTRL)
    assert editor.routine.name == copy.name
    assert name.text() == copy.name
    assert not editor.is_dirty


def test_structure_edits_undo_as_one_step_each(editor, qtbot):
    copy = editor.duplicate_routine()
    circuit = editor.tree_model.block_index(CIRCUIT)
    dragged = editor.tree_model.mimeData([editor.tree_model.entry_index(CIRCUIT, 4)])
    editor.tree_model.dropMimeData(dragged, Qt.DropAction.MoveAction, 0, 0, circuit)
    order = [e.exercise for e in editor.routine.blocks[CIRCUIT].entries]
    assert order[0] == "hamstring-curl"
    assert editor.selected_path() == (CIRCUIT, 0)

    editor.select_path((0, None))
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_Down, CTRL)
    assert [b.name for b in editor.routine.blocks] == ["Pelvic circuit", "Warm-up"]
    qtbot.keyClick(editor.tree, Qt.Key.Key_Delete)
    assert [b.name for b in editor.routine.blocks] == ["Pelvic circuit"]

    for _ in range(3):
        editor.undo()
    assert editor.routine == copy
    assert editor.tree_model.rowCount(editor.tree_model.block_index(CIRCUIT)) == 5


def test_exercises_are_added_from_the_catalog_with_a_search(editor, qtbot, answer):
    editor.duplicate_routine()
    editor.select_path((CIRCUIT, 1))

    def pick(picker):
        assert isinstance(picker, ExercisePicker)
        qtbot.keyClicks(picker.search, "dead")
        assert picker.filtered.rowCount() == 1
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)

    answer.next(pick)
    qtbot.keyClick(editor.tree, Qt.Key.Key_E, CTRL)

    assert [e.exercise for e in editor.routine.blocks[CIRCUIT].entries][2] == "dead-bug"
    assert editor.selected_path() == (CIRCUIT, 2)
    assert (
        editor.entry_panel.title.text() == "Dead bugs" or "Dead" in editor.entry_panel.title.text()
    )


def test_an_own_exercise_keeps_its_picture_next_to_the_routine(editor, qtbot, tmp_path):
    editor.duplicate_routine()
    picture = tmp_path / "my-drawing.svg"
    picture.write_bytes(SVG)
    physio = editor.create_exercise("Physio bridge", Kind.TIMED)
    assert editor.set_exercise_picture(physio, picture)
    assert editor.exercise_panel.picture.shown == "my-drawing.svg"
    editor.select_path((CIRCUIT, 4))
    editor.add_entry(physio)
    assert editor.save()

    copied = paths.routines_dir() / "pictures" / f"{physio}.svg"
    assert copied.read_bytes() == SVG
    saved = load_library(paths.routines_dir()).find(editor.routine.id)
    exercise = next(e for e in saved.exercises if e.id == physio)
    assert (exercise.kind, exercise.seconds) == (Kind.TIMED, 30)
    assert routine_store.find_picture(exercise.image_name) == copied

    not_a_picture = tmp_path / "notes.svg"
    not_a_picture.write_text("shopping list", encoding="utf-8")
    assert not editor.set_exercise_picture(physio, not_a_picture)
    assert "notes.svg cannot be used as a picture" in editor.exercise_panel.rows["image"].message


def test_a_new_routine_gets_its_file_name_from_its_name(editor, qtbot):
    qtbot.keyClick(editor.tree, Qt.Key.Key_N, CTRL)
    assert editor.document.unsaved
    assert editor.routine.name == "New routine"
    editor.select_path((0, None))
    assert editor.block_panel.rows["entries"].message == (
        "entries is missing or empty: add at least one [[blocks.entries]] with an exercise"
    )
    assert not editor.save_button.isEnabled()

    type_text(qtbot, editor.routine_fields.name, "Physio plan")
    editor.add_entry("pelvic-tilt")
    assert editor.save()
    assert saved_file("physio-plan").is_file()
    assert editor.routine.id == "physio-plan"
    assert editor.list_model.row_of("physio-plan") >= 0


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_them(editor, qtbot, answer):
    copy = editor.duplicate_routine()
    type_text(qtbot, editor.routine_fields.name, "Changed")

    answer.click(QMessageBox.StandardButton.Cancel)
    assert editor.close() is False
    assert answer.seen and answer.seen[0].objectName() == "UnsavedChanges"
    assert editor.isVisible()
    assert editor.is_dirty and editor.routine.name == "Changed"

    answer.click(QMessageBox.StandardButton.Discard)
    assert editor.close() is True
    assert load_library(paths.routines_dir()).find(copy.id).name == copy.name


def test_closing_with_unsaved_changes_can_save_them(editor, qtbot, answer):
    copy = editor.duplicate_routine()
    editor.select_path((CIRCUIT, None))
    type_number(qtbot, editor.block_panel.rounds, 4)

    answer.click(QMessageBox.StandardButton.Save)
    assert editor.close() is True
    assert load_library(paths.routines_dir()).find(copy.id).blocks[CIRCUIT].rounds == 4


def test_switching_routines_asks_before_dropping_changes(editor, qtbot, answer):
    copy = editor.duplicate_routine()
    type_text(qtbot, editor.routine_fields.name, "Changed")
    other = editor.list_model.index(editor.list_model.row_of("quick-reset"))

    answer.click(QMessageBox.StandardButton.Cancel)
    editor.routine_list.setCurrentIndex(other)
    assert editor.routine.id == copy.id and editor.routine.name == "Changed"
    assert editor.routine_list.currentIndex().row() == editor.list_model.row_of(copy.id)

    answer.click(QMessageBox.StandardButton.Discard)
    editor.routine_list.setCurrentIndex(other)
    assert editor.routine.id == "quick-reset"
    assert editor.document.read_only


def test_a_failed_save_keeps_the_changes_and_says_why(editor, qtbot, answer, monkeypatch):
    copy = editor.duplicate_routine()
    type_text(qtbot, editor.routine_fields.name, "Changed")

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", full_disk)
    answer.click(QMessageBox.StandardButton.Ok)
    assert editor.save() is False
    assert answer.seen[0].objectName() == "EditorError"
    assert "No space left on device" in editor.status.text()
    assert editor.is_dirty and editor.routine.name == "Changed"
    assert load_library(paths.routines_dir()).find(copy.id).name == copy.name
    assert sorted(p.name for p in paths.routines_dir().iterdir()) == [f"{copy.id}.toml"]


def test_a_broken_import_is_refused_with_the_precise_error(editor, qtbot, answer, tmp_path):
    source = tmp_path / "from-a-friend.toml"
    source.write_text(
        'name = "Friend"\n[[blocks]]\nname = "A"\n[[blocks.entries]]\nexercise = "pelvic-tlt"\n',
        encoding="utf-8",
    )
    answer.click(QMessageBox.StandardButton.Ok)
    assert editor.import_file(source) is None
    box = answer.seen[0]
    assert box.objectName() == "EditorError"
    assert (
        'from-a-friend.toml: block "A", entry 1 (pelvic-tlt): exercise "pelvic-tlt" is not a '
        'built-in exercise or one defined in this file - did you mean "pelvic-tilt"?'
    ) in box.informativeText()
    assert not paths.routines_dir().exists() or list(paths.routines_dir().iterdir()) == []


def test_export_and_import_through_the_editor(editor, qtbot, tmp_path):
    copy = editor.duplicate_routine()
    bundle = editor.export_to(tmp_path / "share.zip")
    assert bundle is not None and bundle.is_file()

    with qtbot.waitSignal(editor.routine_saved):
        result = editor.import_file(bundle)
    assert result is not None and result.renamed_from == copy.id
    assert editor.routine.id == f"{copy.id}-2"
    assert editor.routine.blocks == copy.blocks


def test_an_edit_made_outside_supple_shows_up_and_a_broken_file_is_listed_once(
    editor, qtbot, watcher
):
    copy = editor.duplicate_routine()
    file = saved_file(copy.id)
    edited = replace(copy, blocks=(copy.blocks[0], replace(copy.blocks[CIRCUIT], rounds=5)))
    with qtbot.waitSignal(watcher.library_changed, timeout=5000):
        file.write_text(routine_file.dumps(edited), encoding="utf-8")
    assert editor.routine.blocks[CIRCUIT].rounds == 5
    assert "changed outside Supple" in editor.status.text()

    reports = []
    watcher.problems_changed.connect(reports.append)
    broken = paths.routines_dir() / "broken.toml"
    with qtbot.waitSignal(watcher.problems_changed, timeout=5000):
        broken.write_text('name = "Broken"\nblocks = 3\n', encoding="utf-8")
    other = replace(copy, id="other", name="Other")
    with qtbot.waitSignal(watcher.library_changed, timeout=5000):
        saved_file("other").write_text(routine_file.dumps(other), encoding="utf-8")
    qtbot.wait(300)
    assert len(reports) == 1
    assert editor.file_problems.isVisible()
    assert "broken.toml: blocks must be a list of tables" in editor.file_problems.text()


def test_deleting_a_routine_asks_and_removes_its_file(editor, qtbot, answer):
    copy = editor.duplicate_routine()
    answer.click(QMessageBox.StandardButton.Cancel)
    assert editor.delete_routine() is False
    assert saved_file(copy.id).is_file()

    answer.click(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(editor.routine_deleted) as deleted:
        assert editor.delete_routine() is True
    assert deleted.args == [copy.id]
    assert not saved_file(copy.id).exists()
    assert editor.list_model.row_of(copy.id) == -1
    assert editor.document.read_only, "back on a built-in routine"


def test_a_new_routine_that_is_discarded_leaves_no_file(editor, qtbot, answer):
    editor.new_routine()
    editor.add_entry("bird-dog")
    answer.click(QMessageBox.StandardButton.Discard)
    assert editor.open_routine("quick-reset")
    assert editor.routine.id == "quick-reset"
    assert not paths.routines_dir().exists() or list(paths.routines_dir().glob("*.toml")) == []


def test_a_new_exercise_is_named_in_a_dialog_from_the_keyboard(editor, qtbot, answer):
    editor.duplicate_routine()
    editor.tabs.setCurrentIndex(1)

    def name_it(dialog):
        assert not dialog.ok_button.isEnabled(), "a name is needed first"
        qtbot.keyClicks(dialog.name, "Physio clam")
        dialog.kind.setCurrentIndex(1)
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    answer.next(name_it)
    qtbot.mouseClick(editor.new_exercise_button, Qt.MouseButton.LeftButton)

    exercise = editor.document.own_exercise("physio-clam")
    assert exercise is not None and exercise.kind is Kind.TIMED
    assert editor.details_page is editor.exercise_panel
    assert editor.focusWidget() is editor.exercise_panel.name, "ready to type more about it"
    assert editor.tabs.tabText(1) == "Your exercises (1)"


def test_open_editor_shows_a_window_on_the_asked_routine(qtbot):
    from supple.ui.editor import open_editor

    window = open_editor("quick-reset")
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    assert window.isWindow() and window.isVisible()
    assert (window.width(), window.height()) == (1280, 720)
    assert window.routine.id == "quick-reset"


def test_sides_counting_tempo_and_rest_are_set_per_entry(editor, qtbot):
    copy = editor.duplicate_routine()
    editor.select_path((CIRCUIT, 0))
    panel = editor.entry_panel
    assert panel.sides.currentText() == "Default (no sides)"
    panel.sides.setFocus()
    qtbot.keyClick(panel.sides, Qt.Key.Key_Down)
    qtbot.keyClick(panel.sides, Qt.Key.Key_Down)
    panel.counting.setFocus()
    qtbot.keyClick(panel.counting, Qt.Key.Key_Down)
    type_number(qtbot, panel.tempo, 5)
    type_number(qtbot, panel.rest_after, 30)
    assert editor.save()

    saved = load_library(paths.routines_dir()).find(copy.id)
    tilt = saved.blocks[CIRCUIT].entries[0]
    assert (tilt.sides, tilt.self_paced, tilt.tempo, tilt.rest_after) == (
        Sides.EACH,
        True,
        5.0,
        30,
    )
    plan = compile_plan(saved)
    first = [s for s in plan.steps if s.exercise.id == "pelvic-tilt" and s.round == 1]
    work = [s for s in first if s.is_work]
    assert [s.side for s in work] == [Side.LEFT, Side.RIGHT]
    assert all(s.self_paced and s.tempo == 5.0 for s in work)
    after = plan.steps[work[-1].index + 1]
    assert (after.kind, after.target_seconds) == (StepKind.REST, 30.0)

    # Back to the exercise's defaults: the overrides leave the file.
    panel.sides.setFocus()
    qtbot.keyClick(panel.sides, Qt.Key.Key_Home)
    type_number(qtbot, panel.tempo, 4)
    type_number(qtbot, panel.rest_after, -1)
    assert panel.rest_after.text() == "Block's rest (15 s)"
    entry = editor.routine.blocks[CIRCUIT].entries[0]
    assert (entry.sides, entry.tempo, entry.rest_after) == (None, None, None)


def test_an_own_exercise_switched_to_timed_runs_as_a_timed_set(editor, qtbot):
    editor.duplicate_routine()
    bridge = editor.create_exercise("Bridge hold", Kind.REPS)
    panel = editor.exercise_panel
    panel.kind.setFocus()
    qtbot.keyClick(panel.kind, Qt.Key.Key_Down)
    assert panel.rows["seconds"].isVisibleTo(panel)
    assert not panel.rows["reps"].isVisibleTo(panel)
    type_number(qtbot, panel.seconds, 40)
    editor.select_path((CIRCUIT, 4))
    editor.add_entry(bridge)
    assert editor.save()

    saved = load_library(paths.routines_dir()).find(editor.routine.id)
    steps = [s for s in compile_plan(saved).work_steps if s.exercise.id == bridge]
    assert [s.target_seconds for s in steps] == [40.0, 40.0]
    assert all(s.target_reps is None for s in steps)


def test_discarding_goes_back_to_the_file_as_it_is_now(editor, qtbot, watcher):
    copy = editor.duplicate_routine()
    editor.select_path((CIRCUIT, None))
    type_number(qtbot, editor.block_panel.rounds, 4)
    elsewhere = replace(copy, blocks=(copy.blocks[0], replace(copy.blocks[CIRCUIT], rounds=5)))
    with qtbot.waitSignal(watcher.library_changed, timeout=5000):
        saved_file(copy.id).write_text(routine_file.dumps(elsewhere), encoding="utf-8")
    assert editor.routine.blocks[CIRCUIT].rounds == 4, "changes are kept while unsaved"

    editor.discard_changes()
    assert not editor.is_dirty
    assert editor.routine == elsewhere
    assert editor.selected_path() == (CIRCUIT, None)
    assert editor.block_panel.rounds.value() == 5

    # Even when the change on disk has not been noticed yet.
    type_number(qtbot, editor.block_panel.rounds, 4)
    later = replace(copy, name="Changed in a text editor")
    saved_file(copy.id).write_text(routine_file.dumps(later), encoding="utf-8")
    editor.discard_changes()
    assert editor.routine == later
    assert editor.routine_fields.name.text() == "Changed in a text editor"


def test_exporting_unsaved_changes_offers_to_save_them_first(editor, qtbot, answer, tmp_path):
    copy = editor.duplicate_routine()
    type_text(qtbot, editor.routine_fields.name, "Sore legs")

    answer.click(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(editor.export_button, Qt.MouseButton.LeftButton)
    assert [d.objectName() for d in answer.seen] == ["SaveBeforeExport"], "no file dialog yet"
    assert editor.is_dirty
    assert load_library(paths.routines_dir()).find(copy.id).name == copy.name

    target = tmp_path / "for-my-friend.zip"

    def pick_target(dialog):
        assert isinstance(dialog, QFileDialog)
        dialog.selectFile(str(target))
        dialog.accept()

    def save_then_pick(box):
        answer.next(pick_target, kind=QFileDialog)
        box.button(QMessageBox.StandardButton.Save).click()

    answer.next(save_then_pick)
    qtbot.mouseClick(editor.export_button, Qt.MouseButton.LeftButton)
    assert [type(d) for d in answer.seen[1:]] == [QMessageBox, QFileDialog]
    assert not editor.is_dirty
    assert load_library(paths.routines_dir()).find(copy.id).name == "Sore legs"
    with zipfile.ZipFile(target) as bundle:
        exported = tomllib.loads(bundle.read("routine.toml").decode("utf-8"))
    assert exported["name"]["en"] == "Sore legs"  # the name in the language it was edited in


def test_a_routine_with_problems_is_not_exported_half_saved(editor, qtbot, answer, tmp_path):
    copy = editor.duplicate_routine()
    editor.select_path((CIRCUIT, 0))
    type_number(qtbot, editor.entry_panel.reps, 0)

    def save_then_read(box):
        answer.click(QMessageBox.StandardButton.Ok)
        box.button(QMessageBox.StandardButton.Save).click()

    answer.next(save_then_read)
    qtbot.mouseClick(editor.export_button, Qt.MouseButton.LeftButton)
    assert [title for title, _text in answer.said] == ["Save before exporting?", "Cannot save yet"]
    assert "reps must be a whole number from 1 to 500, got 0" in answer.said[1][1]
    assert editor.is_dirty
    assert load_library(paths.routines_dir()).find(copy.id) == copy
    assert list(tmp_path.glob("*.zip")) == []


def test_an_editor_thrown_away_with_unsaved_changes_goes_quietly(qtbot, watcher):
    # What happens to the window's pages when the app quits with changes left unsaved.
    editor = RoutineEditor(watcher, routine_id="hamstring-reset")
    editor.duplicate_routine()
    editor.select_path((CIRCUIT, None))
    editor.block_panel.rounds.setValue(4)
    assert editor.is_dirty
    with qtbot.captureExceptions() as raised:
        shiboken6.delete(editor)
    assert raised == []


def test_a_new_exercise_has_its_picture_and_cues_in_view_at_1280x720(editor, qtbot):
    editor.duplicate_routine()
    editor.create_exercise("Physio bridge", Kind.REPS)
    panel = editor.exercise_panel
    assert editor.details_page is panel
    viewport = editor.details_scroll.viewport()
    QApplication.processEvents()  # let the layouts settle

    def on_screen(widget):
        return QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())

    assert editor.details_scroll.verticalScrollBar().value() == 0
    for widget in (panel.picture, panel.picture_choice, panel.choose_file, panel.cues):
        assert viewport.rect().contains(on_screen(widget)), f"{widget} is out of view"
    for field in ("name", "kind", "reps", "tempo", "phases"):
        assert viewport.rect().contains(on_screen(panel.rows[field].editor)), field
    for row in (row for row in panel.rows.values() if row.isVisibleTo(panel)):
        shown = on_screen(row)
        assert shown.left() >= 0 and shown.right() <= viewport.width(), f"{row.field} is cut off"


def drag_over_and_drop(view, mime, point):
    """Qt's drag-and-drop events, as a real drag delivers them to the view; returns whether
    the view showed the spot as a place to drop."""
    viewport = view.viewport()
    args = (Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0))
    QApplication.sendEvent(viewport, QDragEnterEvent(point, *args))
    over = QDragMoveEvent(point, *args)
    QApplication.sendEvent(viewport, over)
    QApplication.sendEvent(viewport, QDropEvent(QPointF(point), *args))
    return over.isAccepted()


def test_an_entry_dragged_up_the_tree_moves_there_and_undoes_in_one_step(editor, qtbot):
    copy = editor.duplicate_routine()
    model = editor.tree_model
    dragged = model.mimeData([model.entry_index(CIRCUIT, 4)])
    first = editor.tree.visualRect(model.entry_index(CIRCUIT, 0))
    upper_half = QPoint(first.center().x(), first.top() + first.height() // 4)

    assert drag_over_and_drop(editor.tree, dragged, upper_half)
    order = [e.exercise for e in editor.routine.blocks[CIRCUIT].entries]
    assert order == ["hamstring-curl", *[e.exercise for e in copy.blocks[CIRCUIT].entries[:4]]]
    assert editor.selected_path() == (CIRCUIT, 0)
    assert model.entry_index(CIRCUIT, 0).data() == "Hamstring curls"
    assert editor.is_dirty

    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, CTRL)
    assert editor.routine == copy


def test_a_drop_that_did_not_start_in_the_tree_changes_nothing(editor, qtbot):
    copy = editor.duplicate_routine()
    model = editor.tree_model
    first = editor.tree.visualRect(model.entry_index(CIRCUIT, 0))
    upper_half = QPoint(first.center().x(), first.top() + first.height() // 4)
    # Another window's drag names an entry by its place in a routine that is not this one.
    stranger = QMimeData()
    stranger.setData(ENTRY_MIME, QByteArray(b"1:4"))

    assert not drag_over_and_drop(editor.tree, stranger, upper_half)
    assert editor.routine == copy and not editor.is_dirty


def test_a_built_in_routine_takes_no_drops(editor):
    model = editor.tree_model
    dragged = model.mimeData([model.entry_index(CIRCUIT, 4)])
    first = editor.tree.visualRect(model.entry_index(CIRCUIT, 0))
    before = editor.routine
    assert not drag_over_and_drop(editor.tree, dragged, first.center())
    assert editor.routine == before


def test_the_way_an_entry_is_done_is_chosen_from_the_keyboard(editor, qtbot):
    copy = editor.duplicate_routine()
    editor.select_path((CIRCUIT, 0))
    panel = editor.entry_panel
    assert panel.title.text() == "Pelvic tilts"
    assert panel.rows["variant"].isVisibleTo(panel)
    assert panel.variant.currentText() == "On hands and knees (usual)"
    panel.variant.setFocus()
    qtbot.keyClick(panel.variant, Qt.Key.Key_Down)
    assert panel.variant.currentText() == "Lying on your back"
    assert "lying on your back" in panel.subtitle.text()
    assert panel.picture._builtin == "pelvic-tilt-supine"
    assert editor.save()

    saved = load_library(paths.routines_dir()).find(copy.id)
    assert saved.blocks[CIRCUIT].entries[0].variant == "supine"
    assert 'variant = "supine"' in saved_file(copy.id).read_text(encoding="utf-8")
    tilts = next(s for s in compile_plan(saved).work_steps if s.exercise.id == "pelvic-tilt")
    assert tilts.exercise.cues[0] == "On your back, knees bent, feet flat"

    # An exercise with one way of doing it does not offer a choice.
    editor.select_path((CIRCUIT, 1))
    assert not panel.rows["variant"].isVisibleTo(panel)
    # Back to the usual way: the entry names no variant any more.
    editor.select_path((CIRCUIT, 0))
    panel.variant.setFocus()
    qtbot.keyClick(panel.variant, Qt.Key.Key_Home)
    assert editor.routine.blocks[CIRCUIT].entries[0].variant == ""
