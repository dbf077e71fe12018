"""The history screen: am I consistent, and are my hamstrings getting looser?

Three tabs. Overview answers both questions at a glance: the streak, this week
against the goal (which can be changed right there), a calendar of the last weeks,
sessions and minutes per week, and tightness before and after sessions since the
first check-in, with its trend in words and the switch for asking before sessions. Sessions lists
every session (a page at a time) with the steps and notes of the selected one;
notes can be edited and a session deleted. Self-tests charts measurements such as
the straight-leg raise per side. Export, import and logging a self-test are one
key each; everything works from the keyboard.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelection, Qt, Signal
from PySide6.QtGui import QAction, QFont, QHideEvent, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLayout,
    QPlainTextEdit,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from supple.qt.history_access import (
    ExportFormat,
    HistoryAccess,
    HistoryError,
    HistorySource,
    OpenNotice,
    history_access,
)
from supple.qt.history_models import SessionTableModel, session_date_text
from supple.storage.records import SELF_TEST_KINDS
from supple.ui.history.calendar import ActivityCalendar
from supple.ui.history.charts import SelfTestChart, TightnessChart, WeeklyChart
from supple.ui.history.controls import ChevronComboBox, GoalBox, KeyCheckBox, LinkButton
from supple.ui.history.dialogs import ConfirmDialog, SelfTestDialog
from supple.ui.history.notices import HistoryNotices
from supple.ui.history.overview import (
    CALENDAR_WEEKS,
    HistoryOverview,
    load_overview,
    load_self_tests,
    self_test_sentence,
    streak_text,
    tightness_sentences,
    tightness_title,
    week_text,
)
from supple.ui.history.session_detail import SessionDetailPanel
from supple.ui.history.style import UnitFollower, apply_style, fixed_columns
from supple.ui.theme import DARK, Palette, font, form_stylesheet, set_role
from supple.ui.widgets import FitLabel, KeyButton, ProgressBar, scale_layout

__all__ = ["ReviewScreen"]

_log = logging.getLogger(__name__)

Bold = QFont.Weight.Bold
DemiBold = QFont.Weight.DemiBold
K = Qt.Key
DOT = "\N{MIDDLE DOT}"
_CLAIMED_KEYS = (K.Key_Escape, K.Key_Return, K.Key_Enter)
"""Keys the window uses for itself that mean something else here: claimed first."""

SESSION_COLUMN_SAMPLES = {
    0: ("Wed 30 Sep, 18:40", "30 Sep 2025, 18:40", "Yesterday, 18:40"),
    2: ("888 min",),
    3: (f"76 % {DOT} ended early", f"100 % {DOT} interrupted"),
    4: ("10 \N{RIGHTWARDS ARROW} 10",),
}
"""The widest texts each fixed column shows (its title is measured too)."""

EXPORT_FILTERS = {
    "Supple history, everything (*.json)": ExportFormat.JSON,
    "Spreadsheet, one row per session (*.csv)": ExportFormat.SESSIONS_CSV,
    "Spreadsheet, one row per step (*.csv)": ExportFormat.STEPS_CSV,
}


def _panel(title: str) -> tuple[QFrame, QVBoxLayout, QHBoxLayout, FitLabel]:
    """A framed panel: its column, the caption's row (for controls beside it), the caption."""
    frame = QFrame()
    set_role(frame, "panel")
    caption = FitLabel(title, size=13, weight=Bold, role="faint")
    head = QHBoxLayout()
    head.addWidget(caption, 1)
    layout = QVBoxLayout(frame)
    layout.addLayout(head)
    return frame, layout, head, caption


