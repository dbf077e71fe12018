"""Other players' music steps aside for prompts and comes back exactly as it was."""

from __future__ import annotations

import pytest
from jeepney import DBusAddress, new_method_call
from jeepney.io.blocking import open_dbus_connection

from supple.qt.music_ducking import LOWER_TO, MusicDucking
from supple.qt.session_bus import PROPERTIES, SessionBus
from tests.qt.music_player_service import PATH, PLAYER, running_player
from tests.qt.screensaver_service import running_private_bus


@pytest.fixture(scope="module")
def bus_address(tmp_path_factory):
    with running_private_bus(tmp_path_factory.mktemp("bus")) as address:
        yield address


@pytest.fixture
def ducking(qtbot, bus_address, tmp_path):
    bus = SessionBus(bus_address)
    made = []

    def make(mode):
        made.append(MusicDucking(bus, mode, record=tmp_path / "held.json"))
        return made[0]

    yield make
    bus.close()


def settle(bus_of):
    """Wait for the worker's queued calls to be done."""
    bus_of._bus.submit(lambda: None).result(timeout=10)


def set_volume(address, name, volume):
    connection = open_dbus_connection(address)
    message = new_method_call(
        DBusAddress(PATH, name, PROPERTIES), "Set", "ssv", (PLAYER, "Volume", ("d", volume))
    )
    connection.send_and_get_reply(message, timeout=5)
    connection.close()


def test_lowered_for_the_prompt_and_restored_exactly(ducking, bus_address, tmp_path):
    with (
        running_player(bus_address, tmp_path, "playing", "Playing", 0.8) as playing,
        running_player(bus_address, tmp_path, "paused", "Paused", 0.5) as paused,
    ):
        music = ducking("lower")
        music.on_speaking_changed(True)
        settle(music)
        lowered = {"method": "Set", "property": "Volume", "value": 0.8 * LOWER_TO}
        assert playing.changes() == [lowered]
        assert (tmp_path / "held.json").exists()  # for a crash: given back at the next start
        music.give_back()
        settle(music)
        assert playing.changes()[-1] == {"method": "Set", "property": "Volume", "value": 0.8}
        assert paused.changes() == []  # never touch one that was not playing
        assert not (tmp_path / "held.json").exists()


def test_a_volume_the_user_changed_meanwhile_is_kept(ducking, bus_address, tmp_path):
    with running_player(bus_address, tmp_path, "user", "Playing", 0.6) as player:
        music = ducking("lower")
        music.on_speaking_changed(True)
        settle(music)
        set_volume(bus_address, player.name, 0.9)
        music.give_back()
        settle(music)
        volumes = [c["value"] for c in player.changes()]
        assert volumes == [pytest.approx(0.6 * LOWER_TO), 0.9]


def test_paused_for_the_prompt_and_played_again(ducking, bus_address, tmp_path):
    with running_player(bus_address, tmp_path, "pausing", "Playing", 0.7) as player:
        music = ducking("pause")
        music.on_speaking_changed(True)
        music.on_speaking_changed(False)  # the music comes back after a quiet moment
        settle(music)
        assert player.changes() == [{"method": "Pause"}]
        qtbot_wait_for(lambda: player.changes() == [{"method": "Pause"}, {"method": "Play"}])


def test_leave_touches_nothing(ducking, bus_address, tmp_path):
    with running_player(bus_address, tmp_path, "left", "Playing", 0.7) as player:
        music = ducking("leave")
        music.on_speaking_changed(True)
        music.give_back()
        settle(music)
        assert player.changes() == []


def test_after_a_crash_the_next_start_gives_the_music_back(ducking, bus_address, tmp_path):
    with running_player(bus_address, tmp_path, "crashed", "Playing", 0.8) as player:
        music = ducking("lower")
        music.on_speaking_changed(True)
        settle(music)
        # Supple dies here; the next one reads what was held.
        again = MusicDucking(music._bus, "lower", record=tmp_path / "held.json")
        again.give_back_after_crash()
        settle(again)
        assert player.changes()[-1] == {"method": "Set", "property": "Volume", "value": 0.8}


def qtbot_wait_for(condition, timeout_ms=5000):
    from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop

    deadline = QDeadlineTimer(timeout_ms)
    while not condition():
        assert not deadline.hasExpired(), "timed out"
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
