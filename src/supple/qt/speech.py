"""Spoken prompts through Qt's text-to-speech, in a voice of the language in force.

The engine is the one named by ``SUPPLE_TTS_ENGINE`` (tests use "mock"), else Qt's
default (speech-dispatcher on Linux). Where no engine works the speaker stays quiet,
``available`` is False and ``problem`` says what to install. Where the engine has no
voice of the language (German prompts and only English voices), it speaks with its
default voice and ``language_notice`` says what to install.

The engine lives on a thread of its own: speech-dispatcher can take seconds to answer
when it is first asked (2.7-4.2 s measured on a busy machine), and a session started at
the first paint must not wait for it. ``Speech`` is what the app holds on the GUI
thread: it keeps what the engine said about itself (voices, voice, speed) and passes
every call to the engine through queued signals; ``ready`` says when the engine has
answered, available or not.
"""

from __future__ import annotations

import atexit
import ctypes
import gc
import importlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import shiboken6
from PySide6.QtCore import QLocale, QObject, Qt, QThread, QTimer, Signal, Slot

from supple.audio.words import speakable
from supple.core import i18n
from supple.core.i18n import N_, _
from supple.qt.cue_player import quiet_backend_probe

ENGINE_ENV = "SUPPLE_TTS_ENGINE"
INSTALL_HINT = N_("on Debian/Ubuntu install speech-dispatcher and espeak-ng")
NO_ENGINE_PROBLEM = N_("Spoken prompts need a speech engine: {hint}.")
# espeak-ng (through speech-dispatcher) lists regional variants first; these are the
# plain accents most listeners expect.
PLACEHOLDER_ENGINE = "mock"
"""Qt's silent test engine (it comes with PySide6): loaded at once, so the engine object
exists before the real engine, which can take seconds, is loaded into it."""
_PLAIN_VOICES = {
    "en": ("English (America)", "English (Great Britain)"),
    "de": ("German",),
}
_USUAL_REGIONS = {"en": ("en_US", "en_GB"), "de": ("de_DE", "de_AT", "de_CH")}


def import_qt_text_to_speech() -> ModuleType:
    quiet_backend_probe()  # the speech engines play through Qt Multimedia
    return importlib.import_module("PySide6.QtTextToSpeech")


def language_locale(locales: list[QLocale], language: str) -> QLocale | None:
    """The system's own region of ``language`` (``de``) if it is offered, else the usual
    ones (de_DE, en_US), else any region of it; None when the engine has none."""
    wanted = QLocale(language).language()
    found = [loc for loc in locales if loc.language() == wanted]
    if not found:
        return None
    code = found[0].name().split("_")[0]
    by_name = {loc.name(): loc for loc in found}
    for name in (QLocale.system().name(), *_USUAL_REGIONS.get(code, ())):
        if name in by_name:
            return by_name[name]
    return found[0]


def _engine_error(message: str) -> str:
    detail = f" ({message})" if message else ""
    return _("Spoken prompts are off: the speech engine did not start{detail}; {hint}.").format(
        detail=detail, hint=_(INSTALL_HINT)
    )


@dataclass
class EngineFacts:
    """What the engine said about itself once started, for the GUI thread to keep."""

    problem: str | None = None
    language_notice: str | None = None
    engine: str | None = None
    voices: list[str] = field(default_factory=list)
    voice: str | None = None
    language: str = "en"
    rate: float = 0.0
    volume: float = 0.0

    @property
    def available(self) -> bool:
        return self.problem is None and self.engine is not None


