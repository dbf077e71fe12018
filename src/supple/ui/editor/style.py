"""The editor's look: the app's shared style sheet plus the form controls it does not cover.

The editor is a desk-distance form, not a screen read from the mat, so it uses normal
desktop sizes rather than the session's window-scaled ones.
"""

from __future__ import annotations

from PySide6.QtGui import QFont

from supple import paths
from supple.ui.theme import DARK, Palette, font, stylesheet

BODY_PX = 14
SMALL_PX = 12
TITLE_PX = 22
HEADING_PX = 17

Bold = QFont.Weight.Bold
DemiBold = QFont.Weight.DemiBold


def body_font(weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    return font(BODY_PX, weight)


_ARROW = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="6" viewBox="0 0 10 6">'
    '<path d="{path}" fill="none" stroke="{colour}" stroke-width="1.6" '
    'stroke-linecap="round" stroke-linejoin="round"/></svg>'
)
_ARROW_PATHS = {"up": "M1 5 L5 1 L9 5", "down": "M1 1 L5 5 L9 1"}


def arrow_file(direction: str, colour: str) -> str:
    """A small chevron picture for spin boxes and drop-downs (style sheets can only show
    pictures from files); drawn once into the cache folder."""
    folder = paths.cache_dir() / "editor-style"
    target = folder / f"{direction}-{colour.lstrip('#').lower()}.svg"
    if not target.is_file():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target.write_text(
                _ARROW.format(path=_ARROW_PATHS[direction], colour=colour), encoding="utf-8"
            )
        except OSError:
            return ""  # no arrows is better than no editor
    return target.as_posix()


