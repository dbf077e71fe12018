"""Settings as a model: every change saved to the real file and announced once."""

from __future__ import annotations

import pytest

from supple import paths
from supple.qt.settings_store import SettingsStore
from supple.storage.settings import Settings, load_settings


def test_a_change_is_saved_then_announced_with_the_new_settings(qtbot):
    store = SettingsStore(Settings())
    seen = []
    store.changed.connect(lambda s: seen.append((s, load_settings().settings)))
    store.update(theme="light", weekly_goal=5)
    [(sent, on_disk)] = seen
    assert sent.theme == "light" and sent.weekly_goal == 5
    assert on_disk == sent  # already on disk when listeners hear of it
    assert store.settings is sent


def test_no_change_means_no_write_and_no_signal(qtbot):
    store = SettingsStore(Settings(theme="dark"))
    seen = []
    store.changed.connect(seen.append)
    store.update(theme="dark")
    assert seen == []
    assert not paths.settings_file().exists()


def test_an_unknown_setting_is_a_programming_error(qtbot):
    with pytest.raises(TypeError, match="unknown settings: colour"):
        SettingsStore().update(colour="red")


def test_a_settings_file_that_cannot_be_written_is_said_and_the_change_still_applies(qtbot):
    folder = paths.settings_file().parent
    folder.mkdir(parents=True, exist_ok=True)
    paths.settings_file().mkdir()  # a folder where the file should be
    store = SettingsStore(Settings())
    problems, changes = [], []
    store.problem.connect(problems.append)
    store.changed.connect(changes.append)
    store.update(sound_on=False)
    assert len(problems) == 1 and str(paths.settings_file()) in problems[0]
    assert [s.sound_on for s in changes] == [False]
