"""How the history of several devices merges: the rule, with nothing of files or SQLite.

Every change a device makes to its history is a ``Change``: a session created (all its
fields), some of its fields edited, a step written, a self-test added, or a session or
self-test deleted. Each carries a ``Stamp`` (when, which device, the device's running
number), and changes merge by these rules, whatever order they arrive in and however
often each arrives:

- A field (or a whole step, or a whole self-test) holds the value of its newest change:
  last writer wins, with the device id and then the running number breaking ties.
- A delete is final: it wins over every edit, older or newer. The edit can only have been
  made on a device that had not heard of the delete yet, and a deleted session should not
  come back because a note was typed into it somewhere else.
- A session (or self-test) exists once its create has arrived; edits and steps that
  arrive before it wait for it.

``merge`` applies these rules to a whole set of changes at once. The storage applies the
same rules one change at a time to its index (``newer`` and ``Change.fields``), and the
tests check the two agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

__all__ = ["Change", "Entity", "MergedHistory", "Op", "Stamp", "merge", "newer"]

STEP_FIELD_PREFIX: Final = "#"
"""A step's stamp is kept under ``#<index>`` beside its session's fields."""
WHOLE: Final = "*"
"""The stamp of a session's or self-test's create."""


class Entity(StrEnum):
    SESSION = "session"
    STEP = "step"
    SELF_TEST = "self_test"


class Op(StrEnum):
    CREATE = "create"
    """A session or self-test with every field (a step is always a create)."""
    EDIT = "edit"
    """Some fields of a session."""
    DELETE = "delete"


@dataclass(frozen=True, order=True)
class Stamp:
    """When a change was made and by whom; stamps order the changes to one field."""

    at: str
    """UTC time as fixed-width text (``2026-11-26T07:00:00.000000Z``), so text order is
    time order."""
    device: str
    seq: int

    @property
    def text(self) -> str:
        """One text whose order is the stamps' order (for an index to compare)."""
        return f"{self.at} {self.device} {self.seq:012d}"

    @classmethod
    def from_text(cls, text: str) -> Stamp:
        at, device, seq = text.split(" ")
        return cls(at, device, int(seq))


def newer(stamp: Stamp, than: Stamp | None) -> bool:
    return than is None or stamp > than


@dataclass(frozen=True)
class Change:
    entity: Entity
    op: Op
    uuid: str
    """The session's UUID (for a step too) or the self-test's."""
    stamp: Stamp
    values: Mapping[str, object] = field(default_factory=dict)
    """The fields set, JSON-ready; empty for a delete."""
    index: int | None = None
    """The step's index within its session; None for sessions and self-tests."""

    @property
    def fields(self) -> tuple[str, ...]:
        """The names this change is stamped under, next to its session's or test's fields."""
        if self.entity is Entity.STEP:
            return (f"{STEP_FIELD_PREFIX}{self.index}",)
        if self.entity is Entity.SELF_TEST:
            return (WHOLE,)
        names = tuple(self.values)
        return (WHOLE, *names) if self.op is Op.CREATE else names


@dataclass
class MergedHistory:
    """What a set of changes adds up to, by UUID (and step index)."""

    sessions: dict[str, dict[str, object]] = field(default_factory=dict)
    steps: dict[tuple[str, int], dict[str, object]] = field(default_factory=dict)
    self_tests: dict[str, dict[str, object]] = field(default_factory=dict)
    deleted: set[str] = field(default_factory=set)


def merge(changes: Iterable[Change]) -> MergedHistory:
    """Apply the rules above to a whole set of changes (order and repeats do not matter)."""
    every = list(changes)
    merged = MergedHistory(deleted={c.uuid for c in every if c.op is Op.DELETE})
    created = {
        (c.entity, c.uuid)
        for c in every
        if c.op is Op.CREATE and c.entity is not Entity.STEP and c.uuid not in merged.deleted
    }
    latest: dict[tuple[Entity, str, int | None], dict[str, tuple[Stamp, object]]] = {}
    for change in every:
        if change.uuid in merged.deleted or change.op is Op.DELETE:
            continue
        owner = Entity.SELF_TEST if change.entity is Entity.SELF_TEST else Entity.SESSION
        if (owner, change.uuid) not in created:
            continue  # waits for its create
        values = latest.setdefault((change.entity, change.uuid, change.index), {})
        parts = (
            change.values.items()
            if change.entity is Entity.SESSION
            else [(WHOLE, dict(change.values))]  # a step or a test is replaced whole
        )
        for name, value in parts:
            held = values.get(name)
            if held is None or newer(change.stamp, held[0]):
                values[name] = (change.stamp, value)
    for (entity, uuid, index), values in latest.items():
        if entity is Entity.SESSION:
            merged.sessions[uuid] = {name: value for name, (_, value) in values.items()}
        elif entity is Entity.STEP:
            assert index is not None
            merged.steps[(uuid, index)] = _whole(values)
        else:
            merged.self_tests[uuid] = _whole(values)
    return merged


def _whole(values: Mapping[str, tuple[Stamp, object]]) -> dict[str, object]:
    value = values[WHOLE][1]
    assert isinstance(value, dict)
    return value
