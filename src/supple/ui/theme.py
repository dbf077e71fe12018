"""Colours, type and the style sheet, for a screen read from a mat a few metres away.

Everything is sized from one number, the window's *unit* (1.0 at 1280x720, 3.0 at
3840x2160), so the layout keeps its proportions from a small laptop to a 4K TV.
Fonts are set on widgets directly (not in the style sheet), which lets labels
shrink a long name to fit instead of clipping it. The typeface ships with Supple
(``assets/fonts``) and ``install_font`` loads it, so the look and every text width are
the same on every machine whatever fonts it has.

Forms and dialogs used at the desk (the editor, a file dialog) are the exception:
``form_stylesheet`` gives their controls normal desktop sizes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QWidget

from supple import paths
from supple.core.i18n import _

BASE_WIDTH = 1280
BASE_HEIGHT = 720

FONT_FAMILY = "Noto Sans"
FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-SemiBold.ttf", "NotoSans-Bold.ttf")
"""The weights the UI uses (Normal, DemiBold, Bold), shipped in ``assets/fonts`` (SIL OFL)."""
FONT_FAMILIES = [FONT_FAMILY, "sans-serif"]
"""The shipped typeface, then the system's sans-serif if its files could not be loaded."""
TABULAR_DIGITS = QFont.Tag("tnum")
"""Equal-width digits, so a counting number or a clock does not shift sideways as it changes."""

_font_tried = False


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
    work_bg: str
    """The session screen's background during a set: each kind of step has its own colour,
    so the state reads from the corner of the eye; every session text keeps 4.5:1 on it."""
    rest_bg: str
    get_ready_bg: str
    switch_bg: str
    flash_bg: str
    """Where the background swings to on each 3-2-1 of a countdown."""


DARK = Palette(
    name="dark",
    background="#11161C",
    surface="#19212A",
    raised="#243040",
    border="#2E3A47",
    text="#F2F5F7",
    muted="#A3B1BE",
    faint="#8A99A7",  # 4.5:1 on the background, cards and buttons
    accent="#4FD1C5",
    on_accent="#08201D",
    rest="#F6C453",
    left="#6CB6FF",
    right="#FF9670",
    danger="#FF8F8F",
    overlay="rgba(8, 11, 15, 0.93)",
    picture_body="#E8EEF2",
    picture_props="#7A8A99",
    picture_arrows="#4FD1C5",
    work_bg="#0B3B37",
    rest_bg="#3D2C08",
    get_ready_bg="#13294D",
    switch_bg="#37204F",
    flash_bg="#2A3D52",
)

LIGHT = Palette(
    name="light",
    background="#F4F6F8",
    surface="#FFFFFF",
    raised="#E6EBF0",
    border="#D3DBE3",
    text="#0F141A",
    muted="#4B5866",
    faint="#5F6B78",  # 4.5:1 on the background, cards and buttons
    accent="#066A60",
    on_accent="#FFFFFF",
    rest="#8A5000",
    left="#1660C4",
    right="#A8380A",
    danger="#B02525",
    overlay="rgba(244, 246, 248, 0.94)",
    picture_body="#1B2530",
    picture_props="#6B7A89",
    picture_arrows="#0B8A7D",
    work_bg="#CDEFEA",
    rest_bg="#FCE6B2",
    get_ready_bg="#D5E3F7",
    switch_bg="#EBDDF8",
    flash_bg="#FFFFFF",
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


def install_font(app: QGuiApplication) -> str | None:
    """Load the shipped typeface and make it the application's default font.

    Call it once the application exists and before any widget is built (the app and the
    tests' application both do). A file that is missing or unreadable leaves the text in
    the system's sans-serif: the problem is returned the first time only, to be said once.
    """
    global _font_tried
    if _font_tried:
        return None
    _font_tried = True
    folder = paths.assets_dir() / "fonts"
    failed = [
        name
        for name in FONT_FILES
        if FONT_FAMILY
        not in QFontDatabase.applicationFontFamilies(
            QFontDatabase.addApplicationFont(str(folder / name))
        )
    ]
    default = _styled(QFont(app.font()))
    default.setFamilies(FONT_FAMILIES)
    app.setFont(default)
    if not failed:
        return None
    return _(
        "Supple could not load its font ({files} in {folder}), so text is "
        "shown in the system's sans-serif and may not fit everywhere; "
        "reinstall Supple to bring the font back."
    ).format(files=", ".join(failed), folder=folder)


def _styled(result: QFont) -> QFont:
    """The settings every font of the UI shares: no hinting (the same text widths at any
    screen setting) and equal-width digits."""
    result.setStyleHint(QFont.StyleHint.SansSerif)
    result.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    result.setFeature(TABULAR_DIGITS, 1)
    return result


def font(pixels: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    """The UI's typeface at a size and weight: for widgets, painters and charts alike."""
    result = _styled(QFont())
    result.setFamilies(FONT_FAMILIES)
    result.setPixelSize(max(1, round(pixels)))
    result.setWeight(weight)
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
QFrame[role="band"] {{ background: transparent; border: none; }}
QFrame[role="outline"] {{
    background: transparent;
    border: {line} solid {p.border};
    border-radius: {px(18)};
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


_ARROW = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="6" viewBox="0 0 10 6">'
    '<path d="{path}" fill="none" stroke="{colour}" stroke-width="1.6" '
    'stroke-linecap="round" stroke-linejoin="round"/></svg>'
)
_ARROW_PATHS = {"up": "M1 5 L5 1 L9 5", "down": "M1 1 L5 5 L9 1"}


def arrow_file(direction: str, colour: str) -> str:
    """A small chevron picture for spin boxes and drop-downs (style sheets can only show
    pictures from files); drawn once into the cache folder."""
    folder = paths.cache_dir() / "style-arrows"
    target = folder / f"{direction}-{colour.lstrip('#').lower()}.svg"
    if not target.is_file():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target.write_text(
                _ARROW.format(path=_ARROW_PATHS[direction], colour=colour), encoding="utf-8"
            )
        except OSError:
            return ""  # no arrows is better than no form
    return target.as_posix()


def form_stylesheet(p: Palette) -> str:
    """Inputs, buttons, lists and dialogs at desk scale, for any form or dialog.

    The window's sheet colours all text for a dark (or light) screen but leaves these
    controls to the platform style, which would draw, say, white text on a white field.
    Give a dialog this sheet (after the window's, or on the dialog itself) and every
    control in it, including those of Qt's own file dialog, follows the palette.
    """
    up, down = arrow_file("up", p.muted), arrow_file("down", p.muted)
    families = ", ".join(f'"{family}"' for family in FONT_FAMILIES)
    return f"""
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
    selection-color: {p.text};
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
QFileDialog QLabel {{ color: {p.text}; }}
QFileDialog QListView#sidebar {{ background: {p.background}; }}
QFileDialog QHeaderView {{ background: transparent; border: none; }}
QFileDialog QHeaderView::section {{
    background: {p.surface};
    color: {p.muted};
    font-family: {families};
    font-size: 13px;
    font-weight: bold;
    border: none;
    border-bottom: 1px solid {p.border};
    padding: 4px 8px;
}}
QFileDialog QToolButton {{
    background: transparent;
    border: 1px solid transparent;
    border-radius: 6px;
    padding: 3px;
}}
QFileDialog QToolButton:hover, QFileDialog QToolButton:focus {{ border-color: {p.accent}; }}
QFileDialog QToolButton:checked, QFileDialog QToolButton:pressed {{
    background: {p.raised};
    border-color: {p.border};
}}
"""
