"""The user's own sounds for cues: decoded, trimmed and levelled like the built-in ones.

A sound that cannot be used raises :class:`CustomSoundError` with the file, the
problem and the fix; nothing is written, so the built-in cue stays in place.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import wave
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydub import AudioSegment
from pydub.exceptions import CouldntDecodeError
from pydub.silence import detect_leading_silence

from supple import paths
from supple.audio.cues import render_all
from supple.audio.synth import SilentAudioError, normalise, to_cue_format
from supple.audio.wavfile import write_wav_atomic
from supple.core.cue import Cue

MAX_CUSTOM_MS = 3000
MAX_SOURCE_BYTES = 100 * 1024 * 1024
# Bump when the processing below changes, so earlier imports are redone.
_PROCESS_VERSION = 1
_FADE_OUT_MS = 60  # where a long sound is cut, so the cut is not a click
_FADE_IN_MS = 3

FFMPEG_HINT = (
    "Install ffmpeg (Debian/Ubuntu: sudo apt install ffmpeg; Fedora: sudo dnf install ffmpeg; "
    "macOS: brew install ffmpeg) or pick a WAV file instead."
)

WAV_ENCODING_HINT = (
    "Save it as 16-bit PCM WAV, or install ffmpeg to read it "
    "(Debian/Ubuntu: sudo apt install ffmpeg)."
)

_SUFFIXES = {".wav": "wav", ".wave": "wav", ".mp3": "mp3", ".ogg": "ogg", ".oga": "ogg"}
_NAMES = {"wav": "WAV", "mp3": "MP3", "ogg": "OGG"}


class CustomSoundError(Exception):
    """A chosen sound file cannot be used; the message says which, why and what to do."""

    def __init__(self, source: Path, problem: str, fix: str) -> None:
        self.source = source
        self.problem = problem
        self.fix = fix
        super().__init__(f"Can't use {str(source)!r} as a cue sound: {problem}. {fix}")

    def for_cue(self, cue: Cue, kept: str = "its built-in sound") -> str:
        """One sentence for the user: which file, why, what to do, and what plays instead."""
        return f"{self.source.name}: {self.problem}. {self.fix} {cue.label} keeps {kept}."


@dataclass
class SoundSet:
    """Which file plays for each cue, and what went wrong with any custom choice."""

    paths: dict[Cue, Path]
    problems: dict[Cue, CustomSoundError] = field(default_factory=dict)


def custom_dir(cache_dir: Path | None = None) -> Path:
    return (cache_dir if cache_dir is not None else paths.cache_dir()) / "custom"


def ffmpeg_available() -> bool:
    """Whether pydub's converter (ffmpeg) can be run, needed for MP3 and OGG."""
    return shutil.which(AudioSegment.converter) is not None


def _sniff(head: bytes) -> str | None:
    """The container the bytes really hold, whatever the file is called."""
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"OggS":
        return "ogg"
    if head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    return None


def _read_source(source: Path) -> tuple[str, bytes]:
    named = _SUFFIXES.get(source.suffix.lower())
    if named is None:
        raise CustomSoundError(
            source,
            f"{source.suffix or 'a file without an extension'} is not a sound format Supple reads",
            "Pick a WAV, MP3 or OGG file.",
        )
    try:
        size = source.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise CustomSoundError(
                source,
                f"the file is {size // (1024 * 1024)} MB, too large for a cue",
                "Pick a short sound (cues use at most the first 3 seconds).",
            )
        data = source.read_bytes()
    except FileNotFoundError:
        raise CustomSoundError(
            source, "the file does not exist", "Check the path or pick the file again."
        ) from None
    except IsADirectoryError:
        raise CustomSoundError(
            source, "this is a folder, not a file", "Pick a sound file."
        ) from None
    except PermissionError:
        raise CustomSoundError(
            source, "Supple is not allowed to read it", "Check the file's permissions."
        ) from None
    if not data:
        raise CustomSoundError(source, "the file is empty (0 bytes)", "Pick another file.")
    found = _sniff(data[:12])
    if named == "wav" and found is None:
        raise CustomSoundError(
            source,
            "it is named .wav but does not hold WAV audio (no RIFF/WAVE header); "
            "it may be damaged or not a sound at all",
            "Pick another file, or export the sound again as WAV.",
        )
    # Trust the content over the name when it is clearly another known format.
    return found or named, data


