"""The screen stays on while someone works out, and is let go when they stop."""

from __future__ import annotations

import pytest

from supple.qt.screen_awake import APP_NAME, FreedesktopScreenSaver, ScreenAwake


class RecordingBackend:
    """Stands in for the desktop's screen saver and remembers what it was asked."""

    def __init__(self, *, works: bool = True) -> None:
        self.works = works
        self.calls: list[tuple[str, object]] = []
        self._next = 41

    def inhibit(self, application, reason):
        self.calls.append(("inhibit", application))
        if not self.works:
            return None
        self._next += 1
        return self._next

    def uninhibit(self, cookie):
        self.calls.append(("uninhibit", cookie))


@pytest.fixture
def backend():
    return RecordingBackend()


def test_running_session_holds_the_screen_once(qtbot, backend):
    awake = ScreenAwake(backend)
    with qtbot.waitSignal(awake.held_changed) as signal:
        awake.on_state_changed("get_ready")
    assert signal.args == [True]
    awake.on_state_changed("running")
    awake.on_state_changed("running")
    assert awake.held
    assert backend.calls == [("inhibit", APP_NAME)]


@pytest.mark.parametrize("end", ["finished", "stopped", "ready"])
def test_ending_the_session_lets_go_with_the_same_cookie(qtbot, backend, end):
    awake = ScreenAwake(backend)
    awake.on_state_changed("running")
    awake.on_state_changed(end)
    assert not awake.held
    assert backend.calls == [("inhibit", APP_NAME), ("uninhibit", 42)]


def test_short_pause_keeps_the_screen_on(qtbot, backend):
    awake = ScreenAwake(backend, paused_grace_seconds=0.3)
    awake.on_state_changed("running")
    awake.on_state_changed("paused")
    qtbot.wait(100)
    awake.on_state_changed("running")
    qtbot.wait(400)  # longer than the grace: the earlier pause must not count any more
    assert awake.held
    assert backend.calls == [("inhibit", APP_NAME)]


def test_long_pause_lets_go_and_resuming_holds_again(qtbot, backend):
    awake = ScreenAwake(backend, paused_grace_seconds=0.05)
    awake.on_state_changed("running")
    awake.on_state_changed("paused")
    qtbot.waitUntil(lambda: not awake.held, timeout=2000)
    assert backend.calls == [("inhibit", APP_NAME), ("uninhibit", 42)]
    awake.on_state_changed("running")
    assert awake.held
    assert backend.calls[-1] == ("inhibit", APP_NAME)


def test_pause_before_any_session_asks_for_nothing(qtbot, backend):
    awake = ScreenAwake(backend, paused_grace_seconds=0.01)
    awake.on_state_changed("paused")
    awake.on_state_changed("finished")
    qtbot.wait(30)
    assert backend.calls == []


def test_desktop_refusing_is_quiet_and_retried_on_the_next_start(qtbot):
    refusing = RecordingBackend(works=False)
    awake = ScreenAwake(refusing)
    awake.on_state_changed("running")
    assert not awake.held
    assert awake.wanted
    awake.on_state_changed("finished")
    assert ("uninhibit", 42) not in refusing.calls
    awake.on_state_changed("running")
    assert refusing.calls == [("inhibit", APP_NAME), ("inhibit", APP_NAME)]


def test_without_a_session_bus_nothing_breaks(qtbot, monkeypatch):
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    real = FreedesktopScreenSaver()
    assert not real.available
    assert real.unavailable_reason
    assert real.inhibit(APP_NAME, "test") is None
    real.uninhibit(1)  # harmless
    awake = ScreenAwake(real)
    awake.on_state_changed("running")
    assert awake.wanted
    assert not awake.held
    awake.on_state_changed("stopped")
    assert not awake.wanted
