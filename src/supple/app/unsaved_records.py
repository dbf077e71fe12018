"""Closing Supple never loses a record: the retry timer and the last try at quit.

When the history cannot be written (a full disk, a read-only folder), records wait
in the recorder's memory. This part tries them again every ``HISTORY_RETRY_MS``
while they wait; when the window is about to close it makes a last try, puts what
still waits in a rescue file (``storage.rescue``) and says where, or, when no file
could be written either, lets the user choose between staying open and quitting.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # the history's code loads after the first paint, with the history
    from supple.app.session_recording import SessionRecording
    from supple.storage.rescue import QuitSave
    from supple.ui.history.unsaved_box import UnsavedRecordsBox

HISTORY_RETRY_MS = 30_000
"""How often records waiting in memory are tried again while the history cannot be written."""
QUIT_WAIT_SECONDS = 3.0
"""How long quitting waits for the history's writer to write what it still holds."""


class UnsavedRecords(QObject):
    written = Signal()
    """Records that waited are in the history now."""
    quit_confirmed = Signal()
    """The user read where the records went, or chose to lose them: close now."""

    def __init__(
        self,
        retry_ms: int = HISTORY_RETRY_MS,
        *,
        folders: Callable[[], list[Path]] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(retry_ms)
        self._folders = folders
        self._recording: SessionRecording | None = None
        self._rescue: tuple[Path, int] | None = None
        """The rescue file written at quit, and how many records it holds."""
        self._told = False
        self.notice: UnsavedRecordsBox | None = None
        """The message shown on closing when records could not be written to the history."""
        self.retry_timer.timeout.connect(self.on_retry)

    def watch(self, recording: SessionRecording) -> None:
        """Follow ``recording``'s problems (the history has opened)."""
        self._recording = recording
        recording.problem_changed.connect(self.on_problem_changed)

    @property
    def waiting(self) -> int:
        return self._recording.recorder.pending if self._recording is not None else 0

    # --- slots -------------------------------------------------------------------------

    def on_problem_changed(self, _problem: object) -> None:
        """Retry on a timer while records wait; say so once they are written."""
        if self.waiting:
            if not self.retry_timer.isActive():
                self.retry_timer.start()
        elif self.retry_timer.isActive():
            self.retry_timer.stop()
            self.written.emit()

    def on_retry(self) -> None:
        if self._recording is not None:
            self._recording.retry()

    def on_keep_open(self) -> None:
        """The user kept Supple open to let the history be written: retry as before."""
        self._told = False
        if self.waiting:
            self.retry_timer.start()

    # --- quitting ----------------------------------------------------------------------

    def save(self) -> QuitSave:
        """A last try at writing what waits (the writer is given ``QUIT_WAIT_SECONDS``);
        a rescue file for the rest.

        Safe to call more than once: a rescue file is written again only when more
        records are waiting than it holds.
        """
        from supple.storage.rescue import QuitSave, rescue_folders, save_unsaved

        recording = self._recording
        if recording is None:
            return QuitSave(0)
        self.retry_timer.stop()
        recorder = recording.recorder
        if recorder.flush(timeout=QUIT_WAIT_SECONDS):
            self._drop_rescue()
            return QuitSave(0)
        reason = str(recorder.last_error) if recorder.last_error else ""
        if self._rescue is not None and self._rescue[1] == recorder.pending:
            return QuitSave(recorder.pending, reason, self._rescue[0])
        try:
            rescue = save_unsaved(recorder, (self._folders or rescue_folders)())
        except OSError as error:
            return QuitSave(recorder.pending, reason, rescue_problem=str(error))
        if rescue is None:
            return QuitSave(0)
        self._drop_rescue()
        self._rescue = (rescue, recorder.pending)
        return QuitSave(recorder.pending, reason, rescue)

    def may_close(self, window: QWidget) -> bool:
        """Whether the window may close now; if not, a message over it says why."""
        from supple.ui.history.messages import unsaved_message
        from supple.ui.history.unsaved_box import UnsavedRecordsBox

        if self.notice is not None and self.notice.isVisible():
            return False
        if not self.waiting:
            return True
        saved = self.save()
        text = unsaved_message(saved)
        if not text:
            return True
        print(f"supple: {text}", file=sys.stderr)
        self._told = True
        box = UnsavedRecordsBox(saved, parent=window)
        box.quit_chosen.connect(self.quit_confirmed)
        box.keep_open_chosen.connect(self.on_keep_open)
        self.notice = box
        box.open()
        return False

    def shut_down(self) -> QuitSave:
        """After the event loop: save what waits, said on stderr if not said yet."""
        from supple.ui.history.messages import unsaved_message

        saved = self.save()
        text = unsaved_message(saved)
        if text and not self._told:
            print(f"supple: {text}", file=sys.stderr)
        if self._recording is not None:  # written or in the rescue file: nobody's session now
            self._recording.release()
        return saved

    def _drop_rescue(self) -> None:
        """Written after all: the copy is not needed."""
        if self._rescue is not None:
            with contextlib.suppress(OSError):
                self._rescue[0].unlink()
            self._rescue = None
