"""One look on every machine: the shipped font, whatever fonts the machine has or prefers.

Each check starts a fresh process with a fontconfig file of its own, whose default
sans-serif is another installed family, and compares what Supple draws there with what
it draws under the machine's own fonts: font families, text widths, a style-sheet
header, a chart axis and the pixels of a rendered dialog.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase

from supple import paths
from supple.ui.theme import FONT_FAMILY, FONT_FILES

ROOT = Path(__file__).resolve().parents[2]
OTHER_FAMILIES = ("DejaVu Serif", "Liberation Serif", "Noto Serif", "DejaVu Sans", "FreeSerif")
"""Families to make the machine's default, first choice first: serifs look most unlike."""
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")

PROBE = """
import hashlib, json, sys
from PySide6.QtCharts import QValueAxis
from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF, QImage
from PySide6.QtWidgets import QApplication, QLabel, QTableWidget, QWidget

app = QApplication(sys.argv[:1])
from supple.ui import theme
from supple.ui.question_panel import QuestionPanel

if "--without-font" in sys.argv:
    theme.FONT_FILES = ("missing-font.ttf",)
seen = {"problem": theme.install_font(app), "again": theme.install_font(app)}
seen["default"] = QFontInfo(app.font()).family()
sample = "Hip 90/90 transition, 12 of 20 \N{MIDDLE DOT} 0123456789"
for weight in (QFont.Weight.Normal, QFont.Weight.DemiBold, QFont.Weight.Bold):
    font = theme.font(17, weight)
    info = QFontInfo(font)
    width = QFontMetricsF(font).horizontalAdvance(sample)
    seen[weight.name] = [info.family(), info.styleName(), width]
seen["digits"] = sorted({QFontMetricsF(theme.font(100)).horizontalAdvance(d) for d in "0123456789"})
label = QLabel(sample)
seen["plain label"] = [QFontInfo(label.font()).family(), label.sizeHint().width()]
table = QTableWidget(1, 2)
table.setHorizontalHeaderLabels(["Routine", "Tightness"])
table.setStyleSheet(theme.stylesheet(theme.DARK, 1.0))
table.show()
seen["header"] = [table.horizontalHeader().sectionSizeHint(c) for c in range(2)]
seen["chart axis"] = QFontInfo(QValueAxis().labelsFont()).family()
holder = QWidget()
holder.setStyleSheet(theme.stylesheet(theme.DARK, 1.0))
holder.resize(1280, 720)
holder.show()
dialog = QuestionPanel(holder)
dialog.ask("End the session?", "What you have done so far is kept.", yes="End", no="Keep going",
           answer=print)
app.processEvents()
labels = dialog.findChildren(QLabel)
seen["dialog labels"] = [[l.font().pixelSize(), l.sizeHint().width()] for l in labels]
image = dialog.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
seen["dialog pixels"] = hashlib.sha256(bytes(image.constBits())).hexdigest()
print(json.dumps(seen))
"""


def run_with_fonts(
    config: Path | None, *args: str, timeout: float = 120
) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("FONTCONFIG_FILE", None)
    if config is not None:
        env["FONTCONFIG_FILE"] = str(config)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def probe(config: Path | None, *args: str) -> dict:
    done = run_with_fonts(config, "-c", PROBE, *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def other_default(qapp, tmp_path_factory) -> tuple[Path, str]:
    """A fontconfig file whose sans-serif is another installed family, and that family."""
    installed = set(QFontDatabase.families())
    family = next((f for f in OTHER_FAMILIES if f in installed), None)
    if family is None:
        pytest.skip(f"none of {', '.join(OTHER_FAMILIES)} is installed to stand in as the default")
    folder = tmp_path_factory.mktemp("fontconfig")
    dirs = "".join(f"<dir>{Path(d).expanduser()}</dir>" for d in FONT_FOLDERS)
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"{dirs}<cachedir>{folder / 'cache'}</cachedir>"
        '<alias binding="strong"><family>sans-serif</family>'
        f"<prefer><family>{family}</family></prefer></alias>"
        "</fontconfig>",
        encoding="utf-8",
    )
    return config, family


@pytest.fixture(scope="module")
def as_usual():
    """What Supple draws under the machine's own font configuration."""
    return probe(None)


def test_the_ui_is_drawn_in_the_shipped_font_with_equal_width_digits(as_usual):
    assert as_usual["problem"] is None
    for key in ("default", "plain label", "chart axis", "Normal", "DemiBold", "Bold"):
        family = as_usual[key] if isinstance(as_usual[key], str) else as_usual[key][0]
        assert family == FONT_FAMILY, key
    assert [as_usual[w][1] for w in ("Normal", "DemiBold", "Bold")] == [
        "Regular",
        "SemiBold",
        "Bold",
    ]
    assert max(as_usual["digits"]) - min(as_usual["digits"]) < 0.5


def test_another_default_font_changes_nothing_supple_draws(as_usual, other_default):
    config, _ = other_default
    assert probe(config) == as_usual


def test_without_its_font_supple_says_so_once_and_uses_the_systems(as_usual, other_default):
    """Also shows that the fontconfig file above really gives the machine another default."""
    config, family = other_default
    fallback = probe(config, "--without-font")
    assert "missing-font.ttf" in fallback["problem"]
    assert "system's sans-serif" in fallback["problem"]
    assert fallback["again"] is None
    assert fallback["default"] == family
    assert fallback["Normal"][0] == family
    assert fallback["dialog pixels"] != as_usual["dialog pixels"]


def test_the_layout_checks_pass_with_another_default_font(other_default):
    config, _ = other_default
    done = run_with_fonts(
        config,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "tests/ui/test_layout.py::test_the_longest_name_is_shown_whole_and_large",
        "tests/ui/history/test_layout.py::test_nothing_is_cut_off_on_the_review_screen",
        timeout=240,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "3 passed" in done.stdout


def test_the_font_files_and_their_licence_ship_in_the_assets():
    folder = paths.assets_dir() / "fonts"
    for name in FONT_FILES:
        assert (folder / name).stat().st_size > 100_000, name
    assert "SIL Open Font License" in (folder / "OFL.txt").read_text(encoding="utf-8")
