"""The history screen's outcomes in German: an export, an import of one's own export, and an
import of a file that is no history, through the one door the views use."""

from __future__ import annotations

from datetime import timedelta

import pytest

from supple.qt.history_access import ExportFormat, HistoryAccess
from supple.storage.history import open_history
from tests.storage.history_builders import MORNING, Records

pytestmark = pytest.mark.usefixtures("german")


def test_export_and_import_say_what_they_did_in_german(isolated_data_dir, tmp_path):
    exported = tmp_path / "verlauf.json"
    with open_history() as store:
        records = Records()
        for day in range(2):
            records.run(store, MORNING + timedelta(days=day))
        access = HistoryAccess(store)
        done = access.export(exported, ExportFormat.JSON)
        assert done.ok
        assert done.message.startswith("2 Einheiten, ")
        assert done.message.endswith(f" und 0 Selbsttests nach {exported} exportiert.")

        again, _counts = access.import_file(exported)
        assert (
            again.message == "Importiert: 0 Einheiten hinzugefügt, 2 schon vorhandene übersprungen."
        )

        (tmp_path / "notizen.txt").write_text("kein Verlauf", encoding="utf-8")
        refused, _counts = access.import_file(tmp_path / "notizen.txt")
        assert not refused.ok
        assert "notizen.txt kann nicht importiert werden" in refused.message
