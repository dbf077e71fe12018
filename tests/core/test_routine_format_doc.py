"""The documented example must stay a valid routine."""

from __future__ import annotations

import re
from pathlib import Path

from supple.core import routine_file
from supple.core.catalog import builtin_exercises
from supple.core.plan import compile_plan

DOC = Path(__file__).resolve().parents[2] / "docs" / "routine-format.md"


def documented_example() -> str:
    return re.search(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)


def test_the_example_in_the_docs_loads_and_plans():
    routine = routine_file.loads(documented_example(), "sore-legs-reset.toml", builtin_exercises())
    assert routine.exercises[0].id == "slider-curl"
    plan = compile_plan(routine)
    hikes = [s for s in plan.work_steps if s.exercise.id == "elevated-hip-hike"]
    assert [s.side.value for s in hikes] == ["left", "right"] and all(s.self_paced for s in hikes)


def test_the_example_in_the_docs_survives_saving_and_reloading():
    routine = routine_file.loads(documented_example(), "sore-legs-reset.toml", builtin_exercises())
    saved = routine_file.dumps(routine)
    again = routine_file.loads(saved, "sore-legs-reset.toml", builtin_exercises())
    assert again == routine
    assert routine_file.dumps(again) == saved
    # Nothing written in the example is lost on the way, down to the per-entry overrides.
    hikes = next(e for b in again.blocks for e in b.entries if e.exercise == "elevated-hip-hike")
    assert (hikes.self_paced, hikes.rest_after, hikes.sides.value) == (True, 30, "each")
    assert again.exercises[0].phases == ("curl in", "slide out")
    assert again.id == "sore-legs-reset" and again.blocks[1].rest_between_exercises == 15
    tilts = next(e for b in again.blocks for e in b.entries if e.exercise == "pelvic-tilt")
    assert tilts.variant == "supine" and again.exercises[0].variants[0].id == "on-a-towel"


def test_the_docs_list_every_builtin_exercise():
    text = DOC.read_text(encoding="utf-8")
    assert all(f"`{ex_id}`" in text for ex_id in builtin_exercises())
