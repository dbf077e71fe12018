"""A private X server (Xvfb) and real key presses sent to it (xdotool), for the few tests
that must see keys exactly as a keyboard sends them through the xcb platform plugin.

``x_display`` skips, saying what is missing, where Xvfb or xdotool are not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


@contextmanager
def running_x_server() -> Iterator[str]:
    """Start Xvfb on a free display; yields the display name (":N")."""
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed (apt-get install xvfb xdotool)")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()  # written once the server accepts clients
    try:
        if not number:
            pytest.fail("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def press(display: str, *keys: str) -> None:
    """Press and release each key (xdotool names: "shift+equal", "KP_Add") on ``display``."""
    subprocess.run(
        ["xdotool", "key", "--delay", "50", *keys],
        env={**os.environ, "DISPLAY": display},
        check=True,
        timeout=30,
    )
