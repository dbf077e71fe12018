"""How much of a session was done: one figure, the same on the summary, Home, History and
in ``supple history list``.

Each set counts as much of the session as it was planned to take (its planned seconds),
times the share of it that was done (reps done of its target, or seconds of its time), at
most all of it; the session's completion is that work over the work planned when it
started. Rests, get-ready and side switches are not work: waiting through them, or skipping
them, changes nothing. A session with every set done is 100 %.
"""

from __future__ import annotations


def set_work_done(
    planned_seconds: float, planned_reps: int | None, done_reps: int | None, done_seconds: float
) -> float:
    """The planned seconds of one set that count as done.

    ``storage.history`` computes the same in SQL (``WORK_DONE_SQL``); a test keeps the two
    alike."""
    if planned_reps is not None:
        share = 1.0 if planned_reps <= 0 else min(1.0, (done_reps or 0) / planned_reps)
    else:
        share = 1.0 if planned_seconds <= 0 else min(1.0, done_seconds / planned_seconds)
    return max(0.0, planned_seconds) * share


def completion(work_done: float, planned_work: float) -> float:
    """Share of the planned work that was done, 0.0 to 1.0."""
    if planned_work <= 0:
        return 1.0
    return max(0.0, min(1.0, work_done / planned_work))


def percent(share: float) -> int:
    """Rounded down, so "100 %" is only ever shown for a fully done session."""
    return int(share * 100 + 1e-9)
