"""The history's three charts: each week's sessions and minutes, tightness over time, and
self-test values per side.

QtCharts does not follow style sheets, so each chart is coloured from the app's
palette here and scaled with the window's unit. A chart with nothing to show is
replaced by one sentence saying what would fill it, never left as empty axes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import QDate, QDateTime, QMargins, QPointF, QRectF, Qt, QTime
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QStackedLayout, QVBoxLayout, QWidget

from supple.core.i18n import _
from supple.core.stats import WeekBucket
from supple.qt.history_access import EARLIEST_YEAR, LATEST_YEAR
from supple.qt.locale_format import date_text, qt_locale
from supple.ui.history.controls import goal_text
from supple.ui.history.overview import (
    SIDE_NAMES,
    ChartPoint,
    SelfTestSeries,
    TightnessView,
    tightness_empty_text,
)
from supple.ui.theme import DARK, Palette, font
from supple.ui.theme_registry import join
from supple.ui.widgets import FitLabel

__all__ = ["ChartLegend", "LegendItem", "SelfTestChart", "TightnessChart", "WeeklyChart"]

Center = Qt.AlignmentFlag.AlignCenter


def _plottable(day: date) -> bool:
    """Whether ``day`` can be drawn: QtCharts crashes on an axis thousands of years long,
    so a date a damaged or hand-edited file holds outside the years an import accepts
    is left off the charts (the session list still shows it)."""
    return EARLIEST_YEAR <= day.year <= LATEST_YEAR


def _moment(day: date, hour: int = 12, minute: int = 0) -> QDateTime:
    return QDateTime(QDate(day.year, day.month, day.day), QTime(hour, minute))


def _msecs(day: date) -> float:
    return float(_moment(day).toMSecsSinceEpoch())


class LegendItem(NamedTuple):
    shape: str
    """``bar``, ``line``, ``dash`` or ``dot``; ``text`` alone for a plain note."""
    color: str
    text: str


class ChartLegend(QWidget):
    """One compact row of swatches and names, drawn above a chart (QtCharts' own legend
    takes a whole row of the plot's height and cannot be placed beside the title)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[LegendItem] = []
        self.palette_ = DARK
        self.unit = 1.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_unit(1.0)

    def set_items(self, items: Sequence[LegendItem]) -> None:
        self.items = list(items)
        self.setAccessibleDescription(", ".join(item.text for item in items))
        self.update()

    def texts(self) -> list[str]:
        return [item.text for item in self.items]

    def set_unit(self, unit: float) -> None:
        self.unit = unit
        self.setFixedHeight(round(22 * unit))
        self.update()

    def placed(self) -> tuple[QFont, list[tuple[LegendItem, QRectF, QRectF]]]:
        """The text's font and each item's swatch box and text rectangle, right-aligned;
        a row wider than the legend is drawn smaller, so no name is cut."""
        scale = 1.0
        while True:
            u = self.unit * scale
            text_font = font(14 * u)
            metrics = QFontMetrics(text_font)
            swatch, gap, spacing = 16 * u, 6 * u, 18 * u
            widths = [metrics.horizontalAdvance(item.text) for item in self.items]
            total = sum(widths) + spacing * max(0, len(widths) - 1)
            total += sum(swatch + gap for item in self.items if item.shape != "text")
            if total <= self.width() or scale < 0.3:
                break
            scale *= max(0.5, min(0.97, self.width() / total))
        x = max(0.0, self.width() - total)
        middle = self.height() / 2
        placed = []
        for item, width in zip(self.items, widths, strict=True):
            box = QRectF(x, middle - swatch / 2, swatch, swatch)
            if item.shape != "text":
                x += swatch + gap
            placed.append((item, box, QRectF(x, 0, width, self.height())))
            x += width + spacing
        return text_font, placed

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_font, placed = self.placed()
        painter.setFont(text_font)
        for item, box, text_rect in placed:
            plain = item.shape == "text"
            if not plain:
                self._swatch(painter, item.shape, QColor(item.color), box)
            painter.setPen(QColor(self.palette_.faint if plain else self.palette_.muted))
            painter.drawText(
                text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, item.text
            )

    def _swatch(self, painter: QPainter, shape: str, color: QColor, box: QRectF) -> None:
        u = self.unit
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if shape == "bar":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(box.adjusted(2 * u, 2 * u, -2 * u, -2 * u), 2 * u, 2 * u)
            return
        pen = QPen(color, max(1.0, 2.5 * u))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        if shape == "dash":
            pen.setStyle(Qt.PenStyle.DashLine)
            pen.setWidthF(max(1.0, 1.5 * u))
        painter.setPen(pen)
        y = box.center().y()
        painter.drawLine(QPointF(box.left(), y), QPointF(box.right(), y))
        if shape == "dot":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawEllipse(box.center(), 4 * u, 4 * u)


class _ChartPanel(QWidget):
    """A chart view with an empty-state sentence in its place when there is no data."""

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.palette_ = DARK
        self.unit = 1.0
        self.chart = QChart()
        self.chart.setLocale(qt_locale())  # month names on the date axes
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setBackgroundVisible(False)
        self.chart.setPlotAreaBackgroundVisible(False)
        self.chart.setBackgroundRoundness(0)
        self.chart.setMargins(QMargins(0, 0, 0, 0))
        self.chart.layout().setContentsMargins(0, 0, 0, 0)
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setStyleSheet("background: transparent; border: none;")
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.chart.legend().hide()
        self.legend = ChartLegend()
        self.empty_label = FitLabel(empty_text, size=17, lines=3, role="muted", align=Center)
        self._stack = QStackedLayout()
        self._stack.setContentsMargins(0, 0, 0, 0)
        self._stack.addWidget(self.view)
        self._stack.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.legend)
        layout.addLayout(self._stack, 1)

    @property
    def showing_chart(self) -> bool:
        return self._stack.currentWidget() is self.view

    def empty_text(self) -> str:
        return self.empty_label.text()

    def _show_empty(self, text: str | None = None) -> None:
        if text is not None:
            self.empty_label.setText(text)
        self.legend.set_items([])
        self.legend.hide()
        self._stack.setCurrentWidget(self.empty_label)

    def _show_chart(self, legend: Sequence[LegendItem]) -> None:
        self.legend.set_items(legend)
        self.legend.show()
        self._stack.setCurrentWidget(self.view)

    def set_palette(self, palette: Palette) -> None:
        self.palette_ = palette
        self.legend.palette_ = palette
        self._restyle()

    def set_unit(self, unit: float) -> None:
        self.unit = unit
        self.empty_label.set_unit(unit)
        self.legend.set_unit(unit)
        self._restyle()

    # --- fitting labels ------------------------------------------------------------------

    def label_room(self) -> int:
        """How many value labels fit one above another in the chart's height.

        QtCharts cuts a label that does not fit between its two ticks down to "...",
        so a short chart gets fewer ticks rather than unreadable ones.
        """
        line = QFontMetrics(font(13 * self.unit)).height()
        plot = self.view.height() - 2 * line  # the date labels and some air below
        return max(2, int(plot / (line * 1.6)) + 1)

    def _fit_ticks(self) -> None:
        """Set each value axis's ticks for the current height (charts override this)."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_ticks()

    # --- colouring -----------------------------------------------------------------------

    def _restyle(self) -> None:
        for axis in self.chart.axes():
            self._style_axis(axis)

    def _style_axis(self, axis: QAbstractAxis) -> None:
        p, u = self.palette_, self.unit
        axis.setLabelsColor(QColor(p.muted))
        axis.setLabelsFont(font(13 * u))
        axis.setGridLineColor(QColor(p.border))
        axis.setLinePenColor(QColor(p.border))
        axis.setTitleBrush(QBrush(QColor(p.faint)))
        axis.setTitleFont(font(13 * u))
        axis.setMinorGridLineVisible(False)
        if isinstance(axis, QBarCategoryAxis):
            axis.setGridLineVisible(False)

    def _pen(self, color: str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
        pen = QPen(QColor(color))
        pen.setWidthF(max(1.0, width * self.unit))
        pen.setStyle(style)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        return pen

    def _clear(self) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)

    def _attach(self, series: QXYSeries | QBarSeries, *axes: QAbstractAxis) -> None:
        self.chart.addSeries(series)
        for axis in axes:
            series.attachAxis(axis)

    def _marker_series(
        self, name: str, color: str, points: Sequence[QPointF], size: float = 8
    ) -> QScatterSeries:
        dots = QScatterSeries()
        dots.setName(name)
        dots.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeCircle)
        dots.setMarkerSize(max(4.0, size * self.unit))
        dots.setColor(QColor(color))
        dots.setBorderColor(QColor(color))
        dots.append(list(points))
        return dots


class WeeklyChart(_ChartPanel):
    """Sessions (bars) and minutes (line, right axis) per ISO week, with the weekly goal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("No sessions in the last 12 weeks yet."), parent)
        self._weeks: tuple[WeekBucket, ...] = ()
        self._goal = 0
        self._count_axis: QValueAxis | None = None
        self._minutes_axis: QValueAxis | None = None
        self._week_axis: QBarCategoryAxis | None = None
        self.chart.plotAreaChanged.connect(self.on_plot_area_changed)
        join(self)

    def on_plot_area_changed(self, area: QRectF) -> None:
        """QtCharts cuts a week's label to its share of the axis ("16 N..."): smaller labels
        instead. That share is the width over two more than the weeks (the points its layout
        has), less a padding of 4 px each side (QtCharts' HorizontalAxis::updateGeometry)."""
        axis = self._week_axis
        if axis is None or not axis.count():
            return
        room = area.width() / (axis.count() + 2) - 2 * QTCHARTS_LABEL_PADDING
        size = 13 * self.unit
        labels_font = font(size)
        while size > 6 and _widest_label(labels_font, axis.categories()) > room:
            size *= 0.93
            labels_font = font(size)
        if labels_font.pixelSize() != axis.labelsFont().pixelSize():
            axis.setLabelsFont(labels_font)

    def _fit_ticks(self) -> None:
        room = self.label_room()
        if self._count_axis is not None:
            top = self._count_axis.max()
            self._count_axis.setTickInterval(max(1.0, math.ceil(top / max(1, room - 1))))
        if self._minutes_axis is not None:
            self._minutes_axis.setTickCount(3 if room >= 3 else 2)

    def _clear(self) -> None:
        self._count_axis = self._minutes_axis = self._week_axis = None
        super()._clear()

    def set_weeks(self, weeks: Sequence[WeekBucket], goal: int) -> None:
        self._weeks = tuple(weeks)
        self._goal = goal
        self._rebuild()

    def _restyle(self) -> None:
        self._rebuild()

    def _rebuild(self) -> None:
        self._clear()
        weeks = self._weeks
        if not any(w.sessions for w in weeks):
            self._show_empty()
            super()._restyle()
            return
        p, u = self.palette_, self.unit
        labels = [_week_label(w.start, i, len(weeks)) for i, w in enumerate(weeks)]
        sessions = QBarSet(_("Sessions"))
        sessions.append([float(w.sessions) for w in weeks])
        sessions.setColor(QColor(p.accent))
        sessions.setBorderColor(QColor(p.accent))
        bars = QBarSeries()
        bars.append(sessions)
        bars.setBarWidth(0.55)

        x_axis = QBarCategoryAxis()
        x_axis.append(labels)
        top = max(max(w.sessions for w in weeks), self._goal, 1)
        count_axis = QValueAxis()
        count_axis.setRange(0, top + 1 if top < 7 else math.ceil(top * 1.15))
        count_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        count_axis.setTickAnchor(0)
        count_axis.setLabelFormat("%d")
        minutes_axis = QValueAxis()
        most = max(w.minutes for w in weeks)
        minutes_axis.setRange(0, _nice_ceiling(most * 1.15 or 10))
        minutes_axis.setLabelFormat("%d")
        minutes_axis.setGridLineVisible(False)

        self._count_axis, self._minutes_axis = count_axis, minutes_axis
        self._fit_ticks()
        self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(count_axis, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(minutes_axis, Qt.AlignmentFlag.AlignRight)
        self._attach(bars, x_axis, count_axis)

        legend = [
            LegendItem("bar", p.accent, _("Sessions")),
            LegendItem("dot", p.rest, _("Minutes")),
        ]
        minutes = QLineSeries()
        minutes.setName(_("Minutes"))
        minutes.setPen(self._pen(p.rest, 2.5))
        minutes.append([QPointF(i, w.minutes) for i, w in enumerate(weeks)])
        minutes.setPointsVisible(True)
        minutes.setMarkerSize(max(3.0, 6 * u))
        self._attach(minutes, x_axis, minutes_axis)

        if self._goal > 0:
            goal = QLineSeries()
            goal.setName(goal_text(self._goal))
            goal.setPen(self._pen(p.muted, 1.5, Qt.PenStyle.DashLine))
            goal.append([QPointF(-0.5, self._goal), QPointF(len(weeks) - 0.5, self._goal)])
            self._attach(goal, x_axis, count_axis)
            legend.append(
                LegendItem("dash", p.muted, _("Goal {count} a week").format(count=self._goal))
            )
        super()._restyle()
        # Each value axis in its series' colour: sessions on the left, minutes on the right.
        count_axis.setLabelsColor(QColor(p.accent))
        minutes_axis.setLabelsColor(QColor(p.rest))
        self._week_axis = x_axis
        self.on_plot_area_changed(self.chart.plotArea())
        self._show_chart(legend)


QTCHARTS_LABEL_PADDING = 4.0
"""Pixels QtCharts keeps each side of an axis label (ChartAxisElement::labelPadding)."""


def _widest_label(labels_font: QFont, labels: Sequence[str]) -> float:
    """The room the widest week label takes in QtCharts' text item: its advance, a half-pixel
    margin each side and the pixel a text document keeps for its cursor."""
    metrics = QFontMetricsF(labels_font)
    return max(math.ceil(metrics.horizontalAdvance(text) + 2) for text in labels)


def _week_label(monday: date, position: int, count: int) -> str:
    """``9 Nov`` under every other week (the newest always), so labels never collide."""
    if (count - 1 - position) % 2:
        return " " * (position + 1)  # categories must differ; blanks keep the bar unlabelled
    return date_text(monday, _("d MMM"))


def _nice_ceiling(value: float) -> float:
    if value <= 10:
        return 10.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 4, 5, 10):  # halves are whole numbers for the middle tick
        if value <= step * magnitude:
            return float(step * magnitude)
    return float(10 * magnitude)


