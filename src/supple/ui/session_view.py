"""The screen the user works out with: one step at a time, readable from 3 m.

Colour says what kind of step this is (see ``session_backdrop``); the counter, what comes
next and the time left are the largest texts. While a set runs the control bar shows only
the keys a set needs; pausing shows them all.

The view reads the running session's engine and repaints on every engine event.
Between events only clocks move, so one precise single-shot timer is armed for
the next whole second a clock on screen changes, and a slow timer moves the
progress bar; both stop whenever the session is paused or over, so an idle
screen costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from supple.core.engine import SessionEngine, SessionState
from supple.core.events import Countdown, Event, PhaseChanged, RepCounted, StepStarted
from supple.core.i18n import _
from supple.core.model import Side
from supple.core.plan import Step
from supple.ui.picture import ExercisePicture
from supple.ui.session_backdrop import Backdrop, signal_colour
from supple.ui.step_display import StepDisplay, describe, seconds_to_next_change
from supple.ui.theme import DARK, Palette, set_role
from supple.ui.theme_registry import join
from supple.ui.widgets import FitLabel, KeyButton, ProgressBar, scale_layout

ANIMATION_INTERVAL_MS = 100
"""The progress bar moves ten times a second; everything else changes only on events."""
MAX_CUES = 3
BIG_TEXT = 50
"""What comes next and the time left, in pixels at unit 1: capitals 5 % of the window high."""


class ShownSession(Protocol):
    """What the view reads of a running session (the session controller)."""

    @property
    def engine(self) -> SessionEngine: ...

    def now(self) -> float: ...

    def set_number(self, step: Step) -> tuple[int, int]: ...


Bold = QFont.Weight.Bold
DemiBold = QFont.Weight.DemiBold
Center = Qt.AlignmentFlag.AlignCenter
Left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
Right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class SessionActions:
    """The window's actions the session screen offers as buttons (they hold the shortcuts)."""

    pause: QAction
    back: QAction
    skip: QAction
    primary: QAction
    less: QAction
    more: QAction
    mute: QAction
    fullscreen: QAction
    stop: QAction


