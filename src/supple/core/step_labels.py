"""What each kind of step is called, in one place for the player, the history and the CLI.

The player's kicker (``REST · UP NEXT``), the history's step list and ``supple plan``
used to word the same steps three ways. They all read from here now. The kinds and
sides are compared by value, so the storage's own ``StepKind`` and ``Side`` (which
mirror the plan's) work as well as the plan's.
"""

from __future__ import annotations

from typing import Final

from supple.core.i18n import N_, _
from supple.core.model import Side
from supple.core.plan import StepKind

__all__ = ["DOT", "KIND_WORDS", "side_text", "step_label"]

DOT: Final = "\N{MIDDLE DOT}"
"""Between the kind of a step and what it is about: ``Get ready · Pelvic tilts``."""

KIND_WORDS: Final[dict[str, str]] = {
    StepKind.GET_READY: N_("Get ready"),
    StepKind.REST: N_("Rest"),
    StepKind.SIDE_SWITCH: N_("Switch sides"),
}
"""The name of each kind of step that is not an exercise (in English: show ``_(...)``)."""

SIDE_WORDS: Final[dict[str, str]] = {
    Side.LEFT: N_("left"),
    Side.RIGHT: N_("right"),
    Side.ALTERNATING: N_("alternating"),
}


def side_text(side: str) -> str:
    """``left``, ``right``, ``alternating``, or nothing for a step without a side."""
    return _(SIDE_WORDS[side]) if side in SIDE_WORDS else ""


def step_label(kind: str, name: str | None, side: str) -> str:
    """One line naming a step: ``Hip hikes (left)``, ``Get ready · Pelvic tilts``,
    ``Rest · next: Hip hikes (left)``, ``Switch sides · right``.

    ``name`` is the exercise's (for a rest, the one it leads to); without one, a work
    step is called ``Exercise`` and the others by their kind alone.
    """
    sided = side_text(side)
    in_brackets = f" ({sided})" if sided else ""
    if kind == StepKind.WORK:
        return f"{name or _('Exercise')}{in_brackets}"
    words = _(KIND_WORDS[kind])
    if kind == StepKind.SIDE_SWITCH:
        return f"{words} {DOT} {sided}" if sided else words
    if kind == StepKind.REST:
        next_one = _("next: {name}").format(name=f"{name}{in_brackets}")
        return f"{words} {DOT} {next_one}" if name else words
    return f"{words} {DOT} {name}" if name else words
