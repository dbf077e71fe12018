"""``supple history``: list, export and import the history from a terminal.

Exit status: 0 when done, 2 when an import file is not a valid export (nothing is
added then; every problem is listed with its place in the file), 1 when the
history itself cannot be read or written.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from supple import paths
from supple.cli.arguments import FORMATS
from supple.core import timefmt
from supple.core.i18n import _, ngettext
from supple.storage.csv_import import import_history_file
from supple.storage.database import NoticeKind
from supple.storage.errors import HistoryError, ImportFormatError
from supple.storage.history import HistoryStore, open_history
from supple.storage.journal import use_sync_folder
from supple.storage.records import SessionStatus, SessionSummary
from supple.storage.session_lease import running_elsewhere
from supple.storage.settings import SettingsWriteError, load_settings, save_settings
from supple.storage.sync import sync_history
from supple.storage.transfer import export_json, export_sessions_csv, export_steps_csv

__all__ = ["EXIT_BAD_FILE", "EXIT_HISTORY", "format_sessions"]

EXIT_BAD_FILE = 2
EXIT_HISTORY = 1


def _say(problem: object) -> None:
    print(f"supple: {problem}", file=sys.stderr)


def _fail(problem: object, status: int) -> int:
    """Say ``problem`` on stderr; ``status`` for the shell."""
    _say(problem)
    return status


DASH = "-"


def _open(read_only_ok: bool) -> HistoryStore | None:
    """The history, with what opening it reported on stderr; None (said why) on failure.

    With a sync folder set, the other devices' changes are merged in first."""
    folder = load_settings().settings.sync_folder
    use_sync_folder(paths.history_db(), Path(folder) if folder else None)
    try:
        store = open_history()
    except HistoryError as error:
        _say(error)
        return None
    report = sync_history(store)
    if report is not None and report.problem:
        _say(report.problem)
    for notice in store.notices:
        if notice.kind is not NoticeKind.CREATED:
            _say(notice.message)
    if store.read_only and not read_only_ok:
        if any(notice.kind is NoticeKind.READ_ONLY for notice in store.notices):
            _say(_("nothing was imported."))  # the notice said why
        else:
            _say(
                _("the history at {path} is read-only; nothing can be added to it.").format(
                    path=store.path
                )
            )
        store.close()
        return None
    return store


# --- list -------------------------------------------------------------------------------


def _status(summary: SessionSummary) -> str:
    if summary.status is SessionStatus.COMPLETED:
        return _("completed")
    if summary.status is SessionStatus.STOPPED:
        return _("ended early")
    return _("interrupted")


