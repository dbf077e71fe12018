"""Carrying on an interrupted session: the rest of its plan, and its routine read back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from supple.core import routine_file
from supple.core.catalog import builtin_routines
from supple.core.plan import StepKind, compile_plan
from supple.core.resume import RESUME_WITHIN, resume_plan, routine_from_snapshot, worth_resuming
from tests.core.routines import small_routine


def test_resume_plan_numbers_from_zero_and_maps_back_to_the_stored_steps():
    plan = compile_plan(small_routine())
    work_after_rest = next(s.index for s in plan.steps[2:] if s.is_work)
    resumed = resume_plan(plan, work_after_rest)
    assert resumed.lead == 1
    assert [s.index for s in resumed.plan.steps] == list(range(len(resumed.plan.steps)))
    assert resumed.stored_index(resumed.plan.steps[0]) is None
    assert resumed.stored_index(resumed.plan.steps[1]) == work_after_rest
    assert resumed.stored_index(resumed.plan.steps[-1]) == len(plan.steps) - 1
    rest_step = next(s.index for s in plan.steps if s.kind is StepKind.REST)
    from_rest = resume_plan(plan, rest_step)
    assert from_rest.lead == 0 and from_rest.plan.steps[0].kind is StepKind.REST
    assert resume_plan(plan, 0).plan is plan
    with pytest.raises(ValueError, match="cannot resume at step"):
        resume_plan(plan, len(plan.steps))


def test_snapshots_of_builtin_routines_read_back_and_garbage_does_not():
    routine = next(r for r in builtin_routines() if r.id == "hamstring-reset")
    assert routine_from_snapshot(routine_file.dumps(routine)) == routine
    assert routine_from_snapshot("") is None
    assert routine_from_snapshot("name = [") is None


def test_only_a_recent_session_is_worth_resuming():
    now = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)
    assert worth_resuming(now - timedelta(minutes=5), now)
    assert worth_resuming(now - RESUME_WITHIN, now)
    assert not worth_resuming(now - RESUME_WITHIN - timedelta(seconds=1), now)
