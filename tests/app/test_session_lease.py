"""A live session has one owner: a second Supple on the same data folder leaves it alone.

The owner is a real second process (``app_session_child.py``: the app's own ``run_app``);
this test's process is the other Supple. Once the owner dies (``kill -9``), its session
is an interrupted one like any other, offered for resuming.
"""

from __future__ import annotations

import signal

import pytest

from supple import paths
from supple.app.main import Supple
from supple.app.session_recording import RUNNING_ELSEWHERE
from supple.storage.records import SessionStatus
from supple.ui.page_stack import Page
from tests.app.test_main import RecordingScreenSaver
from tests.app.test_stop_signals import read_until, start_child
from tests.storage.history_builders import look

pytestmark = pytest.mark.qt_log_ignore(r"PulseAudioService: pa_context_connect\(\) failed")


def status_on_disk(session_uuid: str) -> str:
    with look(paths.history_db()) as db:
        return db.execute("SELECT status FROM sessions WHERE uuid = ?", (session_uuid,)).fetchone()[
            0
        ]


@pytest.fixture
def owner():
    """A Supple in another process, running a session; killed at the end if still alive."""
    child = start_child(paths.data_dir())
    try:
        uuid = read_until(child, "begun ")[-1].split()[1]
        yield child, uuid
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()


def test_a_second_window_neither_offers_nor_touches_the_live_session(qtbot, owner):
    child, uuid = owner
    app = Supple(screen_awake_backend=RecordingScreenSaver())
    qtbot.addWidget(app.window)
    app.show()
    qtbot.waitUntil(lambda: app.history_opened)
    app.offer_resume()
    assert not app.window.asking, "offered the other window's session"
    assert app.recording.interrupted() == []
    assert [d.session.uuid for d in app.recording.running_elsewhere] == [uuid]
    assert RUNNING_ELSEWHERE in app.history_notices.messages()
    assert status_on_disk(uuid) == SessionStatus.IN_PROGRESS.value
    app.recording.keep_partial(uuid)  # as if asked anyway: still left alone
    read_until(child, "step ")  # the owner goes on writing
    assert status_on_disk(uuid) == SessionStatus.IN_PROGRESS.value
    assert child.poll() is None

    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    app.offer_resume()
    assert app.window.asking, "the dead window's session is not offered"
    assert app.window.current_page is Page.HOME
    [offered] = app.recording.interrupted()
    assert offered.session.uuid == uuid and app.recording.running_elsewhere == []
