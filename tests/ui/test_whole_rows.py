"""Home's routine preview shows whole rows, and at least three, whatever the notices."""

from __future__ import annotations

import pytest

from supple.core.catalog import default_routine

NOTICE = (
    "The sound could not start: no output device was found. Cues are shown on screen "
    "instead; plug in headphones or speakers and restart Supple to hear them."
)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_the_preview_never_cuts_a_row_and_keeps_three(qtbot, make_window, size):
    window = make_window(default_routine(), size=size)
    view = window.home.preview_list
    for notices in range(3):
        if notices:
            window.add_notice(f"{notices}. {NOTICE}")
        qtbot.wait(1)
        row = view.sizeHintForRow(0)
        shown = view.viewport().height()
        assert view.count() > shown // row, "the test needs more rows than fit"
        assert shown % row == 0, f"{notices} notices: {shown / row:.2f} rows in view"
        assert shown // row >= 3, f"{notices} notices: {shown // row} rows in view"
        for _ in range(view.count()):  # scrolled to the end, still whole rows
            view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 1)
        assert view.viewport().height() % row == 0
