"""Time as people read it on a screen, in the language in force."""

from __future__ import annotations

import math
from datetime import datetime

from supple.core.i18n import _


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
        return _("{n} s").format(n=whole)
    minutes = round(seconds / 60)
    if minutes < 60:
        return _("{n} min").format(n=minutes)
    hours, minutes = divmod(minutes, 60)
    if not minutes:
        return _("{n} h").format(n=hours)
    return _("{hours} h {minutes} min").format(hours=hours, minutes=minutes)


def decimal(value: float) -> str:
    """``1.5`` -> ``"1.5"`` (``"1,5"`` in German): a number as few digits as it needs,
    with the language's decimal mark."""
    whole, dot, fraction = f"{value:g}".partition(".")
    # Translators: a number with a fractional part; German writes {whole},{fraction}
    return _("{whole}.{fraction}").format(whole=whole, fraction=fraction) if dot else whole


def date_time(moment: datetime) -> str:
    """A date and time of day as the language writes them (``2026-12-04 18:00``)."""
    # Translators: how a date and time are written (strftime codes), e.g. %d.%m.%Y %H:%M
    return moment.strftime(_("%Y-%m-%d %H:%M"))