def _tightness(summary: SessionSummary) -> str:
    before, after = summary.tightness_before, summary.tightness_after
    if before is None and after is None:
        return DASH
    return f"{DASH if before is None else before} -> {DASH if after is None else after}"


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (East Asian) letters take two, combining
    accents none, so a routine named in any script keeps the columns under their headings."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def format_sessions(sessions: Sequence[SessionSummary], total: int) -> str:
    """A plain-text table of sessions, with a line saying how many there are in all."""
    if not sessions:
        return _("No sessions yet.")
    header = (_("date"), _("routine"), _("active"), _("done"), _("status"), _("tightness"))
    rows = [
        (
            timefmt.date_time(s.local_started_at),
            s.routine_name,
            timefmt.duration(s.done_seconds),
            f"{int(s.completion * 100 + 1e-9)} %",
            _status(s),
            _tightness(s),
        )
        for s in sessions
    ]
    widths = [max(_width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    right = {2, 3}
    lines = []
    for row in [header, *rows]:
        cells = []
        for i, (cell, width) in enumerate(zip(row, widths, strict=True)):
            pad = " " * (width - _width(cell))
            cells.append(pad + cell if i in right else cell + pad)
        lines.append("  ".join(cells).rstrip())
    shown = len(sessions)
    if shown < total:
        lines.append(
            "\n"
            + ngettext(
                "{shown} of {total} session, newest first (--all shows every one).",
                "{shown} of {total} sessions, newest first (--all shows every one).",
                total,
            ).format(shown=shown, total=total)
        )
    else:
        lines.append("\n" + ngettext("{n} session.", "{n} sessions.", total).format(n=total))
    return "\n".join(lines)


def run_list(args: argparse.Namespace) -> int:
    store = _open(read_only_ok=True)
    if store is None:
        return EXIT_HISTORY
    with store:
        try:
            total = store.session_count()
            limit = total if args.all else args.limit
            page = store.list_sessions(0, max(1, limit))
        except HistoryError as error:
            return _fail(error, EXIT_HISTORY)
    print(format_sessions(page.items, page.total))
    return 0


# --- export and import -------------------------------------------------------------------


def _format_of(args: argparse.Namespace) -> str | None:
    if args.format:
        return str(args.format)
    suffix = args.output.suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def run_export(args: argparse.Namespace) -> int:
    kind = _format_of(args)
    if kind is None:
        return _fail(
            _("cannot tell the format from {name}; add --format json or --format csv").format(
                name=args.output.name
            ),
            EXIT_BAD_FILE,
        )
    if args.steps and kind != "csv":
        return _fail(_("--steps is for csv; a json export always has the steps"), EXIT_BAD_FILE)
    store = _open(read_only_ok=True)
    if store is None:
        return EXIT_HISTORY
    target: Path = args.output
    with store:
        try:
            if kind == "json":
                counts = export_json(store, target)
                what = _("{sessions}, {steps} and {self_tests}").format(
                    sessions=_sessions(counts.sessions),
                    steps=_steps(counts.steps),
                    self_tests=_self_tests(counts.self_tests),
                )
            elif args.steps:
                what = _steps(export_steps_csv(store, target))
            else:
                what = _sessions(export_sessions_csv(store, target))
        except OSError as error:
            reason = error.strerror or error
            return _fail(
                _("could not write {file}: {reason}").format(file=target, reason=reason),
                EXIT_HISTORY,
            )
        except HistoryError as error:
            return _fail(error, EXIT_HISTORY)
    print(_("Exported {what} to {file}.").format(what=what, file=target))
    return 0


def _sessions(n: int) -> str:
    return ngettext("{n} session", "{n} sessions", n).format(n=n)


def _steps(n: int) -> str:
    return ngettext("{n} step", "{n} steps", n).format(n=n)


def _self_tests(n: int) -> str:
    return ngettext("{n} self-test", "{n} self-tests", n).format(n=n)


def _running_elsewhere(store: HistoryStore) -> list[str]:
    """Sessions a Supple window is running now (``storage.session_lease``)."""
    try:
        found = store.find_interrupted()
    except HistoryError:
        return []
    return [d.session.uuid for d in found if running_elsewhere(store.path, d.session.uuid)]


def run_import(args: argparse.Namespace) -> int:
    """Add an export's sessions; one a Supple window is running now is left as it is (the
    import adds only sessions the history does not hold, and never ends one)."""
    store = _open(read_only_ok=False)
    if store is None:
        return EXIT_HISTORY
    with store:
        if _running_elsewhere(store):
            _say(_("a session is running in another Supple window; the import leaves it as it is."))
        try:
            counts = import_history_file(store, args.file)
        except ImportFormatError as error:
            print(error, file=sys.stderr)
            return EXIT_BAD_FILE
        except HistoryError as error:
            return _fail(_("nothing was imported: {reason}").format(reason=error), EXIT_HISTORY)
    print(
        _(
            "Added {sessions}, skipped {skipped} already present; added {self_tests}, "
            "skipped {tests_skipped} already present."
        ).format(
            sessions=_sessions(counts.sessions_added),
            skipped=counts.sessions_skipped,
            self_tests=_self_tests(counts.self_tests_added),
            tests_skipped=counts.self_tests_skipped,
        )
    )
    return 0


# --- the sync folder ------------------------------------------------------------------------


def run_sync_folder(args: argparse.Namespace) -> int:
    """Keep the history in a folder shared by a sync engine too, or stop (``--off``)."""
    settings = load_settings().settings
    if args.off:
        try:
            save_settings(settings.with_changes(sync_folder=""))
        except SettingsWriteError as error:
            return _fail(error, EXIT_HISTORY)
        print(_("The history is kept on this device only now; the sync folder was left as it is."))
        return 0
    folder = Path(args.folder).expanduser().resolve()
    if folder == paths.data_dir() or paths.data_dir() in folder.parents:
        return _fail(
            _(
                "{folder} is inside Supple's own data folder; choose a folder of its own that "
                "your sync engine shares (see docs/sync.md)."
            ).format(folder=folder),
            EXIT_BAD_FILE,
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        save_settings(settings.with_changes(sync_folder=str(folder)))
    except OSError as error:
        reason = error.strerror or error
        return _fail(
            _("cannot use {folder}: {reason}").format(folder=folder, reason=reason), EXIT_HISTORY
        )
    except SettingsWriteError as error:
        return _fail(error, EXIT_HISTORY)
    store = _open(read_only_ok=False)  # writes the history to the folder and merges
    if store is None:
        return EXIT_HISTORY
    with store:
        count = store.session_count()
    print(
        _(
            "The history ({sessions}) is kept in {folder} too, and merged with your other "
            "devices' from there."
        ).format(sessions=_sessions(count), folder=folder)
    )
    return 0
