"""Small pieces the review screen and its tabs share: the framed panel, the message bar,
and the page shown instead of the tabs while the history is empty."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from supple.core.i18n import _
from supple.ui.history.controls import LinkButton
from supple.ui.theme import font, set_role
from supple.ui.widgets import FitLabel, KeyButton, scale_layout

__all__ = ["DOT", "EmptyHistoryPage", "MessageBar", "panel", "scale_panel"]

DOT = "\N{MIDDLE DOT}"


def panel(title: str) -> tuple[QFrame, QVBoxLayout, QHBoxLayout, FitLabel]:
    """A framed panel: its column, the caption's row (for controls beside it), the caption."""
    frame = QFrame()
    set_role(frame, "panel")
    caption = FitLabel(title, size=13, weight=QFont.Weight.Bold, role="faint")
    head = QHBoxLayout()
    head.addWidget(caption, 1)
    layout = QVBoxLayout(frame)
    layout.addLayout(head)
    return frame, layout, head, caption


def scale_panel(frame: QFrame, unit: float) -> None:
    scale_layout(frame, unit, (18, 14, 18, 14), 6)


class MessageBar(QFrame):
    """The outcome of the last action, in plain words; long reports get a scrolling box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "info")
        self.ok = True
        self.label = FitLabel(size=16, lines=2)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.details.setAccessibleName(_("Details"))
        self.dismiss_button = LinkButton(_("Dismiss (D)"))
        self.dismiss_button.clicked.connect(self.hide)
        top = QHBoxLayout()
        top.addWidget(self.label, 1)
        top.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details)
        self.hide()

    def show_message(self, text: str, ok: bool) -> None:
        self.ok = ok
        first, _, rest = text.partition("\n")
        self.label.setText(first)
        self.label.setToolTip(text)
        set_role(self, "info" if ok else "banner")
        set_role(self.label, "" if ok else "danger")
        self.details.setPlainText(rest.strip("\n"))
        self.details.setVisible(bool(rest.strip()))
        self.show()

    def text(self) -> str:
        """The message shown now (empty when none)."""
        if self.isHidden():
            return ""
        rest = self.details.toPlainText()
        return self.label.text() + (f"\n{rest}" if rest else "")

    def set_unit(self, unit: float) -> None:
        self.label.set_unit(unit)
        self.dismiss_button.set_unit(unit)
        self.details.setFont(font(14 * unit))
        self.details.setFixedHeight(round(110 * unit))
        scale_layout(self, unit, (16, 10, 16, 10), 6)


class EmptyHistoryPage(QWidget):
    """What the screen shows before the first session: what will be here, and two ways in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        frame = QFrame()
        set_role(frame, "empty")
        center = Qt.AlignmentFlag.AlignCenter
        self.title = FitLabel(
            _("Your history starts with your first session"),
            size=32,
            weight=QFont.Weight.Bold,
            align=center,
        )
        self.text = FitLabel(
            _(
                "Every session is kept here: your streak and weekly goal, minutes per week, and "
                "how tight your hamstrings feel before and after, so you can see the pelvic work "
                "loosening them. Start a session from the home screen, bring in a history you "
                "exported elsewhere, or log a self-test."
            ),
            size=19,
            lines=4,
            role="muted",
            align=center,
        )
        self.import_button = KeyButton("I", _("Import a history"), size=17)
        self.log_button = KeyButton("L", _("Log a self-test"), size=17)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.log_button)
        buttons.addStretch(1)
        # A column of readable width in the middle of the frame.
        self.column = QWidget()
        self._column_layout = QVBoxLayout(self.column)
        self._column_layout.setContentsMargins(0, 0, 0, 0)
        self._column_layout.addWidget(self.title)
        self._column_layout.addWidget(self.text)
        self._column_layout.addSpacing(16)
        self._column_layout.addLayout(buttons)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(self.column, 6)
        middle.addStretch(1)
        self._inner = QVBoxLayout(frame)
        self._inner.addStretch(2)
        self._inner.addLayout(middle)
        self._inner.addStretch(3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(frame)

    def set_unit(self, unit: float) -> None:
        for label in (self.title, self.text):
            label.set_unit(unit)
        for button in (self.import_button, self.log_button):
            button.set_unit(unit)
        self._inner.setContentsMargins(*(round(48 * unit),) * 4)
        self.column.setMaximumWidth(round(920 * unit))
        self._column_layout.setSpacing(round(12 * unit))
        self._inner.setSpacing(round(14 * unit))
