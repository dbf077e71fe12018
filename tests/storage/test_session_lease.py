"""Session leases: one holder at a time, free again when let go or when the holder dies."""

from __future__ import annotations

import subprocess
import sys

from supple.storage.session_lease import SessionLease, lease_folder, running_elsewhere

HOLD = """
import sys, time
from pathlib import Path
from supple.storage.session_lease import SessionLease
lease = SessionLease.take(Path(sys.argv[1]), sys.argv[2])
print("held" if lease is not None and lease.held else "refused", flush=True)
time.sleep(60)
"""


def test_one_holder_at_a_time_and_free_once_let_go(history_path):
    lease = SessionLease.take(history_path, "s1")
    assert lease is not None and lease.held
    assert lease.path.parent == lease_folder(history_path)
    assert running_elsewhere(history_path, "s1")
    assert SessionLease.take(history_path, "s1") is None
    assert not running_elsewhere(history_path, "s2")
    lease.release()
    assert not lease.path.exists()
    assert not running_elsewhere(history_path, "s1")
    again = SessionLease.take(history_path, "s1")
    assert again is not None
    again.release()


def test_a_lease_held_by_a_process_ends_with_it(history_path):
    history_path.parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(history_path), "s1"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        assert running_elsewhere(history_path, "s1")
        assert SessionLease.take(history_path, "s1") is None
    finally:
        holder.kill()
        holder.wait()
    assert not running_elsewhere(history_path, "s1")  # the file is left, the lock is not
    taken = SessionLease.take(history_path, "s1")
    assert taken is not None
    taken.release()
