"""Keeps the routine library in step with the routines folder.

A file saved by hand (or by another copy of Supple) is picked up without a restart.
Editors write in bursts (a temporary file, a rename, a second write), so changes are
gathered for a moment and the folder is read once. Problems with routine files are
reported as one list, and only when that list changes, so a broken file is reported
once rather than on every save of every other file.

A folder that cannot be created (a read-only data folder) is not fatal: the
built-in routines still load, and ``folder_problem`` says what is wrong and what
to do, for the app to show.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from supple import paths
from supple.core.i18n import _
from supple.core.library import Library, load_library
from supple.core.problems import Problem

DEFAULT_DELAY_MS = 300


class RoutineWatcher(QObject):
    library_changed = Signal(object)
    """The routines changed (a ``Library``)."""
    problems_changed = Signal(list)
    """The list of ``Problem`` with routine files changed (an empty list: all fixed)."""

    def __init__(
        self,
        folder: Path | None = None,
        *,
        delay_ms: int = DEFAULT_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._folder = folder if folder is not None else paths.routines_dir()
        self._folder_problem: str | None = None
        # Created up front so there is a folder to watch (and to put routines in).
        self._make_folder()
        self._watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._watcher.directoryChanged.connect(self._changed)
        self._watcher.fileChanged.connect(self._changed)
        self._timer.timeout.connect(self.reload)
        self._library = load_library(self._folder)
        self._watch()

    @property
    def folder(self) -> Path:
        return self._folder

    @property
    def library(self) -> Library:
        return self._library

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self._library.problems

    @property
    def folder_problem(self) -> str | None:
        """Why the routines folder could not be created, or None when it is there."""
        return self._folder_problem

    def _make_folder(self) -> None:
        try:
            self._folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            reason = error.strerror or str(error)
            blocker = _nearest_existing(self._folder)
            if blocker.is_dir():
                text = _(
                    "Supple cannot create its routines folder {folder} ({reason}). "
                    "The built-in routines work, but routines of your own cannot be kept: "
                    "make {blocker} writable, or start Supple with --data-dir on a writable "
                    "folder."
                )
            else:
                text = _(
                    "Supple cannot create its routines folder {folder} ({reason}). "
                    "The built-in routines work, but routines of your own cannot be kept: "
                    "move the file {blocker} out of the way, or start Supple with --data-dir "
                    "on a writable folder."
                )
            self._folder_problem = text.format(folder=self._folder, reason=reason, blocker=blocker)
        else:
            self._folder_problem = None

    @property
    def pending(self) -> bool:
        """Whether a change was seen and the folder is about to be read again."""
        return self._timer.isActive()

    def _changed(self, _path: str) -> None:
        self._timer.start()  # restarts: a burst of changes gives one reload

    def _watch(self) -> None:
        """Watch the folder and every routine file in it (a changed file does not always
        change its folder, and a replaced file drops out of the watch)."""
        wanted = {str(self._folder)} | {str(p) for p in self._folder.glob("*.toml")}
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        stale = sorted(watched - wanted)
        if stale:
            self._watcher.removePaths(stale)
        fresh = sorted(p for p in wanted - watched if Path(p).exists())
        if fresh:
            self._watcher.addPaths(fresh)

    def reload(self) -> Library:
        """Read the folder now; emits the signals for whatever changed."""
        self._timer.stop()
        self._make_folder()
        before = self._library
        self._library = load_library(self._folder)
        self._watch()
        if self._library.routines != before.routines:
            self.library_changed.emit(self._library)
        if self._library.problems != before.problems:
            self.problems_changed.emit(list(self._library.problems))
        return self._library


def _nearest_existing(folder: Path) -> Path:
    """The folder itself or its closest parent that exists: the one to make writable."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return candidate
    return folder
