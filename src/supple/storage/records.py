"""The history's own record types: plain frozen values, independent of the session engine.

The app translates what the engine reports into these, so the history format does
not change every time the engine does. Values are checked when a record is built,
so a bad value is reported where it was made rather than deep inside SQLite.

Times are timezone-aware ``datetime`` objects normalised to UTC; the local wall
clock is kept as ``utc_offset_minutes`` beside them, so "which day was this" is
answered the way the user saw it, even after travelling or a DST change.
"""

from __future__ import annotations

import re
import uuid as uuid_module
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from enum import StrEnum
from typing import Final, TypeVar

from supple.core.completion import completion
from supple.core.i18n import N_

__all__ = [
    "SELF_TEST_KINDS",
    "ExerciseTotals",
    "ImportCounts",
    "SelfTestKind",
    "SelfTestRecord",
    "SessionDetail",
    "SessionPage",
    "SessionRecord",
    "SessionStatus",
    "SessionSummary",
    "Side",
    "StepKind",
    "StepRecord",
    "TightnessPoint",
    "check_rating",
    "format_utc",
    "local_date_of",
    "new_uuid",
    "parse_utc",
]

MAX_OFFSET_MINUTES: Final = 18 * 60


class SessionStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    STOPPED = "stopped"
    """Ended early, or interrupted and kept as a partial session."""


class StepKind(StrEnum):
    WORK = "work"
    REST = "rest"
    SIDE_SWITCH = "side_switch"
    GET_READY = "get_ready"


class Side(StrEnum):
    NONE = "none"
    LEFT = "left"
    RIGHT = "right"
    ALTERNATING = "alternating"


# --- time ----------------------------------------------------------------------------------


def new_uuid() -> str:
    return str(uuid_module.uuid4())


def format_utc(moment: datetime) -> str:
    """Fixed-width UTC text (``2026-11-26T23:15:00.000000Z``) that sorts in time order."""
    return _utc(moment, "time").replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_utc(text: str) -> datetime:
    """Read an ISO-8601 time with an offset (``Z`` or ``+01:00``) as UTC."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"time {text!r} has no UTC offset")
    return moment.astimezone(UTC)


def local_date_of(moment: datetime, utc_offset_minutes: int) -> date:
    """The calendar day the user saw on the wall when ``moment`` happened."""
    return (_utc(moment, "time") + timedelta(minutes=utc_offset_minutes)).date()


def _utc(moment: datetime, field: str) -> datetime:
    if not isinstance(moment, datetime):
        raise TypeError(f"{field} must be a datetime, got {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{field} must be timezone-aware (UTC), got naive {moment.isoformat()}")
    return moment.astimezone(UTC)


_CANONICAL_UUID: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _check_uuid(value: str, field: str) -> str:
    if isinstance(value, str) and _CANONICAL_UUID.fullmatch(value):
        return value  # the common case, checked without building a UUID object
    try:
        parsed = uuid_module.UUID(value)
    except (ValueError, TypeError, AttributeError):
        raise ValueError(f"{field} must be a UUID like {new_uuid()}, got {value!r}") from None
    canonical = str(parsed)
    if canonical != value:
        raise ValueError(
            f"{field} must be a lower-case hyphenated UUID ({canonical}), got {value!r}"
        )
    return value


_E = TypeVar("_E", bound=StrEnum)


def _member(kind: type[_E], value: str, field: str) -> _E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise ValueError(f"{field} must be one of {allowed}; got {value!r}") from None


def _check_offset(value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"utc_offset_minutes must be an int, got {value!r}")
    if abs(value) > MAX_OFFSET_MINUTES:
        raise ValueError(f"utc_offset_minutes must be within ±{MAX_OFFSET_MINUTES}, got {value}")


def _check_tightness(value: int | None, field: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError(f"{field} must be a whole number from 0 to 10 or None, got {value!r}")


def check_rating(value: int | None, field: str = "rating") -> None:
    """How a session felt: 1 (hard going) to 5 (felt great), or None when not said."""
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5
    ):
        raise ValueError(f"{field} must be a whole number from 1 to 5 or None, got {value!r}")


def _check_count(value: int | None, field: str, *, optional: bool = True) -> None:
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        wanted = "a whole number >= 0" + (" or None" if optional else "")
        raise ValueError(f"{field} must be {wanted}, got {value!r}")


def _check_seconds(value: float | None, field: str, *, optional: bool) -> None:
    if value is None and optional:
        return
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or value != value  # NaN
        or value < 0
        or value == float("inf")
    ):
        raise ValueError(f"{field} must be a finite number of seconds >= 0, got {value!r}")


# --- sessions and steps --------------------------------------------------------------------


@dataclass(frozen=True)
class SessionRecord:
    """One run of a routine, as stored.

    ``routine_snapshot`` is the routine exactly as it was run, serialised by the
    caller; the history keeps it as opaque text so later edits to the routine never
    rewrite the past.
    """

    uuid: str
    routine_id: str
    routine_name: str
    routine_snapshot: str
    started_at: datetime
    utc_offset_minutes: int
    planned_seconds: float
    status: SessionStatus = SessionStatus.IN_PROGRESS
    ended_at: datetime | None = None
    tightness_before: int | None = None
    tightness_after: int | None = None
    notes: str = ""
    planned_work: float | None = None
    """Planned seconds of the session's sets when it started (see ``core.completion``)."""
    rating: int | None = None
    """How it felt, 1 to 5, answered on the summary."""

    def __post_init__(self) -> None:
        _check_uuid(self.uuid, "uuid")
        for name in ("routine_id", "routine_name", "routine_snapshot", "notes"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"{name} must be text, got {getattr(self, name)!r}")
        object.__setattr__(self, "started_at", _utc(self.started_at, "started_at"))
        if self.ended_at is not None:
            object.__setattr__(self, "ended_at", _utc(self.ended_at, "ended_at"))
        object.__setattr__(self, "status", _member(SessionStatus, self.status, "status"))
        _check_offset(self.utc_offset_minutes)
        _check_seconds(self.planned_seconds, "planned_seconds", optional=False)
        _check_tightness(self.tightness_before, "tightness_before")
        _check_tightness(self.tightness_after, "tightness_after")
        _check_seconds(self.planned_work, "planned_work", optional=True)
        check_rating(self.rating)

    @property
    def local_date(self) -> date:
        return local_date_of(self.started_at, self.utc_offset_minutes)

    @property
    def local_started_at(self) -> datetime:
        """Start time on the user's wall clock (with that fixed offset)."""
        return _as_local(self.started_at, self.utc_offset_minutes)


