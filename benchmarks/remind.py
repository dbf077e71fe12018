"""How fast ``supple remind`` posts its notification, and that nothing of it stays behind.

Runs the real command against a private D-Bus with the strict stand-in notification
server of the tests (answering "closed" at once), from process start to the moment the
server receives ``Notify``. Then scans /proc for any Supple process left. Also compares
the two D-Bus choices a non-GUI command has: jeepney and QtDBus, import plus connect.

    python benchmarks/remind.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.cli.notification_service import running_notifications  # noqa: E402
from tests.qt.screensaver_service import running_private_bus  # noqa: E402

from supple.core.reminders import ReminderSchedule, parse_days  # noqa: E402
from supple.storage.reminder_file import save_reminder  # noqa: E402

CONNECT = {
    "jeepney": "from jeepney.io.blocking import open_dbus_connection; "
    "open_dbus_connection('SESSION').close()",
    "QtDBus": "from PySide6.QtDBus import QDBusConnection; "
    "assert QDBusConnection.sessionBus().isConnected()",
}


def supple_processes() -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            words = (entry / "cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError):
            continue
        line = " ".join(w.decode(errors="replace") for w in words if w)
        if (
            entry.name.isdigit()
            and int(entry.name) != os.getpid()
            and "supple" in line.split(" remind")[0]
            and " remind" in line
        ):
            found.append(f"{entry.name}: {line}")
    return found


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        data = folder / "data"
        os.environ["SUPPLE_DATA_DIR"] = str(data)
        save_reminder(
            ReminderSchedule(days=parse_days("daily"), at=clock(18, 0), routine_name="Quick Reset"),
            data / "reminders.toml",
        )
        with running_private_bus(folder) as address:
            env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address, XDG_CONFIG_HOME=str(folder))
            for name, code in CONNECT.items():
                took = []
                for _ in range(5):
                    start = time.perf_counter()
                    subprocess.run([sys.executable, "-c", code], env=env, check=True)
                    took.append((time.perf_counter() - start) * 1000)
                print(f"python + import {name} + connect: median {statistics.median(took):.0f} ms")
            latencies = []
            with running_notifications(address, folder, answer="closed") as server:
                for _ in range(runs):
                    started = time.time()
                    subprocess.run([sys.executable, "-m", "supple", "remind"], env=env, check=True,
                                   capture_output=True)  # fmt: skip
                    posted = [c for c in server.calls() if c["method"] == "Notify"][-1]
                    latencies.append((float(posted["received_at"]) - started) * 1000)
            print(
                f"supple remind, start to Notify received ({runs} runs): "
                f"median {statistics.median(latencies):.0f} ms, best {min(latencies):.0f} ms, "
                f"worst {max(latencies):.0f} ms"
            )
            left = supple_processes()
            print("Supple processes left after the reminders:", left or "none")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
