"""Ctrl+C, ``kill`` and a closed terminal, taken on the event loop like any other event.

Python runs a signal handler between two bytecodes of whatever Python code runs next: in
a Qt app that is some slot, and a ``KeyboardInterrupt`` raised there (the default SIGINT
handler) once landed in the session driver's timer slot, which then never armed the next
timer: the session froze. Here the handlers do nothing in Python; the signal's number
reaches the loop through ``signal.set_wakeup_fd`` and a ``QSocketNotifier``, and
:attr:`StopSignals.received` says it from there, where the app ends as closing the
window does.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Iterable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, Signal

__all__ = ["STOP_SIGNALS", "StopSignals", "exit_status"]

STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def exit_status(number: int) -> int:
    """The shell's status for a program ended by signal ``number``: 130 for SIGINT, ..."""
    return 128 + number


class StopSignals(QObject):
    """Delivers ``signals`` as :attr:`received` on the event loop; :meth:`restore` undoes it."""

    received = Signal(int)
    """``(signal number)``"""

    def __init__(
        self, signals: Iterable[signal.Signals] = STOP_SIGNALS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._wanted = {int(number) for number in signals}
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {number: signal.signal(number, _noted) for number in self._wanted}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self.on_readable)

    def on_readable(self) -> None:
        try:
            numbers = self._reader.recv(64)
        except BlockingIOError:
            return
        for number in numbers:  # one byte per signal, its number
            if number in self._wanted:
                self.received.emit(number)

    def restore(self) -> None:
        """Put back the handlers and wake-up file there were before."""
        self._notifier.setEnabled(False)
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._previous = {}
        signal.set_wakeup_fd(self._previous_fd)
        with contextlib.suppress(OSError):
            self._reader.close()
            self._writer.close()


def _noted(_number: int, _frame: FrameType | None) -> None:
    """The Python handler: nothing to do, the wake-up file carries the number to the loop."""
