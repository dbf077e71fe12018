"""Form pieces: a field with its caption and the validator's message, number and choice
inputs that accept out-of-range values (so the validator, not the widget, says what is
allowed), and a picture preview for built-in and user pictures.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRectF, QSignalBlocker, QSize, Qt
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from supple.ui.editor.style import SMALL_PX, body_font
from supple.ui.picture import PictureDrawing, load_picture
from supple.ui.theme import DARK, Palette, font, set_role
from supple.ui.theme_registry import join

NUMBER_CEILING = 99_999
"""Inputs go far past the validator's limits, so a wrong value is kept and explained."""


def set_invalid(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


class FieldRow(QWidget):
    """A caption, an input and, when the validator objects, its message under the input
    in the input's red outline's colour. ``field`` is the file key the row edits."""

    def __init__(
        self,
        caption: str,
        editor: QWidget,
        *,
        field: str,
        hint: str = "",
        outline: QWidget | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.editor = editor
        self._outline = outline or editor
        """What turns red when the validator objects (the input itself, unless it is a
        group such as a drop-down with a button beside it)."""
        self.caption = QLabel(caption)
        self.caption.setFont(font(SMALL_PX, QFont.Weight.DemiBold))
        set_role(self.caption, "caption")
        self.caption.setBuddy(editor)
        self.error = QLabel()
        self.error.setFont(font(SMALL_PX))
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.error, "field-error")
        self.error.hide()
        editor.setFont(body_font())
        if hint:
            editor.setToolTip(hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.caption)
        layout.addWidget(editor)
        layout.addWidget(self.error)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    @property
    def message(self) -> str:
        """The validator's message shown at this field ("" when it is fine)."""
        return self.error.text() if not self.error.isHidden() else ""

    def set_messages(self, messages: Sequence[str]) -> None:
        text = "\n".join(messages)
        set_invalid(self._outline, bool(text))
        self.editor.setAccessibleDescription(text)
        self.error.setText(text)
        self.error.setVisible(bool(text))


def number(minimum: int = 0, suffix: str = "", special: str = "") -> QSpinBox:
    """A whole-number input; ``special`` is shown for ``minimum`` (e.g. "Block rest")."""
    box = QSpinBox()
    box.setRange(minimum, NUMBER_CEILING)
    box.setSuffix(suffix)
    if special:
        box.setSpecialValueText(special)
    box.setAccelerated(True)
    box.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
    box.lineEdit().setTextMargins(6, 0, 0, 0)
    return box


def decimal(suffix: str = "", step: float = 0.5) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0.0, 999.0)
    box.setDecimals(1)
    box.setSingleStep(step)
    box.setSuffix(suffix)
    box.lineEdit().setTextMargins(6, 0, 0, 0)
    return box


class Choice(QComboBox):
    """A drop-down whose items stand for Python values (enum members, ``None``, ``True``),
    kept on the Python side: Qt would hand a ``StrEnum`` back as plain text."""

    def __init__(self, items: Sequence[tuple[str, object]] = ()) -> None:
        super().__init__()
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        self.values: list[object] = []
        self.set_items(items)

    def set_items(self, items: Sequence[tuple[str, object]]) -> None:
        with QSignalBlocker(self):
            self.clear()
            self.values = [value for _text, value in items]
            for text, _value in items:
                self.addItem(text)

    def value(self) -> object:
        index = self.currentIndex()
        return self.values[index] if 0 <= index < len(self.values) else None

    def select(self, value: object) -> None:
        """Make ``value``'s item current (the first item if it is not offered)."""
        position = next(
            (i for i, v in enumerate(self.values) if v == value and type(v) is type(value)), 0
        )
        if self.currentIndex() != position:
            self.setCurrentIndex(position)


def choice(items: Sequence[tuple[str, object]]) -> Choice:
    return Choice(items)


def show_value(widget: QWidget, value: object) -> None:
    """Put a value into an input without it reporting an edit."""
    with QSignalBlocker(widget):
        if isinstance(widget, QLineEdit):
            if widget.text() != value:
                widget.setText(str(value))
                if not widget.hasFocus():
                    widget.setCursorPosition(0)
        elif isinstance(widget, QPlainTextEdit):
            if widget.toPlainText() != value:
                widget.setPlainText(str(value))
        elif isinstance(widget, QDoubleSpinBox):
            if widget.value() != value:
                widget.setValue(float(value))  # type: ignore[arg-type]  # numbers only here
        elif isinstance(widget, QSpinBox):
            if widget.value() != value:
                widget.setValue(int(value))  # type: ignore[call-overload]  # numbers only here
        elif isinstance(widget, Choice):
            widget.select(value)


class UndoKeys(QObject):
    """Sends Ctrl+Z / Ctrl+Shift+Z in text inputs to the editor's undo history instead of
    the input's own, so one undo history covers every change, wherever the focus is."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            combined = event.keyCombination()
            if any(
                QKeySequence(combined).matches(seq) == QKeySequence.SequenceMatch.ExactMatch
                for key in (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
                for seq in QKeySequence.keyBindings(key)
            ):
                return True  # not accepted: the editor's shortcut handles it
        return False


class PicturePreview(QWidget):
    """An exercise picture: a built-in one by name, or a user's SVG or PNG file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._drawing = PictureDrawing(self)
        self._palette = DARK
        self._builtin = ""
        """The built-in picture shown, drawn again in a new theme's colours."""
        self.shown = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        join(self)

    def sizeHint(self) -> QSize:
        return QSize(240, 160)

    def minimumSizeHint(self) -> QSize:
        return QSize(80, 60)

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        if self._builtin:
            self.show_builtin(self._builtin)

    def show_builtin(self, name: str) -> None:
        self._builtin = name
        shown, data = load_picture(name, self._palette)
        if data is None or not self._drawing.load(data):
            self._drawing.clear()
            shown = ""
        self.shown = shown
        self.update()

    def show_file(self, path: Path) -> None:
        self._builtin = ""
        try:
            data = path.read_bytes()
        except OSError:
            data = b""
        self.shown = path.name if self._drawing.load(data) else ""
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._drawing.paint(painter, QRectF(self.rect()))
