"""Every text on the history pages, the check-in and the check-out reads at 4.5:1 or more,
in both themes, measured against what is drawn behind it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from supple.ui.history import CheckOutPanel, HomeHistorySummary, TightnessCheckIn
from supple.ui.page_stack import Page
from supple.ui.theme import DARK, LIGHT
from supple.ui.theme_registry import themes
from tests.ui.contrast import low_contrast_labels
from tests.ui.history.conftest import SIZE, TODAY


@pytest.mark.parametrize("palette", [DARK, LIGHT], ids=["dark", "light"])
def test_every_text_reads_at_four_and_a_half_to_one(
    qtbot, store, loosening, make_review, make_window, drill, palette
):
    themes().set_palette(palette)
    window = make_window(drill)
    window.set_check_in(TightnessCheckIn())
    found = {"home": low_contrast_labels(window)}
    qtbot.keyClick(window, Qt.Key.Key_Return)  # Start: the check-in question shows
    assert window.current_page is Page.CHECK_IN
    screen = make_review(store)
    check_out = CheckOutPanel()
    check_out.prepare(tightness_before=6)
    others = {
        "home strip": HomeHistorySummary(store, today=lambda: TODAY),
        "check-out": check_out,
    }
    for page in others.values():
        qtbot.addWidget(page)
        page.resize(*SIZE)
        page.show()
        qtbot.waitExposed(page)
    for tab in range(3):
        screen.show_tab(tab)
        qtbot.wait(1)
        found[f"history tab {tab + 1}"] = low_contrast_labels(screen)
    for name, page in others.items():
        found[name] = low_contrast_labels(page)
    found["check-in"] = low_contrast_labels(window)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Escape)  # no answer: the session
    qtbot.keyClick(window, Qt.Key.Key_Right)
    window.controller.end_now()
    assert window.current_page is Page.SUMMARY
    found["summary"] = low_contrast_labels(window)
    low = {name: texts for name, texts in found.items() if texts}
    assert not low, "\n".join(f"{name}: {texts}" for name, texts in low.items())
