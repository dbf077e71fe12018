"""Settings survive a restart, and a bad file never stops the app or loses the user's file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from supple import paths
from supple.core.cue import Cue
from supple.storage.settings import (
    Settings,
    SettingsWriteError,
    broken_copy_path,
    load_settings,
    save_settings,
    theme_of,
)


def test_no_file_gives_defaults_without_a_problem():
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert loaded.settings.theme == "dark"
    assert loaded.problem is None


def test_round_trip_keeps_every_field():
    chosen = Settings(
        theme="light",
        fullscreen=True,
        last_routine="quick-reset",
        sound_on=False,
        volume=0.35,
        voice_on=False,
        voice_name="English (Scotland)",
        voice_rate=-0.25,
        count_reps_aloud=False,
        weekly_goal=5,
    )
    save_settings(chosen)
    assert paths.settings_file().is_file()
    loaded = load_settings()
    assert loaded.problem is None
    assert loaded.settings == chosen


def test_saved_file_is_plain_toml_a_person_can_read():
    save_settings(Settings(weekly_goal=4))
    table = tomllib.loads(paths.settings_file().read_text(encoding="utf-8"))
    assert table["weekly_goal"] == 4
    assert table["theme"] == "dark"


def test_save_leaves_no_temporary_files_behind():
    save_settings(Settings())
    save_settings(Settings(theme="light"))
    assert [p.name for p in paths.settings_file().parent.iterdir()] == ["settings.toml"]


def test_damaged_file_gives_defaults_and_says_where():
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text('theme = "light"\nvolume = [oops\n', encoding="utf-8")
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert loaded.problem is not None
    assert str(path) in loaded.problem
    assert "damaged" in loaded.problem
    assert "defaults" in loaded.problem


def test_damaged_file_is_kept_aside_when_new_settings_are_saved():
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text("this is not toml at all ===", encoding="utf-8")
    save_settings(Settings(theme="light"))
    assert broken_copy_path(path).read_text(encoding="utf-8") == "this is not toml at all ==="
    assert load_settings().settings.theme == "light"


def test_binary_garbage_is_a_problem_not_a_crash():
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe\x00\x81garbage")
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert loaded.problem is not None


@pytest.mark.parametrize(
    ("line", "field", "words"),
    [
        ('theme = "purple"', "theme", '"dark" or "light"'),
        ("volume = 3.5", "volume", "from 0 to 1"),
        ('fullscreen = "yes"', "fullscreen", "true or false"),
        ("weekly_goal = -2", "weekly_goal", "from 0 to 14"),
        ("weekly_goal = true", "weekly_goal", "whole number"),
        ("voice_rate = 7", "voice_rate", "from -1 to 1"),
        ("last_routine = 12", "last_routine", "text"),
    ],
)
def test_one_bad_value_falls_back_for_that_field_only(line, field, words):
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text(f"sound_on = false\n{line}\n", encoding="utf-8")
    loaded = load_settings()
    assert getattr(loaded.settings, field) == getattr(Settings(), field)
    assert loaded.settings.sound_on is False  # the good line still counts
    assert loaded.problem is not None
    assert field in loaded.problem
    assert words in loaded.problem


def test_unknown_key_is_reported_with_a_suggestion_and_kept_on_save():
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text('thme = "light"\nfuture_option = 3\n', encoding="utf-8")
    loaded = load_settings()
    assert loaded.settings.theme == "dark"
    assert loaded.problem is not None
    assert '"thme"' in loaded.problem
    assert 'did you mean "theme"' in loaded.problem
    save_settings(loaded.settings.with_changes(weekly_goal=2))
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    assert table["future_option"] == 3
    assert table["weekly_goal"] == 2


def test_integer_volume_is_accepted_as_a_number():
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text("volume = 1\n", encoding="utf-8")
    loaded = load_settings()
    assert loaded.problem is None
    assert loaded.settings.volume == 1.0


def test_unwritable_folder_raises_a_readable_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(SettingsWriteError, match="Could not save settings"):
        save_settings(Settings(), blocker / "settings.toml")


def test_theme_names_are_checked():
    assert theme_of("light") == "light"
    with pytest.raises(ValueError, match="dark or light"):
        theme_of("sepia")


def test_custom_sounds_are_kept_per_cue_as_a_readable_table(tmp_path):
    chosen = Settings(
        custom_sounds={Cue.GO: tmp_path / "gong.wav", Cue.REP_TICK: tmp_path / "t.ogg"}
    )
    save_settings(chosen)
    table = tomllib.loads(paths.settings_file().read_text(encoding="utf-8"))
    assert table["custom_sounds"] == {
        "go": str(tmp_path / "gong.wav"),
        "rep_tick": str(tmp_path / "t.ogg"),
    }
    loaded = load_settings()
    assert loaded.problem is None
    assert loaded.settings == chosen
    assert loaded.settings.custom_sounds[Cue.GO] == tmp_path / "gong.wav"


def test_a_bad_custom_sound_entry_is_dropped_and_named_the_others_stay():
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text(
        'volume = 0.5\n[custom_sounds]\ngoo = "/a.wav"\nhalfway = 3\nrest_start = "/r.mp3"\n',
        encoding="utf-8",
    )
    loaded = load_settings()
    assert loaded.settings.volume == 0.5
    assert loaded.settings.custom_sounds == {Cue.REST_START: Path("/r.mp3")}
    assert loaded.problem is not None
    assert '"goo" is not a cue (did you mean "go"?)' in loaded.problem
    assert "custom_sounds.halfway must be a file path in quotes, got 3" in loaded.problem
    assert loaded.problem.count("plays its built-in sound") == 2


def test_custom_sounds_that_are_not_a_table_fall_back_to_none():
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text('custom_sounds = "gong.wav"\n', encoding="utf-8")
    loaded = load_settings()
    assert loaded.settings.custom_sounds == {}
    assert loaded.problem is not None and "custom_sounds must be a table" in loaded.problem
