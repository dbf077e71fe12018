"""Text the history paints itself or through QtCharts: the chart legends and the week
labels under the weekly chart are drawn whole, measured against the room they are given."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCharts import QBarCategoryAxis
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QGraphicsTextItem

from supple.core.stats import WeekBucket
from supple.ui.history.charts import ChartLegend, LegendItem, WeeklyChart
from tests.ui.history.conftest import TODAY

TIGHTNESS_LEGEND = [
    LegendItem("dot", "#f5c451", "Before"),
    LegendItem("dot", "#4fd1c5", "After"),
    LegendItem("dash", "#ffffff", "Trend before"),
    LegendItem(
        "text", "#888888", "weekly averages \N{MIDDLE DOT} 0 loose \N{MIDDLE DOT} 10 very tight"
    ),
]


@pytest.mark.parametrize("unit", [1.0, 1.5])
@pytest.mark.parametrize("width", [900, 608, 420, 300])
def test_every_legend_name_is_drawn_whole(qtbot, unit, width):
    legend = ChartLegend()
    qtbot.addWidget(legend)
    legend.set_unit(unit)
    legend.set_items(TIGHTNESS_LEGEND)
    legend.resize(round(width * unit), legend.height())
    text_font, placed = legend.placed()
    metrics = QFontMetrics(text_font)
    assert [item.text for item, _box, _rect in placed] == legend.texts()
    for item, box, rect in placed:
        assert metrics.horizontalAdvance(item.text) <= rect.width(), item.text
        assert metrics.height() <= rect.height(), item.text
        assert box.left() >= 0 and rect.right() <= legend.width(), (item.text, rect)


def twelve_weeks() -> list[WeekBucket]:
    monday = TODAY - timedelta(days=TODAY.weekday())
    return [WeekBucket(monday - timedelta(weeks=11 - n), 3, 3, 900.0 + 60 * n) for n in range(12)]


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
@pytest.mark.parametrize(
    ("size", "unit"),
    [((740, 220), 1.0), ((1110, 330), 1.5)],
    ids=["1280x720", "1920x1080"],
)
def test_every_week_label_fits_its_bar(qtbot, size, unit):
    chart = WeeklyChart()
    qtbot.addWidget(chart)
    chart.set_unit(unit)
    chart.set_weeks(twelve_weeks(), goal=3)
    chart.resize(*size)
    chart.show()
    qtbot.waitExposed(chart)
    qtbot.wait(10)  # QtCharts lays out on the next turn of the event loop
    (axis,) = [a for a in chart.chart.axes() if isinstance(a, QBarCategoryAxis)]
    # QtCharts cuts a label to the axis width over its layout's points (two more than the
    # bars) less 4 px each side, measured by a text item with a half-pixel document margin
    # (HorizontalAxis::updateGeometry, ChartPresenter::textBoundingRect).
    room = chart.chart.plotArea().width() / (axis.count() + 2) - 8
    item = QGraphicsTextItem()
    item.document().setDocumentMargin(0.5)
    item.setFont(axis.labelsFont())
    labels = [text for text in axis.categories() if text.strip()]
    assert any("Sep" in text for text in labels)  # the longest month name of these weeks
    for text in labels:
        item.setHtml(text)
        need = item.boundingRect().width()
        assert need <= room, (text, need, room, axis.labelsFont().pixelSize())
    assert axis.labelsFont().pixelSize() >= 9 * unit  # smaller, still readable
