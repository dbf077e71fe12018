"""Two and three devices share one sync folder: every device ends with the same history.

Real history files, real journal files, copied between the devices' folders the way a
sync engine does (partly, in any order, as conflict copies, late).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supple.core.sync_merge import merge
from supple.storage.journal_files import read_journal
from supple.storage.records import SessionStatus
from tests.storage.history_builders import MORNING
from tests.storage.sync_devices import Device, SyncEngine, journals

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def devices(tmp_path):
    made: list[Device] = []

    def make(count: int) -> list[Device]:
        for name in ("laptop", "desktop", "tablet")[:count]:
            made.append(Device(name, tmp_path / name / "data", tmp_path / name / "sync"))
        return made

    yield make
    for device in made:
        device.close()


def everyone_agrees(devices: list[Device]) -> str:
    for device in devices:
        assert device.sync().problem is None
    exports = {device.name: device.export() for device in devices}
    first = next(iter(exports.values()))
    assert all(export == first for export in exports.values()), "the devices disagree"
    return first


def test_two_devices_end_with_the_same_history(devices):
    laptop, desktop = devices(2)
    ran_on_laptop = laptop.run_session(0)
    ran_on_desktop = desktop.run_session(1)
    laptop.add_self_test(2)
    engine = SyncEngine([laptop, desktop])
    engine.settle()
    export = everyone_agrees([laptop, desktop])
    assert ran_on_laptop in export and ran_on_desktop in export
    assert len(desktop.known()) == 2 and len(desktop.store.self_tests()) == 1


def test_edits_merge_field_by_field_and_the_newest_wins(devices):
    laptop, desktop = devices(2)
    session = laptop.run_session(0)
    engine = SyncEngine([laptop, desktop])
    engine.settle()
    desktop.sync()
    laptop.store.update_notes(session, "from the laptop")
    desktop.store.set_checkout(session, 3)  # another field, at about the same time
    desktop.store.update_notes(session, "from the desktop, later")
    engine.settle()
    everyone_agrees([laptop, desktop])
    detail = laptop.store.session_detail(session)
    assert detail is not None
    assert (detail.session.notes, detail.session.tightness_after) == ("from the desktop, later", 3)


def test_a_delete_wins_over_an_edit_made_without_knowing_of_it(devices):
    laptop, desktop = devices(2)
    session = laptop.run_session(0)
    engine = SyncEngine([laptop, desktop])
    engine.settle()
    desktop.sync()
    laptop.store.delete_session(session)
    desktop.store.update_notes(session, "typed after the delete, before hearing of it")
    engine.settle()
    everyone_agrees([laptop, desktop])
    assert laptop.known() == desktop.known() == []


def test_three_devices_partial_copies_cut_lines_conflict_copies_and_late_journals(devices):
    laptop, desktop, tablet = devices(3)
    engine = SyncEngine([laptop, desktop, tablet])
    first = laptop.run_session(0, steps=6)
    desktop.run_session(1)
    tablet.add_self_test(1)
    for path in journals(laptop.folder):
        engine.copy(laptop, desktop, path.name, fraction=0.55)  # stops inside a line
    desktop.sync()
    assert desktop.sync().problem is None  # a cut-off last line waits, it is no error
    engine.copy(desktop, laptop, desktop.own_journal().name)
    laptop.store.update_notes(first, "hips easier")
    engine.conflict_copy(laptop, tablet, laptop.own_journal().name)
    engine.settle()  # the tablet's journal reaches the others only now
    export = everyone_agrees([laptop, desktop, tablet])
    assert "hips easier" in export and export.count('"straight_leg_raise"') == 1
    assert len(tablet.known()) == 2


def test_a_damaged_line_is_skipped_and_said(devices):
    laptop, desktop = devices(2)
    laptop.run_session(0)
    own = laptop.own_journal()
    damaged = desktop.folder / own.name
    lines = own.read_bytes().split(b"\n")
    lines[1] = b'{"v": 1, "entity": "sess'  # a whole line, but not a change
    damaged.write_bytes(b"\n".join(lines))
    report = desktop.sync()
    assert report.unreadable == 1 and "could not be read" in (report.problem or "")
    assert desktop.known() == laptop.known()  # the session itself came through


def test_merging_twice_changes_nothing(devices):
    laptop, desktop = devices(2)
    laptop.run_session(0)
    SyncEngine([laptop, desktop]).settle()
    assert desktop.sync().applied > 0
    assert desktop.sync().applied == 0
    desktop.reopen()
    assert desktop.sync().applied == 0


def test_a_missing_folder_loses_nothing_and_catches_up_when_back(devices, tmp_path):
    laptop, desktop = devices(2)
    laptop.run_session(0)
    parked = tmp_path / "unplugged"
    laptop.folder.rename(parked)
    session = laptop.run_session(1)  # written to the history, its lines wait
    assert "is not there" in (laptop.store.sync_problem or "")
    report = laptop.sync()
    assert report.problem is not None and "Nothing is lost" in report.problem
    assert not laptop.folder.exists(), "an unplugged drive's folder is not made on the disk"
    parked.rename(laptop.folder)
    assert laptop.sync().problem is None
    SyncEngine([laptop, desktop]).settle()
    everyone_agrees([laptop, desktop])
    assert session in desktop.known()


def test_a_lost_history_file_is_rebuilt_from_the_journals(devices):
    laptop, desktop = devices(2)
    laptop.run_session(0)
    desktop.run_session(1)
    SyncEngine([laptop, desktop]).settle()
    before = everyone_agrees([laptop, desktop])
    laptop.store.close()
    for leftover in laptop.data.glob("history.sqlite3*"):
        leftover.unlink()
    laptop.reopen()
    assert laptop.known() == []
    laptop.sync()
    assert laptop.export() == before


def test_the_whole_history_goes_to_a_folder_chosen_later(tmp_path):
    data = tmp_path / "data"
    from supple.storage.history import open_history
    from tests.storage.history_builders import Records

    with open_history(data / "history.sqlite3") as store:
        Records().run(store, MORNING)
    late = Device("late", data, tmp_path / "sync")
    other = Device("other", tmp_path / "other", tmp_path / "other-sync")
    try:
        late.sync()
        SyncEngine([late, other]).settle()
        everyone_agrees([late, other])
        assert len(other.known()) == 1
    finally:
        late.close()
        other.close()


def test_another_devices_running_session_is_not_offered_for_resuming(devices):
    laptop, desktop = devices(2)
    session = laptop.records.run(laptop.store, MORNING, steps=2, status=None)
    SyncEngine([laptop, desktop]).settle()
    desktop.sync()
    assert session.uuid in desktop.known()
    assert desktop.store.find_interrupted() == []
    laptop.reopen()  # on its own device, after a restart, it is
    assert [d.session.uuid for d in laptop.store.find_interrupted()] == [session.uuid]


# --- a crash between the commit and the journal line ------------------------------------------

CRASH_CHILD = """
import os, sys
from pathlib import Path
from supple.storage import journal, journal_files
from supple.storage.history import open_history
from tests.storage.history_builders import Records

