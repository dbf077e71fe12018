"""The app keeps working when things around it are broken, and says what is wrong."""

from __future__ import annotations

import socket
import sys

import pytest
from PySide6.QtCore import Qt

from supple import paths
from supple.app.main import Supple
from supple.ui.main_window import Page
from tests.app.test_main import RecordingScreenSaver

pytestmark = pytest.mark.qt_log_ignore(r"PulseAudioService: pa_context_connect\(\) failed")


def open_app(qtbot, routine="quick-reset"):
    app = Supple(routine, screen_awake_backend=RecordingScreenSaver())
    qtbot.addWidget(app.window)
    app.show()
    return app


def test_no_network_connection_is_ever_made(qtbot):
    attempts = []

    def audit(event, args):
        if event == "socket.connect" and args[0].family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(args[1])

    sys.addaudithook(audit)  # hooks cannot be removed; it only records
    app = open_app(qtbot)
    with qtbot.waitSignal(app.sound.ready, timeout=30_000):
        app.sound.start()
    app.window.set_check_in(None)
    app.window.start_session()
    qtbot.wait(1500)
    app.window.driver.stop()
    app.window.go_home()
    app.window.show_page(Page.HISTORY)
    app.window.go_home()
    app.window.show_page(Page.EDITOR)
    assert attempts == []


def test_no_speech_engine_is_said_once_and_the_session_still_runs(qtbot, monkeypatch):
    monkeypatch.setenv("SUPPLE_TTS_ENGINE", "no-such-engine")
    app = open_app(qtbot)
    with qtbot.waitSignal(app.sound.ready, timeout=30_000):
        app.sound.start()
    shown = app.window.home.problems_shown()
    assert any("speech" in text.lower() for text in shown), shown
    app.window.set_check_in(None)
    qtbot.keyClick(app.window, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: app.window.driver is not None and app.window.driver.engine.index >= 1,
        timeout=10_000,
    )


def test_a_corrupt_history_is_moved_aside_and_the_user_told_where(qtbot):
    db = paths.history_db()
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"this is not a database " * 200)
    app = open_app(qtbot)
    messages = app.history_notices.messages()
    assert any("corrupt" in m.lower() or "damaged" in m.lower() for m in messages), messages
    kept = [p for p in db.parent.iterdir() if p.name.startswith("history.sqlite3.corrupt-")]
    assert kept and kept[0].read_bytes().startswith(b"this is not a database")
    assert app.history_notices.isVisibleTo(app.window)


def test_an_unusable_history_location_still_lets_a_session_run(qtbot):
    paths.history_db().mkdir(parents=True)  # a folder where the database file should be
    app = open_app(qtbot)
    assert app.history_notices.messages(), "the user is told the history cannot be saved"
    app.window.set_check_in(None)
    app.window.start_session()
    qtbot.waitUntil(lambda: app.window.driver.engine.index >= 1, timeout=10_000)
    app.window.driver.stop()
    assert app.window.current_page is Page.SUMMARY