class _MessageBar(QFrame):
    """The outcome of the last action, in plain words; long reports get a scrolling box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "info")
        self.ok = True
        self.label = FitLabel(size=16, lines=2)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.details.setAccessibleName("Details")
        self.dismiss_button = LinkButton("Dismiss")
        self.dismiss_button.clicked.connect(self.hide)
        top = QHBoxLayout()
        top.addWidget(self.label, 1)
        top.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details)
        self.hide()

    def show_message(self, text: str, ok: bool) -> None:
        self.ok = ok
        first, _, rest = text.partition("\n")
        self.label.setText(first)
        self.label.setToolTip(text)
        set_role(self, "info" if ok else "banner")
        set_role(self.label, "" if ok else "danger")
        self.details.setPlainText(rest.strip("\n"))
        self.details.setVisible(bool(rest.strip()))
        self.show()

    def set_unit(self, unit: float) -> None:
        self.label.set_unit(unit)
        self.dismiss_button.set_unit(unit)
        self.details.setFont(font(14 * unit))
        self.details.setFixedHeight(round(110 * unit))
        scale_layout(self, unit, (16, 10, 16, 10), 6)


class ReviewScreen(QWidget):
    """The whole history; give it the app's recorder (or a store) and the weekly goal."""

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
        palette: Palette = DARK,
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
        self._palette = palette
        self._unit = 1.0
        self._dirty = True
        self._self_tests_dirty = True
        self._overview: HistoryOverview | None = None
        self._wanted_uuid: str | None = None
        self._confirm: ConfirmDialog | None = None
        self._self_test_dialog: SelfTestDialog | None = None

        self._build()
        self._build_actions()
        self._follower = UnitFollower(self, self.set_unit)
        self.set_palette(palette)

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.title_label = FitLabel("History", size=34, weight=Bold, role="accent")
        self.subtitle_label = FitLabel(size=18, role="muted")
        self.log_button = KeyButton("L", "Log self-test", size=15)
        self.export_button = KeyButton("E", "Export", size=15)
        self.import_button = KeyButton("I", "Import", size=15)
        self.back_button = KeyButton("Esc", "Back", size=15)
        header = QHBoxLayout()
        header.addWidget(self.title_label)
        header.addWidget(self.subtitle_label, 1)
        for button in (self.log_button, self.export_button, self.import_button, self.back_button):
            header.addWidget(button)

        self.notices = HistoryNotices()
        self.message_bar = _MessageBar()

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.tabBar().setExpanding(False)
        self.tabs.tabBar().setDrawBase(False)
        self.tabs.addTab(self._build_overview(), "1  Overview")
        self.tabs.addTab(self._build_sessions(), "2  Sessions")
        self.tabs.addTab(self._build_self_tests(), "3  Self-tests")
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self.empty_state = self._build_empty()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.tabs)
        self.pages.addWidget(self.empty_state)

        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addLayout(header)
        layout.addWidget(self.notices)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.pages, 1)

    def _build_overview(self) -> QWidget:
        page = QWidget()
        self.consistency_panel, box, consistency_head, _ = _panel("CONSISTENCY")
        self.streak_label = FitLabel(size=38, weight=Bold, role="accent")
        self.streak_detail = FitLabel(size=15, role="muted")
        self.week_label = FitLabel(size=19, weight=DemiBold)
        self.goal_box = GoalBox()
        self.goal_box.set_goal(self._goal)
        self.goal_box.setToolTip("Sessions a week you aim for (G, then the arrow keys)")
        self.goal_box.goal_chosen.connect(self._on_goal_chosen)
        consistency_head.addWidget(self.goal_box)
        self.week_bar = ProgressBar(thickness=8)
        self.week_detail = FitLabel(size=14, role="muted")
        self.calendar = ActivityCalendar(CALENDAR_WEEKS)
        self.calendar_caption = FitLabel(
            f"Last {CALENDAR_WEEKS} weeks {DOT} filled days had a session",
            size=13,
            role="faint",
        )
        box.addWidget(self.streak_label)
        box.addWidget(self.streak_detail)
        box.addSpacing(8)
        box.addWidget(self.week_label)
        box.addWidget(self.week_bar)
        box.addWidget(self.week_detail)
        box.addSpacing(8)
        box.addWidget(self.calendar, 1)
        box.addWidget(self.calendar_caption)

        self.weekly_panel, weekly_box, _, _ = _panel("SESSIONS AND MINUTES PER WEEK")
        self.weekly_chart = WeeklyChart()
        weekly_box.addWidget(self.weekly_chart, 1)

        self.tightness_panel, tight_box, tight_head, self.tightness_caption = _panel(
            "HAMSTRING TIGHTNESS"
        )
        self.ask_box = KeyCheckBox("Ask how tight I feel before each session")
        self.ask_box.setChecked(self._ask)
        self.ask_box.setAccessibleName("Ask how tight my hamstrings feel before each session")
        self.ask_box.toggled.connect(self._on_ask_toggled)
        tight_head.addWidget(self.ask_box)
        self.trend_headline = FitLabel(size=22, weight=Bold)
        self.trend_lines = FitLabel(size=15, lines=2, role="muted")
        self.tightness_chart = TightnessChart()
        # The chart's legend sits beside the headline, which saves the chart a row.
        headline_row = QHBoxLayout()
        headline_row.addWidget(self.trend_headline)
        headline_row.addWidget(self.tightness_chart.legend, 1, Qt.AlignmentFlag.AlignBottom)
        tight_box.addLayout(headline_row)
        tight_box.addWidget(self.trend_lines)
        tight_box.addWidget(self.tightness_chart, 1)

        right = QVBoxLayout()
        right.addWidget(self.weekly_panel, 45)
        right.addWidget(self.tightness_panel, 55)
        self._overview_right = right
        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.consistency_panel, 32)
        layout.addLayout(right, 68)
        self._overview_layout = layout
        return page

    def _build_sessions(self) -> QWidget:
        page = QWidget()
        self.sessions_model = SessionTableModel(self.access, today=self._today, parent=self)
        self.sessions_model.problem_changed.connect(self._on_model_problem)
        self.sessions_view = QTableView()
        self.sessions_view.setObjectName("SessionTable")
        self.sessions_view.setModel(self.sessions_model)
        self.sessions_view.verticalHeader().hide()
        self.sessions_view.setShowGrid(False)
        self.sessions_view.setWordWrap(False)
        self.sessions_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sessions_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sessions_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sessions_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sessions_view.setAccessibleName("Sessions, newest first")
        self.sessions_view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.sessions_model.modelReset.connect(self._on_model_reset)

        self.detail = SessionDetailPanel()
        self.detail.notes_edited.connect(self._on_notes_edited)
        self.detail.delete_requested.connect(self.ask_delete)
        self.sessions_hint = FitLabel(
            f"\N{UPWARDS ARROW}\N{DOWNWARDS ARROW} choose {DOT} Enter writes notes "
            f"{DOT} Del deletes",
            size=13,
            role="faint",
        )
        left = QVBoxLayout()
        left.addWidget(self.sessions_view, 1)
        left.addWidget(self.sessions_hint)
        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 56)
        layout.addWidget(self.detail, 44)
        self._sessions_layout = layout
        return page

    def _build_self_tests(self) -> QWidget:
        page = QWidget()
        self.self_test_panel, box, _, _ = _panel("SELF-TESTS, LAST 12 MONTHS")
        self.kind_box = ChevronComboBox()
        self.kind_box.setAccessibleName("Which self-test")
        self.kind_box.currentIndexChanged.connect(self._show_self_test)
        self.self_test_sentence = FitLabel(size=17, lines=2, weight=DemiBold)
        self.self_test_chart = SelfTestChart()
        self.self_test_hint = FitLabel(
            "The active straight-leg raise: lie on your back, lift one straight leg as far as "
            "it goes without bending the knee, and note the angle. Press L to log it.",
            size=14,
            lines=2,
            role="faint",
        )
        top = QHBoxLayout()
        top.addWidget(self.kind_box)
        top.addWidget(self.self_test_sentence, 1)
        box.addLayout(top)
        box.addWidget(self.self_test_chart, 1)
        box.addWidget(self.self_test_hint)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.self_test_panel)
        return page

    def _build_empty(self) -> QWidget:
        page = QWidget()
        frame = QFrame()
        set_role(frame, "empty")
        self.empty_title = FitLabel(
            "Your history starts with your first session",
            size=32,
            weight=Bold,
            align=Qt.AlignmentFlag.AlignCenter,
        )
        self.empty_text = FitLabel(
            "Every session is kept here: your streak and weekly goal, minutes per week, and "
            "how tight your hamstrings feel before and after, so you can see the pelvic work "
            "loosening them. Start a session from the home screen, bring in a history you "
            "exported elsewhere, or log a self-test.",
            size=19,
            lines=4,
            role="muted",
            align=Qt.AlignmentFlag.AlignCenter,
        )
        self.empty_import_button = KeyButton("I", "Import a history", size=17)
        self.empty_log_button = KeyButton("L", "Log a self-test", size=17)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.empty_import_button)
        buttons.addWidget(self.empty_log_button)
        buttons.addStretch(1)
        # A column of readable width in the middle of the frame.
        self.empty_column = QWidget()
        column = QVBoxLayout(self.empty_column)
        column.setContentsMargins(0, 0, 0, 0)
        self._empty_column_layout = column
        column.addWidget(self.empty_title)
        column.addWidget(self.empty_text)
        column.addSpacing(16)
        column.addLayout(buttons)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(self.empty_column, 6)
        middle.addStretch(1)
        inner = QVBoxLayout(frame)
        inner.addStretch(2)
        inner.addLayout(middle)
        inner.addStretch(3)
        self._empty_inner = inner
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(frame)
        return page

    def _action(self, text: str, key: QKeySequence | Qt.Key, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_log = self._action("Log self-test", K.Key_L, self.log_self_test)
        self.act_export = self._action("Export", K.Key_E, self.export_history)
        self.act_import = self._action("Import", K.Key_I, self.import_history)
        self.act_delete = self._action("Delete session", K.Key_Delete, self._delete_selected)
        self.act_goal = self._action("Weekly goal", K.Key_G, self.choose_goal)
        for number in range(3):
            self._action(f"Tab {number + 1}", getattr(K, f"Key_{number + 1}"), self._tab(number))
        for button, action in (
            (self.log_button, self.act_log),
            (self.empty_log_button, self.act_log),
            (self.export_button, self.act_export),
            (self.import_button, self.act_import),
            (self.empty_import_button, self.act_import),
        ):
            button.clicked.connect(action.trigger)
        self.back_button.clicked.connect(self.go_back)

    def _tab(self, index: int) -> Callable[[], None]:
        def show() -> None:
            self.tabs.setCurrentIndex(index)

        return show

    # --- what the app calls ----------------------------------------------------------------

    def set_weekly_goal(self, goal: int) -> None:
        self.goal_box.set_goal(goal)
        if goal != self._goal:
            self._goal = goal
            self.refresh()

    def set_ask_before_sessions(self, ask: bool) -> None:
        """The setting changed elsewhere (the check-in's own box): show it, say nothing."""
        self._ask = ask
        self.ask_box.blockSignals(True)
        self.ask_box.setChecked(ask)
        self.ask_box.blockSignals(False)

    def choose_goal(self) -> None:
        """G: to the weekly goal, on the overview, with its list open."""
        if self.pages.currentWidget() is not self.tabs:
            return
        self.tabs.setCurrentIndex(0)
        self.goal_box.setFocus()
        self.goal_box.showPopup()

    def _on_goal_chosen(self, goal: int) -> None:
        if goal != self._goal:
            self._goal = goal
            self.refresh()
            self.weekly_goal_changed.emit(goal)

    def _on_ask_toggled(self, ask: bool) -> None:
        if ask != self._ask:
            self._ask = ask
            self.ask_changed.emit(ask)

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
                self.message_bar.show_message(f"The history could not be read: {error}", False)
        else:
            self.message_bar.show_message(
                "The history is not available right now; see the notice above.", False
            )
        self._overview = overview
        selected = self.selected_session_uuid() or self._wanted_uuid
        self.sessions_model.refresh()
        if self.tabs.currentIndex() == 1:
            self._select_session(selected)
        else:
            # The steps of a session are read when the Sessions tab is shown, not before.
            self._wanted_uuid = selected
            self.sessions_view.clearSelection()
        self._show_overview(overview)
        if self.tabs.currentIndex() == 2:
            self._refresh_self_tests()
        self._update_enabled()

    # --- overview ------------------------------------------------------------------------

    def _show_overview(self, overview: HistoryOverview | None) -> None:
        empty = overview is None or overview.is_empty
        self.pages.setCurrentWidget(self.empty_state if empty else self.tabs)
        if overview is None:
            self.subtitle_label.setText("")
            return
        count = overview.sessions
        if overview.is_empty:
            subtitle = "nothing here yet"
        elif count:
            subtitle = f"{count:,} session{'s' if count != 1 else ''}"
        else:
            subtitle = "no sessions yet, only self-tests"
        self.subtitle_label.setText(subtitle)
        for button in (self.log_button, self.export_button, self.import_button):
            button.setVisible(not overview.is_empty)
        streaks = overview.streaks
        self.streak_label.setText(
            f"{streaks.current}-day streak" if streaks.current else "No streak right now"
        )
        if streaks.current and not streaks.done_today:
            self.streak_detail.setText(f"best {streaks.best} {DOT} a session today keeps it going")
        else:
            self.streak_detail.setText(f"best streak {streak_text(streaks.best)}")
        self.week_label.setText(week_text(overview))
        goal = overview.goal
        self.week_bar.setVisible(goal is not None)
        if goal is None:
            self.week_detail.setText("No weekly goal set.")
        else:
            self.week_bar.set_fraction(goal.fraction)
            if goal.met:
                self.week_detail.setText("Weekly goal met. Well done.")
            elif goal.still_reachable:
                left = round(goal.remaining)
                self.week_detail.setText(
                    f"{left} more to go, {goal.days_left} day{'s' if goal.days_left != 1 else ''}"
                    " left this week"
                )
            else:
                self.week_detail.setText("Out of reach this week; next week is a fresh start.")
        self.calendar.set_days(overview.calendar_start, overview.today, overview.active_days)
        self.weekly_chart.set_weeks(overview.weeks, round(goal.goal) if goal else 0)
        headline, lines = tightness_sentences(overview.tightness)
        self.trend_headline.setText(headline)
        role = {"Getting looser": "accent", "Getting tighter": "rest"}.get(headline, "")
        set_role(self.trend_headline, role)
        self.trend_lines.setText(" ".join(lines))
        self.tightness_caption.setText(tightness_title(overview.tightness))
        self.tightness_chart.set_view(overview.tightness)

    # --- self-tests ----------------------------------------------------------------------

    def _refresh_self_tests(self) -> None:
        self._self_tests_dirty = False
        kinds = list(self._overview.self_test_kinds) if self._overview else []
        current = self.kind_box.currentData()
        ordered = [k for k in SELF_TEST_KINDS if k in kinds and k != "note"] + [
            k for k in kinds if k not in SELF_TEST_KINDS
        ]
        if not ordered:
            ordered = ["straight_leg_raise"]
        self.kind_box.blockSignals(True)
        self.kind_box.clear()
        for kind in ordered:
            known = SELF_TEST_KINDS.get(kind)
            self.kind_box.addItem(known.name if known else kind, kind)
        index = self.kind_box.findData(current)
        self.kind_box.setCurrentIndex(max(0, index))
        self.kind_box.blockSignals(False)
        self._show_self_test()

    def _show_self_test(self, *_: object) -> None:
        kind = self.kind_box.currentData()
        if not self.access.available or kind is None:
            self.self_test_chart.set_series(None)
            self.self_test_sentence.setText("")
            return
        try:
            series = load_self_tests(self.access, str(kind), self._today())
        except HistoryError as error:
            self.message_bar.show_message(f"The self-tests could not be read: {error}", False)
            return
        self.self_test_chart.set_series(series)
        if any(series.sides.values()):
            self.self_test_sentence.setText(self_test_sentence(series))
        else:
            self.self_test_sentence.setText(f"No {series.name.lower()} readings yet.")

    # --- sessions ------------------------------------------------------------------------

    def selected_session_uuid(self) -> str | None:
        rows = self.sessions_view.selectionModel().selectedRows()
        if not rows:
            return None
        summary = self.sessions_model.session_at(rows[0].row())
        return summary.uuid if summary else None

    def select_row(self, row: int) -> None:
        if 0 <= row < self.sessions_model.rowCount():
            index = self.sessions_model.index(row, 0)
            self.sessions_view.setCurrentIndex(index)
            self.sessions_view.selectRow(row)

    def _select_session(self, session_uuid: str | None) -> None:
        row = self.sessions_model.row_of(session_uuid) if session_uuid else None
        if row is None:
            row = 0
        self.select_row(row)
        if self.sessions_model.rowCount() == 0:
            self.detail.show_session(None)

    def _on_model_reset(self) -> None:
        if self.sessions_model.rowCount() == 0:
            self.detail.show_session(None)

    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        session_uuid = self.selected_session_uuid()
        if session_uuid == self.detail.session_uuid:
            return
        if session_uuid is None or not self.access.available:
            self.detail.show_session(None)
            return
        row = self.sessions_model.row_of(session_uuid)
        summary = self.sessions_model.session_at(row) if row is not None else None
        try:
            detail = self.access.session_detail(session_uuid)
        except HistoryError as error:
            self.message_bar.show_message(f"The session could not be read: {error}", False)
            return
        self.detail.show_session(detail, summary, self._today())
        self.detail.set_read_only(self.access.read_only)

    def _on_notes_edited(self, session_uuid: str, notes: str) -> None:
        outcome = self.access.update_notes(session_uuid, notes)
        self.detail.notes_saved(outcome.ok, outcome.message)
        if not outcome.ok:
            self.message_bar.show_message(outcome.message, False)
            return
        self.history_changed.emit()

    def _delete_selected(self) -> None:
        session_uuid = self.selected_session_uuid()
        if session_uuid is not None and self.tabs.currentIndex() == 1:
            self.ask_delete(session_uuid)

    def ask_delete(self, session_uuid: str) -> None:
        """Ask to confirm deleting a session (Enter deletes, Esc keeps it)."""
        reason = self.access.read_only_reason()
        if reason:
            self.message_bar.show_message(reason, False)
            return
        row = self.sessions_model.row_of(session_uuid)
        summary = self.sessions_model.session_at(row) if row is not None else None
        what = "this session"
        if summary is not None:
            what = (
                f"the session of {session_date_text(summary.local_started_at, self._today())} "
                f"({summary.routine_name})"
            )
        dialog = ConfirmDialog(
            "Delete this session?",
            f"Delete {what} with its steps and notes? This cannot be undone; export the "
            "history first if you may want it back.",
            confirm="Delete",
            cancel="Keep it",
            parent=self,
        )
        dialog.set_palette(self._palette)
        dialog.set_unit(self._unit)
        dialog.accepted.connect(lambda: self._delete(session_uuid, row))
        dialog.finished.connect(dialog.deleteLater)
        self._confirm = dialog
        dialog.open()

    def _delete(self, session_uuid: str, row: int | None) -> None:
        outcome = self.access.delete_session(session_uuid)
        self.message_bar.show_message(outcome.message, outcome.ok)
        if not outcome.ok:
            return
        self.detail.show_session(None)
        self.refresh()
        if row is not None:
            self.select_row(min(row, self.sessions_model.rowCount() - 1))
        self.history_changed.emit()

    # --- self-test logging ---------------------------------------------------------------

    def log_self_test(self) -> None:
        reason = self.access.read_only_reason()
        if reason:
            self.message_bar.show_message(reason, False)
            return
        kinds = list(self._overview.self_test_kinds) if self._overview else []
        dialog = SelfTestDialog(kinds, today=self._today, parent=self)
        current = self.kind_box.currentData()
        dialog.reset(str(current) if current else None)
        dialog.set_palette(self._palette)
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
                self.tabs.setCurrentIndex(2)
                index = self.kind_box.findData(record.kind)
                if index >= 0:
                    self.kind_box.setCurrentIndex(index)
            self.history_changed.emit()

    # --- export and import ---------------------------------------------------------------

    def ask_export_path(self) -> tuple[Path, str] | None:
        """Where to export and in which format (a file dialog; tests replace this)."""
        suggested = Path.home() / f"supple-history-{self._today().isoformat()}.json"
        dialog = self._file_dialog("Export the history", suggested, list(EXPORT_FILTERS), save=True)
        try:
            if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
                return None
            path, chosen = dialog.selectedFiles()[0], dialog.selectedNameFilter()
        finally:
            dialog.deleteLater()
        kind = EXPORT_FILTERS.get(chosen, ExportFormat.JSON)
        target = Path(path)
        wanted = ".json" if kind == ExportFormat.JSON else ".csv"
        if target.suffix.lower() != wanted:
            target = target.with_suffix(wanted)
        return target, kind

    def ask_import_path(self) -> Path | None:
        """Which file to import (a file dialog; tests replace this)."""
        dialog = self._file_dialog(
            "Import a Supple history",
            Path.home(),
            ["Supple history (*.json)", "All files (*)"],
            save=False,
        )
        try:
            if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
                return None
            return Path(dialog.selectedFiles()[0])
        finally:
            dialog.deleteLater()

    def _file_dialog(self, title: str, start: Path, filters: list[str], save: bool) -> QFileDialog:
        """A file dialog over this screen: the desktop's own where it has one, else Qt's,
        given the form style sheet so its fields, lists and buttons follow the theme
        (under the window's sheet alone they would be white text on white)."""
        # Built without a parent, then placed over this screen: Qt's own dialog sizes its
        # tool buttons when it is built, and under the window's sheet they would grow
        # with the window's scale instead of keeping desk size.
        dialog = QFileDialog(None, title)
        dialog.setStyleSheet(form_stylesheet(self._palette))
        dialog.setParent(self, dialog.windowFlags())
        dialog.setNameFilters(filters)
        if save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setFileMode(QFileDialog.FileMode.AnyFile)
            dialog.setDirectory(str(start.parent))
            dialog.selectFile(start.name)
        else:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
            dialog.setDirectory(str(start))
        return dialog

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
        if self.message_bar.isHidden():
            return ""
        rest = self.message_bar.details.toPlainText()
        return self.message_bar.label.text() + (f"\n{rest}" if rest else "")

    # --- navigation ----------------------------------------------------------------------

    def go_back(self) -> None:
        self.detail.save_notes()
        self.back_requested.emit()

    def _on_tab_changed(self, index: int) -> None:
        if index == 1:
            self.sessions_view.setFocus()
            if not self.sessions_view.selectionModel().hasSelection():
                self._select_session(self._wanted_uuid)
                self._wanted_uuid = None
        elif index == 2:
            if self._self_tests_dirty:
                self._refresh_self_tests()
            self.setFocus()
        else:
            self.setFocus()
        self._update_enabled()

    def _update_enabled(self) -> None:
        writable = not self.access.read_only
        has_rows = self.sessions_model.total > 0
        self.act_delete.setEnabled(writable and has_rows)
        self.act_import.setEnabled(writable)
        self.act_log.setEnabled(writable)
        self.act_export.setEnabled(self.access.available)
        for button in (self.log_button, self.empty_log_button):
            button.setEnabled(writable)
        for button in (self.import_button, self.empty_import_button):
            button.setEnabled(writable)
        self.export_button.setEnabled(self.access.available)

    def _on_model_problem(self, problem: object) -> None:
        if problem:
            self.message_bar.show_message(str(problem), False)

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
        elif key in (K.Key_Return, K.Key_Enter) and self.tabs.currentIndex() == 1:
            if self.detail.session_uuid is not None:
                self.detail.notes_edit.setFocus()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()
        if self.tabs.currentIndex() == 1:
            self.sessions_view.setFocus()
        else:
            self.setFocus()

    def hideEvent(self, event: QHideEvent) -> None:
        self.detail.save_notes()
        super().hideEvent(event)

    # --- look ----------------------------------------------------------------------------

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        apply_style(self, palette, self._unit)
        for chart in (self.weekly_chart, self.tightness_chart, self.self_test_chart):
            chart.set_palette(palette)
        self.calendar.set_palette(palette)
        self.week_bar.set_colors(palette.accent, palette.border)
        self.sessions_model.set_colors(palette.muted, palette.faint)
        self.detail.set_palette(palette)
        self.notices.set_palette(palette)
        self.ask_box.set_palette(palette)

    def set_unit(self, unit: float) -> None:
        self._unit = unit
        apply_style(self, self._palette, unit)
        for label in self.findChildren(FitLabel):
            label.set_unit(unit)
        for button in self.findChildren(KeyButton):
            button.set_unit(unit)
        for chart in (self.weekly_chart, self.tightness_chart, self.self_test_chart):
            chart.set_unit(unit)
        self.calendar.set_unit(unit)
        self.week_bar.set_unit(unit)
        self.notices.set_unit(unit)
        self.message_bar.set_unit(unit)
        self.detail.set_unit(unit)
        self.sessions_view.setFont(font(16 * unit))
        self.sessions_view.verticalHeader().setDefaultSectionSize(round(36 * unit))
        fixed_columns(self.sessions_view, SESSION_COLUMN_SAMPLES, stretch=1, unit=unit)
        self.kind_box.setFont(font(16 * unit))
        self.goal_box.setFont(font(14 * unit))
        self.ask_box.setFont(font(14 * unit))
        scale_layout(self, unit, (36, 24, 36, 24), 14)
        for frame in (
            self.consistency_panel,
            self.weekly_panel,
            self.tightness_panel,
            self.self_test_panel,
        ):
            scale_layout(frame, unit, (18, 14, 18, 14), 6)
        self._overview_layout.setSpacing(round(16 * unit))
        self._overview_right.setSpacing(round(16 * unit))
        self._sessions_layout.setSpacing(round(16 * unit))
        self._empty_inner.setContentsMargins(*(round(48 * unit),) * 4)
        self.empty_column.setMaximumWidth(round(920 * unit))
        self._empty_column_layout.setSpacing(round(12 * unit))
        self._empty_inner.setSpacing(round(14 * unit))
        # The tabs' pages sit a little below the tab bar.
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            layout = page.layout() if page is not None else None
            if layout is not None:
                layout.setContentsMargins(0, round(14 * unit), 0, 0)

    def current_tab(self) -> int:
        return self.tabs.currentIndex()

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    def overview(self) -> HistoryOverview | None:
        return self._overview
