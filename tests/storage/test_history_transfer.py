"""Export to CSV and JSON, and importing JSON back: safe, precise, all-or-nothing, idempotent."""

from __future__ import annotations

import csv
import json
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supple.storage.errors import ImportFormatError
from supple.storage.history import open_history
from supple.storage.records import (
    SelfTestRecord,
    SessionDetail,
    SessionRecord,
    SessionStatus,
    Side,
    StepKind,
    StepRecord,
    new_uuid,
)
from supple.storage.transfer import (
    FORMAT_VERSION,
    csv_cell,
    export_json,
    export_sessions_csv,
    export_steps_csv,
    import_json,
)
from tests.storage.history_builders import MORNING


def read_csv(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def sit_and_reach(value, day=0):
    return SelfTestRecord(
        uuid=new_uuid(),
        kind="sit_and_reach",
        side=Side.NONE,
        value=value,
        unit="cm",
        taken_at=MORNING + timedelta(days=day),
        utc_offset_minutes=60,
    )


# --- CSV -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ('=HYPERLINK("http://example.com","x")', '\'=HYPERLINK("http://example.com","x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindented", "'\tindented"),
        ("\rcarriage", "'\rcarriage"),
        ("hips felt = looser", "hips felt = looser"),
        ("", ""),
    ],
)
def test_csv_text_that_a_spreadsheet_would_run_is_defused(typed, written):
    assert csv_cell(typed) == written


def test_csv_numbers_stay_numbers():
    assert csv_cell(-300) == "-300"
    assert csv_cell(2.5) == "2.5"
    assert csv_cell(None) == ""
    assert csv_cell(True) == "yes"


def test_session_csv_has_one_row_per_session_with_escaped_notes(store, records, tmp_path):
    first = records.run(store, notes="=cmd|' /C calc'!A0", tightness_before=7)
    store.set_checkout(first.uuid, 5)
    records.run(store, MORNING + timedelta(days=1), routine_name="-quick version")
    target = tmp_path / "export" / "sessions.csv"
    assert export_sessions_csv(store, target) == 2
    rows = read_csv(target)
    assert [r["uuid"] for r in rows] == [s.uuid for s in reversed(store.list_sessions().items)]
    assert rows[0]["notes"] == "'=cmd|' /C calc'!A0"
    assert rows[1]["routine_name"] == "'-quick version"
    assert (rows[0]["tightness_before"], rows[0]["tightness_after"]) == ("7", "5")
    assert rows[0]["local_date"] == "2026-11-02"
    assert rows[0]["done_minutes"] == "2.0"  # 2 x 40 s + 2 x 20 s


def test_steps_csv(store, records, tmp_path):
    session = records.run(store, steps=3)
    target = tmp_path / "steps.csv"
    assert export_steps_csv(store, target) == 3
    rows = read_csv(target)
    assert [(r["session_uuid"], r["step_index"], r["kind"]) for r in rows] == [
        (session.uuid, "0", "work"),
        (session.uuid, "1", "rest"),
        (session.uuid, "2", "work"),
    ]
    assert rows[0]["skipped"] == "no"


# --- JSON ----------------------------------------------------------------------------------


def test_json_round_trip_into_another_history(store, records, tmp_path):
    records.run(store, tightness_before=6, notes="stiff")
    records.run(store, MORNING + timedelta(days=1), status=SessionStatus.STOPPED)
    records.run(store, MORNING + timedelta(days=2), steps=2, status=None)
    store.add_self_test(sit_and_reach(-3.5))
    exported = tmp_path / "history.json"
    counts = export_json(store, exported)
    assert (counts.sessions, counts.steps, counts.self_tests) == (3, 10, 1)
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["format_version"] == FORMAT_VERSION

    with open_history(tmp_path / "elsewhere" / "history.sqlite3") as other:
        result = import_json(other, exported)
        assert (result.sessions_added, result.sessions_skipped) == (3, 0)
        assert (result.self_tests_added, result.self_tests_skipped) == (1, 0)
        assert list(other.iter_sessions()) == list(store.iter_sessions())
        assert other.self_tests() == store.self_tests()


