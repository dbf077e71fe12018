"""One Supple per user and data folder: a second ``supple`` hands its wish to the first.

The reminder's "Start" runs ``supple --routine ID``; with Supple already open that must
raise the open window, not start a second app on the same history. The first instance
listens on a local socket named after the user and the data folder; a later one connects,
sends one JSON line (``{"routine": "..."}``) and exits. A lock file makes the check and
the listening one step, so two started at the same moment cannot both become the first.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import tempfile
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_TIMEOUT_MS = 1000
LOCK_TIMEOUT_MS = 5000


def server_name(data_dir: Path) -> str:
    """The socket's name: the same for every start on this user's ``data_dir``."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"supple-{getpass.getuser()}-{digest}"


class SingleInstance(QObject):
    """The first instance's listening end; ``raise_requested(routine)`` when another starts."""

    raise_requested = Signal(str)
    """A later ``supple`` started: show the window; the routine it named, or ``""``."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self.on_new_connection)

    def listen(self) -> bool:
        QLocalServer.removeServer(self.name)  # a socket file left by a crash; the lock guards
        return self._server.listen(self.name)

    def close(self) -> None:
        self._server.close()

    def on_new_connection(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data()).decode("utf-8", "replace")
        try:
            routine = json.loads(line).get("routine", "")
        except (ValueError, AttributeError):
            routine = ""  # a stranger's bytes: still, someone wants the window
        self.raise_requested.emit(routine if isinstance(routine, str) else "")
        socket.disconnectFromServer()


def hand_over(name: str, routine: str) -> bool:
    """Tell a running instance to come forward (on ``routine``); False when none answers."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(json.dumps({"routine": routine}).encode() + b"\n")
    socket.flush()
    socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    return True


def claim(name: str, routine: str, parent: QObject | None = None) -> SingleInstance | None:
    """Become the instance for ``name``, or hand ``routine`` over and get ``None`` (then exit)."""
    lock = QLockFile(str(Path(tempfile.gettempdir()) / f"{name}.lock"))
    lock.tryLock(LOCK_TIMEOUT_MS)  # not getting it in time: carry on rather than never open
    try:
        if hand_over(name, routine):
            return None
        instance = SingleInstance(name, parent)
        instance.listen()
        return instance
    finally:
        lock.unlock()