class TightnessChart(_ChartPanel):
    """Tightness before and after sessions (0 loose to 10 very tight) and the trend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tightness_empty_text(None), parent)
        self._view: TightnessView | None = None
        self._y_axis: QValueAxis | None = None
        join(self)

    def _fit_ticks(self) -> None:
        if self._y_axis is not None:
            room = self.label_room()
            self._y_axis.setTickCount(6 if room >= 6 else 3)  # every 2, or 0, 5 and 10

    def _clear(self) -> None:
        self._y_axis = None
        super()._clear()

    def set_view(self, view: TightnessView) -> None:
        self._view = view
        self._rebuild()

    def _restyle(self) -> None:
        self._rebuild()

    def _rebuild(self) -> None:
        self._clear()
        view = self._view
        shown = [pt for pt in view.points if _plottable(pt.day)] if view is not None else []
        if view is None or not shown:
            self._show_empty(tightness_empty_text(view))
            super()._restyle()
            return
        p = self.palette_
        x_axis = _date_axis(shown[0].day, shown[-1].day)
        y_axis = QValueAxis()
        y_axis.setRange(0, 10)
        y_axis.setLabelFormat("%d")
        self._y_axis = y_axis
        self._fit_ticks()
        self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)

        legend = []
        # Dots shrink as they crowd: a year of weekly averages stays a readable line.
        marker = 8 if len(shown) <= 40 else 6 if len(shown) <= 80 else 4.5
        for name, color, pick in ((_("Before"), p.rest, _before), (_("After"), p.accent, _after)):
            points = [
                QPointF(_msecs(pt.day), value) for pt in shown if (value := pick(pt)) is not None
            ]
            if not points:
                continue
            line = QLineSeries()
            line.setPen(self._pen(color, 2.0))
            line.append(points)
            self._attach(line, x_axis, y_axis)
            dots = self._marker_series(name, color, points, marker)
            self._attach(dots, x_axis, y_axis)
            legend.append(LegendItem("dot", color, name))

        if (
            view.fitted_start is not None
            and view.fitted_end is not None
            and view.first_day is not None
            and view.last_day is not None
        ):
            trend = QLineSeries()
            trend.setName(_("Trend before"))
            trend.setPen(self._pen(p.text, 1.5, Qt.PenStyle.DashLine))
            trend.append(
                [
                    QPointF(_msecs(_first_before(shown) or shown[0].day), view.fitted_start),
                    QPointF(_msecs(_last_before(shown) or shown[-1].day), view.fitted_end),
                ]
            )
            self._attach(trend, x_axis, y_axis)
            legend.append(LegendItem("dash", p.text, _("Trend before")))
        scale = _("0 loose \N{MIDDLE DOT} 10 very tight")
        if view.averaged:
            per = _("weekly averages") if view.per == "week" else _("monthly averages")
            scale = f"{per} \N{MIDDLE DOT} {scale}"
        legend.append(LegendItem("text", p.faint, scale))
        super()._restyle()
        self._show_chart(legend)


def _whole_steps(span: float, most: int) -> int:
    """The most ticks (up to ``most``) that step through ``span`` in whole numbers.

    The labels show whole numbers: 50 to 80 in five ticks would label 57.5 as "57".
    """
    for count in range(most, 2, -1):
        step = span / (count - 1)
        if step >= 1 and abs(step - round(step)) < 1e-9:
            return count
    return 2


def _date_axis(first: date, last: date) -> QDateTimeAxis:
    """A time axis around ``first`` to ``last``: days and months over weeks, months and
    years once it spans more than half a year (a bare "3 Mar" would not say which one).

    Its ticks fall at noon of days a whole number of days apart (a daylight-saving hour
    cannot move one to another day), so no two ticks carry the same date."""
    span = (last - first).days
    pad = max(1, span // 30)
    days = span + 2 * pad
    gaps = min(5, days)
    days = -(-days // gaps) * gaps  # rounded up to whole days between ticks
    start = first - timedelta(days=pad)
    axis = QDateTimeAxis()
    axis.setFormat(_("d MMM") if span < 183 else _("MMM yyyy"))
    axis.setRange(_moment(start), _moment(start + timedelta(days=days)))
    axis.setTickCount(gaps + 1)
    return axis


def _before(point: ChartPoint) -> float | None:
    return point.before


def _after(point: ChartPoint) -> float | None:
    return point.after


def _first_before(points: Sequence[ChartPoint]) -> date | None:
    return next((p.day for p in points if p.before is not None), None)


def _last_before(points: Sequence[ChartPoint]) -> date | None:
    return next((p.day for p in reversed(points) if p.before is not None), None)


class SelfTestChart(_ChartPanel):
    """One self-test's values over time, one line per side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("No self-tests yet."), parent)
        self._series: SelfTestSeries | None = None
        self._y_axis: QValueAxis | None = None
        join(self)

    def _fit_ticks(self) -> None:
        if self._y_axis is not None:
            axis = self._y_axis
            most = max(2, min(5, self.label_room()))
            axis.setTickCount(_whole_steps(axis.max() - axis.min(), most))

    def _clear(self) -> None:
        self._y_axis = None
        super()._clear()

    def set_series(self, series: SelfTestSeries | None) -> None:
        self._series = series
        self._rebuild()

    def _restyle(self) -> None:
        self._rebuild()

    def _rebuild(self) -> None:
        self._clear()
        series = self._series
        sides = {
            side: [(day, value) for day, value in readings if _plottable(day)]
            for side, readings in (series.sides.items() if series else ())
        }
        values = [v for readings in sides.values() for _, v in readings]
        days = [d for readings in sides.values() for d, _ in readings]
        if series is None or not values:
            self._show_empty(
                _("No readings of this test in the last year.") if series is not None else None
            )
            super()._restyle()
            return
        p = self.palette_
        x_axis = _date_axis(min(days), max(days))
        low, high = min(values), max(values)
        spread = max(high - low, abs(high) * 0.1, 1.0)
        y_axis = QValueAxis()
        y_axis.setRange(math.floor(low - spread * 0.25), math.ceil(high + spread * 0.25))
        y_axis.setTickCount(5)
        y_axis.applyNiceNumbers()
        self._y_axis = y_axis
        self._fit_ticks()
        y_axis.setLabelFormat("%d")
        y_axis.setTitleText(series.unit)
        self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        colors = {"left": p.left, "right": p.right, "none": p.accent}
        legend = []
        for side, readings in sorted(sides.items(), key=lambda item: item[0].value):
            if not readings:
                continue
            points = [QPointF(_msecs(day), value) for day, value in readings]
            color = colors.get(side.value, p.accent)
            line = QLineSeries()
            line.setPen(self._pen(color, 2.0))
            line.append(points)
            self._attach(line, x_axis, y_axis)
            name = _(series.name) if side.value == "none" else _(SIDE_NAMES[side]).capitalize()
            dots = self._marker_series(name, color, points)
            self._attach(dots, x_axis, y_axis)
            legend.append(LegendItem("dot", color, name))
        looser = _("higher is looser") if series.higher_is_looser else _("lower is looser")
        legend.append(LegendItem("text", p.faint, looser))
        super()._restyle()
        self._show_chart(legend)
