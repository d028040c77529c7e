"""What the change-history viewer needs besides `audit.history`: its filter choices."""

from __future__ import annotations

import sqlite3

from .labels import TABLE_LABELS as TABLE_LABELS  # re-exported for the history viewer
from .labels import column_label as column_label  # column names: store/labels.py

ACTION_LABELS = {"insert": "Tambah", "update": "Ubah", "delete": "Hapus"}

# Where a change came from, as the officer reads it in the "Sumber" column.
SOURCE_LABELS = {
    "form": "Formulir",
    "demo": "Data demo",
    "payment": "Pembayaran",
    "konflik": "Penyelesaian konflik",
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
