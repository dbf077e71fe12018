"""What the history tells the user about records kept safe, in one place.

Storage reports facts (how many records wait, which file holds them, which
sessions were kept as partial); the sentences a user reads are written here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from supple.core import timefmt
from supple.core.plan import Plan
from supple.core.resume import RESUME_WITHIN
from supple.qt.history_models import session_date_text
from supple.storage.records import SessionDetail
from supple.storage.rescue import EarlierRecords, QuitSave


def _records(count: int) -> str:
    return f"{count} record{'' if count == 1 else 's'}"


def unsaved_headline(saved: QuitSave) -> str:
    """The short version, or "" when everything is in the history."""
    if not saved.waiting:
        return ""
    if saved.rescue is not None:
        return (
            f"{_records(saved.waiting)} could not be written to the history, "
            "so they were saved to a file."
        )
    return (
        f"{_records(saved.waiting)} could not be written to the history, nor saved anywhere else."
    )


def unsaved_details(saved: QuitSave) -> str:
    """Why, where they are, and what to do."""
    if not saved.waiting:
        return ""
    if saved.rescue is not None:
        return (
            f"{saved.reason} They are in {saved.rescue}. Supple adds them to the history by "
            "itself the next time it starts and can write there. To add them to another "
            f"history, use: supple history import {saved.rescue}"
        )
    return (
        f"{saved.reason} No rescue file could be written ({saved.rescue_problem}). If Supple "
        "quits now, they are lost; keep it open and free some space or make a folder "
        "writable, and they are written by themselves."
    )


def unsaved_message(saved: QuitSave) -> str:
    """All of it in one paragraph (for the terminal), or "" when nothing was lost."""
    return f"{unsaved_headline(saved)} {unsaved_details(saved)}" if saved.waiting else ""


def earlier_records_messages(earlier: EarlierRecords) -> list[str]:
    """What became of the rescue files an earlier run left."""
    if not earlier.files:
        return []
    if earlier.report is None:
        shown = ", ".join(str(f) for f in earlier.files)
        return [
            f"Records Supple could not save when it last quit are kept in {shown}. "
            "They are added to the history once it can be written."
        ]
    report = earlier.report
    messages = [
        f"The records Supple kept in {path} could not be added to the history yet "
        f"({problem}). The file is kept; Supple tries again at its next start."
        for path, problem in report.problems
    ]
    if report.added:
        count = report.sessions
        what = f"{count} session{'' if count == 1 else 's'}" if count else "self-tests only"
        messages.insert(
            0,
            f"What Supple could not save when it last quit ({what}) is now in the history, "
            f"added from {', '.join(str(f) for f in report.added)}.",
        )
    return messages


def kept_as_partial(kept: Sequence[SessionDetail], *, offered: bool) -> str:
    """The notice for unfinished sessions that were kept as partial without asking."""
    shown = [
        f"{d.session.routine_name} ({d.session.local_started_at:%d %b %Y, %H:%M})" for d in kept
    ]
    if len(shown) > 3:
        shown = [*shown[:3], f"and {len(shown) - 3} more"]
    which = "session was" if len(kept) == 1 else "sessions were"
    why = (
        "only the latest one is offered to resume"
        if offered
        else f"only a session from the last {int(RESUME_WITHIN.total_seconds() // 3600)} hours "
        "is offered to resume"
    )
    return (
        f"{len(kept)} unfinished {which} kept as partial: {', '.join(shown)}; {why}. "
        "What was done is in the history."
    )


RESUME_TITLE = "Carry on where you stopped?"


def resume_question(detail: SessionDetail, whole: Plan, today: date) -> str:
    """What the resume question says: the session, and where it stopped in the numbering
    the session screen used ("set 4 of 19")."""
    session = detail.session
    position, sets = whole.set_number(
        whole.steps[min(detail.next_step_index, len(whole.steps) - 1)]
    )
    active = sum(step.done_seconds for step in detail.steps)
    started = session_date_text(session.local_started_at, today)
    return (
        f"{session.routine_name}, started {started}, stopped at set {position} of {sets} "
        f"({timefmt.duration(active)} done). Resume it, or keep what was done as a partial "
        "session."
    )


UNREADABLE_SNAPSHOT = (
    "The routine of the interrupted session could not be read, so it cannot be "
    "resumed; what was done is kept as a partial session."
)
