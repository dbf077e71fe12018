"""After the session: how long, how much of it, and what was done per exercise."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from supple.core import timefmt
from supple.core.events import StepResult
from supple.core.i18n import N_, _
from supple.core.plan import Plan
from supple.core.stats import worth_keeping
from supple.ui.session_summary import SessionFigures, summarize
from supple.ui.theme import font, set_role
from supple.ui.whole_rows import WholeTableRows
from supple.ui.widgets import FitLabel, KeyButton, SlotArea, scale_layout

Bold = QFont.Weight.Bold
Center = Qt.AlignmentFlag.AlignCenter
COLUMNS = (N_("Exercise"), N_("Reps"), N_("Time"), N_("Sets"))
DASH = "\N{EM DASH}"


class Tile(QFrame):
    """One big figure with its caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "tile")
        self.value_label = FitLabel(size=46, weight=Bold, align=Center)
        self.caption_label = FitLabel(caption, size=17, align=Center, role="muted")
        layout = QVBoxLayout(self)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)

    def set_value(self, value: str, caption: str | None = None) -> None:
        self.value_label.setText(value)
        if caption is not None:
            self.caption_label.setText(caption)

    def set_unit(self, unit: float) -> None:
        self.value_label.set_unit(unit)
        self.caption_label.set_unit(unit)
        scale_layout(self, unit, (12, 12, 12, 12), 2)


class SummaryView(QWidget):
    """Figures for the session just ended; Enter (or Esc) goes back home."""

    def __init__(self, home: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._figures: SessionFigures | None = None
        self._unit = 1.0

        self.kicker_label = FitLabel(size=19, weight=Bold, role="accent")
        self.title_label = FitLabel(size=46, weight=Bold)
        self.time_tile = Tile(_("active time"))
        self.completion_tile = Tile(_("of the plan done"))
        self.reps_tile = Tile(_("reps"))
        self.sets_tile = Tile(_("sets done"))
        self.tiles = [self.time_tile, self.completion_tile, self.reps_tile, self.sets_tile]
        tiles = QHBoxLayout()
        for tile in self.tiles:
            tiles.addWidget(tile, 1)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("ExerciseTable")
        self.table.setHorizontalHeaderLabels([_(column) for column in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        # Tab reaches it, and the arrow keys then scroll a long session's exercises.
        self.table.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.table.setAccessibleName(_("What was done per exercise"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        WholeTableRows(self.table)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        self.extras_area = SlotArea("SummaryExtras")
        """Filled by the history part of the app: check-out tightness, notes."""

        self.home_button = KeyButton(_("Enter"), _("Back to home"), home, primary=True, size=21)
        self.hint_label = FitLabel(
            _("Esc also goes back"),
            size=16,
            role="faint",
            align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        )
        heading = QVBoxLayout()
        heading.addWidget(self.kicker_label)
        heading.addWidget(self.title_label)
        going = QVBoxLayout()
        going.addWidget(self.home_button)
        going.addWidget(self.hint_label)
        top = QHBoxLayout()
        top.addLayout(heading, 1)
        top.addLayout(going)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(tiles)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.extras_area)

    @property
    def figures(self) -> SessionFigures | None:
        return self._figures

    def show_results(self, plan: Plan, results: tuple[StepResult, ...], *, completed: bool) -> None:
        figures = summarize(plan, results, completed=completed)
        self._figures = figures
        if completed and figures.completion_percent == 100:
            self.kicker_label.setText(_("SESSION COMPLETE"))
            set_role(self.kicker_label, "accent")
        elif completed:
            self.kicker_label.setText(_("SESSION FINISHED \N{MIDDLE DOT} SOME SETS SKIPPED"))
            set_role(self.kicker_label, "accent")
        elif not worth_keeping(results):
            self.kicker_label.setText(
                _("TOO SHORT TO KEEP \N{MIDDLE DOT} NOTHING ADDED TO THE HISTORY")
            )
            set_role(self.kicker_label, "muted")
        else:
            self.kicker_label.setText(_("ENDED EARLY \N{MIDDLE DOT} WHAT YOU DID IS KEPT"))
            set_role(self.kicker_label, "rest")
        self.title_label.setText(plan.routine_name)
        self.time_tile.set_value(
            timefmt.clock(figures.active_seconds),
            _("active, of {time} planned").format(time=timefmt.clock(figures.planned_seconds)),
        )
        self.completion_tile.set_value(_("{percent} %").format(percent=figures.completion_percent))
        self.reps_tile.set_value(str(figures.reps_done))
        self.sets_tile.set_value(
            _("{done} of {planned}").format(done=figures.sets_done, planned=figures.sets_planned)
        )
        self.table.setRowCount(len(figures.lines))
        for row, line in enumerate(figures.lines):
            reps = f"{line.reps_done} / {line.reps_planned}" if line.counts_reps else DASH
            cells = (
                line.name,
                reps,
                f"{timefmt.clock(line.seconds_done)} / {timefmt.clock(line.seconds_planned)}",
                f"{line.sets_done} / {line.sets_planned}",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self._size_table()

    def cell_text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def _size_table(self) -> None:
        unit = self._unit
        self.table.setFont(font(19 * unit))
        self.table.verticalHeader().setDefaultSectionSize(round(37 * unit))
        self.table.resizeColumnsToContents()

    def set_unit(self, unit: float) -> None:
        self._unit = unit
        for label in (self.kicker_label, self.title_label, self.hint_label):
            label.set_unit(unit)
        for tile in self.tiles:
            tile.set_unit(unit)
        self.home_button.set_unit(unit)
        self._size_table()
        scale_layout(self, unit, (40, 30, 40, 28), 16)
