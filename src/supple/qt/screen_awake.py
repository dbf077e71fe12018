"""Keeps the screen from blanking while a session runs.

The user is on a mat, metres from the keyboard; a screen that dims halfway
through a hold is the one thing they cannot fix without getting up. The lock is
asked for through the freedesktop ScreenSaver D-Bus interface when a session
runs, and given back when it ends, or once it has been paused for a while (a
session left paused over lunch should not keep the screen on forever).
Where there is no session bus or no screen saver service, nothing happens.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Q_ARG, QObject, Qt, QTimer, Signal

from supple.core.i18n import N_, _

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusInterface

APP_NAME = "Supple"
REASON = N_("A workout is running")
PAUSED_GRACE_SECONDS = 5 * 60
"""How long a paused session keeps the screen awake."""
CALL_TIMEOUT_MS = 3000
"""How long a call to the screen saver may keep the window from redrawing."""

_SERVICE = "org.freedesktop.ScreenSaver"
_PATH = "/org/freedesktop/ScreenSaver"
_INTERFACE = "org.freedesktop.ScreenSaver"
_UNINHIBIT = "UnInhibit(uint)"
"""The method as QtDBus describes it after reading the service's own introspection data."""
_COOKIE_MAX = 0xFFFF_FFFF

_HOLDING_STATES = frozenset({"get_ready", "running"})
_ENDED_STATES = frozenset({"ready", "finished", "stopped"})


class InhibitBackend(Protocol):
    """Something that can stop the screen saver; returns a cookie, or ``None`` if it could not."""

    def inhibit(self, application: str, reason: str) -> int | None: ...

    def uninhibit(self, cookie: int) -> None: ...


class FreedesktopScreenSaver:
    """``org.freedesktop.ScreenSaver`` on the session bus (GNOME, KDE, Xfce, ...).

    The interface is ``Inhibit(s application, s reason) -> u cookie`` and
    ``UnInhibit(u cookie)``. A Python int passed to ``QDBusInterface.call`` goes out as a
    signed ``i`` (or ``x``), which the desktops refuse as a call to no known method, so the
    lock would stay until the app quits. The cookie is therefore handed back through the
    method QtDBus built from the service's introspection data, whose argument is a ``uint``
    and goes out as ``u``. A service that does not describe ``UnInhibit`` that way is left
    alone: taking a lock that cannot be given back is worse than taking none.

    ``bus_address`` connects to that bus instead of the session bus. D-Bus failures never
    raise: ``unavailable_reason`` says why there is no screen saver, ``last_error`` why the
    last call did not go through.
    """

    def __init__(self, bus_address: str | None = None) -> None:
        self._interface: QDBusInterface | None = None
        self.unavailable_reason = ""
        self.last_error = ""
        try:  # an optional Qt module: some builds leave it out
            from PySide6.QtDBus import QDBusConnection, QDBusInterface
        except ImportError:
            self.unavailable_reason = "Qt was built without D-Bus support"
            return
        if bus_address is None:
            bus = QDBusConnection.sessionBus()
        else:
            bus = QDBusConnection.connectToBus(bus_address, f"supple screen saver {bus_address}")
        if not bus.isConnected():
            self.unavailable_reason = bus.lastError().message() or "no D-Bus session bus"
            return
        interface = QDBusInterface(_SERVICE, _PATH, _INTERFACE, bus)
        if not interface.isValid():
            self.unavailable_reason = interface.lastError().message() or "no screen saver service"
            return
        if interface.metaObject().indexOfMethod(_UNINHIBIT) < 0:
            self.unavailable_reason = (
                "the screen saver service does not describe UnInhibit(u cookie), "
                "so a lock could not be given back"
            )
            return
        interface.setTimeout(CALL_TIMEOUT_MS)
        self._interface = interface

    @property
    def available(self) -> bool:
        return self._interface is not None

    def inhibit(self, application: str, reason: str) -> int | None:
        if self._interface is None:
            return None
        reply = self._interface.call("Inhibit", application, reason)
        if reply.type() != reply.MessageType.ReplyMessage:
            self.last_error = reply.errorMessage() or reply.errorName() or "no reply to Inhibit"
            return None
        arguments = reply.arguments()
        cookie = arguments[0] if arguments else None
        # QtDBus reads a u as a plain non-negative int; anything else is not a cookie.
        if type(cookie) is not int or not 0 <= cookie <= _COOKIE_MAX:
            self.last_error = f"the screen saver answered Inhibit with {arguments!r}, not a cookie"
            return None
        self.last_error = ""
        return cookie

    def uninhibit(self, cookie: int) -> None:
        if self._interface is None:
            return
        if not 0 <= cookie <= _COOKIE_MAX:
            raise ValueError(
                f"screen saver cookie {cookie} is not one Inhibit can give: "
                f"cookies are unsigned 32-bit numbers (0 to {_COOKIE_MAX})"
            )
        meta = self._interface.metaObject()
        method = meta.method(meta.indexOfMethod(_UNINHIBIT))
        # Blocks until the service answers, like call(), and leaves its answer in lastError().
        invoked = method.invoke(
            self._interface, Qt.ConnectionType.DirectConnection, Q_ARG("uint", cookie)
        )
        error = self._interface.lastError()
        if error.isValid():
            self.last_error = error.message() or error.name()
        elif not invoked:
            self.last_error = f"QtDBus could not call {_UNINHIBIT}"
        else:
            self.last_error = ""


class ScreenAwake(QObject):
    """Holds the screen-saver lock while a session's state says someone is working out.

    Feed it the session driver's ``state_changed`` values through :meth:`on_state_changed`.
    """

    held_changed = Signal(bool)

    def __init__(
        self,
        backend: InhibitBackend | None = None,
        paused_grace_seconds: float = PAUSED_GRACE_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # Connecting to D-Bus waits until the first session: it costs start-up time.
        self._backend_given = backend
        self._cookie: int | None = None
        self._wanted = False
        self._grace = QTimer(self)
        self._grace.setSingleShot(True)
        self._grace.setTimerType(Qt.TimerType.CoarseTimer)
        self._grace.setInterval(round(paused_grace_seconds * 1000))
        self._grace.timeout.connect(self.on_grace_over)

    @cached_property
    def _backend(self) -> InhibitBackend:
        return self._backend_given if self._backend_given is not None else FreedesktopScreenSaver()

    @property
    def held(self) -> bool:
        """Whether the screen saver is being held off right now."""
        return self._cookie is not None

    @property
    def wanted(self) -> bool:
        """Whether it should be (true even when the desktop offers no way to do it)."""
        return self._wanted

    def on_state_changed(self, state: str) -> None:
        if state in _HOLDING_STATES:
            self._grace.stop()
            self._hold()
        elif state == "paused":
            if self._wanted and not self._grace.isActive():
                self._grace.start()
        elif state in _ENDED_STATES:
            self.release()

    def on_grace_over(self) -> None:
        self.release()

    def release(self) -> None:
        self._grace.stop()
        self._wanted = False
        cookie, self._cookie = self._cookie, None
        if cookie is not None:
            self._backend.uninhibit(cookie)
            self.held_changed.emit(False)

    def _hold(self) -> None:
        self._wanted = True
        if self._cookie is not None:
            return
        self._cookie = self._backend.inhibit(APP_NAME, _(REASON))
        if self._cookie is not None:
            self.held_changed.emit(True)