class SpeechEngine(QObject):
    """The QTextToSpeech object, built and called on the speech thread only."""

    started = Signal(object)  # EngineFacts
    #: The engine began (True) or stopped (False) speaking.
    speaking = Signal(bool)
    failed = Signal(str)
    _load = Signal(str)
    _loaded = Signal()

    def __init__(self, module: ModuleType, engine: str | None, language: str) -> None:
        super().__init__()
        self._module = module
        self._engine = engine
        self._language = language
        self._tts: Any = None
        self._default_voice: Any = None
        self._released = False

    @Slot()
    def start(self) -> None:
        qtts = self._module.QTextToSpeech
        engines = [str(name) for name in qtts.availableEngines()]
        problem = self._engine_problem(engines)
        if problem is not None:
            self.started.emit(EngineFacts(problem=problem))
        elif PLACEHOLDER_ENGINE in engines and self._engine != PLACEHOLDER_ENGINE:
            # Python keeps its interpreter lock through every call it makes into Qt, so
            # loading speech-dispatcher from here would hold the GUI thread's Python too:
            # the load is left to Qt's own slot, queued, and the set-up follows it.
            self._tts = qtts(PLACEHOLDER_ENGINE, self)
            self._load.connect(self._tts.setEngine, Qt.ConnectionType.QueuedConnection)
            self._loaded.connect(self.on_loaded, Qt.ConnectionType.QueuedConnection)
            self._load.emit(self._engine or "")  # "": the system's default engine
            self._loaded.emit()
        else:
            self._tts = qtts(self._engine, self) if self._engine is not None else qtts(self)
            self.on_loaded()

    def release_collector(self) -> None:
        """Its start is over (answered, or its ``Speech`` gone): once per engine, called
        on the GUI thread."""
        if not self._released:
            self._released = True
            _collector.resume()

    @Slot()
    def on_loaded(self) -> None:
        facts = EngineFacts()
        self._set_up(facts)
        if self._tts is not None:
            tts = self._tts
            facts.engine = str(tts.engine())
            facts.voices = [str(voice.name()) for voice in tts.availableVoices()]
            facts.voice = str(tts.voice().name())
            facts.language = str(QLocale(tts.locale()).name()).split("_")[0]
            facts.rate, facts.volume = float(tts.rate()), float(tts.volume())
        self.started.emit(facts)

    def _engine_problem(self, engines: list[str]) -> str | None:
        if not engines:
            return _(NO_ENGINE_PROBLEM).format(hint=_(INSTALL_HINT))
        if self._engine is not None and self._engine not in engines:
            return _(
                "Speech engine {engine} is not installed (found: {found}); unset {variable} "
                "to use the default, or {hint}."
            ).format(
                engine=repr(self._engine),
                found=", ".join(engines),
                variable=ENGINE_ENV,
                hint=_(INSTALL_HINT),
            )
        return None

    def _set_up(self, facts: EngineFacts) -> None:
        """The language and voice, once the engine is loaded; ``_tts`` None if it failed."""
        tts, self._tts = self._tts, None
        if tts.state() == self._module.QTextToSpeech.State.Error:
            facts.problem = _engine_error(tts.errorString())
            return  # kept until the engine goes with it (see _delete_on_its_thread)
        self._choose_language(tts, facts)
        if not tts.availableVoices():
            facts.problem = _(
                "Spoken prompts need a voice, and the {engine} speech engine has none: {hint}."
            ).format(engine=tts.engine(), hint=_(INSTALL_HINT))
            return  # kept until the engine goes with it (see _delete_on_its_thread)
        plain = [v for v in tts.availableVoices() if v.name() in self._plain_voices(tts)]
        if plain:
            tts.setVoice(plain[0])
        self._default_voice = tts.voice()
        tts.stateChanged.connect(self._on_state_changed)
        tts.errorOccurred.connect(self._on_error)
        self._tts = tts

    def _choose_language(self, tts: Any, facts: EngineFacts) -> None:
        """Speak the prompts' language; without a voice for it, English, and say so."""
        locales = list(tts.availableLocales())
        chosen = language_locale(locales, self._language)
        if chosen is None:
            name = QLocale(self._language).nativeLanguageName() or self._language
            facts.language_notice = _(
                "Spoken prompts: the {engine} speech engine has no voice for {language}, so "
                "they are read by another voice; install one (espeak-ng speaks {language})."
            ).format(engine=tts.engine(), language=name)
            chosen = language_locale(locales, "en")
        if chosen is not None:
            tts.setLocale(chosen)

    def _plain_voices(self, tts: Any) -> tuple[str, ...]:
        return _PLAIN_VOICES.get(QLocale(tts.locale()).name().split("_")[0], ())

    @Slot(str, bool)
    def say(self, text: str, interrupt: bool) -> None:
        if self._tts is not None:
            if interrupt:
                self._tts.say(text)
            else:
                self._tts.enqueue(text)

    @Slot()
    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()

    @Slot(str)
    def set_voice(self, name: str) -> None:
        """A voice by name, or the default one with ``""``."""
        if self._tts is None:
            return
        voices = [v for v in self._tts.availableVoices() if v.name() == name]
        self._tts.setVoice(voices[0] if voices else self._default_voice)

    @Slot(float)
    def set_rate(self, rate: float) -> None:
        if self._tts is not None:
            self._tts.setRate(rate)

    @Slot(float)
    def set_volume(self, volume: float) -> None:
        if self._tts is not None:
            self._tts.setVolume(volume)

    def _on_state_changed(self, state: Any) -> None:
        states = self._module.QTextToSpeech.State
        if state in (states.Speaking, states.Synthesizing):
            self.speaking.emit(True)
        elif state == states.Ready:
            self.speaking.emit(False)

    def _on_error(self, _reason: Any, message: str) -> None:
        self.failed.emit(_engine_error(message))


