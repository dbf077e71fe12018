"""Storage layer: what Supple keeps on disk (no Qt here).

The history, one SQLite file:

- ``history``: ``open_history()`` and ``HistoryStore``, the writes a session makes and
  the queries of the history screen.
- ``recorder``: ``HistoryRecorder``, which keeps records in memory while the disk
  refuses them, so a session never stops for a storage problem.
- ``records``: the plain record types the app translates engine events into.
- ``database`` / ``schema``: opening, repair, backups, migrations.
- ``transfer``: CSV and JSON export, JSON import.
- ``errors``: exceptions whose text can be shown to the user as is.
"""
