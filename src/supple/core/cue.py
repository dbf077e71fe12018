"""The cues: every moment of a session that has a sound of its own.

One small module, so that the settings (which name a custom sound per cue), the
announcer (which picks them) and the sound design (which renders them) share the
name without loading each other.
"""

from __future__ import annotations

from enum import StrEnum

from supple.core.i18n import N_


class Cue(StrEnum):
    """A designed cue sound (rendered by ``supple.audio``), named as the settings store it."""

    GET_READY_PIP = "get_ready_pip"
    GO = "go"
    REP_TICK = "rep_tick"
    PHASE_UP = "phase_up"
    PHASE_DOWN = "phase_down"
    COUNTDOWN_PIP = "countdown_pip"
    HALFWAY = "halfway"
    SIDE_SWITCH = "side_switch"
    REST_START = "rest_start"
    EXERCISE_COMPLETE = "exercise_complete"
    SESSION_COMPLETE = "session_complete"

    @property
    def label(self) -> str:
        """The moment the cue marks, as the user knows it (the value is for files)."""
        return _LABELS[self]


_LABELS = {
    Cue.GET_READY_PIP: N_("Get-ready pip"),
    Cue.GO: N_("Go: work starts"),
    Cue.REP_TICK: N_("Rep tick"),
    Cue.PHASE_UP: N_("Rep, first half"),
    Cue.PHASE_DOWN: N_("Rep, second half"),
    Cue.COUNTDOWN_PIP: N_("Countdown pip (3-2-1)"),
    Cue.HALFWAY: N_("Halfway"),
    Cue.SIDE_SWITCH: N_("Switch sides"),
    Cue.REST_START: N_("Rest starts"),
    Cue.EXERCISE_COMPLETE: N_("Exercise done"),
    Cue.SESSION_COMPLETE: N_("Session done"),
}
