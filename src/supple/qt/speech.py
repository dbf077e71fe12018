"""Spoken prompts through Qt's text-to-speech, in a voice of the language in force.

The engine is the one named by ``SUPPLE_TTS_ENGINE`` (tests use "mock"), else Qt's
default (speech-dispatcher on Linux). Where no engine works the speaker stays quiet,
``available`` is False and ``problem`` says what to install. Where the engine has no
voice of the language (German prompts and only English voices), it speaks with its
default voice and ``language_notice`` says what to install.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from types import ModuleType
from typing import Any

from PySide6.QtCore import QLocale, QObject, Signal

from supple.audio.words import speakable
from supple.core import i18n
from supple.core.i18n import N_, _
from supple.qt.cue_player import quiet_backend_probe

ENGINE_ENV = "SUPPLE_TTS_ENGINE"
INSTALL_HINT = N_("on Debian/Ubuntu install speech-dispatcher and espeak-ng")
NO_ENGINE_PROBLEM = N_("Spoken prompts need a speech engine: {hint}.")
# espeak-ng (through speech-dispatcher) lists regional variants first; these are the
# plain accents most listeners expect.
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


class Speech(QObject):
    """Says prompts aloud; ``finished`` tells when it has fallen quiet again."""

    #: Speech stopped: the text was read to its end, or ``stop()`` cut it short.
    finished = Signal()
    #: The engine started or stopped working; ``problem`` says why it stopped.
    available_changed = Signal(bool)
    #: Speaking started (True) or stopped (False): music steps aside, the microphone
    #: knows what it hears is Supple's own voice.
    speaking_changed = Signal(bool)
    #: The text about to be spoken (as it will be said), for the same reason.
    said = Signal(str)

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
        self._language = "en" if wanted == i18n.PSEUDO else wanted  # tests' pseudo: English
        self._language_notice: str | None = None
        self._tts: Any = None
        self._default_voice: Any = None
        self._module: ModuleType | None = None
        self._available = False
        self._problem: str | None = None
        self._speaking = False
        self._engine = engine if engine is not None else os.environ.get(ENGINE_ENV) or None
        try:
            self._module = load_tts()
        except (ImportError, OSError) as exc:
            self._problem = _(
                "Spoken prompts are off: Qt's text-to-speech could not load ({error}); "
                "reinstall Supple (it comes with PySide6-Addons)."
            ).format(error=exc)
            return
        self._start_engine()

    def _start_engine(self) -> None:
        assert self._module is not None
        qtts = self._module.QTextToSpeech
        engines = [str(name) for name in qtts.availableEngines()]
        if not engines:
            self._problem = _(NO_ENGINE_PROBLEM).format(hint=_(INSTALL_HINT))
            return
        if self._engine is not None and self._engine not in engines:
            self._problem = _(
                "Speech engine {engine} is not installed (found: {found}); unset {variable} "
                "to use the default, or {hint}."
            ).format(
                engine=repr(self._engine),
                found=", ".join(engines),
                variable=ENGINE_ENV,
                hint=_(INSTALL_HINT),
            )
            return
        tts = qtts(self._engine, self) if self._engine is not None else qtts(self)
        if tts.state() == qtts.State.Error:
            self._problem = self._engine_error(tts.errorString())
            tts.deleteLater()
            return
        self._choose_language(tts)
        if not tts.availableVoices():
            self._problem = _(
                "Spoken prompts need a voice, and the {engine} speech engine has none: {hint}."
            ).format(engine=tts.engine(), hint=_(INSTALL_HINT))
            tts.deleteLater()
            return
        plain = [v for v in tts.availableVoices() if v.name() in self._plain_voices(tts)]
        if plain:
            tts.setVoice(plain[0])
        self._default_voice = tts.voice()
        tts.stateChanged.connect(self._on_state_changed)
        tts.errorOccurred.connect(self._on_error)
        self._tts = tts
        self._available = True

    def _choose_language(self, tts: Any) -> None:
        """Speak the prompts' language; without a voice for it, English, and say so."""
        locales = list(tts.availableLocales())
        chosen = language_locale(locales, self._language)
        if chosen is None:
            name = QLocale(self._language).nativeLanguageName() or self._language
            self._language_notice = _(
                "Spoken prompts: the {engine} speech engine has no voice for {language}, so "
                "they are read by another voice; install one (espeak-ng speaks {language})."
            ).format(engine=tts.engine(), language=name)
            chosen = language_locale(locales, "en")
        if chosen is not None:
            tts.setLocale(chosen)

    def _plain_voices(self, tts: Any) -> tuple[str, ...]:
        return _PLAIN_VOICES.get(QLocale(tts.locale()).name().split("_")[0], ())

    def _engine_error(self, message: str) -> str:
        detail = f" ({message})" if message else ""
        return _("Spoken prompts are off: the speech engine did not start{detail}; {hint}.").format(
            detail=detail, hint=_(INSTALL_HINT)
        )

    # -- state ----------------------------------------------------------------------

    @property
    def available(self) -> bool:
        return self._available

    @property
    def problem(self) -> str | None:
        """Why prompts are silent, in one line with the fix; None when all is well."""
        return self._problem

    @property
    def language_notice(self) -> str | None:
        """That no voice speaks the language in force (prompts are read by another)."""
        return self._language_notice

    @property
    def engine(self) -> str | None:
        """Name of the engine in use (e.g. "speechd", "mock"), None if there is none."""
        return str(self._tts.engine()) if self._tts is not None else None

    def is_speaking(self) -> bool:
        return self._speaking

    # -- speaking -------------------------------------------------------------------

    def say(self, text: str, *, interrupt: bool = True) -> bool:
        """Speak ``text`` with its numbers read as words; False if nothing will be said.

        ``interrupt`` cuts off whatever is being said; otherwise the text waits its turn.
        """
        spoken = speakable(text, self.spoken_language()).strip()
        if not self._available or not spoken:
            return False
        self.said.emit(spoken)
        if interrupt:
            self._tts.say(spoken)
        else:
            self._tts.enqueue(spoken)
        return True

    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()

    # -- voice ----------------------------------------------------------------------

    def voices(self) -> list[str]:
        """Names of the voices for the current language."""
        if self._tts is None:
            return []
        return [str(voice.name()) for voice in self._tts.availableVoices()]

    def spoken_language(self) -> str:
        """The language of the voice in use (``de``), which reads the numbers."""
        if self._tts is None:
            return "en"
        return str(QLocale(self._tts.locale()).name()).split("_")[0]

    def voice(self) -> str | None:
        return str(self._tts.voice().name()) if self._tts is not None else None

    def set_voice(self, name: str) -> bool:
        """Choose a voice by name, or the default one with ``""``; False (and no change) if
        there is no such voice."""
        if self._tts is None:
            return False
        if not name:
            self._tts.setVoice(self._default_voice)
            return True
        for voice in self._tts.availableVoices():
            if voice.name() == name:
                self._tts.setVoice(voice)
                return True
        return False

    def rate(self) -> float:
        return float(self._tts.rate()) if self._tts is not None else 0.0

    def set_rate(self, rate: float) -> None:
        """-1 (slowest) to 1 (fastest); 0 is the voice's normal pace."""
        if self._tts is not None:
            self._tts.setRate(min(1.0, max(-1.0, float(rate))))

    def volume(self) -> float:
        return float(self._tts.volume()) if self._tts is not None else 0.0

    def set_volume(self, volume: float) -> None:
        """0 (silent) to 1 (full)."""
        if self._tts is not None:
            self._tts.setVolume(min(1.0, max(0.0, float(volume))))

    # -- engine events --------------------------------------------------------------

    def _on_state_changed(self, state: Any) -> None:
        assert self._module is not None
        states = self._module.QTextToSpeech.State
        if state in (states.Speaking, states.Synthesizing):
            if not self._speaking:
                self._speaking = True
                self.speaking_changed.emit(True)
        elif state == states.Ready and self._speaking:
            self._speaking = False
            self.speaking_changed.emit(False)
            self.finished.emit()

    def _on_error(self, _reason: Any, message: str) -> None:
        was_speaking = self._speaking
        self._speaking = False
        self._problem = self._engine_error(message)
        if self._available:
            self._available = False
            self.available_changed.emit(False)
        if was_speaking:
            self.speaking_changed.emit(False)
            self.finished.emit()
