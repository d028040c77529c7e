"""What a merge needs to know about the schema, discovered rather than listed.

A record table is any table with all of `RECORD_COLUMNS` (members, enrolments, segments,
kelurahan, and whatever later migrations add). Its live-unique indexes (NIK among live
members) and foreign keys decide which incoming rows must wait in the conflict list.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from .labels import table_label
from .migrations.common import RECORD_COLUMNS

# Columns that describe a revision, not the content a user typed.
STAMP_COLUMNS = ("id", "created_at", "updated_at", "created_by", "updated_by", "origin",
                 "version")
# Tables whose rows are nothing but their live-unique key: a partner is its name (events
# refer to partners by name), so two live partners of the same name are one partner. An
# incoming one is merged into the row here instead of waiting as a "duplicate" conflict.
SAME_KEY_SAME_ROW = frozenset({"partners"})
# Columns whose case alone is no change: a user-added desa's id comes from its case-folded
# name (store/kelurahan.py), so "Pajang Baru" and "PAJANG BARU" typed on two laptops are
# one row; the spelling each file holds is kept rather than raised as a conflict.
CASELESS_COLUMNS: dict[str, frozenset[str]] = {"kelurahan": frozenset({"name"})}
_WHERE = re.compile(r"\bWHERE\b(.*)$", re.IGNORECASE | re.DOTALL)
_LIVE = re.compile(r"^\s*deleted_at\s+IS\s+NULL\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class UniqueIndex:
    name: str
    columns: tuple[str, ...]
    live_only: bool  # partial index `WHERE deleted_at IS NULL`
    where: str  # any other partial condition (applied to the existing row only)


@dataclass(frozen=True)
class ForeignKey:
    column: str
    parent: str
    parent_column: str


@dataclass(frozen=True)
class RecordTable:
    name: str
    columns: tuple[str, ...]
    uniques: tuple[UniqueIndex, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    content: tuple[str, ...] = field(default=())

    @property
    def label(self) -> str:
        return table_label(self.name)

    @property
    def caseless(self) -> frozenset[str]:
        """Content columns compared without case (see `CASELESS_COLUMNS`)."""
        return CASELESS_COLUMNS.get(self.name, frozenset())

    @property
    def same_key_same_row(self) -> bool:
        """True when a live-unique clash means "the same thing", never a conflict."""
        return self.name in SAME_KEY_SAME_ROW


def _columns(conn: sqlite3.Connection, schema: str, table: str) -> tuple[str, ...]:
    return tuple(r[1] for r in conn.execute(f"PRAGMA {schema}.table_info({_q(table)})"))


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def record_tables(conn: sqlite3.Connection, schema: str = "main") -> list[RecordTable]:
    """Record tables of `schema`, parents before children (foreign keys)."""
    names = [r[0] for r in conn.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    tables: dict[str, RecordTable] = {}
    for name in names:
        columns = _columns(conn, schema, name)
        if not set(RECORD_COLUMNS) <= set(columns):
            continue
        sql = conn.execute(f"SELECT sql FROM {schema}.sqlite_master WHERE name = ?",
                           (name,)).fetchone()[0] or ""
        if "WITHOUT ROWID" in sql.upper():
            raise RuntimeError(f"record table {name} must be a rowid table")
        tables[name] = RecordTable(
            name=name, columns=columns, uniques=tuple(_uniques(conn, schema, name)),
            foreign_keys=tuple(_foreign_keys(conn, schema, name)),
            content=tuple(c for c in columns if c not in STAMP_COLUMNS),
        )
    return _parents_first(tables)


def _uniques(conn: sqlite3.Connection, schema: str, table: str) -> list[UniqueIndex]:
    found = []
    for row in conn.execute(f"PRAGMA {schema}.index_list({_q(table)})").fetchall():
        name, unique, origin = row[1], row[2], row[3]
        if not unique or origin != "c":
            continue
        cols = tuple(r[2] for r in conn.execute(f"PRAGMA {schema}.index_info({_q(name)})"))
        if not cols or any(c is None for c in cols):
            continue  # expression indexes: not supported, the insert itself would tell
        sql = conn.execute(f"SELECT sql FROM {schema}.sqlite_master WHERE name = ?",
                           (name,)).fetchone()[0] or ""
        match = _WHERE.search(sql)
        where = match.group(1).strip() if match else ""
        live = bool(_LIVE.match(where))
        found.append(UniqueIndex(name, cols, live, "" if live else where))
    return found


def _foreign_keys(conn: sqlite3.Connection, schema: str, table: str) -> list[ForeignKey]:
    return [ForeignKey(column=r[3], parent=r[2], parent_column=r[4] or "id")
            for r in conn.execute(f"PRAGMA {schema}.foreign_key_list({_q(table)})")]


def _parents_first(tables: dict[str, RecordTable]) -> list[RecordTable]:
    ordered: list[RecordTable] = []
    seen: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in seen or name in path:
            return
        for fk in tables[name].foreign_keys:
            if fk.parent in tables and fk.parent != name:
                visit(fk.parent, (*path, name))
        seen.add(name)
        ordered.append(tables[name])

    for name in sorted(tables):
        visit(name, ())
    return ordered
