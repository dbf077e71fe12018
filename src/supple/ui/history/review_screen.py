"""The history screen: am I consistent, and are my hamstrings getting looser?

Three tabs, each its own widget: the overview (``OverviewTab``), every session with
its steps and notes (``SessionsTab``) and the self-tests (``SelfTestsTab``). This screen
puts them together under a header, reads the overview they share, and owns what works
from any tab: the keys, export, import and logging a self-test, each one key;
everything works from the keyboard. Before the first session it shows what will be
here instead of empty tabs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QFont, QHideEvent, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLayout, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from supple.core.i18n import _, ngettext
from supple.qt.history_access import (
    HistoryAccess,
    HistoryError,
    HistorySource,
    OpenNotice,
    history_access,
)
from supple.qt.locale_format import whole_number
from supple.ui.history import file_dialogs
from supple.ui.history.dialogs import SelfTestDialog
from supple.ui.history.notices import HistoryNotices
from supple.ui.history.overview import HistoryOverview, load_overview
from supple.ui.history.overview_tab import OverviewTab
from supple.ui.history.review_parts import EmptyHistoryPage, MessageBar
from supple.ui.history.self_tests_tab import SelfTestsTab
from supple.ui.history.sessions_tab import SessionsTab
from supple.ui.history.style import UnitFollower, apply_style
from supple.ui.theme import DARK, Palette, set_role
from supple.ui.theme_registry import join
from supple.ui.widgets import FitLabel, KeyButton, scale_layout

__all__ = ["ReviewScreen"]

_log = logging.getLogger(__name__)

K = Qt.Key
OVERVIEW, SESSIONS, SELF_TESTS = range(3)
_CLAIMED_KEYS = (K.Key_Escape, K.Key_Return, K.Key_Enter)
"""Keys the window uses for itself that mean something else here: claimed first."""


class ReviewScreen(QWidget):
    """The whole history; give it the door to the history (or the app's recorder, or a
    store) and the weekly goal."""

    back_requested = Signal()
    """Esc or the Back button: the app shows its home screen again."""
    history_changed = Signal()
    """A session was deleted or its notes changed, a self-test logged or a file imported."""
    weekly_goal_changed = Signal(int)
    """The user chose a new weekly goal here (0 for none): save it in the settings."""
    ask_changed = Signal(bool)
    """The user turned the check-in before sessions on (True) or off: save it."""

    def __init__(
        self,
        source: HistoryAccess | HistorySource,
        *,
        weekly_goal: int = 3,
        ask_before_sessions: bool = True,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        set_role(self, "history")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setObjectName("ReviewScreen")
        self.access = history_access(source)
        self._goal = weekly_goal
        self._ask = ask_before_sessions
        self._today = today
        self._palette = DARK
        self._unit = 1.0
        self._dirty = True
        self._self_tests_dirty = True
        self._overview: HistoryOverview | None = None
        self._self_test_dialog: SelfTestDialog | None = None

        self.overview_tab = OverviewTab(weekly_goal, ask_before_sessions)
        self.sessions_tab = SessionsTab(self.access, today)
        self.self_tests_tab = SelfTestsTab(self.access, today)
        self._build()
        self._build_actions()
        self._connect()
        self._follower = UnitFollower(self, self.set_unit)
        join(self)

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.title_label = FitLabel(_("History"), size=34, weight=QFont.Weight.Bold, role="accent")
        self.subtitle_label = FitLabel(size=18, role="muted")
        self.log_button = KeyButton("L", _("Log self-test"), size=15)
        self.export_button = KeyButton("E", _("Export"), size=15)
        self.import_button = KeyButton("I", _("Import"), size=15)
        self.back_button = KeyButton(_("Esc"), _("Back"), size=15)
        header = QHBoxLayout()
        header.addWidget(self.title_label)
        header.addWidget(self.subtitle_label, 1)
        for button in (self.log_button, self.export_button, self.import_button, self.back_button):
            header.addWidget(button)

        self.notices = HistoryNotices()
        self.message_bar = MessageBar()

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.tabBar().setExpanding(False)
        self.tabs.tabBar().setDrawBase(False)
        self.tabs.addTab(self.overview_tab, _("1  Overview"))
        self.tabs.addTab(self.sessions_tab, _("2  Sessions"))
        self.tabs.addTab(self.self_tests_tab, _("3  Self-tests"))

        self.empty_state = EmptyHistoryPage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.tabs)
        self.pages.addWidget(self.empty_state)

        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addLayout(header)
        layout.addWidget(self.notices)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.pages, 1)

    def _action(self, text: str, key: QKeySequence | Qt.Key, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_log = self._action(_("Log self-test"), K.Key_L, self.log_self_test)
        self.act_export = self._action(_("Export"), K.Key_E, self.export_history)
        self.act_import = self._action(_("Import"), K.Key_I, self.import_history)
        self.act_delete = self._action(_("Delete session"), K.Key_Delete, self.on_delete_key)
        self.act_goal = self._action(_("Weekly goal"), K.Key_G, self.choose_goal)
        self.act_reminders = self._action(_("Reminders"), K.Key_R, self.open_reminders)
        self.act_dismiss = self._action(_("Dismiss the message"), K.Key_D, self.dismiss_message)
        for number in range(3):
            self._action(
                _("Tab {number}").format(number=number + 1),
                getattr(K, f"Key_{number + 1}"),
                self._tab(number),
            )

    def dismiss_message(self) -> None:
        self.message_bar.hide()

    def _tab(self, index: int) -> Callable[[], None]:
        def show() -> None:
            self.tabs.setCurrentIndex(index)

        return show

    def _connect(self) -> None:
        """Every signal of the screen and its tabs, in one place."""
        for button, action in (
            (self.log_button, self.act_log),
            (self.empty_state.log_button, self.act_log),
            (self.export_button, self.act_export),
            (self.import_button, self.act_import),
            (self.empty_state.import_button, self.act_import),
            (self.overview_tab.reminders_button, self.act_reminders),
        ):
            button.clicked.connect(action.trigger)
        self.back_button.clicked.connect(self.go_back)
        self.tabs.currentChanged.connect(self.on_tab_changed)
        self.overview_tab.goal_box.goal_chosen.connect(self.on_goal_chosen)
        self.overview_tab.ask_box.toggled.connect(self.on_ask_toggled)
        for tab in (self.sessions_tab, self.self_tests_tab):
            tab.message.connect(self.message_bar.show_message)
        self.sessions_tab.notes_changed.connect(self.history_changed)
        self.sessions_tab.session_deleted.connect(self.on_session_deleted)

    # --- what the app calls ----------------------------------------------------------------

    def set_weekly_goal(self, goal: int) -> None:
        self.overview_tab.goal_box.set_goal(goal)
        if goal != self._goal:
            self._goal = goal
            self.refresh()

    def set_ask_before_sessions(self, ask: bool) -> None:
        """The setting changed elsewhere (the check-in's own box): show it, say nothing."""
        self._ask = ask
        self.overview_tab.set_ask_before_sessions(ask)

    def set_notices(self, notices: list[OpenNotice | str]) -> None:
        self.notices.set_notices(notices)

    def set_problem(self, problem: str | None) -> None:
        self.notices.set_problem(problem)

    def refresh(self) -> None:
        """Read everything again; while hidden, only note that it must be done when shown."""
        if not self.isVisible():
            self._dirty = True
            return
        self._dirty = False
        self._self_tests_dirty = True
        overview = None
        if self.access.available:
            try:
                overview = load_overview(self.access, self._today(), self._goal)
            except HistoryError as error:
                _log.warning("The history overview could not be read: %s", error)
                self.message_bar.show_message(
                    _("The history could not be read: {error}").format(error=error), False
                )
        else:
            self.message_bar.show_message(
                _("The history is not available right now; see the notice above."), False
            )
        self._overview = overview
        # The steps of a session are read when the Sessions tab is shown, not before.
        self.sessions_tab.refresh(shown=self.tabs.currentIndex() == SESSIONS)
        self._show_overview(overview)
        if self.tabs.currentIndex() == SELF_TESTS:
            self._refresh_self_tests()
        self._update_enabled()

    def _show_overview(self, overview: HistoryOverview | None) -> None:
        empty = overview is None or overview.is_empty
        self.pages.setCurrentWidget(self.empty_state if empty else self.tabs)
        if overview is None:
            self.subtitle_label.setText("")
            return
        count = overview.sessions
        if overview.is_empty:
            subtitle = _("nothing here yet")
        elif count:
            subtitle = ngettext("{count} session", "{count} sessions", count).format(
                count=whole_number(count)
            )
        else:
            subtitle = _("no sessions yet, only self-tests")
        self.subtitle_label.setText(subtitle)
        for button in (self.log_button, self.export_button, self.import_button):
            button.setVisible(not overview.is_empty)
        self.overview_tab.show_overview(overview)

    def _refresh_self_tests(self) -> None:
        self._self_tests_dirty = False
        self.self_tests_tab.show_kinds(self._overview.self_test_kinds if self._overview else ())

    # --- the user's choices ----------------------------------------------------------------

    def choose_goal(self) -> None:
        """G: to the weekly goal, on the overview, with its list open."""
        if self.pages.currentWidget() is not self.tabs:
            return
        self.tabs.setCurrentIndex(OVERVIEW)
        self.overview_tab.goal_box.setFocus()
        self.overview_tab.goal_box.showPopup()

    def open_reminders(self) -> None:
        """R: the reminder settings (days, time, until the goal is met, snooze)."""
        from supple.ui.reminder_settings import ReminderDialog

        ReminderDialog(parent=self).exec()

    def on_goal_chosen(self, goal: int) -> None:
        if goal != self._goal:
            self._goal = goal
            self.refresh()
            self.weekly_goal_changed.emit(goal)

    def on_ask_toggled(self, ask: bool) -> None:
        if ask != self._ask:
            self._ask = ask
            self.ask_changed.emit(ask)

    def on_delete_key(self) -> None:
        if self.tabs.currentIndex() == SESSIONS:
            self.sessions_tab.delete_selected()

    def on_session_deleted(self) -> None:
        self.refresh()
        self.history_changed.emit()

    def log_self_test(self) -> None:
        reason = self.access.read_only_reason()
        if reason:
            self.message_bar.show_message(reason, False)
            return
        kinds = list(self._overview.self_test_kinds) if self._overview else []
        dialog = SelfTestDialog(kinds, today=self._today, parent=self)
        dialog.reset(self.self_tests_tab.current_kind())
        dialog.set_unit(self._unit)
        dialog.accepted.connect(lambda: self._save_self_test(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self._self_test_dialog = dialog
        dialog.open()

    def _save_self_test(self, dialog: SelfTestDialog) -> None:
        record = dialog.record()
        if record is None:
            return
        outcome = self.access.add_self_test(record)
        self.message_bar.show_message(outcome.message, outcome.ok)
        if outcome.ok:
            self.refresh()
            if record.kind != "note":
                self.tabs.setCurrentIndex(SELF_TESTS)
                self.self_tests_tab.choose(record.kind)
            self.history_changed.emit()

    # --- export and import ---------------------------------------------------------------

    def ask_export_path(self) -> tuple[Path, str] | None:
        """Where to export and in which format (a file dialog; tests replace this)."""
        return file_dialogs.ask_export_path(self, self._today())

    def ask_import_path(self) -> Path | None:
        """Which file to import (a file dialog; tests replace this)."""
        return file_dialogs.ask_import_path(self)

    def export_history(self) -> None:
        choice = self.ask_export_path()
        if choice is None:
            return
        outcome = self.access.export(*choice)
        self.message_bar.show_message(outcome.message, outcome.ok)

    def import_history(self) -> None:
        reason = self.access.read_only_reason()
        if reason:
            self.message_bar.show_message(reason, False)
            return
        path = self.ask_import_path()
        if path is None:
            return
        outcome, counts = self.access.import_file(path)
        self.message_bar.show_message(outcome.message, outcome.ok)
        if counts is not None and (counts.sessions_added or counts.self_tests_added):
            self.refresh()
            self.history_changed.emit()

    def message_text(self) -> str:
        """The message shown now (empty when none): the outcome of the last action."""
        return self.message_bar.text()

    # --- navigation ----------------------------------------------------------------------

    def go_back(self) -> None:
        self.sessions_tab.detail.save_notes()
        self.back_requested.emit()

    def on_tab_changed(self, index: int) -> None:
        if index == SESSIONS:
            self.sessions_tab.on_shown()
        else:
            if index == SELF_TESTS and self._self_tests_dirty:
                self._refresh_self_tests()
            self.setFocus()
        self._update_enabled()

    def _update_enabled(self) -> None:
        writable = not self.access.read_only
        self.act_delete.setEnabled(writable and self.sessions_tab.model.total > 0)
        for action in (self.act_import, self.act_log):
            action.setEnabled(writable)
        self.act_export.setEnabled(self.access.available)
        for button in (self.log_button, self.empty_state.log_button):
            button.setEnabled(writable)
        for button in (self.import_button, self.empty_state.import_button):
            button.setEnabled(writable)
        self.export_button.setEnabled(self.access.available)

    def current_tab(self) -> int:
        return self.tabs.currentIndex()

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    def overview(self) -> HistoryOverview | None:
        return self._overview

    # --- Qt overrides --------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in _CLAIMED_KEYS
            and not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == K.Key_Escape:
            self.go_back()
        elif key in (K.Key_Return, K.Key_Enter) and self.tabs.currentIndex() == SESSIONS:
            self.sessions_tab.edit_notes()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()
        if self.tabs.currentIndex() == SESSIONS:
            self.sessions_tab.view.setFocus()
        else:
            self.setFocus()

    def hideEvent(self, event: QHideEvent) -> None:
        self.sessions_tab.detail.save_notes()
        super().hideEvent(event)

    # --- look ----------------------------------------------------------------------------

    def set_palette(self, palette: Palette) -> None:
        """The screen's style sheet; the tabs and their parts follow the theme by themselves."""
        self._palette = palette
        apply_style(self, palette, self._unit)

    def set_unit(self, unit: float) -> None:
        self._unit = unit
        apply_style(self, self._palette, unit)
        for label in self.findChildren(FitLabel):
            label.set_unit(unit)
        for button in self.findChildren(KeyButton):
            button.set_unit(unit)
        self.notices.set_unit(unit)
        self.message_bar.set_unit(unit)
        self.empty_state.set_unit(unit)
        for tab in (self.overview_tab, self.sessions_tab, self.self_tests_tab):
            tab.set_unit(unit)
        scale_layout(self, unit, (36, 24, 36, 24), 14)
        # The tabs' pages sit a little below the tab bar.
        for tab in (self.overview_tab, self.sessions_tab, self.self_tests_tab):
            layout = tab.layout()
            if layout is not None:
                layout.setContentsMargins(0, round(14 * unit), 0, 0)
