"""The routine editor's controller without a single widget: the document, real routine files
in the test's folder, and the structure's changes with their undo steps."""

from __future__ import annotations

import ast
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

import supple.qt.editor_controller as controller_module
import supple.qt.routine_document as document_module
from supple.core import routine_file
from supple.core.library import load_library
from supple.core.model import Kind
from supple.core.routine_edits import NEW_BLOCK_REST_SECONDS
from supple.qt.editor_controller import EditorController
from supple.qt.routine_watcher import RoutineWatcher
from supple.storage.routine_store import RoutineStoreError

CIRCUIT = 1
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3"/></svg>'
)


class Heard:
    """What the controller said, in order."""

    def __init__(self, controller: EditorController) -> None:
        self.notices: list[str] = []
        self.failures: list[tuple[str, RoutineStoreError]] = []
        self.saved: list[str] = []
        self.deleted: list[str] = []
        self.opened: list[tuple[str, object]] = []
        controller.notice.connect(self.notices.append)
        controller.failed.connect(lambda title, error: self.failures.append((title, error)))
        controller.saved.connect(lambda routine: self.saved.append(routine.id))
        controller.deleted.connect(self.deleted.append)
        controller.opened.connect(lambda doc, path: self.opened.append((doc.routine.id, path)))


@pytest.fixture
def watcher(qapp, tmp_path):
    made = RoutineWatcher(tmp_path / "routines", delay_ms=100)
    yield made
    made.deleteLater()


@pytest.fixture
def controller(watcher):
    made = EditorController(watcher)
    made.open_id("hamstring-reset")
    yield made
    made.deleteLater()


def on_disk(folder: Path, routine_id: str):
    return load_library(folder).find(routine_id)


