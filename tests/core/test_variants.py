"""Variants: one exercise done another way (lying on your back), chosen per routine entry."""

from __future__ import annotations

import pytest

from supple.core import routine_file
from supple.core.catalog import builtin_exercises, builtin_routines
from supple.core.model import Position
from supple.core.plan import StepKind, compile_plan
from supple.core.problems import RoutineFileError

SUPINE_TILTS = """
name = "Tilts on the back"

[[blocks]]
name = "Circuit"

[[blocks.entries]]
exercise = "pelvic-tilt"
variant = "supine"
reps = 6

[[blocks.entries]]
exercise = "pelvic-tilt"
reps = 6
"""

OWN_VARIANT = """
name = "Own"

[[exercises]]
id = "wall-sit"
name = "Wall sit"
category = "strength"
kind = "timed"
seconds = 30
position = "standing"
cues = ["Back flat on the wall"]

[[exercises.variants]]
id = "on-a-ball"
name = "With a ball behind the back"
position = "standing"
cues = ["Ball between the back and the wall", "Roll down slowly"]
image = "ball-squat"

[[blocks]]
name = "Block"

[[blocks.entries]]
exercise = "wall-sit"
variant = "on-a-ball"
"""


def load(text: str):
    return routine_file.loads(text, "my.toml", builtin_exercises(), default_id="my")


def problems_of(text: str) -> list[str]:
    with pytest.raises(RoutineFileError) as caught:
        load(text)
    return [str(p) for p in caught.value.problems]


def test_the_seed_offers_pelvic_tilts_lying_on_your_back():
    tilts = builtin_exercises()["pelvic-tilt"]
    supine = tilts.variant("supine")
    assert supine is not None and supine.position is Position.SUPINE
    # The session shows at most three cue lines: the lying option is no longer a fourth.
    assert all(len(e.cues) <= 3 for e in builtin_exercises().values())
    assert all(len(v.cues) <= 3 for e in builtin_exercises().values() for v in e.variants)


def test_the_chosen_variant_gives_the_steps_its_position_picture_and_cues():
    plan = compile_plan(load(SUPINE_TILTS))
    on_back, on_hands = plan.work_steps
    assert on_back.exercise.position is Position.SUPINE
    assert on_back.exercise.image_name == "pelvic-tilt-supine"
    assert on_back.exercise.cues[0] == "On your back, knees bent, feet flat"
    assert on_hands.exercise == builtin_exercises()["pelvic-tilt"]
    # The step that leads to a set shows the way it will be done.
    get_ready = plan.steps[0]
    assert get_ready.kind is StepKind.GET_READY and get_ready.exercise == on_back.exercise
    # Counted and timed as the exercise is, and the same exercise in the history.
    assert (on_back.exercise.id, on_back.tempo, on_back.phases) == (
        "pelvic-tilt",
        on_hands.tempo,
        on_hands.phases,
    )


def test_a_variant_survives_saving_and_reloading():
    for text in (SUPINE_TILTS, OWN_VARIANT):
        routine = load(text)
        assert load(routine_file.dumps(routine)) == routine
    own = load(OWN_VARIANT)
    assert own.blocks[0].entries[0].variant == "on-a-ball"
    assert own.exercises[0].as_variant("on-a-ball").image_name == "ball-squat"


def test_builtin_routines_still_round_trip():
    for routine in builtin_routines():
        assert load(routine_file.dumps(routine)) == routine


def test_an_unknown_variant_names_the_entry_and_the_variants_there_are():
    found = problems_of(SUPINE_TILTS.replace('"supine"', '"supin"'))
    assert found == [
        'my.toml: block "Circuit", entry 1 (pelvic-tilt): variant "supin" is not a variant '
        'of "pelvic-tilt" (its variants: supine) - did you mean "supine"?'
    ]
    found = problems_of(SUPINE_TILTS.replace('"pelvic-tilt"\nvariant', '"dead-bug"\nvariant'))
    assert 'exercise "dead-bug" has no variants; remove variant' in found[0]


def test_a_broken_variant_names_the_exercise_the_variant_and_the_field():
    broken = OWN_VARIANT.replace('position = "standing"\ncues = ["Ball', 'cues = ["Ball')
    found = problems_of(broken.replace('id = "on-a-ball"', 'id = "On a ball"'))
    assert any(
        p.startswith('my.toml: exercise 1 ("wall-sit"), variant "On a ball": id must use')
        for p in found
    )
    assert any("position is missing" in p for p in found)
    twice = OWN_VARIANT.replace(
        "[[blocks]]",
        '[[exercises.variants]]\nid = "on-a-ball"\nname = "Again"\nposition = "seated"\n\n'
        "[[blocks]]",
    )
    assert any("given to two variants" in p for p in problems_of(twice))
