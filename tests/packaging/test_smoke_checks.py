"""The bundle's smoke test, run against the installed command: every check it makes
passes on a working Supple, so a failure in the bundle is the bundle's."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BUILD = Path(__file__).resolve().parent.parent.parent / "packaging" / "build.py"


def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("packaging_build", BUILD)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def test_every_check_passes_on_the_installed_command(capsys):
    assert build_script().smoke_test([sys.executable, "-m", "supple"]), capsys.readouterr().out
    shown = capsys.readouterr().out
    for command in ("--version", "--smoke-session", "plan smoke --json", "routines list"):
        assert command in shown
    for command in ("routines validate", "history list", "history export", "history import"):
        assert command in shown
    for command in ("reminders show", "remind"):
        assert command in shown


def test_a_failing_command_fails_the_smoke_test(capsys):
    assert not build_script().smoke_test([sys.executable, "-c", "import sys; sys.exit(3)"])
    assert "FAIL" in capsys.readouterr().out
