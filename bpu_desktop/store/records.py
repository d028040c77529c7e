"""Insert, update and soft-delete rows of any record table, with version bump and audit.

Every record table shares the columns in `migrations/common.py`. Repositories build on
these three functions, so the merge-friendly bookkeeping lives in one place.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from .audit import write_audit
from .clock import new_id, utc_now
from .database import Store
from .errors import RecordNotFound, StaleRecordError
from .migrations.common import RECORD_COLUMNS

_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")


def _ident(name: str) -> str:
    """Table and column names come from code, never from users; check anyway."""
    if not _IDENT.match(name):
        raise ValueError(f"bad identifier {name!r}")
    return name


@functools.lru_cache(maxsize=256)
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    """The INSERT for a table and column list, checked and built once (saves repeat it)."""
    names = ", ".join(_ident(c) for c in columns)
    return (f"INSERT INTO {_ident(table)} ({names}) "
            f"VALUES ({', '.join('?' for _ in columns)})")


def get_record(
    store: Store, table: str, row_id: str, *, include_deleted: bool = False
) -> dict[str, Any] | None:
    sql = f"SELECT * FROM {_ident(table)} WHERE id = ?"
    if not include_deleted:
        sql += " AND deleted_at IS NULL"
    cur = store.conn.execute(sql, (row_id,))
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def insert_record(
    store: Store, table: str, values: dict[str, Any], *, source: str = "form"
) -> dict[str, Any]:
    """Insert a new row, stamped with officer, device and time; returns the full row."""
    now = utc_now()
    officer, origin = store.officer, store.device_id
    row = {
        "id": values.get("id") or new_id(),
        "created_at": now, "updated_at": now, "created_by": officer, "updated_by": officer,
        "origin": origin, "version": 1, "deleted_at": None,
        **{k: v for k, v in values.items() if k not in RECORD_COLUMNS},
    }
    with store.write():
        store.conn.execute(_insert_sql(table, tuple(row)), list(row.values()))
        write_audit(
            store.conn, officer=officer, origin=origin, table=table, row_id=row["id"],
            action="insert", old=None, new=row, source=source, at=now,
        )
    return row


def update_record(
    store: Store,
    table: str,
    row_id: str,
    changes: dict[str, Any],
    *,
    source: str = "form",
    expected_version: int | None = None,
) -> dict[str, Any]:
    """Apply changes; audit only the fields that really changed. No change, no write."""
    with store.write():
        old = get_record(store, table, row_id)
        if old is None:
            raise RecordNotFound("Data tidak ditemukan (mungkin sudah dihapus).")
        if expected_version is not None and old["version"] != expected_version:
            raise StaleRecordError(
                "Data ini baru saja diubah di tempat lain. Buka ulang lalu ulangi perubahan."
            )
        diff = {
            k: v for k, v in changes.items() if k not in RECORD_COLUMNS and old.get(k) != v
        }
        return _write_update(store, table, row_id, old, diff, source)


def _write_update(store: Store, table: str, row_id: str, old: dict[str, Any],
                  diff: dict[str, Any], source: str) -> dict[str, Any]:
    """Write `diff` over `old` with new stamps and one audit row; no diff, no write."""
    if not diff:
        return old
    now = utc_now()
    assignments = {**diff, "updated_at": now, "updated_by": store.officer,
                   "origin": store.device_id, "version": old["version"] + 1}
    store.conn.execute(
        f"UPDATE {_ident(table)} SET "
        + ", ".join(f"{_ident(k)} = ?" for k in assignments)
        + " WHERE id = ?",
        [*assignments.values(), row_id],
    )
    write_audit(
        store.conn, officer=store.officer, origin=store.device_id, table=table,
        row_id=row_id, action="update", old={k: old.get(k) for k in diff}, new=diff,
        source=source, at=now,
    )
    return {**old, **assignments}


def save_record(
    store: Store,
    table: str,
    row_id: str | None,
    values: dict[str, Any],
    *,
    source: str = "form",
    expected_version: int | None = None,
) -> str:
    """A form's Simpan: insert when the row has no id yet, else update it; returns the id."""
    if row_id is None:
        return str(insert_record(store, table, values, source=source)["id"])
    update_record(store, table, row_id, values, source=source, expected_version=expected_version)
    return row_id


def delete_record(store: Store, table: str, row_id: str, *, source: str = "form") -> None:
    """Soft delete: a tombstone that merges carry to the other laptops."""
    with store.write():
        old = get_record(store, table, row_id)
        if old is None:
            raise RecordNotFound("Data tidak ditemukan (mungkin sudah dihapus).")
        now = utc_now()
        store.conn.execute(
            f"UPDATE {_ident(table)} SET deleted_at = ?, updated_at = ?, updated_by = ?, "
            "origin = ?, version = version + 1 WHERE id = ?",
            (now, now, store.officer, store.device_id, row_id),
        )
        write_audit(
            store.conn, officer=store.officer, origin=store.device_id, table=table,
            row_id=row_id, action="delete", old=old, new=None, source=source, at=now,
        )


def restore_record(
    store: Store, table: str, row_id: str, changes: dict[str, Any], *, source: str = "form"
) -> dict[str, Any]:
    """Bring a soft-deleted row back under its own id, with `changes`: for rows whose id
    is their natural key (a desa added again), where a fresh insert would hit the id."""
    with store.write():
        old = get_record(store, table, row_id, include_deleted=True)
        if old is None:
            raise RecordNotFound("Data tidak ditemukan.")
        diff = {k: v for k, v in changes.items() if k not in RECORD_COLUMNS and old.get(k) != v}
        if old["deleted_at"] is not None:
            diff["deleted_at"] = None
        return _write_update(store, table, row_id, old, diff, source)
