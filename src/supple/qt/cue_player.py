"""Playing cue sounds with low latency, and saying plainly when sound cannot work.

Each cue plays from a QSoundEffect that has never played: with Qt 6.9 over PulseAudio an
effect's first play starts at once, but every later play of the same effect started 20-170 ms
late (measured from a null sink's recording, ``benchmarks/heard.py``), while one played effect
per cue replaced by a fresh one (loaded from Qt's sample cache while the old one still holds
the sample) kept every play within 10 ms. Qt Multimedia is imported only when a player is
built, so a machine without its system libraries (libpulse0) still runs sessions,
with ``available`` False and a ``problem`` the UI can show once.

Run ``python -m supple.qt.cue_player [cue ...]`` to hear the cues (a sound check), and
add ``--sound go=bell.mp3`` to hear a file of your own as that cue, levelled as the app does.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import shiboken6
from PySide6.QtCore import QLoggingCategory, QObject, QTimer, QUrl, Signal

from supple.audio import Cue
from supple.core.i18n import N_, _

NO_OUTPUT_PROBLEM = N_(
    "No sound output found: connect speakers or headphones; "
    "on Linux make sure PulseAudio or PipeWire is running."
)


# Qt Multimedia looks for PipeWire first and warns when it is not installed, then
# uses PulseAudio as intended; and it names its FFmpeg version on every start. Both
# are noise on the terminal, not problems to report.
QUIET_BACKEND_PROBE_RULE = (
    "qt.multimedia.symbolsresolver.warning=false\nqt.multimedia.ffmpeg.info=false"
)


def quiet_backend_probe() -> None:
    """Hide Qt Multimedia's "Couldn't load pipewire" warning (call before it loads)."""
    QLoggingCategory.setFilterRules(QUIET_BACKEND_PROBE_RULE)


MEDIA_BACKEND = "none"
"""Qt's media backend (FFmpeg, which loads Qt Quick, QML and libavcodec: 12 MB) plays and
records media files; cues need only what works without one: QSoundEffect, QMediaDevices
and the audio sink. ``QT_MEDIA_BACKEND`` set in the environment still wins."""
NO_BACKEND_RULE = "default.warning=false"
"""Without a backend Qt warns once, uncategorised, that only those classes are available."""


def import_qt_multimedia() -> ModuleType:
    """Load Qt Multimedia; fails with ImportError when its system libraries are missing."""
    os.environ.setdefault("QT_MEDIA_BACKEND", MEDIA_BACKEND)
    QLoggingCategory.setFilterRules(f"{QUIET_BACKEND_PROBE_RULE}\n{NO_BACKEND_RULE}")
    try:
        module = importlib.import_module("PySide6.QtMultimedia")
        module.QMediaDevices.audioOutputs()  # looks for the backend now, with the rule above
    finally:
        quiet_backend_probe()
    return module


def multimedia_problem(error: BaseException) -> str:
    """One line for the user: what failed to load and what to install."""
    detail = str(error).strip() or type(error).__name__
    if "libpulse" in detail:
        text = _(
            "Sound is off: Qt Multimedia could not load ({detail}); "
            "on Debian/Ubuntu install it with: sudo apt install libpulse0."
        )
    else:
        text = _(
            "Sound is off: Qt Multimedia could not load ({detail}); reinstall Supple, "
            "or on Debian/Ubuntu: sudo apt install libpulse0 libasound2."
        )
    return text.format(detail=detail)


