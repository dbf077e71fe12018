"""A whole routine through the real window, driven by the keyboard the way a user would.

The screen is read where the user reads it: the labels. Moments that pass in a
fraction of a second are read at the instant the window reports them (a snapshot
taken inside the ``session_event`` signal), so no check depends on test timing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from supple.core.events import Countdown, PhaseChanged, RepCounted, SessionFinished, StepStarted
from supple.core.plan import StepKind
from supple.ui.main_window import Page

K = Qt.Key
WAIT = 20000


def read(window):
    """What is on the session screen now."""
    v = window.session_view
    return {
        "kicker": v.kicker_label.text(),
        "name": v.name_label.text(),
        "side": v.side_label.text() if v.side_label.isVisibleTo(v) else "",
        "counter": v.counter_label.text(),
        "detail": v.detail_label.text(),
        "next": v.next_label.text(),
        "paused": v.overlay.isVisibleTo(v),
        "round": v.round_label.text(),
    }


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window, key, modifier)


def test_a_whole_routine_shows_every_step_and_ends_on_the_summary(qtbot, window):
    started, reps, phases, countdowns, ended = [], [], [], [], []

    def snapshot(event):
        screen = read(window)
        if isinstance(event, StepStarted):
            started.append((event.step.kind, screen))
        elif isinstance(event, RepCounted):
            reps.append(
                (event.step.exercise.id, screen["counter"], screen["side"], screen["detail"])
            )
        elif isinstance(event, PhaseChanged):
            phases.append((event.step.exercise.id, screen["counter"], screen["detail"]))
        elif isinstance(event, Countdown):
            countdowns.append(screen["counter"])
        elif isinstance(event, SessionFinished):
            ended.append(event)

    window.controller.event_occurred.connect(snapshot)
    assert window.current_page is Page.HOME
    press(qtbot, window, K.Key_Return)
    assert window.current_page is Page.SESSION

    qtbot.waitUntil(lambda: read(window)["counter"] == "0 / 3", timeout=WAIT)
    screen = read(window)
    assert (screen["name"], screen["kicker"], screen["side"]) == ("Pelvic tilts", "DRILL BLOCK", "")
    assert screen["detail"] == "Press Enter after each rep"
    assert screen["next"] == "Last one \N{EM DASH} then you're done"
    assert window.session_view.primary_button.text_shown() == "Count rep"
    press(qtbot, window, K.Key_Return)
    assert read(window)["counter"] == "1 / 3"
    press(qtbot, window, K.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert read(window)["counter"] == "2 / 3"
    press(qtbot, window, K.Key_Return)
    assert window.current_page is Page.SUMMARY

    kinds = [kind for kind, _ in started]
    assert kinds == [
        StepKind.GET_READY,
        StepKind.WORK,
        StepKind.SIDE_SWITCH,
        StepKind.WORK,
        StepKind.REST,
        StepKind.WORK,
        StepKind.REST,
        StepKind.WORK,
        StepKind.REST,
        StepKind.WORK,
    ]
    get_ready, left, switch, right, rest, march = (s for _, s in started[:6])
    assert (get_ready["kicker"], get_ready["name"], get_ready["side"], get_ready["counter"]) == (
        "GET READY",
        "Elevated hip hikes",
        "LEFT",
        "0:01",
    )
    assert (left["name"], left["side"], left["kicker"]) == (
        "Elevated hip hikes",
        "LEFT",
        "DRILL BLOCK",
    )
    assert left["next"] == "Next: Elevated hip hikes \N{MIDDLE DOT} RIGHT \N{MIDDLE DOT} 3 reps"
    assert (switch["kicker"], switch["side"], switch["counter"], switch["detail"]) == (
        "SWITCH SIDES",
        "RIGHT",
        "0:01",
        "Now the right side",
    )
    assert (right["side"], right["next"]) == (
        "RIGHT",
        "Next: March in place \N{MIDDLE DOT} 2 s",
    )
    assert (rest["kicker"], rest["name"], rest["side"], rest["counter"]) == (
        "REST \N{MIDDLE DOT} UP NEXT",
        "March in place",
        "",
        "0:01",
    )
    assert (march["name"], march["side"], march["counter"]) == ("March in place", "", "0:02")
    assert (
        march["next"] == "Next: 90/90 knee rolls \N{MIDDLE DOT} ALTERNATING \N{MIDDLE DOT} 4 reps"
    )
    assert countdowns == ["0:01"]  # the 3-2-1 call and the clock agree

    # Two-phase reps name the phase under the counter as it happens.
    hikes = [(counter, detail) for ex, counter, _, detail in reps if ex == "elevated-hip-hike"]
    assert hikes == [("1 / 3", "hike up"), ("2 / 3", "hike up"), ("3 / 3", "hike up")] * 2
    assert [(c, d) for ex, c, d in phases if ex == "elevated-hip-hike"] == [
        ("1 / 3", "lower"),
        ("2 / 3", "lower"),
        ("3 / 3", "lower"),
    ] * 2
    # Alternating reps show the side of the rep being done.
    rolls = [(counter, side) for ex, counter, side, _ in reps if ex == "knee-roll-90-90"]
    assert rolls == [("1 / 4", "LEFT"), ("2 / 4", "RIGHT"), ("3 / 4", "LEFT"), ("4 / 4", "RIGHT")]

    summary = window.summary_view
    assert ended[0].completed
    assert summary.kicker_label.text() == "SESSION COMPLETE"
    assert summary.title_label.text() == "Drill"
    assert summary.completion_tile.value_label.text() == "100 %"
    assert summary.reps_tile.value_label.text() == str(3 + 3 + 4 + 3)
    assert summary.sets_tile.value_label.text() == "5 of 5"
    rows = {summary.cell_text(r, 0): r for r in range(summary.table.rowCount())}
    assert list(rows) == [
        "Elevated hip hikes",
        "March in place",
        "90/90 knee rolls",
        "Pelvic tilts",
    ]
    hike = rows["Elevated hip hikes"]
    assert (summary.cell_text(hike, 1), summary.cell_text(hike, 3)) == ("6 / 6", "2 / 2")
    assert summary.cell_text(rows["March in place"], 1) == "\N{EM DASH}"
    assert summary.cell_text(rows["March in place"], 2) == "0:02 / 0:02"

    press(qtbot, window, K.Key_Return)
    assert window.current_page is Page.HOME
    assert not window.controller.running


def test_every_key_does_what_its_button_says(qtbot, window):
    v = window.session_view
    muted = []
    window.settings_store.changed.connect(lambda settings: muted.append(not settings.sound_on))

    press(qtbot, window, K.Key_Return)
    assert read(window)["kicker"] == "GET READY"
    assert v.timers_running

    # Space: pause, unmistakably.
    press(qtbot, window, K.Key_Space)
    screen = read(window)
    assert screen["paused"]
    assert v.overlay.title.text() == "PAUSED"
    assert v.overlay.hint.text() == "Space to resume"
    assert v.pause_button.text_shown() == "Resume"
    assert not v.timers_running  # nothing ticks while paused

    # Right while paused: the next step, still paused.
    press(qtbot, window, K.Key_Right)
    screen = read(window)
    assert (screen["name"], screen["side"], screen["counter"], screen["paused"]) == (
        "Elevated hip hikes",
        "LEFT",
        "0 / 3",
        True,
    )

    # + and - (and = and the keypad) change the target.
    press(qtbot, window, K.Key_Plus)
    assert read(window)["counter"] == "0 / 4"
    press(qtbot, window, K.Key_Equal)
    assert read(window)["counter"] == "0 / 5"
    press(qtbot, window, K.Key_Minus)
    assert read(window)["counter"] == "0 / 4"
    press(qtbot, window, K.Key_Minus, Qt.KeyboardModifier.KeypadModifier)
    assert read(window)["counter"] == "0 / 3"

    # M mutes, and says so on screen.
    press(qtbot, window, K.Key_M)
    assert muted[-1] and muted.count(True) == 1
    assert v.muted_label.isVisibleTo(v)
    assert v.mute_button.text_shown() == "Unmute"
    assert window.settings.sound_on is False

    # Space resumes; the set runs, then the side switch comes.
    press(qtbot, window, K.Key_Space)
    assert not read(window)["paused"]
    assert v.timers_running
    qtbot.waitUntil(lambda: read(window)["kicker"] == "SWITCH SIDES", timeout=WAIT)
    press(qtbot, window, K.Key_Space)
    assert read(window)["side"] == "RIGHT"

    # N and Right skip, P and Left go back to the previous set.
    press(qtbot, window, K.Key_N)
    assert (read(window)["name"], read(window)["side"]) == ("Elevated hip hikes", "RIGHT")
    press(qtbot, window, K.Key_Right)
    assert read(window)["kicker"] == "REST \N{MIDDLE DOT} UP NEXT"
    press(qtbot, window, K.Key_Left)
    assert (read(window)["kicker"], read(window)["side"]) == ("DRILL BLOCK", "RIGHT")
    press(qtbot, window, K.Key_P)
    assert (read(window)["name"], read(window)["side"]) == ("Elevated hip hikes", "LEFT")
    for _ in range(4):
        press(qtbot, window, K.Key_N)
    screen = read(window)
    assert (screen["name"], screen["counter"], screen["side"]) == ("March in place", "0:02", "")
    press(qtbot, window, K.Key_Plus)
    assert read(window)["counter"] == "0:07"  # five more seconds
    press(qtbot, window, K.Key_Minus)
    assert read(window)["counter"] == "0:02"

    # Running, the clock counts down on its own, then the rest before the knee rolls.
    press(qtbot, window, K.Key_Space)
    qtbot.waitUntil(lambda: read(window)["counter"] == "0:01", timeout=WAIT)
    qtbot.waitUntil(lambda: read(window)["name"] == "90/90 knee rolls", timeout=WAIT)
    press(qtbot, window, K.Key_Space)
    assert read(window)["kicker"] == "REST \N{MIDDLE DOT} UP NEXT"
    assert read(window)["side"] == "ALTERNATING"
    press(qtbot, window, K.Key_Right)
    screen = read(window)
    assert (screen["counter"], screen["side"]) == ("0 / 4", "LEFT")
    press(qtbot, window, K.Key_Right)
    press(qtbot, window, K.Key_Right)
    assert read(window)["name"] == "Pelvic tilts"
    press(qtbot, window, K.Key_Space)

    # Enter counts a self-paced rep.
    press(qtbot, window, K.Key_Return)
    press(qtbot, window, K.Key_Return)
    assert read(window)["counter"] == "2 / 3"
    press(qtbot, window, K.Key_Plus)
    assert read(window)["counter"] == "2 / 4"

    # Esc asks first; Esc again keeps going where it was.
    press(qtbot, window, K.Key_Escape)
    question = window.question
    assert question.isVisible() and question.title.text() == "End the session?"
    assert question.parentWidget().window() is window  # asked inside the window
    assert read(window)["paused"]  # nothing runs on while the question is open
    press(qtbot, window, K.Key_Right)  # the question is answered first
    press(qtbot, window, K.Key_Escape)
    assert not question.isVisible()
    assert not read(window)["paused"]
    assert read(window)["counter"] == "2 / 4"

    # Esc then Enter ends the session and keeps what was done.
    ended = []
    window.controller.ended.connect(ended.append)
    press(qtbot, window, K.Key_Escape)
    press(qtbot, window, K.Key_Return)
    assert window.current_page is Page.SUMMARY
    assert not ended[0].completed
    summary = window.summary_view
    assert summary.kicker_label.text().startswith("ENDED EARLY")
    assert summary.reps_tile.value_label.text() == str(3 + 2)  # the left hikes ran, two tilts
    assert summary.sets_tile.value_label.text() == "2 of 5"  # the left hikes and the march
    percent = int(summary.completion_tile.value_label.text().removesuffix(" %"))
    assert 0 < percent < 100
    rows = {summary.cell_text(r, 0): r for r in range(summary.table.rowCount())}
    assert summary.cell_text(rows["Pelvic tilts"], 1) == "2 / 4"
    assert summary.cell_text(rows["Elevated hip hikes"], 1) == "3 / 6"
    assert summary.cell_text(rows["90/90 knee rolls"], 1) == "0 / 4"

    press(qtbot, window, K.Key_Escape)
    assert window.current_page is Page.HOME


def test_enter_finishes_a_timed_set_and_starts_a_rest_early(qtbot, window):
    press(qtbot, window, K.Key_Return)
    press(qtbot, window, K.Key_Return)  # get ready: start now
    assert read(window)["kicker"] == "DRILL BLOCK"
    assert window.session_view.primary_button.text_shown() == "Set done"
    press(qtbot, window, K.Key_Space)
    for _ in range(3):
        press(qtbot, window, K.Key_Right)
    press(qtbot, window, K.Key_Space)
    assert read(window)["kicker"] == "REST \N{MIDDLE DOT} UP NEXT"
    press(qtbot, window, K.Key_Return)
    assert read(window)["name"] == "March in place"
    press(qtbot, window, K.Key_Return)
    assert read(window)["kicker"] == "REST \N{MIDDLE DOT} UP NEXT"
    assert read(window)["name"] == "90/90 knee rolls"


def test_paused_overlay_and_timers_go_away_with_the_session(qtbot, window):
    v = window.session_view
    press(qtbot, window, K.Key_Return)
    press(qtbot, window, K.Key_Space)
    press(qtbot, window, K.Key_Escape)
    qtbot.keyClick(window, K.Key_Return)
    assert window.current_page is Page.SUMMARY
    assert not v.timers_running
    press(qtbot, window, K.Key_Return)
    assert window.current_page is Page.HOME
    assert not v.timers_running


def test_home_keys_pick_a_routine_and_start_it(qtbot, make_window, drill):
    from dataclasses import replace

    other = replace(drill, id="other", name="Other drill")
    window = make_window(drill, other)
    started = []
    window.controller.started.connect(started.append)
    assert window.home.selected_routine().id == "drill"
    qtbot.keyClick(window.home.routine_list, K.Key_Down)
    assert window.home.selected_routine().id == "other"
    assert window.home.name_label.text() == "Other drill"
    qtbot.keyClick(window.home.routine_list, K.Key_Return)
    assert window.current_page is Page.SESSION
    assert [plan.plan.routine_id for plan in started] == ["other"]
    assert window.settings.last_routine == "other"


def test_theme_and_full_screen_keys_change_the_window_and_the_settings(qtbot, window):
    changed = []
    window.settings_store.changed.connect(changed.append)
    press(qtbot, window, K.Key_T)
    assert window.settings.theme == "light"
    assert window.home.theme_button.text_shown() == "Dark theme"
    press(qtbot, window, K.Key_F11)
    qtbot.waitUntil(window.isFullScreen, timeout=WAIT)
    assert window.settings.fullscreen
    press(qtbot, window, K.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=WAIT)
    assert [s.theme for s in changed] == ["light", "light", "light"]
    assert [s.fullscreen for s in changed] == [False, True, False]


def test_buttons_trigger_the_same_actions_as_the_keys(qtbot, window):
    press(qtbot, window, K.Key_Return)
    v = window.session_view
    qtbot.mouseClick(v.pause_button, Qt.MouseButton.LeftButton)
    assert read(window)["paused"]
    qtbot.mouseClick(v.skip_button, Qt.MouseButton.LeftButton)
    assert read(window)["counter"] == "0 / 3"
    qtbot.mouseClick(v.more_button, Qt.MouseButton.LeftButton)
    assert read(window)["counter"] == "0 / 4"
    qtbot.mouseClick(v.pause_button, Qt.MouseButton.LeftButton)
    assert not read(window)["paused"]
    buttons = [b.keycap.text() for b in v.buttons]
    assert buttons == [
        "Space",
        "\N{LEFTWARDS ARROW} P",
        "\N{RIGHTWARDS ARROW} N",
        "Enter",
        "\N{MINUS SIGN}",
        "+",
        "M",
        "F11",
        "Esc",
    ]
