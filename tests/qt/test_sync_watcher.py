"""The sync folder's watcher, in a real event loop on a real folder."""

from __future__ import annotations

from supple.qt.sync_watcher import SyncFolderWatcher


def test_a_journal_added_or_grown_is_reported_once_after_the_burst(qtbot, tmp_path):
    watcher = SyncFolderWatcher(tmp_path, delay_ms=50)
    seen: list[bool] = []
    watcher.changed.connect(lambda: seen.append(True))
    journal = tmp_path / "device-2026-11.jsonl"
    with qtbot.waitSignal(watcher.changed, timeout=3000):
        journal.write_text("{}\n", encoding="utf-8")
        (tmp_path / ".syncthing.other.tmp").write_text("x", encoding="utf-8")
    qtbot.wait(200)
    assert len(seen) == 1
    with qtbot.waitSignal(watcher.changed, timeout=3000), journal.open("a") as handle:
        handle.write("{}\n")  # the journal itself is watched now


def test_a_folder_that_comes_back_is_reported(qtbot, tmp_path):
    folder = tmp_path / "usb" / "Sync"
    watcher = SyncFolderWatcher(folder, delay_ms=10, missing_retry_ms=50)
    assert not watcher.watching
    with qtbot.waitSignal(watcher.changed, timeout=3000):
        folder.mkdir(parents=True)
    assert watcher.watching
