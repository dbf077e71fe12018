"""The sync folder's files: one append-only JSON Lines journal per device and month.

A line is one change (``core.sync_merge.Change``) as a JSON object::

    {"at":"2026-11-26T07:00:00.000000Z","device":"3f0c…","entity":"session","index":null,
     "op":"edit","seq":42,"uuid":"1b4e28ba-…","v":1,"values":{"notes":"easier today"}}

A device only ever appends to its own files (``<device>-<YYYY-MM>.jsonl``), each line
written whole and flushed to the disk before the next. Other devices read what a sync
engine copied over, which may be any prefix of the file: a cut-off last line is left for
the next read, a line that is complete but unreadable is counted and skipped, and a file
that was replaced (shorter, or different before the place read up to) is read again from
its start. Reading the same line twice changes nothing (see the merge rules), which makes
conflict copies (``*.sync-conflict-*``, ``* (conflicted copy …)``) harmless: they are
read like any other journal.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid as uuid_module
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from supple.core.sync_merge import Change, Entity, Op, Stamp
from supple.storage.records import (
    SelfTestRecord,
    SessionRecord,
    SessionStatus,
    StepRecord,
    check_rating,
    format_utc,
    parse_utc,
)

__all__ = [
    "JOURNAL_SUFFIX",
    "FileRead",
    "append_lines",
    "decode",
    "device_id",
    "encode",
    "journal_name",
    "read_journal",
    "self_test_values",
    "session_values",
    "step_values",
    "tail_at",
]

LINE_VERSION: Final = 1
JOURNAL_SUFFIX: Final = ".jsonl"
DEVICE_FILE: Final = "device-id"
_TAIL_BYTES: Final = 256


def device_id(data_dir: Path) -> str:
    """This device's id, made once and kept in the data folder (never in the sync folder).

    Copying a data folder to a new machine copies the id too: delete ``device-id`` in the
    copy, so the two devices do not write to the same journals."""
    path = data_dir / DEVICE_FILE
    with contextlib.suppress(FileNotFoundError, UnicodeDecodeError):
        text = path.read_text(encoding="utf-8").strip()
        if len(text) == 32 and all(c in "0123456789abcdef" for c in text):
            return text
    made = uuid_module.uuid4().hex
    data_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(made + "\n", encoding="utf-8")
    return made


def journal_name(device: str, at: str) -> str:
    """The file a change stamped ``at`` by ``device`` goes to: one per device and month."""
    return f"{device}-{at[:7]}{JOURNAL_SUFFIX}"


# --- values of the records, JSON-ready ------------------------------------------------------


def session_values(session: SessionRecord) -> dict[str, Any]:
    """A session's fields as the export and the journal write them."""
    return {
        "uuid": session.uuid,
        "routine_id": session.routine_id,
        "routine_name": session.routine_name,
        "routine_snapshot": session.routine_snapshot,
        "started_at": format_utc(session.started_at),
        "utc_offset_minutes": session.utc_offset_minutes,
        "ended_at": None if session.ended_at is None else format_utc(session.ended_at),
        "status": session.status.value,
        "tightness_before": session.tightness_before,
        "tightness_after": session.tightness_after,
        "notes": session.notes,
        "planned_seconds": session.planned_seconds,
        "planned_work": session.planned_work,
        "rating": session.rating,
    }


def step_values(step: StepRecord) -> dict[str, Any]:
    return {
        "index": step.index,
        "kind": step.kind.value,
        "exercise_id": step.exercise_id,
        "exercise_name": step.exercise_name,
        "side": step.side.value,
        "round": step.round,
        "planned_reps": step.planned_reps,
        "planned_seconds": step.planned_seconds,
        "done_reps": step.done_reps,
        "done_seconds": step.done_seconds,
        "skipped": step.skipped,
        "finished_at": format_utc(step.finished_at),
    }


def self_test_values(test: SelfTestRecord) -> dict[str, Any]:
    return {
        "uuid": test.uuid,
        "kind": test.kind,
        "side": test.side.value,
        "value": test.value,
        "unit": test.unit,
        "taken_at": format_utc(test.taken_at),
        "utc_offset_minutes": test.utc_offset_minutes,
        "notes": test.notes,
    }


def session_from(values: Mapping[str, Any]) -> SessionRecord:
    fields = dict(values)
    fields["started_at"] = parse_utc(fields["started_at"])
    fields["ended_at"] = _time_or_none(fields["ended_at"])
    return SessionRecord(**fields)


def step_from(session_uuid: str, values: Mapping[str, Any]) -> StepRecord:
    fields = dict(values)
    fields["finished_at"] = parse_utc(fields["finished_at"])
    return StepRecord(session_uuid=session_uuid, **fields)


def self_test_from(values: Mapping[str, Any]) -> SelfTestRecord:
    fields = dict(values)
    fields["taken_at"] = parse_utc(fields["taken_at"])
    return SelfTestRecord(**fields)


def _time_or_none(value: object) -> object:
    return None if value is None else parse_utc(str(value))


def _tightness(value: object) -> object:
    if value is not None and (type(value) is not int or not 0 <= value <= 10):
        raise ValueError(f"a tightness must be 0 to 10 or null, got {value!r}")
    return value


