"""Import files as someone with a text editor can leave them: refused by name, never a crash.

Each refusal names the session and the field, and adds nothing to the history.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from supple.storage.errors import ImportFormatError
from supple.storage.history import open_history
from supple.storage.transfer import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    export_json,
    import_json,
    parse_history_json,
)
from tests.storage.history_builders import MORNING, Records


@pytest.fixture
def export(store, tmp_path) -> dict:
    """A real export of two sessions, as a JSON document to spoil."""
    for day in range(2):
        Records().run(store, MORNING + timedelta(days=day))
    path = tmp_path / "good.json"
    export_json(store, path)
    return json.loads(path.read_text(encoding="utf-8"))


def refused(tmp_path: Path, text: str) -> ImportFormatError:
    """Import ``text`` into an empty history: it must be refused and add nothing."""
    path = tmp_path / "spoiled.json"
    path.write_text(text, encoding="utf-8")
    with open_history(tmp_path / "empty" / "history.sqlite3") as empty:
        try:
            with pytest.raises(ImportFormatError) as caught:
                import_json(empty, path)
        finally:
            assert empty.session_count() == 0, "a refused import must add nothing"
    str(caught.value).encode("utf-8")  # the message can be printed as it is
    return caught.value


def where_and_what(error: ImportFormatError) -> list[tuple[str, str]]:
    """(location without the session's uuid, problem) of each problem."""
    return [(p.location.split(" (uuid")[0] + _field(p.location), p.problem) for p in error.problems]


def _field(location: str) -> str:
    return location.split(")", 1)[1] if " (uuid" in location else ""


def test_deeply_nested_json_is_refused(tmp_path):
    error = refused(tmp_path, "[" * 100_000 + "]" * 100_000)
    assert where_and_what(error) == [
        ("file", "nests lists or objects too deeply; an export needs 5 levels")
    ]


def test_nesting_inside_a_session_is_refused_at_its_field(tmp_path, export):
    export["sessions"][1]["notes"] = json.loads("[" * 200 + "]" * 200)
    error = refused(tmp_path, json.dumps(export))
    assert where_and_what(error) == [
        ("sessions[1].notes[0]", "nests lists or objects too deeply; an export needs 5 levels")
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [("done_reps", 10**20), ("index", 2**63), ("planned_reps", -(2**64)), ("round", 2**63)],
)
def test_whole_numbers_beyond_what_the_history_holds_are_refused(tmp_path, export, field, value):
    export["sessions"][0]["steps"][1][field] = value
    error = refused(tmp_path, json.dumps(export))
    [(where, problem)] = where_and_what(error)
    assert where == f"sessions[0].steps[1].{field}"
    assert problem.startswith("should be a whole number from 0 to 9223372036854775807")


def test_a_number_too_big_for_seconds_is_refused(tmp_path, export):
    export["sessions"][0]["steps"][0]["done_seconds"] = 10**400
    export["sessions"][1]["planned_seconds"] = 10**400
    error = refused(tmp_path, json.dumps(export))
    assert where_and_what(error) == [
        ("sessions[0].steps[0].done_seconds", "should be a number of seconds >= 0"),
        ("sessions[1].planned_seconds", "should be a number of seconds >= 0"),
    ]


def test_a_number_with_too_many_digits_to_read_is_placed(tmp_path, export):
    text = json.dumps(export, indent=1).replace('"done_reps": 10', '"done_reps": ' + "9" * 5000, 1)
    line = text[: text.index("9" * 5000)].count("\n") + 1
    error = refused(tmp_path, text)
    [problem] = error.problems
    assert problem.location.startswith(f"line {line}, column ")
    assert problem.problem == "has a number of more than 4300 digits, which cannot be read"


@pytest.mark.parametrize(
    "moment",
    [
        "9999-12-31T23:00:00-05:00",  # past year 9999 once made UTC
        "0001-01-01T01:00:00+05:00",  # before year 1 once made UTC
        "9900-06-01T07:00:00Z",
        "0002-06-01T07:00:00Z",
        f"{LATEST_YEAR + 1}-01-01T00:00:00Z",
        f"{EARLIEST_YEAR - 1}-12-31T23:59:59Z",
    ],
)
def test_dates_out_of_a_plausible_range_are_refused(tmp_path, export, moment):
    export["sessions"][1]["started_at"] = moment
    export["sessions"][0]["steps"][2]["finished_at"] = moment
    error = refused(tmp_path, json.dumps(export))
    expected = (
        f"should be a time from {EARLIEST_YEAR} to {LATEST_YEAR} with its offset, "
        "like 2026-11-26T07:30:00Z"
    )
    assert where_and_what(error) == [
        ("sessions[0].steps[2].finished_at", expected),
        ("sessions[1].started_at", expected),
    ]


def test_the_edges_of_the_plausible_range_are_accepted(export):
    export["sessions"][0]["started_at"] = f"{EARLIEST_YEAR}-01-01T00:00:00Z"
    export["sessions"][1]["started_at"] = f"{LATEST_YEAR}-12-31T23:59:59.999999Z"
    sessions, _ = parse_history_json(export)
    assert [s.session.started_at.year for s in sessions] == [EARLIEST_YEAR, LATEST_YEAR]


def test_a_lone_surrogate_in_text_is_refused(tmp_path, export):
    export["sessions"][0]["notes"] = "sore \ud800"
    export["sessions"][1]["steps"][0]["exercise_name"] = "\udfff"
    export["sessions"][1]["uuid"] = "\ud800"
    error = refused(tmp_path, json.dumps(export))
    assert where_and_what(error) == [
        ("sessions[0].notes", "should be text without lone surrogates (\\ud800 to \\udfff)"),
        ("sessions[1].uuid", "should be a UUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427"),
        (
            "sessions[1].steps[0].exercise_name",
            "should be text without lone surrogates (\\ud800 to \\udfff)",
        ),
    ]


def test_a_missing_file_says_there_is_no_such_file(tmp_path):
    with open_history(tmp_path / "h.sqlite3") as store, pytest.raises(ImportFormatError) as caught:
        import_json(store, tmp_path / "nofile.json")
    [problem] = caught.value.problems
    assert problem.problem == "cannot be read: there is no such file"
    assert problem.found == "nofile.json"
