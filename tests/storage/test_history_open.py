"""Opening the history file: new, old, newer, damaged, or impossible to create."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from supple import paths
from supple.storage.database import NoticeKind
from supple.storage.errors import HistoryUnavailableError, ReadOnlyHistoryError
from supple.storage.history import open_history
from supple.storage.schema import LATEST_VERSION, migrate
from tests.storage.history_builders import MORNING, SNAPSHOT, Records, look

CLOCK = datetime(2026, 11, 26, 23, 15, 0)
STAMP = "20261126-231500"


def fixed_clock() -> datetime:
    return CLOCK


def fill(path, sessions=60, steps=20):
    """A real history with enough pages that damage lands on data, not just the header."""
    records = Records()
    with open_history(path) as store:
        for day in range(sessions):
            records.run(store, MORNING + timedelta(days=day), steps=steps, notes="felt good " * 20)
    return path.read_bytes()


def test_a_new_history_uses_wal_and_the_latest_schema(history_path):
    with open_history() as store:
        assert [n.kind for n in store.notices] == [NoticeKind.CREATED]
        assert not store.read_only
    with look(history_path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert db.execute("PRAGMA user_version").fetchone() == (LATEST_VERSION,)
    assert sorted(p.name for p in history_path.parent.iterdir()) == [
        history_path.name,
        f"{history_path.name}.checked",  # when it passed its full check (see check_stamp)
    ]


def test_reopening_a_current_history_reports_nothing(records):
    with open_history() as store:
        records.run(store)
    with open_history() as store:
        assert store.notices == ()
        assert store.session_count() == 1


def test_foreign_keys_are_enforced(store, history_path, records):
    """Deleting a session takes its steps with it only when foreign keys are on."""
    session = records.run(store)
    store.delete_session(session.uuid)
    with look(history_path) as db:
        assert db.execute("SELECT count(*) FROM steps").fetchone() == (0,)


# --- upgrades ------------------------------------------------------------------------------


def build_at_version(path, version):
    """A history as an older Supple left it, written with plain SQL."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, target=version)
    db.execute("INSERT INTO routine_snapshots (id, sha256, body) VALUES (1, 'abc', ?)", (SNAPSHOT,))
    db.execute(
        "INSERT INTO sessions (id, uuid, routine_id, routine_name, snapshot_id, started_at,"
        " utc_offset_minutes, local_date, ended_at, status, tightness_before, notes,"
        " planned_seconds) VALUES (1, '0b9f3c38-4ab4-4c5e-9a34-8a0b7c1f2d11', 'pelvic-basics',"
        " 'Pelvic basics', 1, '2026-10-01T06:00:00.000000Z', 120, '2026-10-01',"
        " '2026-10-01T06:20:00.000000Z', 'completed', 6, 'before the upgrade', 900.0)"
    )
    db.execute(
        "INSERT INTO steps VALUES (1, 0, 'work',"
        " 'pelvic_tilt', 'Pelvic tilt', 'none', 1, 12, NULL, 12, 45.0, 0,"
        " '2026-10-01T06:01:00.000000Z')"
    )
    db.close()


