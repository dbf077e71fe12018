"""The user's preferences: typed, with defaults, kept in one small TOML file.

Settings are never worth a crash. A missing file means defaults; a damaged file or
a bad value means defaults for what could not be read, plus one sentence that says
what was wrong and where, for the app to show. Writes are atomic (a temporary file
renamed over the old one), so a crash mid-write never leaves half a file behind,
and a file that could not be read is kept aside before it is replaced.
"""

from __future__ import annotations

import difflib
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

import tomli_w

from supple import paths
from supple.core import i18n
from supple.core.atomic_file import write_text
from supple.core.cue import Cue
from supple.core.i18n import _

__all__ = [
    "MUSIC_MODES",
    "THEMES",
    "VOICE_RATE_RANGE",
    "VOLUME_RANGE",
    "WEEKLY_GOAL_RANGE",
    "Settings",
    "SettingsLoad",
    "SettingsWriteError",
    "broken_copy_path",
    "load_settings",
    "save_settings",
    "theme_of",
]

Theme = Literal["dark", "light"]
THEMES: tuple[Theme, ...] = ("dark", "light")
VOLUME_RANGE = (0.0, 1.0)
VOICE_RATE_RANGE = (-1.0, 1.0)
"""Qt's text-to-speech scale: -1 slowest, 0 normal, 1 fastest."""
WEEKLY_GOAL_RANGE = (0, 14)
"""Sessions per week; 0 means no goal."""
MusicMode = Literal["leave", "lower", "pause"]
MUSIC_MODES: tuple[MusicMode, ...] = ("leave", "lower", "pause")
"""What other players' music does while a prompt is spoken."""


@dataclass(frozen=True)
class Settings:
    theme: Theme = "dark"
    fullscreen: bool = False
    last_routine: str = ""
    """Id of the routine used last; empty before the first session."""
    sound_on: bool = True
    volume: float = 0.8
    voice_on: bool = True
    voice_name: str = ""
    """Name of the text-to-speech voice; empty means the system's default voice."""
    voice_rate: float = 0.0
    count_reps_aloud: bool = True
    say_side_each_rep: bool = True
    """Say "left" / "right" on each rep of a set that alternates sides."""
    say_phase_words: bool = True
    """Say a movement's phase words ("tilt back") where its tempo leaves room."""
    weekly_goal: int = 3
    ask_tightness_before: bool = True
    """Ask how tight the hamstrings feel before each session."""
    sync_folder: str = ""
    """The folder a sync engine shares between the user's devices (see docs/sync.md);
    empty when the history lives on this device only."""
    custom_sounds: Mapping[Cue, Path] = field(default_factory=dict, hash=False)
    """The user's own sound file for some cues (the source, not the levelled copy);
    a cue not listed plays its built-in sound."""
    music_during_prompts: MusicMode = "lower"
    voice_commands: bool = False
    """Listen to the microphone for "pause", "next", "done"... during a session."""
    language: str = ""
    """The language Supple speaks (``de``...), used from the next start; empty follows the
    system's. ``--lang`` overrides it for one run."""
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """Keys this version does not know (a newer Supple's, or a typo); written back unchanged."""

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


@dataclass(frozen=True)
class SettingsLoad:
    settings: Settings
    problems: tuple[str, ...] = ()

    @property
    def problem(self) -> str | None:
        """Everything that was wrong, as one sentence to show; ``None`` when all was well."""
        return " ".join(self.problems) if self.problems else None


class SettingsWriteError(Exception):
    """The settings could not be saved; the text says where and why."""


_KNOWN = tuple(f.name for f in fields(Settings) if f.name != "extra")
_DEFAULTS = Settings()


def broken_copy_path(path: Path) -> Path:
    """Where an unreadable settings file is kept when new settings replace it."""
    return path.with_name(f"{path.stem}.broken{path.suffix}")


def _check(key: str, value: Any) -> tuple[Any, str | None]:
    """The value to use for ``key`` and, if ``value`` was not acceptable, why."""
    default = getattr(_DEFAULTS, key)
    if key == "theme":
        if value in THEMES:
            return value, None
        return default, _('theme must be "dark" or "light", got {value}').format(value=repr(value))
    if key == "music_during_prompts":
        if value in MUSIC_MODES:
            return value, None
        return default, _(
            'music_during_prompts must be "leave", "lower" or "pause", got {value}'
        ).format(value=repr(value))
    if key == "language":
        known = [*i18n.available_languages(), i18n.PSEUDO]
        if value == "" or value in known:
            return value, None
        return default, _(
            'language must be one of {languages} or "" for the system\'s, got {value}'
        ).format(languages=", ".join(known), value=repr(value))
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value, None
        return default, _("{key} must be true or false, got {value}").format(
            key=key, value=repr(value)
        )
    if isinstance(default, str):
        if isinstance(value, str):
            return value, None
        return default, _("{key} must be text in quotes, got {value}").format(
            key=key, value=repr(value)
        )
    if key == "weekly_goal":
        low, high = WEEKLY_GOAL_RANGE
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value, None
        return default, _(
            "weekly_goal must be a whole number from {low} to {high}, got {value}"
        ).format(low=low, high=high, value=repr(value))
    bounds = VOLUME_RANGE if key == "volume" else VOICE_RATE_RANGE
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and bounds[0] <= value <= bounds[1]
    ):
        return float(value), None
    return default, _("{key} must be a number from {low} to {high}, got {value}").format(
        key=key, low=f"{bounds[0]:g}", high=f"{bounds[1]:g}", value=repr(value)
    )


