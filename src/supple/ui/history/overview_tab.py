"""The review screen's first tab: am I consistent, and are my hamstrings getting looser?

Consistency on the left (streak, this week against the goal, which can be changed
right there, and a calendar of the last weeks); on the right sessions and minutes per
week, and tightness before and after sessions with its trend in words and the switch
for asking before sessions.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from supple.core.i18n import _, ngettext
from supple.ui.history.calendar import ActivityCalendar
from supple.ui.history.charts import TightnessChart, WeeklyChart
from supple.ui.history.controls import GoalBox, KeyCheckBox
from supple.ui.history.overview import (
    CALENDAR_WEEKS,
    HistoryOverview,
    streak_text,
    tightness_sentences,
    tightness_title,
    week_text,
)
from supple.ui.history.review_parts import DOT, panel, scale_panel
from supple.ui.theme import Palette, font, set_role
from supple.ui.theme_registry import join
from supple.ui.widgets import FitLabel, KeyButton, ProgressBar

__all__ = ["OverviewTab"]

Bold = QFont.Weight.Bold
DemiBold = QFont.Weight.DemiBold


class OverviewTab(QWidget):
    """Shows a ``HistoryOverview``; the goal box and the check-in switch are its controls."""

    def __init__(self, weekly_goal: int, ask_before_sessions: bool) -> None:
        super().__init__()
        self.consistency_panel, box, consistency_head, _unused = panel(_("CONSISTENCY"))
        self.streak_label = FitLabel(size=38, weight=Bold, role="accent")
        self.streak_detail = FitLabel(size=15, role="muted")
        self.week_label = FitLabel(size=19, weight=DemiBold)
        self.goal_box = GoalBox()
        self.goal_box.set_goal(weekly_goal)
        self.goal_box.setToolTip(_("Sessions a week you aim for (G, then the arrow keys)"))
        consistency_head.addWidget(self.goal_box)
        self.reminders_button = KeyButton("R", _("Reminders"), size=13)
        self.week_bar = ProgressBar(thickness=8)
        self.week_detail = FitLabel(size=14, role="muted")
        self.calendar = ActivityCalendar(CALENDAR_WEEKS)
        self.calendar_caption = FitLabel(
            _("Last {weeks} weeks {dot} filled days had a session").format(
                weeks=CALENDAR_WEEKS, dot=DOT
            ),
            size=13,
            role="faint",
        )
        box.addWidget(self.streak_label)
        box.addWidget(self.streak_detail)
        box.addSpacing(8)
        box.addWidget(self.week_label)
        box.addWidget(self.week_bar)
        box.addWidget(self.week_detail)
        box.addWidget(self.reminders_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addSpacing(8)
        box.addWidget(self.calendar, 1)
        box.addWidget(self.calendar_caption)

        self.weekly_panel, weekly_box, _head, _unused = panel(_("SESSIONS AND MINUTES PER WEEK"))
        self.weekly_chart = WeeklyChart()
        weekly_box.addWidget(self.weekly_chart, 1)

        self.tightness_panel, tight_box, tight_head, self.tightness_caption = panel(
            _("HAMSTRING TIGHTNESS")
        )
        self.ask_box = KeyCheckBox(_("Ask how tight I feel before each session"))
        self.ask_box.setChecked(ask_before_sessions)
        self.ask_box.setAccessibleName(_("Ask how tight my hamstrings feel before each session"))
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

        self._right = QVBoxLayout()
        self._right.addWidget(self.weekly_panel, 45)
        self._right.addWidget(self.tightness_panel, 55)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.consistency_panel, 32)
        self._layout.addLayout(self._right, 68)
        join(self)

    def show_overview(self, overview: HistoryOverview) -> None:
        streaks = overview.streaks
        self.streak_label.setText(
            ngettext("{count}-day streak", "{count}-day streak", streaks.current).format(
                count=streaks.current
            )
            if streaks.current
            else _("No streak right now")
        )
        if streaks.current and not streaks.done_today:
            self.streak_detail.setText(
                _("best {best} {dot} a session today keeps it going").format(
                    best=streaks.best, dot=DOT
                )
            )
        else:
            self.streak_detail.setText(
                _("best streak {streak}").format(streak=streak_text(streaks.best))
            )
        self.week_label.setText(week_text(overview))
        self._show_goal(overview)
        goal = overview.goal
        self.calendar.set_days(overview.calendar_start, overview.today, overview.active_days)
        self.weekly_chart.set_weeks(overview.weeks, round(goal.goal) if goal else 0)
        headline, lines = tightness_sentences(overview.tightness)
        self.trend_headline.setText(headline)
        role = {_("Getting looser"): "accent", _("Getting tighter"): "rest"}.get(headline, "")
        set_role(self.trend_headline, role)
        self.trend_lines.setText(" ".join(lines))
        self.tightness_caption.setText(tightness_title(overview.tightness))
        self.tightness_chart.set_view(overview.tightness)

    def _show_goal(self, overview: HistoryOverview) -> None:
        goal = overview.goal
        self.week_bar.setVisible(goal is not None)
        if goal is None:
            self.week_detail.setText(_("No weekly goal set."))
            return
        self.week_bar.set_fraction(goal.fraction)
        if goal.met:
            self.week_detail.setText(_("Weekly goal met. Well done."))
        elif goal.still_reachable:
            days = ngettext("{count} day", "{count} days", goal.days_left).format(
                count=goal.days_left
            )
            remaining = round(goal.remaining)
            self.week_detail.setText(
                ngettext(
                    "{count} more to go, {days} left this week",
                    "{count} more to go, {days} left this week",
                    remaining,
                ).format(count=remaining, days=days)
            )
        else:
            self.week_detail.setText(_("Out of reach this week; next week is a fresh start."))

    def set_ask_before_sessions(self, ask: bool) -> None:
        """Show the setting without reporting it back as the user's choice."""
        self.ask_box.blockSignals(True)
        self.ask_box.setChecked(ask)
        self.ask_box.blockSignals(False)

    def set_palette(self, palette: Palette) -> None:
        self.week_bar.set_colors(palette.accent, palette.border)

    def set_unit(self, unit: float) -> None:
        for chart in (self.weekly_chart, self.tightness_chart):
            chart.set_unit(unit)
        self.calendar.set_unit(unit)
        self.week_bar.set_unit(unit)
        self.goal_box.setFont(font(14 * unit))
        self.ask_box.setFont(font(14 * unit))
        for frame in (self.consistency_panel, self.weekly_panel, self.tightness_panel):
            scale_panel(frame, unit)
        self._layout.setSpacing(round(16 * unit))
        self._right.setSpacing(round(16 * unit))
