"""Fixtures for the history tests: a store on the test's own data folder, and record builders."""

from __future__ import annotations

from pathlib import Path

import pytest

from supple import paths
from supple.storage.history import open_history
from tests.storage.history_builders import Records


@pytest.fixture
def records() -> Records:
    return Records()


@pytest.fixture
def store():
    with open_history() as opened:
        yield opened


@pytest.fixture
def history_path() -> Path:
    return paths.history_db()
