"""Columns every record table carries, so files from many laptops merge without loss."""

from __future__ import annotations

# id: UUID text; times: UTC ISO text; origin: device id of the last writer;
# version: bumped on every change; deleted_at: tombstone (soft delete).
RECORD_COLUMNS_SQL = """
    id TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    updated_by TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT
"""

RECORD_COLUMNS = (
    "id", "created_at", "updated_at", "created_by", "updated_by", "origin", "version",
    "deleted_at",
)
