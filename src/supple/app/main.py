"""The composition root: builds the app's parts and wires them together.

Nothing imports this module except the command line. Every connection between
parts that do not know each other (the window, the screen-saver lock, settings
on disk, and later the cue sounds and the history) is made here, in
:meth:`Supple._connect` and, for parts built later, the ``_connect_*`` methods
beside it, so the whole app's wiring reads in one place.

Start-up builds only what Home needs to be painted. The history (storage, the
file's checks, Home's strip) opens just after the first paint, the cue sounds
start rendering then too, and the session, summary and check-in pages, the
review screen and the editor are built when first used.

When the history cannot be written (a full disk, a read-only folder), records wait
in memory and are tried again every ``HISTORY_RETRY_MS``; closing the window
makes a last try and puts what is still waiting in a rescue file, and says where.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QVBoxLayout, QWidget

from supple import paths
from supple.app.sound import SoundSystem
from supple.core.library import Library
from supple.core.model import Routine
from supple.core.plan import Plan
from supple.core.problems import Problem
from supple.qt.routine_watcher import RoutineWatcher
from supple.qt.screen_awake import InhibitBackend, ScreenAwake
from supple.storage.settings import (
    Settings,
    SettingsWriteError,
    load_settings,
    save_settings,
)
from supple.ui.main_window import MainWindow, Page
from supple.ui.theme import install_font, palette_for, set_role

if TYPE_CHECKING:  # imported where they are built, after the first paint or on first use
    from supple.app.history_bridge import QuitSave, SessionHistoryBridge
    from supple.core.events import Event
    from supple.qt.session_driver import SessionDriver
    from supple.storage.database import OpenNotice
    from supple.storage.recorder import HistoryRecorder
    from supple.ui.history.check_in import TightnessCheckIn
    from supple.ui.history.check_out import CheckOutPanel
    from supple.ui.history.home_summary import HomeHistorySummary
    from supple.ui.history.notices import HistoryNotices

APP_NAME = "Supple"
ORGANIZATION = "Supple"
DESKTOP_FILE = "io.github.supple.Supple"

Clock = Callable[[], float]
SOUND_SETTINGS = ("volume", "voice_on", "voice_name", "voice_rate", "count_reps_aloud")
HISTORY_RETRY_MS = 30_000
"""How often records waiting in memory are tried again while the history cannot be written."""


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


@dataclass(frozen=True)
class HistoryParts:
    """The open history and what shows it on Home (see :meth:`Supple.open_history`)."""

    recorder: HistoryRecorder
    bridge: SessionHistoryBridge
    strip: HomeHistorySummary
    notices: HistoryNotices
    messages: list[OpenNotice | str]
    """What opening the history reported (a damaged file moved aside, ...)."""


class BeforeClose(QObject):
    """Asks ``may_close`` when ``widget`` is about to close; False keeps it open."""

    def __init__(self, widget: QWidget, may_close: Callable[[], bool]) -> None:
        super().__init__(widget)
        self._may_close = may_close
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() is QEvent.Type.Close and not self._may_close():
            event.ignore()
            return True
        return False


class AfterFirstPaint(QObject):
    """Work for once ``widget`` is on screen: run in order, just after its first paint."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._waiting: list[Callable[[], object]] | None = []
        widget.installEventFilter(self)

    def add(self, callback: Callable[[], object]) -> None:
        if self._waiting is None:  # already painted
            QTimer.singleShot(0, callback)
        else:
            self._waiting.append(callback)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() is QEvent.Type.Paint and self._waiting is not None:
            watched.removeEventFilter(self)
            waiting, self._waiting = self._waiting, None
            for callback in waiting:  # on the loop's next turns, not inside the paint
                QTimer.singleShot(0, callback)
        return False


