"""Copies of the data file made with SQLite's online backup API (consistent under WAL)."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path


def backups_dir(db_path: Path) -> Path:
    """Backups live beside the file, in `<name>-cadangan/`."""
    return db_path.parent / f"{db_path.stem}-cadangan"


def backup_to(conn: sqlite3.Connection, dest: Path) -> Path:
    """Write a consistent copy of `conn` to `dest` (owner-only), via a temp file + rename."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    if tmp.exists():
        tmp.unlink()
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    target = sqlite3.connect(str(tmp))
    try:
        conn.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
    os.replace(tmp, dest)
    return dest


def backup_before(conn: sqlite3.Connection, db_path: Path, *, reason: str) -> Path:
    """A timestamped backup taken before a risky step (migration, merge, restore)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    dest = backups_dir(db_path) / f"{db_path.stem}-{stamp}-{reason}.db"
    return backup_to(conn, dest)
