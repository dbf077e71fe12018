"""The history's questions: resume an interrupted session, log a self-test."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from supple.core.catalog import builtin_routines
from supple.core.plan import compile_plan
from supple.storage.records import Side
from supple.ui.history import SelfTestDialog
from supple.ui.history.messages import resume_question
from tests.ui.history.conftest import TODAY, at

K = Qt.Key


@pytest.fixture
def interrupted(store, records):
    records.run(store, at(TODAY, 6), steps=5, status=None, routine_name="Hamstring Reset")
    [detail] = list(store.iter_sessions())
    return detail


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_the_resume_question_says_what_was_done_in_the_session_screens_numbering(
    interrupted,
):
    whole = compile_plan(next(r for r in builtin_routines() if r.id == "hamstring-reset"))
    text = resume_question(interrupted, whole, TODAY)
    number, sets = whole.set_number(whole.steps[5])
    assert text.startswith(
        f"Hamstring Reset, started Today, 07:00, stopped at set {number} of {sets}"
    )
    assert "(3 min done)" in text  # 2 min 40 s, in the one style of every duration


def test_the_self_test_form_follows_the_kind_of_test(qtbot):
    dialog = shown(qtbot, SelfTestDialog(["hip_flexion"], today=lambda: TODAY))
    assert [dialog.kind_box.itemData(i) for i in range(dialog.kind_box.count())] == [
        "straight_leg_raise",
        "sit_and_reach",
        "note",
        "hip_flexion",
    ]
    assert dialog.side_box.isEnabled()
    assert dialog.value_box.suffix() == " degrees"
    dialog.set_fields("sit_and_reach", -3.5, day=TODAY - timedelta(days=2))
    assert not dialog.side_box.isEnabled()
    assert dialog.value_box.suffix() == " cm"
    record = dialog.record()
    assert (record.kind, record.side, record.value, record.unit) == (
        "sit_and_reach",
        Side.NONE,
        -3.5,
        "cm",
    )
    assert record.local_date == TODAY - timedelta(days=2)
    assert record.taken_at.astimezone().hour == 12  # a past day is logged at noon


def test_a_self_test_cannot_be_dated_in_the_future(qtbot):
    dialog = shown(qtbot, SelfTestDialog(today=lambda: TODAY))
    dialog.set_fields("straight_leg_raise", 64.0, Side.RIGHT, TODAY + timedelta(days=3))
    record = dialog.record()
    assert record.local_date == TODAY and record.side is Side.RIGHT
