"""Fuzzed import files, down to their bytes: a refusal that names the place, or an import.

Any exception other than ``ImportFormatError`` fails, and a refused file adds nothing.
"""

from __future__ import annotations

import json
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supple.storage.errors import ImportFormatError
from supple.storage.history import open_history
from supple.storage.transfer import history_to_json, import_json
from tests.storage.history_builders import MORNING, Records

PLACEHOLDER = "@@hostile@@"


def _seed() -> dict:
    """A real export of two sessions, a few steps each."""
    with tempfile.TemporaryDirectory() as folder, open_history(Path(folder) / "h.sqlite3") as store:
        for day in range(2):
            Records().run(store, MORNING + timedelta(days=day), steps=3)
        document, _ = history_to_json(store)
    return document


SEED = _seed()
SESSION_FIELDS = sorted(k for k in SEED["sessions"][0] if k != "steps")
STEP_FIELDS = sorted(SEED["sessions"][0]["steps"][0])

nested = st.tuples(st.sampled_from([("[", "]"), ('{"a": ', "}")]), st.integers(1, 5000)).map(
    lambda shape: shape[0][0] * shape[1] + "1" + shape[0][1] * shape[1]
)
huge_numbers = st.one_of(
    st.integers(1, 6000).map(lambda digits: "9" * digits),
    st.integers(1, 400).map(lambda digits: "-" + "9" * digits),
    st.sampled_from(["1e400", "-1e400", "NaN", "Infinity", "-Infinity", "9223372036854775808"]),
)
dates = st.sampled_from(
    [
        "9999-12-31T23:00:00-05:00",
        "0001-01-01T01:00:00+05:00",
        "9900-06-01T07:00:00Z",
        "0002-06-01T07:00:00Z",
        "1969-12-31T23:59:59Z",
        "2201-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999Z",
        "2026-02-30T00:00:00Z",
        "2026-11-02T06:30:00",
    ]
).map(json.dumps)
texts = st.sampled_from(['"\\ud800"', '"a\\udfffb"', '"\\u0000"', '""', '"\\"=1+1"']) | st.text(
    max_size=20
).map(lambda text: json.dumps(text))
hostile_values = st.one_of(nested, huge_numbers, dates, texts, st.sampled_from(["null", "true"]))


@st.composite
def hostile_files(draw) -> bytes:
    """An export with hostile values in a few fields, maybe a BOM, maybe stray bytes."""
    document = json.loads(json.dumps(SEED))
    chosen = []
    for _ in range(draw(st.integers(1, 3))):
        session = draw(st.sampled_from(document["sessions"]))
        if draw(st.booleans()):
            target, field = (
                draw(st.sampled_from(session["steps"])),
                draw(st.sampled_from(STEP_FIELDS)),
            )
        else:
            target, field = session, draw(st.sampled_from(SESSION_FIELDS))
        target[field] = f"{PLACEHOLDER}{len(chosen)}"
        chosen.append(draw(hostile_values))
    text = json.dumps(document, indent=1)
    for number, value in enumerate(chosen):
        text = text.replace(f'"{PLACEHOLDER}{number}"', value)
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + data


def check_import(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "import.json"
        path.write_bytes(data)
        with open_history(Path(folder) / "history.sqlite3") as store:
            try:
                import_json(store, path)
            except ImportFormatError as error:
                assert error.problems
                str(error).encode("utf-8")  # printable as it is
                assert store.session_count() == 0
                assert store.self_tests() == []


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_files())
def test_hostile_import_files_are_refused_cleanly(data):
    check_import(data)


@pytest.mark.slow
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_files())
def test_many_hostile_import_files_are_refused_cleanly(data):
    check_import(data)
