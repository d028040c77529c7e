"""The audit log: who changed which row, when, from where, with old and new values.

Written inside the caller's transaction, so a change and its audit row stand or fall together.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .clock import new_id, utc_now


@dataclass(frozen=True)
class AuditEntry:
    id: str
    at: str
    officer: str
    origin: str
    table_name: str
    row_id: str
    action: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    source: str


def write_audit(
    conn: Any,
    *,
    officer: str,
    origin: str,
    table: str,
    row_id: str,
    action: str,
    old: dict[str, Any] | None,
    new: dict[str, Any] | None,
    source: str,
    at: str | None = None,
) -> None:
    conn.execute(
        "INSERT INTO audit_log(id, at, officer, origin, table_name, row_id, action, old, new, "
        "source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            new_id(), at or utc_now(), officer, origin, table, row_id, action,
            None if old is None else json.dumps(old, ensure_ascii=False, default=str),
            None if new is None else json.dumps(new, ensure_ascii=False, default=str),
            source,
        ),
    )


def history(
    conn: Any,
    *,
    table: str | None = None,
    row_id: str | None = None,
    officer: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 500,
) -> list[AuditEntry]:
    """Newest first, filtered by record, officer and date (ISO prefixes)."""
    where, params = [], []
    for column, value in (("table_name", table), ("row_id", row_id), ("officer", officer)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if since:
        where.append("at >= ?")
        params.append(since)
    if until:
        where.append("at < ?")
        params.append(until)
    sql = "SELECT id, at, officer, origin, table_name, row_id, action, old, new, source FROM audit_log"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY at DESC LIMIT ?"
    params.append(str(limit))
    return [
        AuditEntry(
            id=r[0], at=r[1], officer=r[2], origin=r[3], table_name=r[4], row_id=r[5],
            action=r[6], old=json.loads(r[7]) if r[7] else None,
            new=json.loads(r[8]) if r[8] else None, source=r[9],
        )
        for r in conn.execute(sql, params).fetchall()
    ]
