"""What the change-history viewer needs besides `audit.history`: its filter choices, and
each change as the officer reads it (values as the forms show them, records by name)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .audit import AuditEntry
from .conflict_values import ValueText
from .database import Store
from .labels import TABLE_LABELS as TABLE_LABELS  # re-exported for the history viewer
from .labels import column_label as column_label  # column names: store/labels.py
from .merge_schema import record_tables
from .records import get_record

ACTION_LABELS = {"insert": "Tambah", "update": "Ubah", "delete": "Hapus"}

# Where a change came from, as the officer reads it in the "Sumber" column.
SOURCE_LABELS = {
    "form": "Formulir",
    "demo": "Data demo",
    "payment": "Pembayaran",
    "konflik": "Penyelesaian konflik",
    "migrasi": "Pembaruan aplikasi",
}
SOURCE_PREFIX_LABELS = {
    "import": "Impor",
    "merge": "Gabung",
    "konflik": "Konflik",
}


def source_label(source: str | None) -> str:
    """``form`` -> ``Formulir``, ``import:data.xlsx`` -> ``Impor: data.xlsx``; an unknown
    source is shown as stored rather than hidden."""
    text = (source or "").strip()
    if text in SOURCE_LABELS:
        return SOURCE_LABELS[text]
    prefix, sep, rest = text.partition(":")
    if sep and prefix in SOURCE_PREFIX_LABELS:
        return f"{SOURCE_PREFIX_LABELS[prefix]}: {rest}"
    return text


def audit_officers(conn: sqlite3.Connection) -> list[str]:
    """Every officer who appears in the history, by name."""
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT officer FROM audit_log WHERE officer != '' ORDER BY officer"
    )]


def audit_tables(conn: sqlite3.Connection) -> list[str]:
    """Tables that have history, in a stable order."""
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT table_name FROM audit_log ORDER BY table_name"
    )]


# Bookkeeping columns: shown only when nothing else changed.
STAMP_FIELDS = frozenset({"updated_at", "updated_by", "origin", "version", "created_at",
                          "created_by"})


class AuditText:
    """One file's history as the officer reads it. Values are formatted as the rest of the
    app shows them (`ValueText`: Rupiah, Ya/Tidak, dates, names for codes); a record is
    named as the app names it (a member or an enrolment by the member's name)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.values = ValueText(store)
        self._names: dict[tuple[str, str], str] = {}
        self._record_tables: frozenset[str] | None = None

    def changed_fields(self, entry: AuditEntry) -> list[tuple[str, str, str]]:
        """(column label, old, new) for what the entry changed; bookkeeping only when
        nothing else."""
        old, new = entry.old or {}, entry.new or {}
        keys = [k for k in dict.fromkeys([*old, *new])
                if old.get(k) != new.get(k) or entry.action == "update"]
        shown = [k for k in keys if k not in STAMP_FIELDS and k not in {"id", "deleted_at"}]
        return [(column_label(k, entry.table_name), self._value(k, k in old, old.get(k)),
                 self._value(k, k in new, new.get(k)))
                for k in (shown or keys)]

    def _value(self, field: str, present: bool, value: Any) -> str:
        if not present:
            return ""
        if isinstance(value, (dict, list)):  # the rates' tables: shown as stored
            return json.dumps(value, ensure_ascii=False)
        return self.values(field, value)

    def record_name(self, entry: AuditEntry) -> str:
        """The changed record by name ("" when it has none, e.g. the rates)."""
        key = (entry.table_name, entry.row_id)
        if key not in self._names:
            row: dict[str, Any] | None = None
            if entry.table_name in self._tables():
                row = get_record(self.store, entry.table_name, entry.row_id,
                                 include_deleted=True)
            if row is None:  # gone from this file: the values the entry carries
                row = {**(entry.old or {}), **(entry.new or {})}
            self._names[key] = self.values.row_label(entry.table_name, row) or ""
        return self._names[key]

    def _tables(self) -> frozenset[str]:
        if self._record_tables is None:
            self._record_tables = frozenset(t.name for t in record_tables(self.store.conn))
        return self._record_tables
