"""Does a running session keep time while something else uses the history?

A real Supple (``run_app``: window, event loop, history writer, sound) runs a session of
short steps in a child process, with Start pressed once start-up has settled, while:

- quiet: nothing else touches the data folder;
- lock: another process holds an exclusive lock on ``history.sqlite3`` for 12 s
  (a backup tool, ``sqlite3`` open in a shell);
- import: another process runs ``supple history import`` of 9,000 sessions;
- second: a second Supple runs its own session on the same data folder;
- first paint: Start is pressed as soon as Home is painted, with an empty cue cache.

Lateness is the driver's own record: the moment each timed event is delivered minus its
due moment. At the end every record the sessions reported is counted on disk, and
``PRAGMA integrity_check`` runs on the file.

    python benchmarks/contention.py [--seconds 30] [--only lock,import]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_P99_MS = 5.0
TARGET_MAX_MS = 20.0
IMPORTED = 9_000
LOCK_SECONDS = 12.0
DISTURB_AFTER = 3.0
"""Seconds into the session when the other process starts."""

SESSION = r"""
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QTimer
from supple.app import main as app_main
from supple.core.events import SessionFinished, StepFinished
from supple.core.model import Block, Entry, Routine, Sides
from supple.storage.settings import Settings, save_settings

seconds, at_first_paint, settle = float(sys.argv[1]), sys.argv[2] == "1", float(sys.argv[3])
if os.environ.get("CONTENTION_SECOND_INSTANCE"):  # past the single-instance rule, as when
    from supple.qt.single_instance import SingleInstance  # it cannot work (two desktops)
    app_main.claim_instance = lambda routine: SingleInstance(f"contention-{os.getpid()}")
if os.environ.get("CONTENTION_GUI_THREAD_WRITES"):  # the baseline: how Supple wrote before
    from supple.storage import recorder
    on_thread = recorder.open_recorder
    recorder.open_recorder = lambda path=None, background=False: on_thread(path)
save_settings(Settings(ask_tightness_before=False))
ROUTINE = Routine(
    id="contention", name="Contention", get_ready_seconds=0, side_switch_seconds=0,
    blocks=(Block(name="Circuit", rounds=20, rest_between_exercises=0, rest_between_rounds=1,
        entries=(Entry("pelvic-tilt", reps=2, tempo=0.5),
                 Entry("elevated-hip-hike", reps=1, tempo=0.5, sides=Sides.EACH),
                 Entry("march-in-place", seconds=1))),),
)

class Measured(app_main.Supple):
    steps = 0
    def show(self, fullscreen=False):
        super().show(fullscreen)
        self.after_first_paint(lambda: QTimer.singleShot(int(settle * 1000), self.go))
    def go(self):
        self.controller.event_occurred.connect(self.on_event)
        self.window.start_session(ROUTINE)
        print(f"started {time.time():.3f}", flush=True)
        QTimer.singleShot(int(seconds * 1000), self.stop)
    def on_event(self, event):
        if isinstance(event, StepFinished):
            Measured.steps += 1
    def stop(self):
        driver = self.controller.driver
        lateness = list(driver.lateness) if driver is not None else []
        uuid = self.recording.session_uuid
        self.controller.end_now()
        print("result " + json.dumps({"lateness": lateness, "uuid": uuid,
              "steps": Measured.steps}), flush=True)
        self.window.close()

