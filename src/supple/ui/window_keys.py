"""Every key of the window, each a window-wide action with a button on screen beside it.

What a key does depends on the page (Enter starts on Home, counts or finishes a set
in a session); the window connects each action to its ``on_*`` slot. Keys are the
ones a real keyboard sends: ``+`` arrives as Shift+= on a US layout, Enter also
comes from the keypad. A presenter remote's clicks are keys too: PageDown counts or
finishes (like Enter), PageUp goes back, and its blank-screen button (B or ``.``) pauses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from supple.core.i18n import _

if TYPE_CHECKING:  # the session page is built with the first session
    from supple.ui.session_view import SessionActions

K = Qt.Key
KEYPAD = Qt.KeyboardModifier.KeypadModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _keys(*keys: object) -> list[QKeySequence]:
    return [QKeySequence(key) for key in keys]  # type: ignore[call-overload]  # Qt accepts keys and key combinations


class WindowKeys:
    """The window's actions; ``session_keys`` are off while the editor or history shows."""

    def __init__(self, window: QWidget) -> None:
        self._window = window
        self.primary = self._action(
            _("Start / count rep / set done"),
            _keys(K.Key_Return, K.Key_Enter, QKeyCombination(KEYPAD, K.Key_Enter), K.Key_PageDown),
        )
        self.pause = self._action(_("Pause or resume"), _keys(K.Key_Space, K.Key_B, K.Key_Period))
        self.skip = self._action(_("Skip"), _keys(K.Key_Right, K.Key_N))
        self.back = self._action(_("Back"), _keys(K.Key_Left, K.Key_P, K.Key_PageUp))
        self.more = self._action(
            _("More reps or time"),
            # One entry per key: Qt also tries a shifted key without its Shift, so "+" typed
            # as Shift+= matches Plus; a Shift+Plus entry as well would make it ambiguous.
            _keys(K.Key_Plus, K.Key_Equal, QKeyCombination(KEYPAD, K.Key_Plus)),
        )
        self.less = self._action(
            _("Fewer reps or less time"),
            _keys(K.Key_Minus, K.Key_Underscore, QKeyCombination(KEYPAD, K.Key_Minus)),
        )
        self.stop = self._action(_("Stop"), _keys(K.Key_Escape))
        self.fullscreen = self._action(_("Full screen"), _keys(K.Key_F11))
        self.mute = self._action(_("Mute"), _keys(K.Key_M))
        self.theme = self._action(_("Theme"), _keys(K.Key_T))
        self.edit = self._action(_("Edit routines"), _keys(K.Key_E))
        self.sound = self._action(_("Sound and voice"), _keys(K.Key_O))
        self.voice_commands = self._action(_("Voice commands on or off"), _keys(K.Key_V))
        # On every page, as in other applications; it closes the window the usual way.
        self.quit = self._action(_("Quit"), _keys(QKeyCombination(CTRL, K.Key_Q)))
        # Off while the editor or history has the screen: there, keys type and navigate.
        self.session_keys = (
            self.primary,
            self.pause,
            self.skip,
            self.back,
            self.more,
            self.less,
            self.mute,
            self.theme,
            self.edit,
            self.voice_commands,
        )

    def session_actions(self) -> SessionActions:
        """The keys the session page shows as buttons."""
        from supple.ui.session_view import SessionActions

        return SessionActions(
            pause=self.pause,
            back=self.back,
            skip=self.skip,
            primary=self.primary,
            less=self.less,
            more=self.more,
            mute=self.mute,
            fullscreen=self.fullscreen,
            stop=self.stop,
        )

    def _action(self, name: str, keys: list[QKeySequence]) -> QAction:
        action = QAction(name, self._window)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setAutoRepeat(False)
        self._window.addAction(action)
        return action
