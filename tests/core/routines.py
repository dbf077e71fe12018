"""Small routines for tests, written as a user would write them."""

from __future__ import annotations

from supple.core import routine_file
from supple.core.catalog import builtin_exercises
from supple.core.model import Block, Entry, Routine, Sides

SHORT = """
id = "short"
name = "Short test routine"
get_ready_seconds = 2
side_switch_seconds = 2

[[exercises]]
id = "slow-press"
name = "Slow press"
category = "strength"
kind = "reps"
reps = 3
tempo = 2.0
phases = ["press", "release"]

[[blocks]]
name = "Main"
rounds = 2
rest_between_exercises = 4
rest_between_rounds = 6

[[blocks.entries]]
exercise = "slow-press"

[[blocks.entries]]
exercise = "side-plank"
seconds = 10

[[blocks.entries]]
exercise = "bird-dog"
reps = 4
tempo = 1.0
"""


def short_routine() -> Routine:
    return routine_file.loads(SHORT, "short.toml", builtin_exercises())


def small_routine():
    """Get ready, a rep set, an each-side set and a timed march, with rests between."""
    return Routine(
        id="small",
        name="Small",
        get_ready_seconds=5,
        side_switch_seconds=3,
        blocks=(
            Block(
                name="Circuit",
                rest_between_exercises=10,
                entries=(
                    Entry("pelvic-tilt", reps=4),
                    Entry("elevated-hip-hike", reps=3, sides=Sides.EACH),
                    Entry("march-in-place", seconds=20),
                ),
            ),
        ),
    )