@dataclass(frozen=True)
class StepRecord:
    """One finished step of a session: what was planned and what was done.

    ``index`` is the step's position in the session's plan (0-based). Recording the
    same index again replaces it, so going back and redoing a step keeps the redo.
    """

    session_uuid: str
    index: int
    kind: StepKind
    exercise_id: str | None
    exercise_name: str | None
    side: Side
    round: int
    planned_reps: int | None
    planned_seconds: float | None
    done_reps: int | None
    done_seconds: float
    skipped: bool
    finished_at: datetime

    def __post_init__(self) -> None:
        _check_uuid(self.session_uuid, "session_uuid")
        _check_count(self.index, "index", optional=False)
        _check_count(self.round, "round", optional=False)
        object.__setattr__(self, "kind", _member(StepKind, self.kind, "kind"))
        object.__setattr__(self, "side", _member(Side, self.side, "side"))
        for name in ("exercise_id", "exercise_name"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise TypeError(f"{name} must be text or None, got {value!r}")
        _check_count(self.planned_reps, "planned_reps")
        _check_count(self.done_reps, "done_reps")
        _check_seconds(self.planned_seconds, "planned_seconds", optional=True)
        _check_seconds(self.done_seconds, "done_seconds", optional=False)
        if not isinstance(self.skipped, bool):
            raise TypeError(f"skipped must be True or False, got {self.skipped!r}")
        object.__setattr__(self, "finished_at", _utc(self.finished_at, "finished_at"))


@dataclass(frozen=True)
class SessionDetail:
    """A session with its steps in plan order."""

    session: SessionRecord
    steps: tuple[StepRecord, ...]

    @property
    def next_step_index(self) -> int:
        """Where a resumed session carries on: just after the last recorded step."""
        return max((step.index for step in self.steps), default=-1) + 1


@dataclass(frozen=True)
class SessionSummary:
    """A row of the history list: the session plus totals of what was done."""

    uuid: str
    routine_id: str
    routine_name: str
    started_at: datetime
    utc_offset_minutes: int
    ended_at: datetime | None
    status: SessionStatus
    tightness_before: int | None
    tightness_after: int | None
    notes: str
    planned_seconds: float
    done_seconds: float
    """Seconds spent in recorded steps (pauses excluded)."""
    done_reps: int
    """Repetitions done in work steps."""
    work_steps_done: int
    work_steps_skipped: int
    planned_work: float | None = None
    """Planned seconds of the sets when the session started; None if recorded before that."""
    done_work: float = 0.0
    """The sets' planned seconds, each as far as it was done (``core.completion``)."""
    rating: int | None = None

    @property
    def local_date(self) -> date:
        return local_date_of(self.started_at, self.utc_offset_minutes)

    @property
    def local_started_at(self) -> datetime:
        return _as_local(self.started_at, self.utc_offset_minutes)

    @property
    def completion(self) -> float:
        """Share of the planned work done, 0.0 to 1.0, as the summary screen said it.

        A session recorded before its planned work was kept falls back to the time spent
        over the time planned."""
        if self.planned_work is not None:
            return completion(self.done_work, self.planned_work)
        if self.planned_seconds <= 0:
            return 1.0 if self.status is SessionStatus.COMPLETED else 0.0
        return min(self.done_seconds / self.planned_seconds, 1.0)


@dataclass(frozen=True)
class SessionPage:
    """One page of the history list, newest first, with the total for the pager."""

    total: int
    offset: int
    limit: int
    items: tuple[SessionSummary, ...]

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.items) < self.total


