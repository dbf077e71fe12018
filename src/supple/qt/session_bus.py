"""One connection to the D-Bus session bus for the media keys and the music, off the GUI thread.

Supple publishes an MPRIS player and talks to other players through jeepney, a small
pure-Python D-Bus library, rather than QtDBus. From Python, QtDBus picks the D-Bus type
of a value inside a variant itself: a step's length of 30 s goes out as ``i`` (int32),
where MPRIS requires ``x`` (int64) in ``Metadata``, and an empty list as ``av``. jeepney
writes exactly the signature it is given.

Every blocking call (connecting, asking another player) runs on a worker thread; the
GUI thread only queues work and sends signals, which never wait. With no session bus
nothing happens: ``problem`` says why, in one quiet line for the log.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from queue import Queue
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jeepney import Message
    from jeepney.io.threading import DBusRouter

CALL_TIMEOUT_S = 1.0
"""How long a call to another program may take before it is given up."""
DBUS = ("/org/freedesktop/DBus", "org.freedesktop.DBus", "org.freedesktop.DBus")
PROPERTIES = "org.freedesktop.DBus.Properties"


class SessionBus:
    """A jeepney router on the session bus (or ``address``), opened on a worker thread."""

    def __init__(self, address: str | None = None) -> None:
        self._address = address
        self._router: DBusRouter | None = None
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="session-bus")
        self._incoming: Queue[Message | None] | None = None
        self._filter: Any = None
        self.problem = ""
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, work: Callable[[], object]) -> Future[object]:
        """Run ``work`` on the bus's worker thread, in the order submitted."""
        return self._worker.submit(work)

    @property
    def router(self) -> DBusRouter | None:
        return self._router

    def open(self) -> DBusRouter | None:
        """Connect (on the worker thread); ``None`` and a ``problem`` when there is no bus."""
        if self._router is not None or self._closed:
            return self._router
        try:
            from jeepney.io.threading import DBusRouter, open_dbus_connection
        except ImportError:
            self.problem = "media keys are off: the jeepney package is missing"
            return None
        try:
            connection = open_dbus_connection(self._address or "SESSION")
        except (OSError, KeyError, ValueError, TimeoutError, RuntimeError) as error:
            self.problem = f"no D-Bus session bus ({error})"
            return None
        with self._lock:
            self._router = DBusRouter(connection)
        return self._router

    def method_calls(self) -> Queue[Message | None]:
        """Method calls addressed to this connection, as they arrive (``None``: closing)."""
        from jeepney import MatchRule

        assert self._router is not None
        if self._incoming is None:
            self._incoming = Queue()
            self._filter = self._router.filter(MatchRule(type="method_call"), queue=self._incoming)
        return self._incoming

    def call(self, message: Message, timeout: float = CALL_TIMEOUT_S) -> tuple[Any, ...] | None:
        """Send a method call and wait for its answer (worker thread only); ``None`` on error."""
        from jeepney.wrappers import DBusErrorResponse, unwrap_msg

        router = self._router
        if router is None:
            return None
        try:
            return tuple(unwrap_msg(router.send_and_get_reply(message, timeout=timeout)))
        except (DBusErrorResponse, TimeoutError, OSError, RuntimeError):
            return None

    def send(self, message: Message) -> None:
        """Send without waiting for an answer (any thread): signals and replies."""
        router = self._router
        if router is None:
            return
        with contextlib.suppress(OSError):  # the bus went away: nothing to tell
            router.send(message)

    def bus_call(
        self, member: str, signature: str | None = None, body: tuple[Any, ...] = ()
    ) -> Any:
        """A call to the bus itself (RequestName, ListNames...): its first answer, or None."""
        from jeepney import DBusAddress, new_method_call

        path, name, interface = DBUS
        message = new_method_call(DBusAddress(path, name, interface), member, signature, body)
        answer = self.call(message)
        return answer[0] if answer else None

    def close(self) -> None:
        """Stop serving and close the connection; waits for work already queued."""
        self._closed = True
        if self._incoming is not None:
            self._incoming.put(None)
        self._worker.shutdown(wait=True)
        with self._lock:
            router, self._router = self._router, None
        if router is not None:
            router.close()
            router.conn.close()
