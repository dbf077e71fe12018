"""Where Supple keeps things on disk, decided in one place.

Every other module asks here, so tests and portable installs can move all of it
with one override (``--data-dir`` or ``SUPPLE_DATA_DIR``).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "supple"
DATA_DIR_ENV = "SUPPLE_DATA_DIR"

_override: Path | None = None


def set_data_dir(path: Path | None) -> None:
    """Point the data (and cache) folders somewhere else, e.g. from ``--data-dir``."""
    global _override
    _override = path.expanduser().resolve() if path is not None else None


def data_dir() -> Path:
    """Folder for the history database and the user's routines."""
    if _override is not None:
        return _override
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Folder for things that can be rebuilt, such as rendered cue sounds."""
    if _override is not None or os.environ.get(DATA_DIR_ENV):
        return data_dir() / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def state_dir() -> Path:
    """Folder for what Supple must keep but the user did not make (records saved at a quit
    while the history could not take them); unlike the cache, never cleared by the system."""
    if _override is not None or os.environ.get(DATA_DIR_ENV):
        return data_dir() / "state"
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def routines_dir() -> Path:
    """Folder of the user's own routine files."""
    return data_dir() / "routines"


def history_db() -> Path:
    return data_dir() / "history.sqlite3"


def settings_file() -> Path:
    return data_dir() / "settings.toml"


def assets_dir() -> Path:
    """Pictures and icons: inside the installed package, or ``assets/`` in a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "assets"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "assets"


def exercise_image(name: str) -> Path:
    return assets_dir() / "exercises" / f"{name}.svg"
