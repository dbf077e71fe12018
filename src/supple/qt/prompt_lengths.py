"""How long the voice in use takes to say each prompt, known before the prompt is needed.

The announcer (``supple.core.announcer``) fits every prompt to the time it has, so it
needs the real length of each wording in the chosen voice and speed:

- where the speech engine is speech-dispatcher and espeak-ng is installed, each wording
  is rendered by espeak-ng with the same voice and speed (``supple.audio.prompt_audio``),
  one small process at a time in the background, the first ones of a session at once;
- with any other engine, each prompt actually spoken is timed from the engine's start
  and end of speaking.

Either way the lengths are kept per voice and speed in the cache, so a routine run
before is known from its first second. A wording not measured yet gets a slow guess,
scaled by how the measured ones compare with it, so it ends early rather than late.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QProcess

from supple import paths
from supple.audio.prompt_audio import (
    NORMAL_WPM,
    LengthFile,
    espeak_command,
    espeak_wpm,
    voiced_seconds,
)
from supple.audio.words import speakable
from supple.core.announcer import WordRate
from supple.qt.speech import Speech

RENDERING_ENGINE = "speechd"
"""The engine whose voices espeak-ng renders as they will be heard."""
RENDER_TIMEOUT_S = 10


class PromptLengths(QObject):
    """A ``PromptLength`` for the announcer: measured lengths, else a cautious guess."""

    def __init__(
        self,
        speech: Speech | None,
        folder: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._speech = speech
        self._folder = folder if folder is not None else paths.cache_dir() / "prompt-lengths"
        self._file: LengthFile | None = None
        self._ratio: float | None = None
        self._queue: list[str] = []
        self._process: QProcess | None = None
        self._rendering = ""
        self._saying: tuple[str, float] | None = None
        self._last_said = ""
        self.guesses = 0
        """How many lengths were guessed because they were not measured yet."""
        if speech is not None:
            speech.said.connect(self.on_said)
            speech.speaking_changed.connect(self.on_speaking_changed)

    # -- what the announcer asks ------------------------------------------------------

    def seconds(self, text: str) -> float:
        spoken = speakable(text, self._spoken_language()).strip()
        known = self._lengths().lengths.get(spoken)
        if known is not None:
            return known
        self.guesses += 1
        self._want([spoken])
        return self.guess(spoken)

    def guess(self, spoken: str) -> float:
        """The slow guess, at the voice's speed, scaled by what was measured so far."""
        if self._ratio is None:
            lengths = self._lengths().lengths
            guessed = sum(self._plain_guess(text) for text in lengths)
            # Only ever longer than the measured ones: a wrong guess should end early.
            self._ratio = max(1.0, sum(lengths.values()) / guessed) if guessed else 1.0
        return self._plain_guess(spoken) * self._ratio

    def _spoken_language(self) -> str:
        return self._speech.spoken_language() if self._speech is not None else "en"

    def _plain_guess(self, spoken: str) -> float:
        return WordRate().seconds(spoken) * NORMAL_WPM / espeak_wpm(self._rate())

    def prepare(self, texts: Iterable[str], *, at_once: int = 0) -> None:
        """Measure ``texts`` before they are needed: the first ``at_once`` now (a session
        is starting and needs them in a moment), the others one by one in the background."""
        language = self._spoken_language()
        wanted = [speakable(text, language).strip() for text in texts]
        known = self._lengths().lengths
        missing = list(dict.fromkeys(t for t in wanted if t and t not in known))
        if not self.renders():
            return
        for text in missing[:at_once]:
            command = self._command(text)
            assert command is not None
            try:
                run = subprocess.run(command, capture_output=True, timeout=RENDER_TIMEOUT_S)
            except (OSError, subprocess.SubprocessError):
                return
            self._store(text, voiced_seconds(run.stdout))
        self._want(missing[at_once:])

    def renders(self) -> bool:
        """Whether lengths come from rendering (True) or from timing spoken prompts."""
        speech = self._speech
        return (
            speech is not None
            and speech.engine == RENDERING_ENGINE
            and self._command("") is not None
        )

    def close(self) -> None:
        self._queue.clear()
        if self._process is not None:
            self._process.kill()
            self._process.waitForFinished(1000)
        if self._file is not None:
            self._file.save()

    # -- voice and cache ----------------------------------------------------------------

    def voice_key(self) -> str:
        speech = self._speech
        if speech is None or not speech.available:
            return "none"
        return f"{speech.engine}-{speech.voice()}-{self._rate():+.1f}"

    def _rate(self) -> float:
        return self._speech.rate() if self._speech is not None else 0.0

    def _lengths(self) -> LengthFile:
        """The lengths for the voice and speed in use (another voice: another file)."""
        key = self.voice_key()
        if self._file is None or self._file.path != LengthFile.path_for(self._folder, key):
            if self._file is not None:
                self._file.save()
            self._file = LengthFile(self._folder, key)
            self._ratio = None
            self._queue.clear()
        return self._file

    def _store(self, text: str, seconds: float | None) -> None:
        if seconds is None:
            return
        self._lengths().lengths[text] = seconds
        self._ratio = None

    # -- rendering, one process at a time -----------------------------------------------

    def _command(self, text: str) -> list[str] | None:
        speech = self._speech
        voice = (speech.voice() if speech is not None else None) or ""
        return espeak_command(text, voice, self._rate())

    def _want(self, texts: list[str]) -> None:
        if not texts or not self.renders():
            return
        queued = set(self._queue)
        self._queue += [text for text in texts if text not in queued and text != self._rendering]
        if self._process is None:
            self._render_next()

    def _render_next(self) -> None:
        known = self._lengths().lengths
        while self._queue and self._queue[0] in known:
            self._queue.pop(0)
        if not self._queue:
            self._rendering = ""
            self._lengths().save()
            return
        self._rendering = self._queue.pop(0)
        command = self._command(self._rendering)
        if command is None:
            return
        process = QProcess(self)
        process.finished.connect(self.on_rendered)
        process.errorOccurred.connect(self.on_render_failed)
        self._process = process
        process.start(command[0], command[1:])

    def on_rendered(self, *_: object) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        self._store(self._rendering, voiced_seconds(bytes(process.readAllStandardOutput().data())))
        process.deleteLater()
        self._render_next()

    def on_render_failed(self, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart:
            self._queue.clear()  # espeak-ng went away: guesses from now on
            self.on_rendered()

    # -- timing what is spoken (engines that cannot be rendered) ------------------------

    def on_said(self, spoken: str) -> None:
        self._last_said = spoken
        if self._saying is not None:  # cut short or followed at once: its end is not its own
            self._saying = ("", self._saying[1])

    def on_speaking_changed(self, speaking: bool) -> None:
        if self.renders():
            return
        if speaking:
            self._saying = (self._last_said, time.monotonic())
        elif self._saying is not None:
            text, started = self._saying
            self._saying = None
            if text:
                self._store(text, time.monotonic() - started)
