"""How fast the history screen opens on a long history, and what one step costs to record.

Builds three histories in a temporary folder: empty (the baseline), ten years of
daily sessions (about 3,650 sessions of 20 steps) and a stress one of 100,000
sessions, then times opening the file, each query the history screen makes, the
review screen until its first paint and the memory of a process showing it (both in
a child process, offscreen). Each figure is the median of several runs; the ratio
columns compare with the empty history.

Targets at 100,000 sessions: open <= 100 ms, every review query <= 100 ms, review
screen ready <= 300 ms, memory with the screen open <= 60 MB above the empty history.

    .venv/bin/python benchmarks/history_store.py [--runs 5] [--stress 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
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
from supple.ui.history.overview import TIGHTNESS_ALL_SESSIONS, TIGHTNESS_WEEKS

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
    open_history(path).close()  # the first open of the week runs the full check
    figures["open (as the app opens it)"] = median_ms(lambda: open_history(path).close(), runs)
    note = path.with_name(path.name + ".checked")
    figures["open with the full check (weekly)"] = median_ms(
        lambda: (note.unlink(missing_ok=True), open_history(path).close()), runs
    )
    store = open_history(path, check=False)
    total = store.session_count()
    window = None if total <= TIGHTNESS_ALL_SESSIONS else today - timedelta(weeks=TIGHTNESS_WEEKS)
    queries: dict[str, Callable[[], object]] = {
        "first page of 50": lambda: store.list_sessions(0, 50),
        "a page in the middle": lambda: store.list_sessions(total // 2, 50),
        "last session": store.last_session,
        "weekly buckets, 12 weeks": lambda: store.weekly_totals(today, 12),
        "tightness series (as the screen asks)": lambda: store.tightness_series(window),
        "streak dates + streaks": lambda: streaks(store.active_dates(), today),
        "self-test series": lambda: store.self_tests("straight_leg_raise", Side.LEFT),
        "per-exercise totals": store.exercise_totals,
        "session count": store.session_count,
    }
    for name, query in queries.items():
        figures[name] = median_ms(query, runs)
    figures["tightness series, every answer"] = median_ms(store.tightness_series, runs)

    def review_screen() -> None:
        with open_history(path) as fresh:
            fresh.list_sessions(0, 50)
            fresh.weekly_totals(today, 12)
            fresh.tightness_series(window)
            streaks(fresh.active_dates(), today)

    figures["open + review queries (total)"] = median_ms(review_screen, runs)
    figures["record one step (commit)"] = _record_step_ms(store, runs)
    store.close()
    figures.update(_screen_figures(path, runs))
    return figures


SCREEN_CHILD = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from history import TODAY, first_paint, median_ms
from PySide6.QtWidgets import QApplication
from supple.storage.history import open_history
from supple.ui.history import ReviewScreen
from supple.ui.theme import BASE_HEIGHT, BASE_WIDTH, install_font

def rss_mb():
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 1e6

app = QApplication(sys.argv[:1])
install_font(app)
store = open_history(Path(sys.argv[1]))
first_paint(app, store)()  # fonts, file cache and Qt's first use of each class
ready = median_ms(first_paint(app, store), int(sys.argv[2]))
screen = ReviewScreen(store, weekly_goal=3, today=lambda: TODAY)
screen.resize(BASE_WIDTH, BASE_HEIGHT)
screen.show()
for _ in range(50):
    app.processEvents()
    time.sleep(0.01)
print(json.dumps({"ready": ready, "rss": rss_mb()}))
"""


def _screen_figures(path: Path, runs: int) -> dict[str, float]:
    """The review screen, in a process of its own (offscreen Qt), so its memory is its own."""
    here = Path(__file__).resolve().parent
    done = subprocess.run(
        [sys.executable, "-c", SCREEN_CHILD, str(path), str(runs), str(here)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=600,
        check=True,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "review screen ready (first paint)": figures["ready"],
        "memory with the screen open (MB)": figures["rss"],
    }


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

    print_table(results, options.runs, width=40, decimals=2)
    print_targets(results)


REVIEW_QUERIES = (
    "first page of 50",
    "a page in the middle",
    "last session",
    "weekly buckets, 12 weeks",
    "tightness series (as the screen asks)",
    "streak dates + streaks",
    "self-test series",
    "per-exercise totals",
    "session count",
)


def print_targets(results: dict[str, dict[str, float]]) -> None:
    labels = list(results)
    empty, last = results[labels[0]], results[labels[-1]]
    slowest = max(REVIEW_QUERIES, key=lambda name: last[name])
    memory = "memory with the screen open (MB)"
    print(
        f"\nTargets on {labels[-1]}: open {last['open (as the app opens it)']:.1f} ms (<= 100);"
        f" slowest review query {last[slowest]:.1f} ms, {slowest} (<= 100);"
        f" review screen ready {last['review screen ready (first paint)']:.0f} ms (<= 300);"
        f" memory {last[memory] - empty[memory]:+.1f} MB against the empty history (<= 60)."
    )


if __name__ == "__main__":
    main()
