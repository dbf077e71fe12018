"""The window: home, (check-in), session and summary pages, and every keyboard action.

Every key is a window-wide action with an on-screen button beside it, and what a
key does depends on the page (Enter starts on Home, counts or finishes a set in a
session, and goes home from the summary). The window does not run sessions: it
starts them on the :class:`SessionController`, turns the session's keys into its
commands and shows what the controller reports. Sound, history and the screen
lock listen to the controller directly (wired by the app). Settings live in a
:class:`SettingsStore`; the window changes them there and follows its changes.

Only Home is built with the window. The session and summary pages (and the stop
question) are built when the first session starts, or when something asks for them:
a window that is opened and closed again never pays for them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QMainWindow, QWidget

from supple.core.i18n import _
from supple.core.library import Library
from supple.core.model import Routine
from supple.core.resume import Resumption
from supple.qt.session_controller import Command, SessionController, SessionEnd, SessionStart
from supple.qt.settings_store import SettingsStore
from supple.storage.settings import Settings
from supple.ui.check_in import CheckInPage
from supple.ui.home_view import HomeView
from supple.ui.page_stack import TOOL_PAGES, Page, PageStack
from supple.ui.theme import Palette, stylesheet, unit_for
from supple.ui.theme_registry import current_palette, join, themes
from supple.ui.window_keys import WindowKeys

if TYPE_CHECKING:  # imported with the first session (pages), not at start-up
    from supple.core.events import Event
    from supple.ui.question_panel import Answer, QuestionPanel
    from supple.ui.session_view import SessionView
    from supple.ui.summary_view import SummaryView

K = Qt.Key
KEYPAD = Qt.KeyboardModifier.KeypadModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
MIN_WIDTH, MIN_HEIGHT = 960, 540


@runtime_checkable
class GuardedPage(Protocol):
    """A page that may hold unsaved work (the editor): asked before the window closes."""

    @property
    def is_dirty(self) -> bool: ...

    def maybe_close(self) -> bool:
        """Ask to save, discard or cancel; ``False`` means the user chose to stay."""
        ...


class MainWindow(QMainWindow):
    returned_home = Signal()
    sound_settings_requested = Signal()

    def __init__(
        self,
        library: Library,
        settings: SettingsStore | None = None,
        *,
        controller: SessionController | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Supple")
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        self._library = library
        self.settings_store = settings if settings is not None else SettingsStore(save=None)
        self.controller = controller if controller is not None else SessionController(parent=self)
        self._pending: Routine | None = None
        self._check_in: CheckInPage | None = None
        self._muted = not self.settings.sound_on
        self._unit = 0.0
        self._problems: list[str] = []
        self._notices: list[str] = []
        self._session_pages: tuple[SessionView, SummaryView] | None = None

        self.keys = WindowKeys(self)
        self._build()
        self._connect()

        self.home.set_routines(library.routines, library.builtin_ids)
        self.set_problems([str(p) for p in library.problems])
        themes().set_theme(self.settings.theme)
        join(self)
        self._show_muted()
        self.resize(1280, 720)
        self._apply_unit()
        self.home.focus_routines()

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        keys = self.keys
        self.home = HomeView(
            keys.primary, keys.theme, keys.mute, keys.fullscreen, keys.edit, keys.sound
        )
        self.stack = PageStack(self.home)
        self.setCentralWidget(self.stack)
        self._question: QuestionPanel | None = None

    def _build_session_pages(self) -> tuple[SessionView, SummaryView]:
        """The session and summary pages, built once, on first use."""
        if self._session_pages is not None:
            return self._session_pages
        from supple.ui.session_view import SessionView
        from supple.ui.summary_view import SummaryView

        session_view = SessionView(self.keys.session_actions())
        summary_view = SummaryView(self.keys.primary)
        self._session_pages = session_view, summary_view
        self.stack.add(Page.SESSION, session_view)
        self.stack.add(Page.SUMMARY, summary_view)
        # What the window already set on Home, the new pages take on now.
        session_view.set_muted(self._muted)
        full = self.isFullScreen()
        session_view.fullscreen_button.set_text(_("Exit full screen") if full else _("Full screen"))
        if self._unit:
            for scaled in (session_view, summary_view):
                scaled.set_unit(self._unit)
        self.stack.page_built.emit(Page.SESSION)
        self.stack.page_built.emit(Page.SUMMARY)
        return self._session_pages

    def _connect(self) -> None:
        self.keys.primary.triggered.connect(self.on_primary)
        for key, command in (
            (self.keys.pause, Command.TOGGLE_PAUSE),
            (self.keys.skip, Command.NEXT),
            (self.keys.back, Command.BACK),
            (self.keys.more, Command.MORE),
            (self.keys.less, Command.LESS),
        ):
            key.triggered.connect(partial(self.on_session_key, command))
        self.keys.stop.triggered.connect(self.on_stop)
        self.keys.fullscreen.triggered.connect(self.on_toggle_fullscreen)
        self.keys.mute.triggered.connect(self.on_toggle_mute)
        self.keys.theme.triggered.connect(self.on_toggle_theme)
        self.keys.edit.triggered.connect(self.on_edit)
        self.keys.sound.triggered.connect(self.on_sound_settings)
        self.keys.quit.triggered.connect(self.close)
        self.settings_store.changed.connect(self.on_settings_changed)
        session = self.controller
        session.started.connect(self.on_session_started)
        session.event_occurred.connect(self.on_session_event)
        session.state_changed.connect(self.on_session_state_changed)
        session.stop_question.connect(self.on_stop_question)
        session.ended.connect(self.on_session_ended)

    def _connect_check_in(self, page: CheckInPage) -> None:
        page.answered.connect(self.on_check_in_answered)

    # --- what others read --------------------------------------------------------------

    @property
    def session_view(self) -> SessionView:
        """The session page (built on first use)."""
        return self._build_session_pages()[0]

    @property
    def summary_view(self) -> SummaryView:
        """The summary page (built on first use)."""
        return self._build_session_pages()[1]

    @property
    def question(self) -> QuestionPanel:
        """Where the window asks yes/no questions (built on first use)."""
        if self._question is None:
            from supple.ui.question_panel import QuestionPanel

            self._question = QuestionPanel(self.stack)
        return self._question

    @property
    def asking(self) -> bool:
        return self._question is not None and self._question.asking

    @property
    def settings(self) -> Settings:
        return self.settings_store.settings

    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def unit(self) -> float:
        return self._unit

    @property
    def current_page(self) -> Page:
        return self.stack.current_page

    # --- what others call --------------------------------------------------------------

    def ask(self, title: str, text: str, *, yes: str, no: str, answer: Answer) -> None:
        """Ask a yes/no question inside the window (Enter: yes, Esc: no)."""
        self.question.set_unit(self._unit or 1.0)
        self.question.ask(title, text, yes=yes, no=no, answer=answer)

    def select_routine(self, routine_id: str) -> bool:
        return self.home.select_routine(routine_id)

    def confirm_close(self) -> bool:
        """Whether the window may close: a page with unsaved work (the editor) is shown
        and asks to save, discard or cancel. ``False`` means the user chose to stay."""
        editor = self.stack.widget(Page.EDITOR)
        if not isinstance(editor, GuardedPage) or not editor.is_dirty:
            return True
        if not self.controller.running and self.current_page is not Page.EDITOR:
            self._show(Page.EDITOR)
        return editor.maybe_close()

    def set_problems(self, problems: Sequence[str]) -> None:
        """Problems found while loading (routine files, settings), shown on Home."""
        self._problems = list(problems)
        self.home.set_problems(self._problems + self._notices)

    def add_notice(self, text: str) -> None:
        """A one-off message for Home's banner, e.g. that no sound device was found."""
        if text not in self._notices:
            self._notices.append(text)
            self.home.set_problems(self._problems + self._notices)

    def set_library(self, library: Library) -> None:
        """The routines changed on disk (or in the editor): refresh Home, keep the selection."""
        self._library = library
        self.home.set_routines(library.routines, library.builtin_ids)

    def set_page_factory(self, page: Page, factory: Callable[[], QWidget]) -> None:
        """A page built the first time it is shown, so it costs nothing at start-up.

        A ``Page.CHECK_IN`` factory must build a ``CheckInPage``: it is asked before every
        session, as one given to :meth:`set_check_in` is, and built when the first starts.
        """
        if page is Page.CHECK_IN:
            self.set_check_in(None)
        self.stack.set_factory(page, factory)

    def page_widget(self, page: Page) -> QWidget | None:
        """The page's widget if it was built (see ``set_page_factory``)."""
        return self.stack.widget(page)

    def show_page(self, page: Page) -> QWidget | None:
        if self.controller.running and page in TOOL_PAGES:
            return None
        widget = self._page(page)
        if widget is not None:
            self._show(page)
        return widget

    def set_check_in(self, page: CheckInPage | None) -> None:
        """Ask ``page``'s question before every session (``None`` to stop asking)."""
        self.stack.set_factory(Page.CHECK_IN, None)
        self.stack.remove(Page.CHECK_IN)
        self._check_in = page
        if page is not None:
            self.stack.add(Page.CHECK_IN, page)
            page.set_unit(self._unit or 1.0)
            self._connect_check_in(page)

    def set_muted(self, muted: bool) -> None:
        self.settings_store.update(sound_on=not muted)

    def set_theme(self, theme: str) -> None:
        if theme in ("dark", "light"):
            self.settings_store.update(theme=theme)

    def start_session(
        self, routine: Routine | None = None, resume: Resumption | None = None
    ) -> None:
        """Start ``routine`` (Home's selection by default), asking the check-in first.

        A resumed session is not asked again: its check-in was stored when it began.
        """
        routine = routine or self.home.selected_routine()
        if routine is None or self.controller.running:
            return
        if self.settings.last_routine != routine.id:
            self.settings_store.update(last_routine=routine.id)
        check_in = self._check_in_page() if resume is None else None
        if check_in is not None:
            self._pending = routine
            check_in.prepare(routine)
            self._show(Page.CHECK_IN)
            return
        self.controller.start(routine, resume=resume)

    def go_home(self) -> None:
        if self.controller.running:
            return
        self._show(Page.HOME)
        self.home.focus_routines()
        self.returned_home.emit()

    # --- slots: keys and buttons -------------------------------------------------------

    def on_primary(self) -> None:
        page = self.current_page
        if self.asking:
            self.question.on_yes()
        elif page is Page.HOME:
            self.start_session()
        elif page is Page.CHECK_IN and self._check_in is not None:
            self._check_in.confirm()
        elif page is Page.SUMMARY:
            self.go_home()
        else:
            self.on_session_key(Command.PRIMARY)

    def on_sound_settings(self) -> None:
        if self.current_page is Page.HOME and not self.asking:
            self.sound_settings_requested.emit()

    def on_edit(self) -> None:
        if self.current_page is Page.HOME and not self.asking:
            self.show_page(Page.EDITOR)

    def on_stop(self) -> None:
        page = self.current_page
        if self.asking:
            self.question.on_no()
        elif page in (Page.SUMMARY, Page.HISTORY):
            self.go_home()
        elif page is Page.EDITOR:
            editor = self.stack.widget(page)
            if not isinstance(editor, GuardedPage) or editor.maybe_close():
                self.go_home()
        elif page is Page.CHECK_IN and self._check_in is not None:
            self._check_in.skip()
        elif page is Page.HOME and self.isFullScreen():
            self.on_toggle_fullscreen()
        else:
            self.on_session_key(Command.STOP_REQUEST)

    def on_stop_answered(self, end: bool) -> None:
        self.controller.command(Command.STOP_CONFIRM if end else Command.STOP_CANCEL)

    def on_toggle_fullscreen(self) -> None:
        self.set_fullscreen(not self.isFullScreen())

    def set_fullscreen(self, full: bool) -> None:
        if full:
            self.showFullScreen()
        else:
            self.showNormal()
        text = _("Exit full screen") if full else _("Full screen")
        self.keys.fullscreen.setText(text)
        self.home.fullscreen_button.set_text(text)
        if self._session_pages is not None:
            self._session_pages[0].fullscreen_button.set_text(text)
        self.settings_store.update(fullscreen=full)

    def on_toggle_mute(self) -> None:
        self.set_muted(not self._muted)

    def on_toggle_theme(self) -> None:
        self.set_theme("light" if self.settings.theme == "dark" else "dark")

    def on_settings_changed(self, settings: Settings) -> None:
        themes().set_theme(settings.theme)
        if self._muted == settings.sound_on:
            self._muted = not settings.sound_on
            self._show_muted()

    # --- slots: the session and the check-in -------------------------------------------

    def on_check_in_answered(self, answer: object) -> None:
        routine, self._pending = self._pending, None
        if self.current_page is not Page.CHECK_IN or routine is None:
            return
        scale = isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer <= 10
        tightness = answer if isinstance(answer, int) and scale else None
        self.controller.start(routine, tightness_before=tightness)

    def on_session_started(self, _start: SessionStart) -> None:
        self.session_view.attach(self.controller)
        self._show(Page.SESSION)

    def on_session_event(self, event: Event) -> None:
        self.session_view.on_event(event)

    def on_session_state_changed(self, state: str) -> None:
        self.session_view.on_state_changed(state)

    def on_stop_question(self, asking: bool) -> None:
        if asking:
            self.ask(
                _("End the session?"),
                _("What you have done so far is kept. You can start again from Home."),
                yes=_("End session"),
                no=_("Keep going"),
                answer=self.on_stop_answered,
            )
        elif self._question is not None:
            self._question.withdraw()

    def on_session_ended(self, end: SessionEnd) -> None:
        self.summary_view.show_results(end.plan, end.results, completed=end.completed)
        self.session_view.detach()
        self._show(Page.SUMMARY)

    # --- inner workings ----------------------------------------------------------------

    def _page(self, page: Page) -> QWidget | None:
        """``page``'s widget, built now if it was not yet; ``None`` if nothing builds it."""
        if page in (Page.SESSION, Page.SUMMARY):
            self._build_session_pages()
        elif page is Page.CHECK_IN:
            self._check_in_page()
        return self.stack.build(page)

    def _check_in_page(self) -> CheckInPage | None:
        """The page asked before a session, built from its factory the first time."""
        if self._check_in is None and self.stack.has_factory(Page.CHECK_IN):
            page = self.stack.build(Page.CHECK_IN)
            if not isinstance(page, CheckInPage):
                raise TypeError(f"a check-in page must be a CheckInPage, not {page!r}")
            self.stack.remove(Page.CHECK_IN)
            self.set_check_in(page)
        return self._check_in

    def on_session_key(self, command: Command) -> None:
        """A session key: a command for the controller while the session page shows."""
        if self.current_page is Page.SESSION:
            self.controller.command(command)

    def _show(self, page: Page) -> None:
        self.stack.show_page(page)
        tool = page in TOOL_PAGES
        for action in self.keys.session_keys:
            action.setEnabled(not tool)

    def _show_muted(self) -> None:
        if self._session_pages is not None:
            self._session_pages[0].set_muted(self._muted)
        self.home.set_muted(self._muted)
        self.keys.mute.setText(_("Unmute") if self._muted else _("Mute"))

    def set_palette(self, palette: Palette) -> None:
        """The theme changed (see ``theme_registry``): the window's style sheet follows."""
        self.setStyleSheet(stylesheet(palette, self._unit or 1.0))
        self.home.set_theme_label(palette.name)

    def _apply_unit(self) -> None:
        unit = round(unit_for(self.width(), self.height()), 3)
        if abs(unit - self._unit) < 0.005:
            return
        self._unit = unit
        sheet = stylesheet(current_palette(), unit)
        if sheet != self.styleSheet():  # restyling every widget is not free
            self.setStyleSheet(sheet)
        self.home.set_unit(unit)
        for scaled in self._session_pages or ():
            scaled.set_unit(unit)
        if self._check_in is not None:
            self._check_in.set_unit(unit)
        if self._question is not None:
            self._question.set_unit(unit)

    # --- Qt overrides ------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_unit()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing with unsaved edits asks first (Cancel keeps the window open); closing
        mid-session ends it the same way Esc does, so nothing done is lost."""
        if not self.confirm_close():
            event.ignore()
            return
        self.controller.end_now()
        super().closeEvent(event)
