"""The Qt driver in a real event loop: events arrive in order and on time."""

from __future__ import annotations

from supple.core.catalog import builtin_exercises
from supple.core.events import Countdown, RepCounted, SessionFinished, StepFinished, StepStarted
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


def test_a_short_session_runs_to_the_end_on_time(qtbot):
    plan = quick_plan()
    driver = SessionDriver(plan)
    seen = []
    states = []
    driver.event_occurred.connect(seen.append)
    driver.state_changed.connect(states.append)
    with qtbot.waitSignal(
        driver.state_changed, timeout=10_000, check_params_cb=lambda s: s == "finished"
    ):
        driver.start()

    assert [type(e) for e in seen if isinstance(e, StepStarted | StepFinished)].count(
        StepStarted
    ) == len(plan.steps)
    assert [e.number for e in seen if isinstance(e, RepCounted)] == [1, 2, 3, 4, 1, 2, 1, 2]
    assert isinstance(seen[-1], SessionFinished) and seen[-1].completed
    assert [e.remaining for e in seen if isinstance(e, Countdown)] == [
        1,
        1,
    ]  # 2 s get-ready and rest
    assert states == ["get_ready", "running", "finished"]
    # Delivered on time: every timed event within 50 ms of its due moment, never early.
    assert driver.lateness and min(driver.lateness) >= 0.0
    assert max(driver.lateness) < 0.05
    # ...and the end came when the plan said, measured from the start.
    assert abs((seen[-1].due - seen[0].due) - plan.total_seconds) < 1e-9


def test_pause_holds_the_count_in_the_event_loop(qtbot):
    driver = SessionDriver(quick_plan())
    reps = []
    driver.event_occurred.connect(
        lambda e: reps.append(e.number) if isinstance(e, RepCounted) else None
    )
    driver.start()
    qtbot.waitUntil(lambda: reps == [1], timeout=3000)
    driver.pause()
    qtbot.wait(500)
    assert reps == [1] and driver.state.value == "paused"
    driver.resume()
    qtbot.waitUntil(lambda: len(reps) >= 4, timeout=3000)
    assert reps[:4] == [1, 2, 3, 4]
    driver.stop()
    assert driver.engine.is_over
