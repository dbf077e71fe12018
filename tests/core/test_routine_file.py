"""Routine files: precise errors for what people actually get wrong, and exact round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from supple.core import routine_file
from supple.core.catalog import builtin_exercises, builtin_routines
from supple.core.library import load_folder, load_library
from supple.core.problems import RoutineFileError
from tests.core.routines import SHORT

GOOD = """
name = "My circuit"

[[blocks]]
name = "Circuit"
rounds = 2

[[blocks.entries]]
exercise = "hip-90-90-transition"

[[blocks.entries]]
exercise = "pelvic-tilt"
reps = 20
"""


def problems_of(text: str, file: str = "my.toml") -> list[str]:
    with pytest.raises(RoutineFileError) as caught:
        routine_file.loads(text, file, builtin_exercises(), default_id="my")
    return [str(p) for p in caught.value.problems]


def test_a_good_hand_written_file_loads_with_defaults():
    routine = routine_file.loads(GOOD, "my.toml", builtin_exercises(), default_id="my")
    assert routine.id == "my" and routine.name == "My circuit"
    assert routine.get_ready_seconds == 5 and routine.blocks[0].rounds == 2
    assert [e.exercise for e in routine.blocks[0].entries] == [
        "hip-90-90-transition",
        "pelvic-tilt",
    ]


def test_out_of_range_reps_names_file_block_entry_and_field():
    text = GOOD.replace("reps = 20", "reps = -3")
    assert problems_of(text) == [
        'my.toml: block "Circuit", entry 2 (pelvic-tilt): '
        "reps must be a whole number from 1 to 500, got -3"
    ]


def test_wrong_types_say_what_was_found():
    text = GOOD.replace("reps = 20", 'reps = "twenty"').replace("rounds = 2", "rounds = 2.5")
    assert problems_of(text) == [
        'my.toml: block "Circuit": rounds must be a whole number from 1 to 20, got 2.5',
        'my.toml: block "Circuit", entry 2 (pelvic-tilt): '
        'reps must be a whole number from 1 to 500, got "twenty"',
    ]


def test_typo_in_a_key_suggests_the_right_one():
    [problem] = problems_of(GOOD.replace("reps = 20", "rep = 20"))
    assert problem.startswith(
        'my.toml: block "Circuit", entry 2 (pelvic-tilt): unknown key "rep" - did you mean "reps"?'
    )


def test_unknown_exercise_suggests_the_closest_id():
    [problem] = problems_of(GOOD.replace('"pelvic-tilt"', '"pelvic-tilts"'))
    assert problem == (
        'my.toml: block "Circuit", entry 2 (pelvic-tilts): exercise "pelvic-tilts" is not a '
        'built-in exercise or one defined in this file - did you mean "pelvic-tilt"?'
    )


def test_enum_values_list_what_is_accepted():
    [problem] = problems_of(GOOD.replace("reps = 20", 'sides = "both"'))
    assert problem.endswith('sides must be one of none, each, alternate, got "both"')


def test_fields_that_do_not_fit_the_exercise_are_errors():
    text = GOOD.replace('exercise = "pelvic-tilt"\nreps = 20', 'exercise = "side-plank"\nreps = 5')
    assert problems_of(text) == [
        'my.toml: block "Circuit", entry 2 (side-plank): '
        'reps does not apply to timed exercise "side-plank"; use seconds'
    ]


def test_all_problems_are_reported_not_just_the_first():
    text = GOOD.replace("rounds = 2", "rounds = 0").replace("reps = 20", "reps = 0")
    assert len(problems_of(text)) == 2


def test_broken_toml_says_where():
    [problem] = problems_of('name = "x"\n[[blocks]\n')
    assert problem.startswith("my.toml: is not valid TOML:") and "line 2" in problem


def test_missing_blocks_and_name():
    assert problems_of('id = "x"\n') == [
        "my.toml: name is missing: give it as text in quotes",
        "my.toml: blocks is missing: a routine needs at least one [[blocks]] section with entries",
    ]


def test_custom_exercise_problems_are_named():
    text = SHORT.replace('kind = "reps"\nreps = 3', 'kind = "timed"\nreps = 3')
    found = problems_of(text, "short.toml")
    where = 'short.toml: exercise 1 ("slow-press"): '
    assert sorted(p.removeprefix(where)[:30] for p in found) == [
        "reps does not apply to a timed",
        "seconds is missing: a timed ex",
    ]  # and the entry that uses the broken exercise does not repeat them


def test_custom_exercise_may_not_shadow_a_builtin():
    text = SHORT.replace('id = "slow-press"', 'id = "bird-dog"')
    assert any('id "bird-dog" is already a built-in exercise' in p for p in problems_of(text))


@pytest.mark.parametrize("routine", builtin_routines(), ids=lambda r: r.id)
def test_builtin_routines_round_trip_exactly(routine):
    text = routine_file.dumps(routine)
    again = routine_file.loads(text, "x.toml", builtin_exercises())
    assert again == routine
    assert routine_file.dumps(again) == text


def test_custom_exercises_round_trip():
    routine = routine_file.loads(SHORT, "short.toml", builtin_exercises())
    assert routine.exercises[0].phases == ("press", "release")
    again = routine_file.loads(routine_file.dumps(routine), "short.toml", builtin_exercises())
    assert again == routine


def test_one_bad_file_never_stops_the_others(tmp_path):
    (tmp_path / "a-good.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b-bad.toml").write_text(GOOD.replace("reps = 20", "reps = 9000"), encoding="utf-8")
    (tmp_path / "c-binary.toml").write_bytes(b"\xff\xfe\x00garbage")
    (tmp_path / "d-dup.toml").write_text(
        GOOD.replace('name = "My', 'id = "a-good"\nname = "My'), encoding="utf-8"
    )
    routines, problems = load_folder(tmp_path, builtin_exercises())
    assert [r.id for r in routines] == ["a-good"]
    files = [p.file for p in problems]
    # A file found in a folder is named by its full path, so the user can find it.
    assert files[:2] == [str(tmp_path / "b-bad.toml"), str(tmp_path / "c-binary.toml")]
    assert files[2].endswith("d-dup.toml") and len(files) == 3


def test_errors_name_the_file_as_it_was_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("my.toml").write_text(GOOD.replace("reps = 20", "reps = -3"), encoding="utf-8")
    with pytest.raises(RoutineFileError) as caught:
        routine_file.load(Path("my.toml"), builtin_exercises())
    assert [str(p) for p in caught.value.problems] == [
        'my.toml: block "Circuit", entry 2 (pelvic-tilt): '
        "reps must be a whole number from 1 to 500, got -3"
    ]


def test_two_files_with_the_same_name_are_told_apart(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for folder, reps in (("home", "reps = -3"), ("shared", "reps = 9000")):
        Path(folder).mkdir()
        Path(folder, "my.toml").write_text(GOOD.replace("reps = 20", reps), encoding="utf-8")
    seen = []
    for path in (Path("home/my.toml"), tmp_path / "shared" / "my.toml"):
        with pytest.raises(RoutineFileError) as caught:
            routine_file.load(path, builtin_exercises())
        [problem] = caught.value.problems
        seen.append(str(problem))
    assert seen[0].startswith(f'{Path("home", "my.toml")}: block "Circuit", entry 2')
    assert seen[0].endswith("got -3")
    assert seen[1].startswith(f'{tmp_path / "shared" / "my.toml"}: block "Circuit", entry 2')
    assert seen[1].endswith("got 9000")


def test_an_unreadable_file_is_named_by_its_path(tmp_path):
    missing = tmp_path / "gone" / "my.toml"
    with pytest.raises(RoutineFileError) as caught:
        routine_file.load(missing, builtin_exercises())
    [problem] = caught.value.problems
    assert str(problem).startswith(f"{missing}: cannot be read:")


def test_library_puts_the_default_first_and_keeps_builtin_ids(tmp_path):
    (tmp_path / "hamstring-reset.toml").write_text(GOOD, encoding="utf-8")
    library = load_library(tmp_path)
    assert library.routines[0].id == "hamstring-reset"
    assert library.routines[0].name == "Hamstring Reset"
    assert "already used" in str(library.problems[0])
    assert library.find("hamstring reset") is library.routines[0]


def test_problems_point_at_the_field_for_an_editor():
    text = GOOD.replace("reps = 20", "reps = -3").replace("rounds = 2", "rounds = 99")
    problems = {(p.block, p.entry, p.field) for p in _raised(text)}
    assert problems == {(1, None, "rounds"), (1, 2, "reps")}


def _raised(text):
    with pytest.raises(RoutineFileError) as caught:
        routine_file.loads(text, "my.toml", builtin_exercises(), default_id="my")
    return caught.value.problems