def editor_stylesheet(p: Palette = DARK) -> str:
    """The shared sheet at desk scale, with inputs, buttons, lists and error outlines."""
    up, down = arrow_file("up", p.muted), arrow_file("down", p.muted)
    return (
        stylesheet(p, 1.0)
        + f"""
QWidget#RoutineEditor, QWidget#RoutineEditor QScrollArea > QWidget > QWidget,
QWidget[role="page"] {{
    background: {p.background};
}}
QScrollArea {{ background: transparent; border: none; }}
QFrame[role="panel"] {{
    background: {p.surface};
    border: 1px solid {p.border};
    border-radius: 12px;
}}
QFrame[role="sidebar"] {{
    background: {p.surface};
    border: none;
    border-right: 1px solid {p.border};
}}
QFrame[role="notice"] {{
    background: {p.raised};
    border: 1px solid {p.border};
    border-radius: 10px;
}}
QFrame[role="statusbar"] {{
    background: {p.surface};
    border: none;
    border-top: 1px solid {p.border};
}}
QLabel[role="caption"] {{ color: {p.muted}; }}
QLabel[role="field-error"] {{ color: {p.danger}; }}
QLabel[role="heading"] {{ color: {p.accent}; }}
QLabel[role="total"] {{ color: {p.accent}; }}
QLabel[role="badge"] {{
    color: {p.muted};
    background: {p.raised};
    border-radius: 8px;
    padding: 2px 8px;
}}
QLineEdit, QPlainTextEdit, QSpinBox, QDoubleSpinBox, QComboBox {{
    background: {p.background};
    color: {p.text};
    border: 1px solid {p.border};
    border-radius: 8px;
    padding: 5px 8px;
    selection-background-color: {p.accent};
    selection-color: {p.on_accent};
}}
QLineEdit:focus, QPlainTextEdit:focus, QSpinBox:focus, QDoubleSpinBox:focus,
QComboBox:focus {{
    border: 1px solid {p.accent};
}}
QLineEdit:disabled, QPlainTextEdit:disabled, QSpinBox:disabled, QDoubleSpinBox:disabled,
QComboBox:disabled {{
    color: {p.muted};
    background: {p.surface};
    border-color: {p.surface};
}}
*[invalid="true"], *[invalid="true"]:focus {{
    border: 2px solid {p.danger};
}}
QSpinBox, QDoubleSpinBox {{ padding: 5px 2px 5px 0px; }}
QAbstractSpinBox QLineEdit, QAbstractSpinBox QLineEdit:focus,
QAbstractSpinBox QLineEdit:disabled {{
    border: none;
    padding: 0px 0px 0px 8px;
    background: transparent;
}}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{
    border: none;
    background: transparent;
    width: 20px;
}}
QAbstractSpinBox::up-button {{ subcontrol-position: top right; margin-top: 4px; }}
QAbstractSpinBox::down-button {{ subcontrol-position: bottom right; margin-bottom: 4px; }}
QAbstractSpinBox::up-arrow {{ image: url("{up}"); width: 10px; height: 6px; }}
QAbstractSpinBox::down-arrow {{ image: url("{down}"); width: 10px; height: 6px; }}
QAbstractSpinBox::up-arrow:disabled, QAbstractSpinBox::up-arrow:off,
QAbstractSpinBox::down-arrow:disabled, QAbstractSpinBox::down-arrow:off {{ image: none; }}
QComboBox::drop-down {{ border: none; width: 26px; }}
QComboBox::down-arrow {{ image: url("{down}"); width: 10px; height: 6px; }}
QComboBox::down-arrow:disabled {{ image: none; }}
QComboBox QAbstractItemView {{
    background: {p.surface};
    color: {p.text};
    border: 1px solid {p.border};
    selection-background-color: {p.raised};
    outline: none;
}}
QPushButton {{
    background: {p.raised};
    color: {p.text};
    border: 1px solid {p.border};
    border-radius: 8px;
    padding: 6px 14px;
}}
QPushButton:hover {{ border-color: {p.accent}; }}
QPushButton:focus {{ border: 2px solid {p.accent}; }}
QPushButton:pressed {{ background: {p.border}; }}
QPushButton:disabled {{
    color: {p.faint};
    background: {p.surface};
    border-color: {p.border};
}}
QPushButton[role="primary"] {{
    background: {p.accent};
    color: {p.on_accent};
    border: none;
    border-radius: 8px;
    font-weight: bold;
}}
QPushButton[role="primary"]:focus, QPushButton[role="primary"]:hover {{
    border: 2px solid {p.text};
}}
QPushButton[role="primary"]:disabled {{
    background: {p.raised};
    color: {p.faint};
}}
QPushButton[role="flat"] {{
    background: transparent;
    border: 1px solid transparent;
    color: {p.muted};
}}
QPushButton[role="flat"]:hover, QPushButton[role="flat"]:focus {{
    color: {p.text};
    border-color: {p.border};
}}
QPushButton[role="flat"]:disabled {{ color: {p.faint}; background: transparent; }}
QTreeView, QListView {{
    background: {p.surface};
    alternate-background-color: {p.surface};
    color: {p.text};
    border: 1px solid {p.border};
    border-radius: 12px;
    padding: 4px;
    outline: none;
}}
QTreeView:focus, QListView:focus {{ border-color: {p.accent}; }}
QTreeView {{ show-decoration-selected: 1; }}
QTreeView::item {{ padding: 5px 4px; border: none; }}
QListView::item {{ padding: 5px 4px; border-radius: 6px; }}
QTreeView::item:selected, QTreeView::branch:selected, QListView::item:selected {{
    background: {p.raised};
}}
QTreeView::branch {{ background: transparent; }}
QTabWidget::pane {{ border: none; }}
QTabBar::tab {{
    background: transparent;
    color: {p.muted};
    padding: 6px 14px;
    border: none;
    border-bottom: 2px solid transparent;
}}
QTabBar::tab:selected {{ color: {p.text}; border-bottom: 2px solid {p.accent}; }}
QTabBar::tab:focus {{ color: {p.accent}; }}
QSplitter::handle {{ background: transparent; }}
QToolTip {{
    background: {p.raised};
    color: {p.text};
    border: 1px solid {p.border};
    padding: 4px;
}}
QMessageBox, QDialog {{ background: {p.surface}; }}
QMessageBox QLabel {{ color: {p.text}; }}
"""
    )
