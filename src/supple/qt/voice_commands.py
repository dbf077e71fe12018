"""Voice commands from the mat: "pause", "resume" or "continue", "skip it" or "next one",
"go back", "finished", "end workout" (then "yes" or "cancel"). Off unless the user turns
it on. No wake word: with an optional "Supple" before each phrase the grammar took more
phrases for others (``benchmarks/voice.py --tuning``: 94 % right in quiet with 2 wrong,
against 97 % with 1 wrong without it).

Offline: pocketsphinx (its English model ships inside the wheel) names each utterance
with a small fixed grammar, never free dictation. The microphone is read through Qt
Multimedia (16 kHz mono, 16-bit); an endpointer that measures speech against the
background (``voice_endpointer``) cuts the stream into utterances, so music does not
hold one open, and the grammar names each one, on a worker thread, so the GUI never
waits for it.

The phrases are the ones the recogniser tells apart (``benchmarks/voice.py``, chosen on
other voices than it reports): the short words first planned ("go", "next", "back",
"done", "stop", "no") differ by little more than a consonant and were taken for one
another ("done" as "go", "back" as "done"), so they are not in the grammar at all.
Three later phrases went too: "previous" drew other phrases to it ("finished" and "skip
it" heard as "previous"), "set done" was taken for "skip it" or "next one", and over
music the "session" of "stop session" was heard as silence, which left a "stop" that
ends no phrase; "end workout" has voiced sounds that music does not cover.

Supple must not obey itself. Whatever is heard while it speaks (and for a moment after,
the sound's way back through the room) is taken for its own voice and ignored: the
recogniser hears command words in prompts that hold none ("Hip hikes" as "stop"), so
comparing with the prompt's text alone let half the default routine's prompts through
(``benchmarks/voice.py``). An utterance longer than a spoken command (music, talk) is
ignored too.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from supple.core.i18n import N_, _
from supple.qt.session_controller import Command

if TYPE_CHECKING:
    from PySide6.QtCore import QIODevice
    from PySide6.QtMultimedia import QAudioSource

    from supple.qt.session_controller import SessionController

PHRASES: dict[str, Command] = {
    "pause": Command.PAUSE,
    "resume": Command.RESUME,
    "continue": Command.RESUME,
    "skip it": Command.NEXT,
    "next one": Command.NEXT,
    "go back": Command.BACK,
    "finished": Command.PRIMARY,
    "end workout": Command.STOP_REQUEST,
    "yes": Command.STOP_CONFIRM,
    "cancel": Command.STOP_CANCEL,
}
ANSWERS = frozenset({"yes", "cancel"})
"""Words that only mean something while "end the session?" is asked. Only they are heard
then, and only the other phrases the rest of the time: each grammar has fewer phrases to
take a word for ("cancel" was taken for commands)."""
DECOYS = {"commands": ("stop",), "answers": ("no",)}
"""In each grammar, but no command: heard as themselves and ignored. A plain "stop" was
heard as "go back" (21 times in 21 in quiet, ``benchmarks/voice.py --tuning``), a "no" to
the question as "cancel" or "yes"."""


def grammar(phrases: list[str]) -> str:
    return f"#JSGF V1.0;\ngrammar supple;\npublic <command> = ({' | '.join(phrases)});\n"


GRAMMARS = {
    "commands": grammar([p for p in PHRASES if p not in ANSWERS] + list(DECOYS["commands"])),
    "answers": grammar(sorted(ANSWERS) + list(DECOYS["answers"])),
}
LONGEST_COMMAND_S = 1.8
"""An utterance longer than this is talk or music, not a command."""
ECHO_TAIL_S = 0.6
"""How long after Supple falls quiet its prompt may still reach the microphone."""
NO_MICROPHONE = N_(
    "Voice commands are on, but there is no microphone: plug one in (or pick one in the "
    "sound settings of the desktop). The keys still work."
)


def model_problem(error: BaseException) -> str:
    return _(
        "Voice commands are off: the speech model could not load ({error}). "
        "Install Supple with its voice part ({command}); the keys still work."
    ).format(error=error, command="pip install 'supple[voice]'")


@dataclass(frozen=True)
class Heard:
    """One recognised command phrase, with where its utterance lies in the audio (seconds)."""

    word: str
    start: float
    end: float


class Recogniser:
    """The grammar decoder behind an endpointer: feed audio, get the command phrases.
    ``asking`` (set while "end the session?" is asked) picks the answers' grammar."""

    def __init__(self) -> None:
        # The "voice" extra, absent from the bundle: imported only when voice is turned on.
        from pocketsphinx import Decoder  # the model loads here (about 0.1 s)

        from supple.qt.voice_endpointer import Endpointer, RoomHiss

        self._endpointer = Endpointer()
        self._decoder = Decoder(lm=None, loglevel="FATAL")
        for name, text in GRAMMARS.items():
            self._decoder.add_jsgf_string(name, text)
        self.asking = False
        self._hiss = RoomHiss()

    def feed(self, audio: bytes) -> Iterator[Heard]:
        """Yield a ``Heard`` for each command that ends in ``audio`` (16 kHz mono s16le)."""
        for utterance in self._endpointer.feed(audio):
            if utterance.end - utterance.start > LONGEST_COMMAND_S:
                continue
            self._decoder.activate_search("answers" if self.asking else "commands")
            self._decoder.start_utt()
            self._decoder.process_raw(self._hiss.add(utterance.audio), full_utt=True)
            self._decoder.end_utt()
            hypothesis = self._decoder.hyp()
            phrase = hypothesis.hypstr if hypothesis is not None else ""
            if phrase in PHRASES:
                yield Heard(phrase, utterance.start, utterance.end)


