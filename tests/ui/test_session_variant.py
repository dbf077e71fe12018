"""The session screen shows the way an entry chose to do its exercise."""

from __future__ import annotations

from PySide6.QtCore import Qt

from supple.core.model import Block, Entry, Routine

K = Qt.Key

ON_THE_BACK = Routine(
    id="on-the-back",
    name="On the back",
    get_ready_seconds=3,
    blocks=(Block(name="Tilts", entries=(Entry("pelvic-tilt", reps=3, variant="supine"),)),),
)


def test_get_ready_and_the_set_show_the_chosen_variant(qtbot, make_window):
    window = make_window(ON_THE_BACK)
    qtbot.keyClick(window, K.Key_Return)
    view = window.session_view
    qtbot.waitUntil(lambda: view.picture.shown.startswith("pelvic-tilt-supine"))
    # Get-ready says what the set will ask, as a rest does.
    assert view.target_label.isVisible() and "3" in view.target_label.text()
    qtbot.keyClick(window, K.Key_Right)
    qtbot.waitUntil(lambda: view.picture.shown.startswith("pelvic-tilt-supine"))
    shown = [label.text() for label in view.cue_labels if label.text()]
    assert shown[0].endswith("On your back, knees bent, feet flat")
    assert not any("hands" in line.lower() for line in shown)
