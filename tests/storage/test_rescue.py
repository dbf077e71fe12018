"""Rescue files: what the history could not take at quit, kept in a file and added back."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import timedelta

import pytest

from supple import paths
from supple.storage.history import open_history
from supple.storage.recorder import HistoryRecorder
from supple.storage.records import SessionStatus
from supple.storage.rescue import (
    find_unsaved,
    rescue_folders,
    restore_unsaved,
    save_unsaved,
    unsaved_folders,
)
from supple.storage.transfer import import_json, parse_history_json
from tests.storage.history_builders import MORNING
from tests.storage.test_history_recorder import cap_file_size, steps_on_disk


def fill_until_full(store, recorder, records, session, held):
    """Record steps on a capped file until ``held`` of them wait in memory; the last index."""
    cap_file_size(store, store._db.execute("PRAGMA page_count").fetchone()[0])
    index = 0
    while recorder.pending < held:
        recorder.record_step(records.step(session, index))
        index += 1
        assert index < 5000, "the capped file never filled up"
    return index


def test_records_that_cannot_be_written_go_to_a_file_that_import_reads(
    tmp_path, store, records, history_path
):
    recorder = HistoryRecorder(store)
    session = records.session(tightness_before=6)
    recorder.begin_session(session)
    steps = fill_until_full(store, recorder, records, session, held=3)
    recorder.finish_session(session.uuid, SessionStatus.COMPLETED, MORNING + timedelta(hours=1))
    recorder.set_checkout(session.uuid, 3, "kept safe")
    assert recorder.pending == 5
    on_disk = steps_on_disk(history_path, session.uuid)
    assert on_disk == list(range(steps - 3))

    in_the_way = tmp_path / "cache"
    in_the_way.write_text("a file where the first folder should be")
    rescue = save_unsaved(recorder, [in_the_way / "unsaved", tmp_path / "temp"])
    assert rescue.parent == tmp_path / "temp"
    assert recorder.pending == 5  # still waiting here too, in case writing works after all

    # The file is a whole export: what was on disk and what was waiting.
    [detail], tests = parse_history_json(json.loads(rescue.read_text(encoding="utf-8")))
    assert tests == []
    assert [s.index for s in detail.steps] == list(range(steps))
    assert detail.session.status is SessionStatus.COMPLETED
    assert (detail.session.tightness_before, detail.session.tightness_after) == (6, 3)
    assert detail.session.notes == "kept safe"
    with open_history(tmp_path / "elsewhere" / "history.sqlite3") as other:
        assert import_json(other, rescue).sessions_added == 1
        assert len(other.session_detail(session.uuid).steps) == steps

    # The next start adds it to the history it came from, and deletes it.
    store.close()
    assert find_unsaved([in_the_way, tmp_path / "temp"], tmp_path / "other.sqlite3") == []
    found = find_unsaved([in_the_way, tmp_path / "temp"], history_path)
    assert found == [rescue]
    kept = rescue.read_bytes()
    with open_history() as later:
        report = restore_unsaved(later, found)
        assert (report.sessions, report.added, report.problems) == (1, (rescue,), ())
        restored = later.session_detail(session.uuid)
        rescue.write_bytes(kept)  # adding the same file again changes nothing
        restore_unsaved(later, [rescue])
        assert later.session_detail(session.uuid) == restored
        assert later.session_count() == 1
    assert not rescue.exists()
    assert [s.index for s in restored.steps] == list(range(steps))
    assert restored.session.status is SessionStatus.COMPLETED
    assert (restored.session.tightness_after, restored.session.notes) == (3, "kept safe")


def test_nowhere_to_put_the_unsaved_records_is_an_error_naming_each_folder(
    tmp_path, store, records
):
    recorder = HistoryRecorder(store)
    session = records.session()
    recorder.begin_session(session)
    fill_until_full(store, recorder, records, session, held=1)
    blockers = [tmp_path / "one", tmp_path / "two"]
    for blocker in blockers:
        blocker.write_text("in the way")
    with pytest.raises(OSError) as caught:
        save_unsaved(recorder, [b / "unsaved" for b in blockers])
    for blocker in blockers:
        assert str(blocker / "unsaved") in str(caught.value)
    assert recorder.pending == 1
    assert save_unsaved(recorder, [tmp_path / "free"]) is not None


def test_nothing_waiting_writes_no_file(tmp_path, store):
    assert save_unsaved(HistoryRecorder(store), [tmp_path / "rescue"]) is None
    assert not (tmp_path / "rescue").exists()


def test_rescue_files_go_where_the_system_keeps_them_and_old_places_are_still_read(
    tmp_path, store, records, history_path, monkeypatch
):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "system-temp"))
    written = rescue_folders()
    assert written[0] == paths.state_dir() / "unsaved"
    assert paths.cache_dir() not in [*written, *(f.parent for f in written)]
    assert not any(f.is_relative_to(tmp_path / "system-temp") for f in written)

    recorder = HistoryRecorder(store)
    session = records.session()
    recorder.begin_session(session)
    fill_until_full(store, recorder, records, session, held=1)
    old_places = [
        paths.cache_dir() / "unsaved",
        tmp_path / "system-temp" / f"supple-unsaved-{os.getuid()}",
    ]
    left = [save_unsaved(recorder, [folder]) for folder in old_places]
    assert find_unsaved(unsaved_folders(), history_path) == sorted(left, key=lambda p: p.name)