class CuePlayer(QObject):
    """Plays a cue by name; quietly does nothing where sound cannot work.

    ``load_multimedia`` and ``list_outputs`` are how the player reaches the system;
    tests pass stand-ins to act out a machine without Qt Multimedia or speakers.
    """

    #: True when sound can be heard, False when it cannot; ``problem`` says why.
    available_changed = Signal(bool)
    #: Every cue's sound is loaded and ready to play at once (always emitted after the
    #: constructor returns, so connecting right after building the player is enough).
    loaded = Signal()
    #: A cue finished playing.
    finished = Signal(object)
    #: The sounds moved to another output device (its description).
    output_changed = Signal(str)

    def __init__(
        self,
        sounds: Mapping[Cue, Path],
        parent: QObject | None = None,
        *,
        load_multimedia: Callable[[], ModuleType] = import_qt_multimedia,
        list_outputs: Callable[[], Sequence[Any]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._sounds: dict[Cue, Path] = dict(sounds)
        self._volume = 1.0
        self._muted = False
        self._available = False
        self._problem: str | None = None
        self._effects: dict[Cue, Any] = {}
        """Per cue, the loaded effect that has not played yet: the next play's."""
        self._played: dict[Cue, Any] = {}
        """Per cue, the effect that played last, until it falls quiet or is cut off."""
        self._device: Any = None
        self._qtm: ModuleType | None = None
        self._devices: Any = None
        self._device_id: bytes | None = None
        self._announced_loaded = False
        try:
            self._qtm = load_multimedia()
        except (ImportError, OSError) as exc:
            self._problem = multimedia_problem(exc)
            return
        self._list_outputs = list_outputs or self._qtm.QMediaDevices.audioOutputs
        self._devices = self._qtm.QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self._on_outputs_changed)
        self._on_outputs_changed()

    # -- state the UI shows ---------------------------------------------------------

    @property
    def available(self) -> bool:
        """Whether cues can be heard right now."""
        return self._available

    @property
    def problem(self) -> str | None:
        """Why sound is off, in one line with the fix; None when all is well."""
        return self._problem

    def is_loaded(self) -> bool:
        """Every cue is decoded and ready, so the first play is not late."""
        if self._qtm is None or not self._effects:
            return False
        ready = self._qtm.QSoundEffect.Status.Ready
        return all(effect.status() == ready for effect in self._effects.values())

    def output_description(self) -> str | None:
        """Name of the device the cues play on, if any."""
        if not self._effects:
            return None
        device = next(iter(self._effects.values())).audioDevice()
        return str(device.description()) if not device.isNull() else None

    # -- controls -----------------------------------------------------------------

    @property
    def volume(self) -> float:
        return self._volume

    def set_volume(self, volume: float) -> None:
        """0 (silent) to 1 (full); a slider's position, mapped so equal steps sound equal."""
        self._volume = min(1.0, max(0.0, float(volume)))
        for effect in self._all_effects():
            effect.setVolume(self.linear_gain())

    @property
    def muted(self) -> bool:
        return self._muted

    def set_muted(self, muted: bool) -> None:
        self._muted = bool(muted)
        for effect in self._all_effects():
            effect.setMuted(self._muted)
        if self._muted:
            self.stop()

    def play(self, cue: Cue | str) -> bool:
        """Start the cue's sound (cutting it off first if it is playing); False if nothing
        plays.

        Takes a Cue or its name (as the settings store it); an unknown
        name raises ValueError.
        """
        cue = Cue(cue)
        effect = self._effects.get(cue)
        if not self._available or self._muted or effect is None:
            return False
        effect.play()
        self._retire(cue)
        self._played[cue] = effect
        self._effects[cue] = self._new_effect(cue, self._sounds[cue])
        return True

    def stop(self) -> None:
        for cue in list(self._played):
            self._retire(cue)

    def _retire(self, cue: Cue) -> None:
        """Cut off and let go of the cue's played effect (its end is not a ``finished``)."""
        effect = self._played.pop(cue, None)
        if effect is not None:
            effect.stop()
            effect.deleteLater()

    def _all_effects(self) -> list[Any]:
        return [*self._effects.values(), *self._played.values()]

    def sound_file(self, cue: Cue) -> Path | None:
        """The file the cue's sound is loaded from (what Qt was given, once it was)."""
        effect = self._effects.get(cue)
        if effect is not None:
            return Path(effect.source().toLocalFile())
        return self._sounds.get(cue)

    def set_sound(self, cue: Cue, path: Path) -> None:
        """Use another file for one cue (a custom sound, or the built-in one back)."""
        self._sounds[cue] = path
        effect = self._effects.get(cue)
        if effect is not None:
            self._announced_loaded = False
            effect.setSource(QUrl.fromLocalFile(str(path)))

    # -- devices ------------------------------------------------------------------

    def _on_outputs_changed(self) -> None:
        assert self._qtm is not None
        outputs = list(self._list_outputs())
        if not outputs:
            self._set_available(False, _(NO_OUTPUT_PROBLEM))
            return
        default = self._qtm.QMediaDevices.defaultAudioOutput()
        if default.isNull() or all(default.id() != device.id() for device in outputs):
            default = outputs[0]
        self._device = default
        if not self._effects:
            self._create_effects()
        else:
            for effect in self._all_effects():
                if effect.audioDevice().id() != default.id():
                    effect.setAudioDevice(default)
        self._set_available(True, None)
        device_id = bytes(default.id().data())
        if device_id != self._device_id:
            self._device_id = device_id
            self.output_changed.emit(str(default.description()))

    def _create_effects(self) -> None:
        for cue, path in self._sounds.items():
            self._effects[cue] = self._new_effect(cue, path)
        self._on_status_changed()

    def _new_effect(self, cue: Cue, path: Path) -> Any:
        assert self._qtm is not None
        effect = self._qtm.QSoundEffect(self._device, self)
        effect.setVolume(self.linear_gain())
        effect.setMuted(self._muted)
        effect.statusChanged.connect(self._on_status_changed)
        effect.playingChanged.connect(lambda: self._on_playing_changed(cue, effect))
        effect.setSource(QUrl.fromLocalFile(str(path)))
        return effect

    def _on_status_changed(self) -> None:
        assert self._qtm is not None
        status = self._qtm.QSoundEffect.Status
        for cue, effect in self._effects.items():
            if effect.status() == status.Error:
                self._problem = _(
                    "The sound for “{cue}” could not be loaded from {file}; "
                    "delete Supple's cache folder to render it again."
                ).format(cue=_(cue.label), file=self._sounds[cue])
        # ``loaded`` is said once per set of sounds (again after ``set_sound``), not each
        # time the fresh effect that replaces a played one finishes loading.
        if self.is_loaded() and not self._announced_loaded:
            self._announced_loaded = True
            # Files already in Qt's sample cache are ready inside the constructor; defer
            # so whoever built the player has connected to ``loaded`` by then.
            QTimer.singleShot(0, self, self._announce_loaded)

    def _announce_loaded(self) -> None:
        if self.is_loaded():
            self.loaded.emit()
        else:  # a sound went back to loading meanwhile; its status change re-announces
            self._announced_loaded = False

    def _on_playing_changed(self, cue: Cue, effect: Any) -> None:
        # A sound still fading out can report in while the player is being destroyed.
        if not (shiboken6.isValid(self) and shiboken6.isValid(effect)):
            return
        if not effect.isPlaying() and effect is self._played.get(cue):
            self.finished.emit(cue)

    def _set_available(self, available: bool, problem: str | None) -> None:
        self._problem = problem
        if available != self._available:
            self._available = available
            self.available_changed.emit(available)

    def linear_gain(self) -> float:
        """The gain the volume setting gives: the setting follows the ear (a logarithmic
        scale, as volume sliders do), the gain is what multiplies the samples."""
        if self._qtm is None:
            return self._volume
        audio = getattr(self._qtm, "QtAudio", None) or self._qtm.QAudio  # QAudio before 6.10
        return float(
            audio.convertVolume(
                self._volume,
                audio.VolumeScale.LogarithmicVolumeScale,
                audio.VolumeScale.LinearVolumeScale,
            )
        )


def _sound_check(argv: Sequence[str]) -> int:
    """Play the named cues (all by default) one after another, then quit."""
    import argparse

    from PySide6.QtCore import QCoreApplication

    from supple.audio import resolve_sounds

    parser = argparse.ArgumentParser(
        prog="python -m supple.qt.cue_player", description="Play Supple's cue sounds."
    )
    names = ", ".join(cue.value for cue in Cue)
    parser.add_argument("cues", nargs="*", metavar="CUE", help=f"any of: {names}")
    parser.add_argument("--volume", type=float, default=1.0, help="0 to 1 (default 1)")
    parser.add_argument(
        "--sound", action="append", default=[], metavar="CUE=FILE", help="your own sound for CUE"
    )
    options = parser.parse_args(argv)
    chosen = dict(choice.partition("=")[::2] for choice in options.sound)
    unknown = [name for name in [*options.cues, *chosen] if name not in {c.value for c in Cue}]
    if unknown:
        parser.error(f"unknown cue {unknown[0]!r}; cues are: {names}")
    queue = [Cue(name) for name in options.cues] or list(Cue)
    sounds = resolve_sounds({Cue(name): Path(file) for name, file in chosen.items()})
    for cue, error in sounds.problems.items():
        print(error.for_cue(cue))

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    player = CuePlayer(sounds.paths)
    player.set_volume(options.volume)
    if not player.available:
        print(player.problem)
        return 1
    print(f"Playing on: {player.output_description()}")

    def play_next(*_: object) -> None:
        if not queue:
            QTimer.singleShot(400, app.quit)  # let the last sound drain from the device
            return
        cue = queue.pop(0)
        print(f"  {cue.value}", flush=True)
        player.play(cue)

    player.finished.connect(lambda _cue: QTimer.singleShot(250, play_next))
    player.loaded.connect(play_next)
    QTimer.singleShot(30_000, app.quit)  # never hang if a device stalls
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(_sound_check(sys.argv[1:]))
