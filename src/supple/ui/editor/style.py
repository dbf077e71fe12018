"""The editor's look: the app's shared style sheet, the shared form controls, its panels,
and the buttons and labels every part of it is made of.

The editor is a desk-distance form, not a screen read from the mat, so it uses normal
desktop sizes rather than the session's window-scaled ones.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton

from supple.ui.theme import DARK, Palette, font, form_stylesheet, set_role, stylesheet

BODY_PX = 14
SMALL_PX = 12
TITLE_PX = 22
HEADING_PX = 17

Bold = QFont.Weight.Bold
DemiBold = QFont.Weight.DemiBold


def body_font(weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    return font(BODY_PX, weight)


def editor_stylesheet(p: Palette = DARK) -> str:
    """The shared sheet at desk scale, the form controls, then the editor's own panels."""
    return (
        stylesheet(p, 1.0)
        + form_stylesheet(p)
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
"""
    )


def button(text: str, tip: str = "", role: str = "") -> QPushButton:
    made = QPushButton(text)
    made.setFont(body_font())
    if tip:
        made.setToolTip(tip)
    if role:
        set_role(made, role)
    return made


def label(
    text: str = "",
    *,
    size: int = BODY_PX,
    weight: QFont.Weight = QFont.Weight.Normal,
    role: str = "",
) -> QLabel:
    """Plain text (never rich text: names come from files) in the editor's type scale."""
    made = QLabel(text)
    made.setFont(font(size, weight))
    made.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        set_role(made, role)
    return made
