"""The ``supple`` command: the app by default, and a few subcommands for the terminal."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from supple import __version__, paths
from supple.cli.argparse_words import use_supple_catalogue
from supple.cli.arguments import (
    register_history_commands,
    register_plan_commands,
    register_reminder_commands,
)
from supple.core import i18n
from supple.core.i18n import _


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="supple",
        description=_("A guided mobility coach. Without a command, opens the app."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"supple {__version__}",
        help=_("show the version and exit"),
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help=_("keep history, routines and settings in DIR (also ${variable})").format(
            variable=paths.DATA_DIR_ENV
        ),
    )
    parser.add_argument(
        "--lang",
        metavar="CODE",
        help=_("the language to use, e.g. de or en (default: the system's)"),
    )
    parser.add_argument("--routine", metavar="NAME", help=_("select this routine (id or name)"))
    parser.add_argument("--fullscreen", action="store_true", help=_("open full screen"))
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help=_("open Home, print 'ready <unix time>' once it is painted, and quit"),
    )
    parser.add_argument(
        "--smoke-session",
        action="store_true",
        help=_("with --smoke-test: then run the selected routine to its end, and quit"),
    )
    parser.add_argument(
        "--smoke-seconds",
        type=float,
        default=0.0,
        metavar="S",
        help=_("with --smoke-test: run as usual for S seconds after the first paint, then quit"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    register_plan_commands(commands)  # their code is imported only when one runs
    register_history_commands(commands)
    register_reminder_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    # Before the parser, so its help is translated: --lang, the settings, the system's.
    i18n.set_language(_language_asked(words) or _language_saved())
    use_supple_catalogue()
    parser = build_parser()
    args = parser.parse_args(words)
    if args.data_dir is not None:
        paths.set_data_dir(args.data_dir)
    if args.command is None:
        from supple.app.main import run_app
        from supple.app.smoke import SmokeTest

        smoke = SmokeTest(args.smoke_session, args.smoke_seconds) if args.smoke_test else None
        return run_app(routine=args.routine, fullscreen=args.fullscreen, smoke_test=smoke)
    try:
        status: int = args.func(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped early (``supple plan --json | head``): nothing more to say, and
        # Python's own flush at exit must not fail on the closed pipe either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE
    return status


def _language_saved() -> str | None:
    """The language chosen in the settings, or None to follow the system."""
    from supple.storage.settings import load_settings

    return load_settings().settings.language or None


def _language_asked(words: list[str]) -> str | None:
    """``--lang CODE`` or ``--lang=CODE`` before any subcommand, else None (the system's)."""
    for index, word in enumerate(words):
        if word.startswith("--lang="):
            return word.partition("=")[2]
        if word == "--lang" and index + 1 < len(words):
            return words[index + 1]
    return None


if __name__ == "__main__":
    sys.exit(main())
