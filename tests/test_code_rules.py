"""The project's own rules, checked by the tools that enforce them."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: install the test extra (pip install -e '.[test]')")
    return found


def run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)


def test_ruff_is_clean():
    done = run(tool("ruff"), "check", "src", "tests", "benchmarks", "packaging", "scripts")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_is_clean_and_strict_on_core_and_storage():
    done = run(tool("mypy"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_layers_point_down_only():
    done = run(tool("lint-imports"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_core_imports_no_qt_pydub_or_sqlite():
    """A second, tool-independent look at the one rule that must never bend."""
    banned = ("PySide6", "pydub", "sqlite3")
    for path in (ROOT / "src" / "supple" / "core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in banned, f"{path.name} imports {name}"
