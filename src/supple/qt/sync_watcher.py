"""Notices when a sync engine changes the files of the sync folder.

Sync engines write in bursts (a temporary file, a rename, more bytes appended), so changes
are gathered for a moment and reported once. A folder that is not there (an unplugged
drive) cannot be watched: it is looked for again every ``missing_retry_ms``, and its
return is reported like any change, so what waited is merged then.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

__all__ = ["SyncFolderWatcher"]

DEFAULT_DELAY_MS = 500
MISSING_RETRY_MS = 60_000


class SyncFolderWatcher(QObject):
    changed = Signal()
    """Journals in the folder were added or grew (or the folder came back): merge them."""

    def __init__(
        self,
        folder: Path,
        *,
        delay_ms: int = DEFAULT_DELAY_MS,
        missing_retry_ms: int = MISSING_RETRY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self._watcher = QFileSystemWatcher(self)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(delay_ms)
        self._look_again = QTimer(self)
        self._look_again.setInterval(missing_retry_ms)
        self._watcher.directoryChanged.connect(self.on_files_changed)
        self._watcher.fileChanged.connect(self.on_files_changed)
        self._settle.timeout.connect(self.on_settled)
        self._look_again.timeout.connect(self.on_look_again)
        self._watch()

    @property
    def watching(self) -> bool:
        return bool(self._watcher.directories())

    def on_files_changed(self, _path: str) -> None:
        self._settle.start()

    def on_settled(self) -> None:
        self._watch()  # new journals get watched too
        self.changed.emit()

    def on_look_again(self) -> None:
        if self.folder.is_dir():
            self._look_again.stop()
            self.on_settled()

    def _watch(self) -> None:
        if not self.folder.is_dir():
            if self._watcher.directories():
                self._watcher.removePaths(self._watcher.directories())
            self._look_again.start()
            return
        wanted = {str(self.folder)} | {str(p) for p in self.folder.glob("*.jsonl")}
        have = set(self._watcher.directories()) | set(self._watcher.files())
        missing = sorted(wanted - have)
        if missing:
            self._watcher.addPaths(missing)
