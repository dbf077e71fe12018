"""A desktop notification with buttons, through org.freedesktop.Notifications.

``supple remind`` must not load Qt, so this talks D-Bus with jeepney (pure Python, already
Supple's D-Bus library, see ``qt.session_bus``): importing it and connecting takes a few
milliseconds, where ``PySide6.QtDBus`` alone costs about 100 ms before the first call. The
arguments are written with the exact signature the specification gives,
``Notify(susssasa{sv}i) -> u``, so a strict server accepts them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jeepney import DBusAddress, MatchRule, message_bus, new_method_call
from jeepney.io.blocking import Proxy, open_dbus_connection
from jeepney.low_level import HeaderFields
from jeepney.wrappers import DBusErrorResponse, unwrap_msg

from supple.core.i18n import _

if TYPE_CHECKING:
    from jeepney.io.blocking import DBusConnection

NOTIFICATIONS = DBusAddress(
    "/org/freedesktop/Notifications",
    bus_name="org.freedesktop.Notifications",
    interface="org.freedesktop.Notifications",
)
CALL_TIMEOUT_S = 5.0
CLOSED = ""
"""The answer when the notification was closed or timed out without a button."""


class NotificationError(Exception):
    """No session bus or no notification server; the text says which."""


@dataclass(frozen=True)
class Notification:
    summary: str
    body: str
    actions: Sequence[tuple[str, str]] = ()
    """(key, label) pairs; the key comes back from :meth:`Notifier.wait_for_answer`."""
    app_name: str = "Supple"
    icon: str = "io.github.supple.Supple"
    desktop_entry: str = "io.github.supple.Supple"


class Notifier:
    """One connection to the session bus that posts a notification and hears its answer."""

    def __init__(self, address: str = "SESSION") -> None:
        try:
            self._connection: DBusConnection = open_dbus_connection(address)
        except (OSError, KeyError, ValueError, RuntimeError) as error:
            raise NotificationError(
                _("no D-Bus session bus ({error})").format(error=error)
            ) from error
        self._signals = MatchRule(
            type="signal", interface=NOTIFICATIONS.interface, path=NOTIFICATIONS.object_path
        )
        self._queue = self._connection.filter(self._signals).queue
        self.id = 0

    def supports_actions(self) -> bool:
        capabilities = self._call("GetCapabilities", None, ())[0]
        return isinstance(capabilities, list) and "actions" in capabilities

    def post(self, notification: Notification) -> int:
        """Show ``notification``; its id. Signals are subscribed first, so none is missed."""
        Proxy(message_bus, self._connection).AddMatch(self._signals)
        actions = [word for pair in notification.actions for word in pair]
        hints = {"desktop-entry": ("s", notification.desktop_entry), "urgency": ("y", 1)}
        body = (notification.app_name, 0, notification.icon, notification.summary,
                notification.body, actions, hints, -1)  # fmt: skip
        (self.id,) = self._call("Notify", "susssasa{sv}i", body)
        return self.id

    def wait_for_answer(self, timeout: float) -> str:
        """The action key the user chose, or :data:`CLOSED`; closes it after ``timeout`` s."""
        try:
            while True:
                message = self._connection.recv_until_filtered(self._queue, timeout=timeout)
                member, body = message.header.fields.get(HeaderFields.member), message.body
                if body and body[0] == self.id:
                    if member == "ActionInvoked":
                        return str(body[1])
                    if member == "NotificationClosed":
                        return CLOSED
        except TimeoutError:
            self._call("CloseNotification", "u", (self.id,))
            return CLOSED

    def close(self) -> None:
        self._connection.close()

    def _call(
        self, member: str, signature: str | None, body: tuple[object, ...]
    ) -> tuple[Any, ...]:
        message = new_method_call(NOTIFICATIONS, member, signature, body)
        try:
            reply = self._connection.send_and_get_reply(message, timeout=CALL_TIMEOUT_S)
            return tuple(unwrap_msg(reply))
        except (DBusErrorResponse, TimeoutError, OSError) as error:
            raise NotificationError(
                _("the notification server did not answer {call} ({error})").format(
                    call=member, error=error
                )
            ) from error
