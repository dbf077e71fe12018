"""The home screen's strip of history: the streak, this week against the goal, the last
session, and the way into the full history (H).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLayout, QVBoxLayout, QWidget

from supple.core import timefmt
from supple.core.i18n import _, ngettext
from supple.core.stats import Streaks, goal_progress
from supple.qt.history_access import HistoryAccess, HistoryError, HistorySource, history_access
from supple.qt.history_models import completion_text, session_date_text, tightness_text
from supple.storage.records import SessionSummary
from supple.ui.history.overview import streak_text
from supple.ui.history.style import UnitFollower, apply_style
from supple.ui.theme import DARK, Palette, set_role
from supple.ui.theme_registry import join
from supple.ui.widgets import FitLabel, KeyButton, ProgressBar, scale_layout

__all__ = ["HomeHistorySummary"]

Bold = QFont.Weight.Bold
DemiBold = QFont.Weight.DemiBold
DOT = "\N{MIDDLE DOT}"


class _Block(QWidget):
    """A caption in small capitals over a figure and a line of detail."""

    def __init__(self, caption: str, size: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = FitLabel(caption, size=12, weight=Bold, role="faint")
        self.figure = FitLabel(size=size, weight=Bold)
        self.detail = FitLabel(size=14, role="muted")
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(0)
        self.box.addWidget(self.caption)
        self.box.addWidget(self.figure)
        self.box.addWidget(self.detail)


class HomeHistorySummary(QFrame):
    """Streak, this week and the last session; ``refresh()`` after each session."""

    open_history_requested = Signal()
    """H or the History button: show the review screen."""

    def __init__(
        self,
        source: HistoryAccess | HistorySource,
        *,
        weekly_goal: int = 3,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        set_role(self, "tile")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._access = history_access(source)
        self._goal = weekly_goal
        self._today = today
        self._palette = DARK
        self._unit = 1.0

        self.streak_block = _Block(_("STREAK"), 22)
        self.week_block = _Block(_("THIS WEEK"), 22)
        self.week_bar = ProgressBar(thickness=6)
        self.week_block.box.addWidget(self.week_bar)
        self.last_block = _Block(_("LAST SESSION"), 18)
        self.empty_label = FitLabel(
            _(
                "No sessions yet. Your streak, this week's sessions and your last session show "
                "here once you have done one."
            ),
            size=17,
            lines=2,
            role="muted",
        )
        self.history_action = QAction(_("History"), self)
        self.history_action.setShortcut(QKeySequence(Qt.Key.Key_H))
        self.history_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.history_action.triggered.connect(self.open_history_requested)
        self.addAction(self.history_action)
        self.history_button = KeyButton("H", _("History"), self.history_action, size=16)

        layout = QHBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # may be shown alone
        top = Qt.AlignmentFlag.AlignTop
        layout.addWidget(self.streak_block, 2, top)
        layout.addWidget(self.week_block, 3, top)
        layout.addWidget(self.last_block, 5, top)
        layout.addWidget(self.empty_label, 10)
        layout.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._follower = UnitFollower(self, self.set_unit)
        self.refresh()
        join(self)

    @property
    def is_empty(self) -> bool:
        return self.empty_label.isVisibleTo(self)

    def set_weekly_goal(self, goal: int) -> None:
        self._goal = goal
        self.refresh()

    def refresh(self) -> None:
        history = self._access
        today = self._today()
        last: SessionSummary | None = None
        streaks = Streaks(0, 0, False)
        this_week = 0
        problem = None
        if history.available:
            try:
                last = history.last_session()
                streaks = history.streaks(today)
                this_week = history.weekly_totals(today, 1)[-1].sessions
            except HistoryError as error:
                problem = str(error)
            except Exception as error:  # a broken query must not break the home screen
                problem = _("The history could not be read ({error}).").format(error=error)
        else:
            problem = _("The history is not available right now.")
        empty = last is None
        for block in (self.streak_block, self.week_block, self.last_block):
            block.setVisible(not empty)
        self.empty_label.setVisible(empty)
        if problem is not None:
            self.empty_label.setText(problem)
        if empty:
            return
        assert last is not None
        self.streak_block.figure.setText(streak_text(streaks.current))
        if streaks.current and not streaks.done_today:
            detail = _("best {best} {dot} today keeps it going").format(best=streaks.best, dot=DOT)
        else:
            detail = _("best {best}").format(best=streaks.best)
        self.streak_block.detail.setText(detail)
        if self._goal > 0:
            progress = goal_progress(this_week, self._goal, today)
            self.week_block.figure.setText(
                _("{done} of {planned}").format(done=this_week, planned=self._goal)
            )
            self.week_block.detail.setText(
                _("goal met")
                if progress.met
                else ngettext(
                    "sessions {dot} {count} day left",
                    "sessions {dot} {count} days left",
                    progress.days_left,
                ).format(dot=DOT, count=progress.days_left)
            )
            self.week_bar.set_fraction(progress.fraction)
            self.week_bar.show()
        else:
            self.week_block.figure.setText(str(this_week))
            self.week_block.detail.setText(_("sessions, no weekly goal set"))
            self.week_bar.hide()
        self.last_block.figure.setText(
            f"{session_date_text(last.local_started_at, today)} {DOT} {last.routine_name}"
        )
        self.last_block.detail.setText(
            f"{timefmt.duration(last.done_seconds)} {DOT} {completion_text(last)} {DOT} "
            + _("tightness {answers}").format(
                answers=tightness_text(last.tightness_before, last.tightness_after)
            )
        )

    def texts(self) -> list[str]:
        """What the strip says, in reading order (for tests and accessibility)."""
        if self.empty_label.isVisibleTo(self):
            return [self.empty_label.text()]
        labels = []
        for block in (self.streak_block, self.week_block, self.last_block):
            labels += [block.caption.text(), block.figure.text(), block.detail.text()]
        return labels

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self.week_bar.set_colors(palette.accent, palette.border)
        apply_style(self, palette, self._unit)
        set_role(self.streak_block.figure, "accent")

    def set_unit(self, unit: float) -> None:
        self._unit = unit
        for label in self.findChildren(FitLabel):
            label.set_unit(unit)
        self.history_button.set_unit(unit)
        self.week_bar.set_unit(unit)
        apply_style(self, self._palette, unit)
        scale_layout(self, unit, (22, 9, 16, 9), 24)
        for block in (self.streak_block, self.week_block, self.last_block):
            block.box.setSpacing(round(1 * unit))