history, folder = Path(sys.argv[1]), Path(sys.argv[2])
journal.use_sync_folder(history, folder)
store = open_history(history)
Records().run(store, steps=2)                       # journaled as usual
journal_files.append_lines = lambda *a: os._exit(9)  # the process dies at the next append
journal.append_lines = journal_files.append_lines
Records().run(store, steps=2)
"""


def test_a_crash_before_the_journal_line_loses_only_that_line_and_the_next_start_writes_it(
    tmp_path,
):
    history, folder = tmp_path / "data" / "history.sqlite3", tmp_path / "sync"
    folder.mkdir()
    child = subprocess.run(
        [sys.executable, "-c", CRASH_CHILD, str(history), str(folder)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode == 9, child.stderr
    (own,) = journals(folder)
    lines_before = len(read_journal(own).changes)
    device = Device("after", history.parent, folder)
    try:
        uuids = device.known()
        assert len(uuids) == 2, "both sessions were committed"
        in_journal = {change.uuid for change in read_journal(own).changes}
        assert len(in_journal) == 1, "the second one's lines were lost with the process"
        device.sync()  # what the next start does
        after = read_journal(own).changes
        assert {change.uuid for change in after} == set(uuids)
        assert len(after) > lines_before
        assert not device.store.write(
            "count", lambda db: db.execute("SELECT count(*) FROM sync_outbox").fetchone()[0]
        )
    finally:
        device.close()


def test_journal_lines_are_whole_json_objects_with_stamps(devices):
    (laptop,) = devices(1)
    session = laptop.run_session(0, steps=2)
    laptop.store.update_notes(session, "ok")
    own = laptop.own_journal()
    lines = own.read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines]
    assert [(item["entity"], item["op"]) for item in items] == [
        ("session", "create"),
        ("step", "create"),
        ("step", "create"),
        ("session", "edit"),  # finished
        ("session", "edit"),  # the notes
    ]
    assert all(item["uuid"] == session for item in items)
    assert [item["seq"] for item in items] == sorted(item["seq"] for item in items)
    assert items[-1]["values"] == {"notes": "ok"}
    assert laptop.store.session_detail(session).session.status is SessionStatus.COMPLETED


# --- any interleaving ------------------------------------------------------------------------

ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "run",
                "run",
                "notes",
                "notes",
                "checkout",
                "delete",
                "test",
                "copy",
                "copy",
                "conflict",
                "sync",
                "sync",
            ]
        ),
        st.integers(0, 2),  # on which device
        st.integers(0, 2),  # to which device, or which of its sessions
        st.sampled_from([0.3, 0.5, 0.8, 1.0]),  # how much of a file a copy carries
    ),
    min_size=4,
    max_size=24,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ACTIONS)
def test_any_interleaving_of_changes_and_copies_ends_in_one_history(actions):
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        trio = [Device(name, base / name / "data", base / name / "sync") for name in "abc"]
        engine = SyncEngine(trio)
        try:
            for number, device in enumerate(trio):  # a history they all share to begin with
                device.run_session(100 + number)
            engine.settle()
            for device in trio:
                device.sync()
            for day, (action, who, other, fraction) in enumerate(actions):
                _act(trio, engine, action, trio[who], other, fraction, day)
            engine.settle()
            export = everyone_agrees(trio)
            changes = [c for p in journals(trio[0].folder) for c in read_journal(p).changes]
            expected = merge(changes)
            assert sorted(trio[0].known()) == sorted(expected.sessions)
            assert sorted(t.uuid for t in trio[0].store.self_tests()) == sorted(expected.self_tests)
            for uuid in expected.sessions:
                # The newest change to the notes, found without the merge's own code.
                setting = [c for c in changes if c.uuid == uuid and "notes" in c.values]
                newest = max(setting, key=lambda c: (c.stamp.at, c.stamp.device, c.stamp.seq))
                assert f'"notes": {json.dumps(newest.values["notes"])}' in export, uuid
        finally:
            for device in trio:
                device.close()


def _act(trio, engine, action, device, other, fraction, day) -> None:
    sessions = device.known()
    target = sessions[other % len(sessions)] if sessions else None
    if action == "run":
        device.run_session(day, steps=1 + other)
    elif action == "notes" and target:
        device.store.update_notes(target, f"{device.name} on day {day}")
    elif action == "checkout" and target:
        device.store.set_checkout(target, day % 11, f"checked out on {device.name}")
    elif action == "delete" and target:
        device.store.delete_session(target)
    elif action == "test":
        device.add_self_test(day)
    elif action in ("copy", "conflict") and trio[other] is not device:
        for path in journals(device.folder):
            if action == "copy":
                engine.copy(device, trio[other], path.name, fraction)
            elif "sync-conflict" not in path.name:
                engine.conflict_copy(device, trio[other], path.name)
    elif action == "sync":
        device.sync()
