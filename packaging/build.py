"""Build the one-folder app with PyInstaller and check that every command in it works.

    python packaging/build.py            # build into build/dist/supple, then smoke-test it
    python packaging/build.py --no-build # smoke-test an existing build
    python packaging/build.py --sizes    # also print the size breakdown and compressed sizes

The smoke test runs the bundled executable offscreen with throwaway data folders, as a
new user would: ``--version``, Home painted, a short session to its end (sound, voice,
history), and then every subcommand on what that session left (see ``CHECKS``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "build" / "dist"
WORK = ROOT / "build" / "work"
BUNDLE = DIST / "supple"
EXECUTABLE = BUNDLE / ("supple.exe" if os.name == "nt" else "supple")

SMOKE_ROUTINE = """\
format = 1
id = "smoke"
name = "Smoke"
get_ready_seconds = 1

[[blocks]]
name = "Only"

[[blocks.entries]]
exercise = "pelvic-tilt"
reps = 2
tempo = 1.0
"""
"""A routine of a few seconds that counts as a session (a rep done), for the smoke test."""


@dataclass(frozen=True)
class Check:
    """One run of the command: its arguments and what its output must show."""

    args: Sequence[str]
    expect: Callable[[str], bool]
    """Given the standard output; the exit status must be 0 and stderr empty as well."""
    env: Mapping[str, str] = field(default_factory=dict)
    """Set for this run only."""


def checks(data: Path, other: Path, export: Path, stuck_speech: Path) -> list[Check]:
    """Every subcommand, in the order a user could run them: the session feeds the rest."""
    routine = data / "routines" / "smoke.toml"
    here, there = ("--data-dir", str(data)), ("--data-dir", str(other))
    session = [*here, "--routine", "smoke", "--smoke-test", "--smoke-session"]
    return [
        Check(["--version"], lambda out: out.startswith("supple ")),
        Check([*here, "--smoke-test"], lambda out: out.startswith("ready ")),
        Check(session, lambda out: "session completed" in out),
        # A speech-dispatcher that never answers (one hung as it shut down): the session
        # still runs to its end and Supple still quits, with the system's speech engine.
        Check(
            session,
            lambda out: "session completed" in out,
            {"SUPPLE_TTS_ENGINE": "", "SPEECHD_ADDRESS": f"unix_socket:{stuck_speech}"},
        ),
        Check([*here, "plan"], lambda out: "Hamstring Reset" in out),
        Check([*here, "plan", "smoke", "--json"], lambda out: json.loads(out)["total_seconds"] > 0),
        Check([*here, "routines", "list"], lambda out: "smoke" in out and "quick-reset" in out),
        Check([*here, "routines", "validate", str(routine)], lambda out: True),
        Check([*here, "history", "list"], lambda out: "Smoke" in out and "2 sessions" in out),
        Check([*here, "history", "export", "-o", str(export)], lambda out: export.is_file()),
        Check([*there, "history", "import", str(export)], lambda out: "Added 2 sessions" in out),
        Check([*there, "history", "list"], lambda out: "Smoke" in out),
        Check([*here, "reminders", "show"], lambda out: out.startswith("reminders: ")),
        Check([*here, "remind"], lambda out: out.startswith("no reminder")),
        Check(["--lang", "de", *here, "reminders", "show"], lambda out: "Erinnerungen" in out),
    ]


def smoke_test(command: Sequence[str]) -> bool:
    """Run every check with ``command`` (the bundle, or ``python -m supple`` in the tests)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    ok = True
    with tempfile.TemporaryDirectory() as folder, socket.socket(socket.AF_UNIX) as stuck:
        data, other = Path(folder, "data"), Path(folder, "other")
        (data / "routines").mkdir(parents=True)
        (data / "routines" / "smoke.toml").write_text(SMOKE_ROUTINE, encoding="utf-8")
        speechd = Path(folder, "speechd.sock")
        stuck.bind(str(speechd))
        stuck.listen()  # takes the connection, never answers
        for check in checks(data, other, Path(folder, "history.json"), speechd):
            started = time.time()
            run = subprocess.run(
                [*command, *check.args],
                capture_output=True,
                text=True,
                env={**env, **check.env},
                timeout=120,
                check=False,
            )
            took = time.time() - started
            passed = run.returncode == 0 and not run.stderr.strip() and check.expect(run.stdout)
            shown = " ".join(check.args).replace(folder, "TMP")
            shown += "  (speech server stuck)" if check.env else ""
            print(f"{'ok  ' if passed else 'FAIL'} {took:5.2f} s  supple {shown}")
            if not passed:
                print(f"  exit status {run.returncode}\n  stdout: {run.stdout}")
                print(f"  stderr: {run.stderr}")
            ok = ok and passed
    return ok


def build() -> None:
    try:
        import PyInstaller  # noqa: F401 - only checking that it is installed
    except ImportError:
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "pyinstaller>=6.5"], check=True
        )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
            str(ROOT / "packaging" / "supple.spec"),
        ],
        check=True,
    )


def folder_size(path: Path) -> int:
    """Bytes on disk, each file once (PyInstaller links Qt's libraries from two places)."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def print_sizes() -> None:
    """The breakdown for packaging/README.md, and the size of the archive to download."""
    inside, total = BUNDLE / "_internal", folder_size(BUNDLE)
    qt = inside / "PySide6" / "Qt"
    python = [*inside.glob("libpython*"), inside / "base_library.zip", EXECUTABLE]
    parts = {
        "Qt libraries": folder_size(qt / "lib"),
        "Qt plugins": folder_size(qt / "plugins"),
        "Qt translations": folder_size(qt / "translations"),
        "PySide6 bindings": folder_size(inside / "PySide6") - folder_size(qt),
        "Python and Supple's code": folder_size(inside / "python3.11")
        + sum(f.stat().st_size for f in python),
        "Supple's data and assets": folder_size(inside / "supple"),
    }
    parts["system libraries"] = total - sum(parts.values())
    print(f"bundle on disk: {total / 2**20:.1f} MB")
    for name, size in parts.items():
        print(f"  {name:28}{size / 2**20:7.1f} MB")
    for suffix, compressor in (("tar.gz", "gzip -9"), ("tar.zst", "zstd -19 -T0")):
        if shutil.which(compressor.split()[0]) is None:
            continue
        archive = DIST / f"supple.{suffix}"
        subprocess.run(
            ["tar", "-I", compressor, "-cf", str(archive), "-C", str(DIST), "supple"], check=True
        )
        print(f"{archive.name}: {archive.stat().st_size / 2**20:.1f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="smoke-test the existing build")
    parser.add_argument("--sizes", action="store_true", help="print the size breakdown too")
    args = parser.parse_args()
    if not args.no_build:
        build()
    if not EXECUTABLE.is_file():
        print(f"no build at {EXECUTABLE}; run without --no-build", file=sys.stderr)
        return 1
    ok = smoke_test([str(EXECUTABLE)])
    print(f"bundle size: {folder_size(BUNDLE) / 2**20:.0f} MB")
    if args.sizes:
        print_sizes()
    print("smoke test passed" if ok else "smoke test FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
