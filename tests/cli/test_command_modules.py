"""The subcommands' modules are imported by name, so the bundle lists them from
``COMMAND_MODULES``: every runner must come from that list."""

from __future__ import annotations

import importlib

import pytest

from supple.cli import build_parser
from supple.cli.arguments import COMMAND_MODULES, runner


def test_a_runner_outside_the_list_is_refused_when_the_parser_is_built():
    with pytest.raises(ValueError, match="COMMAND_MODULES"):
        runner("supple.cli.unlisted_commands", "run")


def test_every_listed_module_has_the_runners_the_parser_names():
    build_parser()  # names every runner; refused above if one's module is not listed
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        assert [f for f in dir(module) if f.startswith("run_")], name