def _rating(value: object) -> object:
    check_rating(value)  # type: ignore[arg-type]  # checked there, whatever it is
    return value


def _text(value: object) -> object:
    if not isinstance(value, str):
        raise ValueError(f"notes must be text, got {value!r}")
    return value


EDITABLE: Final[Mapping[str, Callable[[Any], object]]] = {
    "status": SessionStatus,
    "ended_at": _time_or_none,
    "tightness_before": _tightness,
    "tightness_after": _tightness,
    "notes": _text,
    "rating": _rating,
}
"""A session's fields that change after it began, each with its check."""


# --- lines ----------------------------------------------------------------------------------


def encode(change: Change) -> str:
    """One line (without its newline); keys sorted, so the same change is the same text."""
    return json.dumps(
        {
            "v": LINE_VERSION,
            "entity": change.entity.value,
            "op": change.op.value,
            "uuid": change.uuid,
            "index": change.index,
            "at": change.stamp.at,
            "device": change.stamp.device,
            "seq": change.stamp.seq,
            "values": dict(change.values),
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )


def decode(line: str) -> Change:
    """The change on one line; ``ValueError`` (or ``KeyError``/``TypeError``) says why not."""
    item = json.loads(line)
    if not isinstance(item, dict) or item.get("v") != LINE_VERSION:
        raise ValueError("not a journal line of this version")
    entity, op = Entity(item["entity"]), Op(item["op"])
    at, device, seq = item["at"], item["device"], item["seq"]
    if not isinstance(at, str) or format_utc(parse_utc(at)) != at:
        raise ValueError("at must be a UTC time like 2026-11-26T07:00:00.000000Z")
    if not isinstance(device, str) or not device or " " in device or type(seq) is not int:
        raise ValueError("a change needs its device and running number")
    stamp = Stamp(at, device, seq)
    values = item["values"]
    if not isinstance(values, dict):
        raise ValueError("values must be an object")
    uuid = str(uuid_module.UUID(item["uuid"]))
    index = item["index"]
    if op is not Op.DELETE:
        _check_values(entity, op, uuid, index, values)
    elif values or entity is Entity.STEP:
        raise ValueError("a delete has no values, and steps go with their session")
    return Change(entity, op, uuid, stamp, values, index if entity is Entity.STEP else None)


def _check_values(
    entity: Entity, op: Op, uuid: str, index: object, values: Mapping[str, Any]
) -> None:
    """Build the record the values describe, so a bad value is refused here, not by SQLite."""
    if entity is Entity.STEP:
        if type(index) is not int or values.get("index") != index:
            raise ValueError("a step needs its index")
        step_from(uuid, values)
    elif entity is Entity.SELF_TEST:
        if op is not Op.CREATE or self_test_from(values).uuid != uuid:
            raise ValueError("a self-test is created whole, under its own UUID")
    elif op is Op.CREATE:
        if session_from(values).uuid != uuid:
            raise ValueError("a session is created under its own UUID")
    else:
        if not values or not set(values) <= set(EDITABLE):
            raise ValueError(f"an edit sets some of {', '.join(EDITABLE)}")
        for name, value in values.items():
            EDITABLE[name](value)


# --- files ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileRead:
    changes: list[Change]
    offset: int
    """Where the next read starts: just after the last whole line."""
    tail: str
    """A digest of the bytes just before ``offset``, to notice a replaced file."""
    unreadable: int
    """Whole lines that were not a change (damaged by a copy, or from a newer Supple)."""


def tail_of(head: bytes) -> str:
    return hashlib.sha256(head[-_TAIL_BYTES:]).hexdigest()[:32]


def tail_at(path: Path, offset: int) -> str:
    """The digest of the bytes of ``path`` just before ``offset``."""
    with path.open("rb") as handle:
        start = max(0, offset - _TAIL_BYTES)
        handle.seek(start)
        return tail_of(handle.read(offset - start))


def read_journal(path: Path, offset: int = 0, tail: str = "") -> FileRead:
    """The whole lines of ``path`` after ``offset``; from the start if the file was replaced."""
    if offset and (path.stat().st_size < offset or tail_at(path, offset) != tail):
        offset = 0
    with path.open("rb") as handle:
        handle.seek(offset)
        data = handle.read()
    end = data.rfind(b"\n") + 1
    if end == 0:
        return FileRead([], offset, tail if offset else "", 0)
    changes: list[Change] = []
    unreadable = 0
    for raw in data[:end].split(b"\n")[:-1]:
        if not raw.strip():
            continue
        try:
            changes.append(decode(raw.decode("utf-8")))
        except (ValueError, KeyError, TypeError):
            unreadable += 1
    return FileRead(changes, offset + end, tail_at(path, offset + end), unreadable)


def append_lines(path: Path, lines: Iterable[str]) -> int:
    """Append whole lines and make them durable (flush and fsync); returns the new size."""
    created = not path.exists()
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    with path.open("ab") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
        size = handle.tell()
    if created:  # the new name must survive a power cut too
        with contextlib.suppress(OSError):
            folder = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)
    return size
