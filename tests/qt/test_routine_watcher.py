"""The routines folder watched in a real event loop: edits made outside Supple arrive,
once, and a broken file is reported once."""

from __future__ import annotations

from dataclasses import replace

from supple.core import routine_file
from supple.core.catalog import builtin_routines
from supple.qt.routine_watcher import RoutineWatcher
from supple.storage import routine_store

DELAY_MS = 150


def hamstring_reset():
    return next(r for r in builtin_routines() if r.id == "hamstring-reset")


def write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_edited_outside_supple_is_picked_up(qtbot, tmp_path):
    folder = tmp_path / "routines"
    mine = replace(hamstring_reset(), id="mine", name="Mine")
    write_path = folder / "mine.toml"
    folder.mkdir()
    write_path.write_text(routine_file.dumps(mine), encoding="utf-8")
    watcher = RoutineWatcher(folder, delay_ms=DELAY_MS)
    assert watcher.library.find("mine") == mine

    edited = replace(mine, blocks=(mine.blocks[0], replace(mine.blocks[1], rounds=3)))
    with qtbot.waitSignal(watcher.library_changed, timeout=5000) as changed:
        write_path.write_text(routine_file.dumps(edited), encoding="utf-8")
    assert changed.args[0].find("mine").blocks[1].rounds == 3

    # A routine saved by the editor (temporary file + rename) is seen as well.
    renamed = replace(edited, name="Mine, renamed")
    with qtbot.waitSignal(watcher.library_changed, timeout=5000):
        routine_store.save_routine(renamed, folder)
    assert watcher.library.find("mine").name == "Mine, renamed"


def test_a_burst_of_writes_is_read_once(qtbot, tmp_path):
    folder = tmp_path / "routines"
    watcher = RoutineWatcher(folder, delay_ms=DELAY_MS)
    reloads = []
    watcher.library_changed.connect(reloads.append)

    for number in range(1, 6):
        routine = replace(hamstring_reset(), id=f"burst-{number}", name=f"Burst {number}")
        write(folder, f"burst-{number}.toml", routine_file.dumps(routine))
    qtbot.waitUntil(lambda: len(reloads) >= 1, timeout=5000)
    qtbot.wait(DELAY_MS * 3)

    assert len(reloads) == 1
    assert {f"burst-{n}" for n in range(1, 6)} <= {r.id for r in reloads[0].routines}


def test_a_broken_file_is_reported_once_and_its_recovery_too(qtbot, tmp_path):
    folder = tmp_path / "routines"
    watcher = RoutineWatcher(folder, delay_ms=DELAY_MS)
    reports = []
    watcher.problems_changed.connect(reports.append)

    broken = routine_file.dumps(replace(hamstring_reset(), id="broken", name="Broken")).replace(
        "rounds = 2", "rounds = 0"
    )
    with qtbot.waitSignal(watcher.problems_changed, timeout=5000):
        write(folder, "broken.toml", broken)
    [problem] = reports[0]
    assert problem.file.endswith("broken.toml")
    assert str(problem).endswith(
        'block "Pelvic circuit": rounds must be a whole number from 1 to 20, got 0'
    )

    # Other files keep changing; the same broken file is not reported again.
    good = replace(hamstring_reset(), id="good", name="Good")
    with qtbot.waitSignal(watcher.library_changed, timeout=5000):
        write(folder, "good.toml", routine_file.dumps(good))
    with qtbot.waitSignal(watcher.library_changed, timeout=5000):
        write(folder, "good.toml", routine_file.dumps(replace(good, name="Good again")))
    qtbot.wait(DELAY_MS * 2)
    assert len(reports) == 1
    assert watcher.library.find("good").name == "Good again"

    with qtbot.waitSignal(watcher.problems_changed, timeout=5000):
        write(folder, "broken.toml", broken.replace("rounds = 0", "rounds = 2"))
    assert reports[-1] == []
    assert watcher.library.find("broken") is not None


def test_a_routines_folder_that_cannot_be_created_leaves_the_built_in_routines(qtbot, tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    folder = blocker / "routines"

    watcher = RoutineWatcher(folder, delay_ms=DELAY_MS)  # does not raise

    assert {r.id for r in builtin_routines()} <= {r.id for r in watcher.library.routines}
    problem = watcher.folder_problem
    assert problem is not None
    assert f"cannot create its routines folder {folder}" in problem
    assert f"move the file {blocker} out of the way" in problem
    assert "--data-dir" in problem
    assert watcher.reload().routines == watcher.library.routines  # reading again is safe too

    blocker.unlink()  # the user clears the way
    watcher.reload()
    assert folder.is_dir()
    assert watcher.folder_problem is None
