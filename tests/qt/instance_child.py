"""A process that claims the single instance, for the tests of two real processes.

``python instance_child.py NAME ROUTINE [STAY_S]``: prints ``first`` and then one
``raised <routine>`` line per later start (quitting after ``STAY_S`` seconds), or
prints ``handed over`` and exits when another instance already runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from PySide6.QtCore import QCoreApplication, QTimer

from supple.qt.single_instance import claim


def main(name: str, routine: str, stay_s: float) -> int:
    app = QCoreApplication(sys.argv[:1])
    instance = claim(name, routine)
    if instance is None:
        print("handed over", flush=True)
        return 0
    instance.raise_requested.connect(lambda wanted: print(f"raised {wanted}", flush=True))
    print("first", flush=True)
    QTimer.singleShot(round(stay_s * 1000), app.quit)
    status = app.exec()
    instance.close()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 10))
