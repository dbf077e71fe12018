"""Lengths of time in one style, whether planned (a routine) or done (a session)."""

from __future__ import annotations

import pytest

from supple.core import timefmt


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0, "0 s"),
        (42.4, "42 s"),
        (59.4, "59 s"),
        (60, "1 min"),
        (282, "5 min"),  # 4 min 42 s done reads like the 17 min planned beside it
        (1020, "17 min"),
        (1040, "17 min"),
        (3600, "1 h"),
        (5460, "1 h 31 min"),
    ],
)
def test_one_style_for_every_duration(seconds, shown):
    assert timefmt.duration(seconds) == shown


def test_a_clock_counts_down_to_zero_only_at_the_end():
    assert timefmt.clock(0.2) == "0:01" and timefmt.clock(0) == "0:00"
    assert timefmt.clock(3725) == "1:02:05"
