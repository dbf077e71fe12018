"""Export and import of the history.

JSON is the round-trip format: everything (UUIDs, routine snapshots, steps,
self-tests) with a format version, so a history can move to another machine and
importing the same file twice adds nothing. CSV is for spreadsheets: one row per
session (and optionally one per step), with text cells that a spreadsheet would
run as a formula defused by a leading apostrophe.

An import is checked completely before anything is written, then written in one
transaction: a file with one bad field adds nothing, and the error names the
session, the field and what was found there.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import uuid as uuid_module
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Final, TypeGuard

from supple.core.atomic_file import atomic_text
from supple.core.completion import percent
from supple.core.i18n import N_, _
from supple.storage.errors import MISSING, ImportFormatError, ImportProblem
from supple.storage.history import HistoryStore
from supple.storage.journal_files import self_test_values, session_values, step_values
from supple.storage.records import (
    ImportCounts,
    SelfTestRecord,
    SessionDetail,
    SessionRecord,
    SessionStatus,
    Side,
    StepKind,
    StepRecord,
    format_utc,
    parse_utc,
)

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "SELF_TEST_CSV_COLUMNS",
    "SESSION_CSV_COLUMNS",
    "STEP_CSV_COLUMNS",
    "ExportCounts",
    "csv_cell",
    "export_json",
    "export_self_tests_csv",
    "export_sessions_csv",
    "export_steps_csv",
    "history_to_json",
    "import_json",
    "parse_history_json",
    "self_tests_csv_path",
]

FORMAT_NAME: Final = "supple-history"
FORMAT_VERSION: Final = 1
EARLIEST_YEAR: Final = 1970
LATEST_YEAR: Final = 2200
"""Times outside these years are refused: no session took place then, and the review
screen's charts cannot draw them."""
MAX_WHOLE_NUMBER: Final = 2**63 - 1
"""The largest whole number the history's SQLite file can hold."""
EXPORT_DEPTH: Final = 5
"""Levels of lists and objects an export has: document, sessions, session, steps, step."""
MAX_NESTING: Final = 32
"""Deeper lists and objects are refused before any field is looked at."""

_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportCounts:
    sessions: int
    steps: int
    self_tests: int


# --- CSV -----------------------------------------------------------------------------------


def csv_cell(value: object) -> str:
    """Text for one CSV cell, safe to open in a spreadsheet.

    Text starting with ``= + - @``, a tab or a carriage return is prefixed with an
    apostrophe, so it shows as typed instead of running as a formula (and so is text
    starting with an apostrophe, which a spreadsheet would otherwise hide). Numbers are
    written as numbers: they come from Supple, not from the user, and a negative
    number is not a formula.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value)
    # An apostrophe typed first gets one more, so the import can tell it from the escape.
    return "'" + text if text.startswith((*_FORMULA_STARTS, "'")) else text


SESSION_CSV_COLUMNS: Final = (
    "uuid",
    "local_date",
    "local_start",
    "started_at_utc",
    "ended_at_utc",
    "status",
    "routine_id",
    "routine_name",
    "planned_minutes",
    "done_minutes",
    "done_reps",
    "work_steps_done",
    "work_steps_skipped",
    "tightness_before",
    "tightness_after",
    "rating",
    "completion_percent",
    "notes",
)

STEP_CSV_COLUMNS: Final = (
    "session_uuid",
    "step_index",
    "kind",
    "exercise_id",
    "exercise_name",
    "side",
    "round",
    "planned_reps",
    "planned_seconds",
    "done_reps",
    "done_seconds",
    "skipped",
    "finished_at_utc",
)


def export_sessions_csv(store: HistoryStore, path: Path) -> int:
    """One row per session, oldest first; returns the number of rows."""
    count = 0

    def rows() -> Iterator[Sequence[object]]:
        nonlocal count
        for s in store.iter_summaries():
            count += 1
            yield (
                s.uuid,
                s.local_date.isoformat(),
                s.local_started_at.isoformat(timespec="seconds"),
                format_utc(s.started_at),
                None if s.ended_at is None else format_utc(s.ended_at),
                s.status.value,
                s.routine_id,
                s.routine_name,
                round(s.planned_seconds / 60.0, 2),
                round(s.done_seconds / 60.0, 2),
                s.done_reps,
                s.work_steps_done,
                s.work_steps_skipped,
                s.tightness_before,
                s.tightness_after,
                s.rating,
                percent(s.completion),
                s.notes,
            )

    _write_csv(path, SESSION_CSV_COLUMNS, rows())
    export_self_tests_csv(store, self_tests_csv_path(path))
    return count


SELF_TEST_CSV_COLUMNS: Final = (
    "uuid",
    "kind",
    "side",
    "value",
    "unit",
    "local_date",
    "local_time",
    "taken_at_utc",
    "notes",
)


def self_tests_csv_path(sessions_csv: Path) -> Path:
    """Where the sessions CSV's self-tests go: ``<name>.self-tests.csv`` beside it."""
    return sessions_csv.with_name(f"{sessions_csv.stem}.self-tests.csv")


