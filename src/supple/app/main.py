"""The composition root: builds the app's parts and wires them together.

Nothing imports this module except the command line. Every connection between
parts that do not know each other (the window, the session controller, the
screen-saver lock, the settings, the cue sounds and the history) is made here, in
:meth:`Supple._connect` and, for parts built later, the ``_connect_*`` methods
beside it, so the whole app's wiring reads in one place.

A session has one owner, the :class:`SessionController`: the window starts it and
sends it the user's commands; the history (``SessionRecording``), the sound and
the screen lock listen to it directly.

Start-up builds only what Home needs to be painted. The history (storage, the
file's checks, Home's strip) opens just after the first paint, the cue sounds
start rendering then too, and the session, summary and check-in pages, the
review screen and the editor are built when first used.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from supple import paths
from supple.app.hands_free import HandsFree, tag_own_streams
from supple.app.single_start import bring_forward, claim_instance
from supple.app.sound import SoundSystem
from supple.app.unsaved_records import HISTORY_RETRY_MS, UnsavedRecords
from supple.core.i18n import _
from supple.core.library import Library
from supple.core.model import Routine
from supple.core.problems import Problem
from supple.qt.routine_watcher import RoutineWatcher
from supple.qt.screen_awake import InhibitBackend, ScreenAwake
from supple.qt.session_controller import SessionController, SessionEnd, SessionStart
from supple.qt.settings_store import SettingsStore
from supple.qt.translations import install_qt_translations
from supple.storage.settings import Settings, load_settings
from supple.ui.main_window import MainWindow
from supple.ui.page_stack import Page
from supple.ui.theme import install_font

if TYPE_CHECKING:  # imported where they are built, after the first paint or on first use
    from supple.app.session_recording import SessionRecording
    from supple.app.smoke import SmokeTest
    from supple.core.events import Event
    from supple.storage.recorder import HistoryRecorder
    from supple.storage.rescue import QuitSave
    from supple.ui.editor import RoutineEditor
    from supple.ui.history.check_in import TightnessCheckIn
    from supple.ui.history.check_out import CheckOutPanel
    from supple.ui.history.home_summary import HomeHistorySummary
    from supple.ui.history.notices import HistoryNotices
    from supple.ui.history.review_screen import ReviewScreen

APP_NAME = "Supple"
ORGANIZATION = "Supple"
DESKTOP_FILE = "io.github.supple.Supple"

Clock = Callable[[], float]
SOUND_SETTINGS = (
    "sound_on",
    "volume",
    "voice_on",
    "voice_name",
    "voice_rate",
    "count_reps_aloud",
    "say_side_each_rep",
    "say_phase_words",
    "custom_sounds",
)
"""The settings the sound dialog owns."""


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
        problem = _(
            'There is no routine "{wanted}" (known: {known}); pick one from the list.'
        ).format(wanted=wanted, known=known)
    if last_used:
        found = library.find(last_used)
        if found is not None:
            return found, problem
    return (library.routines[0] if library.routines else None), problem


@dataclass(frozen=True)
class HistoryParts:
    """The open history and what shows it on Home (see :meth:`Supple.open_history`)."""

    recorder: HistoryRecorder
    recording: SessionRecording
    strip: HomeHistorySummary
    notices: HistoryNotices
    messages: list[str]
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
    """The running app: the window, the session, the history, the sound, the screen lock."""

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
        loaded = load_settings()
        self.settings = SettingsStore(loaded.settings, parent=self)
        self.watcher = RoutineWatcher(paths.routines_dir(), parent=self)
        self.library = self.watcher.library
        self.controller = SessionController(clock=clock, parent=self)
        self.window = MainWindow(self.library, self.settings, controller=self.controller)
        self.screen_awake = ScreenAwake(screen_awake_backend, parent=self)
        self.sound = SoundSystem(loaded.settings, parent=self)
        self.unsaved = UnsavedRecords(history_retry_ms, parent=self)
        self.hands_free = HandsFree(
            self.controller, self.window, self.settings, self.sound, parent=self
        )  # media keys, music that steps aside, voice: wired in HandsFree._connect
        self._after_first_paint = AfterFirstPaint(self.window)
        self._before_close = BeforeClose(self.window, self.on_window_closing)
        self._may_quit = False
        self.stop_status: int | None = None
        """The exit status a stop signal asked for (see ``on_stop_signal``)."""
        self._history: HistoryParts | None = None
        self.review: ReviewScreen | None = None
        self.check_in: TightnessCheckIn | None = None
        """The tightness question before a session, built when the first one starts."""
        self._asking = loaded.settings.ask_tightness_before
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
        selected, missing = choose_routine(self.library, routine, loaded.settings.last_routine)
        if missing:
            self._start_problems.append(missing)
            print(f"supple: {missing}", file=sys.stderr)
        self.on_routine_problems_changed(list(self.library.problems))
        if selected is not None:
            self.window.select_routine(selected.id)
        self._connect()

    def _connect(self) -> None:
        window, session = self.window, self.controller
        # The session: straight from its owner to the history, the sound and the screen lock.
        session.started.connect(self.on_session_started)
        session.event_occurred.connect(self.on_session_event)
        session.state_changed.connect(self.screen_awake.on_state_changed)
        session.ended.connect(self.on_session_ended)
        # Settings: saved by the store; the sound follows, problems are said on Home.
        self.settings.changed.connect(self.on_settings_changed)
        self.settings.problem.connect(window.add_notice)
        self.sound.problem_found.connect(window.add_notice)
        window.sound_settings_requested.connect(self.on_sound_settings_requested)
        window.returned_home.connect(self.on_returned_home)
        window.stack.page_built.connect(self.on_page_built)
        self.watcher.library_changed.connect(self.on_library_changed)
        self.watcher.problems_changed.connect(self.on_routine_problems_changed)
        self.unsaved.quit_confirmed.connect(self.on_quit_confirmed)

    def _connect_history(self, parts: HistoryParts) -> None:
        """Made once, when the history opens: its changes, its problems, Home's strip."""
        recording = parts.recording
        recording.history_changed.connect(self.on_history_changed)
        recording.problem_changed.connect(parts.notices.set_problem)
        self.unsaved.watch(recording)
        self.unsaved.written.connect(parts.strip.refresh)
        parts.notices.retry_requested.connect(recording.retry)
        parts.strip.open_history_requested.connect(self.on_open_history)

    def _connect_review(self, review: ReviewScreen) -> None:
        """Made when the review screen is built (the first press of H)."""
        review.back_requested.connect(self.window.go_home)
        review.history_changed.connect(self.home_history.refresh)
        review.notices.retry_requested.connect(self.recording.retry)
        review.weekly_goal_changed.connect(self.on_weekly_goal_changed)
        review.ask_changed.connect(self.on_ask_changed)
        self.recording.problem_changed.connect(review.set_problem)

    def _connect_check_in(self, check_in: TightnessCheckIn) -> None:
        """Made when the check-in is built, before the first session."""
        check_in.ask_changed.connect(self.on_ask_changed)

    def _connect_check_out(self, check_out: CheckOutPanel) -> None:
        """Made when the check-out is built, with the summary page."""
        check_out.answered.connect(self.recording.on_check_out)
        check_out.rated.connect(self.recording.on_rating)

    def _connect_editor(self, editor: RoutineEditor) -> None:
        editor.close_requested.connect(self.window.go_home)
        editor.routine_saved.connect(self.on_routine_saved)

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
        from supple.app.session_recording import SessionRecording
        from supple.storage.recorder import open_recorder
        from supple.storage.rescue import restore_earlier_records, unsaved_folders
        from supple.ui.history.home_summary import HomeHistorySummary
        from supple.ui.history.messages import earlier_records_messages
        from supple.ui.history.notices import HistoryNotices

        recorder, messages = open_recorder(background=True)
        if recorder.store is not None:
            earlier = restore_earlier_records(recorder.store, unsaved_folders())
            messages += earlier_records_messages(earlier)
        strip = HomeHistorySummary(recorder, weekly_goal=self.settings.settings.weekly_goal)
        notices = HistoryNotices()
        notices.set_notices(messages)
        parts = HistoryParts(
            recorder=recorder,
            recording=SessionRecording(recorder, parent=self),
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
        from supple.app.history_sync import HistorySync  # merges the sync folder, if one is set

        self.history_sync = HistorySync(recorder, self.settings, parent=self)
        self.history_sync.merged.connect(self.on_history_changed)
        self.history_sync.problem.connect(self.add_history_notice)
        self.history_sync.start()
        return parts

    @property
    def history_opened(self) -> bool:
        return self._history is not None

    @property
    def recorder(self) -> HistoryRecorder:
        return self.open_history().recorder

    @property
    def recording(self) -> SessionRecording:
        """Turns the session's events into history records (opens the history if need be)."""
        return self.open_history().recording

    @property
    def home_history(self) -> HomeHistorySummary:
        return self.open_history().strip

    @property
    def history_notices(self) -> HistoryNotices:
        return self.open_history().notices

    # --- pages and parts built on first use ---------------------------------------------

    def make_review_screen(self) -> QWidget:
        from supple.ui.history.review_screen import ReviewScreen  # QtCharts loads on first use

        settings = self.settings.settings
        review = ReviewScreen(
            self.recorder,
            weekly_goal=settings.weekly_goal,
            ask_before_sessions=settings.ask_tightness_before,
        )
        review.set_notices(list(self.open_history().messages))
        self.review = review
        self._connect_review(review)
        return review

    def make_check_in(self) -> QWidget:
        """The tightness question, built when the first session starts (if it is asked)."""
        from supple.ui.history.check_in import TightnessCheckIn

        self.check_in = TightnessCheckIn(
            ask_before_sessions=self.settings.settings.ask_tightness_before
        )
        self._connect_check_in(self.check_in)
        return self.check_in

    def make_check_out(self) -> CheckOutPanel:
        """The question after a session, built with the summary page it sits on."""
        from supple.ui.history.check_out import CheckOutPanel

        self.check_out = CheckOutPanel()
        self._connect_check_out(self.check_out)
        return self.check_out

    def make_editor(self) -> QWidget:
        from supple.ui.editor import RoutineEditor  # built the first time E is pressed

        selected = self.window.home.selected_routine()
        editor = RoutineEditor(
            self.watcher, routine_id=selected.id if selected is not None else None
        )
        self._connect_editor(editor)
        return editor

    def show(self, fullscreen: bool = False) -> None:
        """Show the window; the history opens just after it is first painted."""
        self.after_first_paint(self.open_history)
        if fullscreen or self.settings.settings.fullscreen:
            self.window.set_fullscreen(True)
        else:
            self.window.show()

    def after_first_paint(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the window is on screen (work Home does not need first)."""
        self._after_first_paint.add(callback)

    def offer_resume(self, now: datetime | None = None) -> None:
        """A session cut short last time: asked about in the window (see ``ResumeOffer``)."""
        from supple.app.resume_offer import ResumeOffer

        offer = ResumeOffer(self.recording, self.window, self.add_history_notice, parent=self)
        offer.make(now)

    def add_history_notice(self, text: str) -> None:
        """A sentence for the history's notices, on Home and on the review screen."""
        parts = self.open_history()
        if text in parts.messages:
            return
        parts.messages.append(text)
        parts.notices.set_notices(parts.messages)
        if self.review is not None:
            self.review.set_notices(list(parts.messages))

    # --- quitting ----------------------------------------------------------------------

    def on_window_closing(self) -> bool:
        """Before the window closes: unsaved routine edits are asked about first, a
        running session ends as Esc would end it, and records that still wait for the
        history are saved elsewhere (see ``UnsavedRecords``), which the user is told."""
        if self._may_quit:
            return True
        if not self.window.confirm_close():
            return False
        self.controller.end_now()  # as closing does anyway, so its end is saved with the rest
        return self.unsaved.may_close(self.window)

    def on_quit_confirmed(self) -> None:
        """Close the window without asking again (what waits was saved, or the user said so)."""
        self._may_quit = True
        self.window.close()

    def on_stop_signal(self, number: int) -> None:
        """Ctrl+C, SIGTERM or SIGHUP: end as closing the window does (the session ends as
        Esc ends it, what waits is saved at shut-down), without a question to answer."""
        from supple.qt.stop_signals import exit_status

        self.stop_status = exit_status(number)
        self.controller.end_now()
        self._may_quit = True
        self.window.close()
        QApplication.quit()

    def shut_down(self) -> QuitSave:
        """After the event loop: save what waits, close up."""
        saved = self.unsaved.shut_down()
        if self._history is not None:
            self._history.recorder.close()
        self.screen_awake.release()
        self.hands_free.close()
        self.sound.close()
        return saved

    # --- slots -------------------------------------------------------------------------

    def on_settings_changed(self, settings: Settings) -> None:
        self.sound.apply(settings)
        self.sound.set_muted(not settings.sound_on)
        if self._history is not None:
            self._history.strip.set_weekly_goal(settings.weekly_goal)
        if self.review is not None:
            self.review.set_weekly_goal(settings.weekly_goal)
            self.review.set_ask_before_sessions(settings.ask_tightness_before)
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

    def on_session_started(self, start: SessionStart) -> None:
        self.sound.scheduler.reset(start.plan)
        self.recording.on_session_started(start)
        if not self.settings.settings.ask_tightness_before:
            self.window.set_check_in(None)

    def on_session_event(self, event: Event) -> None:
        self.recording.on_session_event(event)
        self.sound.scheduler.on_event(event)  # the scheduler is built with the first session

    def on_session_ended(self, _end: SessionEnd) -> None:
        self.screen_awake.release()
        if self.check_out is not None:
            self.check_out.prepare(self.recording.last_tightness_before)

    def on_returned_home(self) -> None:
        if self.check_out is not None:
            self.check_out.commit()
        if self._history is not None:  # else it is filled fresh when it opens
            self._history.strip.refresh()

    def on_page_built(self, page: str) -> None:
        if page == Page.SUMMARY:
            self.window.summary_view.extras_area.set_content(self.make_check_out())

    def on_history_changed(self, _uuid: object) -> None:
        self.home_history.refresh()
        if self.review is not None:
            self.review.refresh()

    def on_ask_changed(self, ask: bool) -> None:
        self.settings.update(ask_tightness_before=ask)

    def on_weekly_goal_changed(self, goal: int) -> None:
        self.settings.update(weekly_goal=goal)

    def on_sound_settings_requested(self) -> None:
        from supple.ui.sound_settings import SoundSettingsDialog

        dialog = SoundSettingsDialog(self.settings.settings, self.sound, parent=self.window)
        dialog.set_unit(self.window.unit or 1.0)
        dialog.settings_changed.connect(self.on_sound_settings_changed)
        dialog.open()

    def on_sound_settings_changed(self, settings: Settings) -> None:
        self.settings.update(**{name: getattr(settings, name) for name in SOUND_SETTINGS})

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
    tag_own_streams()
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


def run_app(
    routine: str | None = None, fullscreen: bool = False, *, smoke_test: SmokeTest | None = None
) -> int:
    """Open the window and run until it closes; the exit status for the shell."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    _configure(app)
    install_qt_translations(app)
    instance = claim_instance(routine)
    if instance is None:  # another Supple runs: it came forward instead
        return 0
    supple = Supple(routine)
    instance.raise_requested.connect(lambda wanted: bring_forward(supple, wanted))
    if smoke_test is not None:
        from supple.app.smoke import SmokeRun

        SmokeRun(app, supple, smoke_test)
    supple.show(fullscreen)
    if smoke_test is None or smoke_test.runs_as_usual:  # these wait until it is painted
        supple.after_first_paint(supple.sound.start)
        supple.after_first_paint(supple.hands_free.start)
        supple.after_first_paint(supple.offer_resume)
    from supple.qt.stop_signals import StopSignals

    stop_signals = StopSignals(parent=supple)
    stop_signals.received.connect(supple.on_stop_signal)
    status = app.exec()
    instance.close()
    supple.shut_down()
    stop_signals.restore()
    return finish(supple.stop_status or int(status))


def finish(status: int) -> int:
    """``status``, or the process ended here with it when the speech thread is stuck
    (``speech_thread_stuck``): by now everything is saved and closed."""
    from supple.qt.speech import speech_thread_stuck

    if speech_thread_stuck():
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status
