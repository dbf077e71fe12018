"""The reminder settings: which days, what time, until the goal is met; "Not today", "In 30
minutes". Opened from the history's consistency panel (R); every control is reachable by
Tab and its underlined letter, Enter saves and Esc closes.

What carries the reminder is said plainly: a systemd user timer (nothing of Supple runs
while it waits), the XDG autostart fallback where there is no systemd user instance, or
nothing yet on other systems.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, time

from PySide6.QtCore import QTime
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from supple.core.i18n import N_, _
from supple.core.reminders import LATER, ReminderSchedule, not_today
from supple.storage.reminder_file import load_reminder, save_reminder
from supple.storage.reminder_units import (
    Carrier,
    ReminderInstaller,
    ReminderSetupError,
    remind_command,
    set_reminder,
)
from supple.ui.theme import Palette, font, form_stylesheet, stylesheet
from supple.ui.theme_registry import join
from supple.ui.widgets import FitLabel

DAY_LABELS = (N_("&Mon"), N_("&Tue"), N_("&Wed"), N_("T&hu"), N_("&Fri"), N_("S&at"), N_("S&un"))
CARRIER_NOTES = {
    Carrier.SYSTEMD: N_("A systemd user timer reminds you: nothing of Supple runs while it waits."),
    Carrier.AUTOSTART: N_(
        "This session has no systemd user instance, so no timer can start Supple. Instead, "
        "a small reminder process starts at each login (XDG autostart) and waits for these "
        "times."
    ),
    Carrier.UNSUPPORTED: N_("Reminders are not supported on this system yet: they need Linux."),
}


def start_waiter() -> None:
    """Start the autostart fallback's waiting process now, not only from the next login."""
    subprocess.Popen(
        remind_command("--wait"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


class ReminderDialog(QDialog):
    def __init__(
        self,
        installer: ReminderInstaller | None = None,
        *,
        waiter: Callable[[], None] = start_waiter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Reminders"))
        self._installer = installer if installer is not None else ReminderInstaller()
        self._waiter = waiter
        self.carrier = self._installer.carrier()
        loaded = load_reminder()
        self._saved = loaded.schedule
        self.title = FitLabel(_("Reminders"), size=24, weight=QFont.Weight.Bold)
        self.remind = QCheckBox(_("&Remind me to do my routine"))
        self.days = [QCheckBox(_(label)) for label in DAY_LABELS]
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.time_label = QLabel(_("At t&ime"))
        self.time_label.setBuddy(self.time)
        self.until_goal = QCheckBox(_("&Only until this week's goal is met"))
        self.note = QLabel(_(CARRIER_NOTES[self.carrier]))
        self.status = QLabel(loaded.problem or "")
        for label in (self.note, self.status):
            label.setWordWrap(True)
        self.not_today = QPushButton(_("&Not today"))
        self.later = QPushButton(_("In &30 minutes"))
        self.save = QPushButton(_("&Save"))
        self.save.setDefault(True)
        self.close_button = QPushButton(_("Close"))
        self._build()
        self._show(self._saved)
        self._connect()
        join(self)

    def _build(self) -> None:
        days = QGridLayout()
        for index, box in enumerate(self.days):
            days.addWidget(box, 0, index)
        time_row = QHBoxLayout()
        time_row.addWidget(self.time_label)
        time_row.addWidget(self.time)
        time_row.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.not_today, self.later):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.remind)
        layout.addLayout(days)
        layout.addLayout(time_row)
        layout.addWidget(self.until_goal)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        supported = self.carrier is not Carrier.UNSUPPORTED
        for widget in (self.remind, self.save, self.time, self.until_goal, *self.days):
            widget.setEnabled(supported)
        self.remind.setFocus()

    def _connect(self) -> None:
        self.remind.toggled.connect(self.on_remind_toggled)
        self.save.clicked.connect(self.on_save)
        self.close_button.clicked.connect(self.reject)
        self.not_today.clicked.connect(self.on_not_today)
        self.later.clicked.connect(self.on_later)

    def _show(self, schedule: ReminderSchedule) -> None:
        self.remind.setChecked(schedule.enabled)
        for index, box in enumerate(self.days):
            box.setChecked(index in schedule.days)
        self.time.setTime(QTime(schedule.at.hour, schedule.at.minute))
        self.until_goal.setChecked(schedule.until_goal_met)
        self.on_remind_toggled(schedule.enabled)

    def chosen(self) -> ReminderSchedule:
        """The schedule the controls show (days empty when "Remind me" is off)."""
        days = frozenset(i for i, box in enumerate(self.days) if box.isChecked())
        shown = self.time.time()
        return replace(
            self._saved,
            days=days if self.remind.isChecked() else frozenset(),
            at=time(shown.hour(), shown.minute()),
            until_goal_met=self.until_goal.isChecked(),
        )

    def on_remind_toggled(self, on: bool) -> None:
        for widget in (self.time, self.until_goal, *self.days):
            widget.setEnabled(on and self.carrier is not Carrier.UNSUPPORTED)
        snoozable = self._saved.enabled
        self.not_today.setEnabled(snoozable)
        self.later.setEnabled(snoozable)

    def on_save(self) -> None:
        schedule = self.chosen()
        if self.remind.isChecked() and not schedule.days:
            self.status.setText(_("Pick at least one day, or turn reminders off."))
            return
        try:
            carrier = set_reminder(schedule, self._installer)
        except (ReminderSetupError, OSError) as error:
            self.status.setText(str(error))
            return
        if schedule.enabled and carrier is Carrier.AUTOSTART:
            self._waiter()
        self._saved = schedule
        self.accept()

    def on_not_today(self) -> None:
        now = datetime.now().astimezone()
        self._snooze(replace(self._saved, snoozed_until=not_today(now)), _("No reminder today."))

    def on_later(self) -> None:
        due = datetime.now().astimezone() + LATER
        try:
            if self.carrier is Carrier.SYSTEMD:
                self._installer.arm_later(LATER)
        except ReminderSetupError as error:
            self.status.setText(str(error))
            return
        self._snooze(
            replace(self._saved, later_at=due),
            _("Reminding you at {time}.").format(time=f"{due:%H:%M}"),
        )

    def _snooze(self, schedule: ReminderSchedule, said: str) -> None:
        try:
            save_reminder(schedule)
        except OSError as error:
            self.status.setText(
                _("Could not keep that ({error}).").format(error=error.strerror or error)
            )
            return
        self._saved = schedule
        self.status.setText(said)

    def set_palette(self, palette: Palette) -> None:
        self.setStyleSheet(stylesheet(palette, 1.0) + form_stylesheet(palette))
        for widget in (self.note, self.status, self.remind, self.until_goal, self.time_label):
            widget.setFont(font(15))
