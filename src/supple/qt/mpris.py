"""Supple as an MPRIS media player, so media keys, headset buttons and the desktop's
media widget steer the session from the mat.

Published as ``org.mpris.MediaPlayer2.supple`` from start to quit (the freedesktop
MPRIS 2 root and Player interfaces). Play/Pause/PlayPause pause and resume, Next and
Previous skip and go back, Stop asks whether to end the session; on Home, Play asks
for the selected routine to start (``play_requested``). ``Metadata`` and
``PlaybackStatus`` follow the session: the title is the step, the artist the routine,
the length and position the step's. Bluetooth headsets reach it too: BlueZ forwards
their buttons to the active MPRIS player.

Calls arrive on a thread of their own; they are answered there from a snapshot of the
state, and the commands they carry reach the GUI thread as a queued signal.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from supple.core.i18n import _
from supple.core.step_labels import side_text
from supple.qt.session_bus import PROPERTIES, SessionBus
from supple.qt.session_controller import Command, SessionStart

if TYPE_CHECKING:
    from jeepney import Message

    from supple.core.events import Event

SERVICE = "org.mpris.MediaPlayer2.supple"
PATH = "/org/mpris/MediaPlayer2"
ROOT = "org.mpris.MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"
NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"
DESKTOP_ENTRY = "io.github.supple.Supple"

COMMANDS = {
    "Pause": Command.PAUSE,
    "PlayPause": Command.TOGGLE_PAUSE,
    "Play": Command.RESUME,
    "Next": Command.NEXT,
    "Previous": Command.BACK,
    "Stop": Command.STOP_REQUEST,
}
"""The Player methods that steer a running session."""

_ROOT_PROPERTIES: dict[str, tuple[str, Any]] = {
    "CanQuit": ("b", False),
    "CanRaise": ("b", False),
    "HasTrackList": ("b", False),
    "Identity": ("s", "Supple"),
    "DesktopEntry": ("s", DESKTOP_ENTRY),
    "SupportedUriSchemes": ("as", []),
    "SupportedMimeTypes": ("as", []),
}
_FIXED_PLAYER: dict[str, tuple[str, Any]] = {
    "Rate": ("d", 1.0),
    "MinimumRate": ("d", 1.0),
    "MaximumRate": ("d", 1.0),
    "Volume": ("d", 1.0),
    "CanPlay": ("b", True),
    "CanPause": ("b", True),
    "CanSeek": ("b", False),
    "CanControl": ("b", True),
}


def _property_lines(properties: dict[str, tuple[str, Any]], writable: tuple[str, ...] = ()) -> str:
    return "".join(
        f'  <property name="{name}" type="{signature}" '
        f'access="{"readwrite" if name in writable else "read"}"/>\n'
        for name, (signature, _) in properties.items()
    )


INTROSPECTION = f"""<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">
<node>
 <interface name="org.freedesktop.DBus.Introspectable">
  <method name="Introspect"><arg name="xml" type="s" direction="out"/></method>
 </interface>
 <interface name="{PROPERTIES}">
  <method name="Get"><arg type="s" direction="in"/><arg type="s" direction="in"/>
   <arg type="v" direction="out"/></method>
  <method name="GetAll"><arg type="s" direction="in"/><arg type="a{{sv}}" direction="out"/></method>
  <method name="Set"><arg type="s" direction="in"/><arg type="s" direction="in"/>
   <arg type="v" direction="in"/></method>
  <signal name="PropertiesChanged"><arg type="s"/><arg type="a{{sv}}"/><arg type="as"/></signal>
 </interface>
 <interface name="{ROOT}">
  <method name="Raise"/><method name="Quit"/>
{_property_lines(_ROOT_PROPERTIES)} </interface>
 <interface name="{PLAYER}">
  <method name="Next"/><method name="Previous"/><method name="Pause"/><method name="PlayPause"/>
  <method name="Stop"/><method name="Play"/>
  <method name="Seek"><arg name="Offset" type="x" direction="in"/></method>
  <method name="SetPosition"><arg name="TrackId" type="o" direction="in"/>
   <arg name="Position" type="x" direction="in"/></method>
  <method name="OpenUri"><arg name="Uri" type="s" direction="in"/></method>
  <signal name="Seeked"><arg name="Position" type="x"/></signal>
  <property name="PlaybackStatus" type="s" access="read"/>
  <property name="Metadata" type="a{{sv}}" access="read"/>
  <property name="Position" type="x" access="read"/>
  <property name="CanGoNext" type="b" access="read"/>
  <property name="CanGoPrevious" type="b" access="read"/>
{_property_lines(_FIXED_PLAYER, writable=("Rate", "Volume"))} </interface>
</node>
"""


class PlayerState:
    """What the desktop reads: a snapshot, written on the GUI thread, read on the bus's."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.status = "Stopped"
        self.metadata: dict[str, tuple[str, Any]] = {"mpris:trackid": ("o", NO_TRACK)}
        self._position_s = 0.0
        self._since: float | None = None
        """``time.monotonic()`` when the position last started moving, None while still."""

    def set(self, status: str, metadata: dict[str, tuple[str, Any]] | None = None) -> None:
        with self._lock:
            if self._since is not None:
                self._position_s += time.monotonic() - self._since
            self._since = time.monotonic() if status == "Playing" else None
            self.status = status
            if metadata is not None:
                self.metadata = metadata
                self._position_s = 0.0

    def position_us(self) -> int:
        with self._lock:
            moving = time.monotonic() - self._since if self._since is not None else 0.0
            return round((self._position_s + moving) * 1_000_000)

    def player_properties(self) -> dict[str, tuple[str, Any]]:
        with self._lock:
            status, metadata = self.status, dict(self.metadata)
        running = status != "Stopped"
        return {
            "PlaybackStatus": ("s", status),
            "Metadata": ("a{sv}", metadata),
            "Position": ("x", self.position_us()),
            "CanGoNext": ("b", running),
            "CanGoPrevious": ("b", running),
            **_FIXED_PLAYER,
        }


