"""One theme for every widget: each joins when it is built, and a change restyles all.

Without it the window had to know every widget that paints its own colours and
push each new palette to it by hand, and any widget left off that list kept the
old theme. Now a widget calls :func:`join` once, in its constructor; whoever
changes the theme changes it here, and the registry calls every member's
``set_palette``. Members leave by themselves when Qt destroys them.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import QObject, Signal

from supple.ui.theme import DARK, Palette, palette_for


@runtime_checkable
class Themed(Protocol):
    """A widget that paints with the theme's colours."""

    def set_palette(self, palette: Palette) -> None: ...


class ThemeRegistry(QObject):
    """The palette in force and the widgets that follow it."""

    palette_changed = Signal(object)
    """The new ``Palette``, after every member has restyled."""

    def __init__(self, palette: Palette = DARK, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._palette = palette
        self._members: dict[int, Themed] = {}

    @property
    def palette(self) -> Palette:
        return self._palette

    @property
    def members(self) -> list[Themed]:
        return list(self._members.values())

    def join(self, widget: Themed) -> None:
        """Style ``widget`` with the palette now and on every change, until it is destroyed."""
        key = id(widget)
        if key in self._members:
            return
        self._members[key] = widget
        if isinstance(widget, QObject):
            widget.destroyed.connect(lambda _obj=None, key=key: self._members.pop(key, None))
        widget.set_palette(self._palette)

    def leave(self, widget: Themed) -> None:
        self._members.pop(id(widget), None)

    def set_theme(self, name: str) -> None:
        self.set_palette(palette_for(name))

    def set_palette(self, palette: Palette) -> None:
        if palette == self._palette:
            return
        self._palette = palette
        for key, widget in list(self._members.items()):
            try:
                widget.set_palette(palette)
            except RuntimeError:  # its C++ side is gone and the destroyed signal was missed
                self._members.pop(key, None)
        self.palette_changed.emit(palette)


_registry: ThemeRegistry | None = None


def themes() -> ThemeRegistry:
    """The app's one registry (made on first use)."""
    global _registry  # one registry per process, like the QApplication
    if _registry is None:
        _registry = ThemeRegistry()
    return _registry


def join(widget: Themed) -> None:
    """Make ``widget`` follow the app's theme (see :class:`ThemeRegistry`)."""
    themes().join(widget)


def current_palette() -> Palette:
    return themes().palette