def export_self_tests_csv(store: HistoryStore, path: Path) -> int:
    """One row per self-test, oldest first; returns the number of rows."""
    tests = store.self_tests()
    _write_csv(
        path,
        SELF_TEST_CSV_COLUMNS,
        (
            (
                t.uuid,
                t.kind,
                t.side.value,
                t.value,
                t.unit,
                t.local_date.isoformat(),
                t.taken_at.astimezone(timezone(timedelta(minutes=t.utc_offset_minutes))).isoformat(
                    timespec="seconds"
                ),
                format_utc(t.taken_at),
                t.notes,
            )
            for t in tests
        ),
    )
    return len(tests)


def export_steps_csv(store: HistoryStore, path: Path) -> int:
    """One row per recorded step of every session; returns the number of rows."""
    count = 0

    def rows() -> Iterator[Sequence[object]]:
        nonlocal count
        for detail in store.iter_sessions():
            for step in detail.steps:
                count += 1
                yield (
                    step.session_uuid,
                    step.index,
                    step.kind.value,
                    step.exercise_id,
                    step.exercise_name,
                    step.side.value,
                    step.round,
                    step.planned_reps,
                    step.planned_seconds,
                    step.done_reps,
                    step.done_seconds,
                    step.skipped,
                    format_utc(step.finished_at),
                )

    _write_csv(path, STEP_CSV_COLUMNS, rows())
    return count


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    # utf-8 with a byte-order mark: spreadsheet programs then read accented notes right.
    with atomic_text(path, encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([csv_cell(value) for value in row])


# --- JSON export ---------------------------------------------------------------------------


def history_to_json(
    store: HistoryStore, exported_at: datetime | None = None
) -> tuple[dict[str, Any], ExportCounts]:
    """The whole history as a JSON-ready document."""
    sessions = [_session_json(detail) for detail in store.iter_sessions()]
    tests = [self_test_values(test) for test in store.self_tests()]
    document = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "exported_at": format_utc(exported_at or datetime.now(UTC)),
        "sessions": sessions,
        "self_tests": tests,
    }
    steps = sum(len(session["steps"]) for session in sessions)
    return document, ExportCounts(len(sessions), steps, len(tests))


