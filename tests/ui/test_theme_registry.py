"""One theme for every widget: members follow each change until Qt destroys them."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from supple.ui.theme import DARK, LIGHT
from supple.ui.theme_registry import ThemeRegistry


class Painted(QWidget):
    def __init__(self):
        super().__init__()
        self.palettes = []

    def set_palette(self, palette):
        self.palettes.append(palette.name)


def test_a_member_gets_the_palette_at_once_and_on_every_change(qtbot):
    registry = ThemeRegistry(DARK)
    widget = Painted()
    qtbot.addWidget(widget)
    registry.join(widget)
    registry.join(widget)  # joining twice changes nothing
    assert widget.palettes == ["dark"]
    with qtbot.waitSignal(registry.palette_changed) as changed:
        registry.set_theme("light")
    assert changed.args == [LIGHT]
    registry.set_theme("light")  # no change, no restyle
    registry.set_theme("dark")
    assert widget.palettes == ["dark", "light", "dark"]


def test_a_destroyed_member_leaves_and_a_left_one_is_not_restyled(qtbot):
    registry = ThemeRegistry(DARK)
    gone, left, stays = Painted(), Painted(), Painted()
    qtbot.addWidget(stays)
    qtbot.addWidget(left)
    for widget in (gone, left, stays):
        registry.join(widget)
    gone.deleteLater()
    qtbot.waitUntil(lambda: len(registry.members) == 2)
    registry.leave(left)
    registry.set_theme("light")
    assert stays.palettes == ["dark", "light"]
    assert left.palettes == ["dark"]