def _decode(source: Path, kind: str) -> AudioSegment:
    if kind != "wav" and not ffmpeg_available():
        raise CustomSoundError(
            source,
            f"reading {_NAMES[kind]} files needs ffmpeg, which was not found "
            f"(looked for {AudioSegment.converter!r})",
            FFMPEG_HINT,
        )
    # Decode a little more than is kept, so leading silence can be skipped.
    keep_s = 2 * MAX_CUSTOM_MS // 1000
    try:
        if kind == "wav":
            return AudioSegment.from_file(source, format="wav")
        return AudioSegment.from_file(source, format=kind, duration=keep_s)
    except FileNotFoundError:
        # Python could not read the WAV by itself and pydub fell back to ffmpeg, or
        # ffmpeg/ffprobe vanished since the check above.
        if kind == "wav" and not _wav_needs_ffmpeg(source):
            raise CustomSoundError(
                source,
                "the WAV file is damaged (its header or data is cut short or broken)",
                "Pick another file, or export the sound again as WAV.",
            ) from None
        raise CustomSoundError(
            source,
            f"decoding this {_NAMES[kind]} file needs ffmpeg (and ffprobe), which could not be run",
            FFMPEG_HINT if kind != "wav" else WAV_ENCODING_HINT,
        ) from None
    except (CouldntDecodeError, IndexError, KeyError, ValueError, EOFError, OSError) as exc:
        detail = _last_line(str(exc)).replace(f"{source}: ", "")  # ffmpeg names the file
        raise CustomSoundError(
            source,
            f"it could not be decoded as {_NAMES[kind]} audio ({detail})",
            "The file may be damaged; pick another file or export the sound again.",
        ) from None


def _wav_needs_ffmpeg(source: Path) -> bool:
    """True for a sound WAV in an encoding Python can't read (float, A-law, ...),
    False for a damaged one."""
    try:
        with wave.open(str(source), "rb") as wav:
            wav.readframes(1)
    except wave.Error as exc:
        return "unknown format" in str(exc)
    except (EOFError, OSError):
        return False
    return True


def _last_line(message: str) -> str:
    lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else "unknown error"


def prepare(sound: AudioSegment) -> AudioSegment:
    """Cue format, leading silence skipped, at most 3 s, same loudness as the built-ins."""
    sound = to_cue_format(sound)
    if sound.rms == 0:
        raise SilentAudioError("the sound is completely silent")
    start = detect_leading_silence(sound, silence_threshold=sound.max_dBFS - 40, chunk_size=5)
    sound = sound[start:]
    if len(sound) > MAX_CUSTOM_MS:
        sound = sound[:MAX_CUSTOM_MS].fade_out(_FADE_OUT_MS)
    return normalise(sound.fade_in(_FADE_IN_MS))


def import_custom(cue: Cue, source: Path, cache_dir: Path | None = None) -> Path:
    """Make ``source`` the sound for ``cue``; returns the prepared WAV in the cache.

    The same file imported again is found in the cache. Raises CustomSoundError
    (and writes nothing) if the file cannot be used.
    """
    source = Path(source).expanduser()
    kind, data = _read_source(source)
    digest = hashlib.sha256(data + f"|v{_PROCESS_VERSION}".encode()).hexdigest()[:12]
    folder = custom_dir(cache_dir)
    target = folder / f"{cue.value}-{digest}.wav"
    if target.is_file() and target.stat().st_size > 44:
        return target
    sound = _decode(source, kind)
    try:
        prepared = prepare(sound)
    except SilentAudioError:
        raise CustomSoundError(
            source, "it contains only silence", "Pick a file you can hear."
        ) from None
    write_wav_atomic(prepared, target)
    for older in folder.glob(f"{cue.value}-*.wav"):
        if older != target:
            with contextlib.suppress(FileNotFoundError):
                older.unlink()
    return target


def resolve_sounds(
    custom: Mapping[Cue, Path] | None = None, cache_dir: Path | None = None
) -> SoundSet:
    """The file for every cue: the user's choice where it works, the built-in otherwise."""
    sounds = SoundSet(paths=render_all(cache_dir))
    for cue, source in (custom or {}).items():
        try:
            sounds.paths[cue] = import_custom(cue, source, cache_dir)
        except CustomSoundError as exc:
            sounds.problems[cue] = exc
    return sounds