_thread: QThread | None = None
_undertaker: QObject | None = None
"""Lives on the speech thread: engines are deleted there through it."""
_stuck = False
EXIT_WAIT_MS = 3000
"""How long quitting waits for the speech thread (an engine still loading) to end."""


def _kept_for_good(thing: QObject) -> None:
    """Never let Python delete ``thing``'s Qt object. The speech thread may still be
    loading an engine when the app quits, and Qt aborts the process when a running
    thread's object is deleted; an engine is deleted on its own thread (``deleteLater``
    when its ``Speech`` goes), never by its wrapper being freed on another."""
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(thing))


def _delete_on_its_thread(engine: SpeechEngine) -> None:
    """Delete ``engine`` (and its Qt engine) on the speech thread while the GUI thread
    waits, the interpreter lock let go. Qt asks Python about a Python-made object's
    virtual methods while it deletes it, holding a connection lock; a thread that deletes
    one while another holds the interpreter lock and wants that connection lock (to
    connect a signal, or deleting an object of its own) stops both (it happened in the
    tests). So nothing made in Python is deleted on the speech thread while the GUI
    thread runs."""
    thread, undertaker = _thread, _undertaker
    if thread is None or undertaker is None or not thread.isRunning():
        engine.deleteLater()  # its thread has ended: deleted if it ever runs again
        return
    gone = threading.Event()

    def bury() -> None:
        shiboken6.delete(engine)
        gone.set()

    QTimer.singleShot(0, undertaker, bury)
    if not gone.wait(EXIT_WAIT_MS / 1000):
        global _stuck
        _stuck = True  # the thread is still inside an engine's start


class _Collector:
    """Python's cycle collector, off while any engine starts: it runs on whichever thread
    allocates, and on the speech thread it could free the GUI thread's Qt objects."""

    def __init__(self) -> None:
        self.starting = 0
        self.was_on = False

    def pause(self) -> None:
        if self.starting == 0:
            self.was_on = gc.isenabled()
            gc.disable()
        self.starting += 1

    def resume(self) -> None:
        self.starting -= 1
        if self.starting == 0 and self.was_on:
            gc.enable()


_collector = _Collector()


def _speech_thread() -> QThread:
    """The one thread every speech engine of the process lives on, stopped at exit."""
    global _thread, _undertaker
    if _thread is None:
        _thread = QThread()
        _thread.setObjectName("speech")
        _kept_for_good(_thread)
        _thread.start()
        _undertaker = QObject()
        _undertaker.moveToThread(_thread)
        _kept_for_good(_undertaker)
        atexit.register(_stop_speech_thread)
    return _thread


