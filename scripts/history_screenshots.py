"""Render the history screens to PNG files from a year of made-up, realistic history.

Fourteen months of sessions, three or four a week, with the hamstrings loosening
quickly at first and then settling (tightness before sessions from about 7 to
about 4, a point or two less after each session) and a straight-leg raise measured
most weeks. The dates are fixed, so the pictures are the same every time. Run from
the repository root:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/history_screenshots.py \
        [--out DIR] [--size 3840x2160]

Writes history-review.png (overview), history-sessions.png, history-self-tests.png,
history-empty.png, history-log-self-test.png, history-home-summary.png,
history-home-notices.png (Home with the history's banner), history-checkout.png
and checkin.png into docs/screenshots/ by default, at 1280x720 unless --size says
otherwise.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from supple import paths
from supple.app.session_recording import step_record
from supple.core import routine_file
from supple.core.catalog import builtin_routines
from supple.core.events import StepResult
from supple.core.library import load_library
from supple.core.plan import compile_plan
from supple.qt.session_controller import SessionController
from supple.qt.settings_store import SettingsStore
from supple.storage.history import HistoryStore, open_history
from supple.storage.records import (
    SelfTestRecord,
    SessionDetail,
    SessionRecord,
    SessionStatus,
    Side,
    new_uuid,
)
from supple.storage.settings import Settings
from supple.ui.history import (
    CheckOutPanel,
    HistoryNotices,
    HomeHistorySummary,
    ReviewScreen,
    SelfTestDialog,
    TightnessCheckIn,
)
from supple.ui.main_window import MainWindow
from supple.ui.theme import install_font

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZE = (1280, 720)
TODAY = date(2026, 11, 26)  # a Thursday
LOCAL = timezone(timedelta(hours=1))
WEEKS = 60

NOTES = [
    "Left hamstring tight at the start, fine by the curls.",
    "Hip hikes felt easier today.",
    "Short on time, quick version.",
    "90/90 transitions smoother than last week.",
    "Ran 8 km after; legs felt loose.",
]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def build_history(store: HistoryStore, seed: int = 7) -> None:
    """About 190 sessions over 60 weeks and a self-test most Sundays, imported in one go."""
    rng = random.Random(seed)
    routines = {r.id: r for r in builtin_routines()}
    sessions: list[SessionDetail] = []
    first_monday = TODAY - timedelta(days=TODAY.weekday(), weeks=WEEKS - 1)
    for week in range(WEEKS):
        monday = first_monday + timedelta(weeks=week)
        count = rng.choice([3, 3, 4, 4, 2]) if week not in (5,) else 1
        days = sorted(rng.sample(range(7), count))
        if week == WEEKS - 1:
            days = [1, 2, 3]  # Tuesday to today: a streak alive and this week's goal met
        for day_number in days:
            day = monday + timedelta(days=day_number)
            if day > TODAY:
                continue
            sessions.append(_session(rng, routines, day, week, recent=week == WEEKS - 1))
    tests = []
    for week in range(WEEKS - 2):
        sunday = first_monday + timedelta(weeks=week, days=6)
        if rng.random() < 0.15 or sunday > TODAY:
            continue
        taken = datetime(sunday.year, sunday.month, sunday.day, 9, 15, tzinfo=LOCAL)
        for side, start in ((Side.LEFT, 57.0), (Side.RIGHT, 53.0)):
            tests.append(
                SelfTestRecord(
                    uuid=new_uuid(),
                    kind="straight_leg_raise",
                    side=side,
                    value=round(start + 14 * _progress(week) + rng.uniform(-1.5, 1.5)),
                    unit="degrees",
                    taken_at=taken,
                    utc_offset_minutes=60,
                )
            )
        if week % 3 == 0:
            tests.append(
                SelfTestRecord(
                    uuid=new_uuid(),
                    kind="sit_and_reach",
                    side=Side.NONE,
                    value=round(-4 + 8 * _progress(week) + rng.uniform(-1, 1), 1),
                    unit="cm",
                    taken_at=taken,
                    utc_offset_minutes=60,
                )
            )
    store.import_records(sessions, tests)


def _progress(week: int) -> float:
    """How far the loosening has come by ``week``: quick at first, then settling (0 to 1)."""
    return 1 - 0.955**week


def _session(
    rng: random.Random, routines: dict, day: date, week: int, recent: bool
) -> SessionDetail:
    routine = routines["hamstring-reset" if rng.random() < 0.75 else "quick-reset"]
    plan = compile_plan(routine)
    hour, minute = rng.choice([(7, 5), (7, 30), (6, 50), (18, 40), (19, 10)])
    started = datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL)
    uuid = new_uuid()
    stopped = rng.random() < 0.08 and not recent
    last = len(plan.steps) if not stopped else int(len(plan.steps) * rng.uniform(0.4, 0.8))
    steps = []
    moment = started
    for step in plan.steps[:last]:
        seconds = step.planned_seconds * rng.uniform(0.98, 1.08)
        moment += timedelta(seconds=seconds)
        skipped = step.is_work and rng.random() < 0.03
        reps = step.target_reps if step.counts_reps else None
        if skipped and reps:
            reps = reps // 2
        result = StepResult(step=step, reps_done=reps, seconds_done=seconds, skipped=skipped)
        steps.append(step_record(uuid, step.index, result, moment.astimezone(UTC)))
    trend = 7.3 - 3.5 * _progress(week)
    before = round(min(10, max(0, trend + rng.uniform(-0.9, 0.9))))
    after = max(0, before - rng.choice([1, 1, 2, 2, 3]))
    answered = rng.random() > 0.12
    session = SessionRecord(
        uuid=uuid,
        routine_id=routine.id,
        routine_name=routine.name,
        routine_snapshot=routine_file.dumps(routine),
        started_at=started,
        utc_offset_minutes=60,
        planned_seconds=plan.total_seconds,
        status=SessionStatus.STOPPED if stopped else SessionStatus.COMPLETED,
        ended_at=moment,
        tightness_before=before if answered else None,
        tightness_after=after if answered and not stopped else None,
        notes=rng.choice(NOTES) if rng.random() < 0.3 else "",
    )
    return SessionDetail(session, tuple(steps))


def settle(app: QCoreApplication, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()


def save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    _said(path)


def _said(path: Path) -> None:
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def save_with_dialog(window: QWidget, dialog: QWidget, path: Path) -> None:
    """The window, dimmed, with the dialog over its middle, as the user sees it."""
    picture = window.grab()
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 110))
    shot = dialog.grab()
    painter.drawPixmap(
        (picture.width() - shot.width()) // 2, (picture.height() - shot.height()) // 2, shot
    )
    painter.end()
    picture.save(str(path))
    _said(path)


def shoot(out: Path, size: tuple[int, int] = DEFAULT_SIZE) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_font(app)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="supple-shots-") as folder:
        paths.set_data_dir(Path(folder) / "empty")
        with open_history() as empty_store:
            empty = ReviewScreen(empty_store, today=lambda: TODAY)
            empty.resize(*size)
            empty.show()
            settle(app)
            save(empty, out / "history-empty.png")
            empty.close()

        paths.set_data_dir(Path(folder) / "full")
        store = open_history()
        build_history(store)

        review = ReviewScreen(store, weekly_goal=3, today=lambda: TODAY)
        review.resize(*size)
        review.show()
        settle(app)
        save(review, out / "history-review.png")
        review.show_tab(1)
        review.sessions_tab.select_row(1)
        settle(app)
        save(review, out / "history-sessions.png")
        review.show_tab(2)
        settle(app)
        save(review, out / "history-self-tests.png")
        review.log_self_test()
        [dialog] = [d for d in review.findChildren(SelfTestDialog) if d.isVisible()]
        dialog.set_fields("straight_leg_raise", 67.0, Side.LEFT, TODAY, "after a warm-up")
        settle(app)
        save_with_dialog(review, dialog, out / "history-log-self-test.png")
        dialog.reject()
        review.close()

        clock = FakeClock()
        window = MainWindow(
            load_library(None),
            SettingsStore(Settings(), save=None),
            controller=SessionController(clock=clock),
        )
        # Home's history slot as the app fills it: the banner above the summary strip.
        summary = HomeHistorySummary(store, weekly_goal=3, today=lambda: TODAY)
        notices = HistoryNotices()
        area = QWidget()
        column = QVBoxLayout(area)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(notices)
        column.addWidget(summary)
        window.home.history_area.set_content(area)
        window.resize(*size)
        window.show()
        window.select_routine("hamstring-reset")
        settle(app)
        save(window, out / "history-home-summary.png")

        notices.set_notices(
            [
                "The history was upgraded to the new format; a copy of the old file is kept "
                "at ~/.local/share/supple/history.sqlite3.backup-v2."
            ]
        )
        notices.set_problem(
            "Supple could not save the last step: the disk is full. It is kept in memory "
            "and saved as soon as there is room."
        )
        settle(app)
        notices._rows[1].button.setFocus()  # show what a focused button looks like
        settle(app)
        save(window, out / "history-home-notices.png")
        notices.set_notices([])
        notices.set_problem(None)
        settle(app)

        check_in = TightnessCheckIn()
        window.set_check_in(check_in)
        window.start_session()
        settle(app)
        check_in.scale.set_value(6)
        settle(app)
        save(window, out / "checkin.png")

        check_out = CheckOutPanel()
        window.summary_view.extras_area.set_content(check_out)
        check_in.confirm()
        settle(app)
        driver = window.controller.driver
        assert driver is not None
        plan = driver.engine.plan
        for step in plan.steps:  # walk the whole session on the fake clock
            clock.now += step.planned_seconds
            driver.on_timeout()
        settle(app)
        check_out.prepare(tightness_before=6)
        check_out.scale.set_value(4)
        check_out.rating.set_value(4)
        check_out.notes_edit.setText("Hip hikes felt easier today.")
        settle(app)
        save(window, out / "history-checkout.png")
        window.close()
        store.close()
        paths.set_data_dir(None)


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    try:
        return int(width), int(height)
    except ValueError:
        message = f"a size is WIDTHxHEIGHT, e.g. 3840x2160, not {text!r}"
        raise argparse.ArgumentTypeError(message) from None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", type=_size, default=DEFAULT_SIZE, help="e.g. 3840x2160")
    options = parser.parse_args()
    shoot(options.out, options.size)


if __name__ == "__main__":
    main()
