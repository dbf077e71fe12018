"""How fast the history screen opens on a long history, and what one step costs to record.

Builds three histories in a temporary folder: empty (the baseline), ten years of
daily sessions (about 3,650 sessions of 20 steps) and a stress one of 100,000
sessions, then times opening the file and each query the history screen makes.
Each figure is the median of several runs; the ratio columns compare with the
empty history.

    .venv/bin/python benchmarks/history_store.py [--runs 5] [--stress 100000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from supple.core.stats import streaks
from supple.storage.history import HistoryStore, open_history
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

STEPS_PER_SESSION = 20
EXERCISES = [
    ("pelvic_tilt", "Pelvic tilt"),
    ("ninety_ninety", "90/90 hip switch"),
    ("hip_hike", "Elevated hip hike"),
    ("knee_roll", "90/90 knee roll"),
    ("hamstring_curl", "Hamstring curl"),
]
SNAPSHOTS = [f'{{"id": "pelvic-basics", "version": {v}, "pad": "{"x" * 1500}"}}' for v in range(4)]


def synthetic_sessions(count: int, end: datetime, rng: random.Random) -> Iterator[SessionDetail]:
    """One session a day going back from ``end``, a few a day once days run out."""
    per_day = max(1, -(-count // 3650)) if count > 3650 else 1
    for n in range(count):
        started = end - timedelta(days=n // per_day, minutes=40 * (n % per_day))
        started -= timedelta(minutes=rng.randint(0, 120))
        uuid = new_uuid()
        status = rng.choices(
            [SessionStatus.COMPLETED, SessionStatus.STOPPED, SessionStatus.IN_PROGRESS],
            weights=[90, 9, 1],
        )[0]
        before = rng.randint(3, 9) if rng.random() < 0.7 else None
        ended = None if status is SessionStatus.IN_PROGRESS else started + timedelta(minutes=20)
        session = SessionRecord(
            uuid=uuid,
            routine_id="pelvic-basics",
            routine_name="Pelvic basics",
            routine_snapshot=SNAPSHOTS[(n // 1000) % len(SNAPSHOTS)],
            started_at=started,
            utc_offset_minutes=60,
            planned_seconds=1200.0,
            status=status,
            ended_at=ended,
            tightness_before=before,
            tightness_after=None if before is None else max(0, before - rng.randint(0, 3)),
            notes="" if rng.random() < 0.8 else "hamstrings a bit easier today",
        )
        steps = []
        for index in range(STEPS_PER_SESSION):
            work = index % 2 == 0
            exercise_id, name = EXERCISES[(index // 4) % len(EXERCISES)]
            steps.append(
                StepRecord(
                    session_uuid=uuid,
                    index=index,
                    kind=StepKind.WORK if work else StepKind.REST,
                    exercise_id=exercise_id if work else None,
                    exercise_name=name if work else None,
                    side=Side.LEFT if index % 4 == 0 else Side.RIGHT,
                    round=index // 4,
                    planned_reps=10 if work else None,
                    planned_seconds=None if work else 20.0,
                    done_reps=10 if work else None,
                    done_seconds=45.0 if work else 20.0,
                    skipped=work and rng.random() < 0.03,
                    finished_at=started + timedelta(minutes=index + 1),
                )
            )
        yield SessionDetail(session, tuple(steps))


def build(path: Path, sessions: int, end: datetime) -> float:
    rng = random.Random(sessions)
    begin = time.perf_counter()
    with open_history(path) as store:
        tests = [
            SelfTestRecord(
                uuid=new_uuid(),
                kind="straight_leg_raise",
                side=side,
                value=55.0 + week * 0.02 + rng.random(),
                unit="degrees",
                taken_at=end - timedelta(weeks=week),
                utc_offset_minutes=60,
            )
            for week in range(min(sessions // 7, 520))
            for side in (Side.LEFT, Side.RIGHT)
        ]
        store.import_records(synthetic_sessions(sessions, end, rng), tests)
    return time.perf_counter() - begin


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        action()
        times.append((time.perf_counter() - begin) * 1000)
    return statistics.median(times)


def measure(path: Path, today: date, runs: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    figures["open (with quick_check)"] = median_ms(lambda: open_history(path).close(), runs)
    figures["open (no check)"] = median_ms(lambda: open_history(path, check=False).close(), runs)
    store = open_history(path, check=False)
    total = store.session_count()
    queries: dict[str, Callable[[], object]] = {
        "first page of 50": lambda: store.list_sessions(0, 50),
        "a page in the middle": lambda: store.list_sessions(total // 2, 50),
        "last session": store.last_session,
        "weekly buckets, 12 weeks": lambda: store.weekly_totals(today, 12),
        "tightness series": store.tightness_series,
        "streak dates + streaks": lambda: streaks(store.active_dates(), today),
        "self-test series": lambda: store.self_tests("straight_leg_raise", Side.LEFT),
        "per-exercise totals": store.exercise_totals,
    }
    for name, query in queries.items():
        figures[name] = median_ms(query, runs)

    def review_screen() -> None:
        with open_history(path) as fresh:
            fresh.list_sessions(0, 50)
            fresh.weekly_totals(today, 12)
            fresh.tightness_series()
            streaks(fresh.active_dates(), today)

    figures["open + review screen (total)"] = median_ms(review_screen, runs)
    figures["record one step (commit)"] = _record_step_ms(store, runs)
    store.close()
    return figures


def _record_step_ms(store: HistoryStore, runs: int) -> float:
    session = SessionRecord(
        uuid=new_uuid(),
        routine_id="bench",
        routine_name="Bench",
        routine_snapshot="{}",
        started_at=datetime.now(UTC),
        utc_offset_minutes=0,
        planned_seconds=60.0,
    )
    store.begin_session(session)
    counter = iter(range(10_000))

    def one() -> None:
        store.record_step(
            StepRecord(
                session_uuid=session.uuid,
                index=next(counter),
                kind=StepKind.WORK,
                exercise_id="pelvic_tilt",
                exercise_name="Pelvic tilt",
                side=Side.NONE,
                round=0,
                planned_reps=10,
                planned_seconds=None,
                done_reps=10,
                done_seconds=40.0,
                skipped=False,
                finished_at=datetime.now(UTC),
            )
        )

    result = median_ms(one, max(runs, 5))
    store.delete_session(session.uuid)
    return result


def print_table(
    results: dict[str, dict[str, float]], runs: int, *, width: int, decimals: int
) -> None:
    """One row per figure, one column per history, with each ratio to the first (empty) one."""
    labels = list(results)
    baseline = results[labels[0]]
    header = f"{'median of ' + str(runs) + ' runs (ms)':<{width}}" + "".join(
        f"{label:>18}" + ("" if label == labels[0] else f"{'x empty':>9}") for label in labels
    )
    print()
    print(header)
    print("-" * len(header))
    for name in baseline:
        cells = []
        for label in labels:
            value = results[label][name]
            cells.append(f"{value:>18.{decimals}f}")
            if label != labels[0]:
                ratio = value / baseline[name] if baseline[name] > 0 else float("nan")
                cells.append(f"{ratio:>9.1f}")
        print(f"{name:<{width}}" + "".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--stress", type=int, default=100_000, help="sessions in the stress one")
    options = parser.parse_args()
    end = datetime(2026, 11, 26, 7, 0, tzinfo=UTC)
    today = end.date()
    with tempfile.TemporaryDirectory(prefix="supple-bench-") as folder:
        base = Path(folder)
        histories = {"empty": (base / "empty.sqlite3", 0), "10 years": (base / "ten.sqlite3", 3650)}
        if options.stress:
            histories[f"{options.stress:,} sessions"] = (base / "stress.sqlite3", options.stress)
        results: dict[str, dict[str, float]] = {}
        for label, (path, sessions) in histories.items():
            seconds = build(path, sessions, end)
            size = path.stat().st_size / 1e6
            print(f"built {label}: {sessions} sessions in {seconds:.1f} s, {size:.1f} MB")
            results[label] = measure(path, today, options.runs)

    print_table(results, options.runs, width=32, decimals=2)


if __name__ == "__main__":
    main()
