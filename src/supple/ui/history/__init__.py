"""The history's screens and widgets: the review screen, Home's summary strip, the check-in
and check-out questions, and the banner for history problems.

The app builds these around its ``HistoryRecorder`` and places them: the review screen
as a page of the window, the summary in Home's history slot, the check-in as the
window's check-in page, the check-out in the summary's extras slot. They read and
edit the history only through ``supple.qt.history_access.HistoryAccess`` (built from
the recorder when they are given that), and follow the theme through
``supple.ui.theme_registry``.
"""

from __future__ import annotations

import importlib
from typing import Any

# Loaded on first use: the review screen pulls in QtCharts, which Home does not need.
_MODULE_OF = {
    "CheckOutPanel": "check_out",
    "ConfirmDialog": "dialogs",
    "HistoryNotices": "notices",
    "HomeHistorySummary": "home_summary",
    "ReviewScreen": "review_screen",
    "SelfTestDialog": "dialogs",
    "TightnessCheckIn": "check_in",
    "TightnessScale": "tightness",
}
__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_MODULE_OF[name]}"), name)