def test_importing_the_same_file_twice_adds_nothing(store, records, tmp_path):
    for day in range(3):
        records.run(store, MORNING + timedelta(days=day))
    store.add_self_test(sit_and_reach(1.0))
    exported = tmp_path / "history.json"
    export_json(store, exported)
    with open_history(tmp_path / "b" / "history.sqlite3") as other:
        first = import_json(other, exported)
        second = import_json(other, exported)
        assert other.session_count() == 3
    assert (first.sessions_added, first.self_tests_added) == (3, 1)
    assert (second.sessions_added, second.sessions_skipped) == (0, 3)
    assert (second.self_tests_added, second.self_tests_skipped) == (0, 1)


def test_importing_into_the_history_it_came_from_adds_only_the_missing(store, records, tmp_path):
    kept = records.run(store)
    deleted = records.run(store, MORNING + timedelta(days=1))
    exported = tmp_path / "history.json"
    export_json(store, exported)
    store.delete_session(deleted.uuid)
    result = import_json(store, exported)
    assert (result.sessions_added, result.sessions_skipped) == (1, 1)
    assert {s.uuid for s in store.list_sessions().items} == {kept.uuid, deleted.uuid}
    assert len(store.session_detail(deleted.uuid).steps) == 4


def write_json(path: Path, document) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def good_export(store, records, tmp_path):
    for day in range(3):
        records.run(store, MORNING + timedelta(days=day))
    exported = tmp_path / "good.json"
    export_json(store, exported)
    return json.loads(exported.read_text(encoding="utf-8"))


def import_into_empty(tmp_path, document):
    path = write_json(tmp_path / "bad.json", document)
    with open_history(tmp_path / "empty" / "history.sqlite3") as empty:
        try:
            with pytest.raises(ImportFormatError) as caught:
                import_json(empty, path)
        finally:
            assert empty.session_count() == 0, "a rejected import must write nothing"
            assert empty.self_tests() == []
    return caught.value


def test_a_bad_field_is_named_with_its_session_and_what_was_found(tmp_path, good_export):
    bad_uuid = good_export["sessions"][1]["uuid"]
    good_export["sessions"][1]["steps"][2]["done_reps"] = "twelve"
    error = import_into_empty(tmp_path, good_export)
    [problem] = error.problems
    assert problem.location == f"sessions[1] (uuid {bad_uuid}).steps[2].done_reps"
    assert problem.found == "twelve"
    assert "whole number" in problem.problem
    assert f"sessions[1] (uuid {bad_uuid}).steps[2].done_reps" in str(error)
    assert "'twelve'" in str(error)
    assert "nothing was added" in str(error)


def test_every_problem_is_reported_at_once(tmp_path, good_export):
    del good_export["sessions"][0]["started_at"]
    good_export["sessions"][2]["tightness_after"] = 14
    good_export["sessions"][2]["status"] = "abandoned"
    error = import_into_empty(tmp_path, good_export)
    found = {(p.location.split(" ")[0] + "." + p.location.split(".")[-1]) for p in error.problems}
    assert found == {
        "sessions[0].started_at",
        "sessions[2].tightness_after",
        "sessions[2].status",
    }
    assert "missing" in str(error)


def test_a_repeated_uuid_inside_the_file_is_refused(tmp_path, good_export):
    good_export["sessions"][2]["uuid"] = good_export["sessions"][0]["uuid"]
    error = import_into_empty(tmp_path, good_export)
    assert [p.location for p in error.problems] == ["sessions[2].uuid"]
    assert "repeats the UUID of sessions[0]" in str(error)


def test_a_file_from_a_newer_supple_is_refused(tmp_path, good_export):
    good_export["format_version"] = FORMAT_VERSION + 1
    error = import_into_empty(tmp_path, good_export)
    assert "newer Supple" in str(error)


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ('{"format": "supple-history", "sessions": [', "line 1, column"),
        ("[1, 2, 3]", "top level"),
        ('{"format": "a-spreadsheet", "format_version": 1}', "format"),
    ],
)
def test_files_that_are_not_exports_are_refused(tmp_path, content, where):
    path = tmp_path / "not-an-export.json"
    path.write_text(content, encoding="utf-8")
    with open_history() as store:
        with pytest.raises(ImportFormatError) as caught:
            import_json(store, path)
        assert store.session_count() == 0
    assert caught.value.problems[0].location.startswith(where)


