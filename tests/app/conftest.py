"""Fixtures the app's tests share."""

from __future__ import annotations

import socket

import pytest


@pytest.fixture
def stuck_speech_server(tmp_path):
    """``SPEECHD_ADDRESS`` of a speech-dispatcher that takes the connection and never
    answers (one that hangs as it shuts down does that): the engine's start never ends."""
    address = tmp_path / "speechd.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(address))
    server.listen()
    yield f"unix_socket:{address}"
    server.close()
