"""The test's own routines folder, and a picture the user picked."""

from __future__ import annotations

import pytest

from supple import paths
from tests.storage.routine_store.builders import SVG


@pytest.fixture
def routines():
    return paths.routines_dir()


@pytest.fixture
def picture(tmp_path):
    path = tmp_path / "drawn.svg"
    path.write_bytes(SVG)
    return path
