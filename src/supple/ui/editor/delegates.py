"""How the editor's lists draw their rows: a name with a quieter second line, and the
routine tree with block headings, muted targets and rows the validator objects to in red."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from supple.qt.routine_models import KIND_ROLE, PROBLEMS_ROLE
from supple.ui.editor.style import BODY_PX, SMALL_PX
from supple.ui.theme import Palette, font
from supple.ui.theme_registry import current_palette

Index = QModelIndex | QPersistentModelIndex


class TwoLineDelegate(QStyledItemDelegate):
    """The display text, and under it ``meta_role``'s text; ``tag_role`` (when true) adds
    ``tag`` at the right, e.g. "built-in"."""

    def __init__(
        self,
        meta_role: int,
        *,
        tag_role: int | None = None,
        tag: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.meta_role = meta_role
        self.tag_role = tag_role
        self.tag = tag
        self.palette = current_palette()  # a view that joins the theme keeps it current

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        name = QFontMetrics(font(BODY_PX, QFont.Weight.DemiBold)).height()
        meta = QFontMetrics(font(SMALL_PX)).height()
        return QSize(160, name + meta + 18)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        p = self.palette
        rect: QRect = option.rect  # type: ignore[attr-defined]  # 6.9 stubs lack it
        rect = rect.adjusted(2, 2, -2, -2)
        state = option.state  # type: ignore[attr-defined]  # 6.9 stubs lack it
        selected = bool(state & QStyle.StateFlag.State_Selected)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected:
            painter.setPen(QPen(QColor(p.accent), 1.5) if focused else Qt.PenStyle.NoPen)
            painter.setBrush(QColor(p.raised))
            painter.drawRoundedRect(rect, 8, 8)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(p.accent))
            painter.drawRoundedRect(
                QRect(rect.left() + 5, rect.top() + 10, 3, rect.height() - 20), 1.5, 1.5
            )
        left = rect.left() + 16
        width = rect.width() - 26
        tag_text = self.tag if self.tag_role is not None and index.data(self.tag_role) else ""
        small = font(SMALL_PX)
        tag_width = QFontMetrics(small).horizontalAdvance(tag_text) + 8 if tag_text else 0
        name_font = font(BODY_PX, QFont.Weight.DemiBold)
        name_metrics = QFontMetrics(name_font)
        top = rect.top() + 7
        painter.setFont(name_font)
        painter.setPen(QColor(p.text))
        name = name_metrics.elidedText(
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            Qt.TextElideMode.ElideRight,
            width - tag_width,
        )
        painter.drawText(
            QRect(left, top, width - tag_width, name_metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name,
        )
        painter.setFont(small)
        if tag_text:
            painter.setPen(QColor(p.faint))
            painter.drawText(
                QRect(left, top, width, name_metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                tag_text,
            )
        painter.setPen(QColor(p.accent if selected else p.muted))
        meta = QFontMetrics(small).elidedText(
            str(index.data(self.meta_role) or ""), Qt.TextElideMode.ElideRight, width
        )
        painter.drawText(
            QRect(left, top + name_metrics.height() + 1, width, QFontMetrics(small).height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            meta,
        )
        painter.restore()


class RoutineTreeDelegate(QStyledItemDelegate):
    """Blocks in bold, targets muted, and any row with a problem in the danger colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.palette: Palette = current_palette()

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        p = self.palette
        is_block = index.data(KIND_ROLE) == "block"
        problems = index.data(PROBLEMS_ROLE) or []
        weight = QFont.Weight.Bold if is_block else QFont.Weight.Normal
        option.font = font(BODY_PX, weight)  # type: ignore[attr-defined]  # 6.9 stubs lack it
        if problems:
            colour = p.danger
        elif index.column() == 1:
            colour = p.muted
        elif is_block:
            colour = p.accent
        else:
            colour = p.text
        palette: QPalette = option.palette  # type: ignore[attr-defined]  # 6.9 stubs lack it
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Text, QColor(colour))
            palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor(colour))
        if problems and index.column() == 0:
            option.text = f"\N{BLACK CIRCLE} {option.text}"  # type: ignore[attr-defined]  # 6.9 stubs lack it

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), 34))
