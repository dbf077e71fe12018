"""The app's sound: cue sounds and spoken prompts, brought up after the window shows.

Each cue plays the user's own file where the settings name one that can be used,
and its built-in sound otherwise (what went wrong is said once, like a missing device).

Rendering cues (the first time) and opening the audio device and the speech
engine take a noticeable moment, so they happen after Home is on screen, the
rendering on a worker thread and the speech engine on its own (speech-dispatcher
can take seconds to answer). A session started before that simply begins with
visual cues, and with cues before prompts. What is missing (no device, no speech
engine) is said once, when both have answered.

Python's cycle collector runs on whichever thread happens to allocate. On the
worker it could free Qt objects that belong to the main thread, which Qt forbids
(and which can hang the app), so collection waits until the worker is done.
"""

from __future__ import annotations

import gc
import threading
from functools import cached_property
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

from supple.core.i18n import _
from supple.storage.settings import Settings

if TYPE_CHECKING:  # loaded on the worker thread and after the first paint, not at start-up
    from supple.audio.custom import SoundSet
    from supple.qt.cue_player import CuePlayer
    from supple.qt.cue_scheduler import CueScheduler
    from supple.qt.prompt_lengths import PromptLengths
    from supple.qt.speech import Speech


SPEECH_PATIENCE_MS = 15_000
"""How long the speech engine may take to answer before the user is told prompts wait
(speech-dispatcher's first answer took 2.7-4.2 s on a busy machine)."""
SPEECH_LEVEL = 0.6
"""Speech volume at the cues' full gain. espeak through speech-dispatcher is about 3.5 dB
louder than the cues at the same setting and clips at full volume; 0.6 puts prompts level
with the cues (-20 dBFS RMS) with 2 dB to spare on peaks."""


class SoundSystem(QObject):
    """The cue player, the speech engine and the scheduler between them, as one part."""

    ready = Signal()
    problem_found = Signal(str)
    """One plain sentence about something missing, to show once."""
    _rendered = Signal(object)

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.player: CuePlayer | None = None
        self.speech: Speech | None = None
        self.lengths: PromptLengths | None = None
        self._closed = False
        self._worker: threading.Thread | None = None
        self._collector_was_on = False
        self._rendered.connect(self.on_rendered)

    @cached_property
    def scheduler(self) -> CueScheduler:
        """Chooses and plays each event's cues; built when first needed, not at start-up
        (it brings the announcer and the engine's events with it)."""
        from supple.qt.cue_scheduler import CueScheduler

        scheduler = CueScheduler(None, None, parent=self)
        self._configure(scheduler, self._settings)
        scheduler.set_muted(not self._settings.sound_on)
        return scheduler

    @staticmethod
    def _configure(scheduler: CueScheduler, settings: Settings) -> None:
        scheduler.configure(
            voice_on=settings.voice_on,
            count_aloud=settings.count_reps_aloud,
            side_each_rep=settings.say_side_each_rep,
            phase_words=settings.say_phase_words,
        )

    def start(self) -> None:
        """Render (or find cached) cue sounds on a worker thread, then open the outputs."""
        if self._worker is not None:  # already on its way
            return
        self._collector_was_on = gc.isenabled()
        gc.disable()
        self._worker = threading.Thread(target=self._render, name="cue-render", daemon=True)
        self._worker.start()

    def _worker_done(self) -> None:
        """The worker has finished: cycles may be collected again, on this thread."""
        if self._worker is None:
            return
        self._worker.join()
        self._worker = None
        if self._collector_was_on:
            gc.enable()

    def _render(self) -> None:
        from supple.audio.custom import resolve_sounds  # pydub: on this thread only

        try:
            sounds: SoundSet | Exception = resolve_sounds(self._settings.custom_sounds)
        except Exception as error:  # any failure here only costs the sounds, never the app
            sounds = error
        if shiboken6.isValid(self):  # the app may have closed while the cues rendered
            self._rendered.emit(sounds)

    def close(self) -> None:
        """The app is closing: cues that finish rendering now are not wanted any more."""
        self._closed = True
        self._worker_done()
        if self.player is not None:
            self.player.stop()
        if self.lengths is not None:
            self.lengths.close()
        if self.speech is not None:
            from supple.qt.speech import stop_speech_thread

            speech, self.speech = self.speech, None
            speech.deleteLater()  # its engine is deleted on the speech thread, as it ends
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            stop_speech_thread()

    def on_rendered(self, sounds: object) -> None:
        self._worker_done()
        if self._closed or not shiboken6.isValid(self):
            return
        from supple.audio.custom import SoundSet
        from supple.qt.cue_player import CuePlayer
        from supple.qt.speech import Speech

        if isinstance(sounds, Exception):
            self.problem_found.emit(
                _(
                    "Cue sounds could not be prepared ({error}); the session shows its cues on "
                    "screen only. Check that the cache folder is writable."
                ).format(error=sounds)
            )
            sounds = SoundSet(paths={})
        assert isinstance(sounds, SoundSet)
        for cue, error in sounds.problems.items():
            self.problem_found.emit(error.for_cue(cue))
        self.player = CuePlayer(sounds.paths, parent=self)
        self.scheduler.sound = self.player
        self.player.set_volume(self._settings.volume)
        self.speech = Speech(parent=self)
        if self.speech.is_ready():
            self.on_speech_ready()
        else:
            self.speech.ready.connect(self.on_speech_ready)
            QTimer.singleShot(SPEECH_PATIENCE_MS, self, self.on_speech_slow)

    def on_speech_slow(self) -> None:
        """The engine has not answered yet: a stuck speech server never will."""
        if self._closed or self.speech is None or self.speech.is_ready():
            return
        if self._settings.voice_on:
            self.problem_found.emit(
                _(
                    "Spoken prompts wait: the speech engine has not answered in {seconds} s. "
                    "Cue sounds play, and prompts join as soon as it answers; if it never "
                    "does, speech-dispatcher is stuck: end it (pkill speech-dispatcher) and "
                    "start Supple again."
                ).format(seconds=SPEECH_PATIENCE_MS // 1000)
            )

    def on_speech_ready(self) -> None:
        """The speech engine has answered on its thread: prompts join the cues."""
        from supple.qt.prompt_lengths import PromptLengths

        if self._closed or self.speech is None or self.player is None:
            return
        self.speech.finished.connect(self.scheduler.on_speech_finished)
        self.scheduler.voice = self.speech
        self.apply(self._settings)  # the voice and speed first: lengths are kept per voice
        self.lengths = PromptLengths(self.speech, parent=self)
        self.scheduler.set_lengths(self.lengths)
        for problem in (
            self.player.problem,
            self.speech.problem if self._settings.voice_on else None,
            self.speech.language_notice if self._settings.voice_on else None,
        ):
            if problem:
                self.problem_found.emit(problem)
        self.ready.emit()

    def apply(self, settings: Settings) -> None:
        self._settings = settings
        self._configure(self.scheduler, settings)
        if self.player is not None:
            self.player.set_volume(settings.volume)
        if self.speech is not None:
            gain = self.player.linear_gain() if self.player is not None else settings.volume
            self.speech.set_volume(SPEECH_LEVEL * gain)
            self.speech.set_rate(settings.voice_rate)
            self.speech.set_voice(settings.voice_name)  # "" is the system default

    def set_muted(self, muted: bool) -> None:
        self.scheduler.set_muted(muted)
