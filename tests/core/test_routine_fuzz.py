"""Fuzzed routine files: never a crash, always an error that names the file and the field."""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path

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


# --- the bytes someone can leave in a file -------------------------------------------------

SEED_TEXTS = [routine_file.dumps(default_routine()).encode(), SHORT.encode()]
BOM = b"\xef\xbb\xbf"
BRACKETS = [("[", "]"), ("{a = ", "}"), ("[{a = ", "}]"), ("[", "")]


@st.composite
def nested(draw) -> bytes:
    """``x = [[[...]]]`` and its kin, a few to thousands of levels deep, closed or not."""
    opener, closer = draw(st.sampled_from(BRACKETS))
    depth = draw(st.integers(1, 3000))
    return f"x = {opener * depth}1{closer * depth}\n".encode()


fragments = st.one_of(
    nested(),
    st.tuples(
        st.sampled_from(["reps = ", "tempo = 0x", "rounds = -", "x = 1e"]), st.integers(1, 6000)
    ).map(lambda number: f"{number[0]}{'1' * number[1]}\n".encode()),
    st.sampled_from(
        [
            b"reps = 0001-01-01T00:00:00-23:59\n",
            b"reps = 9999-12-31T23:59:59.999999+23:59\n",
            b"x = 1979-05-27\n",
            b"x = 23:59:60\n",
            b'name = "\\ud800"\n',
            b'name = "\xed\xa0\x80"\n',
            b'description = "\\U0010FFFF"\n',
            b"name = 'a'\nname = 'b'\n",
            b"[[blocks]]\n[blocks]\n",
            b"\x00",
            BOM,
        ]
    ),
    st.binary(min_size=1, max_size=8),
)


@st.composite
def hostile_bytes(draw) -> bytes:
    """A real routine file with something hostile spliced in, maybe after a byte-order mark."""
    data = draw(st.sampled_from(SEED_TEXTS))
    for _ in range(draw(st.integers(1, 3))):
        line_starts = [0] + [i + 1 for i, byte in enumerate(data) if byte == ord("\n")]
        at = draw(st.sampled_from(line_starts) | st.integers(0, len(data)))
        data = data[:at] + draw(fragments) + data[at:]
    return (BOM if draw(st.booleans()) else b"") + data


def check_bytes(data: bytes) -> None:
    """Loading a file with these bytes gives a routine or problems naming the file, nothing else."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / FILE
        path.write_bytes(data)
        try:
            routine = routine_file.load(path, builtin_exercises())
        except RoutineFileError as exc:
            assert exc.problems
            assert all(str(p).startswith(f"{path}: ") and p.message for p in exc.problems)
            return
    compile_plan(routine)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_bytes())
def test_hostile_bytes_fail_cleanly(data):
    check_bytes(data)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_fail_cleanly(data):
    check_bytes(data)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_bytes())
def test_many_hostile_bytes_fail_cleanly(data):
    check_bytes(data)
