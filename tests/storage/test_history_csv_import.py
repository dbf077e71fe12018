"""Our CSV export comes back in: export, import into an empty history, export again: same files."""

from __future__ import annotations

from datetime import timedelta

import pytest

from supple.storage.csv_import import import_history_file
from supple.storage.errors import ImportFormatError
from supple.storage.history import open_history
from supple.storage.records import SelfTestRecord, SessionStatus, Side, new_uuid
from supple.storage.transfer import export_sessions_csv, export_steps_csv, self_tests_csv_path
from tests.storage.history_builders import MORNING


@pytest.fixture
def varied(store, records):
    records.run(store, MORNING, steps=6, tightness_before=7, tightness_after=4, notes="easy")
    records.run(
        store,
        MORNING + timedelta(days=1, minutes=7),
        steps=3,
        status=SessionStatus.STOPPED,
        notes='=HYPERLINK("x")\nsecond line, "quoted"',
        utc_offset_minutes=-300,
    )
    records.run(store, MORNING + timedelta(days=2), steps=0, status=None, notes="'kept as typed")
    skipped = records.session(started_at=MORNING + timedelta(days=3), notes="@home")
    store.begin_session(skipped)
    store.record_step(records.step(skipped, 0, skipped=True, done_reps=0, done_seconds=0.0))
    store.record_step(records.step(skipped, 2, done_seconds=33.3))
    for day, side, value in ((0, Side.LEFT, 61.5), (1, Side.RIGHT, None)):
        store.add_self_test(
            SelfTestRecord(
                uuid=new_uuid(),
                kind="straight_leg_raise",
                side=side,
                value=value,
                unit="degrees",
                taken_at=MORNING + timedelta(days=day, hours=3),
                utc_offset_minutes=120,
                notes="-5 from last week",
            )
        )
    return store


def test_export_import_export_gives_the_same_files(varied, tmp_path):
    first = tmp_path / "first.csv"
    export_sessions_csv(varied, first)
    assert self_tests_csv_path(first).is_file()
    with open_history(tmp_path / "empty" / "history.sqlite3") as empty:
        counts = import_history_file(empty, first)
        assert (counts.sessions_added, counts.self_tests_added) == (4, 2)
        second = tmp_path / "second.csv"
        export_sessions_csv(empty, second)
        again = import_history_file(empty, first)
        assert (again.sessions_added, again.sessions_skipped) == (0, 4)
    assert second.read_bytes() == first.read_bytes()
    assert self_tests_csv_path(second).read_bytes() == self_tests_csv_path(first).read_bytes()


def test_a_self_tests_file_imports_on_its_own(varied, tmp_path):
    export_sessions_csv(varied, tmp_path / "all.csv")
    with open_history(tmp_path / "other" / "history.sqlite3") as other:
        counts = import_history_file(other, tmp_path / "all.self-tests.csv")
        assert (counts.sessions_added, counts.self_tests_added) == (0, 2)


def test_the_steps_csv_and_a_bad_cell_are_refused_with_where_and_why(varied, tmp_path):
    export_steps_csv(varied, tmp_path / "steps.csv")
    with open_history(tmp_path / "other" / "history.sqlite3") as other:
        with pytest.raises(ImportFormatError, match="steps CSV"):
            import_history_file(other, tmp_path / "steps.csv")
        export_sessions_csv(varied, tmp_path / "bad.csv")
        text = (tmp_path / "bad.csv").read_text(encoding="utf-8-sig").splitlines()
        text[2] = text[2].replace(",stopped,", ",paused,")
        (tmp_path / "bad.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
        with pytest.raises(
            ImportFormatError, match=r"sessions\[1\] .*\.status: should be one of"
        ) as caught:
            import_history_file(other, tmp_path / "bad.csv")
        assert "nothing was added" in str(caught.value)
        assert other.session_count() == 0
