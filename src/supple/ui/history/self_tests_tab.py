"""The review screen's third tab: self-tests such as the straight-leg raise, per side,
over the last year, with how they changed in one sentence."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from supple.core.i18n import _
from supple.qt.history_access import HistoryAccess, HistoryError
from supple.storage.records import SELF_TEST_KINDS
from supple.ui.history.charts import SelfTestChart
from supple.ui.history.controls import ChevronComboBox
from supple.ui.history.overview import load_self_tests, self_test_sentence
from supple.ui.history.review_parts import panel, scale_panel
from supple.ui.theme import font
from supple.ui.widgets import FitLabel

__all__ = ["SelfTestsTab"]


class SelfTestsTab(QWidget):
    """One kind of self-test at a time, chosen in its list; read when it is chosen."""

    message = Signal(str, bool)
    """A sentence for the screen's message bar, and whether it is good news."""

    def __init__(self, access: HistoryAccess, today: Callable[[], date]) -> None:
        super().__init__()
        self._access = access
        self._today = today
        self.panel, box, _head, _unused = panel(_("SELF-TESTS, LAST 12 MONTHS"))
        self.kind_box = ChevronComboBox()
        self.kind_box.setAccessibleName(_("Which self-test"))
        self.sentence = FitLabel(size=17, lines=2, weight=QFont.Weight.DemiBold)
        self.chart = SelfTestChart()
        self.hint = FitLabel(
            _(
                "The active straight-leg raise: lie on your back, lift one straight leg as far as "
                "it goes without bending the knee, and note the angle. Press L to log it."
            ),
            size=14,
            lines=2,
            role="faint",
        )
        top = QHBoxLayout()
        top.addWidget(self.kind_box)
        top.addWidget(self.sentence, 1)
        box.addLayout(top)
        box.addWidget(self.chart, 1)
        box.addWidget(self.hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        self.kind_box.currentIndexChanged.connect(self.on_kind_chosen)

    def current_kind(self) -> str | None:
        kind = self.kind_box.currentData()
        return str(kind) if kind else None

    def show_kinds(self, kinds: Sequence[str]) -> None:
        """List the kinds the history holds (the known ones first), keep the choice, show it."""
        current = self.kind_box.currentData()
        ordered = [k for k in SELF_TEST_KINDS if k in kinds and k != "note"] + [
            k for k in kinds if k not in SELF_TEST_KINDS
        ]
        self.kind_box.blockSignals(True)
        self.kind_box.clear()
        for kind in ordered or ["straight_leg_raise"]:
            known = SELF_TEST_KINDS.get(kind)
            self.kind_box.addItem(_(known.name) if known else kind, kind)
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(current)))
        self.kind_box.blockSignals(False)
        self.on_kind_chosen()

    def choose(self, kind: str) -> None:
        index = self.kind_box.findData(kind)
        if index >= 0:
            self.kind_box.setCurrentIndex(index)

    def on_kind_chosen(self, *_args: object) -> None:
        kind = self.current_kind()
        if not self._access.available or kind is None:
            self.chart.set_series(None)
            self.sentence.setText("")
            return
        try:
            series = load_self_tests(self._access, kind, self._today())
        except HistoryError as error:
            self.message.emit(
                _("The self-tests could not be read: {error}").format(error=error), False
            )
            return
        self.chart.set_series(series)
        if any(series.sides.values()):
            self.sentence.setText(self_test_sentence(series))
        else:
            self.sentence.setText(_("No readings of {test} yet.").format(test=_(series.name)))

    def set_unit(self, unit: float) -> None:
        self.chart.set_unit(unit)
        self.kind_box.setFont(font(16 * unit))
        scale_panel(self.panel, unit)
