"""The app keeps working when things around it are broken, and says what is wrong."""

from __future__ import annotations

import json
import socket
import sys
import tempfile
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from supple import paths
from supple.app.main import Supple
from supple.core import routine_file
from supple.core.catalog import builtin_routines
from supple.qt.session_controller import Command
from supple.storage.history import open_history
from supple.storage.records import SessionStatus
from supple.storage.transfer import parse_history_json
from supple.ui.main_window import Page
from tests.app.test_main import RecordingScreenSaver
from tests.storage.history_builders import Records

pytestmark = pytest.mark.qt_log_ignore(r"PulseAudioService: pa_context_connect\(\) failed")
message_box = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
"""A QMessageBox fixes its size, which the offscreen platform says it cannot pass on."""


_opened: list[Supple] = []


@pytest.fixture(autouse=True)
def shut_down_every_app():
    """As run_app does once the window closes: no app's threads outlive its test."""
    yield
    while _opened:
        _opened.pop().shut_down()


def open_app(qtbot, routine="quick-reset", **options):
    app = Supple(routine, screen_awake_backend=RecordingScreenSaver(), **options)
    _opened.append(app)
    qtbot.addWidget(app.window)
    app.show()
    return app


def open_with_history(qtbot, **options):
    """The app once its history is open (just after the first paint)."""
    app = open_app(qtbot, **options)
    qtbot.waitUntil(lambda: app.history_opened)
    return app


def block_the_history():
    """A folder where the history file should be: nothing can open or write it, not even root."""
    blocker = paths.history_db()
    blocker.mkdir(parents=True)
    return blocker


def start_and_stop_a_session(app):
    """A session with one set done (enough to be kept), ended early."""
    app.window.set_check_in(None)
    app.window.start_session()
    app.controller.command(Command.PRIMARY)  # start now
    app.controller.command(Command.PRIMARY)  # set done
    app.window.controller.end_now()
    assert app.window.current_page is Page.SUMMARY


@pytest.fixture
def temp_folder(tmp_path, monkeypatch):
    """The system's temporary folder, for this test only."""
    folder = tmp_path / "system-temp"
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


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
    app.window.controller.end_now()
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
        lambda: app.window.controller.running and app.window.controller.engine.index >= 1,
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
    qtbot.waitUntil(lambda: app.window.controller.engine.index >= 1, timeout=10_000)
    app.window.controller.end_now()
    assert app.window.current_page is Page.SUMMARY


def test_records_waiting_in_memory_are_written_by_themselves_once_possible(qtbot):
    blocker = block_the_history()
    app = open_with_history(qtbot, history_retry_ms=200)
    assert not app.unsaved.retry_timer.isActive()  # nothing waits yet
    start_and_stop_a_session(app)
    assert app.recorder.pending >= 3  # the start, the step cut short, the end
    assert app.unsaved.retry_timer.isActive()
    assert any("kept in memory" in m for m in app.history_notices.messages())

    blocker.rmdir()  # the user frees the place; nobody presses "Try again"
    qtbot.waitUntil(lambda: app.recorder.pending == 0, timeout=5000)
    assert not app.unsaved.retry_timer.isActive()
    assert not any("kept in memory" in m for m in app.history_notices.messages())
    with open_history() as store:
        [summary] = store.list_sessions().items
    assert summary.status is SessionStatus.STOPPED
    assert not app.home_history.is_empty


@message_box
def test_closing_with_records_waiting_saves_them_and_the_next_start_adds_them(qtbot, temp_folder):
    blocker = block_the_history()
    app = open_with_history(qtbot)
    app.window.set_check_in(None)
    app.window.start_session()  # still running when the window is closed
    app.controller.command(Command.PRIMARY)  # start now
    app.controller.command(Command.PRIMARY)  # one set done: a session worth keeping

    app.window.close()
    notice = app.unsaved.notice
    assert notice is not None and notice.isVisible()
    assert app.window.isVisible()  # until the message is read
    [rescue] = (paths.state_dir() / "unsaved").glob("*.json")
    said = f"{notice.text()} {notice.informativeText()}"
    assert "5 records could not be written to the history, so they were saved" in said
    assert str(paths.history_db()) in said  # and why
    assert f"They are in {rescue}." in said
    assert "adds them to the history by itself the next time it starts" in said
    assert f"supple history import {rescue}" in said
    [quit_button] = notice.buttons()
    quit_button.click()
    qtbot.waitUntil(lambda: not app.window.isVisible())
    app.shut_down()  # as run_app does once the window has closed: the session is nobody's

    [detail], _ = parse_history_json(json.loads(rescue.read_text(encoding="utf-8")))
    assert detail.session.routine_id == "quick-reset"
    assert detail.session.status is SessionStatus.STOPPED  # closing ended the session first
    assert detail.steps

    blocker.rmdir()
    later = open_with_history(qtbot)
    assert any("is now in the history" in m for m in later.history_notices.messages())
    assert not rescue.exists()
    with open_history() as store:
        kept = store.session_detail(detail.session.uuid)
    assert kept == detail


