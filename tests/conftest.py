"""Shared test set-up: Qt without a display, and every data folder in a temp dir."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Qt's mock speech engine answers instantly and needs no audio stack.
os.environ.setdefault("SUPPLE_TTS_ENGINE", "mock")
# Tests read English whatever the machine's language; a test that wants another sets it.
os.environ["LANGUAGE"] = "en"

import pytest

from supple import paths
from tests.sound_server import running_sound_server, running_speech_service


@pytest.fixture(scope="session")
def qapp(qapp):
    """pytest-qt's application, with Supple's font loaded before any widget, as the app does."""
    from supple.ui.theme import install_font

    assert install_font(qapp) is None, "the shipped font did not load"
    return qapp


@pytest.fixture(autouse=True)
def default_theme():
    """Every test starts on the default (dark) theme, whatever the test before it chose."""
    from supple.ui.theme_registry import themes

    themes().set_theme("dark")


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    """No test ever touches the real user's history or routines."""
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    data = tmp_path / "supple-data"
    paths.set_data_dir(data)
    yield data
    paths.set_data_dir(None)


@pytest.fixture(scope="module")
def sound_server(tmp_path_factory):
    """A PulseAudio server of our own with a null sink, or a skip saying what is missing."""
    with running_sound_server(tmp_path_factory.mktemp("pulse")) as server:
        yield server


@pytest.fixture(scope="module")
def speech_service(tmp_path_factory, sound_server):
    """speech-dispatcher speaking into ``sound_server``, or a skip saying what is missing."""
    with running_speech_service(tmp_path_factory.mktemp("speechd"), sound_server) as service:
        yield service


@pytest.fixture
def german():
    """The app in German for one test, English again after it."""
    from supple.core import i18n

    i18n.set_language("de")
    yield
    i18n.set_language("en")


@pytest.fixture
def speech(qtbot):
    """A speaker on Qt's silent mock engine, once the engine has answered from its thread."""
    from supple.qt.speech import Speech

    speaker = Speech(engine="mock")
    qtbot.waitUntil(speaker.is_ready, timeout=10_000)
    assert speaker.available, speaker.problem
    return speaker
