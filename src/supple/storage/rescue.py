"""Rescue files: records the history could not take, kept until it can.

When Supple has to quit with records still waiting in memory (a full disk, a
read-only folder), :func:`save_unsaved` writes them to a rescue file in the
export format (which ``supple history import`` reads too), somewhere that can
still be written. At the next start :func:`restore_earlier_records` adds such
files to the history once it can be written, so quitting loses nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final

from supple import paths
from supple.core.atomic_file import atomic_text
from supple.core.i18n import _
from supple.storage.database import local_now
from supple.storage.errors import HistoryError
from supple.storage.history import HistoryStore
from supple.storage.records import SessionDetail, SessionStatus
from supple.storage.session_lease import running_elsewhere
from supple.storage.transfer import parse_history_json

if TYPE_CHECKING:
    from supple.storage.recorder import HistoryRecorder

__all__ = [
    "RESCUE_KEY",
    "EarlierRecords",
    "QuitSave",
    "RestoreReport",
    "find_unsaved",
    "rescue_folders",
    "restore_earlier_records",
    "restore_unsaved",
    "save_unsaved",
    "unsaved_folders",
]

RESCUE_KEY: Final = "unsaved_for"
"""Key added to a rescue file's export document: the history file the records belong to."""
_RESCUE_PATTERN: Final = "unsaved-history-*.json"


def rescue_folders() -> list[Path]:
    """Where records that could not be written are kept when Supple quits, in order of choice.

    The user's state folder first, then a folder beside the history; never the cache or
    the temporary folder, which the system may clear (at reboot, on many systems) before
    the next start adds the records to the history.
    """
    return list(dict.fromkeys([paths.state_dir() / "unsaved", paths.data_dir() / "unsaved"]))


def unsaved_folders() -> list[Path]:
    """Every folder a rescue file may be in: :func:`rescue_folders`, and where earlier
    versions of Supple put them (the cache, the temporary folder)."""
    user = os.getuid() if hasattr(os, "getuid") else None
    temporary = Path(tempfile.gettempdir()) / (
        "supple-unsaved" if user is None else f"supple-unsaved-{user}"
    )
    return [*rescue_folders(), paths.cache_dir() / "unsaved", temporary]


def save_unsaved(
    recorder: HistoryRecorder,
    folders: Sequence[Path],
    now: Callable[[], datetime] = local_now,
) -> Path | None:
    """Write what ``recorder`` holds to a rescue file in the first of ``folders`` that takes it.

    Returns the file, or None when nothing is waiting. Raises ``OSError`` naming
    every folder tried when none of them could be written. The records stay
    waiting in the recorder too, in case the history can be written after all.
    """
    if not recorder.pending:
        return None
    document, _count = recorder.unsaved_document()
    document[RESCUE_KEY] = str(recorder.history_path.absolute())
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    refused: list[str] = []
    for folder in folders:
        try:
            return _write_new(folder, f"unsaved-history-{now():%Y%m%d-%H%M%S}", text)
        except OSError as error:
            refused.append(f"{folder} ({error.strerror or error})")
    raise OSError(
        _("no folder could take the unsaved records: {folders}").format(folders="; ".join(refused))
    )


@dataclass(frozen=True)
class QuitSave:
    """What became of the records waiting in memory when Supple quit."""

    waiting: int
    """Records the history could not take, even at the last try."""
    reason: str = ""
    """Why the history could not take them."""
    rescue: Path | None = None
    """The file they were saved to instead, which Supple adds at its next start."""
    rescue_problem: str = ""
    """Why no rescue file could be written, when none was."""


@dataclass(frozen=True)
class EarlierRecords:
    """Rescue files an earlier run left for this history, and what became of them."""

    files: tuple[Path, ...]
    read_only: bool
    """The history cannot be written now: the files wait for a later start."""
    report: RestoreReport | None
    """What was added (None while read-only)."""


def restore_earlier_records(store: HistoryStore, folders: Sequence[Path]) -> EarlierRecords:
    """Add what an earlier run kept in rescue files for ``store``'s file."""
    files = tuple(find_unsaved(folders, store.path))
    if not files or store.read_only:
        return EarlierRecords(files, store.read_only, None)
    return EarlierRecords(files, False, restore_unsaved(store, files))


@dataclass(frozen=True)
class RestoreReport:
    """What ``restore_unsaved`` did with the rescue files it was given."""

    sessions: int
    """Sessions added to the history or completed in it."""
    added: tuple[Path, ...]
    """Files now wholly in the history (and deleted)."""
    problems: tuple[tuple[Path, str], ...]
    """Each file that could not be added (it is kept), with the reason."""


def find_unsaved(folders: Iterable[Path], history: Path) -> list[Path]:
    """Rescue files in ``folders`` that belong to the history file ``history``, oldest first."""
    wanted = str(history.absolute())
    found = []
    for folder in folders:
        try:
            candidates = sorted(folder.glob(_RESCUE_PATTERN))
        except OSError:
            continue
        for path in candidates:
            try:
                document = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # not ours, or half-written: left alone
            if isinstance(document, dict) and document.get(RESCUE_KEY) == wanted:
                found.append(path)
    return sorted(found, key=lambda p: p.name)


def restore_unsaved(store: HistoryStore, files: Iterable[Path]) -> RestoreReport:
    """Add rescue files to ``store``; each file is deleted once all of it is in the history.

    A session the history holds already (its first steps were written before the
    disk filled up) is completed with what the file adds: its other steps, its end,
    the check-in and check-out. Running it twice changes nothing the second time.
    """
    sessions = 0
    added: list[Path] = []
    problems: list[tuple[Path, str]] = []
    for path in files:
        try:
            details, tests = parse_history_json(
                json.loads(path.read_text(encoding="utf-8")), str(path)
            )
            live = [d for d in details if running_elsewhere(store.path, d.session.uuid)]
            if live:
                problems.append(
                    (
                        path,
                        _(
                            "session {uuid} is running in another Supple window; "
                            "the file is added at a later start"
                        ).format(uuid=live[0].session.uuid),
                    )
                )
                continue
            for detail in details:
                _merge(store, detail)
            store.import_records([], tests)
        except (OSError, ValueError, HistoryError) as error:
            problems.append((path, str(error)))
            continue
        sessions += len(details)
        with contextlib.suppress(OSError):
            path.unlink()
        added.append(path)
    return RestoreReport(sessions, tuple(added), tuple(problems))


def _merge(store: HistoryStore, detail: SessionDetail) -> None:
    session = detail.session
    if store.session_detail(session.uuid) is None:
        store.import_records([detail])
        return
    for step in detail.steps:
        store.record_step(step)
    store.set_checkin(session.uuid, session.tightness_before)
    store.set_checkout(session.uuid, session.tightness_after, session.notes)
    if session.rating is not None:
        store.set_rating(session.uuid, session.rating)
    if session.status is not SessionStatus.IN_PROGRESS and session.ended_at is not None:
        store.finish_session(session.uuid, session.status, session.ended_at)


def _write_new(folder: Path, stem: str, text: str) -> Path:
    """Write ``text`` to a new file in ``folder``; complete and on disk, or not there at all."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{stem}.json"
    number = 2
    while target.exists():
        target = folder / f"{stem}-{number}.json"
        number += 1
    with atomic_text(target, encoding="utf-8") as handle:
        handle.write(text)
    return target
