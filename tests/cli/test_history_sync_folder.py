"""``supple history sync-folder``: two data folders sharing one folder, as two devices would."""

from __future__ import annotations

import tomllib

from supple.storage.history import open_history
from tests.cli.test_history_commands import supple
from tests.storage.history_builders import MORNING, Records


def test_two_devices_see_each_others_sessions_through_the_folder(tmp_path):
    laptop, desktop, shared = tmp_path / "laptop", tmp_path / "desktop", tmp_path / "Sync"
    with open_history(laptop / "history.sqlite3") as store:
        Records().run(store, MORNING, notes="on the laptop")  # before any sync folder
    for device in (laptop, desktop):
        done = supple("sync-folder", str(shared), data_dir=device)
        assert done.returncode == 0, done.stderr
        assert str(shared) in done.stdout
    settings = tomllib.loads((desktop / "settings.toml").read_text(encoding="utf-8"))
    assert settings["sync_folder"] == str(shared)

    listed = supple("list", data_dir=desktop)  # merges before it reads
    assert listed.returncode == 0, listed.stderr
    assert "1 session." in listed.stdout
    exported = supple("export", "-o", str(tmp_path / "d.json"), data_dir=desktop)
    assert exported.returncode == 0 and "on the laptop" in (tmp_path / "d.json").read_text()


def test_an_unplugged_folder_is_said_and_nothing_is_lost(tmp_path):
    device, shared = tmp_path / "device", tmp_path / "usb" / "Sync"
    assert supple("sync-folder", str(shared), data_dir=device).returncode == 0
    (tmp_path / "usb").rename(tmp_path / "unplugged")
    listed = supple("list", data_dir=device)
    assert listed.returncode == 0
    assert "is not there" in listed.stderr and "Nothing is lost" in listed.stderr
    assert not shared.exists()


def test_off_keeps_the_history_here_only(tmp_path):
    device, shared = tmp_path / "device", tmp_path / "Sync"
    assert supple("sync-folder", str(shared), data_dir=device).returncode == 0
    done = supple("sync-folder", "--off", data_dir=device)
    assert done.returncode == 0, done.stderr
    settings = tomllib.loads((device / "settings.toml").read_text(encoding="utf-8"))
    assert settings["sync_folder"] == ""
    assert shared.is_dir(), "the folder and the journals in it are left alone"


def test_the_data_folder_itself_is_refused(tmp_path):
    done = supple("sync-folder", str(tmp_path / "data" / "sync"), data_dir=tmp_path / "data")
    assert done.returncode == 2
    assert "inside Supple's own data folder" in done.stderr