@message_box
def test_records_that_can_be_saved_nowhere_keep_supple_open_if_the_user_wants(
    qtbot, tmp_path, monkeypatch
):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "system-temp"))  # never used
    blocker = block_the_history()
    paths.state_dir().write_text("a file where the state folder should be")
    in_the_way = paths.data_dir() / "unsaved"
    in_the_way.write_text("a file where the folder beside the history should be")
    app = open_with_history(qtbot, history_retry_ms=200)
    start_and_stop_a_session(app)
    app.unsaved.retry_timer.stop()  # so that only the answer below starts it again

    app.window.close()
    notice = app.unsaved.notice
    assert notice.isVisible() and app.window.isVisible()
    said = f"{notice.text()} {notice.informativeText()}"
    assert "could not be written to the history, nor saved anywhere else" in said
    assert str(in_the_way) in said
    assert "If Supple quits now, they are lost" in said
    [keep] = [b for b in notice.buttons() if b.text() == "Keep Supple open"]
    keep.click()
    assert app.window.isVisible()
    assert app.unsaved.retry_timer.isActive()

    blocker.rmdir()
    qtbot.waitUntil(lambda: app.recorder.pending == 0, timeout=5000)
    app.window.close()  # nothing waits now: it closes at once
    assert not app.window.isVisible()
    with open_history() as store:
        assert store.session_count() == 1


def test_quitting_without_closing_the_window_still_keeps_the_records(qtbot, temp_folder, capsys):
    block_the_history()
    paths.state_dir().write_text("a file where the state folder should be")
    app = open_with_history(qtbot)
    start_and_stop_a_session(app)
    saved = app.shut_down()  # e.g. the desktop session ends
    assert saved.rescue is not None and saved.rescue.parent == paths.data_dir() / "unsaved"
    assert str(saved.rescue) in capsys.readouterr().err
    assert app.shut_down().rescue == saved.rescue  # said and written once
    assert len(list(saved.rescue.parent.iterdir())) == 1


def asked_in_window(app):
    """The resume question the window shows now, or None."""
    window = app.window
    if not window.asking:
        return None
    return window.question.title.text(), window.question.text.text()


def interrupted_sessions(*ages, names=()):
    """Sessions of Quick Reset cut short after four steps, started ``ages`` ago."""
    records = Records()
    now = datetime.now(UTC)
    quick = next(r for r in builtin_routines() if r.id == "quick-reset")
    with open_history() as store:
        return [
            records.run(
                store,
                now - age,
                status=None,
                routine_id=quick.id,
                routine_name=name,
                routine_snapshot=routine_file.dumps(quick),
            )
            for age, name in zip(ages, names, strict=True)
        ]


def test_only_the_latest_recent_interrupted_session_is_offered(qtbot):
    older, latest = interrupted_sessions(
        timedelta(hours=3), timedelta(minutes=40), names=("Earlier hips", "Latest hips")
    )
    app = open_with_history(qtbot)
    app.offer_resume()
    title, text = asked_in_window(app)
    assert title == "Carry on where you stopped?" and text.startswith("Latest hips")
    qtbot.keyClick(app.window, Qt.Key.Key_Escape)  # keep as partial
    assert asked_in_window(app) is None
    assert app.recorder.flush(timeout=10)  # written by the history's writer thread
    [notice] = [m for m in app.history_notices.messages() if "kept as partial" in m]
    assert "Earlier hips" in notice and "only the latest one is offered" in notice
    with open_history() as store:
        assert store.find_interrupted() == []
        assert store.session_detail(older.uuid).session.status is SessionStatus.STOPPED
        assert store.session_detail(latest.uuid).session.status is SessionStatus.STOPPED


def test_an_old_interrupted_session_is_kept_as_partial_without_asking(qtbot):
    """Imported from another computer, or left from days ago: not a session to carry on."""
    [old] = interrupted_sessions(timedelta(days=3), names=("Imported hips",))
    app = open_with_history(qtbot)
    app.offer_resume()
    assert asked_in_window(app) is None
    qtbot.waitUntil(lambda: app.recorder.pending == 0)  # written by the history's own thread
    [notice] = [m for m in app.history_notices.messages() if "kept as partial" in m]
    assert "Imported hips" in notice and "last 12 hours" in notice
    with open_history() as store:
        assert store.session_detail(old.uuid).session.status is SessionStatus.STOPPED
