"""Names, cues and descriptions given per language in a routine file (``name.de = ...``):
chosen by the language in force, English the fallback, checked like every other field, and
written back as they were read."""

from __future__ import annotations

from dataclasses import replace

import pytest

from supple.core import i18n, routine_file
from supple.core.catalog import builtin_exercises, builtin_routines
from supple.core.library import load_library
from supple.core.problems import RoutineFileError

TRANSLATED = """\
name.en = "Evening"
name.de = "Abend"

[[exercises]]
id = "neck-roll"
name.en = "Neck rolls"
name.de = "Nackenrollen"
category = "mobility"
kind = "reps"
reps = 5
phases.en = ["left", "right"]
phases.de = ["links", "rechts"]
cues = ["Slowly"]

[[blocks]]
name.en = "Loosen up"
name.de = "Lockern"

[[blocks.entries]]
exercise = "neck-roll"
"""


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


def load(text: str, file: str = "evening.toml"):
    return routine_file.loads(text, file, builtin_exercises(), "evening")


def test_the_words_of_the_language_in_force_with_english_the_fallback():
    english = load(TRANSLATED)
    assert (english.name, english.blocks[0].name) == ("Evening", "Loosen up")
    i18n.set_language("de")
    german = load(TRANSLATED)
    own = german.exercises[0]
    assert (german.name, german.blocks[0].name, own.name) == ("Abend", "Lockern", "Nackenrollen")
    assert own.phases == ("links", "rechts")
    assert own.cues == ("Slowly",)  # given once: the same words in every language
    i18n.set_language("fr")  # no French words: English
    assert load(TRANSLATED).name == "Evening"


def test_a_file_in_one_language_only_reads_in_it_everywhere():
    text = TRANSLATED.replace('name.en = "Evening"\n', "")
    assert load(text).name == "Abend"


def test_the_built_in_content_is_german_in_german():
    i18n.set_language("de")
    tilt = builtin_exercises()["pelvic-tilt"]
    assert tilt.name == "Beckenkippen"
    assert tilt.variant("supine").name == "In Rückenlage"
    assert tilt.cues[0] == "Hände unter den Schultern, Knie unter der Hüfte"
    assert tilt.phases == ("nach vorn kippen", "zurück kippen")
    assert {r.name for r in builtin_routines()} >= {"Oberschenkelrückseite lösen"}
    i18n.set_language("en")
    assert builtin_exercises()["pelvic-tilt"].name == "Pelvic tilts"


@pytest.mark.parametrize(
    ("change", "field", "said"),
    [
        (
            ('name.de = "Abend"', 'name.german = "Abend"'),
            "name",
            'name.german: "german" is not a language code',
        ),
        (
            ('name.de = "Abend"', 'name.xx = "Abend"'),
            "name",
            'name.xx: "xx" is not a language code',
        ),
        (
            ('name.de = "Abend"', "name.de = 5"),
            "name",
            "name.de must be non-empty text in quotes, got 5",
        ),
        (
            ('cues = ["Slowly"]', 'cues.de = "Langsam"'),
            "cues",
            "cues.de must be a list of at most 4",
        ),
    ],
)
def test_a_wrong_language_or_type_names_file_field_and_fix(change, field, said):
    with pytest.raises(RoutineFileError) as raised:
        load(TRANSLATED.replace(*change))
    problem = raised.value.problems[0]
    assert str(problem).startswith("evening.toml: ")
    assert said in problem.message
    assert problem.field == field


def test_messages_are_translated_and_still_name_their_field():
    i18n.set_language("de")
    with pytest.raises(RoutineFileError) as raised:
        load(TRANSLATED.replace("reps = 5", "reps = 0"))
    problem = raised.value.problems[0]
    assert problem.message.startswith("reps muss eine ganze Zahl von 1 bis 500 sein")
    assert problem.field == "reps"


def test_written_back_as_read_and_an_edit_changes_the_language_shown():
    i18n.set_language("de")
    routine = load(TRANSLATED)
    assert load(routine_file.dumps(routine)) == routine
    renamed = load(routine_file.dumps(replace(routine, name="Nacht")))
    assert renamed.name == "Nacht"
    i18n.set_language("en")
    assert load(routine_file.dumps(renamed)).name == "Evening"


def test_a_routine_is_found_by_its_name_in_any_language(tmp_path):
    i18n.set_language("de")
    library = load_library(tmp_path)
    assert library.find("Hamstring Reset") is library.find("oberschenkelrückseite lösen")
    assert library.find("Hamstring Reset") is not None
