"""Runs the session engine in the Qt event loop on a monotonic clock.

One precise single-shot timer is armed for the engine's next deadline; when it
fires the engine reports everything due, and the driver re-emits it. Nothing
here counts ticks, so a slow wake-up delays one event by a little and never
shifts the ones after it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from supple.core.engine import SessionEngine, SessionState
from supple.core.events import Event
from supple.core.plan import Plan

Clock = Callable[[], float]


class SessionDriver(QObject):
    """Owns a :class:`SessionEngine` and turns its events into Qt signals."""

    event_occurred = Signal(object)
    """Every engine event, in order (``supple.core.events``)."""
    state_changed = Signal(str)
    """The engine's state after a change (a ``SessionState`` value)."""

    def __init__(
        self, plan: Plan, clock: Clock = time.monotonic, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.engine = SessionEngine(plan)
        self._clock = clock
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.on_timeout)
        self.lateness: list[float] = []
        """Seconds between each timed event's due moment and its delivery."""

    def now(self) -> float:
        return self._clock()

    @property
    def state(self) -> SessionState:
        return self.engine.state

    # The user's actions: each is applied at the current time, then the timer is re-armed.

    def start(self) -> None:
        self._apply(self.engine.start)

    def toggle_pause(self) -> None:
        self._apply(self.engine.toggle_pause)

    def pause(self) -> None:
        self._apply(self.engine.pause)

    def resume(self) -> None:
        self._apply(self.engine.resume)

    def skip(self) -> None:
        self._apply(self.engine.skip)

    def back(self) -> None:
        self._apply(self.engine.back)

    def count_rep(self) -> None:
        self._apply(self.engine.count_rep)

    def finish_set(self) -> None:
        self._apply(self.engine.finish_set)

    def adjust_target(self, delta: int) -> None:
        self._apply(lambda now: self.engine.adjust_target(delta, now))

    def stop(self) -> None:
        self._apply(self.engine.stop)

    def _apply(self, action: Callable[[float], list[Event]]) -> None:
        before = self.engine.state
        events = action(self.now())
        self._emit(events, before, timed=False)

    def on_timeout(self) -> None:
        before = self.engine.state
        now = self.now()
        deadline = self.engine.next_deadline()
        if deadline is not None and now < deadline:
            # Woke early, as _arm intends: wait the rest.
            self._arm()
            return
        self._emit(self.engine.advance(now), before, timed=True)

    def _emit(self, events: list[Event], before: SessionState, *, timed: bool) -> None:
        delivered = self.now()
        for event in events:
            if timed:
                self.lateness.append(delivered - event.due)
            self.event_occurred.emit(event)
        if self.engine.state is not before:
            self.state_changed.emit(self.engine.state.value)
        self._arm()

    def _arm(self) -> None:
        deadline = self.engine.next_deadline()
        if deadline is None:
            self._timer.stop()
            return
        # Qt may wake a timer up to a millisecond after the whole milliseconds asked for,
        # so wake one early and wait the rest from on_timeout (a few turns of the loop).
        wait_ms = max(0, math.floor((deadline - self.now()) * 1000) - 1)
        self._timer.start(wait_ms)