@pytest.mark.parametrize("old_version", range(1, LATEST_VERSION))
def test_an_older_history_is_backed_up_then_upgraded(history_path, old_version):
    build_at_version(history_path, old_version)
    with open_history(now=fixed_clock) as store:
        [notice] = store.notices
        detail = store.session_detail("0b9f3c38-4ab4-4c5e-9a34-8a0b7c1f2d11")
        assert store.self_tests() == []  # the tables added since exist
    assert notice.kind is NoticeKind.MIGRATED
    backup = history_path.with_name(f"history-v{old_version}-backup-{STAMP}.sqlite3")
    assert notice.path == backup
    assert str(backup) in notice.message
    assert detail.session.notes == "before the upgrade"
    assert [s.done_reps for s in detail.steps] == [12]
    with look(history_path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (LATEST_VERSION,)
    with look(backup) as kept:
        assert kept.execute("PRAGMA user_version").fetchone() == (old_version,)
        assert kept.execute("SELECT notes FROM sessions").fetchall() == [("before the upgrade",)]
        assert kept.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_migrations_run_in_order_one_version_at_a_time(tmp_path):
    db = sqlite3.connect(tmp_path / "steps.sqlite3", isolation_level=None)
    seen = []
    for target in range(1, LATEST_VERSION + 1):
        assert migrate(db, target=target) == [target]
        seen.append(db.execute("PRAGMA user_version").fetchone()[0])
    assert seen == list(range(1, LATEST_VERSION + 1))
    assert migrate(db) == []
    with pytest.raises(ValueError, match="going back"):
        migrate(db, target=1)
    db.close()


def test_a_history_from_a_newer_supple_is_read_only(history_path, records):
    with open_history() as store:
        kept = records.run(store)
    newer = LATEST_VERSION + 4
    with look(history_path) as db:
        db.execute(f"PRAGMA user_version = {newer}")
    with open_history(now=fixed_clock) as store:
        assert store.read_only
        [notice] = store.notices
        assert notice.kind is NoticeKind.NEWER_READ_ONLY
        assert notice.message == (
            f"This history was written by a newer Supple (schema {newer}, this one knows "
            f"{LATEST_VERSION}). It is opened read-only; update Supple to add to it."
        )
        assert [s.uuid for s in store.list_sessions().items] == [kept.uuid]
        with pytest.raises(ReadOnlyHistoryError, match="read-only"):
            store.begin_session(records.session())
        with pytest.raises(ReadOnlyHistoryError):
            store.update_notes(kept.uuid, "changed")
    with look(history_path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (newer,)
        assert db.execute("SELECT count(*) FROM sessions").fetchone() == (1,)
    assert not list(history_path.parent.glob("*backup*"))


# --- damaged files -------------------------------------------------------------------------


def assert_moved_aside_and_fresh(history_path, original_bytes):
    with open_history(now=fixed_clock) as store:
        [notice] = store.notices
        assert store.session_count() == 0
        assert not store.read_only
        Records().run(store)  # the fresh history works
    moved = history_path.with_name(f"history.sqlite3.corrupt-{STAMP}")
    assert notice.kind is NoticeKind.RECOVERED
    assert notice.path == moved
    assert str(moved) in notice.message
    assert moved.read_bytes() == original_bytes
    return notice


def test_a_file_of_random_bytes_is_moved_aside(history_path):
    history_path.parent.mkdir(parents=True)
    junk = random.Random(7).randbytes(50_000)
    history_path.write_bytes(junk)
    notice = assert_moved_aside_and_fresh(history_path, junk)
    assert "not a database" in notice.message


def test_a_truncated_history_is_moved_aside(history_path):
    whole = fill(history_path)
    half = whole[: len(whole) // 2]
    history_path.write_bytes(half)
    assert_moved_aside_and_fresh(history_path, half)


def test_a_history_with_damaged_pages_is_moved_aside(history_path):
    data = bytearray(fill(history_path))
    page_size = 4096
    rng = random.Random(3)
    for page in rng.sample(range(2, len(data) // page_size), 3):
        data[page * page_size : (page + 1) * page_size] = rng.randbytes(page_size)
    history_path.write_bytes(bytes(data))
    notice = assert_moved_aside_and_fresh(history_path, bytes(data))
    assert "damaged" in notice.message


def test_someone_elses_database_is_moved_aside_not_changed(history_path):
    history_path.parent.mkdir(parents=True)
    with look(history_path) as other:
        other.execute("CREATE TABLE recipes (name TEXT)")
        other.execute("INSERT INTO recipes VALUES ('flapjacks')")
    original = history_path.read_bytes()
    notice = assert_moved_aside_and_fresh(history_path, original)
    assert "not a Supple history" in notice.message


def test_the_wal_and_shm_files_move_with_a_damaged_file(history_path):
    history_path.parent.mkdir(parents=True)
    history_path.write_bytes(b"definitely not SQLite" * 100)
    for suffix in ("-wal", "-shm"):
        history_path.with_name(history_path.name + suffix).write_bytes(
            b"left over " + suffix.encode()
        )
    assert_moved_aside_and_fresh(history_path, b"definitely not SQLite" * 100)
    moved = history_path.with_name(f"history.sqlite3.corrupt-{STAMP}")
    assert moved.with_name(moved.name + "-wal").read_bytes() == b"left over -wal"
    assert moved.with_name(moved.name + "-shm").read_bytes() == b"left over -shm"


def test_a_second_damaged_file_in_the_same_second_gets_its_own_name(history_path):
    history_path.parent.mkdir(parents=True)
    history_path.write_bytes(b"first" * 100)
    assert_moved_aside_and_fresh(history_path, b"first" * 100)
    history_path.unlink()
    for companion in history_path.parent.glob("history.sqlite3-*"):
        companion.unlink()
    history_path.write_bytes(b"second" * 100)
    with open_history(now=fixed_clock) as store:
        [notice] = store.notices
    assert notice.path.name == f"history.sqlite3.corrupt-{STAMP}-2"
    assert notice.path.read_bytes() == b"second" * 100


# --- nowhere to write ----------------------------------------------------------------------


def test_no_history_can_be_created_where_a_file_blocks_the_folder(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    paths.set_data_dir(blocker)
    with pytest.raises(HistoryUnavailableError) as caught:
        open_history()
    message = str(caught.value)
    assert str(blocker) in message
    assert "writable" in message
    assert blocker.read_text() == "a file where the data folder should be"


def test_a_failed_upgrade_leaves_the_file_at_its_last_whole_version(history_path):
    build_at_version(history_path, 1)
    with look(history_path) as db:  # something in the way of migration 2
        db.execute("CREATE VIEW self_tests AS SELECT 1")
    with pytest.raises(HistoryUnavailableError) as caught:
        open_history(now=fixed_clock)
    backup = history_path.with_name(f"history-v1-backup-{STAMP}.sqlite3")
    message = str(caught.value)
    assert "past schema 1" in message
    assert str(backup) in message
    assert backup.exists()
    with look(history_path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (1,)
        assert db.execute("SELECT notes FROM sessions").fetchall() == [("before the upgrade",)]


# --- a folder that cannot be written -------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]
SETPRIV = shutil.which("setpriv")


def run_unprivileged(*command: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``command`` so that file permissions bind, as they do for any user.

    The tests run as root, who writes through read-only permissions. ``setpriv``
    starts the command with no capabilities (no CAP_DAC_OVERRIDE in particular),
    still as root, so a folder with mode 555 is as read-only to it as to anyone.
    Run as another user, the command needs no help.
    """
    prefix: list[str] = []
    if os.geteuid() == 0:
        if SETPRIV is None:
            pytest.skip("setpriv (util-linux) is needed to make root respect read-only folders")
        prefix = [SETPRIV, "--inh-caps=-all", "--bounding-set=-all"]
        probe = subprocess.run([*prefix, "true"], capture_output=True, text=True)
        if probe.returncode != 0:
            pytest.skip(f"setpriv cannot drop capabilities here: {probe.stderr.strip()}")
    search = os.pathsep.join(filter(None, [os.environ.get("PYTHONPATH"), str(REPO)]))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": search}
    env.pop(paths.DATA_DIR_ENV, None)
    return subprocess.run(
        [*prefix, *command], capture_output=True, text=True, timeout=timeout, env=env, cwd=REPO
    )


@contextlib.contextmanager
def read_only(folder: Path):
    """``folder`` and everything in it read-only (for anyone without root's powers)."""
    items = sorted(folder.rglob("*"), reverse=True)
    for item in items:
        item.chmod(0o555 if item.is_dir() else 0o444)
    folder.chmod(0o555)
    try:
        yield folder
    finally:
        folder.chmod(0o755)
        for item in items:
            item.chmod(0o755 if item.is_dir() else 0o644)


def supple_command(data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "supple", "--data-dir", str(data), *args]


def test_a_history_in_a_read_only_folder_can_still_be_listed(history_path, records):
    with open_history() as store:
        records.run(store, routine_name="Morning hips")
        records.run(store, MORNING + timedelta(days=1), routine_name="Evening hips")
    assert not history_path.with_name(history_path.name + "-shm").exists()  # closed cleanly
    data = history_path.parent
    before = sorted(p.name for p in data.iterdir())
    with read_only(data):
        listed = run_unprivileged(*supple_command(data, "history", "list"))
        assert sorted(p.name for p in data.iterdir()) == before  # nothing added
    assert listed.returncode == 0, listed.stderr
    assert "Morning hips" in listed.stdout and "Evening hips" in listed.stdout
    assert "2 sessions." in listed.stdout
    assert f"The history at {history_path} can be read but not written" in listed.stderr
    assert f"make {data} writable" in listed.stderr


SHOW_HISTORY = """
import sys
from pathlib import Path
from supple.storage.history import open_history

with open_history(Path(sys.argv[1])) as store:
    print(store.read_only, store.session_count())
    for notice in store.notices:
        print(notice.kind.value, notice.message)
"""


def test_a_read_only_snapshot_says_where_the_newest_changes_are(tmp_path, history_path, records):
    """A WAL file left without its shared memory file (copied from a computer that was
    switched off mid-write, say): the main file is shown, and the notice says what is not."""
    with open_history() as store:
        records.run(store, routine_name="Checkpointed")
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store._db.execute("PRAGMA wal_autocheckpoint = 0")
        records.run(store, MORNING + timedelta(days=1), routine_name="Only in the WAL")
        copy = tmp_path / "copied"
        copy.mkdir()
        for suffix in ("", "-wal"):  # the -shm file is not copied
            source = history_path.with_name(history_path.name + suffix)
            shutil.copy(source, copy / source.name)
    copied = copy / history_path.name
    with read_only(copy):
        shown = run_unprivileged(sys.executable, "-c", SHOW_HISTORY, str(copied))
    assert shown.returncode == 0, shown.stderr
    first, notice = shown.stdout.splitlines()
    assert first == "True 1"
    assert notice.startswith(f"read_only The history at {copied} can be read but not written")
    assert f"The latest changes, kept in {copied}-wal, are not shown" in notice


def test_an_empty_read_only_folder_is_explained_in_one_sentence(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    with read_only(data):
        listed = run_unprivileged(*supple_command(data, "history", "list"))
    assert listed.returncode == 1
    message = listed.stderr.strip()
    assert message.count("Supple could") + message.count("Supple cannot") == 1, message
    assert str(data / "history.sqlite3") in message
    assert "writable" in message


def test_a_history_that_cannot_be_set_up_is_explained_once(history_path):
    """SQLite's own refusal is already a sentence; it is not wrapped in a second one."""
    history_path.parent.mkdir(parents=True)
    history_path.with_name(history_path.name + "-wal").mkdir()  # the WAL cannot be made
    with pytest.raises(HistoryUnavailableError) as caught:
        open_history()
    message = str(caught.value)
    assert message.startswith(f"Supple could not open the history in {history_path}: ")
    assert message.count("Supple c") == 1
    assert message.count(str(history_path)) == 1
