"""Sounds and speech together: nothing is talked over, nothing important is lost."""

from __future__ import annotations

import pytest

from supple.audio import render_all
from supple.core.announcer import Announcement, Priority, WordRate
from supple.core.cue import Cue
from supple.qt.cue_player import CuePlayer
from supple.qt.cue_scheduler import CueScheduler
from supple.qt.speech import Speech
from tests.qt.test_session_driver import quick_plan

pytestmark = pytest.mark.qt_log_ignore(r"PulseAudioService: pa_context_connect\(\) failed")


@pytest.fixture
def scheduler(qtbot, tmp_path):
    """The real player (silent where there is no sound device) and Qt's mock speech engine."""
    # No output device: what the scheduler sends is what is checked here; hearing it on a
    # real sink is what test_cue_player.py records.
    player = CuePlayer(render_all(tmp_path / "cache"), list_outputs=lambda: [])
    speech = Speech(engine="mock")
    qtbot.waitUntil(speech.is_ready, timeout=10_000)  # the engine starts on its thread
    assert speech.available, speech.problem
    scheduler = CueScheduler(player, speech, voice_on=True, count_aloud=True)
    speech.finished.connect(scheduler.on_speech_finished)
    return scheduler


def said(scheduler):
    return [what for _, kind, what in scheduler.heard if kind == "speech"]


def sounds(scheduler):
    return [what for _, kind, what in scheduler.heard if kind == "sound"]


def test_a_beat_never_lands_on_a_word_but_pips_and_the_go_sound_do(scheduler):
    scheduler.play(Announcement(0.0, None, "Get ready. Pelvic tilts, 20 reps.", Priority.KEY))
    scheduler.play(Announcement(0.0, Cue.REP_TICK, yields=True))
    scheduler.play(Announcement(0.0, Cue.COUNTDOWN_PIP))
    scheduler.play(Announcement(0.0, Cue.GO))
    assert sounds(scheduler) == ["countdown_pip", "go"]


def test_counts_give_way_and_key_prompts_cut_in(scheduler, qtbot):
    scheduler.play(Announcement(0.0, None, "Halfway", Priority.INFO))
    scheduler.play(Announcement(0.0, None, "7", Priority.COUNT))
    scheduler.play(Announcement(0.0, None, "Switch sides. Right side.", Priority.KEY))
    assert said(scheduler) == ["Halfway", "Switch sides. Right side."]
    qtbot.waitUntil(lambda: not scheduler.voice.is_speaking(), timeout=5000)
    scheduler.play(Announcement(0.0, None, "8", Priority.COUNT))
    assert said(scheduler)[-1] == "8"  # once it is quiet, counting goes on


def test_muted_means_silent(scheduler):
    scheduler.set_muted(True)
    scheduler.play(Announcement(0.0, Cue.GO, "Pelvic tilts", Priority.KEY))
    assert scheduler.heard == []


def run_session(qtbot, scheduler, plan) -> None:
    from supple.qt.session_driver import SessionDriver

    scheduler.reset(plan)
    driver = SessionDriver(plan)
    driver.event_occurred.connect(scheduler.on_event)
    with qtbot.waitSignal(
        driver.state_changed, timeout=15_000, check_params_cb=lambda s: s == "finished"
    ):
        driver.start()


def test_a_whole_session_is_announced_in_order(qtbot, scheduler):
    plan = quick_plan()
    scheduler.set_lengths(WordRate(0.02))  # a voice quick enough for these seconds-long steps
    run_session(qtbot, scheduler, plan)
    spoken = said(scheduler)
    assert spoken[0] == "Get ready. Pelvic tilts, 4 reps."  # the first set, before its pip
    assert "Rest, 2 seconds. Next: Standing hip circles, 2 reps, left side." in spoken
    assert "Switch sides. Right side." in spoken
    assert spoken[-1] == "Session complete. Well done."
    heard = sounds(scheduler)
    assert heard.count("go") == 3 and heard[-1] == "session_complete"
    assert "rest_start" in heard and "side_switch" in heard


def test_with_no_room_for_words_nothing_is_said_and_no_pip_is_lost(qtbot, scheduler):
    plan = quick_plan()  # a 2 s get-ready (its pip at 1 s), sets of 0.4 s
    run_session(qtbot, scheduler, plan)
    # Nothing fits in 0.4 s, nor in the 1 s before the get-ready's pip: no set is named.
    assert said(scheduler) == ["Session complete. Well done."]
    pips = sum(len([m for m in step.marks if m.kind.value == "countdown"]) for step in plan.steps)
    heard = sounds(scheduler)
    assert heard.count("countdown_pip") + heard.count("get_ready_pip") == pips
