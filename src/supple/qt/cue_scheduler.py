"""Plays the announcer's sounds and prompts so that they never trample each other.

The announcer (``supple.core.announcer``) decides what a moment calls for; this
decides what can be heard now: a beat or pip that would land on a word is
dropped, a rep count never interrupts a sentence, and a more important prompt
cuts off a less important one instead of waiting behind it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject

from supple.core.announcer import Announcement, Announcer, Priority
from supple.core.cue import Cue
from supple.core.events import Event


class SoundOutput(Protocol):
    def play(self, cue: Cue) -> bool: ...


class VoiceOutput(Protocol):
    def is_speaking(self) -> bool: ...

    def say(self, text: str, *, interrupt: bool = True) -> bool: ...

    def stop(self) -> None: ...


class CueScheduler(QObject):
    def __init__(
        self,
        sound: SoundOutput | None,
        voice: VoiceOutput | None,
        *,
        voice_on: bool = True,
        count_aloud: bool = False,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.sound = sound
        self.voice = voice
        self.muted = False
        self._clock = clock
        self._announcer = Announcer(voice=voice_on, count_aloud=count_aloud)
        self._speaking: Priority | None = None
        self.play_delays: list[float] = []
        """Seconds from each event's due moment to the call that played its sound."""
        self.heard: list[tuple[float, str, str]] = []
        """What was sent out, in order: (time, "sound", name) or (time, "speech", text)."""

    def configure(self, *, voice_on: bool, count_aloud: bool) -> None:
        self._announcer.voice = voice_on
        self._announcer.count_aloud = count_aloud

    def reset(self, *_: object) -> None:
        """A new session starts: nothing has been introduced yet."""
        self._announcer = Announcer(
            voice=self._announcer.voice, count_aloud=self._announcer.count_aloud
        )

    def on_event(self, event: Event) -> None:
        for announcement in self._announcer.on_event(event):
            self.play(announcement)

    def on_speech_finished(self) -> None:
        self._speaking = None

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        if muted and self.voice is not None:
            self.voice.stop()

    def play(self, announcement: Announcement) -> None:
        if self.muted:
            return
        speaking = (
            self._speaking is not None and self.voice is not None and self.voice.is_speaking()
        )
        cue = announcement.cue
        if cue is not None and self.sound is not None and not (announcement.yields and speaking):
            if self.sound.play(cue):
                self.play_delays.append(self._clock() - announcement.due)
            self.heard.append((self._clock(), "sound", cue.value))
        if announcement.speech and self.voice is not None:
            self._say(announcement, speaking)

    def _say(self, announcement: Announcement, speaking: bool) -> None:
        assert self.voice is not None
        priority = announcement.priority
        if speaking and self._speaking is not None:
            if priority is Priority.COUNT:
                return  # a count that would talk over a sentence is simply skipped
            interrupt = priority > self._speaking
        else:
            interrupt = True
        if self.voice.say(announcement.speech, interrupt=interrupt):
            self._speaking = (
                max(priority, self._speaking or priority) if not interrupt else priority
            )
            self.heard.append((self._clock(), "speech", announcement.speech))
