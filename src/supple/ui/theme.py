"""Colours, type and the style sheet, for a screen read from a mat a few metres away.

Everything is sized from one number, the window's *unit* (1.0 at 1280x720, 3.0 at
3840x2160), so the layout keeps its proportions from a small laptop to a 4K TV.
Fonts are set on widgets directly (not in the style sheet), which lets labels
shrink a long name to fit instead of clipping it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

BASE_WIDTH = 1280
BASE_HEIGHT = 720

FONT_FAMILIES = [
    "Inter",
    "Noto Sans",
    "Cantarell",
    "Ubuntu",
    "Nimbus Sans",
    "Helvetica",
    "DejaVu Sans",
]
"""Clean sans-serifs with equal-width digits, in order of preference; the first installed wins."""


@dataclass(frozen=True)
class Palette:
    name: str
    background: str
    surface: str
    """Cards and bars that sit on the background."""
    raised: str
    """Buttons and key caps on a surface."""
    border: str
    text: str
    muted: str
    faint: str
    accent: str
    on_accent: str
    rest: str
    """Get-ready, rest and side-switch countdowns: clearly not work."""
    left: str
    right: str
    danger: str
    overlay: str
    """The veil over a paused session (with alpha)."""
    picture_body: str
    picture_props: str
    picture_arrows: str


DARK = Palette(
    name="dark",
    background="#11161C",
    surface="#19212A",
    raised="#243040",
    border="#2E3A47",
    text="#F2F5F7",
    muted="#A3B1BE",
    faint="#6F7F8E",
    accent="#4FD1C5",
    on_accent="#08201D",
    rest="#F6C453",
    left="#6CB6FF",
    right="#FF9670",
    danger="#FF7A7A",
    overlay="rgba(8, 11, 15, 0.93)",
    picture_body="#E8EEF2",
    picture_props="#7A8A99",
    picture_arrows="#4FD1C5",
)

LIGHT = Palette(
    name="light",
    background="#F4F6F8",
    surface="#FFFFFF",
    raised="#E6EBF0",
    border="#D3DBE3",
    text="#0F141A",
    muted="#4B5866",
    faint="#7D8A97",
    accent="#0B8A7D",
    on_accent="#FFFFFF",
    rest="#9A5B00",
    left="#1660C4",
    right="#C2410C",
    danger="#C53030",
    overlay="rgba(244, 246, 248, 0.94)",
    picture_body="#1B2530",
    picture_props="#6B7A89",
    picture_arrows="#0B8A7D",
)

PALETTES = {p.name: p for p in (DARK, LIGHT)}

# The colours the exercise pictures are drawn with (on a dark background).
SVG_BODY = "#E8EEF2"
SVG_PROPS = "#7A8A99"
SVG_ARROWS = "#4FD1C5"


def palette_for(theme: str) -> Palette:
    return PALETTES.get(theme, DARK)


def unit_for(width: int, height: int) -> float:
    """The scale of a window: 1.0 at 1280x720, 3.0 at 3840x2160, limited by the tighter side."""
    return max(0.5, min(width / BASE_WIDTH, height / BASE_HEIGHT))


def font(pixels: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    result = QFont()
    result.setFamilies(FONT_FAMILIES)
    result.setPixelSize(max(1, round(pixels)))
    result.setWeight(weight)
    result.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return result


def set_role(widget: QWidget, role: str) -> None:
    """Give a widget a style role (``QWidget[role="..."]`` in the style sheet) and restyle it."""
    # Remembered on the Python side: cheaper than asking Qt, and re-polishing only on a
    # real change keeps per-second refreshes light.
    if getattr(widget, "_style_role", None) == role:
        return
    widget._style_role = role  # type: ignore[attr-defined]  # a plain Python attribute on the wrapper
    widget.setProperty("role", role)
    style = widget.style()
    # Children too: rules such as ``[role="primary"] QLabel`` style them by their parent's role.
    for item in [widget, *widget.findChildren(QWidget)]:
        style.unpolish(item)
        style.polish(item)
    QWidget.update(widget)  # item views overload update() with update(index)


def stylesheet(p: Palette, unit: float) -> str:
    def px(value: float) -> str:
        return f"{max(1, round(value * unit))}px"

    line = px(1)
    families = ", ".join(f'"{family}"' for family in FONT_FAMILIES)

    return f"""
