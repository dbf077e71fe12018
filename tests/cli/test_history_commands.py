"""``supple history`` as a person runs it: a real process on a real history folder."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import timedelta

import pytest

from supple.cli.history_commands import _width, format_sessions
from supple.storage.history import open_history
from supple.storage.records import SessionStatus
from tests.storage.history_builders import MORNING, Records

COMMAND = ["supple"]


def supple(*args, data_dir):
    return subprocess.run(
        [sys.executable, "-m", *COMMAND, "--data-dir", str(data_dir), "history", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def history(isolated_data_dir):
    """Three sessions: two completed with check-ins, the newest ended early."""
    records = Records()
    with open_history() as store:
        records.run(store, MORNING, tightness_before=7, tightness_after=5)
        records.run(store, MORNING + timedelta(days=2), tightness_before=6, tightness_after=4)
        records.run(
            store,
            MORNING + timedelta(days=3),
            status=SessionStatus.STOPPED,
            steps=2,
            notes='=HYPERLINK("x")',
        )
    return isolated_data_dir


def test_list_on_an_empty_history(isolated_data_dir):
    done = supple("list", data_dir=isolated_data_dir)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "No sessions yet."
    assert done.stderr == ""


def test_list_shows_the_newest_first_with_how_it_went(history):
    done = supple("list", data_dir=history)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["date", "routine", "active", "done", "status", "tightness"]
    assert lines[1].startswith("2026-11-05 07:30  Pelvic basics")
    assert "ended early" in lines[1] and lines[1].endswith("-")
    assert lines[2].startswith("2026-11-04 07:30") and lines[2].endswith("6 -> 4")
    assert "completed" in lines[3] and lines[3].endswith("7 -> 5")
    assert lines[-1] == "3 sessions."


def test_list_limit_says_how_many_more_there_are(history):
    done = supple("list", "-n", "1", data_dir=history)
    assert done.returncode == 0
    assert "1 of 3 sessions, newest first (--all shows every one)." in done.stdout
    bad = supple("list", "-n", "0", data_dir=history)
    assert bad.returncode == 2 and "must be at least 1" in bad.stderr


def test_export_json_then_import_elsewhere_twice(history, tmp_path):
    exported = tmp_path / "out" / "history.json"
    done = supple("export", "--format", "json", "-o", str(exported), data_dir=history)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (f"Exported 3 sessions, 10 steps and 0 self-tests to {exported}.")
    assert len(json.loads(exported.read_text(encoding="utf-8"))["sessions"]) == 3

    elsewhere = tmp_path / "other-machine"
    first = supple("import", str(exported), data_dir=elsewhere)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == (
        "Added 3 sessions, skipped 0 already present; added 0 self-tests, skipped 0 already "
        "present."
    )
    again = supple("import", str(exported), data_dir=elsewhere)
    assert again.returncode == 0
    assert again.stdout.startswith("Added 0 sessions, skipped 3 already present")
    listed = supple("list", data_dir=elsewhere)
    assert listed.stdout.splitlines()[-1] == "3 sessions."


def test_export_csv_for_spreadsheets_sessions_or_steps(history, tmp_path):
    sheet = tmp_path / "sessions.csv"
    done = supple("export", "-o", str(sheet), data_dir=history)  # format from the name
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    assert [r["tightness_before"] for r in rows] == ["7", "6", ""]
    assert rows[2]["notes"] == '\'=HYPERLINK("x")'  # defused, not a formula
    steps = tmp_path / "steps.csv"
    done = supple("export", "--format", "csv", "--steps", "-o", str(steps), data_dir=history)
    assert done.returncode == 0
    assert done.stdout.strip() == f"Exported 10 steps to {steps}."
    assert len(steps.read_text(encoding="utf-8-sig").splitlines()) == 11


def test_export_without_a_known_format_asks_for_one(history, tmp_path):
    done = supple("export", "-o", str(tmp_path / "history.txt"), data_dir=history)
    assert done.returncode == 2
    assert "add --format json or --format csv" in done.stderr
    done = supple("export", "--format", "json", "--steps", "-o", "x.json", data_dir=history)
    assert done.returncode == 2 and "--steps is for csv" in done.stderr


def test_a_malformed_import_adds_nothing_and_names_each_problem(history, tmp_path):
    exported = tmp_path / "history.json"
    supple("export", "-o", str(exported), data_dir=history)
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["sessions"][0]["status"] = "finished"
    document["sessions"][2]["steps"][1]["done_seconds"] = -4
    exported.write_text(json.dumps(document), encoding="utf-8")
    elsewhere = tmp_path / "other-machine"

    done = supple("import", str(exported), data_dir=elsewhere)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "cannot be imported; nothing was added to the history" in done.stderr
    assert "sessions[0]" in done.stderr and ".status: should be one of" in done.stderr
    assert "sessions[2]" in done.stderr and "steps[1].done_seconds" in done.stderr
    assert supple("list", data_dir=elsewhere).stdout.strip() == "No sessions yet."


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{ not json", "is not valid JSON"),
        ('{"format": "something-else", "format_version": 1}', 'format: should be "supple-history"'),
    ],
)
def test_files_that_are_not_exports_are_refused(tmp_path, isolated_data_dir, content, expected):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    done = supple("import", str(bad), data_dir=isolated_data_dir)
    assert done.returncode == 2
    assert expected in done.stderr


def test_a_missing_file_is_refused(tmp_path, isolated_data_dir):
    done = supple("import", str(tmp_path / "nowhere.json"), data_dir=isolated_data_dir)
    assert done.returncode == 2
    assert "cannot be read" in done.stderr


def test_a_history_from_a_newer_supple_can_be_listed_but_not_imported_into(history, tmp_path):
    exported = tmp_path / "history.json"
    supple("export", "-o", str(exported), data_dir=history)
    with sqlite3.connect(history / "history.sqlite3") as db:
        db.execute("PRAGMA user_version = 99")
    listed = supple("list", data_dir=history)
    assert listed.returncode == 0
    assert "newer Supple" in listed.stderr
    done = supple("import", str(exported), data_dir=history)
    assert done.returncode == 1
    assert "read-only" in done.stderr


def test_a_missing_file_is_named_as_missing(tmp_path, isolated_data_dir):
    done = supple("import", str(tmp_path / "nofile.json"), data_dir=isolated_data_dir)
    assert done.returncode == 2
    assert "file: cannot be read: there is no such file, found 'nofile.json'" in done.stderr
    assert "Errno" not in done.stderr and "UTF-8" not in done.stderr


def test_list_headings_stand_over_their_values_whatever_the_script(history):
    with open_history() as store:
        sessions = list(store.list_sessions().items)
    named = [
        replace(sessions[0], routine_name="ストレッチ"),
        replace(sessions[1], routine_name="E\u0301tirements"),
        sessions[2],
    ]
    lines = format_sessions(named, len(named)).splitlines()[:4]
    heading = lines[0]
    for word in ("active", "done", "status", "tightness"):
        column = _width(heading[: heading.index(word)])
        for line in lines[1:]:
            # The text before the heading's column takes exactly that many columns.
            cut = next(i for i in range(len(line) + 1) if _width(line[:i]) >= column)
            assert _width(line[:cut]) == column and line[cut - 1] == " ", (word, line)
    ends = {_width(line[: line.index(" %") + 2]) for line in lines[1:]}
    assert ends == {_width(heading[: heading.index("done") + 4])}, lines


def test_an_import_leaves_a_session_another_window_runs_as_it_is(isolated_data_dir, tmp_path):
    from tests.app.test_stop_signals import read_until, start_child

    owner = start_child(isolated_data_dir)
    try:
        uuid = read_until(owner, "begun ")[-1].split()[1]
        exported = tmp_path / "history.json"
        assert (
            supple(
                "export", "--format", "json", "-o", str(exported), data_dir=isolated_data_dir
            ).returncode
            == 0
        )
        document = json.loads(exported.read_text(encoding="utf-8"))
        [running] = document["sessions"]
        running["status"] = "stopped"  # as another device's copy might say
        running["ended_at"] = running["started_at"]
        exported.write_text(json.dumps(document), encoding="utf-8")

        done = supple("import", str(exported), data_dir=isolated_data_dir)
        assert done.returncode == 0, done.stderr
        assert "a session is running in another Supple window" in done.stderr
        assert done.stdout.startswith("Added 0 sessions, skipped 1 already present")
        with open_history() as store:
            assert store.session_detail(uuid).session.status is SessionStatus.IN_PROGRESS
        assert owner.poll() is None
    finally:
        owner.kill()
        owner.wait()
