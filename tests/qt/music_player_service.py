"""A strict stand-in music player: ``org.mpris.MediaPlayer2.<name>`` on a private bus.

Like a real player it has a ``PlaybackStatus`` and a ``Volume`` and obeys Play and Pause;
like a strict one it refuses a ``Volume`` that is not a double (``d``) and any method or
property MPRIS does not have. Every call it accepts is a JSON line in its record file.

Run as a script, this file is the player:
``python music_player_service.py NAME RECORD STATUS VOLUME`` on the bus in
``DBUS_SESSION_BUS_ADDRESS``; it prints ``ready`` once it owns its name.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PATH = "/org/mpris/MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"
PROPERTIES = "org.freedesktop.DBus.Properties"


@dataclass(frozen=True)
class StandInPlayer:
    name: str
    record: Path

    def calls(self) -> list[dict[str, object]]:
        if not self.record.exists():
            return []
        return [json.loads(line) for line in self.record.read_text().splitlines()]

    def changes(self) -> list[dict[str, object]]:
        """The calls that changed the player (Get is only reading)."""
        return [c for c in self.calls() if c["method"] != "Get"]


@contextmanager
def running_player(
    address: str, folder: Path, name: str, status: str = "Playing", volume: float = 0.8
) -> Iterator[StandInPlayer]:
    from tests.qt.screensaver_service import _first_line, _stop

    record = folder / f"{name}-calls.jsonl"
    log_path = folder / f"{name}.log"
    env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address)
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, __file__, name, str(record), status, str(volume)],
            stdout=subprocess.PIPE, stderr=log, text=True, env=env,
        )  # fmt: skip
    try:
        ready = _first_line(process)
        assert ready == "ready", f"stand-in player did not start: {log_path.read_text()}"
        yield StandInPlayer(f"org.mpris.MediaPlayer2.{name}", record)
    finally:
        _stop(process)


def _serve(name: str, record: Path, status: str, volume: float) -> int:
    from jeepney import HeaderFields, MessageType, new_error, new_method_return
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    state = {"PlaybackStatus": ("s", status), "Volume": ("d", volume)}

    def write(**call: object) -> None:
        with record.open("a") as out:
            out.write(json.dumps(call) + "\n")

    connection = open_dbus_connection("SESSION")
    reply = connection.send_and_get_reply(
        message_bus.RequestName(f"org.mpris.MediaPlayer2.{name}", 4)
    )
    if reply.body[0] != 1:
        return 1
    print("ready", flush=True)
    while True:
        message = connection.receive()
        if message.header.message_type is not MessageType.method_call:
            continue
        fields = message.header.fields
        interface, member = fields.get(HeaderFields.interface), fields.get(HeaderFields.member)
        signature = fields.get(HeaderFields.signature, "")
        answer = new_error(message, "org.freedesktop.DBus.Error.UnknownMethod")
        if interface == PROPERTIES and member == "Get" and signature == "ss":
            if message.body[0] == PLAYER and message.body[1] in state:
                write(method="Get", property=message.body[1])
                answer = new_method_return(message, "v", (state[message.body[1]],))
        elif interface == PROPERTIES and member == "Set" and signature == "ssv":
            _, prop, (kind, value) = message.body
            if prop == "Volume" and kind == "d":
                state["Volume"] = ("d", value)
                write(method="Set", property="Volume", value=value)
                answer = new_method_return(message)
            else:
                answer = new_error(message, "org.freedesktop.DBus.Error.InvalidArgs")
        elif interface == PLAYER and member in ("Play", "Pause") and not signature:
            state["PlaybackStatus"] = ("s", "Playing" if member == "Play" else "Paused")
            write(method=member)
            answer = new_method_return(message)
        connection.send(answer)


if __name__ == "__main__":
    sys.exit(_serve(sys.argv[1], Path(sys.argv[2]), sys.argv[3], float(sys.argv[4])))