app_main.Supple = Measured
sys.exit(app_main.run_app())
"""

HOLD_LOCK = r"""
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
db.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("ROLLBACK")
"""


def child_env(data: Path, baseline: bool = False, second: bool = False) -> dict[str, str]:
    env = {**os.environ, "SUPPLE_DATA_DIR": str(data), "PYTHONPATH": str(ROOT / "src")}
    if baseline:
        env["CONTENTION_GUI_THREAD_WRITES"] = "1"
    if second:
        env["CONTENTION_SECOND_INSTANCE"] = "1"
    return env


def session_child(
    data: Path, seconds: float, at_first_paint: bool, baseline: bool = False, second: bool = False
) -> subprocess.Popen[str]:
    settle = 0.0 if at_first_paint else 3.0
    return subprocess.Popen(
        [sys.executable, "-c", SESSION, str(seconds), "1" if at_first_paint else "0", str(settle)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(data, baseline, second),
    )


def wait_for(child: subprocess.Popen[str], prefix: str) -> str:
    assert child.stdout is not None
    seen = []
    while True:
        line = child.stdout.readline()
        seen.append(line)
        if not line:
            errors = child.stderr.read() if child.stderr else ""
            raise RuntimeError(f"child ended ({child.wait()}): {seen[-5:]} {errors[-3000:]}")
        if line.startswith(prefix):
            return line.strip()


def finish(child: subprocess.Popen[str]) -> dict[str, object]:
    result = json.loads(wait_for(child, "result ")[len("result ") :])
    _out, errors = child.communicate(timeout=120)
    result["status"] = child.returncode
    if child.returncode != 0:
        raise RuntimeError(f"the session ended with {child.returncode}: {errors[-2000:]}")
    return result


def make_import_file(folder: Path) -> Path:
    """An export of 9,000 synthetic sessions (from ``history_store.py``'s generator)."""
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import random

    from history_store import synthetic_sessions
    from supple.storage.history import open_history
    from supple.storage.transfer import export_json

    source = folder / "source.sqlite3"
    with open_history(source) as store:
        store.import_records(
            synthetic_sessions(IMPORTED, datetime(2026, 11, 1, tzinfo=UTC), random.Random(7))
        )
        target = folder / "import.json"
        export_json(store, target)
    return target


def disturb(kind: str, data: Path, import_file: Path | None, seconds: float, baseline: bool):
    """Start the other process for ``kind``; returns it (or None)."""
    history = data / "history.sqlite3"
    env = child_env(data, baseline)
    if kind == "lock":
        return subprocess.Popen(
            [sys.executable, "-c", HOLD_LOCK, str(history), str(LOCK_SECONDS)],
            stdout=subprocess.PIPE,
            text=True,
        )
    if kind == "import":
        return subprocess.Popen(
            [sys.executable, "-m", "supple", "history", "import", str(import_file)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
    if kind == "second":
        return session_child(data, seconds - DISTURB_AFTER, True, baseline, second=True)
    return None


def on_disk(history: Path, results: list[dict[str, object]]) -> tuple[str, str]:
    """Records counted on disk against what the sessions reported, and the full check."""
    with sqlite3.connect(history) as db:
        found = []
        for result in results:
            row = db.execute(
                "SELECT count(*), max(s.status) FROM steps JOIN sessions s"
                " ON s.id = steps.session_id WHERE s.uuid = ?",
                (result["uuid"],),
            ).fetchone()
            found.append((row[0], result["steps"], row[1]))
        sessions = db.execute("SELECT count(*) FROM sessions").fetchone()[0]
        steps = db.execute("SELECT count(*) FROM steps").fetchone()[0]
        check = db.execute("PRAGMA integrity_check").fetchall()
    ok = all(have >= want and status != "in_progress" for have, want, status in found)
    counted = (
        f"{sessions:,} sessions, {steps:,} steps; reported steps "
        + ", ".join(f"{have}/{want} ({status})" for have, want, status in found)
        + (" all there" if ok else " MISSING")
    )
    return counted, ", ".join(str(row[0]) for row in check)


def run(kind: str, seconds: float, import_file: Path | None, baseline: bool) -> dict[str, object]:
    data = Path(tempfile.mkdtemp(prefix=f"supple-contention-{kind.replace(' ', '-')}-"))
    try:
        if kind != "first paint":  # a warm cue cache, as on any start but the first
            finish(session_child(data, 1.0, at_first_paint=True))
        session = session_child(data, seconds, kind == "first paint", baseline)
        wait_for(session, "started ")
        time.sleep(DISTURB_AFTER)
        other = disturb(kind, data, import_file, seconds, baseline)
        result = finish(session)
        results = [result]
        if other is not None:
            if kind == "second":
                results.append(finish(other))
            else:
                other.communicate(timeout=300)
        counted, check = on_disk(data / "history.sqlite3", results)
        lateness_ms = sorted(1000 * x for x in result["lateness"])  # type: ignore[union-attr]
        return {
            "kind": kind + (" (writes on the GUI thread, as before)" if baseline else ""),
            "events": len(lateness_ms),
            "p50": statistics.median(lateness_ms),
            "p99": lateness_ms[min(len(lateness_ms) - 1, round(0.99 * (len(lateness_ms) - 1)))],
            "max": lateness_ms[-1],
            "counted": counted,
            "check": check,
        }
    finally:
        shutil.rmtree(data, ignore_errors=True)


KINDS = ("quiet", "lock", "import", "second", "first paint")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--only", default=",".join(KINDS), help="comma-separated kinds")
    parser.add_argument(
        "--baseline", action="store_true", help="each case again, writing on the GUI thread"
    )
    args = parser.parse_args()
    kinds = [k.strip() for k in args.only.split(",")]
    import_file = None
    with tempfile.TemporaryDirectory(prefix="supple-import-") as folder:
        if "import" in kinds:
            began = time.perf_counter()
            import_file = make_import_file(Path(folder))
            print(
                f"import file of {IMPORTED:,} sessions made in {time.perf_counter() - began:.1f} s"
            )
        rows = [
            run(kind, args.seconds, import_file, baseline)
            for kind in kinds
            for baseline in ((False, True) if args.baseline else (False,))
        ]
    print()
    print(
        f"| while ({args.seconds:.0f} s session) | events | p50 ms | p99 ms | max ms | target met "
        "| records on disk | integrity_check |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        met = row["p99"] <= TARGET_P99_MS and row["max"] <= TARGET_MAX_MS
        print(
            f"| {row['kind']} | {row['events']} | {row['p50']:.2f} | {row['p99']:.2f} "
            f"| {row['max']:.2f} | {'yes' if met else 'NO'} | {row['counted']} | {row['check']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
