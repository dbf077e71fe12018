"""Builders for history records, so each test states only what it is about."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from supple.storage.history import HistoryStore
from supple.storage.records import (
    SessionRecord,
    SessionStatus,
    Side,
    StepKind,
    StepRecord,
    new_uuid,
)

SNAPSHOT = '{"id": "pelvic-basics", "steps": ["pelvic tilt", "90/90 switch", "hip hike"]}'
MORNING = datetime(2026, 11, 2, 6, 30, tzinfo=UTC)  # a Monday


class Records:
    """Makes sessions and steps with sensible values; keyword arguments override them."""

    def session(self, started_at: datetime = MORNING, **overrides) -> SessionRecord:
        values = {
            "uuid": new_uuid(),
            "routine_id": "pelvic-basics",
            "routine_name": "Pelvic basics",
            "routine_snapshot": SNAPSHOT,
            "started_at": started_at,
            "utc_offset_minutes": 60,
            "planned_seconds": 900.0,
        }
        values.update(overrides)
        return SessionRecord(**values)

    def step(self, session: SessionRecord, index: int, **overrides) -> StepRecord:
        work = index % 2 == 0
        values = {
            "session_uuid": session.uuid,
            "index": index,
            "kind": StepKind.WORK if work else StepKind.REST,
            "exercise_id": "pelvic_tilt" if work else None,
            "exercise_name": "Pelvic tilt" if work else None,
            "side": Side.LEFT if work else Side.NONE,
            "round": 1 + index // 4,
            "planned_reps": 10 if work else None,
            "planned_seconds": None if work else 20.0,
            "done_reps": 10 if work else None,
            "done_seconds": 40.0 if work else 20.0,
            "skipped": False,
            "finished_at": session.started_at + timedelta(seconds=60 * (index + 1)),
        }
        values.update(overrides)
        return StepRecord(**values)

    def run(
        self,
        store: HistoryStore,
        started_at: datetime = MORNING,
        steps: int = 4,
        status: SessionStatus | None = SessionStatus.COMPLETED,
        **overrides,
    ) -> SessionRecord:
        """A session as the app records it: begin, each step, then finish (unless None)."""
        session = self.session(started_at, **overrides)
        store.begin_session(session)
        for index in range(steps):
            store.record_step(self.step(session, index))
        if status is not None:
            store.finish_session(session.uuid, status, started_at + timedelta(minutes=15))
        return session


def look(path: Path) -> contextlib.closing[sqlite3.Connection]:
    """A plain autocommit connection, independent of the code under test, closed after use."""
    return contextlib.closing(sqlite3.connect(path, isolation_level=None))
