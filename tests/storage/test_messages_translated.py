"""What the history, the sync folder and the settings file tell a German user, in German:
real files, real failures (a repeated UUID, a full disk, an unplugged sync drive)."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest

from supple.storage.csv_import import import_history_file
from supple.storage.errors import ImportFormatError
from supple.storage.history import open_history
from supple.storage.recorder import HistoryRecorder
from supple.storage.settings import load_settings
from supple.storage.transfer import export_json
from tests.storage.history_builders import MORNING
from tests.storage.sync_devices import Device
from tests.storage.test_history_recorder import cap_file_size

pytestmark = pytest.mark.usefixtures("german")


def test_a_history_file_repeating_a_uuid_is_refused_in_german(store, records, tmp_path):
    for day in range(2):
        records.run(store, MORNING + timedelta(days=day))
    exported = tmp_path / "verlauf.json"
    export_json(store, exported)
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["sessions"][1]["uuid"] = document["sessions"][0]["uuid"]
    exported.write_text(json.dumps(document), encoding="utf-8")

    with open_history(tmp_path / "leer" / "history.sqlite3") as empty:
        with pytest.raises(ImportFormatError) as caught:
            import_history_file(empty, exported)
        assert empty.session_count() == 0

    lines = str(caught.value).splitlines()
    assert lines[0].endswith("kann nicht importiert werden; dem Verlauf wurde nichts hinzugefügt.")
    assert "wiederholt die UUID von sessions[0]" in lines[1]


def test_records_waiting_for_a_full_disk_are_said_in_german(store, records):
    recorder = HistoryRecorder(store)
    session = records.session()
    assert recorder.begin_session(session)
    cap_file_size(store, store._db.execute("PRAGMA page_count").fetchone()[0])
    index = 0
    while recorder.pending < 2:
        recorder.record_step(records.step(session, index))
        index += 1
        assert index < 5000, "the capped file never filled up"

    assert recorder.problem is not None
    assert recorder.problem.endswith(
        "2 ungespeicherte Einträge werden im Speicher gehalten und gespeichert, "
        "sobald das Schreiben wieder klappt."
    )
    cap_file_size(store, None)


def test_an_unplugged_sync_folder_is_said_in_german(tmp_path):
    laptop = Device("laptop", tmp_path / "laptop" / "data", tmp_path / "laptop" / "sync")
    try:
        laptop.run_session(0)
        laptop.folder.rename(tmp_path / "abgezogen")
        laptop.run_session(1)

        waiting = re.fullmatch(
            re.escape(
                f"Der Sync-Ordner {laptop.folder} ist nicht da (ist das Laufwerk abgezogen?)."
            )
            + r" \d+ Änderungen warten im Verlauf dieses Geräts und werden in den Ordner "
            r"geschrieben, sobald das geht; nichts geht verloren\.",
            laptop.store.sync_problem or "",
        )
        assert waiting, laptop.store.sync_problem
        report = laptop.sync()
        assert report.problem is not None
        assert report.problem.startswith(f"Der Sync-Ordner {laptop.folder} ist nicht da")
        assert "Nichts geht verloren" in report.problem
    finally:
        laptop.close()


def test_a_settings_file_with_wrong_values_is_explained_in_german(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('theme = "pink"\nthme = "dark"\n[custom_sounds]\ngoo = "a.wav"\n')

    problems = load_settings(path).problems

    assert problems == (
        'settings.toml: theme muss "dark" oder "light" sein, angegeben: \'pink\'; '
        "der Standardwert ('dark') gilt.",
        "settings.toml: Die unbekannte Einstellung „thme“ wurde ignoriert "
        "\N{EN DASH} meintest du „theme“?.",
        "settings.toml: custom_sounds: „goo“ ist kein Signal (meintest du „go“?); "
        "es erklingt der eingebaute Ton.",
    )


def test_a_damaged_settings_file_is_explained_in_german(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_bytes(b"theme = \n")
    [problem] = load_settings(path).problems
    assert problem.startswith(f"Die Einstellungsdatei {path} ist beschädigt (")
    assert problem.endswith(
        "es gelten die Standardwerte. Sie wird als settings.broken.toml aufbewahrt, "
        "wenn die Einstellungen das nächste Mal gespeichert werden."
    )
