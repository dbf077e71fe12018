"""Render the routine editor offscreen at 1280x720 and save it as a PNG.

The picture shows a duplicated "Hamstring Reset" with the circuit at 3 rounds and one
field left invalid (pelvic tilts at 0 reps), so the error style can be checked by eye.
With ``--exercise`` it shows instead a new exercise of one's own, just created, to check
that its form is in view without scrolling. Everything happens in a throw-away data
folder; the user's routines are not touched.

    python scripts/editor_screenshot.py [--exercise] [--out docs/screenshots/editor.png]

Exits with status 1 if Qt printed a warning while rendering.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from supple import paths
from supple.core.model import Kind
from supple.ui.editor import RoutineEditor
from supple.ui.theme import install_font

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "docs" / "screenshots" / "editor.png"

_warnings: list[str] = []
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"
"""The offscreen platform says this for every top-level window with a minimum size."""


def _collect(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if kind != QtMsgType.QtDebugMsg and message != OFFSCREEN_NOISE:
        _warnings.append(message)


def render(out: Path, *, exercise: bool = False) -> Path:
    app = QApplication.instance() or QApplication(sys.argv)
    install_font(app)
    editor = RoutineEditor(routine_id="hamstring-reset")
    editor.resize(1280, 720)
    editor.show()
    editor.duplicate_routine()
    if exercise:
        editor.create_exercise("Physio bridge", Kind.REPS)
        editor.exercise_panel.name.setFocus()
    else:
        circuit = next(i for i, b in enumerate(editor.routine.blocks) if b.name == "Pelvic circuit")
        editor.select_path((circuit, None))
        editor.block_panel.rounds.setValue(3)
        editor.select_path((circuit, 0))
        editor.entry_panel.reps.setValue(0)
        editor.tree.setFocus()
    for _ in range(5):
        app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not editor.grab().save(str(out)):
        raise OSError(f"could not write {out}")
    editor.document.undo_stack.clear()
    editor.document.undo_stack.setClean()
    editor.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--exercise", action="store_true", help="show a new exercise of one's own instead"
    )
    args = parser.parse_args(argv)
    qInstallMessageHandler(_collect)
    with tempfile.TemporaryDirectory(prefix="supple-editor-") as data:
        paths.set_data_dir(Path(data))
        written = render(args.out, exercise=args.exercise)
        paths.set_data_dir(None)
    print(f"wrote {written}")
    for warning in _warnings:
        print(f"Qt: {warning}", file=sys.stderr)
    return 1 if _warnings else 0


if __name__ == "__main__":
    sys.exit(main())