def test_a_failure_half_way_through_writing_adds_nothing(tmp_path, good_export):
    """The database refuses the third session; the first two must not stay behind."""
    path = write_json(tmp_path / "export.json", good_export)
    with open_history(tmp_path / "target" / "history.sqlite3") as target:
        target._db.execute(
            "CREATE TRIGGER refuse_third BEFORE INSERT ON sessions"
            f" WHEN NEW.uuid = '{good_export['sessions'][2]['uuid']}'"
            " BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
        with pytest.raises(Exception, match="refused"):
            import_json(target, path)
        assert target.session_count() == 0


# --- property: export then import reproduces the history -----------------------------------

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_moment = st.datetimes(
    min_value=datetime(2001, 1, 1), max_value=datetime(2099, 1, 1), timezones=st.just(UTC)
)
_offset = st.integers(-18 * 60, 18 * 60)
_seconds = st.floats(0, 1e6, allow_nan=False, allow_infinity=False)
_tightness = st.none() | st.integers(0, 10)


@st.composite
def sessions(draw):
    started = draw(_moment)
    status = draw(st.sampled_from(SessionStatus))
    session = SessionRecord(
        uuid=str(draw(st.uuids())),
        routine_id=draw(_text),
        routine_name=draw(_text),
        routine_snapshot=draw(st.sampled_from(["{}", '{"a": 1}']) | _text),
        started_at=started,
        utc_offset_minutes=draw(_offset),
        planned_seconds=draw(_seconds),
        status=status,
        ended_at=None if status is SessionStatus.IN_PROGRESS else draw(_moment),
        tightness_before=draw(_tightness),
        tightness_after=draw(_tightness),
        notes=draw(_text),
    )
    indexes = draw(st.sets(st.integers(0, 200), max_size=6))
    steps = tuple(
        StepRecord(
            session_uuid=session.uuid,
            index=index,
            kind=draw(st.sampled_from(StepKind)),
            exercise_id=draw(st.none() | _text),
            exercise_name=draw(st.none() | _text),
            side=draw(st.sampled_from(Side)),
            round=draw(st.integers(0, 20)),
            planned_reps=draw(st.none() | st.integers(0, 500)),
            planned_seconds=draw(st.none() | _seconds),
            done_reps=draw(st.none() | st.integers(0, 500)),
            done_seconds=draw(_seconds),
            skipped=draw(st.booleans()),
            finished_at=draw(_moment),
        )
        for index in sorted(indexes)
    )
    return SessionDetail(session, steps)


@st.composite
def self_tests(draw):
    kind = draw(st.sampled_from(["straight_leg_raise", "sit_and_reach", "note", "hip_flexor"]))
    side = (
        draw(st.sampled_from([Side.LEFT, Side.RIGHT]))
        if kind == "straight_leg_raise"
        else Side.NONE
        if kind in ("sit_and_reach", "note")
        else draw(st.sampled_from([Side.NONE, Side.LEFT, Side.RIGHT]))
    )
    return SelfTestRecord(
        uuid=str(draw(st.uuids())),
        kind=kind,
        side=side,
        value=draw(st.floats(-1e4, 1e4, allow_nan=False)),
        unit=draw(_text),
        taken_at=draw(_moment),
        utc_offset_minutes=draw(_offset),
        notes=draw(_text),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(sessions(), max_size=5, unique_by=lambda d: d.session.uuid),
    st.lists(self_tests(), max_size=4, unique_by=lambda t: t.uuid),
)
def test_export_then_import_into_an_empty_history_reproduces_it(details, tests):
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        with open_history(base / "a.sqlite3") as source:
            source.import_records(details, tests)
            export_json(source, base / "export.json")
            expected_sessions = list(source.iter_sessions())
            expected_tests = source.self_tests()
        with open_history(base / "b.sqlite3") as target:
            result = import_json(target, base / "export.json")
            assert result.sessions_added == len(details)
            assert list(target.iter_sessions()) == expected_sessions
            assert target.self_tests() == expected_tests
    assert sorted(d.session.uuid for d in expected_sessions) == sorted(
        d.session.uuid for d in details
    )
    by_uuid = {d.session.uuid: d for d in details}
    for detail in expected_sessions:
        assert detail == by_uuid[detail.session.uuid]
