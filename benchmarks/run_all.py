"""Run every benchmark, one after another, and print their figures.

python benchmarks/run_all.py           # the full runs (about 10 minutes)
python benchmarks/run_all.py --quick   # shorter runs, smaller histories (about 3 minutes)
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

FULL = [
    ["timing.py", "--seconds", "120"],
    ["startup.py", "--runs", "7"],
    ["cpu.py", "--seconds", "30"],
    ["audio.py", "--runs", "5"],
    ["cue_latency.py", "--runs", "3"],
    ["history_store.py", "--runs", "5"],
    ["history.py", "--runs", "5"],
]
QUICK = [
    ["timing.py", "--seconds", "30"],
    ["startup.py", "--runs", "3"],
    ["cpu.py", "--seconds", "10"],
    ["audio.py", "--runs", "3"],
    ["cue_latency.py", "--runs", "1"],
    ["history_store.py", "--runs", "3", "--stress", "20000"],
    ["history.py", "--runs", "3", "--stress", "20000"],
]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{system}, {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(f"machine: {machine()}\n", flush=True)
    failed = 0
    for script, *options in QUICK if args.quick else FULL:
        print(f"== {script} {' '.join(options)}", flush=True)
        done = subprocess.run([sys.executable, str(HERE / script), *options], check=False)
        failed += done.returncode != 0
        print(flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
