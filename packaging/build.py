"""Build the one-folder app with PyInstaller and check that it starts.

    python packaging/build.py            # build into build/dist/supple, then smoke-test it
    python packaging/build.py --no-build # smoke-test an existing build

The smoke test runs the bundled executable offscreen with a throwaway data folder:
``--version`` must answer, and ``--smoke-test`` must open Home, paint it and quit.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "build" / "dist"
WORK = ROOT / "build" / "work"
EXECUTABLE = DIST / "supple" / ("supple.exe" if os.name == "nt" else "supple")


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
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def smoke_test() -> int:
    if not EXECUTABLE.is_file():
        print(f"no build at {EXECUTABLE}; run without --no-build", file=sys.stderr)
        return 1
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as data:
        version = subprocess.run(
            [str(EXECUTABLE), "--version"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        started = time.time()
        run = subprocess.run(
            [str(EXECUTABLE), "--data-dir", data, "--smoke-test"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
    ready = [line for line in run.stdout.splitlines() if line.startswith("ready ")]
    ok = version.returncode == 0 and run.returncode == 0 and bool(ready) and not run.stderr.strip()
    print(f"version:      {version.stdout.strip() or version.stderr.strip()}")
    if ready:
        print(f"home painted: {float(ready[0].split()[1]) - started:.2f} s after launch")
    print(f"exit status:  {run.returncode}")
    if run.stderr.strip():
        print(f"stderr:\n{run.stderr}")
    print(f"bundle size:  {folder_size(EXECUTABLE.parent) / 2**20:.0f} MB")
    print("smoke test passed" if ok else "smoke test FAILED")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    if not args.no_build:
        build()
    return smoke_test()


if __name__ == "__main__":
    sys.exit(main())