def test_the_controller_and_its_document_use_no_widgets():
    for module in (controller_module, document_module):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)} | {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        assert not any("QtWidgets" in name for name in imported if name), module.__name__
        assert not any(name.startswith("supple.ui") for name in imported if name)


def test_a_built_in_routine_opens_read_only_and_refuses_every_change(controller):
    document = controller.document
    assert document.read_only and document.routine.id == "hamstring-reset"
    assert controller.add_block(None) is None
    assert controller.remove((CIRCUIT, 0)) is False
    assert controller.shift((CIRCUIT, 0), 1) is False
    assert controller.create_exercise("Bridge", Kind.REPS) is None
    assert controller.save() is None
    assert controller.delete() is False
    assert document.undo_stack.count() == 0


def test_duplicate_saves_an_editable_copy_and_changes_go_into_it(controller, watcher):
    heard = Heard(controller)
    copy = controller.duplicate()
    assert copy is not None and copy.id == "hamstring-reset-copy"
    assert on_disk(watcher.folder, copy.id) == copy
    assert heard.saved == [copy.id] and heard.notices[-1].startswith("Copied to")
    document = controller.document
    assert not document.read_only and document.routine == copy

    new = replace(copy.blocks[CIRCUIT], rounds=4)
    document.edit(replace(copy, blocks=(copy.blocks[0], new)), text="Change the rounds")
    assert document.is_dirty
    saved = controller.save()
    assert saved is not None and not document.is_dirty
    assert on_disk(watcher.folder, copy.id).blocks[CIRCUIT].rounds == 4
    assert heard.notices[-1] == f"Saved \u201c{copy.name}\u201d."


def test_a_routine_with_problems_is_not_saved(controller, watcher):
    copy = controller.duplicate()
    document = controller.document
    broken = replace(copy.blocks[CIRCUIT], rounds=0)
    document.edit(replace(copy, blocks=(copy.blocks[0], broken)), text="Zero rounds")
    assert document.problems
    assert controller.save() is None
    assert on_disk(watcher.folder, copy.id) == copy


def test_a_new_routine_takes_its_file_name_from_its_name_when_saved(controller, watcher):
    document = controller.new_routine()
    assert document.unsaved and document.is_dirty
    assert document.routine.blocks[0].rest_between_exercises == NEW_BLOCK_REST_SECONDS
    assert controller.save() is None, "an empty block cannot be saved"

    assert controller.add_entry("pelvic-tilt", None) == (0, 0)
    document.edit(replace(document.routine, name="Physio Plan"), text="Rename")
    saved = controller.save()
    assert saved is not None and saved.id == "physio-plan"
    assert on_disk(watcher.folder, "physio-plan") == saved
    assert not document.unsaved and not document.is_dirty


def test_delete_removes_the_file_and_opens_the_first_routine(controller, watcher):
    heard = Heard(controller)
    copy = controller.duplicate()
    assert controller.delete() is True
    assert on_disk(watcher.folder, copy.id) is None
    assert heard.deleted == [copy.id]
    assert controller.document.routine.id == watcher.library.routines[0].id


def test_a_failed_save_is_reported_once_and_keeps_the_changes(controller, watcher, tmp_path):
    heard = Heard(controller)
    copy = controller.duplicate()
    document = controller.document
    exercise_id = controller.create_exercise("Physio Bridge", Kind.REPS)
    picture = tmp_path / "bridge.svg"
    picture.write_bytes(SVG)
    document.edit(pictures=document.draft.with_picture(exercise_id, picture), text="Picture")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (watcher.folder / "pictures").symlink_to(elsewhere, target_is_directory=True)

    assert controller.save() is None
    [(title, error)] = heard.failures
    assert title == "The routine was not saved" and "is a link" in error.message
    assert document.is_dirty and document.own_exercise(exercise_id) is not None
    assert on_disk(watcher.folder, copy.id) == copy
    assert list(elsewhere.iterdir()) == []


def test_discard_reads_the_file_again(controller, watcher):
    copy = controller.duplicate()
    document = controller.document
    document.edit(replace(copy, name="Not kept"), text="Rename")
    assert controller.discard((CIRCUIT, 0)) is True
    assert controller.document is not document
    assert controller.document.routine == copy and not controller.document.is_dirty


def test_export_then_import_adds_a_renamed_copy(controller, watcher, tmp_path):
    heard = Heard(controller)
    copy = controller.duplicate()
    bundle = controller.export_to(tmp_path / "shared")
    assert bundle == tmp_path / "shared.zip"
    assert zipfile.ZipFile(bundle).namelist() == ["routine.toml"]

    result = controller.import_file(bundle)
    assert result is not None and result.renamed_from == copy.id
    assert controller.document.routine == result.routine
    assert on_disk(watcher.folder, result.routine.id) == result.routine
    assert heard.saved[-1] == result.routine.id
    assert "its id was taken" in heard.notices[-1]


def test_a_bad_import_fails_with_the_validators_words(controller, tmp_path):
    heard = Heard(controller)
    source = tmp_path / "bad.toml"
    source.write_text('id = "bad"\nname = "Bad"\n', encoding="utf-8")
    assert controller.import_file(source) is None
    [(title, error)] = heard.failures
    assert title == "bad.toml was not imported" and error.problems


def test_a_file_changed_outside_reloads_a_clean_routine_and_spares_a_changed_one(
    controller, watcher
):
    heard = Heard(controller)
    copy = controller.duplicate()
    changed = replace(copy, name="Changed outside")
    path = watcher.folder / f"{copy.id}.toml"
    path.write_text(routine_file.dumps(changed), encoding="utf-8")
    controller.follow_library(watcher.reload(), (CIRCUIT, 0))
    assert controller.document.routine == changed
    assert heard.opened[-1] == (copy.id, (CIRCUIT, 0))
    assert heard.notices[-1].startswith("Reloaded")

    document = controller.document
    document.edit(replace(changed, name="Mine"), text="Rename")
    path.write_text(routine_file.dumps(copy), encoding="utf-8")
    controller.follow_library(watcher.reload(), None)
    assert controller.document is document and document.routine.name == "Mine"
    assert "Save replaces it" in heard.notices[-1]

    path.unlink()
    controller.follow_library(watcher.reload(), None)
    assert controller.document is document
    assert "Save writes it again" in heard.notices[-1]


def test_structure_changes_are_one_undo_step_each(controller):
    controller.duplicate()
    document = controller.document
    before = document.routine
    circuit = before.blocks[CIRCUIT]

    assert controller.add_entry("pelvic-tilt", (CIRCUIT, 1)) == (CIRCUIT, 1)
    assert document.routine.blocks[CIRCUIT].entries[1].exercise == "pelvic-tilt"
    assert controller.shift((CIRCUIT, 1), -1) is True
    assert document.routine.blocks[CIRCUIT].entries[0].exercise == "pelvic-tilt"
    controller.move_entry(CIRCUIT, 0, 0, 0)
    assert document.routine.blocks[0].entries[0].exercise == "pelvic-tilt"
    assert controller.remove((0, 0)) is True
    assert document.routine.blocks[CIRCUIT].entries == circuit.entries

    block = controller.add_block((CIRCUIT, None))
    assert block == CIRCUIT + 1
    added = document.routine.blocks[block]
    assert added.entries == () and added.rest_between_exercises == NEW_BLOCK_REST_SECONDS
    assert document.undo_stack.count() == 5
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert document.routine == before


def test_own_exercises_get_a_free_id_and_removing_one_removes_its_uses(controller):
    heard = Heard(controller)
    controller.duplicate()
    document = controller.document
    first = controller.create_exercise("Physio Bridge", Kind.REPS)
    second = controller.create_exercise("Physio Bridge", Kind.TIMED)
    assert (first, second) == ("physio-bridge", "physio-bridge-2")
    assert document.own_exercise(second).seconds is not None

    controller.add_entry(first, (0, 0))
    controller.add_entry(first, (CIRCUIT, 0))
    assert controller.remove_exercise(first) is True
    assert document.own_exercise(first) is None
    assert all(e.exercise != first for b in document.routine.blocks for e in b.entries)
    assert heard.notices[-1].startswith("Removed Physio Bridge and the 2 places")
