"""The app's side of the sync folder: which folder, when to merge, what to tell the user.

The history is merged with the other devices' journals when it opens, whenever the
sync engine changes the folder, and when the user picks another folder. Each round runs
on the store the app writes with (``storage.sync.sync_history``); what it reports (a
missing folder, unreadable lines) becomes one history notice, said once per problem.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from supple.qt.settings_store import SettingsStore
from supple.qt.sync_watcher import SyncFolderWatcher
from supple.storage.journal import use_sync_folder
from supple.storage.recorder import HistoryRecorder
from supple.storage.settings import Settings
from supple.storage.sync import sync_history

__all__ = ["HistorySync"]


class HistorySync(QObject):
    merged = Signal()
    """Changes from other devices are in the history now: views refresh."""
    problem = Signal(str)
    """A sentence for the history's notices (each problem once)."""

    def __init__(
        self, recorder: HistoryRecorder, settings: SettingsStore, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._recorder = recorder
        self._folder: Path | None = None
        self._watcher: SyncFolderWatcher | None = None
        self._said: str | None = None
        self._settings = settings

    def start(self) -> None:
        """Use the folder of the settings (merging now), and follow them from now on."""
        self._settings.changed.connect(self.on_settings_changed)
        self.use(self._settings.settings.sync_folder)

    @property
    def folder(self) -> Path | None:
        return self._folder

    def use(self, folder_text: str) -> None:
        """Journal the history into this folder (empty: none) and merge with it now."""
        folder = Path(folder_text).expanduser() if folder_text else None
        if folder == self._folder and folder is not None:
            return
        self._folder = folder
        use_sync_folder(self._recorder.history_path, folder)
        if self._watcher is not None:
            self._watcher.deleteLater()
            self._watcher = None
        if folder is not None:
            self._watcher = SyncFolderWatcher(folder, parent=self)
            self._watcher.changed.connect(self.on_folder_changed)
            self.on_folder_changed()

    def on_settings_changed(self, settings: Settings) -> None:
        self.use(settings.sync_folder)

    def on_folder_changed(self) -> None:
        store = self._recorder.store
        if store is None:
            return
        report = sync_history(store)
        if report is None:
            return
        if report.problem and report.problem != self._said:
            self.problem.emit(report.problem)
        self._said = report.problem
        if report.applied:
            self.merged.emit()
