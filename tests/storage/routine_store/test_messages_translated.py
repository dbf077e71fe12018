"""A German user's routine imports, pictures and deletes fail in German: real files in a
real routines folder, every sentence the editor and the CLI show translated."""

from __future__ import annotations

import pytest

from supple.core import routine_file
from supple.storage import routine_store
from supple.storage.routine_store import RoutineStoreError
from tests.storage.routine_store.builders import (
    SVG,
    folder_listing,
    hamstring_reset,
    make_bundle,
    with_slider_curl,
)

pytestmark = pytest.mark.usefixtures("german")


def test_a_bundle_with_a_stray_member_and_a_broken_routine_is_refused_in_german(tmp_path, routines):
    text = routine_file.dumps(with_slider_curl(hamstring_reset()))
    bundle = make_bundle(
        tmp_path / "geteilt.zip", {"routine.toml": text, "script.sh": b"rm -rf ~", "a/": b""}
    )

    with pytest.raises(RoutineStoreError) as caught:
        routine_store.import_routine(bundle)

    assert (
        caught.value.message == "geteilt.zip kann nicht importiert werden; es wurde nichts kopiert."
    )
    assert [p.message for p in caught.value.problems] == [
        "gehört nicht in ein Routinen-Paket (erwartet werden routine.toml und pictures/)",
        "ist ein Ordner; ein Paket enthält nur routine.toml und pictures/",
    ]
    assert folder_listing(routines) == []


def test_a_routine_file_with_a_broken_field_is_refused_in_german(tmp_path, routines):
    text = routine_file.dumps(hamstring_reset()).replace("rounds = 2", "rounds = 0")
    source = tmp_path / "beine.toml"
    source.write_text(text, encoding="utf-8")

    with pytest.raises(RoutineStoreError) as caught:
        routine_store.import_routine(source)

    assert (
        caught.value.message == "beine.toml kann nicht importiert werden; es wurde nichts kopiert."
    )
    assert "muss eine ganze Zahl von 1 bis 20 sein" in caught.value.problems[0].message
    assert folder_listing(routines) == []


def test_files_that_are_no_routine_at_all_are_refused_in_german(tmp_path, routines):
    not_zip = tmp_path / "falsch.zip"
    not_zip.write_bytes(b"nur Text")
    with pytest.raises(
        RoutineStoreError,
        match=r"^falsch\.zip kann nicht importiert werden: Das ist keine ZIP-Datei",
    ):
        routine_store.import_routine(not_zip)
    latin1 = tmp_path / "alt.toml"
    latin1.write_bytes('name = "Dehnübungen"\n'.encode("latin-1"))
    with pytest.raises(RoutineStoreError) as caught:
        routine_store.import_routine(latin1)
    assert str(caught.value) == (
        "alt.toml kann nicht importiert werden: Die Datei ist kein UTF-8-Text. "
        "Es wurde nichts kopiert."
    )
    assert folder_listing(routines) == []


def test_a_picture_that_is_not_what_its_name_says_is_refused_in_german(tmp_path, routines):
    fake = tmp_path / "foto.png"
    fake.write_bytes(SVG)
    routine = with_slider_curl(hamstring_reset())

    with pytest.raises(RoutineStoreError) as caught:
        routine_store.save_routine(routine, pictures={"slider-curl": fake})

    assert str(caught.value) == (
        "foto.png kann nicht als Bild verwendet werden: "
        "Die Datei endet auf .png, ist aber kein PNG-Bild."
    )
    assert folder_listing(routines) == []


def test_a_second_import_is_named_imported_in_german(tmp_path, routines):
    source = tmp_path / "sore-legs.toml"
    source.write_text(routine_file.dumps(with_slider_curl(hamstring_reset())), encoding="utf-8")
    routine_store.import_routine(source)
    again = routine_store.import_routine(source)
    assert again.routine.name == "Sore legs (importiert)"


def test_deleting_what_cannot_be_deleted_says_why_in_german(routines):
    with pytest.raises(RoutineStoreError, match=r"^Eingebaute Routinen können nicht gelöscht"):
        routine_store.delete_routine("hamstring-reset")
    with pytest.raises(RoutineStoreError) as caught:
        routine_store.delete_routine("gibt-es-nicht")
    assert str(caught.value) == (
        f"In {routines} gibt es keine gespeicherte Routine „gibt-es-nicht“, "
        "die gelöscht werden könnte."
    )
