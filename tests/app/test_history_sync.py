"""The app merges the sync folder: at start, when the folder changes, when another is chosen."""

from __future__ import annotations

from supple.app.history_sync import HistorySync
from supple.qt.settings_store import SettingsStore
from supple.storage.recorder import open_recorder
from supple.storage.settings import Settings
from tests.storage.history_builders import MORNING, Records
from tests.storage.sync_devices import Device


def test_changes_from_another_device_arrive_while_the_app_runs(qtbot, tmp_path):
    folder = tmp_path / "Sync"
    other = Device("desktop", tmp_path / "desktop", tmp_path / "desktop-sync")
    recorder, _ = open_recorder(tmp_path / "laptop" / "history.sqlite3")
    settings = SettingsStore(Settings())
    sync = HistorySync(recorder, settings)
    sync.start()
    try:
        assert sync.folder is None
        folder.mkdir()
        settings.update(sync_folder=str(folder))  # chosen while the app runs
        assert sync.folder == folder
        other.run_session(0)
        with qtbot.waitSignal(sync.merged, timeout=5000):
            for path in other.folder.glob("*.jsonl"):
                (folder / path.name).write_bytes(path.read_bytes())
        assert recorder.store is not None and recorder.store.session_count() == 1
        Records().run(recorder.store, MORNING)  # written here: it goes to the folder too
        assert len(list(folder.glob("*.jsonl"))) == 2
    finally:
        other.close()
        settings.update(sync_folder="")
        recorder.close()


def test_a_missing_folder_is_one_notice(qtbot, tmp_path):
    recorder, _ = open_recorder(tmp_path / "data" / "history.sqlite3")
    settings = SettingsStore(Settings())
    sync = HistorySync(recorder, settings)
    sync.start()
    said: list[str] = []
    sync.problem.connect(said.append)
    try:
        settings.update(sync_folder=str(tmp_path / "unplugged"))
        sync.on_folder_changed()
        assert len(said) == 1 and "is not there" in said[0]
    finally:
        settings.update(sync_folder="")
        recorder.close()
