"""Supple as an MPRIS player on a private bus: the spec's shape, and media keys that steer."""

from __future__ import annotations

import threading

import pytest
from jeepney import DBusAddress, new_method_call
from jeepney.io.blocking import open_dbus_connection

from supple.core.events import StepStarted
from supple.core.model import Block, Entry, Routine
from supple.qt.mpris import PATH, PLAYER, ROOT, SERVICE, MprisPlayer
from supple.qt.session_bus import PROPERTIES, SessionBus
from supple.qt.session_controller import SessionController
from tests.qt.screensaver_service import running_private_bus

# Every property MPRIS 2.2 requires, with its D-Bus type.
ROOT_REQUIRED = {
    "CanQuit": "b", "CanRaise": "b", "HasTrackList": "b", "Identity": "s",
    "SupportedUriSchemes": "as", "SupportedMimeTypes": "as",
}  # fmt: skip
PLAYER_REQUIRED = {
    "PlaybackStatus": "s", "Rate": "d", "Metadata": "a{sv}", "Volume": "d", "Position": "x",
    "MinimumRate": "d", "MaximumRate": "d", "CanGoNext": "b", "CanGoPrevious": "b",
    "CanPlay": "b", "CanPause": "b", "CanSeek": "b", "CanControl": "b",
}  # fmt: skip
PLAYER_METHODS = ("Next", "Previous", "Pause", "PlayPause", "Stop", "Play", "Seek",
                  "SetPosition", "OpenUri")  # fmt: skip


def routine():
    return Routine(
        id="two",
        name="Two",
        get_ready_seconds=5,
        blocks=(Block(name="Only", entries=(Entry("pelvic-tilt", reps=3, tempo=1.0),)),),
    )


@pytest.fixture(scope="module")
def bus_address(tmp_path_factory):
    with running_private_bus(tmp_path_factory.mktemp("bus")) as address:
        yield address


@pytest.fixture
def published(qtbot, bus_address):
    bus = SessionBus(bus_address)
    controller = SessionController()
    player = MprisPlayer(bus)
    controller.started.connect(player.on_session_started)
    controller.event_occurred.connect(player.on_session_event)
    controller.state_changed.connect(player.on_state_changed)
    controller.ended.connect(player.on_session_ended)
    player.command_requested.connect(controller.command)
    with qtbot.waitSignal(player.published, timeout=5000) as signal:
        player.start()
    assert signal.args == [True], player.problem
    yield controller, player
    controller.end_now()
    bus.close()
    player.close()


@pytest.fixture
def client(bus_address):
    connection = open_dbus_connection(bus_address)
    yield connection
    connection.close()


def call(connection, interface, member, signature=None, body=()):
    message = new_method_call(DBusAddress(PATH, SERVICE, interface), member, signature, body)
    return connection.send_and_get_reply(message, timeout=5).body


def call_in_background(qtbot, connection, *args):
    """A call whose answer we wait for while the Qt loop runs (commands land on the GUI)."""
    answers = []
    worker = threading.Thread(target=lambda: answers.append(call(connection, *args)))
    worker.start()
    qtbot.waitUntil(lambda: not worker.is_alive(), timeout=5000)
    return answers[0]


def test_every_required_property_is_there_with_its_type(published, client):
    for interface, required in ((ROOT, ROOT_REQUIRED), (PLAYER, PLAYER_REQUIRED)):
        (properties,) = call(client, PROPERTIES, "GetAll", "s", (interface,))
        types = {name: signature for name, (signature, _) in properties.items()}
        assert {n: types.get(n) for n in required} == required, interface
    (metadata,) = call(client, PROPERTIES, "Get", "ss", (PLAYER, "Metadata"))
    assert metadata[0] == "a{sv}"
    assert metadata[1]["mpris:trackid"][0] == "o"


def test_introspection_names_every_method(published, client):
    (xml,) = call(client, "org.freedesktop.DBus.Introspectable", "Introspect")
    for method in (*PLAYER_METHODS, "Raise", "Quit"):
        assert f'<method name="{method}"' in xml


def test_media_keys_steer_a_real_session(qtbot, published, client):
    controller, player = published
    controller.start(routine())
    qtbot.waitUntil(lambda: player.state.status == "Playing", timeout=2000)
    (metadata,) = call(client, PROPERTIES, "Get", "ss", (PLAYER, "Metadata"))
    assert metadata[1]["mpris:length"][0] == "x"  # int64, as MPRIS requires
    assert metadata[1]["xesam:artist"] == ("as", ["Two"])

    call_in_background(qtbot, client, PLAYER, "PlayPause")
    qtbot.waitUntil(lambda: controller.state == "paused", timeout=2000)
    (status,) = call(client, PROPERTIES, "Get", "ss", (PLAYER, "PlaybackStatus"))
    assert status == ("s", "Paused")

    call_in_background(qtbot, client, PLAYER, "Play")
    qtbot.waitUntil(lambda: controller.state in ("get_ready", "running"), timeout=2000)
    index = controller.engine.index
    call_in_background(qtbot, client, PLAYER, "Next")
    qtbot.waitUntil(lambda: controller.engine.index == index + 1, timeout=2000)
    (metadata,) = call(client, PROPERTIES, "Get", "ss", (PLAYER, "Metadata"))
    assert metadata[1]["xesam:title"] == ("s", "Pelvic tilts")
    started = lambda event: isinstance(event, StepStarted)  # noqa: E731 - a short filter
    with qtbot.waitSignal(controller.event_occurred, check_params_cb=started, timeout=2000):
        call_in_background(qtbot, client, PLAYER, "Previous")  # back to the step's start

    with qtbot.waitSignal(controller.stop_question, timeout=2000) as asked:
        call_in_background(qtbot, client, PLAYER, "Stop")
    assert asked.args == [True]


def test_play_with_no_session_asks_to_start(qtbot, published, client):
    _, player = published
    with qtbot.waitSignal(player.play_requested, timeout=2000):
        call_in_background(qtbot, client, PLAYER, "PlayPause")


def test_no_session_bus_is_quiet(qtbot, tmp_path):
    bus = SessionBus(f"unix:path={tmp_path / 'nothing-here'}")
    player = MprisPlayer(bus)
    with qtbot.waitSignal(player.published, timeout=5000) as signal:
        player.start()
    assert signal.args == [False]
    assert "no D-Bus session bus" in player.problem
    bus.close()
    player.close()
