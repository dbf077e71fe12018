"""A real session killed with SIGKILL at random moments keeps every step it reported,
and carries on in the same session when resumed."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from supple import paths
from supple.core.catalog import builtin_exercises
from supple.core.plan import compile_plan
from supple.storage.history import open_history
from supple.storage.records import SessionStatus
from tests.app.session_crash_child import crash_routine
from tests.storage.crash_harness import run_and_kill
from tests.storage.history_builders import look

CHILD = Path(__file__).with_name("session_crash_child.py")
KILLS = 12


def reported_steps(lines):
    return {int(line.split()[1]) for line in lines if line.startswith("recorded ")}


def session_of(lines):
    first = lines[0].split()
    assert first[0] in ("begun", "resumed"), lines
    return first[1]


def test_sigkill_mid_session_loses_nothing_reported_and_resumes_the_same_session():
    history_path = paths.history_db()
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    history_path.parent.mkdir(parents=True, exist_ok=True)
    plan_length = len(compile_plan(crash_routine(), builtin_exercises()).steps)
    promised: set[int] = set()
    session_uuid = None

    for kill in range(KILLS):
        context = f"seed {seed}, kill {kill}"
        run = run_and_kill(
            CHILD,
            [str(history_path)],
            after_lines=1 + rng.randint(0, 4),  # the first line, then a few recorded steps
            delay=rng.uniform(0.0, 0.12),  # anywhere inside a step, or between two
        )
        assert run.was_killed, f"{context}: the session ended before the kill: {run.lines}"
        uuid = session_of(run.lines)
        if session_uuid is None:
            session_uuid = uuid
        assert uuid == session_uuid, f"{context}: a resume started a new session"
        if kill > 0:
            first = int(run.lines[0].split()[2])
            assert first == len(promised), f"{context}: resumed at {first}"
        promised |= reported_steps(run.lines)

        # The file exactly as the killed process left it.
        with look(history_path) as db:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)], context

        with open_history(history_path) as store:
            assert store.notices == (), context
            [detail] = store.find_interrupted()
            assert detail.session.uuid == session_uuid, context
            stored = {step.index for step in detail.steps}
            assert promised <= stored, f"{context}: lost {sorted(promised - stored)}"
            assert len(stored - promised) <= 1, f"{context}: {sorted(stored - promised)}"
            assert stored == set(range(len(stored))), f"{context}: gaps {sorted(stored)}"
            assert detail.next_step_index < plan_length, context
        promised = stored  # the next run carries on after what is there, announced or not

    # Left alone, the last run finishes the same session: one session, every step once.
    done = subprocess.run(
        [sys.executable, str(CHILD), str(history_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert session_of(lines) == session_uuid and lines[-1] == "finished"
    with open_history(history_path) as store:
        assert store.find_interrupted() == []
        page = store.list_sessions()
        assert page.total == 1
        detail = store.session_detail(session_uuid)
    assert detail.session.status is SessionStatus.COMPLETED
    assert [step.index for step in detail.steps] == list(range(plan_length))
    plan = compile_plan(crash_routine(), builtin_exercises())
    assert [(s.kind.value, s.exercise_id, s.side.value) for s in detail.steps] == [
        (s.kind.value, s.exercise.id, s.side.value) for s in plan.steps
    ]
