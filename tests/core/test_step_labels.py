"""One wording for steps, whichever enum (the plan's or the history's) names their kind."""

from __future__ import annotations

import pytest

from supple.core.model import Side
from supple.core.plan import StepKind
from supple.core.step_labels import step_label
from supple.storage import records


@pytest.mark.parametrize(
    ("kind", "name", "side", "label"),
    [
        (StepKind.WORK, "Hip hikes", Side.LEFT, "Hip hikes (left)"),
        (StepKind.WORK, None, Side.NONE, "Exercise"),
        (StepKind.GET_READY, "Pelvic tilts", Side.NONE, "Get ready · Pelvic tilts"),
        (StepKind.GET_READY, None, Side.NONE, "Get ready"),
        (StepKind.REST, "Hip hikes", Side.RIGHT, "Rest · next: Hip hikes (right)"),
        (StepKind.REST, "March", Side.NONE, "Rest · next: March"),
        (StepKind.REST, None, Side.NONE, "Rest"),
        (StepKind.SIDE_SWITCH, None, Side.RIGHT, "Switch sides · right"),
        (StepKind.SIDE_SWITCH, None, Side.NONE, "Switch sides"),
    ],
)
def test_each_kind_of_step_is_named_one_way(kind, name, side, label):
    assert step_label(kind, name, side) == label
    stored = records.StepKind(kind.value), records.Side(side.value)
    assert step_label(*stored[:1], name, stored[1]) == label
