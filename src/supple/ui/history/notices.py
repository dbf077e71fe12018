"""A banner for what the user must hear about the history, and what to do about it.

Two kinds of message: what happened when the history was opened (a damaged file
moved aside and where it went, an upgrade and its backup, a file from a newer
Supple opened read-only), shown until dismissed; and the recorder's live problem
(the disk refused a write; records are kept in memory), shown while it lasts,
with a way to try again.

The banner styles and scales itself, so it looks right wherever it is put: on Home
(whose window knows nothing of the history's buttons) as on the review screen, and
follows the app's theme (``theme_registry``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLayout, QVBoxLayout, QWidget

from supple.core.i18n import _, ngettext
from supple.qt.history_access import NoticeKind, OpenNotice
from supple.ui.history.controls import LinkButton
from supple.ui.history.style import UnitFollower, apply_style
from supple.ui.theme import DARK, Palette, set_role
from supple.ui.theme_registry import join
from supple.ui.widgets import FitLabel, scale_layout

__all__ = ["HistoryNotices"]

_QUIET = {NoticeKind.CREATED}
"""Notices not worth a banner: a new, empty history on first start is not news."""


class _Row(QWidget):
    def __init__(self, text: str, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = FitLabel(text, size=16, lines=3)
        self.label.setToolTip(text)
        self.button = LinkButton(action)
        self.box = QHBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.addWidget(self.label, 1)
        self.box.addWidget(self.button)


class HistoryNotices(QFrame):
    """Hidden while there is nothing to say. Place it wherever the app shows banners."""

    retry_requested = Signal()
    """The user asked to try writing the waiting records again (connect to ``bridge.retry``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "banner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._palette = DARK
        self._unit = 1.0
        self._notices: list[str] = []
        self._problem: str | None = None
        self.title_label = FitLabel(size=17, weight=QFont.Weight.Bold, role="danger")
        self._rows_box = QVBoxLayout()
        self._rows_box.setContentsMargins(0, 0, 0, 0)
        self._rows: list[_Row] = []
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # may be shown alone
        layout.addWidget(self.title_label)
        layout.addLayout(self._rows_box)
        self._rebuild()
        self._follower = UnitFollower(self, self.set_unit)
        join(self)

    def set_notices(self, notices: Sequence[OpenNotice | str]) -> None:
        """What opening the history reported (``store.notices`` or plain sentences)."""
        texts = []
        for notice in notices:
            if isinstance(notice, OpenNotice):
                if notice.kind in _QUIET:
                    continue
                texts.append(notice.message)
            elif notice:
                texts.append(str(notice))
        self._notices = list(dict.fromkeys(texts))
        self._rebuild()

    def set_problem(self, problem: str | None) -> None:
        """The recorder's current problem (``bridge.problem``), or None when it is solved."""
        if problem != self._problem:
            self._problem = problem
            self._rebuild()

    def messages(self) -> list[str]:
        """Everything shown now, the live problem first."""
        return ([self._problem] if self._problem else []) + list(self._notices)

    def dismiss(self, text: str) -> None:
        if text in self._notices:
            self._notices.remove(text)
            self._rebuild()

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        apply_style(self, palette, self._unit)

    def set_unit(self, unit: float) -> None:
        self._unit = unit
        apply_style(self, self._palette, unit)
        self.title_label.set_unit(unit)
        for row in self._rows:
            row.label.set_unit(unit)
            row.button.set_unit(unit)
            row.box.setSpacing(round(12 * unit))
        self._rows_box.setSpacing(round(6 * unit))
        scale_layout(self, unit, (18, 12, 18, 12), 6)

    def _rebuild(self) -> None:
        for row in self._rows:
            self._rows_box.removeWidget(row)
            row.hide()  # at once: deleting waits for the event loop
            row.deleteLater()
        self._rows = []
        if self._problem:
            row = _Row(self._problem, _("Try again"))
            row.button.clicked.connect(self.retry_requested)
            self._add(row)
        for text in self._notices:
            row = _Row(text, _("Dismiss"))
            row.button.clicked.connect(lambda _=False, t=text: self.dismiss(t))
            self._add(row)
        count = len(self._rows)
        if self._problem:
            title = _("The history cannot be saved right now")
        elif count == 1:
            title = _("About your history")
        else:
            title = ngettext(
                "{count} thing about your history", "{count} things about your history", count
            ).format(count=count)
        self.title_label.setText(title)
        self.setVisible(count > 0)
        self.set_unit(self._unit)

    def _add(self, row: _Row) -> None:
        self._rows.append(row)
        self._rows_box.addWidget(row)
