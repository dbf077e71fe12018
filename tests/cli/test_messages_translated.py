"""A German user's bad files on the command line: ``supple --lang de`` explains them in
German, from a real process on real files."""

from __future__ import annotations

import json
from datetime import timedelta

from supple.storage.history import open_history
from supple.storage.transfer import export_json
from tests.cli.commands import supple
from tests.storage.history_builders import MORNING, Records


def test_a_history_file_repeating_a_uuid_is_refused_in_german(isolated_data_dir, tmp_path):
    records = Records()
    exported = tmp_path / "verlauf.json"
    with open_history(tmp_path / "other" / "history.sqlite3") as other:
        for day in range(2):
            records.run(other, MORNING + timedelta(days=day))
        export_json(other, exported)
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["sessions"][1]["uuid"] = document["sessions"][0]["uuid"]
    exported.write_text(json.dumps(document), encoding="utf-8")

    done = supple(
        "--lang", "de", "history", "import", str(exported), data_dir=isolated_data_dir, cwd=tmp_path
    )

    assert done.returncode != 0
    assert "kann nicht importiert werden; dem Verlauf wurde nichts hinzugefügt." in done.stderr
    assert "wiederholt die UUID von sessions[0]" in done.stderr
    with open_history() as store:
        assert store.session_count() == 0


def test_a_routine_file_that_is_not_utf8_is_explained_in_german(isolated_data_dir, tmp_path):
    (tmp_path / "alt.toml").write_bytes('name = "Dehnübungen"\n'.encode("latin-1"))

    done = supple(
        "--lang", "de", "routines", "validate", "alt.toml", data_dir=isolated_data_dir, cwd=tmp_path
    )

    assert done.returncode == 2
    assert "alt.toml: ist kein UTF-8-Text" in done.stderr
    assert "speichere die Datei als UTF-8" in done.stderr
