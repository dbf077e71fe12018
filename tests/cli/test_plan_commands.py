"""``supple plan`` and ``supple routines`` as a person runs them, in a real process."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from supple.cli import main
from tests.cli.commands import supple


def seconds(clock: str) -> float:
    """``"1:05"`` -> 65, ``"1:02:03"`` -> 3723, ``"0:22.5"`` -> 22.5."""
    total = 0.0
    for part in clock.split(":"):
        total = total * 60 + float(part)
    return total


def table_of(out: str) -> list[tuple[float, float]]:
    """(start, length) in seconds for every row of a printed plan."""
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("start "))
    column = lines[header].index("length")
    rows = []
    for line in lines[header + 1 :]:
        if not line:
            break
        rows.append((seconds(line.split()[0]), seconds(line[column:].split()[0])))
    return rows


def test_plan_prints_the_default_routine_with_its_total(isolated_data_dir):
    done = supple("plan", data_dir=isolated_data_dir)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("Hamstring Reset (hamstring-reset)")
    for name in [
        "Leg swings, front to back",
        "Standing hip circles",
        "Pelvic tilts",
        "90/90 hip transitions",
        "Elevated hip hikes (left)",
        "90/90 knee rolls",
        "Hamstring curls",
        "Switch sides \N{MIDDLE DOT} right",
        "Rest \N{MIDDLE DOT} next: Pelvic tilts",
    ]:
        assert name in out
    assert "Total: 17 min (17:20), 38 steps, 19 sets of 9 exercises" in out


def test_plan_rows_add_up_to_the_next_start_and_the_total(isolated_data_dir):
    for routine in ("hamstring-reset", "pre-run-warm-up", "full-session"):
        out = supple("plan", routine, data_dir=isolated_data_dir).stdout
        rows = table_of(out)
        assert len(rows) > 10 and rows[0][0] == 0
        for (start, length), (next_start, _) in itertools.pairwise(rows):
            assert start + length == pytest.approx(next_start), out
        total = out.splitlines()[-1].split("(")[1].split(")")[0]
        assert rows[-1][0] + rows[-1][1] == pytest.approx(seconds(total)), out


def test_identical_sets_show_the_same_length(isolated_data_dir):
    out = supple("plan", data_dir=isolated_data_dir).stdout
    swings = [
        length
        for (_, length), line in zip(table_of(out), out.splitlines()[3:], strict=False)
        if line.endswith(("Leg swings, front to back (left)", "Leg swings, front to back (right)"))
    ]
    assert swings == [22.5, 22.5], out


def test_plan_counts_read_naturally_for_one_of_each(tmp_path, isolated_data_dir):
    (tmp_path / "one.toml").write_text(
        'name = "One"\nget_ready_seconds = 0\n[[blocks]]\nname = "A"\n'
        '[[blocks.entries]]\nexercise = "march-in-place"\nseconds = 30\n',
        encoding="utf-8",
    )
    done = supple("plan", "one.toml", data_dir=isolated_data_dir, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "Total: 30 s (0:30), 1 step, 1 set of 1 exercise"


def test_plan_json_is_machine_readable(isolated_data_dir, capsys):
    assert main(["plan", "quick-reset", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["routine"]["id"] == "quick-reset"
    assert data["total_seconds"] == pytest.approx(sum(s["planned_seconds"] for s in data["steps"]))
    tilt = next(s for s in data["steps"] if s["exercise"] == "pelvic-tilt" and s["kind"] == "work")
    assert tilt["target_reps"] == 20 and tilt["phases"] == ["tilt forward", "tilt back"]
    assert [m["phase"] for m in tilt["marks"][:2]] == ["tilt forward", "tilt back"]


def test_routines_list_shows_builtins_and_user_routines(isolated_data_dir, capsys):
    folder = isolated_data_dir / "routines"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(
        'name = "Mine"\n[[blocks]]\nname = "A"\n[[blocks.entries]]\nexercise = "dead-bug"\n',
        encoding="utf-8",
    )
    (folder / "broken.toml").write_text('name = "Broken"\n', encoding="utf-8")
    assert main(["routines", "list"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith("hamstring-reset") and "built-in" in lines[0]
    assert any(line.startswith("mine") and line.endswith("yours") for line in lines)
    assert f"problem: {folder / 'broken.toml'}: blocks is missing" in captured.err


def test_validate_gives_one_line_per_error_on_stderr_and_status_2(tmp_path, isolated_data_dir):
    bad = tmp_path / "my.toml"
    bad.write_text(
        'name = "Mine"\n[[blocks]]\nname = "Circuit"\nround = 2\n'
        '[[blocks.entries]]\nexercise = "pelvic-tilt"\nreps = -3\n',
        encoding="utf-8",
    )
    good = tmp_path / "good.toml"
    good.write_text(
        'name = "Good"\n[[blocks]]\nname = "A"\n[[blocks.entries]]\nexercise = "bird-dog"\n',
        encoding="utf-8",
    )
    done = supple(
        "routines", "validate", "good.toml", "my.toml", data_dir=isolated_data_dir, cwd=tmp_path
    )
    assert done.returncode == 2
    assert done.stdout.splitlines() == ["good.toml: ok (Good, 45 s)"]
    assert done.stderr.splitlines() == [
        'my.toml: block "Circuit": unknown key "round" - did you mean "rounds"? (accepted: '
        "name, rounds, rest_between_exercises, rest_between_rounds, entries)",
        'my.toml: block "Circuit", entry 1 (pelvic-tilt): reps must be a whole number from 1 '
        "to 500, got -3",
    ]
    ok = supple("routines", "validate", str(good), data_dir=isolated_data_dir)
    assert ok.returncode == 0 and ok.stderr == ""
    assert ok.stdout.splitlines() == [f"{good}: ok (Good, 45 s)"]


def test_validate_tells_apart_files_with_the_same_name(tmp_path, isolated_data_dir):
    for folder, reps in (("mine", -3), ("friend", 9000)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "legs.toml").write_text(
            f'name = "Legs"\n[[blocks]]\nname = "A"\n'
            f'[[blocks.entries]]\nexercise = "pelvic-tilt"\nreps = {reps}\n',
            encoding="utf-8",
        )
    mine, friend = str(Path("mine", "legs.toml")), str(Path("friend", "legs.toml"))
    done = supple("routines", "validate", mine, friend, data_dir=isolated_data_dir, cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    errors = done.stderr.splitlines()
    assert [e.split(": ")[0] for e in errors] == [mine, friend]
    assert errors[0].endswith("got -3") and errors[1].endswith("got 9000")


def test_validate_gives_one_line_for_a_file_nested_too_deeply(tmp_path, isolated_data_dir):
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    done = supple("routines", "validate", "deep.toml", data_dir=isolated_data_dir, cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "deep.toml: is not valid TOML: lists or tables are nested too deeply to read; "
        "a routine needs only a few levels"
    ]


def _memory_capped() -> None:
    """Run in the child: reading /dev/zero to the end then fails fast instead of filling RAM."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_routines_list_skips_pipes_and_devices_in_the_folder(isolated_data_dir):
    folder = isolated_data_dir / "routines"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(
        'name = "Mine"\n[[blocks]]\nname = "A"\n[[blocks.entries]]\nexercise = "dead-bug"\n',
        encoding="utf-8",
    )
    os.mkfifo(folder / "x.toml")
    (folder / "z.toml").symlink_to("/dev/zero")
    done = subprocess.run(
        [sys.executable, "-m", "supple", "--data-dir", str(isolated_data_dir), "routines", "list"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=_memory_capped,
    )
    assert done.returncode == 0, done.stderr
    assert any(line.startswith("mine ") for line in done.stdout.splitlines())
    assert done.stderr.splitlines() == [
        f"problem: {folder / 'x.toml'}: is not a regular file (it is a named pipe); "
        "only ordinary files are read as routines",
        f"problem: {folder / 'z.toml'}: is not a regular file (it is a device); "
        "only ordinary files are read as routines",
    ]


def test_validate_says_when_the_id_is_already_taken(tmp_path, isolated_data_dir):
    folder = isolated_data_dir / "routines"
    folder.mkdir(parents=True)
    body = '[[blocks]]\nname = "A"\n[[blocks.entries]]\nexercise = "dead-bug"\n'
    (folder / "legs.toml").write_text(f'name = "Legs"\n{body}', encoding="utf-8")
    (tmp_path / "reset.toml").write_text(
        f'id = "hamstring-reset"\nname = "Mine"\n{body}', encoding="utf-8"
    )
    (tmp_path / "copy.toml").write_text(f'id = "legs"\nname = "Copy"\n{body}', encoding="utf-8")
    (tmp_path / "legs.toml").write_text(f'name = "New legs"\n{body}', encoding="utf-8")
    done = supple(
        "routines",
        "validate",
        "reset.toml",
        "copy.toml",
        "legs.toml",
        str(folder / "legs.toml"),
        data_dir=isolated_data_dir,
        cwd=tmp_path,
    )
    assert done.returncode == 2
    # A file of the same name replaces the one in the folder: its id is its own.
    assert done.stdout.splitlines() == [
        "legs.toml: ok (New legs, 45 s)",
        f"{folder / 'legs.toml'}: ok (Legs, 45 s)",
    ]
    assert done.stderr.splitlines() == [
        'reset.toml: id "hamstring-reset" is already used by the built-in routine '
        '"Hamstring Reset"; give this one a different id',
        f'copy.toml: id "legs" is already used by {folder / "legs.toml"}; '
        "give this one a different id",
    ]


def test_a_reader_that_stops_early_gets_no_traceback(isolated_data_dir):
    # ``supple plan --json | head -1``: the pipe closes while the plan is still written
    # (the default routine's plan, about 88 kB, is more than a pipe holds: 64 kB).
    env = {**os.environ, "SUPPLE_DATA_DIR": str(isolated_data_dir)}
    child = subprocess.Popen(
        [sys.executable, "-m", "supple", "plan", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    assert child.stdout.readline().strip() == b"{"
    child.stdout.close()
    assert child.wait(timeout=60) == 141
    assert child.stderr.read() == b""
