"""The home screen: pick a routine, see what is in it, press Enter.

Up and Down move through the routines; the history part of the app fills the
marked area at the bottom (streak, this week, last session).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from supple.core.i18n import _, ngettext
from supple.core.model import Routine
from supple.core.plan import compile_plan
from supple.ui import wording
from supple.ui.theme import DARK, Palette, font, set_role
from supple.ui.theme_registry import join
from supple.ui.whole_rows import WholeRows
from supple.ui.widgets import FitLabel, KeyButton, SlotArea, scale_layout

ROUTINE_ROLE = Qt.ItemDataRole.UserRole
META_ROLE = Qt.ItemDataRole.UserRole + 1
ORIGIN_ROLE = Qt.ItemDataRole.UserRole + 2
HEADING_ROLE = Qt.ItemDataRole.UserRole + 3
MAX_PROBLEMS_SHOWN = 4

Bold = QFont.Weight.Bold
DemiBold = QFont.Weight.DemiBold

Index = QModelIndex | QPersistentModelIndex


class RoutineDelegate(QStyledItemDelegate):
    """A routine as a card: its name, and its length and exercise count beneath."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit = 1.0
        self.palette = DARK

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(round(200 * self.unit), round(78 * self.unit))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        u, p = self.unit, self.palette
        rect: QRect = option.rect  # type: ignore[attr-defined]  # 6.9 stubs lack it
        rect = rect.adjusted(0, round(3 * u), 0, -round(3 * u))
        state = option.state  # type: ignore[attr-defined]  # 6.9 stubs lack it
        selected = bool(state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected:
            painter.setPen(QPen(QColor(p.accent), max(1.0, 2 * u)))
            painter.setBrush(QColor(p.raised))
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 12 * u, 12 * u)
            bar = QRect(
                rect.left() + round(10 * u),
                rect.top() + round(16 * u),
                round(4 * u),
                rect.height() - round(32 * u),
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(p.accent))
            painter.drawRoundedRect(bar, 2 * u, 2 * u)
        text_left = rect.left() + round(26 * u)
        width = rect.width() - round(40 * u)
        name_font = font(21 * u, Bold)
        meta_font = font(16 * u)
        origin = str(index.data(ORIGIN_ROLE) or "")
        origin_width = QFontMetrics(meta_font).horizontalAdvance(origin) + round(8 * u)
        painter.setFont(name_font)
        painter.setPen(QColor(p.text))
        top = rect.top() + round(12 * u)
        name_h = QFontMetrics(name_font).height()
        name = QFontMetrics(name_font).elidedText(
            str(index.data(Qt.ItemDataRole.DisplayRole)),
            Qt.TextElideMode.ElideRight,
            width - origin_width,
        )
        painter.drawText(
            QRect(text_left, top, width - origin_width, name_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name,
        )
        painter.setFont(meta_font)
        painter.setPen(QColor(p.faint))
        painter.drawText(
            QRect(text_left, top, width, name_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            origin,
        )
        painter.setPen(QColor(p.accent if selected else p.muted))
        meta_h = QFontMetrics(meta_font).height()
        painter.drawText(
            QRect(text_left, top + name_h + round(2 * u), width, meta_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            str(index.data(META_ROLE) or ""),
        )
        painter.restore()


class PreviewDelegate(QStyledItemDelegate):
    """Block headings in small capitals, exercises with their target right-aligned."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit = 1.0
        self.palette = DARK

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        heading = bool(index.data(HEADING_ROLE))
        return QSize(100, round((44 if heading else 34) * self.unit))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        u, p = self.unit, self.palette
        rect: QRect = option.rect  # type: ignore[attr-defined]  # 6.9 stubs lack it
        heading = bool(index.data(HEADING_ROLE))
        name = str(index.data(Qt.ItemDataRole.DisplayRole))
        target = str(index.data(META_ROLE) or "")
        painter.save()
        if heading:
            painter.setFont(font(15 * u, Bold))
            painter.setPen(QColor(p.accent))
            area = rect.adjusted(0, round(12 * u), 0, 0)
            painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        else:
            target_font = font(17 * u)
            name_font = font(19 * u, DemiBold)
            target_w = QFontMetrics(target_font).horizontalAdvance(target) + round(16 * u)
            painter.setFont(name_font)
            painter.setPen(QColor(p.text))
            shown = QFontMetrics(name_font).elidedText(
                name, Qt.TextElideMode.ElideRight, rect.width() - target_w
            )
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown
            )
            painter.setFont(target_font)
            painter.setPen(QColor(p.muted))
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, target
            )
        painter.restore()


class HomeView(QWidget):
    """Routine picker, preview, Start, problems banner and the history slot."""

    start_requested = Signal(object)
    """The user asked to start the selected routine (a ``Routine``)."""
    selection_changed = Signal(object)

    def __init__(
        self,
        start: QAction,
        theme: QAction,
        mute: QAction,
        fullscreen: QAction,
        edit: QAction,
        sound: QAction,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        set_role(self, "page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._start = start
        self._routines: list[Routine] = []
        self._build(theme, mute, fullscreen, edit, sound)
        self._connect()
        join(self)

    def _build(
        self, theme: QAction, mute: QAction, fullscreen: QAction, edit: QAction, sound: QAction
    ) -> None:
        self.brand_label = FitLabel("Supple", size=34, weight=Bold, role="accent")
        self.tagline_label = FitLabel(_("Mobility for tight hamstrings"), size=19, role="muted")
        self.theme_button = KeyButton("T", _("Light theme"), theme, size=16)
        self.mute_button = KeyButton("M", _("Mute"), mute, size=16)
        self.fullscreen_button = KeyButton("F11", _("Full screen"), fullscreen, size=16)
        self.edit_button = KeyButton("E", _("Edit routines"), edit, size=16)
        self.sound_button = KeyButton("O", _("Sound"), sound, size=16)
        header = QHBoxLayout()
        header.addWidget(self.brand_label)
        header.addWidget(self.tagline_label, 1)
        for button in (
            self.edit_button,
            self.sound_button,
            self.theme_button,
            self.mute_button,
            self.fullscreen_button,
        ):
            header.addWidget(button)

        # Problems with routine files or settings, all in one place, never in the way.
        self.banner = QFrame()
        set_role(self.banner, "banner")
        self.banner_title = FitLabel(size=18, weight=Bold, role="danger")
        self.problem_labels = [
            FitLabel(size=16, lines=2, role="muted") for _ in range(MAX_PROBLEMS_SHOWN + 1)
        ]
        banner = QVBoxLayout(self.banner)
        banner.addWidget(self.banner_title)
        for label in self.problem_labels:
            banner.addWidget(label)
        self.banner.hide()

        self.routines_heading = FitLabel(_("ROUTINES"), size=15, weight=Bold, role="muted")
        self.routine_list = QListWidget()
        self.routine_list.setObjectName("RoutineList")
        self.routine_delegate = RoutineDelegate(self.routine_list)
        self.routine_list.setItemDelegate(self.routine_delegate)
        self.routine_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.routine_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.routine_list.setAccessibleName(_("Routines"))
        left = QVBoxLayout()
        left.addWidget(self.routines_heading)
        left.addWidget(self.routine_list, 1)

        self.detail_card = QFrame()
        set_role(self.detail_card, "card")
        self.name_label = FitLabel(size=44, weight=Bold)
        self.meta_label = FitLabel(size=20, weight=DemiBold, role="accent")
        self.description_label = FitLabel(size=18, lines=3, role="muted")
        self.preview_list = QListWidget()
        self.preview_list.setObjectName("Preview")
        set_role(self.preview_list, "plain")
        self.preview_delegate = PreviewDelegate(self.preview_list)
        self.preview_list.setItemDelegate(self.preview_delegate)
        # Tab reaches it, and the arrow keys then scroll a routine longer than the card.
        self.preview_list.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.preview_list.setAccessibleName(_("What the routine does"))
        self.preview_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # Whole rows only, and room for three of them however many notices Home shows.
        self.preview_rows = WholeRows(self.preview_list, least=3)
        self.preview_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.start_button = KeyButton(_("Enter"), _("Start"), self._start, primary=True, size=24)
        detail = QVBoxLayout(self.detail_card)
        detail.addWidget(self.name_label)
        detail.addWidget(self.meta_label)
        detail.addWidget(self.description_label)
        detail.addWidget(self.preview_list, 1)
        detail.addWidget(self.start_button)

        columns = QHBoxLayout()
        columns.addLayout(left, 36)
        columns.addWidget(self.detail_card, 64)

        self.history_area = SlotArea("HistoryArea")
        """Filled by the history part of the app: streak, this week, last session."""

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addLayout(columns, 1)
        layout.addWidget(self.history_area)

    def _connect(self) -> None:
        self.routine_list.currentRowChanged.connect(self.on_current_row_changed)
        self.routine_list.itemActivated.connect(self.on_item_activated)

    # --- content -----------------------------------------------------------------------

    def set_routines(self, routines: Sequence[Routine], builtin_ids: frozenset[str]) -> None:
        keep = self.selected_routine()
        self._routines = list(routines)
        self.routine_list.clear()
        for routine in self._routines:
            item = QListWidgetItem(routine.name)
            item.setData(META_ROLE, wording.routine_meta(compile_plan(routine)))
            item.setData(ORIGIN_ROLE, _("built-in") if routine.id in builtin_ids else _("yours"))
            item.setToolTip(routine.description)
            self.routine_list.addItem(item)
        if not (keep is not None and self.select_routine(keep.id)) and self._routines:
            self.routine_list.setCurrentRow(0)

    def routines(self) -> list[Routine]:
        return list(self._routines)

    def select_routine(self, routine_id: str) -> bool:
        for row, routine in enumerate(self._routines):
            if routine.id == routine_id:
                self.routine_list.setCurrentRow(row)
                return True
        return False

    def selected_routine(self) -> Routine | None:
        row = self.routine_list.currentRow()
        return self._routines[row] if 0 <= row < len(self._routines) else None

    def set_problems(self, problems: Sequence[str]) -> None:
        """Show what could not be loaded (routines, settings); an empty list hides the banner."""
        count = len(problems)
        self.banner.setVisible(count > 0)
        self.banner_title.setText(
            ngettext(
                "{count} thing needs your attention", "{count} things need your attention", count
            ).format(count=count)
        )
        shown = list(problems[:MAX_PROBLEMS_SHOWN])
        if count > MAX_PROBLEMS_SHOWN:
            shown.append(
                _(
                    "\N{HORIZONTAL ELLIPSIS} and {count} more "
                    '(run "supple routines list" in a terminal to see them all)'
                ).format(count=count - MAX_PROBLEMS_SHOWN)
            )
        for label, text in zip(
            self.problem_labels, shown + [""] * len(self.problem_labels), strict=False
        ):
            label.setText(text)
            label.setVisible(bool(text))
            label.setToolTip(text)

    def problems_shown(self) -> list[str]:
        return [label.text() for label in self.problem_labels if label.text()]

    def focus_routines(self) -> None:
        self.routine_list.setFocus()

    # --- slots -------------------------------------------------------------------------

    def on_current_row_changed(self, row: int) -> None:
        routine = self.selected_routine()
        self.preview_list.clear()
        if routine is None:
            self.name_label.setText(_("No routine"))
            self.meta_label.setText("")
            self.description_label.setText("")
            return
        self.name_label.setText(routine.name)
        self.meta_label.setText(wording.routine_meta(compile_plan(routine)))
        self.description_label.setText(routine.description)
        for name, target in wording.preview(routine):
            item = QListWidgetItem(name)
            item.setData(META_ROLE, target)
            item.setData(HEADING_ROLE, not target)
            self.preview_list.addItem(item)
        self.preview_rows.fit()
        self.selection_changed.emit(routine)

    def on_item_activated(self, item: QListWidgetItem) -> None:
        self._start.trigger()

    # --- look --------------------------------------------------------------------------

    def set_theme_label(self, theme: str) -> None:
        self.theme_button.set_text(_("Light theme") if theme == "dark" else _("Dark theme"))

    def set_muted(self, muted: bool) -> None:
        self.mute_button.set_text(_("Unmute") if muted else _("Mute"))

    def set_palette(self, palette: Palette) -> None:
        for delegate in (self.routine_delegate, self.preview_delegate):
            delegate.palette = palette
        self._repaint_lists()

    def set_unit(self, unit: float) -> None:
        for label in self.findChildren(FitLabel):
            label.set_unit(unit)
        for button in self.findChildren(KeyButton):
            button.set_unit(unit)
        for delegate in (self.routine_delegate, self.preview_delegate):
            delegate.unit = unit
        for view in (self.routine_list, self.preview_list):
            view.doItemsLayout()
        self._repaint_lists()
        self.preview_rows.fit()

        scale_layout(self, unit, (40, 28, 40, 28), 20)
        scale_layout(self.banner, unit, (18, 12, 18, 12), 4)
        scale_layout(self.detail_card, unit, (32, 26, 32, 26), 8)
        self.routine_list.setSpacing(0)

    def _repaint_lists(self) -> None:
        """Repaint the lists' cards, once Home is on screen (before, its first paint does it).

        PySide answers a first ``viewport()`` call by loading every QtWidgets class, about
        20 ms: worth paying on a theme change, not before the window is shown.
        """
        if not self.isVisible():
            return
        for view in (self.routine_list, self.preview_list):
            view.viewport().update()
