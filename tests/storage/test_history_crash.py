"""Killing the recording process at random moments never loses a committed step."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from supple.storage.history import open_history
from supple.storage.records import new_uuid
from tests.storage.crash_harness import run_and_kill
from tests.storage.history_builders import MORNING, look

CHILD = Path(__file__).with_name("crash_child.py")
ROUNDS = 12


def committed_indexes(lines):
    return [int(line.split()[1]) for line in lines if line.startswith("committed ")]


def test_sigkill_at_random_moments_keeps_every_reported_step(history_path):
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    history_path.parent.mkdir(parents=True, exist_ok=True)
    reported: dict[str, set[int]] = {}
    session_uuid = None
    started = MORNING

    for round_number in range(ROUNDS):
        context = f"seed {seed}, round {round_number}"
        resume = session_uuid is not None and rng.random() < 0.5
        if resume:
            with open_history(history_path) as store:
                [found] = [d for d in store.find_interrupted() if d.session.uuid == session_uuid]
                first_step = found.next_step_index
        else:
            session_uuid = new_uuid()
            started = MORNING + timedelta(days=round_number)
            first_step = 0
        run = run_and_kill(
            CHILD,
            [str(history_path), session_uuid, started.isoformat(), str(first_step)],
            after_lines=rng.randint(1, 40),
            delay=rng.uniform(0.0, 0.01),
        )
        assert run.was_killed, context
        assert run.lines[0] == "begun", context
        reported.setdefault(session_uuid, set()).update(committed_indexes(run.lines))

        # Look at the file as the killed process left it, before anything opens it for writing.
        with look(history_path) as db:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)], context

        with open_history(history_path) as store:
            assert store.notices == (), context  # nothing had to be repaired
            interrupted = {d.session.uuid: d for d in store.find_interrupted()}
            assert set(interrupted) == set(reported), context
            for uuid, promised in reported.items():
                stored = {step.index for step in interrupted[uuid].steps}
                assert promised <= stored, f"{context}: lost {sorted(promised - stored)}"
                # At most the step being reported when the kill came is there unannounced.
                unannounced = stored - promised
                assert len(unannounced) <= 1, f"{context}: {sorted(unannounced)}"
                assert stored == set(range(len(stored))), f"{context}: gaps in {uuid}"
        # Steps the next resume will write start after what is stored, announced or not.
        reported[session_uuid] |= {step.index for step in interrupted[session_uuid].steps}


def test_a_killed_session_can_be_kept_as_partial(history_path):
    history_path.parent.mkdir(parents=True, exist_ok=True)
    session_uuid = new_uuid()
    run = run_and_kill(
        CHILD,
        [str(history_path), session_uuid, MORNING.isoformat(), "0"],
        after_lines=6,
        delay=0.0,
    )
    assert run.was_killed
    with open_history(history_path) as store:
        [found] = store.find_interrupted()
        store.mark_partial(session_uuid)
        assert store.find_interrupted() == []
        [row] = store.list_sessions().items
        assert row.status.value == "stopped"
        assert row.work_steps_done >= 2  # steps 0, 2 and 4 were reported
        assert store.active_dates() == {row.local_date}  # a partial session counts
        assert row.ended_at == found.steps[-1].finished_at
