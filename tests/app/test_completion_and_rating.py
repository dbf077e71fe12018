"""One completion figure for a session, the same on its summary and in the history, and how
it felt (1 to 5) kept with it: written, read back, exported and imported."""

from __future__ import annotations

import csv
import json
import sqlite3

import pytest

from supple import paths
from supple.core.completion import percent
from supple.storage.history import open_history
from supple.storage.schema import migrate
from supple.storage.transfer import export_json, export_sessions_csv, import_json
from supple.ui.session_summary import summarize
from tests.app.test_session_recording import make_bridge, only_session, run, small_routine


def both_figures(engine):
    """The summary screen's percentage and the history's, for the session just run."""
    shown = summarize(engine.plan, tuple(engine.results), completed=engine.is_over).completion
    with open_history() as store:
        [row] = store.list_sessions().items
    return percent(shown), percent(row.completion)


@pytest.mark.parametrize(
    "how",
    [
        {},
        {"stop_at_step": 3},
        {"stop_at_step": 6},
        {"skip_steps": {1}},
        {"skip_steps": {3, 9}},
        {"back_at_step": 2},
    ],
    ids=["all done", "stopped in the second set", "stopped later", "one skipped", "two", "redo"],
)
def test_the_summary_and_the_history_say_the_same_percentage(isolated_data_dir, how):
    engine = run(make_bridge(), small_routine(), **how)
    summary, history = both_figures(engine)
    assert summary == history
    if not how:
        assert summary == 100


def test_a_session_with_every_set_done_is_one_hundred_percent_though_rests_were_cut(
    isolated_data_dir,
):
    # Rests ended early (Enter) and the get-ready skipped: no work is missing.
    engine = run(make_bridge(), small_routine(), skip_steps={0, 2, 6})
    assert both_figures(engine) == (100, 100)


def test_how_it_felt_is_kept_shown_exported_and_imported(isolated_data_dir, tmp_path):
    bridge = make_bridge()
    run(bridge, small_routine())
    bridge.on_rating(4)
    with open_history() as store:
        detail = only_session(store)
        assert detail.session.rating == 4
        assert store.list_sessions().items[0].rating == 4
        export_json(store, tmp_path / "all.json")
        export_sessions_csv(store, tmp_path / "all.csv")
        with pytest.raises(ValueError, match="1 to 5"):
            store.set_rating(detail.session.uuid, 6)
    bridge.on_rating(None)
    with open_history() as store:
        assert only_session(store).session.rating is None

    exported = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert exported["sessions"][0]["rating"] == 4
    with (tmp_path / "all.csv").open(encoding="utf-8-sig") as handle:
        [row] = list(csv.DictReader(handle))
    assert (row["rating"], row["completion_percent"]) == ("4", "100")

    elsewhere = tmp_path / "elsewhere"
    paths.set_data_dir(elsewhere)
    with open_history() as store:
        import_json(store, tmp_path / "all.json")
        [row] = store.list_sessions().items
        assert row.rating == 4 and percent(row.completion) == 100


def test_an_export_from_before_ratings_still_imports(isolated_data_dir, tmp_path):
    run(make_bridge(), small_routine())
    with open_history() as store:
        export_json(store, tmp_path / "all.json")
    document = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    for session in document["sessions"]:
        del session["rating"], session["planned_work"]
    (tmp_path / "old.json").write_text(json.dumps(document), encoding="utf-8")
    paths.set_data_dir(tmp_path / "fresh")
    with open_history() as store:
        import_json(store, tmp_path / "old.json")
        [row] = store.list_sessions().items
    assert row.rating is None and row.planned_work is None
    assert 0 < row.completion <= 1  # time spent over time planned, as before


def test_the_upgrade_adds_the_rating_and_keeps_older_sessions_as_they_were(tmp_path):
    path = tmp_path / "history.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, 5)
    db.execute("INSERT INTO routine_snapshots (sha256, body) VALUES ('x', 'y')")
    db.execute(
        "INSERT INTO sessions (uuid, routine_id, routine_name, snapshot_id, started_at,"
        " utc_offset_minutes, local_date, status, planned_seconds)"
        " VALUES (?, 'r', 'R', 1, '2026-01-01T07:00:00Z', 0, '2026-01-01', 'completed', 60)",
        ("0" * 8 + "-0000-4000-8000-" + "0" * 12,),
    )
    assert migrate(db, 6) == [6]
    assert db.execute("SELECT rating, planned_work FROM sessions").fetchone() == (None, None)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE sessions SET rating = 0")
    db.close()