@dataclass
class Spoken:
    """One prompt Supple said: when (``time.monotonic``) and its words."""

    words: frozenset[str]
    start: float
    end: float | None = None


def prompt_words(text: str) -> frozenset[str]:
    return frozenset("".join(c if c.isalpha() else " " for c in text.lower()).split())


class OwnVoice:
    """What Supple said lately, to tell its own prompts from the user's commands."""

    def __init__(self) -> None:
        self._spoken: list[Spoken] = []
        self._text = ""

    def on_said(self, text: str) -> None:
        self._text = text

    def on_speaking_changed(self, speaking: bool, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        if speaking:
            self._spoken.append(Spoken(prompt_words(self._text), now))
            self._spoken = self._spoken[-8:]
        elif self._spoken and self._spoken[-1].end is None:
            self._spoken[-1].end = now

    def said(self, start: float, end: float) -> str | None:
        """The prompt's words if something heard from ``start`` to ``end`` overlaps one of
        Supple's prompts (its own voice); ``None`` when it was the user's."""
        for spoken in self._spoken:
            until = (spoken.end if spoken.end is not None else end) + ECHO_TAIL_S
            if start <= until and end >= spoken.start:
                return " ".join(sorted(spoken.words))
        return None


class Listener(threading.Thread):
    """Runs the recogniser on audio chunks put in ``chunks``: (bytes, monotonic time read)."""

    def __init__(self, voice: VoiceCommands) -> None:
        super().__init__(name="voice-commands", daemon=True)
        self.chunks: queue.Queue[tuple[bytes, float] | None] = queue.Queue()
        self.asking = False
        """Set from the GUI thread while "end the session?" is asked."""
        self._voice = voice

    def run(self) -> None:
        try:
            recogniser = Recogniser()
            from supple.qt.voice_endpointer import RATE
        except Exception as error:  # ImportError, RuntimeError from a model that will not load
            self._voice.model_failed.emit(model_problem(error))
            return
        seen = 0
        while (chunk := self.chunks.get()) is not None:
            audio, read_at = chunk
            seen += len(audio) // 2
            offset = read_at - seen / RATE  # stream seconds -> time.monotonic()
            recogniser.asking = self.asking
            for heard in recogniser.feed(audio):
                self._voice.recognised.emit(heard.word, heard.start + offset, heard.end + offset)


class VoiceCommands(QObject):
    """Listens while on; sends each command heard to the controller as a ``Command``."""

    command_requested = Signal(object)
    heard = Signal(str)
    """A command phrase that was obeyed, for the microphone mark on screen."""
    listening_changed = Signal(bool)
    problem = Signal(str)
    recognised = Signal(str, float, float)
    """From the listener thread: word, utterance start and end (``time.monotonic``)."""
    model_failed = Signal(str)
    """From the listener thread: the recogniser could not start."""

    def __init__(self, controller: SessionController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.own_voice = OwnVoice()
        self._listener: Listener | None = None
        self._source: QAudioSource | None = None
        self._device: QIODevice | None = None
        self.delays: list[float] = []
        """Seconds from each obeyed word's end to its command, for the benchmark."""
        self.recognised.connect(self.on_recognised)
        self.model_failed.connect(self.on_model_failed)
        controller.stop_question.connect(self.on_stop_question)

    @property
    def listening(self) -> bool:
        return self._source is not None

    def set_on(self, on: bool) -> None:
        if on and self._source is None:
            self._start()
        elif not on and self._source is not None:
            self.stop()

    def _start(self) -> None:
        try:
            from supple.qt.voice_endpointer import RATE
        except ImportError as error:  # the "voice" extra is not installed (as in the bundle)
            self.problem.emit(model_problem(error))
            return
        from PySide6.QtMultimedia import QAudioFormat, QAudioSource, QMediaDevices

        device = QMediaDevices.defaultAudioInput()
        audio_format = QAudioFormat()
        audio_format.setSampleRate(RATE)
        audio_format.setChannelCount(1)
        audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        if device.isNull() or not device.isFormatSupported(audio_format):
            self.problem.emit(_(NO_MICROPHONE))
            return
        self._listener = Listener(self)
        self._listener.asking = self._controller.asking_stop
        self._listener.start()
        self._source = QAudioSource(device, audio_format, self)
        self._source.setBufferSize(RATE // 5)  # 100 ms of audio
        self._device = self._source.start()
        self._device.readyRead.connect(self.on_audio)
        self.listening_changed.emit(True)

    def stop(self) -> None:
        if self._source is not None:
            self._source.stop()
            self._source.deleteLater()
            self._source = self._device = None
            self.listening_changed.emit(False)
        if self._listener is not None:
            self._listener.chunks.put(None)
            self._listener.join(timeout=5)
            self._listener = None

    # --- slots ---------------------------------------------------------------------------

    def on_audio(self) -> None:
        if self._device is None or self._listener is None:
            return
        audio = bytes(self._device.readAll().data())
        if audio:
            self._listener.chunks.put((audio, time.monotonic()))

    def on_recognised(self, word: str, start: float, end: float) -> None:
        if self.own_voice.said(start, end) is not None:
            return
        if word in ANSWERS and not self._controller.asking_stop:
            return
        self.delays.append(time.monotonic() - end)
        self.heard.emit(word)
        self.command_requested.emit(PHRASES[word])

    def on_stop_question(self, asking: bool) -> None:
        if self._listener is not None:
            self._listener.asking = asking

    def on_model_failed(self, problem: str) -> None:
        self.stop()
        self.problem.emit(problem)

    def on_said(self, text: str) -> None:
        self.own_voice.on_said(text)

    def on_speaking_changed(self, speaking: bool) -> None:
        self.own_voice.on_speaking_changed(speaking)


def recognise_samples(audio: bytes, recogniser: Any = None) -> list[Heard]:
    """Every command in a recording (16 kHz mono s16le): for the benchmark and tests."""
    from supple.qt.voice_endpointer import RATE

    recogniser = recogniser if recogniser is not None else Recogniser()
    quiet = bytes(RATE)  # half a second: the background to measure, and silence to end on
    return list(recogniser.feed(quiet + audio + quiet))
