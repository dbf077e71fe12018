"""Plays the announcer's sounds and prompts so that they never trample each other.

The announcer (``supple.core.announcer``) decides what a moment calls for; this
decides what can be heard now: a beat that would land on a word is dropped (a
pip, a side switch or a step start never is: the announcer fits prompts before
them), a rep count never interrupts a sentence, and a more important prompt cuts
off a less important one instead of waiting behind it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject

from supple.core.announcer import Announcement, Announcer, Priority, PromptLength, WordRate
from supple.core.cue import Cue
from supple.core.events import Event
from supple.core.plan import Plan


class SoundOutput(Protocol):
    def play(self, cue: Cue) -> bool: ...


class VoiceOutput(Protocol):
    def is_speaking(self) -> bool: ...

    def say(self, text: str, *, interrupt: bool = True) -> bool: ...

    def stop(self) -> None: ...


SPEECH_STARTING = 0.5
"""Seconds within which an engine reports that it started speaking what it was sent."""
OPENING_WORDINGS = 4
"""The get-ready's wordings, measured before the session's first second if they are new."""


class CueScheduler(QObject):
    def __init__(
        self,
        sound: SoundOutput | None,
        voice: VoiceOutput | None,
        *,
        voice_on: bool = True,
        count_aloud: bool = False,
        lengths: PromptLength | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.sound = sound
        self.voice = voice
        self.muted = False
        self._clock = clock
        self.lengths: PromptLength = lengths if lengths is not None else WordRate()
        self._announcer = Announcer(voice=voice_on, count_aloud=count_aloud, lengths=self.lengths)
        self._speaking: Priority | None = None
        self._said_at = float("-inf")
        self.play_delays: list[float] = []
        """Seconds from each event's due moment to the call that played its sound."""
        self.heard: list[tuple[float, str, str]] = []
        """What was sent out, in order: (time, "sound", name) or (time, "speech", text)."""
        self.predicted: list[tuple[float, str, float]] = []
        """Each prompt sent out (not counts): (time, text, seconds the announcer fitted it to)."""

    def configure(
        self,
        *,
        voice_on: bool,
        count_aloud: bool,
        side_each_rep: bool = True,
        phase_words: bool = True,
    ) -> None:
        announcer = self._announcer
        announcer.voice, announcer.count_aloud = voice_on, count_aloud
        announcer.side_each_rep, announcer.phase_words = side_each_rep, phase_words

    def set_lengths(self, lengths: PromptLength) -> None:
        """Fit prompts to ``lengths`` from the next event on (the voice came up)."""
        self.lengths = self._announcer.lengths = lengths

    def reset(self, plan: object = None) -> None:
        """A new session starts: nothing has been introduced yet, and the wordings it may
        need are measured now (the first ones) or soon (the others)."""
        old = self._announcer
        self._announcer = Announcer(
            voice=old.voice,
            count_aloud=old.count_aloud,
            lengths=self.lengths,
            side_each_rep=old.side_each_rep,
            phase_words=old.phase_words,
            plan=plan if isinstance(plan, Plan) else None,
        )
        prepare = getattr(self.lengths, "prepare", None)
        if isinstance(plan, Plan) and prepare is not None and old.voice:
            prepare(self.wordings(plan), at_once=OPENING_WORDINGS)

    def wordings(self, plan: Plan) -> list[str]:
        """Every wording the session of ``plan`` may say, in the order it may need them."""
        return self._announcer.prompts(plan)

    def on_event(self, event: Event) -> None:
        for announcement in self._announcer.on_event(event):
            self.play(announcement)

    def on_speech_finished(self) -> None:
        self._speaking = None

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        if muted and self.voice is not None:
            self.voice.stop()
        stop = getattr(self.sound, "stop", None)
        if muted and stop is not None:
            stop()  # a long cue still sounding ends too: muted is silent at once

    def play(self, announcement: Announcement) -> None:
        if self.muted:
            return
        # The engine says it is speaking a moment after it is asked to: until then, what
        # was just sent counts as speaking (a count at a set's start waits for its name).
        speaking = (
            self._speaking is not None
            and self.voice is not None
            and (self.voice.is_speaking() or self._clock() - self._said_at < SPEECH_STARTING)
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
            now = self._said_at = self._clock()
            self.heard.append((now, "speech", announcement.speech))
            if priority > Priority.COUNT:
                self.predicted.append((now, announcement.speech, announcement.speech_seconds))
