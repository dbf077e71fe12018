"""Fuzzed routine files: never a crash, always an error that names the file and the field."""

from __future__ import annotations

import tomllib

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supple.core import routine_file
from supple.core.catalog import builtin_exercises, default_routine
from supple.core.plan import compile_plan
from supple.core.problems import RoutineFileError
from tests.core.routines import SHORT

FILE = "fuzz.toml"
SEEDS = [
    routine_file.routine_to_data(default_routine()),
    tomllib.loads(SHORT),
]
KEYS = sorted(
    {
        *routine_file.ROUTINE_KEYS,
        *routine_file.BLOCK_KEYS,
        *routine_file.ENTRY_KEYS,
        *routine_file.EXERCISE_KEYS,
        "rep",
        "round",
        "secs",
        "Sides",
        "",
    }
)
scalars = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.booleans(),
    st.text(max_size=30),
    st.sampled_from(["each", "alternate", "reps", "timed", "pelvic-tilt"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def mutated(draw):
    """A real routine with a few fields deleted, replaced or added, anywhere in the tree."""
    data = draw(st.sampled_from(SEEDS))
    data = tomllib.loads(tomli_w.dumps(data))  # a deep copy
    for _ in range(draw(st.integers(1, 4))):
        tables = [data]
        for block in data.get("blocks", []) if isinstance(data.get("blocks"), list) else []:
            if isinstance(block, dict):
                tables.append(block)
                entries = block.get("entries", [])
                tables += (
                    [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []
                )
        for ex in data.get("exercises", []) if isinstance(data.get("exercises"), list) else []:
            if isinstance(ex, dict):
                tables.append(ex)
        table = draw(st.sampled_from(tables))
        key = draw(st.sampled_from(KEYS))
        action = draw(st.sampled_from(["set", "delete"]))
        if action == "delete":
            table.pop(key, None)
        else:
            table[key] = draw(values)
    return data


def check(text: str) -> None:
    try:
        routine = routine_file.loads(text, FILE, builtin_exercises())
    except RoutineFileError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert str(problem).startswith(f"{FILE}: ")
            message = problem.message
            assert problem.field or message.startswith('unknown key "') or "TOML" in message, (
                message
            )
        return
    compile_plan(routine)  # anything that loads must also plan
    assert routine_file.loads(routine_file.dumps(routine), FILE, builtin_exercises()) == routine


def to_text(data) -> str:
    try:
        return tomli_w.dumps(data)
    except (TypeError, ValueError):  # e.g. NaN-free writers, or mixed arrays: write it raw
        return repr(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_routines_fail_cleanly(data):
    check(to_text(data))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_fails_cleanly(text):
    check(text)


@pytest.mark.slow
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_many_mutated_routines_fail_cleanly(data):
    check(to_text(data))
