"""A private D-Bus session bus with a stand-in ``org.freedesktop.ScreenSaver`` on it.

The stand-in publishes the exact signatures the desktops use, ``Inhibit(s, s) -> u`` and
``UnInhibit(u)``, and like them it refuses a call whose arguments have other types (a
signed cookie, say): QtDBus only delivers a call to a slot whose types match. Every call
it accepts is written as a JSON line to a record file, which the tests read.

Run as a script, this file is the stand-in service itself:
``python screensaver_service.py RECORD FIRST_COOKIE [--without-uninhibit]`` on the bus in
``DBUS_SESSION_BUS_ADDRESS``; it prints ``ready`` once it owns the service name. With
``--without-uninhibit`` it offers only ``Inhibit``: a lock that can never be given back.
"""

from __future__ import annotations

import itertools
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"
INTERFACE = "org.freedesktop.ScreenSaver"

# A session bus with no service directories, so a call to a name nobody owns fails
# instead of starting whatever real screen saver this machine has installed.
_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir={tmpdir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@dataclass(frozen=True)
class StandIn:
    address: str  # of the private bus it is on
    record: Path

    def calls(self) -> list[dict[str, object]]:
        """Every call the service accepted, oldest first."""
        if not self.record.exists():
            return []
        return [json.loads(line) for line in self.record.read_text().splitlines()]


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _first_line(process: subprocess.Popen[str], timeout: float = 15) -> str:
    """The first line ``process`` prints, or ``""`` if it prints none in time."""
    assert process.stdout is not None
    readable, _, _ = select.select([process.stdout], [], [], timeout)
    return process.stdout.readline().strip() if readable else ""


@contextmanager
def running_private_bus(folder: Path) -> Iterator[str]:
    """A session bus of our own (its address), so no real desktop service answers."""
    import pytest  # here, not at the top: the service process has no use for it

    if shutil.which("dbus-daemon") is None:
        pytest.skip("needs dbus-daemon: install the Debian package dbus-daemon")
    config = folder / "bus.conf"
    config.write_text(_BUS_CONFIG.format(tmpdir=tempfile.gettempdir()))
    log_path = folder / "dbus-daemon.log"
    with log_path.open("w") as log:
        daemon = subprocess.Popen(
            ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE, stderr=log, text=True,
        )  # fmt: skip
    try:
        address = _first_line(daemon)
        if not address:
            pytest.skip(f"dbus-daemon did not start: {log_path.read_text()[-500:]}")
        yield address
    finally:
        _stop(daemon)


@contextmanager
def running_stand_in(
    address: str, folder: Path, first_cookie: int = 101, *, with_uninhibit: bool = True
) -> Iterator[StandIn]:
    """The stand-in service on the bus at ``address``, handing out cookies from ``first_cookie``."""
    record = folder / "screensaver-calls.jsonl"
    log_path = folder / "screensaver-service.log"
    env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address, QT_QPA_PLATFORM="offscreen")
    with log_path.open("w") as log:
        service = subprocess.Popen(
            [sys.executable, __file__, str(record), str(first_cookie)]
            + ([] if with_uninhibit else ["--without-uninhibit"]),
            stdout=subprocess.PIPE, stderr=log, text=True, env=env,
        )  # fmt: skip
    try:
        ready = _first_line(service)
        assert ready == "ready", f"stand-in screen saver did not start: {log_path.read_text()}"
        yield StandIn(address, record)
    finally:
        _stop(service)


def _serve(record: Path, first_cookie: int, with_uninhibit: bool) -> int:
    from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
    from PySide6.QtDBus import QDBusConnection

    cookies = itertools.count(first_cookie)

    def write(**call: object) -> None:
        with record.open("a") as out:
            out.write(json.dumps(call) + "\n")

    def inhibit(application: str, reason: str) -> int:
        cookie = next(cookies)
        write(method="Inhibit", application=application, reason=reason, cookie=cookie)
        return cookie

    # QtDBus exports the slots a class declares itself, so each variant is a class of its own.
    # "uint" makes QtDBus publish and expect D-Bus type u, as the desktops do.
    @ClassInfo({"D-Bus Interface": INTERFACE})
    class ScreenSaver(QObject):
        @Slot(str, str, result="uint")
        def Inhibit(self, application: str, reason: str) -> int:  # noqa: N802  # D-Bus method name
            return inhibit(application, reason)

        @Slot("uint")
        def UnInhibit(self, cookie: int) -> None:  # noqa: N802  # D-Bus method name
            write(method="UnInhibit", cookie=cookie)

    @ClassInfo({"D-Bus Interface": INTERFACE})
    class InhibitOnly(QObject):
        @Slot(str, str, result="uint")
        def Inhibit(self, application: str, reason: str) -> int:  # noqa: N802  # D-Bus method name
            return inhibit(application, reason)

    app = QCoreApplication(sys.argv)
    bus = QDBusConnection.sessionBus()
    saver = ScreenSaver() if with_uninhibit else InhibitOnly()
    exported = bus.registerObject(PATH, saver, QDBusConnection.RegisterOption.ExportAllSlots)
    if not (exported and bus.registerService(SERVICE)):
        print(bus.lastError().message() or "could not register", file=sys.stderr)
        return 1
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(_serve(Path(sys.argv[1]), int(sys.argv[2]), "--without-uninhibit" not in sys.argv))
