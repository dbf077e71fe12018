"""Render the "Sound and voice" dialog offscreen at its natural size and save it as a PNG.

The dialog is shown with the real sound parts (cue player and speech engine) brought
up in a throw-away data folder, so the picture has the voice list and, on a machine
without a sound server, the message the user would see. The "Go" cue plays a sound
file of the user's own (a bell made here), and is the one shown.

    python scripts/sound_settings_screenshot.py [--out docs/screenshots/sound-settings.png]

Exits with status 1 if Qt printed a warning while rendering.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pydub.generators import Sine
from PySide6.QtCore import QEventLoop, QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from supple import paths
from supple.app.sound import SoundSystem
from supple.core.cue import Cue
from supple.storage.settings import Settings
from supple.ui.sound_settings import SoundSettingsDialog
from supple.ui.theme import install_font
from supple.ui.theme_registry import themes

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "docs" / "screenshots" / "sound-settings.png"

_warnings: list[str] = []
QUIET = (
    "This plugin does not support propagateSizeHints()",
    "PulseAudioService: pa_context_connect() failed",
)
"""Said by the offscreen platform for every sized window, and by Qt without a sound server."""


def _collect(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if kind not in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) and message not in QUIET:
        _warnings.append(message)


def render(out: Path, settings: Settings) -> Path:
    app = QApplication.instance() or QApplication(sys.argv)
    install_font(app)
    sound = SoundSystem(settings)
    loop = QEventLoop()
    sound.ready.connect(loop.quit)
    QTimer.singleShot(20_000, loop.quit)  # never hang if rendering the cues stalls
    sound.start()
    loop.exec()
    dialog = SoundSettingsDialog(settings, sound)
    dialog.cue_sounds.select(Cue.GO)
    dialog.show()
    dialog.volume.setFocus()
    for _ in range(5):
        app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not dialog.grab().save(str(out)):
        raise OSError(f"could not write {out}")
    dialog.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--theme", choices=("dark", "light"), default="dark")
    args = parser.parse_args(argv)
    qInstallMessageHandler(_collect)
    themes().set_theme(args.theme)
    with tempfile.TemporaryDirectory(prefix="supple-sound-") as data:
        paths.set_data_dir(Path(data))
        bell = Path(data) / "temple-bell.wav"
        Sine(523.25).to_audio_segment(duration=900, volume=-6).fade_out(700).export(bell)
        settings = Settings(
            theme=args.theme, volume=0.7, voice_rate=-0.3, custom_sounds={Cue.GO: bell}
        )
        written = render(args.out, settings)
        paths.set_data_dir(None)
    print(f"wrote {written}")
    for warning in _warnings:
        print(f"Qt: {warning}", file=sys.stderr)
    return 1 if _warnings else 0


if __name__ == "__main__":
    sys.exit(main())
