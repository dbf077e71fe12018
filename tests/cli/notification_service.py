"""A stand-in ``org.freedesktop.Notifications`` on a private bus, strict about types.

It publishes the specification's signatures, ``Notify(susssasa{sv}i) -> u``,
``CloseNotification(u)`` and ``GetCapabilities() -> as``, and refuses a call with any
other signature (a signed id, a list of variants) with ``InvalidArgs``, as a desktop's
typed server does. Each accepted call is a JSON line in a record
file. After a ``Notify`` it answers as the user would: ``--answer KEY`` invokes that
action (``ActionInvoked``) then closes it, ``--answer closed`` only closes it, ``--answer
none`` leaves it open. ``--no-actions`` plays a server without buttons.

Run as a script: ``python notification_service.py RECORD ANSWER [--no-actions]``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script, too

from tests.qt.screensaver_service import _first_line, _stop

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
FIRST_ID = 7


@dataclass(frozen=True)
class StandIn:
    address: str
    record: Path

    def calls(self) -> list[dict[str, object]]:
        if not self.record.exists():
            return []
        return [json.loads(line) for line in self.record.read_text().splitlines()]


@contextmanager
def running_notifications(
    address: str, folder: Path, answer: str = "none", *, actions: bool = True
) -> Iterator[StandIn]:
    record = folder / "notification-calls.jsonl"
    log_path = folder / "notification-service.log"
    env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address, QT_QPA_PLATFORM="offscreen")
    with log_path.open("w") as log:
        service = subprocess.Popen(
            [sys.executable, __file__, str(record), answer] + ([] if actions else ["--no-actions"]),
            stdout=subprocess.PIPE, stderr=log, text=True, env=env,
        )  # fmt: skip
    try:
        ready = _first_line(service)
        assert ready == "ready", f"stand-in notifications did not start: {log_path.read_text()}"
        yield StandIn(address, record)
    finally:
        _stop(service)


SIGNATURES = {"GetCapabilities": "", "Notify": "susssasa{sv}i", "CloseNotification": "u"}
"""What the specification says each method takes; any other signature is refused."""


def _serve(record: Path, answer: str, actions: bool) -> int:
    from jeepney import (
        DBusAddress,
        HeaderFields,
        MessageType,
        new_error,
        new_method_return,
        new_signal,
    )
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import Proxy, open_dbus_connection

    connection = open_dbus_connection("SESSION")
    if Proxy(message_bus, connection).RequestName(SERVICE, 4) != (1,):  # 4: do not queue
        print("could not own the name", file=sys.stderr)
        return 1
    emitter = DBusAddress(PATH, interface=INTERFACE)
    next_id = FIRST_ID

    def write(**call: object) -> None:
        with record.open("a") as out:
            out.write(json.dumps(call) + "\n")

    print("ready", flush=True)
    while True:
        message = connection.receive()
        fields = message.header.fields
        if message.header.message_type is not MessageType.method_call:
            continue
        member = fields.get(HeaderFields.member)
        signature = fields.get(HeaderFields.signature, "")
        if fields.get(HeaderFields.interface, INTERFACE) != INTERFACE or member not in SIGNATURES:
            connection.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod"))
            continue
        if signature != SIGNATURES[member]:
            write(method=member, refused=signature)
            said = f"{member} takes ({SIGNATURES[member]}), got ({signature})"
            connection.send(
                new_error(message, "org.freedesktop.DBus.Error.InvalidArgs", "s", (said,))
            )
            continue
        if member == "GetCapabilities":
            write(method=member)
            offered = ["body", "actions"] if actions else ["body"]
            connection.send(new_method_return(message, "as", (offered,)))
        elif member == "CloseNotification":
            write(method=member, id=message.body[0])
            connection.send(new_method_return(message))
            connection.send(new_signal(emitter, "NotificationClosed", "uu", (message.body[0], 3)))
        else:
            app_name, replaces_id, icon, summary, body, action_words, hints, timeout = message.body
            write(
                method=member,
                received_at=time.time(),
                app_name=app_name,
                replaces_id=replaces_id,
                icon=icon,
                summary=summary,
                body=body,
                actions=action_words,
                hints={key: list(value) for key, value in hints.items()},
                timeout=timeout,
            )
            connection.send(new_method_return(message, "u", (next_id,)))
            if answer not in ("none", "closed"):
                connection.send(new_signal(emitter, "ActionInvoked", "us", (next_id, answer)))
            if answer != "none":
                connection.send(new_signal(emitter, "NotificationClosed", "uu", (next_id, 2)))
            next_id += 1


if __name__ == "__main__":
    sys.exit(_serve(Path(sys.argv[1]), sys.argv[2], "--no-actions" not in sys.argv))