class PauseOverlay(QWidget):
    """Dims the session and says PAUSED in letters that read from across the room."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PauseOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.title = FitLabel(_("PAUSED"), size=150, weight=Bold, align=Center, role="accent")
        self.hint = FitLabel(_("Space to resume"), size=46, weight=DemiBold, align=Center)
        self.more = FitLabel(
            _("Esc asks to end the session (what you did is kept)")
            + "  \N{MIDDLE DOT}  \N{LEFTWARDS ARROW} \N{RIGHTWARDS ARROW} "
            + _("move between exercises"),
            size=21,
            align=Center,
            role="muted",
        )
        layout = QVBoxLayout(self)
        layout.addStretch(3)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addSpacing(24)
        layout.addWidget(self.more)
        layout.addStretch(4)
        self.hide()

    def set_unit(self, unit: float) -> None:
        for label in (self.title, self.hint, self.more):
            label.set_unit(unit)
        scale_layout(self, unit, (40, 40, 40, 40))


class SessionView(QWidget):
    """Get ready, work, side switch and rest, with the controls and the pause veil."""

    def __init__(self, actions: SessionActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actions = actions
        self._session: ShownSession | None = None
        self._phase = ""
        self._palette = DARK
        self._unit = 1.0
        self._display: StepDisplay | None = None
        self._compact: bool | None = None

        self._clock_timer = QTimer(self)
        self._clock_timer.setSingleShot(True)
        self._clock_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._animation = QTimer(self)
        self._animation.setInterval(ANIMATION_INTERVAL_MS)
        self._animation.setTimerType(Qt.TimerType.CoarseTimer)

        self.backdrop = Backdrop(self)
        self._build()
        self._connect()
        join(self)

    # --- building --------------------------------------------------------------------

    def _build(self) -> None:
        # Top band: where we are in the whole session, and how long it still runs.
        self.top_bar = QFrame()
        set_role(self.top_bar, "band")
        self.routine_label = FitLabel(size=24, weight=DemiBold, role="muted")
        self.muted_label = FitLabel(
            _("Sound off"), size=28, weight=DemiBold, role="danger", align=Right
        )
        self.muted_label.hide()
        self.round_label = FitLabel(size=32, weight=DemiBold, role="muted", align=Right)
        self.step_label = FitLabel(
            size=32,
            weight=DemiBold,
            align=Right,
            sample=_("Step {position} of {sets}").format(position=88, sets=88),
        )
        self.time_left_label = FitLabel(
            size=BIG_TEXT,
            weight=Bold,
            align=Right,
            role="accent",
            sample=_("{time} left").format(time="88:88"),
        )
        top = QHBoxLayout(self.top_bar)
        top.addWidget(self.routine_label, 1)
        for label in (self.muted_label, self.round_label, self.step_label, self.time_left_label):
            top.addWidget(label)
        self.overall_bar = ProgressBar(thickness=5)

        # Left: the picture and how to do it (in a rest: the next set's picture and target).
        self.picture_card = QFrame()
        set_role(self.picture_card, "outline")
        self.picture = ExercisePicture()
        self.target_label = FitLabel(size=34, weight=Bold, lines=2, align=Center)
        self.cue_labels = [FitLabel(size=22, lines=2, role="muted") for _ in range(MAX_CUES)]
        card = QVBoxLayout(self.picture_card)
        card.addWidget(self.picture, 1)
        card.addWidget(self.target_label)
        for label in self.cue_labels:
            card.addWidget(label)

        # Right: what kind of step, which side, what, how many.
        self.kicker_label = FitLabel(size=30, weight=Bold, role="kicker-work")
        self.side_label = FitLabel(size=54, weight=Bold, align=Right)
        self.name_label = FitLabel(size=54, weight=Bold)
        self.counter_label = FitLabel(size=182, weight=Bold)
        self.counter_label.setObjectName("Counter")
        self.detail_label = FitLabel(size=40, weight=DemiBold, role="accent")
        self.step_bar = ProgressBar(thickness=12)

        kicker_row = QHBoxLayout()
        kicker_row.setContentsMargins(0, 0, 0, 0)
        kicker_row.addWidget(self.kicker_label, 1)
        kicker_row.addWidget(self.side_label)
        self.info = QWidget()
        info = QVBoxLayout(self.info)
        info.setContentsMargins(0, 0, 0, 0)
        info.addLayout(kicker_row)
        info.addWidget(self.name_label)
        info.addStretch(1)
        info.addWidget(self.counter_label)
        info.addWidget(self.detail_label)
        info.addWidget(self.step_bar)
        info.addStretch(1)

        self.body = QWidget()
        body = QHBoxLayout(self.body)
        body.addWidget(self.picture_card, 40)
        body.addWidget(self.info, 60)

        # Under it all, the width of the window: what comes next.
        self.next_bar = QFrame()
        set_role(self.next_bar, "band")
        self.next_label = FitLabel(size=BIG_TEXT)  # regular weight: the longest lines fit
        QHBoxLayout(self.next_bar).addWidget(self.next_label)

        self._build_controls()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for part in (self.top_bar, self.overall_bar, self.body, self.next_bar, self.controls):
            layout.addWidget(part, 1 if part is self.body else 0)

        self.overlay = PauseOverlay(self)
        self.backdrop.lower()

    def _build_controls(self) -> None:
        """Every key, on screen; captions keep their size (the row is planned to fit)."""
        a = self._actions
        self.controls = QFrame()
        set_role(self.controls, "bar")

        def key(cap: str, text: str, action: QAction) -> KeyButton:
            return KeyButton(cap, text, action, padding=8, shrink=False)

        self.pause_button = key(_("Space"), _("Pause"), a.pause)
        self.back_button = key("\N{LEFTWARDS ARROW} P", _("Back"), a.back)
        self.skip_button = key("\N{RIGHTWARDS ARROW} N", _("Skip"), a.skip)
        self.primary_button = key(_("Enter"), _("Set done"), a.primary)
        self.less_button = key("\N{MINUS SIGN}", _("Less"), a.less)
        self.more_button = key("+", _("More"), a.more)
        self.mute_button = key("M", _("Mute"), a.mute)
        self.fullscreen_button = key("F11", _("Full screen"), a.fullscreen)
        self.stop_button = key(_("Esc"), _("Stop"), a.stop)
        self.buttons = [
            self.pause_button,
            self.back_button,
            self.skip_button,
            self.primary_button,
            self.less_button,
            self.more_button,
            self.mute_button,
            self.fullscreen_button,
            self.stop_button,
        ]
        self.paused_only = [
            self.less_button,
            self.more_button,
            self.mute_button,
            self.fullscreen_button,
        ]
        """Shown while paused; while a set runs their keys still work."""
        controls = QHBoxLayout(self.controls)
        controls.addStretch(1)
        for button in self.buttons:
            controls.addWidget(button)
        controls.addStretch(1)

    def _connect(self) -> None:
        self._clock_timer.timeout.connect(self.on_clock_tick)
        self._animation.timeout.connect(self.on_animation_frame)
        self.controls.installEventFilter(self)

    # --- binding to a session ----------------------------------------------------------

    def attach(self, session: ShownSession) -> None:
        """Show ``session``; the owner forwards its events to :meth:`on_event`."""
        self._session = session
        self._phase = ""
        self.routine_label.setText(session.engine.plan.routine_name)
        self.refresh()

    def detach(self) -> None:
        self._session = None
        self._stop_timers()
        self.backdrop.stop_flash()

    @property
    def display(self) -> StepDisplay | None:
        """What is on screen now."""
        return self._display

    @property
    def timers_running(self) -> bool:
        return self._clock_timer.isActive() or self._animation.isActive()

    # --- slots -------------------------------------------------------------------------

    def on_event(self, event: Event) -> None:
        if isinstance(event, StepStarted):
            self._phase = ""
            self.backdrop.stop_flash()
        elif isinstance(event, RepCounted | PhaseChanged):
            self._phase = event.phase
        elif isinstance(event, Countdown):
            self.backdrop.flash()
        self.refresh()

    def on_state_changed(self, state: str) -> None:
        self.refresh()

    def on_clock_tick(self) -> None:
        self.refresh()

    def on_animation_frame(self) -> None:
        if self._session is None:
            self._animation.stop()
            return
        display = describe(
            self._session.engine, self._session.now(), self._phase, self._session.set_number
        )
        self.step_bar.set_fraction(display.fraction)
        self.overall_bar.set_fraction(display.overall_fraction)

    # --- showing -----------------------------------------------------------------------

    def refresh(self) -> None:
        session = self._session
        if session is None:
            return
        engine = session.engine
        if engine.is_over:
            self._stop_timers()
            return
        now = session.now()
        display = describe(engine, now, self._phase, session.set_number)
        self._show(display)
        self._arm(seconds_to_next_change(engine, now))
        moving = engine.state in (SessionState.GET_READY, SessionState.RUNNING) and (
            engine.step.length is not None
        )
        if moving and not self._animation.isActive():
            self._animation.start()
        elif not moving:
            self._animation.stop()

    def _arm(self, seconds: float | None) -> None:
        if seconds is None:
            self._clock_timer.stop()
            return
        # Round up so the timer never fires before the second has turned.
        self._clock_timer.start(max(1, int(seconds * 1000) + 1))

    def _stop_timers(self) -> None:
        self._clock_timer.stop()
        self._animation.stop()

    def _show(self, d: StepDisplay) -> None:
        previous = self._display
        self._display = d
        work = d.is_work
        self.backdrop.show_step(d.kind, d.side)
        self.kicker_label.setText(d.kicker)
        set_role(self.kicker_label, "kicker-work" if work else "kicker-rest")
        self.round_label.setText(d.round_text)
        self.name_label.setText(d.name)
        self.side_label.setText(d.side_text)
        set_role(self.side_label, {Side.LEFT: "left", Side.RIGHT: "right"}.get(d.side, "accent"))
        self.counter_label.set_sample(d.counter_sample)
        self.counter_label.setText(d.counter)
        set_role(self.counter_label, "" if work else "rest")
        self.detail_label.set_size(40 if d.detail_is_phase else 28)
        self.detail_label.setText(d.detail)
        set_role(self.detail_label, "accent" if d.detail_is_phase else "muted")
        self.next_label.setText(d.next_text)
        self.step_label.setText(d.step_text)
        self.time_left_label.setText(d.time_left)
        self._show_card(d)
        if previous is None or previous.kind is not d.kind:
            self.step_bar.set_colors(signal_colour(self._palette, d.kind), self._palette.border)
        self.step_bar.set_fraction(d.fraction)
        self.overall_bar.set_fraction(d.overall_fraction)
        self.overlay.setVisible(d.paused)
        if d.paused:
            self.overlay.raise_()
        self._show_controls(compact=not d.paused)
        self.pause_button.set_text(_("Resume") if d.paused else _("Pause"))
        set_role(self.pause_button, "primary" if d.paused else "key")  # the way out, lit up
        if not work:
            self.primary_button.set_text(_("Start now"))
        elif self._session is not None and self._session.engine.step.self_paced:
            self.primary_button.set_text(_("Count rep"))
        else:
            self.primary_button.set_text(_("Set done"))

    def _show_card(self, d: StepDisplay) -> None:
        """A set shows its picture (in the position of the phase) and how to do it; the
        moments before a set show that set's picture and target instead."""
        self.picture.set_exercise(d.image_name, d.phase_number)
        self.target_label.setText("" if d.is_work else d.target)
        self.target_label.setVisible(not d.is_work)
        cues = d.cues if d.is_work else ()
        for label, cue in zip(self.cue_labels, [*cues, *[""] * MAX_CUES], strict=False):
            label.setText(f"\N{BULLET}  {cue}" if cue else "")
            label.setVisible(bool(cue))

    def _show_controls(self, compact: bool) -> None:
        """While a set runs, only the keys it needs: the room goes to the step."""
        if compact == self._compact:
            return
        self._compact = compact
        for button in self.paused_only:
            button.setVisible(not compact)
        self._scale_controls()

    def _scale_controls(self) -> None:
        vertical = 4 if self._compact else 10
        scale_layout(self.controls, self._unit, (12, vertical, 12, vertical), 6)

    # --- look --------------------------------------------------------------------------

    def set_muted(self, muted: bool) -> None:
        self.muted_label.setVisible(muted)
        self.mute_button.set_text(_("Unmute") if muted else _("Mute"))

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self.backdrop.set_palette(palette)
        self.picture.set_palette(palette)
        self.overall_bar.set_colors(palette.accent, palette.border)
        kind = self._display.kind if self._display is not None else None
        work = kind is None or self._display is None or self._display.is_work
        self.step_bar.set_colors(palette.accent if work else palette.rest, palette.border)

    def set_unit(self, unit: float) -> None:
        self._unit = unit
        for label in self.findChildren(FitLabel):
            label.set_unit(unit)
        for button in self.buttons:
            button.set_unit(unit)
        self.overlay.set_unit(unit)
        self.overall_bar.set_unit(unit)
        self.step_bar.set_unit(unit)
        self.backdrop.set_unit(unit)

        scale_layout(self.top_bar, unit, (36, 10, 36, 2), 24)
        scale_layout(self.body, unit, (36, 10, 36, 6), 40)
        scale_layout(self.picture_card, unit, (20, 16, 20, 14), 6)
        scale_layout(self.info, unit, None, 6)
        scale_layout(self.next_bar, unit, (24, 2, 24, 8))
        self._scale_controls()
        self._place_overlay()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.backdrop.setGeometry(self.rect())
        self._place_overlay()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The bar's height changes after the window's (its buttons follow the unit) and
        # when pausing shows every key: the veil follows it, never covering a button.
        if watched is self.controls and event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self._place_overlay()
        return super().eventFilter(watched, event)

    def _place_overlay(self) -> None:
        self.overlay.setGeometry(0, 0, self.width(), max(0, self.controls.y()))
