"""The screen stays on while someone works out, and is let go when they stop."""

from __future__ import annotations

import pytest

from supple.qt.screen_awake import APP_NAME, REASON, FreedesktopScreenSaver, ScreenAwake
from tests.qt.screensaver_service import running_private_bus, running_stand_in


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


# Against a stand-in for the desktop's screen saver on a private bus: the calls must
# have the types the real interface declares, or the service refuses them.


@pytest.fixture
def private_bus(tmp_path):
    pytest.importorskip("PySide6.QtDBus", reason="Qt was built without D-Bus support")
    with running_private_bus(tmp_path) as address:
        yield address


@pytest.fixture
def stand_in(private_bus, tmp_path, request):
    first_cookie = getattr(request, "param", 101)
    with running_stand_in(private_bus, tmp_path, first_cookie) as service:
        yield service


# 101 is a typical cookie; 3_000_000_001 does not fit a signed 32-bit number.
@pytest.mark.parametrize("stand_in", [101, 3_000_000_001], indirect=True)
def test_the_desktop_accepts_the_cookie_back(qtbot, stand_in):
    saver = FreedesktopScreenSaver(stand_in.address)
    assert saver.available, saver.unavailable_reason
    cookie = saver.inhibit(APP_NAME, REASON)
    expected = stand_in.calls()[0]["cookie"]
    assert cookie == expected
    saver.uninhibit(cookie)
    assert saver.last_error == ""
    assert stand_in.calls() == [
        {"method": "Inhibit", "application": APP_NAME, "reason": REASON, "cookie": expected},
        {"method": "UnInhibit", "cookie": expected},
    ]


def test_the_stand_in_refuses_a_signed_cookie_like_the_desktops_do(qtbot, stand_in):
    """What made the lock stick: without this, the test above could not fail."""
    from PySide6.QtDBus import QDBusConnection, QDBusInterface

    bus = QDBusConnection.connectToBus(stand_in.address, "plain call")
    try:
        interface = QDBusInterface(
            "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
            "org.freedesktop.ScreenSaver", bus,
        )  # fmt: skip
        reply = interface.call("UnInhibit", 101)  # a Python int goes out as int32
        assert reply.errorName() == "org.freedesktop.DBus.Error.UnknownMethod"
        assert stand_in.calls() == []
    finally:
        QDBusConnection.disconnectFromBus("plain call")


def test_a_session_ending_and_a_long_pause_give_the_screen_back(qtbot, stand_in):
    awake = ScreenAwake(FreedesktopScreenSaver(stand_in.address), paused_grace_seconds=0.05)
    awake.on_state_changed("running")
    awake.on_state_changed("paused")
    qtbot.waitUntil(lambda: not awake.held, timeout=2000)
    awake.on_state_changed("running")
    awake.on_state_changed("finished")
    assert not awake.held
    assert [(call["method"], call["cookie"]) for call in stand_in.calls()] == [
        ("Inhibit", 101),
        ("UnInhibit", 101),
        ("Inhibit", 102),
        ("UnInhibit", 102),
    ]


def test_a_screen_saver_gone_mid_session_is_quiet(qtbot, private_bus, tmp_path):
    with running_stand_in(private_bus, tmp_path) as service:
        saver = FreedesktopScreenSaver(service.address)
        awake = ScreenAwake(saver)
        awake.on_state_changed("running")
        assert awake.held
    awake.on_state_changed("finished")  # the service has quit: nothing to give back to
    assert not awake.held
    assert saver.last_error
    assert [call["method"] for call in service.calls()] == ["Inhibit"]


def test_a_lock_that_could_not_be_given_back_is_never_taken(qtbot, private_bus, tmp_path):
    with running_stand_in(private_bus, tmp_path, with_uninhibit=False) as service:
        saver = FreedesktopScreenSaver(service.address)
        assert not saver.available
        assert "UnInhibit" in saver.unavailable_reason
        awake = ScreenAwake(saver)
        awake.on_state_changed("running")
        assert not awake.held
        assert service.calls() == []
