"""How fast the history screen is ready on a long history, and what recording a step costs.

Builds histories in a temporary folder with the generator of
``benchmarks/history_store.py`` (20 steps a session, self-tests weekly): empty
(the baseline), ten years of daily sessions, and a stress one of 100,000
sessions. For each it times, offscreen:

- the review screen built and shown until its first paint is done (overview tab,
  with the calendar and both charts drawn), on the history the app opened at start;
- the Sessions tab opened (first page of the list, the newest session's steps);
- scrolling the list through the first 1,000 sessions (lazy pages of 50);
- a refresh after a session was added;
- one step recorded through ``SessionRecording`` (commit with fsync);
- the queries behind the screen one by one, and the two that read everything
  (per-exercise totals, the full integrity check) for comparison.

Each figure is the median of several runs; the ratio columns compare with the
empty history. Targets: ready in under 300 ms for ten years; the 100,000 case
stays responsive (nothing on the screen reads the whole history).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/history.py [--runs 5] [--stress 100000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent))
from history_store import build, print_table  # the sibling benchmark's, by path
from supple.app.session_recording import SessionRecording  # after the path
from supple.core.catalog import builtin_routines
from supple.core.events import StepFinished, StepResult
from supple.qt.history_access import HistoryAccess
from supple.qt.session_controller import plan_session
from supple.storage.history import HistoryStore, open_history
from supple.storage.recorder import HistoryRecorder
from supple.ui.history import ReviewScreen
from supple.ui.history.overview import TIGHTNESS_WEEKS, load_overview
from supple.ui.theme import BASE_HEIGHT, BASE_WIDTH

END = datetime(2026, 11, 26, 7, 0, tzinfo=UTC)
TODAY = END.date()


class PaintWatcher(QObject):
    """Notes when each watched widget has been painted at least once."""

    def __init__(self, widgets: list[QWidget]) -> None:
        super().__init__()
        self.waiting = set(widgets)
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  # Qt's name
        if event.type() == QEvent.Type.Paint:
            self.waiting.discard(watched)  # type: ignore[arg-type]  # a watched widget
        return False


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        action()
        times.append((time.perf_counter() - begin) * 1000)
    return statistics.median(times)


def until_painted(app: QApplication, widgets: list[QWidget], limit: float = 30.0) -> None:
    watcher = PaintWatcher(widgets)
    deadline = time.perf_counter() + limit
    while watcher.waiting and time.perf_counter() < deadline:
        app.processEvents()
    if watcher.waiting:
        raise RuntimeError(f"not painted: {watcher.waiting}")


def first_paint(app: QApplication, store: HistoryStore) -> Callable[[], object]:
    """Build the screen on the open history and show it until the overview has been painted.

    The app opens the history once at start (timed separately below), so opening is
    not part of showing the screen.
    """

    def run() -> None:
        screen = ReviewScreen(store, weekly_goal=3, today=lambda: TODAY)
        screen.resize(BASE_WIDTH, BASE_HEIGHT)
        screen.show()
        shown = [screen.overview_tab.calendar]
        if screen.overview_tab.weekly_chart.showing_chart:
            shown.append(screen.overview_tab.weekly_chart.view.viewport())
        if screen.overview_tab.tightness_chart.showing_chart:
            shown.append(screen.overview_tab.tightness_chart.view.viewport())
        if screen.pages.currentWidget() is screen.empty_state:
            shown = [screen.empty_state.title]
        until_painted(app, shown)
        screen.close()
        screen.deleteLater()
        app.processEvents()

    return run


def measure(app: QApplication, path: Path, runs: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    store = open_history(path)
    first_paint(app, store)()  # warm the file cache and Qt's fonts once
    figures["review screen ready (first paint)"] = median_ms(first_paint(app, store), runs)

    screen = ReviewScreen(store, weekly_goal=3, today=lambda: TODAY)
    screen.resize(BASE_WIDTH, BASE_HEIGHT)
    screen.show()
    app.processEvents()

    def sessions_tab() -> None:
        screen.show_tab(0)
        screen.sessions_tab.model.refresh()
        screen.show_tab(1)
        screen.sessions_tab.select_row(0)
        app.processEvents()

    figures["sessions tab: list + newest steps"] = median_ms(sessions_tab, runs)

    def scroll_1000() -> None:
        screen.sessions_tab.model.refresh()
        view = screen.sessions_tab.view
        while screen.sessions_tab.model.rowCount() < min(1000, screen.sessions_tab.model.total):
            view.scrollToBottom()
            app.processEvents()

    figures["scroll the list to 1,000 rows"] = median_ms(scroll_1000, runs)
    figures["refresh after a new session"] = median_ms(screen.refresh, runs)
    screen.close()

    figures["record one step (bridge)"] = record_step_ms(store, runs * 4)
    since = TODAY - timedelta(weeks=TIGHTNESS_WEEKS)
    queries: dict[str, Callable[[], object]] = {
        "  overview queries (all)": lambda: load_overview(HistoryAccess(store), TODAY, 3),
        "  streaks (every active day)": lambda: store.streaks(TODAY),
        "  weeks, 12": lambda: store.weekly_totals(TODAY, 12),
        f"  tightness, {TIGHTNESS_WEEKS} weeks": lambda: store.tightness_series(since),
        "  list page of 50": lambda: store.list_sessions(0, 50),
        "per-exercise totals (whole history)": store.exercise_totals,
        "PRAGMA integrity_check": lambda: store._db.execute("PRAGMA integrity_check").fetchall(),
        "open with quick_check": lambda: open_history(path).close(),
    }
    for name, query in queries.items():
        figures[name] = median_ms(query, runs)
    store.close()
    return figures


def record_step_ms(store: HistoryStore, runs: int) -> float:
    """One ``StepFinished`` through the recording into the store: the work between two steps."""
    recorder = HistoryRecorder(store)
    bridge = SessionRecording(recorder)
    routine = next(r for r in builtin_routines() if r.id == "hamstring-reset")
    start = plan_session(routine)
    assert start is not None
    bridge.on_session_started(start)
    steps = start.plan.steps
    counter = iter(range(10**6))

    def one() -> None:
        step = steps[next(counter) % len(steps)]
        result = StepResult(step=step, reps_done=step.target_reps, seconds_done=30.0, skipped=False)
        bridge.on_session_event(StepFinished(due=0.0, result=result))

    figure = median_ms(one, runs)
    session = bridge.session_uuid
    if session is not None:
        store.delete_session(session)
    return figure


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--stress", type=int, default=100_000, help="sessions in the stress one")
    options = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory(prefix="supple-bench-") as folder:
        base = Path(folder)
        histories = {"empty": (base / "empty.sqlite3", 0), "10 years": (base / "ten.sqlite3", 3650)}
        if options.stress:
            histories[f"{options.stress:,} sessions"] = (base / "stress.sqlite3", options.stress)
        results: dict[str, dict[str, float]] = {}
        for label, (path, sessions) in histories.items():
            seconds = build(path, sessions, END)
            size = path.stat().st_size / 1e6
            print(
                f"built {label}: {sessions} sessions in {seconds:.1f} s, {size:.1f} MB", flush=True
            )
            results[label] = measure(app, path, options.runs)

    print_table(results, options.runs, width=38, decimals=1)
    labels = list(results)
    ready = results[labels[1]]["review screen ready (first paint)"] if len(labels) > 1 else 0.0
    print(f"\nTarget: ready in < 300 ms for ten years: {ready:.0f} ms.")


if __name__ == "__main__":
    main()
