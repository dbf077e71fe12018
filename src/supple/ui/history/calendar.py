"""The last few weeks as a grid of days, with the days something was done filled in.

Columns are weeks (oldest on the left), rows are Monday to Sunday, so a regular
habit reads as evenly filled columns and a gap stands out at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from supple.core.i18n import N_, _, ngettext
from supple.qt.locale_format import date_text
from supple.ui.theme import DARK, Palette, font
from supple.ui.theme_registry import join

__all__ = ["ActivityCalendar"]

# Translators: the first letter of each weekday, Monday to Sunday.
DAY_LETTERS = (N_("M"), N_("T"), N_("W"), N_("T"), N_("F"), N_("S"), N_("S"))


class ActivityCalendar(QWidget):
    """``weeks`` columns of seven days ending with the current week."""

    def __init__(self, weeks: int = 8, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._weeks = weeks
        self._start = date.today()
        self._today = date.today()
        self._done: frozenset[date] = frozenset()
        self._palette = DARK
        self._unit = 1.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Days with a session, last weeks"))
        join(self)

    @property
    def weeks(self) -> int:
        return self._weeks

    def set_days(self, start: date, today: date, done: Iterable[date]) -> None:
        """``start`` is the Monday of the first column."""
        self._start = start
        self._today = today
        self._done = frozenset(done)
        days = sum(1 for d in self._done if start <= d <= today)
        self.setAccessibleDescription(
            ngettext(
                "{days} of the last {total} day had a session",
                "{days} of the last {total} days had a session",
                (today - start).days + 1,
            ).format(days=days, total=(today - start).days + 1)
        )
        self.update()

    def is_done(self, day: date) -> bool:
        return day in self._done

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self.update()

    def set_unit(self, unit: float) -> None:
        self._unit = unit
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        u = self._unit
        return QSize(round((30 + self._weeks * 30) * u), round(22 + 7 * 26 * u))

    def minimumSizeHint(self) -> QSize:
        u = self._unit
        return QSize(round((24 + self._weeks * 16) * u), round((18 + 7 * 14) * u))

    def paintEvent(self, event: QPaintEvent) -> None:
        p, u = self._palette, self._unit
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        label_font = font(12 * u)
        metrics = QFontMetrics(label_font)
        left = metrics.horizontalAdvance("W") + round(10 * u)
        top = metrics.height() + round(6 * u)
        gap = max(2.0, 4 * u)
        cell = min(
            (self.width() - left - gap * (self._weeks - 1)) / self._weeks,
            (self.height() - top - gap * 6) / 7,
        )
        cell = max(4.0, cell)
        painter.setFont(label_font)

        # A month's name above each week holding a 1st, and above the first week
        # unless the next one starts a month already (the two names would collide).
        painter.setPen(QColor(p.muted))
        for column in range(self._weeks):
            first = _first_of_month_in(self._start + timedelta(weeks=column))
            if first is None and column == 0:
                if _first_of_month_in(self._start + timedelta(weeks=1)) is not None:
                    continue
                first = self._start
            if first is None:
                continue
            x = left + column * (cell + gap)
            painter.drawText(
                QRectF(x, 0, cell * 3, top - 4 * u),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                date_text(first, "MMM"),
            )
        painter.setPen(QColor(p.faint))
        for row, letter in enumerate(DAY_LETTERS):
            if row % 2:
                continue  # every other letter: M W F S reads cleanly at small sizes
            y = top + row * (cell + gap)
            painter.drawText(
                QRectF(0, y, left - 6 * u, cell),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                _(letter),
            )

        radius = cell * 0.22
        for column in range(self._weeks):
            for row in range(7):
                day = self._start + timedelta(days=column * 7 + row)
                rect = QRectF(left + column * (cell + gap), top + row * (cell + gap), cell, cell)
                if day > self._today:
                    painter.setPen(QPen(QColor(p.border), max(1.0, u)))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), radius, radius)
                    continue
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(p.accent if day in self._done else p.raised))
                painter.drawRoundedRect(rect, radius, radius)
                if day == self._today:
                    painter.setPen(QPen(QColor(p.text), max(1.5, 2 * u)))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), radius, radius)


def _first_of_month_in(monday: date) -> date | None:
    """The 1st of a month within the week starting on ``monday``, if there is one."""
    for offset in range(7):
        day = monday + timedelta(days=offset)
        if day.day == 1:
            return day
    return None
