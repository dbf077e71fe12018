"""The composition root: builds the app's parts and wires them together.

Nothing imports this module except the command line. Every connection between
parts that do not know each other (the window, the screen-saver lock, settings
on disk, and later the cue sounds and the history) is made here, in
:meth:`Supple._connect`, so the whole app's wiring reads in one place.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from supple import paths
from supple.core.library import Library, load_library
from supple.core.model import Routine
from supple.core.plan import Plan
from supple.qt.screen_awake import InhibitBackend, ScreenAwake
from supple.qt.session_driver import SessionDriver
from supple.storage.settings import (
    Settings,
    SettingsWriteError,
    load_settings,
    save_settings,
)
from supple.ui.main_window import MainWindow

APP_NAME = "Supple"
ORGANIZATION = "Supple"
DESKTOP_FILE = "io.github.supple.Supple"

Clock = Callable[[], float]


def choose_routine(
    library: Library, wanted: str | None, last_used: str
) -> tuple[Routine | None, str | None]:
    """The routine to select on Home, and a problem to show if ``wanted`` does not exist.

    Asked for by name or id first, then the one used last, then the default.
    """
    problem = None
    if wanted:
        found = library.find(wanted)
        if found is not None:
            return found, None
        known = ", ".join(r.id for r in library.routines)
        problem = f'There is no routine "{wanted}" (known: {known}); pick one from the list.'
    if last_used:
        found = library.find(last_used)
        if found is not None:
            return found, problem
    return (library.routines[0] if library.routines else None), problem


class Supple(QObject):
    """The running app: one window, one screen-saver lock, the settings file."""

    def __init__(
        self,
        routine: str | None = None,
        *,
        screen_awake_backend: InhibitBackend | None = None,
        clock: Clock = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        loaded = load_settings()
        self.library = load_library(paths.routines_dir())
        self.window = MainWindow(self.library, loaded.settings, driver_factory=self.make_driver)
        self.screen_awake = ScreenAwake(screen_awake_backend, parent=self)

        problems = [str(p) for p in self.library.problems]
        if loaded.problem:
            problems.append(loaded.problem)
        selected, missing = choose_routine(self.library, routine, loaded.settings.last_routine)
        if missing:
            problems.append(missing)
            print(f"supple: {missing}", file=sys.stderr)
        self.window.set_problems(problems)
        if selected is not None:
            self.window.select_routine(selected.id)
        self._connect()

    def _connect(self) -> None:
        window = self.window
        window.session_state_changed.connect(self.screen_awake.on_state_changed)
        window.session_ended.connect(self.on_session_ended)
        window.settings_changed.connect(self.on_settings_changed)
        # Sound cues: connect a scheduler to window.session_started (plan), window.session_event
        # (every engine event) and window.mute_changed here.
        # History: window.session_started / session_event (StepFinished) / session_ended for the
        # recorder, window.home.history_area.set_content(...) for the home widgets, and
        # window.set_check_in(page) for the tightness check-in.

    def make_driver(self, plan: Plan) -> SessionDriver:
        """A fresh driver for each session."""
        return SessionDriver(plan, clock=self._clock)

    def show(self, fullscreen: bool = False) -> None:
        if fullscreen or self.window.settings.fullscreen:
            self.window.set_fullscreen(True)
        else:
            self.window.show()

    # --- slots -------------------------------------------------------------------------

    def on_settings_changed(self, settings: Settings) -> None:
        try:
            save_settings(settings)
        except SettingsWriteError as error:
            self.window.add_notice(str(error))

    def on_session_ended(self, finished: object) -> None:
        self.screen_awake.release()


def _configure(app: QApplication) -> None:
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setDesktopFileName(DESKTOP_FILE)
    icon = paths.assets_dir() / "icons" / "supple.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))


def peak_memory_kb() -> int:
    """Peak resident memory of this process, where the platform reports it (else 0)."""
    try:
        import resource  # Unix only
    except ImportError:
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


class FirstPaint(QObject):
    """Reports the moment a widget is first painted, then quits: for smoke tests and timing."""

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() is QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"ready {time.time():.6f} {peak_memory_kb()}", flush=True)
            QTimer.singleShot(0, self._app.quit)
        return False


def run_app(
    routine: str | None = None, fullscreen: bool = False, *, smoke_test: bool = False
) -> int:
    """Open the window and run until it closes; the exit status for the shell."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    _configure(app)
    supple = Supple(routine)
    if smoke_test:
        supple.window.installEventFilter(FirstPaint(app, supple))
    supple.show(fullscreen)
    status = app.exec()
    supple.screen_awake.release()
    return int(status)
