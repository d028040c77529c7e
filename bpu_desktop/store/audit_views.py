"""What the change-history viewer needs besides `audit.history`: its filter choices."""

from __future__ import annotations

import sqlite3

TABLE_LABELS = {
    "members": "Peserta",
    "enrolments": "Pendaftaran",
    "events": "Kegiatan",
    "sponsors": "Sponsor",
    "sponsorships": "Dukungan sponsor",
    "payments": "Pembayaran",
    "targets": "Target",
    "followups": "Tindak lanjut",
    "segments": "Pekerjaan",
    "kelurahan": "Kelurahan/Desa",
    "reference": "Nilai acuan",
}
ACTION_LABELS = {"insert": "Tambah", "update": "Ubah", "delete": "Hapus"}


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