@dataclass(frozen=True)
class TightnessPoint:
    """Check-in and check-out tightness of one session (fits ``stats.TightnessReading``)."""

    session_uuid: str
    started_at: datetime
    local_date: date
    before: int | None
    after: int | None


@dataclass(frozen=True)
class ExerciseTotals:
    """Everything done of one exercise, over all work steps in the history."""

    exercise_id: str
    exercise_name: str
    sets_done: int
    sets_skipped: int
    reps: int
    seconds: float
    sessions: int


@dataclass(frozen=True)
class ImportCounts:
    """What an import did: records already present (same UUID) are skipped, not duplicated."""

    sessions_added: int
    sessions_skipped: int
    self_tests_added: int
    self_tests_skipped: int


# --- self-tests ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SelfTestKind:
    """A measurement the user can take any day to see whether they are loosening up."""

    id: str
    name: str
    unit: str
    sided: bool
    """Measured separately for the left and the right leg."""
    higher_is_looser: bool


SELF_TEST_KINDS: Final[dict[str, SelfTestKind]] = {
    kind.id: kind
    for kind in (
        SelfTestKind(
            id="straight_leg_raise",
            name=N_("Active straight-leg raise"),
            unit=N_("degrees"),
            sided=True,
            higher_is_looser=True,
        ),
        SelfTestKind(
            id="sit_and_reach",
            name=N_("Sit and reach"),
            unit="cm",
            sided=False,
            higher_is_looser=True,
        ),
        SelfTestKind(id="note", name=N_("Note"), unit="", sided=False, higher_is_looser=True),
    )
}
"""Known kinds. Other kind ids are stored as given, so newer files still import."""


@dataclass(frozen=True)
class SelfTestRecord:
    """One self-test reading (or a free note when ``value`` is None)."""

    uuid: str
    kind: str
    side: Side
    value: float | None
    unit: str
    taken_at: datetime
    utc_offset_minutes: int
    notes: str = ""

    def __post_init__(self) -> None:
        _check_uuid(self.uuid, "uuid")
        if not isinstance(self.kind, str) or not self.kind.strip():
            raise ValueError(f"kind must be a non-empty name, got {self.kind!r}")
        object.__setattr__(self, "side", _member(Side, self.side, "side"))
        if self.side is Side.ALTERNATING:
            raise ValueError("a self-test is for the left side, the right side, or none")
        if self.value is not None and (
            isinstance(self.value, bool)
            or not isinstance(self.value, int | float)
            or self.value != self.value
            or abs(self.value) == float("inf")
        ):
            raise ValueError(f"value must be a finite number or None, got {self.value!r}")
        if self.value is None and not self.notes.strip():
            raise ValueError("a self-test needs a value, notes, or both")
        known = SELF_TEST_KINDS.get(self.kind)
        if known is not None and known.sided != (self.side is not Side.NONE):
            need = "left or right" if known.sided else "none"
            raise ValueError(f"{known.name} is recorded with side {need}, got {self.side.value}")
        object.__setattr__(self, "taken_at", _utc(self.taken_at, "taken_at"))
        _check_offset(self.utc_offset_minutes)

    @property
    def local_date(self) -> date:
        return local_date_of(self.taken_at, self.utc_offset_minutes)


def _as_local(moment: datetime, utc_offset_minutes: int) -> datetime:
    return moment.astimezone(timezone(timedelta(minutes=utc_offset_minutes)))
