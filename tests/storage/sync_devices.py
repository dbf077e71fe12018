"""Several devices sharing a sync folder, and a sync engine that copies between them.

Each device has its own data folder and its own copy of the sync folder, as Syncthing or
Nextcloud keep one on each machine. ``SyncEngine`` copies journal files from one copy to
another the way such engines do: whole or only a prefix (a file still being received),
cut in the middle of a line, in any order, and as conflict copies.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from supple.storage.history import HistoryStore, open_history
from supple.storage.journal import sync_device, use_sync_folder
from supple.storage.records import SelfTestRecord, Side, new_uuid
from supple.storage.sync import SyncReport, sync_history
from supple.storage.transfer import history_to_json
from tests.storage.history_builders import MORNING, Records

EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass
class Device:
    name: str
    data: Path
    folder: Path
    store: HistoryStore = field(init=False)
    records: Records = field(default_factory=Records)

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        use_sync_folder(self.history, self.folder)
        self.store = open_history(self.history)

    @property
    def history(self) -> Path:
        return self.data / "history.sqlite3"

    def sync(self) -> SyncReport:
        report = sync_history(self.store)
        assert report is not None
        return report

    def reopen(self) -> None:
        self.store.close()
        self.store = open_history(self.history)

    def close(self) -> None:
        self.store.close()
        use_sync_folder(self.history, None)

    # --- what a user does --------------------------------------------------------------

    def run_session(self, day: int, steps: int = 4) -> str:
        started = MORNING + timedelta(days=day, minutes=len(self.name))
        return self.records.run(self.store, started, steps=steps, tightness_before=6).uuid

    def add_self_test(self, day: int) -> str:
        test = SelfTestRecord(
            uuid=new_uuid(),
            kind="straight_leg_raise",
            side=Side.LEFT,
            value=60.0 + day,
            unit="degrees",
            taken_at=MORNING + timedelta(days=day),
            utc_offset_minutes=60,
        )
        self.store.add_self_test(test)
        return test.uuid

    def own_journal(self) -> Path:
        (own,) = self.folder.glob(f"{sync_device(self.history)}-*.jsonl")
        return own

    def known(self) -> list[str]:
        return [summary.uuid for summary in self.store.iter_summaries()]

    def export(self) -> str:
        """The whole history as the JSON export, sorted, without the export's own time."""
        document, _ = history_to_json(self.store, exported_at=EPOCH)
        document["sessions"].sort(key=lambda session: session["uuid"])
        document["self_tests"].sort(key=lambda test: test["uuid"])
        return json.dumps(document, sort_keys=True, indent=1)


def journals(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob("*.jsonl") if path.is_file())


class SyncEngine:
    """Copies journal files between the devices' folders, as a sync engine would."""

    def __init__(self, devices: list[Device]) -> None:
        self.devices = devices

    def copy(self, source: Device, target: Device, name: str, fraction: float = 1.0) -> None:
        """Copy one file, or the first ``fraction`` of its bytes (cut anywhere in a line)."""
        origin = source.folder / name
        data = origin.read_bytes()
        kept = data[: int(len(data) * fraction)] if fraction < 1.0 else data
        destination = target.folder / name
        if destination.exists() and len(destination.read_bytes()) > len(kept):
            return  # an engine does not go back to an older version of a file
        temporary = target.folder / f".syncthing.{name}.tmp"
        temporary.write_bytes(kept)
        temporary.replace(destination)

    def conflict_copy(self, source: Device, target: Device, name: str) -> Path:
        """The file as a Syncthing conflict copy beside the original."""
        stem = name.removesuffix(".jsonl")
        copy = target.folder / f"{stem}.sync-conflict-20261126-101010-ABCDEFG.jsonl"
        shutil.copyfile(source.folder / name, copy)
        return copy

    def settle(self) -> None:
        """Everything everywhere, whole: what an engine reaches when left alone."""
        for source in self.devices:
            for path in journals(source.folder):
                for target in self.devices:
                    if target is not source:
                        self.copy(source, target, path.name)
