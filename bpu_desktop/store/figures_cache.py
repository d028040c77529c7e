"""Figures kept in the file between starts, used only while nothing was written since.

Opening a merged branch file of a million members should not cost a second of queries
when the data has not changed since the figures were last computed. A kept copy is
trusted only when all of these still hold:

* no transaction was committed through `Store.write()` since: every write drops the
  `cache:` keys of `meta` in its own transaction (see database.py);
* the audit log ends where it ended (every user, import and merge change is audited):
  this also catches a write by another program between our read and our save;
* the app's figure format and the schema are the same.

Keeping a copy is best effort: a busy or read-only file just means computing next time.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable
from typing import TypeVar

from .database import DERIVED_PREFIX, Store
from .migrations import known_migration_names

T = TypeVar("T")

FORMAT = 2  # bump when a kept figure would mean something else
KEY = DERIVED_PREFIX + "figures"
MAX_ENTRIES = 12  # a few choices of year/month/area


def data_stamp(store: Store) -> str:
    """Where the data stands: changes with every audited write."""
    last = store.conn.execute("SELECT max(rowid) FROM audit_log").fetchone()[0]
    return f"{FORMAT}:{len(known_migration_names())}:{last or 0}"


def _load(store: Store) -> dict[str, str] | None:
    row = store.conn.execute("SELECT value FROM meta WHERE key = ?", (KEY,)).fetchone()
    if row is None:
        return None
    try:
        kept = json.loads(row[0])
        entries = kept["entries"]
        if kept["stamp"] != data_stamp(store) or not isinstance(entries, dict):
            return None
        return entries
    except (ValueError, KeyError, TypeError):
        return None


def _save(store: Store, stamp: str, entries: dict[str, str]) -> None:
    """Write the kept copy in its own short transaction, never waiting for another
    writer and never inside the caller's transaction."""
    conn = store.conn
    if conn.in_transaction:
        return
    timeout = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        with contextlib.suppress(sqlite3.Error):
            conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (KEY, json.dumps({"stamp": stamp, "entries": entries}, ensure_ascii=False)))
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")


def cached(store: Store, key: str, compute: Callable[[], T], encode: Callable[[T], str],
           decode: Callable[[str], T]) -> T:
    """`compute()`'s result for `key`, from the kept copy when it is still true."""
    entries = _load(store)
    if entries is not None and key in entries:
        with contextlib.suppress(ValueError, KeyError, TypeError):
            return decode(entries[key])
    stamp = data_stamp(store)
    value = compute()
    if data_stamp(store) == stamp:  # nothing committed while we counted
        kept = {k: v for k, v in (entries or {}).items() if k != key}
        kept[key] = encode(value)
        _save(store, stamp, dict(list(kept.items())[-MAX_ENTRIES:]))
    return value
