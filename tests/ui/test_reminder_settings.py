"""The reminder settings, driven from the keyboard as a user would."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel

from supple.core import i18n
from supple.core.reminders import ReminderSchedule, parse_days
from supple.storage.reminder_file import load_reminder, save_reminder
from supple.storage.reminder_units import TIMER, Carrier, ReminderInstaller
from supple.ui.reminder_settings import CARRIER_NOTES, ReminderDialog
from tests.storage.test_reminder_units import _systemctl

# The offscreen platform cannot resize a dialog to its contents; nothing to fix here.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
K = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier


def alt(qtbot, dialog, key):
    """Alt+letter, as a user presses it; a button's mnemonic clicks it after Qt's short
    animation, so wait for that."""
    QTest.keyClick(dialog, key, ALT)
    qtbot.wait(200)


def press(qtbot, dialog, key):
    """A key on the focused control; the event loop then turns once, as between key
    presses (turning reminders on enables the day boxes' letters through posted events)."""
    QTest.keyClick(dialog.focusWidget(), key)
    qtbot.wait(50)


@pytest.fixture
def dialog_for(qtbot, tmp_path):
    started = []

    def make(*, works=True, platform="linux"):
        systemctl, _log = _systemctl(tmp_path, works=works)
        installer = ReminderInstaller(
            config=tmp_path / "config",
            systemctl=systemctl,
            systemd_run=systemctl,
            platform=platform,
        )
        dialog = ReminderDialog(installer, waiter=lambda: started.append(True))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.wait(50)  # the letters' shortcuts are registered through posted events
        return dialog, installer, started

    return make


def test_set_from_the_keyboard_and_saved_as_a_timer(qtbot, dialog_for):
    dialog, installer, started = dialog_for()
    assert dialog.note.text() == CARRIER_NOTES[Carrier.SYSTEMD]
    assert not dialog.remind.isChecked(), "off by default"
    press(qtbot, dialog, K.Key_Space)  # "Remind me" has the focus
    for letter in (K.Key_M, K.Key_W, K.Key_F):
        alt(qtbot, dialog, letter)
    alt(qtbot, dialog, K.Key_I)  # to the time
    QTest.keyClicks(dialog.focusWidget(), "0730")
    alt(qtbot, dialog, K.Key_O)  # a check box's letter ticks it
    QTest.keyClick(dialog.focusWidget(), K.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = load_reminder().schedule
    assert (saved.days, saved.at, saved.until_goal_met) == ({0, 2, 4}, time(7, 30), True)
    timer = (installer.unit_dir / TIMER).read_text()
    assert "OnCalendar=Mon,Wed,Fri *-*-* 07:30:00" in timer
    assert started == []


def test_no_day_is_refused_with_a_reason(qtbot, dialog_for):
    dialog, installer, _ = dialog_for()
    press(qtbot, dialog, K.Key_Space)
    alt(qtbot, dialog, K.Key_S)
    assert dialog.isVisible()
    assert "Pick at least one day" in dialog.status.text()
    assert installer.files() == []


def test_without_systemd_the_settings_say_so_and_autostart_carries_it(qtbot, dialog_for):
    dialog, installer, started = dialog_for(works=False)
    assert "no systemd user instance" in dialog.note.text()
    assert "XDG autostart" in dialog.note.text()
    press(qtbot, dialog, K.Key_Space)
    alt(qtbot, dialog, K.Key_T)
    alt(qtbot, dialog, K.Key_S)
    assert [path.name for path in installer.files()] == ["supple-reminder.desktop"]
    assert started == [True], "the waiting process starts now, not only at the next login"


def test_other_systems_say_it_is_not_supported(dialog_for):
    dialog, _installer, _ = dialog_for(platform="win32")
    assert "not supported on this system yet" in dialog.note.text()
    assert not dialog.remind.isEnabled()
    assert not dialog.save.isEnabled()


def test_not_today_and_in_30_minutes_snooze_a_set_reminder(qtbot, dialog_for):
    save_reminder(ReminderSchedule(days=parse_days("daily"), at=time(18, 0)))
    dialog, _installer, _ = dialog_for()
    assert dialog.remind.isChecked()
    alt(qtbot, dialog, K.Key_N)
    assert dialog.status.text() == "No reminder today."
    assert load_reminder().schedule.snoozed_until is not None
    alt(qtbot, dialog, K.Key_3)
    assert dialog.status.text().startswith("Reminding you at ")
    assert load_reminder().schedule.later_at is not None


@pytest.mark.parametrize("language", [i18n.PSEUDO, "de"])
def test_every_text_is_translated_and_nothing_is_cut_off(qtbot, tmp_path, language):
    """In the pseudo-locale a string that was not wrapped shows plain: it is named here."""
    i18n.set_language(language)
    try:
        systemctl, _log = _systemctl(tmp_path)
        dialog = ReminderDialog(ReminderInstaller(config=tmp_path / "c", systemctl=systemctl))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        texts = [
            (widget, widget.text())
            for kind in (QLabel, QAbstractButton)
            for widget in dialog.findChildren(kind)
            if widget.isVisible() and widget.text()
        ]
        assert len(texts) >= 14  # title, note, check boxes, days, buttons
        if language == i18n.PSEUDO:
            plain = [text for _widget, text in texts if not text.startswith(i18n.PSEUDO_OPEN)]
            assert plain == [], f"not translated: {plain}"
        cut = [
            text
            for widget, text in texts
            if widget.width() < widget.sizeHint().width()
            and not getattr(widget, "wordWrap", bool)()
        ]
        assert cut == [], f"cut off: {cut}"
    finally:
        i18n.set_language("en")
