"""The user's settings as a model: one owner that saves every change and says so.

Before, the window kept a copy, the app another, and a change had to be pushed by
hand to each part that cared. Now every part reads ``store.settings`` and listens
to ``changed``; whoever changes a setting calls :meth:`SettingsStore.update`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any

from PySide6.QtCore import QObject, Signal

from supple.storage.settings import Settings, SettingsWriteError, save_settings

Saver = Callable[[Settings], None]


class SettingsStore(QObject):
    changed = Signal(object)
    """The new ``Settings``, saved (or a ``problem`` was said) before this is sent."""
    problem = Signal(str)
    """A change could not be saved: one sentence for Home's banner."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        save: Saver | None = save_settings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings if settings is not None else Settings()
        self._save = save

    @property
    def settings(self) -> Settings:
        return self._settings

    def update(self, **changes: Any) -> None:
        """Change some settings; nothing is saved or signalled when nothing changes."""
        known = {f.name for f in fields(Settings)}
        unknown = set(changes) - known
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
        new = self._settings.with_changes(**changes)
        if all(getattr(new, name) == getattr(self._settings, name) for name in changes):
            return
        self._settings = new
        if self._save is not None:
            try:
                self._save(new)
            except SettingsWriteError as error:
                self.problem.emit(str(error))
        self.changed.emit(new)