def step_metadata(start: SessionStart, event: Event) -> dict[str, tuple[str, Any]] | None:
    """The Metadata for a step that starts with ``event`` (None for other events)."""
    from supple.core.events import RestStarted, StepStarted

    if not isinstance(event, StepStarted | RestStarted):
        return None
    step = event.step
    title = step.exercise.name if step.is_work else _("Rest")
    side = side_text(step.side)
    if step.is_work and side:
        title = f"{title} ({side})"
    metadata: dict[str, tuple[str, Any]] = {
        "mpris:trackid": ("o", f"/io/github/supple/step/{step.index}"),
        "xesam:title": ("s", title),
        "xesam:artist": ("as", [start.routine.name]),
        "xesam:album": ("s", start.routine.name),
    }
    length = step.length
    if length is not None:
        metadata["mpris:length"] = ("x", round(length * 1_000_000))
    return metadata


class MprisPlayer(QObject):
    """Publishes the session as a media player; sends the calls it gets as commands."""

    command_requested = Signal(object)
    """A ``Command`` for the session controller."""
    play_requested = Signal()
    """Play or PlayPause with no session running: start the selected routine."""
    published = Signal(bool)
    """The name was taken on the bus (True) or could not be (False; ``problem`` says why)."""
    _called = Signal(str)

    def __init__(self, bus: SessionBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self.state = PlayerState()
        self._start: SessionStart | None = None
        self._thread: threading.Thread | None = None
        self.problem = ""
        self._called.connect(self.on_called)

    def start(self) -> None:
        """Take the name and answer calls, on a thread of its own."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._serve, name="mpris", daemon=True)
            self._thread.start()

    def close(self) -> None:
        """Wait for the serving thread, which ends when the bus closes (the name goes too)."""
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    # --- the session, on the GUI thread -------------------------------------------------

    def on_session_started(self, start: SessionStart) -> None:
        self._start = start
        self._changed("Playing")

    def on_session_event(self, event: Event) -> None:
        if self._start is None:
            return
        metadata = step_metadata(self._start, event)
        if metadata is not None:
            self._changed(
                self.state.status if self.state.status != "Stopped" else "Playing", metadata
            )

    def on_state_changed(self, state: str) -> None:
        if state in ("get_ready", "running"):
            self._changed("Playing")
        elif state == "paused":
            self._changed("Paused")

    def on_session_ended(self, _end: object) -> None:
        self._start = None
        self._changed("Stopped", {"mpris:trackid": ("o", NO_TRACK)})

    def on_called(self, method: str) -> None:
        if self._start is None and method in ("Play", "PlayPause"):
            self.play_requested.emit()
        elif method in COMMANDS:
            self.command_requested.emit(COMMANDS[method])

    def _changed(self, status: str, metadata: dict[str, tuple[str, Any]] | None = None) -> None:
        before = (self.state.status, self.state.metadata)
        self.state.set(status, metadata)
        if (self.state.status, self.state.metadata) == before:
            return
        properties = self.state.player_properties()
        changed = {
            name: properties[name]
            for name in ("PlaybackStatus", "Metadata", "CanGoNext", "CanGoPrevious")
        }
        self._bus.submit(lambda: self._signal_changes(changed))

    def _signal_changes(self, changed: dict[str, tuple[str, Any]]) -> None:
        from jeepney import DBusAddress, new_signal

        if self._bus.router is None:
            return
        emitter = DBusAddress(PATH, interface=PROPERTIES)
        self._bus.send(new_signal(emitter, "PropertiesChanged", "sa{sv}as", (PLAYER, changed, [])))

    # --- the bus, on its own thread -----------------------------------------------------

    def _serve(self) -> None:
        router = self._bus.submit(self._bus.open).result()
        if router is None:
            self.problem = self._bus.problem
            self.published.emit(False)
            return
        calls = self._bus.method_calls()
        do_not_queue = 4
        taken = self._bus.submit(
            lambda: self._bus.bus_call("RequestName", "su", (SERVICE, do_not_queue))
        ).result()
        if taken != 1:  # 1: primary owner; another Supple may hold it
            self.problem = f"{SERVICE} is taken by another program"
            self.published.emit(False)
            return
        self.published.emit(True)
        while (message := calls.get()) is not None:
            self._answer(message)

    def _answer(self, message: Message) -> None:
        from jeepney import new_error, new_method_return
        from jeepney.low_level import HeaderFields

        fields = message.header.fields
        interface = fields.get(HeaderFields.interface, "")
        member = fields.get(HeaderFields.member, "")
        if fields.get(HeaderFields.path) != PATH:
            self._bus.send(new_error(message, "org.freedesktop.DBus.Error.UnknownObject"))
            return
        if interface == PROPERTIES:
            self._bus.send(self._property_answer(message, member))
        elif interface == "org.freedesktop.DBus.Introspectable" and member == "Introspect":
            self._bus.send(new_method_return(message, "s", (INTROSPECTION,)))
        elif interface in (PLAYER, "") and member in (*COMMANDS, "Seek", "SetPosition", "OpenUri"):
            self._called.emit(member)
            self._bus.send(new_method_return(message))
        elif interface in (ROOT, "") and member in ("Raise", "Quit"):
            self._bus.send(new_method_return(message))  # CanRaise and CanQuit are false
        else:
            self._bus.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod"))

    def _properties(self, interface: str) -> dict[str, tuple[str, Any]] | None:
        if interface == ROOT:
            return dict(_ROOT_PROPERTIES)
        if interface == PLAYER:
            return self.state.player_properties()
        return None

    def _property_answer(self, message: Message, member: str) -> Message:
        from jeepney import new_error, new_method_return

        body = message.body
        properties = self._properties(body[0]) if body else None
        if properties is None:
            return new_error(message, "org.freedesktop.DBus.Error.UnknownInterface")
        if member == "GetAll":
            return new_method_return(message, "a{sv}", (properties,))
        if member == "Get" and len(body) == 2 and body[1] in properties:
            return new_method_return(message, "v", (properties[body[1]],))
        if member == "Set":  # Rate and Volume are fixed: a workout has one speed
            return new_method_return(message)
        return new_error(message, "org.freedesktop.DBus.Error.InvalidArgs")
