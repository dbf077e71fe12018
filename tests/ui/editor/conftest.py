"""An editor on the test's own data folder, and a way to answer the dialogs it asks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from supple.qt.routine_watcher import RoutineWatcher
from supple.ui.editor import RoutineEditor


@pytest.fixture
def watcher():
    made = RoutineWatcher(delay_ms=100)
    yield made
    made.deleteLater()


@pytest.fixture
def editor(qtbot, watcher):
    made = RoutineEditor(watcher, routine_id="hamstring-reset")
    # Tests leave changes behind on purpose; drop them so closing at the end does not ask.
    qtbot.addWidget(made, before_close_func=lambda w: w.discard_changes())
    made.resize(1280, 720)
    made.show()
    qtbot.waitExposed(made)
    made.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is made)
    return made


class DialogAnswer:
    """Answers the next modal dialog from inside its own event loop."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.seen: list[QDialog] = []
        self.said: list[tuple[str, str]] = []
        """Each message box's title and text, readable after the box is gone."""

    def next(self, act, kind=QDialog) -> None:
        """Call ``act`` with the next modal dialog of type ``kind`` once it is open."""

        def attempt() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, kind) or any(dialog is old for old in self.seen):
                QTimer.singleShot(10, attempt)
                return
            self.seen.append(dialog)
            if isinstance(dialog, QMessageBox):
                self.said.append((dialog.windowTitle(), dialog.text()))
            try:
                act(dialog)
            except Exception:
                dialog.reject()  # not the dialog the test expected: fail, don't hang
                raise

        QTimer.singleShot(0, attempt)

    def click(self, button: QMessageBox.StandardButton) -> None:
        self.next(lambda box: box.button(button).click())


@pytest.fixture
def answer(qtbot):
    return DialogAnswer(qtbot)
