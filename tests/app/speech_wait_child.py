"""Starts the app's sound with a speech server that never answers, patience cut to one
second; prints each sound problem as ``problem TEXT``, then quits as the app does."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from supple.app import sound
from supple.app.main import finish
from supple.storage.settings import Settings


def main() -> int:
    app = QApplication(sys.argv[:1])
    sound.SPEECH_PATIENCE_MS = 1000
    system = sound.SoundSystem(Settings())
    system.problem_found.connect(lambda text: print(f"problem {text}", flush=True))
    system.start()
    QTimer.singleShot(2000, app.quit)
    status = app.exec()
    system.close()
    return finish(status)


if __name__ == "__main__":
    sys.exit(main())
