"""The editor's item models, checked without any widget: what they show, how they change,
and what a drop asks for."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from supple.core import routine_file
from supple.core.catalog import builtin_exercises, builtin_routines
from supple.core.library import load_library
from supple.core.plan import compile_plan
from supple.core.problems import RoutineFileError
from supple.qt.routine_models import (
    BUILTIN_ROLE,
    ENTRY_MIME,
    EXERCISE_COUNT_ROLE,
    ID_ROLE,
    KIND_ROLE,
    META_ROLE,
    PATH_ROLE,
    PROBLEMS_ROLE,
    ROUTINE_ROLE,
    TOTAL_SECONDS_ROLE,
    RoutineListModel,
    RoutineTreeModel,
)
from supple.storage import routine_store

DISPLAY = Qt.ItemDataRole.DisplayRole


def hamstring_reset():
    return next(r for r in builtin_routines() if r.id == "hamstring-reset")


def checked(model):
    """Qt's own consistency checks for the model's whole life; a failure is a Qt warning,
    which fails the test."""
    return QAbstractItemModelTester(
        model, QAbstractItemModelTester.FailureReportingMode.Warning, model
    )


@pytest.fixture
def user_routine():
    copy = routine_store.duplicate_routine(hamstring_reset())
    routine_store.save_routine(replace(copy, name="My reset"))
    return copy.id


def test_the_routine_list_shows_each_routine_with_its_length_and_exercises(qtbot, user_routine):
    library = load_library(routine_store.pictures_dir().parent)
    model = RoutineListModel(library)
    checked(model)

    assert model.rowCount() == len(library.routines)
    for row, routine in enumerate(library.routines):
        index = model.index(row)
        total = compile_plan(routine).total_seconds
        assert index.data(DISPLAY) == routine.name
        assert index.data(ID_ROLE) == routine.id
        assert index.data(ROUTINE_ROLE) == routine
        assert index.data(TOTAL_SECONDS_ROLE) == pytest.approx(total)
        assert index.data(BUILTIN_ROLE) == library.is_builtin(routine)
    mine = model.index(model.row_of(user_routine))
    assert mine.data(DISPLAY) == "My reset"
    assert mine.data(EXERCISE_COUNT_ROLE) == 9
    assert mine.data(META_ROLE) == "17 min  \N{MIDDLE DOT}  9 exercises"
    assert not mine.data(BUILTIN_ROLE)
    assert model.row_of("no-such-routine") == -1


def test_the_routine_list_follows_a_changed_library(qtbot, user_routine):
    folder = routine_store.pictures_dir().parent
    model = RoutineListModel(load_library(folder))
    checked(model)
    before = model.rowCount()

    with qtbot.waitSignal(model.dataChanged):
        routine_store.save_routine(
            replace(load_library(folder).find(user_routine), name="My reset, renamed")
        )
        model.set_library(load_library(folder))
    assert model.index(model.row_of(user_routine)).data(DISPLAY) == "My reset, renamed"

    with qtbot.waitSignal(model.modelReset):
        routine_store.delete_routine(user_routine)
        model.set_library(load_library(folder))
    assert model.rowCount() == before - 1


def test_the_tree_has_blocks_with_their_entries(qtbot):
    model = RoutineTreeModel()
    checked(model)
    model.set_routine(hamstring_reset())

    assert model.rowCount() == 2
    warm_up, circuit = model.block_index(0), model.block_index(1)
    assert warm_up.data(DISPLAY) == "Warm-up"
    assert model.index(0, 1).data(DISPLAY) == "1 round  \N{MIDDLE DOT}  10 s rests"
    assert model.index(1, 1).data(DISPLAY) == (
        "2 rounds  \N{MIDDLE DOT}  15 s rests  \N{MIDDLE DOT}  60 s between rounds"
    )
    assert model.rowCount(circuit) == 5
    tilt = model.entry_index(1, 0)
    assert tilt.data(DISPLAY) == "Pelvic tilts"
    assert model.entry_index(1, 0, 1).data(DISPLAY) == "20 reps"
    assert model.entry_index(0, 3, 1).data(DISPLAY) == "45 s  \N{MIDDLE DOT}  rest 15 s"
    assert model.entry_index(0, 0, 1).data(DISPLAY) == "15 reps  \N{MIDDLE DOT}  each side"
    assert tilt.data(KIND_ROLE) == "entry" and circuit.data(KIND_ROLE) == "block"
    assert tilt.data(PATH_ROLE) == (1, 0)
    assert model.path(tilt.parent()) == (1, None)
    assert model.parent(warm_up) == QModelIndex()


def test_a_value_change_keeps_the_rows_and_a_new_entry_rebuilds_them(qtbot):
    model = RoutineTreeModel()
    checked(model)
    routine = hamstring_reset()
    model.set_routine(routine)
    circuit = routine.blocks[1]
    more = replace(circuit, rounds=3)
    resets = []
    model.modelReset.connect(lambda: resets.append(True))

    with qtbot.waitSignal(model.dataChanged):
        model.set_routine(replace(routine, blocks=(routine.blocks[0], more)))
    assert resets == []
    assert model.index(1, 1).data(DISPLAY).startswith("3 rounds")

    longer = replace(more, entries=(*more.entries, more.entries[0]))
    model.set_routine(replace(routine, blocks=(routine.blocks[0], longer)))
    assert resets == [True]
    assert model.rowCount(model.block_index(1)) == 6


def test_problems_are_attached_to_their_rows(qtbot):
    routine = hamstring_reset()
    circuit = routine.blocks[1]
    bad_entry = replace(circuit.entries[1], reps=0)
    bad = replace(
        routine,
        blocks=(
            routine.blocks[0],
            replace(
                circuit, rounds=0, entries=(circuit.entries[0], bad_entry, *circuit.entries[2:])
            ),
        ),
    )
    with pytest.raises(RoutineFileError) as caught:
        routine_file.parse_routine(routine_file.routine_to_data(bad), "x.toml", builtin_exercises())
    model = RoutineTreeModel()
    checked(model)
    model.set_routine(bad, caught.value.problems)

    assert model.block_index(1).data(PROBLEMS_ROLE) == [
        "rounds must be a whole number from 1 to 20, got 0"
    ]
    assert model.entry_index(1, 1).data(PROBLEMS_ROLE) == [
        "reps must be a whole number from 1 to 500, got 0"
    ]
    assert model.entry_index(1, 1).data(Qt.ItemDataRole.ToolTipRole) == (
        "reps must be a whole number from 1 to 500, got 0"
    )
    assert model.entry_index(1, 0).data(PROBLEMS_ROLE) == []


def test_a_drop_asks_for_the_move_and_leaves_the_rows_to_the_editor(qtbot):
    model = RoutineTreeModel()
    checked(model)
    model.set_routine(hamstring_reset())
    dragged = model.mimeData([model.entry_index(1, 3)])
    assert dragged.hasFormat(ENTRY_MIME)

    circuit = model.block_index(1)
    with qtbot.waitSignal(model.move_requested) as moved:
        accepted = model.dropMimeData(dragged, Qt.DropAction.MoveAction, 1, 0, circuit)
    assert moved.args == [1, 3, 1, 1]
    assert accepted is False, "the view must not remove the source row itself"
    assert model.rowCount(circuit) == 5

    with qtbot.waitSignal(model.move_requested) as moved:
        model.dropMimeData(dragged, Qt.DropAction.MoveAction, -1, 0, model.block_index(0))
    assert moved.args == [1, 3, 0, 4], "dropped on a block: to its end"

    assert not model.canDropMimeData(dragged, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert not model.canDropMimeData(
        dragged, Qt.DropAction.MoveAction, -1, 0, model.entry_index(0, 0)
    )
    assert model.flags(model.entry_index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(model.block_index(0)) & Qt.ItemFlag.ItemIsDragEnabled