class Supple(QObject):
    """The running app: the window, the history, the screen-saver lock, the settings file."""

    def __init__(
        self,
        routine: str | None = None,
        *,
        screen_awake_backend: InhibitBackend | None = None,
        clock: Clock = time.monotonic,
        history_retry_ms: int = HISTORY_RETRY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.history_retry = QTimer(self)
        """Tries the records waiting in memory again while the history cannot be written."""
        self.history_retry.setInterval(history_retry_ms)
        self._rescue: tuple[Path, int] | None = None
        """The rescue file written at quit, and how many records it holds."""
        self._told_unsaved = False
        self._may_quit = False
        self.unsaved_notice: QMessageBox | None = None
        """The message shown on closing when records could not be written to the history."""
        loaded = load_settings()
        settings = loaded.settings
        self.watcher = RoutineWatcher(paths.routines_dir(), parent=self)
        self.library = self.watcher.library
        self.window = MainWindow(self.library, settings, driver_factory=self.make_driver)
        self.screen_awake = ScreenAwake(screen_awake_backend, parent=self)
        self.sound = SoundSystem(settings, parent=self)
        self._after_first_paint = AfterFirstPaint(self.window)
        self._before_close = BeforeClose(self.window, self.on_window_closing)
        self._history: HistoryParts | None = None
        self.check_in: TightnessCheckIn | None = None
        """The tightness question before a session, built when the first one starts."""
        self._asking = settings.ask_tightness_before
        """Whether the check-in is asked before sessions, as last applied."""
        if self._asking:
            self.window.set_page_factory(Page.CHECK_IN, self.make_check_in)
        self.check_out: CheckOutPanel | None = None
        """The question after a session, put on the summary page when that is built."""
        self.window.set_page_factory(Page.HISTORY, self.make_review_screen)
        self.window.set_page_factory(Page.EDITOR, self.make_editor)

        self._start_problems: list[str] = []
        """Problems found at start that no routine file change can fix (settings, --routine)."""
        if loaded.problem:
            self._start_problems.append(loaded.problem)
        selected, missing = choose_routine(self.library, routine, settings.last_routine)
        if missing:
            self._start_problems.append(missing)
            print(f"supple: {missing}", file=sys.stderr)
        self.on_routine_problems_changed(list(self.library.problems))
        if selected is not None:
            self.window.select_routine(selected.id)
        self._connect()

    def _connect(self) -> None:
        window = self.window
        window.session_state_changed.connect(self.screen_awake.on_state_changed)
        window.session_ended.connect(self.on_session_ended)
        window.settings_changed.connect(self.on_settings_changed)
        window.returned_home.connect(self.on_returned_home)
        window.page_built.connect(self.on_page_built)
        self.watcher.library_changed.connect(self.on_library_changed)
        self.watcher.problems_changed.connect(self.on_routine_problems_changed)
        # History (opened on first use): the check-in answer, every engine event.
        window.checked_in.connect(self.on_checked_in)
        window.session_started.connect(self.on_session_started)
        window.session_event.connect(self.on_session_event)
        # Sound: every event through the cue scheduler; problems said once, on Home.
        window.session_event.connect(self.on_session_event_for_sound)
        window.mute_changed.connect(self.sound.set_muted)
        self.sound.problem_found.connect(window.add_notice)
        window.sound_settings_requested.connect(self.on_sound_settings_requested)
        self.history_retry.timeout.connect(self.on_history_retry)

    def _connect_history(self, parts: HistoryParts) -> None:
        """Made once, when the history opens: its changes, its problems, Home's strip."""
        history = parts.bridge
        history.history_changed.connect(self.on_history_changed)
        history.problem_changed.connect(parts.notices.set_problem)
        history.problem_changed.connect(self.on_history_problem)
        parts.notices.retry_requested.connect(history.retry)
        parts.strip.open_history_requested.connect(self.on_open_history)

    def _connect_check_in(self, check_in: TightnessCheckIn) -> None:
        """Made when the check-in is built, before the first session."""
        check_in.ask_changed.connect(self.on_ask_changed)

    def _connect_check_out(self, check_out: CheckOutPanel) -> None:
        """Made when the check-out is built, with the summary page."""
        check_out.answered.connect(self.history.on_check_out)

    # --- the history, opened just after the first paint -------------------------------

    def open_history(self) -> HistoryParts:
        """Open the history and put its strip (streak, this week, last session) on Home.

        Called on the event loop's first turn after the window is painted, so importing
        the storage and history views, opening the file (with its checks) and the strip's
        queries never hold up the window. Whatever needs the history sooner (a session
        starting, the review screen, a test) opens it then. It is opened once.
        """
        if self._history is not None:
            return self._history
        from supple.app.history_bridge import SessionHistoryBridge, open_recorder
        from supple.ui.history.home_summary import HomeHistorySummary
        from supple.ui.history.notices import HistoryNotices

        settings = self.window.settings
        recorder, messages = open_recorder()
        strip = HomeHistorySummary(
            recorder, weekly_goal=settings.weekly_goal, palette=palette_for(settings.theme)
        )
        notices = HistoryNotices()
        notices.set_notices(messages)
        parts = HistoryParts(
            recorder=recorder,
            bridge=SessionHistoryBridge(recorder, routine_for=self.library.find),
            strip=strip,
            notices=notices,
            messages=list(messages),
        )
        area = QWidget()
        column = QVBoxLayout(area)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(notices)
        column.addWidget(strip)
        self.window.home.history_area.set_content(area)
        self._history = parts
        self._connect_history(parts)
        return parts

    @property
    def history_opened(self) -> bool:
        return self._history is not None

    @property
    def recorder(self) -> HistoryRecorder:
        return self.open_history().recorder

    @property
    def history(self) -> SessionHistoryBridge:
        """Turns the session's events into history records (opens the history if need be)."""
        return self.open_history().bridge

    @property
    def home_history(self) -> HomeHistorySummary:
        return self.open_history().strip

    @property
    def history_notices(self) -> HistoryNotices:
        return self.open_history().notices

    # --- pages and parts built on first use ---------------------------------------------

    def make_driver(self, plan: Plan) -> SessionDriver:
        """A fresh driver for each session (starting part-way when resuming one)."""
        from supple.qt.session_driver import SessionDriver  # the engine, with the first session

        return SessionDriver(self.history.driver_plan(plan), clock=self._clock)

    def make_review_screen(self) -> QWidget:
        from supple.ui.history.review_screen import ReviewScreen  # QtCharts loads on first use

        settings = self.window.settings
        review = ReviewScreen(
            self.recorder,
            weekly_goal=settings.weekly_goal,
            ask_before_sessions=settings.ask_tightness_before,
            palette=palette_for(settings.theme),
        )
        review.set_notices(self.open_history().messages)
        review.back_requested.connect(self.window.go_home)
        review.history_changed.connect(self.home_history.refresh)
        review.notices.retry_requested.connect(self.history.retry)
        review.weekly_goal_changed.connect(self.on_weekly_goal_changed)
        review.ask_changed.connect(self.on_ask_changed)
        self.history.problem_changed.connect(review.set_problem)
        return review

    def make_check_in(self) -> QWidget:
        """The tightness question, built when the first session starts (if it is asked)."""
        from supple.ui.history.check_in import TightnessCheckIn

        settings = self.window.settings
        self.check_in = TightnessCheckIn(
            ask_before_sessions=settings.ask_tightness_before, palette=palette_for(settings.theme)
        )
        self._connect_check_in(self.check_in)
        return self.check_in

    def make_check_out(self) -> CheckOutPanel:
        """The question after a session, built with the summary page it sits on."""
        from supple.ui.history.check_out import CheckOutPanel

        self.check_out = CheckOutPanel(palette_for(self.window.settings.theme))
        self._connect_check_out(self.check_out)
        return self.check_out

    def make_editor(self) -> QWidget:
        from supple.ui.editor import RoutineEditor  # built the first time E is pressed

        selected = self.window.home.selected_routine()
        editor = RoutineEditor(
            self.watcher,
            routine_id=selected.id if selected is not None else None,
            palette=palette_for(self.window.settings.theme),
        )
        editor.close_requested.connect(self.window.go_home)
        editor.routine_saved.connect(self.on_routine_saved)
        return editor

    def show(self, fullscreen: bool = False) -> None:
        """Show the window; the history opens just after it is first painted."""
        self.after_first_paint(self.open_history)
        if fullscreen or self.window.settings.fullscreen:
            self.window.set_fullscreen(True)
        else:
            self.window.show()

    def after_first_paint(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the window is on screen (work Home does not need first)."""
        self._after_first_paint.add(callback)

    def offer_resume(self) -> None:
        """A session cut short last time (a crash, a flat battery): resume it or keep it.

        Only the latest, and only when it is recent, is offered; any other unfinished
        session is kept as partial, and the history notice says which.
        """
        from supple.app.history_bridge import RESUME_WITHIN, kept_as_partial
        from supple.ui.history.dialogs import ResumeDialog

        interrupted = self.history.interrupted()
        if not interrupted:
            return
        since = datetime.now(UTC) - RESUME_WITHIN
        newest = interrupted[0] if interrupted[0].session.started_at >= since else None
        kept = [detail for detail in interrupted if detail is not newest]
        for detail in kept:
            self.history.keep_partial(detail)
        if kept:
            self.add_history_notice(kept_as_partial(kept, offered=newest is not None))
        if newest is None:
            return
        dialog = ResumeDialog(newest, parent=self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            routine = self.history.resume(newest)
            if routine is not None:
                self.window.start_session(routine)
        else:
            self.history.keep_partial(newest)

    def load_review_screen_code(self) -> None:
        """Load the history screen's code and QtCharts (about 0.1 s) while Home is idle,
        so the first press of H does not wait for it."""
        import supple.ui.history.review_screen  # noqa: F401  # imported for its side: loaded

    def add_history_notice(self, text: str) -> None:
        """A sentence for the history's notices, on Home and on the review screen."""
        parts = self.open_history()
        if text in parts.messages:
            return
        parts.messages.append(text)
        parts.notices.set_notices(parts.messages)
        review = self.window.page_widget(Page.HISTORY)
        if review is not None:
            review.set_notices(parts.messages)  # type: ignore[attr-defined]  # a ReviewScreen

    # --- quitting ----------------------------------------------------------------------

    def save_history(self) -> QuitSave:
        """A last try at writing the records waiting in memory; a rescue file for the rest.

        Safe to call more than once: a rescue file is written again only when more
        records are waiting than it holds.
        """
        from supple.app.history_bridge import QuitSave, unsaved_folders

        if self._history is None:
            return QuitSave(0)

        self.history_retry.stop()
        recorder = self._history.recorder
        if recorder.flush():
            if self._rescue is not None:  # written after all: the copy is not needed
                with contextlib.suppress(OSError):
                    self._rescue[0].unlink()
                self._rescue = None
            return QuitSave(0)
        reason = str(recorder.last_error) if recorder.last_error else ""
        if self._rescue is not None and self._rescue[1] == recorder.pending:
            return QuitSave(recorder.pending, reason, self._rescue[0])
        try:
            rescue = recorder.save_unsaved(unsaved_folders())
        except OSError as error:
            return QuitSave(recorder.pending, reason, rescue_problem=str(error))
        if rescue is None:
            return QuitSave(0)
        if self._rescue is not None:
            with contextlib.suppress(OSError):
                self._rescue[0].unlink()
        self._rescue = (rescue, recorder.pending)
        return QuitSave(recorder.pending, reason, rescue)

    def on_window_closing(self) -> bool:
        """Before the window closes: a last try at saving, and where what waits went.

        When records are still waiting, the window stays open behind a message that
        says where they were saved; it closes once that is read. If they could not be
        saved anywhere, the user chooses: keep Supple open (and retrying), or quit.
        """
        if not self._may_quit and not self.window.confirm_close():
            return False  # unsaved routine edits are asked about first
        if self._history is None or self._may_quit:
            return True
        if self.unsaved_notice is not None and self.unsaved_notice.isVisible():
            return False
        driver = self.window.driver
        if driver is not None and not driver.engine.is_over:
            driver.stop()  # as closing does anyway, so the session's end is saved with the rest
        if not self._history.recorder.pending:
            return True
        saved = self.save_history()
        text = saved.message()
        if not text:
            return True
        print(f"supple: {text}", file=sys.stderr)
        self._told_unsaved = True
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Part of the history could not be saved",
            saved.headline(),
            parent=self.window,
        )
        box.setInformativeText(saved.details())
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the path
        box.setWindowModality(Qt.WindowModality.WindowModal)
        if saved.rescue is not None:
            ok = box.addButton("Quit", QMessageBox.ButtonRole.AcceptRole)
            box.setDefaultButton(ok)
            box.finished.connect(self.quit_now)
        else:
            keep = box.addButton("Keep Supple open", QMessageBox.ButtonRole.RejectRole)
            lose = box.addButton("Quit and lose them", QMessageBox.ButtonRole.DestructiveRole)
            box.setDefaultButton(keep)
            box.setEscapeButton(keep)
            box.finished.connect(
                lambda _result: self.quit_now() if box.clickedButton() is lose else self.keep_open()
            )
        for button in box.buttons():
            set_role(button, "key")  # the app's button look, readable on its theme
            button.setMinimumSize(160, 44)
        self.unsaved_notice = box
        box.open()
        return False

    def quit_now(self) -> None:
        """Close the window without asking again (what waits was saved, or the user said so)."""
        self._may_quit = True
        self.window.close()

    def keep_open(self) -> None:
        """The user kept Supple open to let the history be written: retry as before."""
        self._told_unsaved = False
        if self._history is not None and self._history.recorder.pending:
            self.history_retry.start()

    def shut_down(self) -> QuitSave:
        """After the event loop: save what waits (said on stderr if not said yet), close up."""
        saved = self.save_history()
        text = saved.message()
        if text and not self._told_unsaved:
            print(f"supple: {text}", file=sys.stderr)
        if self._history is not None:
            self._history.recorder.close()
        self.screen_awake.release()
        self.sound.close()
        return saved

    # --- slots -------------------------------------------------------------------------

    def on_settings_changed(self, settings: Settings) -> None:
        try:
            save_settings(settings)
        except SettingsWriteError as error:
            self.window.add_notice(str(error))
        self.sound.apply(settings)
        palette = palette_for(settings.theme)
        strip = self._history.strip if self._history is not None else None
        for widget in (self.check_in, self.check_out, strip):
            if widget is not None:
                widget.set_palette(palette)
        if strip is not None:
            strip.set_weekly_goal(settings.weekly_goal)
        review = self.window.page_widget(Page.HISTORY)
        if review is not None:
            review.set_palette(palette)  # type: ignore[attr-defined]  # a ReviewScreen
            review.set_weekly_goal(settings.weekly_goal)  # type: ignore[attr-defined]
            review.set_ask_before_sessions(settings.ask_tightness_before)  # type: ignore[attr-defined]
        if settings.ask_tightness_before != self._asking:
            self._asking = settings.ask_tightness_before
            self._follow_ask_setting(self._asking)

    def _follow_ask_setting(self, ask: bool) -> None:
        """Ask before sessions again (a fresh check-in page) or stop asking at once.

        Not while the question is on screen: its own "Don't ask" box changed the setting,
        and the page goes when that session starts (see ``on_session_started``).
        """
        if self.window.current_page is Page.CHECK_IN:
            return
        if not ask:
            self.window.set_check_in(None)
        elif self.window.page_widget(Page.CHECK_IN) is None:
            self.window.set_page_factory(Page.CHECK_IN, self.make_check_in)

    def on_checked_in(self, answer: object) -> None:
        self.history.on_checked_in(answer)

    def on_session_event(self, event: Event) -> None:
        self.history.on_event(event)

    def on_session_event_for_sound(self, event: Event) -> None:
        self.sound.scheduler.on_event(event)  # the scheduler is built with the first session

    def on_session_started(self, plan: Plan) -> None:
        self.sound.scheduler.reset()
        routine = self.window.home.selected_routine()
        self.history.on_session_started(plan, routine)
        if not self.window.settings.ask_tightness_before:
            self.window.set_check_in(None)

    def on_session_ended(self, finished: object) -> None:
        self.screen_awake.release()
        if self.check_out is not None:
            self.check_out.prepare(self.history.last_tightness_before)

    def on_returned_home(self) -> None:
        if self.check_out is not None:
            self.check_out.commit()
        if self._history is not None:  # else it is filled fresh when it opens
            self._history.strip.refresh()

    def on_page_built(self, page: str) -> None:
        if page == Page.SUMMARY:
            self.window.summary_view.extras_area.set_content(self.make_check_out())

    def on_history_problem(self, _problem: object) -> None:
        """Retry on a timer while records wait; once they are written, show them on Home."""
        if self._history is None:
            return
        if self._history.recorder.pending:
            if not self.history_retry.isActive():
                self.history_retry.start()
        elif self.history_retry.isActive():
            self.history_retry.stop()
            self._history.strip.refresh()

    def on_history_retry(self) -> None:
        self.history.retry()

    def on_history_changed(self, _uuid: object) -> None:
        self.home_history.refresh()
        review = self.window.page_widget(Page.HISTORY)
        if review is not None:
            review.refresh()  # type: ignore[attr-defined]  # a ReviewScreen

    def on_ask_changed(self, ask: bool) -> None:
        self.window.set_settings(ask_tightness_before=ask)

    def on_weekly_goal_changed(self, goal: int) -> None:
        self.window.set_settings(weekly_goal=goal)

    def on_sound_settings_requested(self) -> None:
        from supple.ui.sound_settings import SoundSettingsDialog

        dialog = SoundSettingsDialog(self.window.settings, self.sound, parent=self.window)
        dialog.set_unit(self.window.unit or 1.0)
        dialog.settings_changed.connect(self.on_sound_settings_changed)
        dialog.open()

    def on_sound_settings_changed(self, settings: Settings) -> None:
        self.window.set_settings(**{name: getattr(settings, name) for name in SOUND_SETTINGS})
        self.window.set_muted(not settings.sound_on)

    def on_open_history(self) -> None:
        self.window.show_page(Page.HISTORY)

    def on_library_changed(self, library: Library) -> None:
        self.library = library
        self.window.set_library(library)

    def on_routine_saved(self, routine: Routine) -> None:
        """Saved, duplicated or imported in the editor: Home has it selected on return."""
        self.window.select_routine(routine.id)

    def on_routine_problems_changed(self, problems: list[Problem]) -> None:
        """Routine files broken or fixed while Supple runs: Home's banner follows."""
        shown = [str(p) for p in problems]
        if self.watcher.folder_problem:
            shown.append(self.watcher.folder_problem)
        self.window.set_problems(shown + self._start_problems)


def _configure(app: QApplication) -> None:
    font_problem = install_font(app)
    if font_problem:
        print(f"supple: {font_problem}", file=sys.stderr)
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
    if not smoke_test:  # the window first: these wait until it is painted
        supple.after_first_paint(supple.sound.start)
        supple.after_first_paint(supple.offer_resume)
        supple.after_first_paint(supple.load_review_screen_code)
    status = app.exec()
    supple.shut_down()
    return int(status)
