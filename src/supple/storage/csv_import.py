"""Importing Supple's own CSV export, so a spreadsheet copy can come back into a history.

The CSV export is two files: ``<name>.csv``, one row per session, and beside it
``<name>.self-tests.csv``, one row per self-test (a second file rather than a kind column,
so each opens in a spreadsheet as a plain table). Importing ``<name>.csv`` takes the
self-tests file beside it too; either file can also be imported on its own.

A CSV row carries a session's totals, not its steps or its routine snapshot. An imported
session therefore gets the fewest steps that give the same totals (the work sets done,
those skipped, the minutes and reps on the first of them; no exercise), and no snapshot.
Exporting it again gives the same file, byte for byte; JSON is the format that keeps
everything. Each row is checked by the JSON import's own rules (``parse_history_json``),
so a bad cell is named the same way: ``sessions[3]`` is the fourth session row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Final

from supple.core.i18n import N_, _
from supple.storage.errors import ImportFormatError, ImportProblem
from supple.storage.history import HistoryStore
from supple.storage.records import ImportCounts
from supple.storage.transfer import (
    FORMAT_NAME,
    FORMAT_VERSION,
    SELF_TEST_CSV_COLUMNS,
    SESSION_CSV_COLUMNS,
    STEP_CSV_COLUMNS,
    import_json,
    parse_history_json,
    self_tests_csv_path,
)

__all__ = ["import_csv", "import_history_file"]

_ESCAPED: Final = ("'=", "'+", "'-", "'@", "'\t", "'\r", "''")


def import_history_file(store: HistoryStore, path: Path) -> ImportCounts:
    """Import a JSON export, or a CSV one (by its ``.csv`` name)."""
    if path.suffix.lower() == ".csv":
        return import_csv(store, path)
    return import_json(store, path)


def import_csv(store: HistoryStore, path: Path) -> ImportCounts:
    """Add the sessions (and self-tests) of a CSV export that are not in the history yet."""
    rows = _read_rows(path)
    document: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "sessions": [],
        "self_tests": [],
    }
    header = tuple(rows[0]) if rows else ()
    if header == SESSION_CSV_COLUMNS:
        document["sessions"] = [_session(dict(zip(header, row, strict=False))) for row in rows[1:]]
        beside = self_tests_csv_path(path)
        if beside.is_file():
            document["self_tests"] = _self_tests(_read_rows(beside), str(beside))
    elif header == SELF_TEST_CSV_COLUMNS:
        document["self_tests"] = _self_tests(rows, str(path))
    else:
        raise ImportFormatError(str(path), [_not_ours(header)])
    sessions, tests = parse_history_json(document, str(path))
    return store.import_records(sessions, tests)


def _not_ours(header: Sequence[str]) -> ImportProblem:
    if tuple(header) == STEP_CSV_COLUMNS:
        return ImportProblem(
            "header",
            N_(
                "is the steps CSV, which cannot be imported on its own; import the sessions "
                "CSV (or, to keep every step, a JSON export)"
            ),
            ",".join(header),
        )
    return ImportProblem(
        "header",
        _("should be the first row of Supple's sessions or self-tests CSV: {columns}").format(
            columns=",".join(SESSION_CSV_COLUMNS)
        ),
        ",".join(header),
    )


def _read_rows(path: Path) -> list[list[str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ImportFormatError(
            str(path), [ImportProblem("file", N_("cannot be read"), reason)]
        ) from error
    try:
        return [row for row in csv.reader(io.StringIO(text, newline="")) if row]
    except csv.Error as error:
        raise ImportFormatError(
            str(path), [ImportProblem("file", N_("is not CSV"), str(error))]
        ) from error


def _text(cell: str) -> str:
    """A text cell as typed: the apostrophe the export put before a formula-like start goes."""
    return cell[1:] if cell.startswith(_ESCAPED) else cell


def _number(cell: str) -> object:
    """A number cell; what is not a number is passed on for the checks to name."""
    if cell == "":
        return None
    for kind in (int, float):
        try:
            return kind(cell)
        except ValueError:
            continue
    return cell


def _offset(local_time: str) -> object:
    """Minutes east of UTC, from a local time written with its offset (else the cell as is,
    for the checks to name)."""
    try:
        shift = datetime.fromisoformat(local_time).utcoffset()
    except ValueError:
        return local_time
    return local_time if shift is None else int(shift / timedelta(minutes=1))


def _session(row: dict[str, str]) -> dict[str, Any]:
    started = row.get("started_at_utc", "")
    planned, done = _number(row.get("planned_minutes", "")), _number(row.get("done_minutes", ""))
    return {
        "uuid": row.get("uuid", ""),
        "routine_id": _text(row.get("routine_id", "")),
        "routine_name": _text(row.get("routine_name", "")),
        "routine_snapshot": "",
        "started_at": started,
        "utc_offset_minutes": _offset(row.get("local_start", "")),
        "ended_at": row.get("ended_at_utc") or None,
        "status": row.get("status", ""),
        "tightness_before": _number(row.get("tightness_before", "")),
        "tightness_after": _number(row.get("tightness_after", "")),
        "notes": _text(row.get("notes", "")),
        **({"rating": _number(row["rating"])} if "rating" in row else {}),
        "planned_seconds": planned * 60 if isinstance(planned, int | float) else planned,
        "steps": _steps(row, done, row.get("ended_at_utc") or started),
    }


def _steps(row: dict[str, str], minutes: object, finished_at: str) -> list[dict[str, Any]]:
    """The fewest steps that add up to the row's totals."""
    seconds = minutes * 60 if isinstance(minutes, int | float) else 0.0
    reps = _number(row.get("done_reps", ""))
    done, skipped = (
        _number(row.get("work_steps_done", "")),
        _number(row.get("work_steps_skipped", "")),
    )
    kinds = ["done"] * (done if isinstance(done, int) else 0)
    kinds += ["skipped"] * (skipped if isinstance(skipped, int) else 0)
    if not kinds and seconds:
        kinds = ["rest"]
    steps = []
    for index, kind in enumerate(kinds):
        first = index == 0
        steps.append(
            {
                "index": index,
                "kind": "rest" if kind == "rest" else "work",
                "exercise_id": None,
                "exercise_name": None,
                "side": "none",
                "round": 0,
                "planned_reps": None,
                "planned_seconds": None,
                "done_reps": (reps if first else 0) if kind != "rest" else None,
                "done_seconds": float(seconds) if first else 0.0,
                "skipped": kind == "skipped",
                "finished_at": finished_at,
            }
        )
    return steps


def _self_tests(rows: list[list[str]], source: str) -> list[dict[str, Any]]:
    if not rows or tuple(rows[0]) != SELF_TEST_CSV_COLUMNS:
        raise ImportFormatError(source, [_not_ours(rows[0] if rows else [])])
    tests = []
    for row in rows[1:]:
        cells = dict(zip(SELF_TEST_CSV_COLUMNS, row, strict=False))
        tests.append(
            {
                "uuid": cells.get("uuid", ""),
                "kind": _text(cells.get("kind", "")),
                "side": cells.get("side", ""),
                "value": _number(cells.get("value", "")),
                "unit": _text(cells.get("unit", "")),
                "taken_at": cells.get("taken_at_utc", ""),
                "utc_offset_minutes": _offset(cells.get("local_time", "")),
                "notes": _text(cells.get("notes", "")),
            }
        )
    return tests
