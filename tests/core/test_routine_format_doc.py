"""The documented example must stay a valid routine."""

from __future__ import annotations

import re
from pathlib import Path

from supple.core import routine_file
from supple.core.catalog import builtin_exercises
from supple.core.plan import compile_plan

DOC = Path(__file__).resolve().parents[2] / "docs" / "routine-format.md"


def test_the_example_in_the_docs_loads_and_plans():
    example = re.search(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    routine = routine_file.loads(example, "sore-legs-reset.toml", builtin_exercises())
    assert routine.exercises[0].id == "slider-curl"
    plan = compile_plan(routine)
    hikes = [s for s in plan.work_steps if s.exercise.id == "elevated-hip-hike"]
    assert [s.side.value for s in hikes] == ["left", "right"] and all(s.self_paced for s in hikes)


def test_the_docs_list_every_builtin_exercise():
    text = DOC.read_text(encoding="utf-8")
    assert all(f"`{ex_id}`" in text for ex_id in builtin_exercises())
