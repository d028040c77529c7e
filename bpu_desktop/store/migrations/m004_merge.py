"""Merging officers' files: open conflicts and the files already merged.

Neither is a record table, so they never travel between laptops themselves. Which side
changed a row is read from the audit logs (see store/merge.py), not stored here.
"""

from __future__ import annotations

from sqlite_utils import Database


def migrate(db: Database) -> None:
    ex = db.execute
    ex("""CREATE TABLE merge_conflicts (
        id TEXT PRIMARY KEY NOT NULL, created_at TEXT NOT NULL,
        kind TEXT NOT NULL,              -- edit | duplicate | dependent
        table_name TEXT NOT NULL, row_id TEXT NOT NULL,
        other_id TEXT NOT NULL,          -- the row in this file it clashes with
        source_file TEXT NOT NULL, source_device TEXT NOT NULL DEFAULT '',
        incoming TEXT NOT NULL,          -- JSON of the incoming row
        incoming_version INTEGER NOT NULL, incoming_updated_at TEXT NOT NULL,
        incoming_origin TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open',   -- open | resolved
        decision TEXT, resolved_at TEXT, resolved_by TEXT)""")
    # The same incoming revision is listed once, however often its file is merged.
    ex("CREATE UNIQUE INDEX merge_conflicts_by_revision ON merge_conflicts("
       "table_name, row_id, incoming_version, incoming_updated_at, incoming_origin)")
    ex("CREATE INDEX merge_conflicts_by_status ON merge_conflicts(status, created_at)")
    ex("CREATE INDEX merge_conflicts_by_other ON merge_conflicts(table_name, other_id)")
    ex("""CREATE TABLE merge_log (
        id TEXT PRIMARY KEY NOT NULL, merged_at TEXT NOT NULL, merged_by TEXT NOT NULL,
        file_name TEXT NOT NULL, checksum TEXT NOT NULL, device_id TEXT NOT NULL DEFAULT '',
        officer TEXT NOT NULL DEFAULT '', counts TEXT NOT NULL)""")
    ex("CREATE INDEX merge_log_by_checksum ON merge_log(checksum, merged_at)")