QWidget#MainRoot, QStackedWidget, QWidget[role="page"] {{
    background: {p.background};
}}
QWidget {{ color: {p.text}; }}
QLabel {{ background: transparent; }}
QLabel[role="muted"] {{ color: {p.muted}; }}
QLabel[role="faint"] {{ color: {p.faint}; }}
QLabel[role="accent"] {{ color: {p.accent}; }}
QLabel[role="rest"] {{ color: {p.rest}; }}
QLabel[role="left"] {{ color: {p.left}; }}
QLabel[role="right"] {{ color: {p.right}; }}
QLabel[role="danger"] {{ color: {p.danger}; }}
QLabel[role="kicker-work"] {{ color: {p.accent}; }}
QLabel[role="kicker-rest"] {{ color: {p.rest}; }}
QFrame[role="card"] {{
    background: {p.surface};
    border: {line} solid {p.border};
    border-radius: {px(18)};
}}
QFrame[role="bar"] {{
    background: {p.surface};
    border: none;
}}
QFrame[role="banner"] {{
    background: {p.surface};
    border: {line} solid {p.danger};
    border-radius: {px(12)};
}}
QFrame[role="tile"] {{
    background: {p.surface};
    border: {line} solid {p.border};
    border-radius: {px(16)};
}}
QAbstractButton[role="key"] {{
    background: {p.surface};
    border: {line} solid {p.border};
    border-radius: {px(12)};
}}
QAbstractButton[role="key"]:hover {{ border-color: {p.accent}; }}
QAbstractButton[role="key"]:pressed {{ background: {p.raised}; }}
QAbstractButton[role="key"]:disabled {{ background: {p.background}; border-color: {p.surface}; }}
QAbstractButton[role="primary"] {{
    background: {p.accent};
    border: none;
    border-radius: {px(16)};
}}
QAbstractButton[role="primary"]:hover {{ background: {p.accent}; border: {px(2)} solid {p.text}; }}
QAbstractButton[role="primary"] QLabel {{ color: {p.on_accent}; }}
QAbstractButton[role="primary"] QLabel[role="keycap"] {{
    color: {p.on_accent};
    border: {px(2)} solid {p.on_accent};
    background: transparent;
}}
QLabel[role="keycap"] {{
    color: {p.text};
    background: {p.raised};
    border: {line} solid {p.border};
    border-radius: {px(7)};
    padding: 0px {px(7)};
}}
QLabel:disabled {{ color: {p.faint}; }}
QListWidget {{
    background: {p.surface};
    border: {line} solid {p.border};
    border-radius: {px(16)};
    padding: {px(8)};
    outline: none;
}}
QListWidget[role="plain"] {{
    background: transparent;
    border: none;
    padding: 0px;
}}
QTableWidget {{
    background: {p.surface};
    border: {line} solid {p.border};
    border-radius: {px(16)};
    gridline-color: transparent;
    outline: none;
}}
QTableWidget::item {{
    border-bottom: {line} solid {p.border};
    padding: 0px {px(14)};
}}
QHeaderView::section {{
    background: {p.surface};
    color: {p.muted};
    font-family: {families};
    font-size: {px(15)};
    font-weight: bold;
    border: none;
    border-bottom: {line} solid {p.border};
    padding: {px(8)} {px(14)} {px(8)} {px(17)};
}}
QScrollBar:vertical {{
    background: transparent;
    width: {px(10)};
    margin: {px(4)};
}}
QScrollBar::handle:vertical {{
    background: {p.faint};
    border-radius: {px(3)};
    min-height: {px(30)};
}}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0px; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
QDialog {{
    background: {p.surface};
    border: {px(2)} solid {p.border};
}}
QWidget#PauseOverlay {{ background: {p.overlay}; }}
"""
