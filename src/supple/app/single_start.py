"""A second ``supple`` (from a reminder's "Start", say) brings the open window forward.

The socket work is ``qt.single_instance``; this is what the open app does with the wish:
show its window on the named routine, unless a session is running, which is never
interrupted by a reminder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supple import paths
from supple.qt.single_instance import SingleInstance, claim, server_name

if TYPE_CHECKING:
    from supple.app.main import Supple


def claim_instance(routine: str | None) -> SingleInstance | None:
    """Become the running Supple, or hand ``routine`` to the one running and get ``None``."""
    return claim(server_name(paths.data_dir()), routine or "")


def bring_forward(supple: Supple, routine: str) -> None:
    window = supple.window
    if routine and not supple.controller.running:
        window.select_routine(routine)
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