def export_json(store: HistoryStore, path: Path) -> ExportCounts:
    """Write the full history to ``path`` (replaced only once the new file is complete)."""
    document, counts = history_to_json(store)
    with atomic_text(path, encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
    return counts


def _session_json(detail: SessionDetail) -> dict[str, Any]:
    return {
        **session_values(detail.session),
        "steps": [step_values(step) for step in detail.steps],
    }


# --- JSON import ---------------------------------------------------------------------------


def import_json(store: HistoryStore, path: Path) -> ImportCounts:
    """Add the sessions and self-tests of an export file that are not in the history yet.

    Raises ``ImportFormatError`` (nothing written) when the file is not a valid
    export; the message lists each problem with its place in the file.
    """
    source = str(path)
    document = _read_json(path, source)
    sessions, tests = parse_history_json(document, source)
    return store.import_records(sessions, tests)


def _read_json(path: Path, source: str) -> object:
    """The JSON document in ``path``; a file that cannot be read or parsed is an import error."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        problem = ImportProblem("file", N_("cannot be read: there is no such file"), path.name)
        raise ImportFormatError(source, [problem]) from error
    except OSError as error:
        reason = error.strerror or error
        problem = ImportProblem(
            "file", _("cannot be read: {reason}").format(reason=reason), path.name
        )
        raise ImportFormatError(source, [problem]) from error
    except UnicodeDecodeError as error:
        problem = ImportProblem("file", N_("cannot be read as UTF-8 text"), str(error))
        raise ImportFormatError(source, [problem]) from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        problem = ImportProblem(
            _("line {line}, column {column}").format(line=error.lineno, column=error.colno),
            _("is not valid JSON ({error})").format(error=error.msg),
            "",
        )
        raise ImportFormatError(source, [problem]) from error
    except RecursionError as error:  # the parser reads each level with one call
        raise ImportFormatError(source, [_too_deep("file")]) from error
    except ValueError as error:  # Python's limit on the digits of a number it converts
        raise ImportFormatError(source, [_too_many_digits(text)]) from error


def _too_deep(where: str) -> ImportProblem:
    return ImportProblem(
        where,
        _("nests lists or objects too deeply; an export needs {n} levels").format(n=EXPORT_DEPTH),
        _("more than {n}").format(n=MAX_NESTING),
    )


def _too_many_digits(text: str) -> ImportProblem:
    limit = sys.get_int_max_str_digits()
    found = re.search(rf"\d{{{limit + 1},}}", text)
    start = found.start() if found else 0
    line = text.count("\n", 0, start) + 1
    column = start - text.rfind("\n", 0, start)
    return ImportProblem(
        _("line {line}, column {column}").format(line=line, column=column),
        _("has a number of more than {n} digits, which cannot be read").format(n=limit),
        _("{n} digits").format(n=len(found.group()) if found else _("many")),
    )


def _nested_too_deeply(document: object) -> str | None:
    """Where the document first nests deeper than ``MAX_NESTING``, found without recursion
    (showing or checking such a value could exhaust Python's stack)."""
    pending: list[tuple[object, str, int]] = [(document, "", 1)]
    while pending:
        value, where, depth = pending.pop()
        if depth > MAX_NESTING:
            return where or "top level"
        if isinstance(value, dict):
            children: Iterable[tuple[str, object]] = (
                (f"{where}.{key}" if where else str(key), item) for key, item in value.items()
            )
        elif isinstance(value, list):
            children = ((f"{where}[{index}]", item) for index, item in enumerate(value))
        else:
            continue
        # Below the export's own levels, the place to name is the field that holds it all.
        pending.extend(
            (item, _printable(place) if depth < EXPORT_DEPTH else where, depth + 1)
            for place, item in children
        )
    return None


def _printable(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def parse_history_json(
    document: object, source: str = "The file"
) -> tuple[list[SessionDetail], list[SelfTestRecord]]:
    """Check a whole export document and build its records; all problems are reported at once."""
    problems: list[ImportProblem] = []
    deep = _nested_too_deeply(document)
    if deep is not None:
        raise ImportFormatError(source, [_too_deep(deep)])
    if not isinstance(document, dict):
        raise ImportFormatError(
            source, [ImportProblem("top level", N_("should be an object"), type(document).__name__)]
        )
    if document.get("format") != FORMAT_NAME:
        problems.append(
            ImportProblem(
                "format",
                _('should be "{name}"').format(name=FORMAT_NAME),
                document.get("format", MISSING),
            )
        )
    version = document.get("format_version", MISSING)
    if not _is_int(version):
        problems.append(ImportProblem("format_version", N_("should be a whole number"), version))
    elif version > FORMAT_VERSION:
        problems.append(
            ImportProblem(
                "format_version",
                _("is from a newer Supple (this one reads up to {version}); update Supple").format(
                    version=FORMAT_VERSION
                ),
                version,
            )
        )
    if problems:
        raise ImportFormatError(source, problems)

    sessions = _parse_list(document, "sessions", _parse_session, problems)
    tests = _parse_list(document, "self_tests", _parse_self_test, problems)
    _report_duplicates([(d.session.uuid, i) for i, d in sessions], "sessions", problems)
    _report_duplicates([(t.uuid, i) for i, t in tests], "self_tests", problems)
    if problems:
        raise ImportFormatError(source, problems)
    return [detail for _, detail in sessions], [test for _, test in tests]


class _FieldError(Exception):
    """One field is wrong; carries the problem text and what was found."""

    def __init__(self, problem: str, found: object) -> None:
        super().__init__(problem)
        self.problem = problem
        self.found = found


_Parser = Callable[[Mapping[str, Any], str, list[ImportProblem]], Any]


def _parse_list(
    document: Mapping[str, Any], key: str, parse: _Parser, problems: list[ImportProblem]
) -> list[tuple[int, Any]]:
    items = document.get(key, MISSING)
    if not isinstance(items, list):
        problems.append(ImportProblem(key, N_("should be a list"), items))
        return []
    parsed: list[tuple[int, Any]] = []
    for index, item in enumerate(items):
        where = f"{key}[{index}]"
        if not isinstance(item, dict):
            problems.append(ImportProblem(where, N_("should be an object"), item))
            continue
        uuid = item.get("uuid")
        if isinstance(uuid, str):
            where += f" (uuid {_printable(uuid)})"
        result = parse(item, where, problems)
        if result is not None:
            parsed.append((index, result))
    return parsed


def _report_duplicates(
    keys: list[tuple[str, int]], key: str, problems: list[ImportProblem]
) -> None:
    first_seen: dict[str, int] = {}
    for uuid, index in keys:
        if uuid in first_seen:
            problems.append(
                ImportProblem(
                    f"{key}[{index}].uuid",
                    _("repeats the UUID of {where}").format(where=f"{key}[{first_seen[uuid]}]"),
                    uuid,
                )
            )
        else:
            first_seen[uuid] = index


def _field(
    item: Mapping[str, Any],
    name: str,
    check: Callable[[Any], Any],
    where: str,
    problems: list[ImportProblem],
) -> Any:
    raw = item.get(name, MISSING)
    try:
        if raw is MISSING:
            raise _FieldError(N_("is required"), MISSING)
        return check(raw)
    except _FieldError as bad:
        problems.append(ImportProblem(f"{where}.{name}", bad.problem, bad.found))
        return MISSING


def _parse_session(
    item: Mapping[str, Any], where: str, problems: list[ImportProblem]
) -> SessionDetail | None:
    before = len(problems)
    values = {name: _field(item, name, check, where, problems) for name, check in _SESSION_FIELDS}
    for name, check in _LATER_SESSION_FIELDS:  # exports made before them lack them
        if name in item:
            values[name] = _field(item, name, check, where, problems)
    raw_steps = item.get("steps", MISSING)
    steps: list[StepRecord] = []
    if not isinstance(raw_steps, list):
        problems.append(ImportProblem(f"{where}.steps", N_("should be a list"), raw_steps))
    else:
        seen: dict[int, int] = {}
        for position, raw in enumerate(raw_steps):
            step_where = f"{where}.steps[{position}]"
            if not isinstance(raw, dict):
                problems.append(ImportProblem(step_where, N_("should be an object"), raw))
                continue
            step = _parse_step(raw, values.get("uuid"), step_where, problems)
            if step is None:
                continue
            if step.index in seen:
                problems.append(
                    ImportProblem(
                        f"{step_where}.index",
                        _("repeats the index of {where}").format(
                            where=f"steps[{seen[step.index]}]"
                        ),
                        step.index,
                    )
                )
            seen[step.index] = position
            steps.append(step)
    if len(problems) > before:
        return None
    try:
        session = SessionRecord(**values)
    except (TypeError, ValueError) as error:
        problems.append(ImportProblem(where, str(error), "that combination"))
        return None
    return SessionDetail(session, tuple(sorted(steps, key=lambda s: s.index)))


def _parse_step(
    item: Mapping[str, Any], session_uuid: object, where: str, problems: list[ImportProblem]
) -> StepRecord | None:
    before = len(problems)
    values = {name: _field(item, name, check, where, problems) for name, check in _STEP_FIELDS}
    if len(problems) > before or not isinstance(session_uuid, str):
        return None
    try:
        return StepRecord(session_uuid=session_uuid, **values)
    except (TypeError, ValueError) as error:
        problems.append(ImportProblem(where, str(error), "that combination"))
        return None


def _parse_self_test(
    item: Mapping[str, Any], where: str, problems: list[ImportProblem]
) -> SelfTestRecord | None:
    before = len(problems)
    values = {name: _field(item, name, check, where, problems) for name, check in _SELF_TEST_FIELDS}
    if len(problems) > before:
        return None
    try:
        return SelfTestRecord(**values)
    except (TypeError, ValueError) as error:
        problems.append(ImportProblem(where, str(error), "that combination"))
        return None


# Field checks: each returns the parsed value or raises _FieldError with what it expected.


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _uuid(value: object) -> str:
    if not isinstance(value, str):
        raise _FieldError(N_("should be a UUID text"), value)
    try:
        canonical = str(uuid_module.UUID(value))
    except ValueError:
        raise _FieldError(
            N_("should be a UUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427"), value
        ) from None
    if canonical != value:
        raise _FieldError(N_("should be a lower-case UUID with hyphens"), value)
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise _FieldError(N_("should be text"), value)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # JSON's "\ud800" escapes can make them; SQLite cannot hold them
        raise _FieldError(
            N_("should be text without lone surrogates (\\ud800 to \\udfff)"), value
        ) from None
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


_TIME_PROBLEM: Final = N_(
    "should be a time from {earliest} to {latest} with its offset, like 2026-11-26T07:30:00Z"
)


def _time_problem() -> str:
    return _(_TIME_PROBLEM).format(earliest=EARLIEST_YEAR, latest=LATEST_YEAR)


def _time(value: object) -> datetime:
    if not isinstance(value, str):
        raise _FieldError(_time_problem(), value)
    try:
        moment = parse_utc(value)
    except (ValueError, OverflowError):  # overflow: the offset takes it past year 1 or 9999
        raise _FieldError(_time_problem(), value) from None
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise _FieldError(_time_problem(), value)
    return moment


def _optional_time(value: object) -> datetime | None:
    return None if value is None else _time(value)


def _offset(value: object) -> int:
    if not _is_int(value) or not -18 * 60 <= value <= 18 * 60:
        raise _FieldError(N_("should be whole minutes from -1080 to 1080"), value)
    return value


def _tightness(value: object) -> int | None:
    if value is None:
        return None
    if not _is_int(value) or not 0 <= value <= 10:
        raise _FieldError(N_("should be a whole number from 0 to 10, or null"), value)
    return value


def _rating(value: object) -> int | None:
    if value is None:
        return None
    if not _is_int(value) or not 1 <= value <= 5:
        raise _FieldError(N_("should be a whole number from 1 to 5, or null"), value)
    return value


def _count(value: object) -> int:
    if not _is_int(value) or not 0 <= value <= MAX_WHOLE_NUMBER:
        raise _FieldError(
            _("should be a whole number from 0 to {n}").format(n=MAX_WHOLE_NUMBER), value
        )
    return value


def _optional_count(value: object) -> int | None:
    if value is None:
        return None
    if not _is_int(value) or not 0 <= value <= MAX_WHOLE_NUMBER:
        raise _FieldError(
            _("should be a whole number from 0 to {n}, or null").format(n=MAX_WHOLE_NUMBER), value
        )
    return value


def _seconds(value: object) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not 0 <= value < sys.float_info.max
    ):
        raise _FieldError(N_("should be a number of seconds >= 0"), value)
    return float(value)


def _optional_seconds(value: object) -> float | None:
    return None if value is None else _seconds(value)


def _number_or_null(value: object) -> float | None:
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not -sys.float_info.max < value < sys.float_info.max
    ):
        raise _FieldError(N_("should be a number, or null"), value)
    return float(value)


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise _FieldError(N_("should be true or false"), value)
    return value


def _choice(*allowed: str) -> Callable[[object], str]:
    def check(value: object) -> str:
        if value not in allowed:
            raise _FieldError(
                _("should be one of {values}").format(values=", ".join(allowed)), value
            )
        return str(value)

    return check


_SESSION_FIELDS: Final[tuple[tuple[str, Callable[[Any], Any]], ...]] = (
    ("uuid", _uuid),
    ("routine_id", _text),
    ("routine_name", _text),
    ("routine_snapshot", _text),
    ("started_at", _time),
    ("utc_offset_minutes", _offset),
    ("ended_at", _optional_time),
    ("status", _choice(*(s.value for s in SessionStatus))),
    ("tightness_before", _tightness),
    ("tightness_after", _tightness),
    ("notes", _text),
    ("planned_seconds", _seconds),
)

_LATER_SESSION_FIELDS: Final[tuple[tuple[str, Callable[[Any], Any]], ...]] = (
    ("planned_work", _optional_seconds),
    ("rating", _rating),
)

_STEP_FIELDS: Final[tuple[tuple[str, Callable[[Any], Any]], ...]] = (
    ("index", _count),
    ("kind", _choice(*(k.value for k in StepKind))),
    ("exercise_id", _optional_text),
    ("exercise_name", _optional_text),
    ("side", _choice(*(s.value for s in Side))),
    ("round", _count),
    ("planned_reps", _optional_count),
    ("planned_seconds", _optional_seconds),
    ("done_reps", _optional_count),
    ("done_seconds", _seconds),
    ("skipped", _flag),
    ("finished_at", _time),
)

_SELF_TEST_FIELDS: Final[tuple[tuple[str, Callable[[Any], Any]], ...]] = (
    ("uuid", _uuid),
    ("kind", _text),
    ("side", _choice(Side.NONE.value, Side.LEFT.value, Side.RIGHT.value)),
    ("value", _number_or_null),
    ("unit", _text),
    ("taken_at", _time),
    ("utc_offset_minutes", _offset),
    ("notes", _text),
)
