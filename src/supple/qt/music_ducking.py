"""Other players' music steps aside while Supple speaks, and comes back after.

The setting ``music_during_prompts`` says how: leave it, lower it (each MPRIS player
that is Playing and has a ``Volume`` goes down to a quarter and back to exactly what it
was), or pause it (Pause, then Play again). Only players that were playing are touched,
and a player is given back only as it was left: one whose volume the user changed in
the meantime keeps the user's volume, one that is no longer paused is not played.
What is held is written to a small file, so a Supple that crashed gives the music back
at its next start (best effort), and everything is given back when a session ends and
at quit.

The calls to the players are made on the session bus's worker thread, in order.
"""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer

from supple import paths
from supple.core.atomic_file import write_text
from supple.qt.mpris import PLAYER, SERVICE
from supple.qt.session_bus import PROPERTIES, SessionBus

PLAYER_PREFIX = "org.mpris.MediaPlayer2."
LOWER_TO = 0.25
"""The share of its own volume a lowered player keeps while a prompt is said."""
COME_BACK_AFTER_MS = 1200
"""Quiet time before the music comes back, so counted reps do not make it pump."""
CRASH_RECORD_MAX_AGE_S = 15 * 60
"""A pause older than this is not undone at the next start: the user has moved on."""


def held_music_file() -> Path:
    return paths.cache_dir() / "held-music.json"


@dataclass
class Held:
    """One player Supple changed: how to give it back."""

    how: str
    """"lower" or "pause"."""
    volume_before: float = 0.0
    volume_set: float = 0.0


class MusicDucking(QObject):
    """Lowers or pauses the other players for each prompt (see the module's note)."""

    def __init__(
        self,
        bus: SessionBus,
        mode: str = "lower",
        *,
        record: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bus = bus
        self.mode = mode
        self._record = record if record is not None else held_music_file()
        self._held: dict[str, Held] = {}
        """Worker thread only."""
        self._aside = False
        self._come_back = QTimer(self, singleShot=True, interval=COME_BACK_AFTER_MS)
        self._come_back.timeout.connect(self.give_back)

    def set_mode(self, mode: str) -> None:
        if mode != self.mode:
            self.give_back()
            self.mode = mode

    # --- the GUI thread -----------------------------------------------------------------

    def on_speaking_changed(self, speaking: bool) -> None:
        if not speaking:
            self._come_back.start()
            return
        self._come_back.stop()
        if not self._aside and self.mode != "leave":
            self._aside = True
            mode = self.mode
            self._bus.submit(lambda: self._step_aside(mode))

    def give_back(self) -> None:
        """Give every held player back now (a session ended, Supple quits)."""
        self._come_back.stop()
        self._aside = False
        self._bus.submit(self._restore)

    def give_back_after_crash(self) -> None:
        """At start: what a Supple that did not close properly still held (best effort)."""
        self._bus.submit(self._restore_record)

    # --- the bus's worker thread --------------------------------------------------------

    def _call(self, name: str, interface: str, member: str, signature: str | None = None,
              body: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:  # fmt: skip
        from jeepney import DBusAddress, new_method_call

        address = DBusAddress("/org/mpris/MediaPlayer2", name, interface)
        return self._bus.call(new_method_call(address, member, signature, body))

    def _get(self, name: str, prop: str) -> Any:
        answer = self._call(name, PROPERTIES, "Get", "ss", (PLAYER, prop))
        return answer[0][1] if answer else None  # a variant: (signature, value)

    def _set_volume(self, name: str, volume: float) -> None:
        self._call(name, PROPERTIES, "Set", "ssv", (PLAYER, "Volume", ("d", volume)))

    def _players(self) -> list[str]:
        names = self._bus.bus_call("ListNames") or []
        return sorted(n for n in names if n.startswith(PLAYER_PREFIX) and n != SERVICE)

    def _step_aside(self, mode: str) -> None:
        if self._bus.router is None and self._bus.open() is None:
            return
        for name in self._players():
            if name in self._held or self._get(name, "PlaybackStatus") != "Playing":
                continue
            if mode == "pause":
                self._call(name, PLAYER, "Pause")
                self._held[name] = Held("pause")
                continue
            volume = self._get(name, "Volume")
            if not isinstance(volume, float) or volume <= 0:
                continue  # no volume to lower (or already silent)
            lowered = round(volume * LOWER_TO, 4)
            self._set_volume(name, lowered)
            self._held[name] = Held("lower", volume, lowered)
        self._write_record()

    def _restore(self) -> None:
        held, self._held = self._held, {}
        for name, how in held.items():
            self._give_back_one(name, how)
        self._write_record()

    def _give_back_one(self, name: str, held: Held) -> None:
        if held.how == "pause":
            if self._get(name, "PlaybackStatus") == "Paused":
                self._call(name, PLAYER, "Play")
            return
        volume = self._get(name, "Volume")
        if isinstance(volume, float) and abs(volume - held.volume_set) < 1e-3:
            self._set_volume(name, held.volume_before)

    def _write_record(self) -> None:
        with contextlib.suppress(OSError):  # best effort: only a crash would need it
            if not self._held:
                self._record.unlink(missing_ok=True)
                return
            self._record.parent.mkdir(parents=True, exist_ok=True)
            players = {name: asdict(held) for name, held in self._held.items()}
            write_text(self._record, json.dumps({"at": time.time(), "players": players}))

    def _restore_record(self) -> None:
        try:
            saved = json.loads(self._record.read_text())
            at, players = float(saved["at"]), dict(saved["players"])
            held = {name: Held(**fields) for name, fields in players.items()}
        except (OSError, ValueError, KeyError, TypeError):
            return  # nothing held, or a record that cannot be read: leave the music be
        if self._bus.router is None and self._bus.open() is None:
            return
        recent = time.time() - at < CRASH_RECORD_MAX_AGE_S
        for name, how in held.items():
            if how.how == "lower" or recent:
                self._give_back_one(name, how)
        with contextlib.suppress(OSError):
            self._record.unlink(missing_ok=True)