def _custom_sounds(value: Any) -> tuple[dict[Cue, Path], list[str]]:
    """The valid ``[custom_sounds]`` entries, and why each other one was ignored.

    Whether the file exists and can be decoded is checked when the sounds load
    (audio's job); here only the shape: a known cue and a path in quotes.
    """
    if not isinstance(value, Mapping):
        return {}, [
            _('custom_sounds must be a table of cue = "file", got {value}').format(
                value=repr(value)
            )
        ]
    cues = {cue.value: cue for cue in Cue}
    sounds: dict[Cue, Path] = {}
    problems: list[str] = []
    for key, source in value.items():
        if key not in cues:
            close = difflib.get_close_matches(key, cues, n=1, cutoff=0.6)
            hint = (
                _(' (did you mean "{name}"?)').format(name=close[0])
                if close
                else _(" (cues: {cues})").format(cues=", ".join(cues))
            )
            problems.append(_('custom_sounds: "{key}" is not a cue').format(key=key) + hint)
        elif not isinstance(source, str) or not source.strip():
            problems.append(
                _("custom_sounds.{key} must be a file path in quotes, got {value}").format(
                    key=key, value=repr(source)
                )
            )
        else:
            sounds[cues[key]] = Path(source)
    return sounds, problems


def _from_table(table: Mapping[str, Any], name: str) -> SettingsLoad:
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    problems: list[str] = []
    for key, raw in table.items():
        if key not in _KNOWN:
            close = difflib.get_close_matches(key, _KNOWN, n=1, cutoff=0.6)
            hint = _(' - did you mean "{name}"?').format(name=close[0]) if close else ""
            problems.append(
                _('{file}: unknown setting "{key}" was ignored').format(file=name, key=key)
                + f"{hint}."
            )
            extra[key] = raw
            continue
        if key == "custom_sounds":
            values[key], ignored = _custom_sounds(raw)
            problems += [
                _("{file}: {problem}; it plays its built-in sound.").format(
                    file=name, problem=problem
                )
                for problem in ignored
            ]
            continue
        value, problem = _check(key, raw)
        values[key] = value
        if problem is not None:
            problems.append(
                _("{file}: {problem}; using the default ({default}).").format(
                    file=name, problem=problem, default=repr(getattr(_DEFAULTS, key))
                )
            )
    return SettingsLoad(Settings(**values, extra=extra), tuple(problems))


def load_settings(path: Path | None = None) -> SettingsLoad:
    """The saved settings, or defaults for whatever could not be read."""
    path = path if path is not None else paths.settings_file()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return SettingsLoad(Settings())
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return SettingsLoad(
            Settings(),
            (
                _("Could not read the settings file {path} ({reason}); using the defaults.").format(
                    path=path, reason=reason
                ),
            ),
        )
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return SettingsLoad(
            Settings(),
            (
                _(
                    "The settings file {path} is damaged ({error}); using the defaults. "
                    "It will be kept as {copy} when settings are next saved."
                ).format(path=path, error=exc, copy=broken_copy_path(path).name),
            ),
        )
    return _from_table(table, path.name)


def _to_table(settings: Settings) -> dict[str, Any]:
    table: dict[str, Any] = dict(settings.extra)
    for key in _KNOWN:
        table[key] = getattr(settings, key)
    table["custom_sounds"] = {cue.value: str(path) for cue, path in settings.custom_sounds.items()}
    return table


def _is_readable(path: Path) -> bool:
    try:
        tomllib.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return True


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write ``settings`` atomically; raises :class:`SettingsWriteError` with a readable reason."""
    path = path if path is not None else paths.settings_file()
    text = tomli_w.dumps(_to_table(settings))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file() and not _is_readable(path):
            path.replace(broken_copy_path(path))
        write_text(path, text)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise SettingsWriteError(
            _(
                "Could not save settings to {path} ({reason}); check that the folder is writable."
            ).format(path=path, reason=reason)
        ) from exc


def theme_of(value: str) -> Theme:
    """A theme name from elsewhere (a command line, a menu), checked."""
    if value not in THEMES:
        raise ValueError(_('unknown theme "{value}" (choose dark or light)').format(value=value))
    return value
