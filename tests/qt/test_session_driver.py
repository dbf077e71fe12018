"""The Qt driver in a real event loop: every planned event arrives, in order, never early.

How late events are is measured by ``benchmarks/timing.py``, not asserted here.
"""

from __future__ import annotations

import time

from supple.core.catalog import builtin_exercises
from supple.core.events import (
    Countdown,
    Halfway,
    PhaseChanged,
    RepCounted,
    SessionFinished,
    StepFinished,
    StepStarted,
)
from supple.core.model import Block, Entry, Routine, Sides
from supple.core.plan import compile_plan
from supple.qt.session_driver import SessionDriver


def quick_plan():
    """Seconds-long timings so a whole session runs in the test."""
    routine = Routine(
        id="quick",
        name="Quick",
        get_ready_seconds=2,
        side_switch_seconds=1,
        blocks=(
            Block(
                name="Main",
                rounds=1,
                rest_between_exercises=2,
                entries=(
                    Entry("pelvic-tilt", reps=4, tempo=0.1),
                    Entry("hip-circle", reps=2, tempo=0.1, sides=Sides.EACH),
                ),
            ),
        ),
    )
    return compile_plan(routine, builtin_exercises())


def test_a_short_session_delivers_every_event_in_order_and_never_early(qtbot):
    plan = quick_plan()
    driver = SessionDriver(plan)
    seen = []
    delivered = []
    states = []
    driver.event_occurred.connect(seen.append)
    driver.event_occurred.connect(lambda e: delivered.append((time.monotonic(), e)))
    driver.state_changed.connect(states.append)
    with qtbot.waitSignal(
        driver.state_changed, timeout=10_000, check_params_cb=lambda s: s == "finished"
    ):
        driver.start()

    # Every step started, once each, in the plan's order.
    assert [e.step.index for e in seen if isinstance(e, StepStarted)] == list(
        range(len(plan.steps))
    )
    finished = [e.result for e in seen if isinstance(e, StepFinished)]
    assert [r.step.index for r in finished] == list(range(len(plan.steps)))
    assert not any(r.skipped for r in finished)
    # Every rep, phase, halfway and countdown cue the plan holds was delivered.
    cues = (RepCounted, PhaseChanged, Halfway, Countdown)
    planned_cues = sum(len([m for m in s.marks if m.offset < s.length]) for s in plan.steps)
    assert planned_cues and len([e for e in seen if isinstance(e, cues)]) == planned_cues
    assert [e.number for e in seen if isinstance(e, RepCounted)] == [1, 2, 3, 4, 1, 2, 1, 2]
    assert [e.remaining for e in seen if isinstance(e, Countdown)] == [
        1,
        1,
    ]  # 2 s get-ready and rest
    assert isinstance(seen[-1], SessionFinished) and seen[-1].completed
    assert states == ["get_ready", "running", "finished"]
    # In order, and none reached a listener before its due moment on the same clock.
    dues = [e.due for e in seen]
    assert dues == sorted(dues)
    assert all(at >= e.due for at, e in delivered)
    assert driver.lateness and min(driver.lateness) >= 0.0
    # ...and the end came when the plan said, measured from the start.
    assert abs((seen[-1].due - seen[0].due) - plan.total_seconds) < 1e-9


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def run_until_due(driver, clock):
    """What the timer does when it fires: the clock has reached the next deadline."""
    clock.now = driver.engine.next_deadline()
    driver.on_timeout()


def test_pause_holds_the_count_and_resume_carries_on_from_it(qtbot):
    clock = FakeClock()
    driver = SessionDriver(quick_plan(), clock=clock)
    reps = []
    driver.event_occurred.connect(
        lambda e: reps.append(e.number) if isinstance(e, RepCounted) else None
    )
    driver.start()
    while reps != [1]:
        run_until_due(driver, clock)
    driver.pause()
    clock.now += 60.0  # a long pause: nothing is due while paused
    assert driver.engine.next_deadline() is None
    driver.on_timeout()
    assert reps == [1] and driver.state.value == "paused"
    driver.resume()
    while len(reps) < 4:
        run_until_due(driver, clock)
    assert reps[:4] == [1, 2, 3, 4]
    driver.stop()
    assert driver.engine.is_over


def test_a_wake_up_before_the_deadline_delivers_nothing_and_waits_the_rest(qtbot):
    clock = FakeClock()
    driver = SessionDriver(quick_plan(), clock=clock)
    seen = []
    driver.event_occurred.connect(seen.append)
    driver.start()
    started = len(seen)
    deadline = driver.engine.next_deadline()
    clock.now = deadline - 0.0005  # the timer woke half a millisecond early, as it may
    driver.on_timeout()
    assert len(seen) == started
    clock.now = deadline
    driver.on_timeout()
    assert len(seen) > started and all(e.due <= clock.now for e in seen)
    assert driver.lateness == [0.0] * len(driver.lateness)
