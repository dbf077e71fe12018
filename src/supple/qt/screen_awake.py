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
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal

APP_NAME = "Supple"
REASON = "A workout is running"
PAUSED_GRACE_SECONDS = 5 * 60
"""How long a paused session keeps the screen awake."""

_SERVICE = "org.freedesktop.ScreenSaver"
_PATH = "/org/freedesktop/ScreenSaver"
_INTERFACE = "org.freedesktop.ScreenSaver"

_HOLDING_STATES = frozenset({"get_ready", "running"})
_ENDED_STATES = frozenset({"ready", "finished", "stopped"})


class InhibitBackend(Protocol):
    """Something that can stop the screen saver; returns a cookie, or ``None`` if it could not."""

    def inhibit(self, application: str, reason: str) -> int | None: ...

    def uninhibit(self, cookie: int) -> None: ...


class FreedesktopScreenSaver:
    """``org.freedesktop.ScreenSaver`` on the session bus (GNOME, KDE, Xfce, ...)."""

    def __init__(self) -> None:
        self._interface: object | None = None
        self.unavailable_reason = ""
        try:  # an optional Qt module: some builds leave it out
            from PySide6.QtDBus import QDBusConnection, QDBusInterface
        except ImportError:
            self.unavailable_reason = "Qt was built without D-Bus support"
            return
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            self.unavailable_reason = bus.lastError().message() or "no D-Bus session bus"
            return
        interface = QDBusInterface(_SERVICE, _PATH, _INTERFACE, bus)
        if not interface.isValid():
            self.unavailable_reason = interface.lastError().message() or "no screen saver service"
            return
        self._interface = interface

    @property
    def available(self) -> bool:
        return self._interface is not None

    def inhibit(self, application: str, reason: str) -> int | None:
        if self._interface is None:
            return None
        reply = self._interface.call("Inhibit", application, reason)  # type: ignore[attr-defined]  # QDBusInterface, typed loosely above so the import stays optional
        arguments = reply.arguments()
        if reply.errorName() or not arguments:
            return None
        return int(arguments[0])

    def uninhibit(self, cookie: int) -> None:
        if self._interface is not None:
            self._interface.call("UnInhibit", cookie)  # type: ignore[attr-defined]  # as above


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
        self._cookie = self._backend.inhibit(APP_NAME, REASON)
        if self._cookie is not None:
            self.held_changed.emit(True)
