"""The language choice in the sound settings: reached with Alt+G, saved for the next start."""

from __future__ import annotations

from PySide6.QtCore import Qt

from supple.storage.settings import Settings, load_settings
from supple.ui.language_choice import language_name
from supple.ui.sound_settings import SoundSettingsDialog


def open_dialog(qtbot, settings: Settings) -> SoundSettingsDialog:
    dialog = SoundSettingsDialog(settings, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_the_choices_are_the_system_and_each_catalogue_by_its_own_name(qtbot):
    dialog = open_dialog(qtbot, Settings())
    box = dialog.language.box
    listed = [box.itemText(i) for i in range(box.count())]
    assert listed == ["System default", "Deutsch", "English"]
    assert box.currentData() == ""
    assert language_name("de") == "Deutsch"


def test_alt_g_and_the_arrow_keys_choose_german_for_the_next_start(qtbot):
    dialog = open_dialog(qtbot, Settings())
    sent: list[Settings] = []
    dialog.settings_changed.connect(sent.append)
    qtbot.keyClick(dialog, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.language.box
    assert not dialog.language.note.isVisibleTo(dialog)
    qtbot.keyClick(dialog.language.box, Qt.Key.Key_Down)
    assert sent[-1].language == "de"
    assert dialog.language.note.isVisibleTo(dialog)
    assert "next start" in dialog.language.note.text()


def test_a_saved_language_shows_and_a_wrong_one_is_reported(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('language = "de"\n')
    assert load_settings(path).settings.language == "de"
    path.write_text('language = "klingon"\n')
    loaded = load_settings(path)
    assert loaded.settings.language == ""
    assert "language must be one of de, en, pseudo" in (loaded.problem or "")
