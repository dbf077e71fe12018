"""``supple plan`` and ``supple routines`` as a person runs them, in a real process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from supple.cli import main


def supple(*args, data_dir):
    return subprocess.run(
        [sys.executable, "-m", "supple", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


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
        "Switch sides (right)",
        "Rest - next: Pelvic tilts",
    ]:
        assert name in out
    assert "Total: 17 min (16:58), 38 steps" in out


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
    assert "problem: broken.toml: blocks is missing" in captured.err


def test_validate_gives_one_line_per_error_and_status_2(tmp_path, isolated_data_dir):
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
    done = supple("routines", "validate", str(good), str(bad), data_dir=isolated_data_dir)
    assert done.returncode == 2
    assert done.stdout.splitlines() == [
        "good.toml: ok (Good, 45 s)",
        'my.toml: block "Circuit": unknown key "round" - did you mean "rounds"? (accepted: '
        "name, rounds, rest_between_exercises, rest_between_rounds, entries)",
        'my.toml: block "Circuit", entry 1 (pelvic-tilt): reps must be a whole number from 1 '
        "to 500, got -3",
    ]
    assert supple("routines", "validate", str(good), data_dir=isolated_data_dir).returncode == 0