def stop_speech_thread() -> None:
    """Quitting: end the speech thread now, its engines deleted on it as it finishes
    (left to Python's exit, they would be deleted from the main thread, which Qt warns
    about). Safe to call more than once; a later ``Speech`` starts the thread again."""
    global _thread
    _stop_speech_thread()
    _thread = None


def _stop_speech_thread() -> None:
    global _stuck
    if _thread is not None and shiboken6.isValid(_thread):
        _thread.quit()
        if _stuck or not _thread.wait(EXIT_WAIT_MS):
            _stuck = True


def speech_thread_stuck() -> bool:
    """Whether quitting left the speech thread inside an engine's start: a speech server
    took the connection and never answers. Python's own exit would then end in an abort
    (PySide deletes every QObject Python owns as the app goes, and Qt aborts the process
    on a running thread's delete), so the app ends the process itself once all is saved."""
    return _stuck


class Speech(QObject):
    """Says prompts aloud; ``finished`` tells when it has fallen quiet again.

    Until ``ready`` the engine is still starting: ``available`` is False and nothing is
    said. Settings given meanwhile reach the engine once it has started.
    """

    #: The engine has answered: it works (``available``) or ``problem`` says why not.
    ready = Signal()
    #: Speech stopped: the text was read to its end, or ``stop()`` cut it short.
    finished = Signal()
    #: The engine started or stopped working; ``problem`` says why it stopped.
    available_changed = Signal(bool)
    #: Speaking started (True) or stopped (False): music steps aside, the microphone
    #: knows what it hears is Supple's own voice.
    speaking_changed = Signal(bool)
    #: The text about to be spoken (as it will be said), for the same reason.
    said = Signal(str)
    # Calls for the engine on its thread (queued).
    _say = Signal(str, bool)
    _stop = Signal()
    _set_voice = Signal(str)
    _set_rate = Signal(float)
    _set_volume = Signal(float)
    _start = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        engine: str | None = None,
        load_tts: Callable[[], ModuleType] = import_qt_text_to_speech,
        language: str | None = None,
    ) -> None:
        super().__init__(parent)
        wanted = language or i18n.language()
        self._facts = EngineFacts()
        self._ready = False
        self._speaking = False
        self._default_voice: str | None = None
        self._pending: dict[str, Any] = {}  # settings given while the engine starts
        name = engine if engine is not None else os.environ.get(ENGINE_ENV) or None
        try:
            module = load_tts()
        except (ImportError, OSError) as exc:
            self._answer(
                EngineFacts(
                    problem=_(
                        "Spoken prompts are off: Qt's text-to-speech could not load ({error}); "
                        "reinstall Supple (it comes with PySide6-Addons)."
                    ).format(error=exc)
                )
            )
            return
        # "en" for the tests' pseudo-language
        self._engine = SpeechEngine(module, name, "en" if wanted == i18n.PSEUDO else wanted)
        self._engine.moveToThread(_speech_thread())
        _kept_for_good(self._engine)
        self._engine.started.connect(self.on_engine_started)
        self._engine.speaking.connect(self.on_engine_speaking)
        self._engine.failed.connect(self.on_engine_failed)
        for signal, slot in (
            (self._say, self._engine.say),
            (self._stop, self._engine.stop),
            (self._set_voice, self._engine.set_voice),
            (self._set_rate, self._engine.set_rate),
            (self._set_volume, self._engine.set_volume),
            (self._start, self._engine.start),
        ):
            signal.connect(slot)
        # The engine's start runs Python on its thread: no cycle collection there meanwhile
        # (it could free the GUI thread's Qt objects on the wrong thread).
        _collector.pause()
        on_thread = self._engine  # plain functions: called here, on the GUI thread
        self.destroyed.connect(lambda *_: on_thread.release_collector())
        self.destroyed.connect(lambda *_: _delete_on_its_thread(on_thread))
        self._start.emit()

    def on_engine_started(self, facts: EngineFacts) -> None:
        self._engine.release_collector()
        self._default_voice = facts.voice
        self._answer(facts)
        for setter, value in self._pending.items():
            getattr(self, setter)(value)
        self._pending.clear()

    def _answer(self, facts: EngineFacts) -> None:
        self._facts = facts
        self._ready = True
        if facts.available:
            self.available_changed.emit(True)
        self.ready.emit()

    def is_ready(self) -> bool:
        """Whether the engine has answered (available or not)."""
        return self._ready

    # -- state ----------------------------------------------------------------------

    @property
    def available(self) -> bool:
        return self._ready and self._facts.available

    @property
    def problem(self) -> str | None:
        """Why prompts are silent, in one line with the fix; None when all is well."""
        return self._facts.problem

    @property
    def language_notice(self) -> str | None:
        """That no voice speaks the language in force (prompts are read by another)."""
        return self._facts.language_notice

    @property
    def engine(self) -> str | None:
        """Name of the engine in use (e.g. "speechd", "mock"), None if there is none."""
        return self._facts.engine if self.available else None

    def is_speaking(self) -> bool:
        return self._speaking

    # -- speaking -------------------------------------------------------------------

    def say(self, text: str, *, interrupt: bool = True) -> bool:
        """Speak ``text`` with its numbers read as words; False if nothing will be said.

        ``interrupt`` cuts off whatever is being said; otherwise the text waits its turn.
        Speaking counts from here: the engine starts on its thread a moment later.
        """
        spoken = speakable(text, self.spoken_language()).strip()
        if not self.available or not spoken:
            return False
        self.said.emit(spoken)
        self._say.emit(spoken, interrupt)
        self.on_engine_speaking(True)
        return True

    def stop(self) -> None:
        if self.available:
            self._stop.emit()

    # -- voice ----------------------------------------------------------------------

    def voices(self) -> list[str]:
        """Names of the voices for the current language."""
        return list(self._facts.voices) if self.available else []

    def spoken_language(self) -> str:
        """The language of the voice in use (``de``), which reads the numbers."""
        return self._facts.language if self.available else "en"

    def voice(self) -> str | None:
        return self._facts.voice if self._ready else None

    def set_voice(self, name: str) -> bool:
        """Choose a voice by name, or the default one with ``""``; False (and no change) if
        there is no such voice."""
        if not self._ready:
            self._pending["set_voice"] = name
            return True
        if not self.available or (name and name not in self._facts.voices):
            return False
        self._facts.voice = name or self._default_voice
        self._set_voice.emit(name)
        return True

    def rate(self) -> float:
        return self._facts.rate if self.available else 0.0

    def set_rate(self, rate: float) -> None:
        """-1 (slowest) to 1 (fastest); 0 is the voice's normal pace."""
        if not self._ready:
            self._pending["set_rate"] = rate
        self._facts.rate = min(1.0, max(-1.0, float(rate)))
        self._set_rate.emit(self._facts.rate)

    def volume(self) -> float:
        return self._facts.volume if self.available else 0.0

    def set_volume(self, volume: float) -> None:
        """0 (silent) to 1 (full)."""
        if not self._ready:
            self._pending["set_volume"] = volume
        self._facts.volume = min(1.0, max(0.0, float(volume)))
        self._set_volume.emit(self._facts.volume)

    # -- engine events --------------------------------------------------------------

    def on_engine_speaking(self, speaking: bool) -> None:
        if speaking == self._speaking:
            return
        self._speaking = speaking
        self.speaking_changed.emit(speaking)
        if not speaking:
            self.finished.emit()

    def on_engine_failed(self, problem: str) -> None:
        self._facts.problem = problem
        if self._ready:
            self.available_changed.emit(False)
        self.on_engine_speaking(False)
