"""The command line in German and in the pseudo-locale: every word it prints is
translated, from a real process started as a German user would (``LANGUAGE=de``)."""

from __future__ import annotations

import re
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from supple.core import routine_file
from supple.core.model import Category, Kind, Position, Sides
from supple.storage.history import open_history
from tests.cli.commands import supple
from tests.storage.history_builders import MORNING, Records

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from translations import catalogues, extract, read  # noqa: E402 - path above

BROKEN = """\
name.de = 5
name.xx = "Kaputt"

[[blocks]]
name = "Block A"

[[blocks.entries]]
exercise = "pelvic-tilts"
reps = 0
"""
FILE_WORDS = {
    *routine_file.ROUTINE_KEYS,
    *routine_file.BLOCK_KEYS,
    *routine_file.ENTRY_KEYS,
    *routine_file.EXERCISE_KEYS,
    *(v.value for enum in (Category, Kind, Position, Sides) for v in enum),
    "true",
    "false",
}
"""Words of the file format, which a message quotes as they must be written."""
COMMAND_WORDS = {"supple", "plan", "routines", "validate", "history", "list", "export", "import",
                 "sync-folder", "ACTION", "FILE", "DIR", "CODE", "NAME"}  # fmt: skip
"""What is typed on the command line stays as it is typed."""
OPTION = re.compile(r"(?<![\w])--?[a-z][\w-]*")
WORD = re.compile(r"[A-Za-z]{2,}")
GERMAN_CONTENT = ROOT / "src" / "supple" / "data" / "exercises.toml"


@pytest.fixture
def setting(isolated_data_dir, tmp_path):
    """A history of two sessions and a broken routine file in the working folder."""
    records = Records()
    with open_history() as store:
        records.run(store, MORNING, tightness_before=7, tightness_after=5)
        records.run(store, MORNING + timedelta(days=1))
        recorded = {s.routine_name for s in store.list_sessions(0, 10).items}
    (tmp_path / "broken.toml").write_text(BROKEN, encoding="utf-8")
    return isolated_data_dir, tmp_path, recorded


def without_commands(out: str, recorded) -> str:
    """``out`` without what is typed (commands, options), ids, or a recorded routine's name."""
    for name in [*recorded, "hamstring-reset", "broken.toml"]:
        out = out.replace(name, "")
    out = OPTION.sub("", out)
    for word in COMMAND_WORDS:
        out = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", "", out)
    return out


def runs(data_dir, cwd, *options):
    """The commands as a German-speaking user's system runs them (``LANGUAGE=de``)."""
    where = {"data_dir": data_dir, "cwd": cwd, "language": "de"}
    plan = supple(*options, "plan", "hamstring-reset", **where)
    validate = supple(*options, "routines", "validate", "broken.toml", **where)
    listing = supple(*options, "history", "list", **where)
    helping = supple(*options, "history", "--help", **where)
    assert plan.returncode == 0, plan.stderr
    assert validate.returncode == 2, validate.stderr
    assert listing.returncode == 0, listing.stderr
    assert helping.returncode == 0, helping.stderr
    assert "broken.toml" in validate.stderr
    return [plan.stdout, validate.stderr, listing.stdout, helping.stdout]


def english_words() -> set[str]:
    """Words of the English strings that German does not share (``Routine`` and ``Status``
    are German too)."""
    english = {w.casefold() for m in extract() if m.id for i in _ids(m.id) for w in WORD.findall(i)}
    german = read(next(p for p in catalogues() if p.parent.parent.name == "de"))
    shared = {w.casefold() for m in german if m.id for s in _ids(m.string) for w in WORD.findall(s)}
    content = {w.casefold() for w in WORD.findall(GERMAN_CONTENT.read_text(encoding="utf-8"))}
    return english - shared - content - {w.casefold() for w in FILE_WORDS}


def _ids(value):
    return value if isinstance(value, tuple | list) else (value,)


def test_german_output_has_no_english_left(setting):
    data_dir, cwd, recorded = setting
    left = english_words()
    for out in runs(data_dir, cwd):
        out = without_commands(out, recorded)
        assert out.strip()
        untranslated = sorted({w for w in WORD.findall(out) if w.casefold() in left})
        assert untranslated == [], f"English in:\n{out}"
    assert "Oberschenkelrückseite lösen" in runs(data_dir, cwd)[0]


def test_pseudo_output_is_all_marked(setting):
    """In the pseudo-locale every letter a translator would see is accented: a plain
    word left is a string (or a built-in name) that was never translated."""
    data_dir, cwd, recorded = setting
    # What the file says, quoted back: its wrong language code, its typo, its block's name.
    allowed = {*FILE_WORDS, "de", "xx", "Kaputt", "pelvic", "tilts", "tilt", "Block"}
    for out in runs(data_dir, cwd, "--lang", "pseudo"):
        out = without_commands(out, recorded)
        plain = sorted({w for w in WORD.findall(out) if w not in allowed})
        assert plain == [], f"not translated in:\n{out}"
