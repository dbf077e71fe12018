"""The history's SQL for the work a set did is ``core.completion.set_work_done``, row by row."""

from __future__ import annotations

import itertools
import sqlite3

import pytest

from supple.core.completion import set_work_done
from supple.storage.history import WORK_DONE_SQL


def test_the_sql_and_the_python_agree_on_every_kind_of_set():
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE TABLE t (planned_seconds REAL, planned_reps INTEGER, done_reps INTEGER,"
        " done_seconds REAL)"
    )
    cases = list(
        itertools.product(
            (0.0, 4.5, 30.0),  # planned seconds
            (None, 0, 10),  # planned reps (None: a timed set)
            (None, 0, 3, 10, 14),  # reps done
            (0.0, 2.0, 30.0, 45.0),  # seconds done
        )
    )
    db.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", cases)
    got = [row[0] for row in db.execute(f"SELECT {WORK_DONE_SQL} FROM t ORDER BY rowid")]
    want = [set_work_done(*case) for case in cases]
    assert got == pytest.approx(want)
