"""Steering a session from the mat: media keys and headset buttons (MPRIS), music that
steps aside for prompts, and voice commands. Each input is an adapter that sends the
session controller's commands; this part builds them and wires them, once, to the
controller, the window, the settings and the sound."""

from __future__ import annotations

import os

from PySide6.QtCore import QObject

from supple.app.sound import SoundSystem
from supple.qt.mpris import MprisPlayer
from supple.qt.music_ducking import MusicDucking
from supple.qt.session_bus import SessionBus
from supple.qt.session_controller import SessionController
from supple.qt.settings_store import SettingsStore
from supple.qt.voice_commands import VoiceCommands
from supple.storage.settings import Settings
from supple.ui.main_window import MainWindow
from supple.ui.page_stack import Page
from supple.ui.voice_mark import VoiceMark

STREAM_ROLE = "media.role=event"
"""PulseAudio's (and PipeWire's) role for notification sounds: where the user has
role-based ducking, the music dips for Supple's cues by itself."""


def tag_own_streams() -> None:
    """Give Supple's sound streams the notification role (before any stream opens)."""
    os.environ.setdefault("PULSE_PROP", STREAM_ROLE)


class HandsFree(QObject):
    """The MPRIS player, the music's step aside and the voice commands, as one part."""

    def __init__(
        self,
        controller: SessionController,
        window: MainWindow,
        settings: SettingsStore,
        sound: SoundSystem,
        *,
        bus_address: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller, self._window, self._settings = controller, window, settings
        self._sound = sound
        self.bus = SessionBus(bus_address)
        self.player = MprisPlayer(self.bus, parent=self)
        self.ducking = MusicDucking(self.bus, settings.settings.music_during_prompts, parent=self)
        self.voice = VoiceCommands(controller, parent=self)
        self.mark: VoiceMark | None = None
        self._started = False
        self._closed = False
        self._connect()

    def _connect(self) -> None:
        session, player, voice = self._controller, self.player, self.voice
        session.started.connect(player.on_session_started)
        session.event_occurred.connect(player.on_session_event)
        session.state_changed.connect(player.on_state_changed)
        session.ended.connect(player.on_session_ended)
        session.ended.connect(self.on_session_ended)
        player.command_requested.connect(session.command)
        player.play_requested.connect(self.on_play_requested)
        voice.command_requested.connect(session.command)
        voice.heard.connect(self.on_heard)
        voice.listening_changed.connect(self.on_listening_changed)
        voice.problem.connect(self._window.add_notice)
        self._sound.ready.connect(self.on_sound_ready)
        self._settings.changed.connect(self.on_settings_changed)
        self._window.keys.voice_commands.triggered.connect(self.on_toggle_voice)
        self._window.stack.page_built.connect(self.on_page_built)

    def start(self) -> None:
        """Publish the player, give back music a crashed Supple held, listen if asked to."""
        if self._started:
            return
        self._started = True
        self.player.start()
        self.ducking.give_back_after_crash()
        self.voice.set_on(self._settings.settings.voice_commands)

    def close(self) -> None:
        """At quit: stop listening, give the music back, leave the bus (once)."""
        if self._closed:
            return
        self._closed = True
        self.voice.stop()
        self.ducking.give_back()
        self.bus.close()
        self.player.close()

    # --- slots -------------------------------------------------------------------------

    def on_sound_ready(self) -> None:
        speech = self._sound.speech
        if speech is None:
            return
        speech.speaking_changed.connect(self.ducking.on_speaking_changed)
        speech.speaking_changed.connect(self.voice.on_speaking_changed)
        speech.said.connect(self.voice.on_said)

    def on_play_requested(self) -> None:
        """Play from the headset on Home: start the selected routine without waiting for
        the keyboard (the check-in question is skipped, as Esc would skip it)."""
        window = self._window
        if window.current_page is Page.HOME:
            routine = window.home.selected_routine()
            if routine is not None:
                window.start_session(routine)
        if window.current_page is Page.CHECK_IN:
            window.on_stop()  # skips the question, which starts the session

    def on_session_ended(self, _end: object) -> None:
        self.ducking.give_back()

    def on_settings_changed(self, settings: Settings) -> None:
        self.ducking.set_mode(settings.music_during_prompts)
        if self._started:
            self.voice.set_on(settings.voice_commands)

    def on_toggle_voice(self) -> None:
        self._settings.update(voice_commands=not self._settings.settings.voice_commands)

    def on_page_built(self, page: str) -> None:
        if page == Page.SESSION and self.mark is None:
            self.mark = VoiceMark(self._window.session_view)
            self.mark.set_listening(self.voice.listening)

    def on_listening_changed(self, listening: bool) -> None:
        if self.mark is not None:
            self.mark.set_listening(listening)

    def on_heard(self, word: str) -> None:
        if self.mark is not None:
            self.mark.set_word(word)
