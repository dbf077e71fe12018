"""History files gone wrong under a running app: damaged, held by another program, closed."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from supple.storage.database import OpenedDatabase, connect
from supple.storage.history import HistoryStore, open_history
from supple.storage.schema import LATEST_VERSION

PAGE = 4096


@contextlib.contextmanager
def damaged(path: Path) -> Iterator[HistoryStore]:
    """The closed history at ``path`` with every page but the schema's garbage,
    opened without the full check, as the app reopens it after a failed write."""
    size = path.stat().st_size
    assert size > 8 * PAGE, "fill the history first"
    with contextlib.closing(sqlite3.connect(path)) as plain:
        schema = {
            row[0]
            for row in plain.execute("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema'")
        }
    with path.open("r+b") as file:
        for page in range(2, size // PAGE + 1):
            if page not in schema:
                file.seek((page - 1) * PAGE)
                file.write(b"\xa5" * PAGE)
    with open_history(path, check=False) as store:
        yield store


@contextlib.contextmanager
def held(path: Path) -> Iterator[tuple[HistoryStore, sqlite3.Connection]]:
    """A store on the closed history at ``path`` while another program holds the file.

    WAL readers are never locked out, so the file is put in rollback-journal mode,
    where another program's write transaction holds every reader off. Roll the other
    connection back to let go.
    """
    with sqlite3.connect(path) as plain:
        plain.execute("PRAGMA journal_mode = DELETE")
    connection = connect(path)
    connection.execute("PRAGMA busy_timeout = 50")  # not the app's 3 s: the test waits less
    store = HistoryStore(OpenedDatabase(connection, path, False, LATEST_VERSION))
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield store, other
    finally:
        other.close()
        store.close()
