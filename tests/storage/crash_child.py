"""A process that records a session's steps as fast as it can, to be killed mid-write.

It prints ``committed <index>`` (flushed) only after ``record_step`` has returned,
so every line the parent reads is a promise that the step is on disk.

    python crash_child.py DB SESSION_UUID STARTED_AT FIRST_STEP [STEPS]
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path

from supple.storage.history import open_history
from supple.storage.records import SessionRecord, Side, StepKind, StepRecord


def main(argv: list[str]) -> int:
    db, session_uuid, started_text, first_text = argv[:4]
    steps = int(argv[4]) if len(argv) > 4 else 100_000
    started_at = datetime.fromisoformat(started_text)
    first = int(first_text)
    store = open_history(Path(db))
    store.begin_session(
        SessionRecord(
            uuid=session_uuid,
            routine_id="pelvic-basics",
            routine_name="Pelvic basics",
            routine_snapshot='{"id": "pelvic-basics"}',
            started_at=started_at,
            utc_offset_minutes=60,
            planned_seconds=1200.0,
            tightness_before=6,
        )
    )
    print("begun", flush=True)
    for index in range(first, first + steps):
        work = index % 2 == 0
        store.record_step(
            StepRecord(
                session_uuid=session_uuid,
                index=index,
                kind=StepKind.WORK if work else StepKind.REST,
                exercise_id="hamstring_curl" if work else None,
                exercise_name="Hamstring curl" if work else None,
                side=Side.LEFT if index % 4 == 0 else Side.RIGHT,
                round=index // 4,
                planned_reps=12 if work else None,
                planned_seconds=None if work else 15.0,
                done_reps=12 if work else None,
                done_seconds=35.5 if work else 15.0,
                skipped=False,
                finished_at=started_at + timedelta(seconds=30 * (index + 1)),
            )
        )
        print(f"committed {index}", flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
