"""The hook for a question asked between Start and the first exercise.

The player itself asks nothing; the history part of the app can hand the window a
:class:`CheckInPage` (e.g. "How tight do your hamstrings feel, 0 to 10?") and the
window shows it before each session, passing the answer on through
``MainWindow.checked_in``.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from supple.core.model import Routine


class CheckInPage(QWidget):
    """Subclass and emit ``answered`` once, with the answer or ``None`` when skipped.

    The window's Enter and Esc keys are routed here while the page shows (as
    :meth:`confirm` and :meth:`skip`), so the page need not fight the window's
    shortcuts; any other key reaches the page as usual.
    """

    answered = Signal(object)

    def prepare(self, routine: Routine) -> None:
        """Called before the page is shown for a session of ``routine``."""

    def confirm(self) -> None:
        """Enter was pressed."""

    def skip(self) -> None:
        """Esc was pressed; the default answers ``None``."""
        self.answered.emit(None)

    def set_unit(self, unit: float) -> None:
        """The window's scale changed (1.0 at 1280x720)."""
