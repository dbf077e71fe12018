"""History files that say one thing and hold another, and a disk with no room left."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path

import pytest

from supple.storage.database import NoticeKind
from supple.storage.errors import HistoryUnavailableError
from supple.storage.history import open_history
from supple.storage.schema import LATEST_VERSION
from tests.storage.history_builders import Records, look
from tests.storage.test_history_open import STAMP, build_at_version, fixed_clock


def backups(history_path: Path) -> list[str]:
    return sorted(p.name for p in history_path.parent.glob("history-v*-backup-*"))


def set_user_version(history_path: Path, version: int) -> None:
    with look(history_path) as db:
        db.execute(f"PRAGMA user_version = {version}")


@pytest.mark.parametrize("claimed", [LATEST_VERSION - 1, 0, -1])
def test_a_version_that_disagrees_with_the_tables_is_corrected_once(history_path, claimed):
    build_at_version(history_path, LATEST_VERSION)
    set_user_version(history_path, claimed)
    with open_history(now=fixed_clock) as store:
        [notice] = store.notices
        Records().run(store)  # writing works
        assert store.session_count() == 2
    backup = history_path.with_name(f"history-v{LATEST_VERSION}-backup-{STAMP}.sqlite3")
    assert notice.kind is NoticeKind.MIGRATED
    assert notice.path == backup
    assert notice.message == (
        f"The history at {history_path} said it was at schema {claimed} but holds the tables "
        f"of schema {LATEST_VERSION}; Supple corrected that. The file as it was is kept at "
        f"{backup}."
    )
    with look(backup) as kept:
        assert kept.execute("PRAGMA user_version").fetchone() == (claimed,)
        assert kept.execute("SELECT notes FROM sessions").fetchall() == [("before the upgrade",)]
    with look(history_path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (LATEST_VERSION,)
    for _ in range(3):  # and every later open, by the app or a command, is a plain one
        with open_history(now=fixed_clock) as store:
            assert store.notices == ()
    assert backups(history_path) == [backup.name]


def test_a_lying_version_below_the_tables_of_an_older_schema_is_corrected_and_upgraded(
    history_path,
):
    build_at_version(history_path, 1)
    set_user_version(history_path, -1)
    with open_history(now=fixed_clock) as store:
        [notice] = store.notices
        assert store.self_tests() == []
    assert "said it was at schema -1 but holds the tables of schema 1" in notice.message
    assert f"upgraded it to schema {LATEST_VERSION}" in notice.message
    assert backups(history_path) == [f"history-v1-backup-{STAMP}.sqlite3"]


def test_tables_of_no_supple_schema_under_a_supple_version_are_moved_aside(history_path):
    history_path.parent.mkdir(parents=True)
    with look(history_path) as other:
        other.execute("CREATE TABLE recipes (name TEXT)")
        other.execute("PRAGMA user_version = 2")
    with open_history(now=fixed_clock) as store:
        [notice] = store.notices
        assert store.session_count() == 0
    assert notice.kind is NoticeKind.RECOVERED
    assert "not a Supple history" in notice.message
    assert notice.path == history_path.with_name(f"history.sqlite3.corrupt-{STAMP}")


def test_a_failing_upgrade_keeps_one_backup_however_often_it_is_tried(history_path):
    build_at_version(history_path, 1)
    with look(history_path) as db:  # something in the way of migration 2
        db.execute("CREATE VIEW self_tests AS SELECT 1")
    messages = []
    for _ in range(4):
        with pytest.raises(HistoryUnavailableError) as caught:
            open_history(now=fixed_clock)
        messages.append(str(caught.value))
    backup = f"history-v1-backup-{STAMP}.sqlite3"
    assert backups(history_path) == [backup]
    assert all(backup in message for message in messages)


# --- a full disk ---------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MiB file system of its own (a tmpfs), so filling it fills nothing else."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(
            f"a full disk is made with a small tmpfs, which needs mount rights: {done.stderr}"
        )
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill_up(folder: Path) -> None:
    """Write to ``folder``'s disk until it refuses: no space left."""
    with contextlib.suppress(OSError), (folder / "filler").open("wb") as filler:
        while True:
            filler.write(b"\0" * 4096)
            filler.flush()


def test_a_full_disk_at_open_is_named_with_what_to_do(small_disk):
    path = small_disk / "data" / "history.sqlite3"
    with open_history(path) as store:
        Records().run(store)
    fill_up(small_disk)
    with open_history(path) as store:
        assert store.read_only
        assert store.session_count() == 1
        [notice] = store.notices
    assert notice.kind is NoticeKind.READ_ONLY
    assert notice.message == (
        f"The history at {path} can be read but not written (the disk is full). Free some "
        f"space on the disk that holds {path.parent}, then start Supple again."
    )


def test_importing_onto_a_full_disk_says_the_disk_is_full(small_disk, tmp_path):
    data = small_disk / "data"
    with open_history(data / "history.sqlite3") as store:
        Records().run(store)
    export = tmp_path / "export.json"
    export.write_text('{"format": "supple-history", "format_version": 1}', encoding="utf-8")
    fill_up(small_disk)
    done = subprocess.run(
        [sys.executable, "-m", "supple", "--data-dir", str(data), "history", "import", str(export)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "the disk is full" in done.stderr
    assert "read-only" not in done.stderr and "writable" not in done.stderr
    assert done.stderr.splitlines()[-1] == "supple: nothing was imported."
