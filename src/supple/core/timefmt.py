"""Time as people read it on a screen."""

from __future__ import annotations

import math


def clock(seconds: float) -> str:
    """``83.2`` -> ``"1:24"``.

    Rounds up: a countdown shows the second it is in, so it reads 0:00 only at the end."""
    whole = max(0, math.ceil(seconds - 1e-9))
    minutes, secs = divmod(whole, 60)
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def duration(seconds: float) -> str:
    """``1020`` -> ``"17 min"``, ``282`` -> ``"5 min"``: one style for every length of time
    Supple names (a routine's plan, a session done), whole minutes from a minute up; a
    span shorter than a minute keeps its seconds. ``clock`` is for times that tick."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"
