"""What the history tells the user about records kept safe, in one place.

Storage reports facts (how many records wait, which file holds them, which
sessions were kept as partial); the sentences a user reads are written here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from supple.core import timefmt
from supple.core.i18n import N_, _, ngettext
from supple.core.plan import Plan
from supple.core.resume import RESUME_WITHIN
from supple.qt.history_models import session_date_text
from supple.qt.locale_format import clock_time, date_text
from supple.storage.records import SessionDetail
from supple.storage.rescue import EarlierRecords, QuitSave


def _records(count: int) -> str:
    return ngettext("{count} record", "{count} records", count).format(count=count)


def unsaved_headline(saved: QuitSave) -> str:
    """The short version, or "" when everything is in the history."""
    if not saved.waiting:
        return ""
    if saved.rescue is not None:
        return _(
            "{records} could not be written to the history, so they were saved to a file."
        ).format(records=_records(saved.waiting))
    return _("{records} could not be written to the history, nor saved anywhere else.").format(
        records=_records(saved.waiting)
    )


def unsaved_details(saved: QuitSave) -> str:
    """Why, where they are, and what to do."""
    if not saved.waiting:
        return ""
    if saved.rescue is not None:
        return _(
            "{reason} They are in {file}. Supple adds them to the history by "
            "itself the next time it starts and can write there. To add them to another "
            "history, use: supple history import {file}"
        ).format(reason=saved.reason, file=saved.rescue)
    return _(
        "{reason} No rescue file could be written ({problem}). If Supple "
        "quits now, they are lost; keep it open and free some space or make a folder "
        "writable, and they are written by themselves."
    ).format(reason=saved.reason, problem=saved.rescue_problem)


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
            _(
                "Records Supple could not save when it last quit are kept in {files}. "
                "They are added to the history once it can be written."
            ).format(files=shown)
        ]
    report = earlier.report
    messages = [
        _(
            "The records Supple kept in {file} could not be added to the history yet "
            "({problem}). The file is kept; Supple tries again at its next start."
        ).format(file=path, problem=problem)
        for path, problem in report.problems
    ]
    if report.added:
        count = report.sessions
        what = (
            ngettext("{count} session", "{count} sessions", count).format(count=count)
            if count
            else _("self-tests only")
        )
        messages.insert(
            0,
            _(
                "What Supple could not save when it last quit ({what}) is now in the history, "
                "added from {files}."
            ).format(what=what, files=", ".join(str(f) for f in report.added)),
        )
    return messages


def _full_date(moment: datetime) -> str:
    """``4 Nov 2025, 07:30`` in the language's own order."""
    return f"{date_text(moment.date(), _('d MMM yyyy'))}, {clock_time(moment)}"


def kept_as_partial(kept: Sequence[SessionDetail], *, offered: bool) -> str:
    """The notice for unfinished sessions that were kept as partial without asking."""
    shown = [f"{d.session.routine_name} ({_full_date(d.session.local_started_at)})" for d in kept]
    if len(shown) > 3:
        shown = [*shown[:3], _("and {count} more").format(count=len(shown) - 3)]
    hours = int(RESUME_WITHIN.total_seconds() // 3600)
    why = (
        _("only the latest one is offered to resume")
        if offered
        else _("only a session from the last {hours} hours is offered to resume").format(
            hours=hours
        )
    )
    return ngettext(
        "{count} unfinished session was kept as partial: {sessions}; {why}. "
        "What was done is in the history.",
        "{count} unfinished sessions were kept as partial: {sessions}; {why}. "
        "What was done is in the history.",
        len(kept),
    ).format(count=len(kept), sessions=", ".join(shown), why=why)


RESUME_TITLE = N_("Carry on where you stopped?")


def resume_question(detail: SessionDetail, whole: Plan, today: date) -> str:
    """What the resume question says: the session, and where it stopped in the numbering
    the session screen used ("set 4 of 19")."""
    session = detail.session
    position, sets = whole.set_number(
        whole.steps[min(detail.next_step_index, len(whole.steps) - 1)]
    )
    active = sum(step.done_seconds for step in detail.steps)
    started = session_date_text(session.local_started_at, today)
    return _(
        "{routine}, started {started}, stopped at set {position} of {sets} "
        "({active} done). Resume it, or keep what was done as a partial session."
    ).format(
        routine=session.routine_name,
        started=started,
        position=position,
        sets=sets,
        active=timefmt.duration(active),
    )


UNREADABLE_SNAPSHOT = N_(
    "The routine of the interrupted session could not be read, so it cannot be "
    "resumed; what was done is kept as a partial session."
)
