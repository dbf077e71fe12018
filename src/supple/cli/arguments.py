"""The subcommands' arguments, declared without importing the code that runs them.

Opening the app is the common case, and it needs none of the subcommands: their modules
pull in the history's import/export and the plan printer. So the parser only names each
subcommand's runner (module and function), and that module is imported when it runs.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from supple.core.i18n import _

Runner = Callable[[argparse.Namespace], int]

DEFAULT_LIMIT = 20
FORMATS = ("csv", "json")
"""The formats ``supple history export`` writes."""

PLAN_COMMANDS = "supple.cli.plan_commands"
HISTORY_COMMANDS = "supple.cli.history_commands"
REMINDER_COMMANDS = "supple.cli.reminder_commands"
REMIND = "supple.cli.remind"
COMMAND_MODULES = (PLAN_COMMANDS, HISTORY_COMMANDS, REMINDER_COMMANDS, REMIND)
"""Every module a subcommand runs from, imported by name: the bundle lists these (see
``packaging/supple.spec``), as a by-name import is invisible to PyInstaller."""


def runner(module: str, function: str) -> Runner:
    """``module.function(args)``, with ``module`` imported only when the subcommand runs."""
    if module not in COMMAND_MODULES:
        raise ValueError(f"{module} is not in COMMAND_MODULES, so the bundle would miss it")

    def run(args: argparse.Namespace) -> int:
        found: Runner = getattr(importlib.import_module(module), function)
        return found(args)

    run.__qualname__ = run.__name__ = function
    return run


def register_plan_commands(commands: Any) -> None:
    """Add ``plan`` and ``routines list|validate`` (run by :mod:`supple.cli.plan_commands`)."""
    code = PLAN_COMMANDS
    plan = commands.add_parser("plan", help=_("print a routine's timeline and total time"))
    plan.add_argument(
        "routine",
        nargs="?",
        help=_("routine id, name or .toml file (default: the default routine)"),
    )
    plan.add_argument("--json", action="store_true", help=_("machine-readable output"))
    plan.set_defaults(func=runner(code, "run_plan"))

    routines = commands.add_parser("routines", help=_("list or check routines"))
    sub = routines.add_subparsers(dest="routines_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help=_("list the built-in and your own routines"))
    listing.set_defaults(func=runner(code, "run_list"))
    validate = sub.add_parser("validate", help=_("check routine files; exit status 2 on errors"))
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE")
    validate.set_defaults(func=runner(code, "run_validate"))


def register_history_commands(commands: Any) -> None:
    """Add ``history list|export|import|sync-folder`` (run by
    :mod:`supple.cli.history_commands`)."""
    code = HISTORY_COMMANDS
    history = commands.add_parser("history", help=_("list, export or import your session history"))
    sub = history.add_subparsers(dest="history_command", metavar="ACTION", required=True)

    listing = sub.add_parser("list", help=_("the latest sessions, newest first"))
    listing.add_argument(
        "-n",
        "--limit",
        type=_positive,
        default=DEFAULT_LIMIT,
        help=_("how many sessions to show (default {n})").format(n=DEFAULT_LIMIT),
    )
    listing.add_argument("--all", action="store_true", help=_("show every session"))
    listing.set_defaults(func=runner(code, "run_list"))

    export = sub.add_parser("export", help=_("write the history to a JSON or CSV file"))
    export.add_argument(
        "--format",
        choices=FORMATS,
        help=_(
            "json keeps everything and can be imported again; csv is for spreadsheets "
            "(default: from the file name)"
        ),
    )
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    export.add_argument(
        "--steps", action="store_true", help=_("csv: one row per step instead of per session")
    )
    export.set_defaults(func=runner(code, "run_export"))

    importing = sub.add_parser(
        "import",
        help=_(
            "add the sessions of a JSON or CSV export (a CSV's self-tests come from "
            "<name>.self-tests.csv beside it); those already here are skipped"
        ),
    )
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.set_defaults(func=runner(code, "run_import"))

    sync = sub.add_parser(
        "sync-folder",
        help=_("keep the history in a folder a sync engine shares with your other devices"),
    )
    chosen = sync.add_mutually_exclusive_group(required=True)
    chosen.add_argument("folder", nargs="?", type=Path, metavar="DIR")
    chosen.add_argument("--off", action="store_true", help=_("stop using the sync folder"))
    sync.set_defaults(func=runner(code, "run_sync_folder"))


def register_reminder_commands(commands: Any) -> None:
    """Add ``reminders set|show|off`` and ``remind`` (the command the timer starts)."""
    reminders = commands.add_parser("reminders", help=_("set, show or turn off reminders"))
    sub = reminders.add_subparsers(dest="reminders_command", metavar="ACTION", required=True)
    setting = sub.add_parser("set", help=_("remind me on these days at this time"))
    setting.add_argument(
        "--days", required=True, help=_("e.g. mon,wed,fri (also daily, weekdays, mon-fri)")
    )
    setting.add_argument("--at", required=True, metavar="HH:MM", help=_("e.g. 18:00"))
    setting.add_argument(
        "--until-goal-met", action="store_true", help=_("not once this week's goal is met")
    )
    setting.add_argument("--routine", metavar="NAME", help=_("the routine to offer (id or name)"))
    setting.set_defaults(func=runner(REMINDER_COMMANDS, "run_set"))
    showing = sub.add_parser("show", help=_("the reminder and the files that carry it"))
    showing.set_defaults(func=runner(REMINDER_COMMANDS, "run_show"))
    off = sub.add_parser("off", help=_("no more reminders; removes the timer's files"))
    off.set_defaults(func=runner(REMINDER_COMMANDS, "run_off"))

    remind = commands.add_parser("remind", help=_("remind now if it is due (the timer runs this)"))
    remind.add_argument("--later", action="store_true", help=_('the reminder "Later" asked for'))
    remind.add_argument(
        "--wait", action="store_true", help=_("without systemd: wait for each reminder time")
    )
    remind.set_defaults(func=runner(REMIND, "run_remind"))


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a whole number").format(text=repr(text))
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be at least 1, got {n}").format(n=value))
    return value
