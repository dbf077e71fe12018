"""The desktop file and the AppStream metainfo: valid for the tools distributions run,
and their screenshots and release in step with the repository."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from supple import __version__

ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGING = ROOT / "packaging"
METAINFO = PACKAGING / "io.github.supple.Supple.metainfo.xml"
DESKTOP = PACKAGING / "io.github.supple.Supple.desktop"
SCREENSHOT_URL = "https://raw.githubusercontent.com/supple/supple/v0.1.0/docs/screenshots/"


def run_tool(*command: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed (.ci/run installs it)")
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_appstreamcli_finds_no_error_or_warning():
    done = run_tool("appstreamcli", "validate", "--no-net", str(METAINFO))
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    problems = [line for line in report.splitlines() if line.startswith(("E:", "W:"))]
    assert not problems, report


def test_desktop_file_validate_finds_no_error_or_warning():
    done = run_tool("desktop-file-validate", str(DESKTOP))
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    problems = [line for line in report.splitlines() if "error:" in line or "warning:" in line]
    assert not problems, report


def test_every_screenshot_is_in_the_repository_at_the_size_it_states():
    shots = ET.parse(METAINFO).getroot().findall("screenshots/screenshot")
    assert len(shots) >= 3
    assert [shot.get("type") for shot in shots].count("default") == 1
    for shot in shots:
        image = shot.find("image")
        assert image is not None and image.text is not None
        assert image.text.startswith(SCREENSHOT_URL), image.text
        local = ROOT / "docs" / "screenshots" / image.text.removeprefix(SCREENSHOT_URL)
        picture = QImage(str(local))
        assert not picture.isNull(), f"{local} is missing or unreadable"
        assert (picture.width(), picture.height()) == (
            int(image.get("width", 0)),
            int(image.get("height", 0)),
        ), local.name
        assert (shot.findtext("caption") or "").strip(), f"{local.name} has no caption"


def test_the_newest_release_is_this_version_with_notes_and_a_content_rating():
    root = ET.parse(METAINFO).getroot()
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == __version__
    assert newest.findall("description/ul/li"), "the release has no notes"
    assert root.find("content_rating").get("type") == "oars-1.1"
