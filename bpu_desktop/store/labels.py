"""What each table is called on screen, in one place (merge, conflicts, change history).

Keys are table names as stored (audit_log.table_name too: "reference" is the rates row).
"""

from __future__ import annotations

TABLE_LABELS: dict[str, str] = {
    "members": "Peserta",
    "enrolments": "Pendaftaran",
    "segments": "Segmen",
    "kelurahan": "Kelurahan/Desa",
    "events": "Kegiatan",
    "partners": "Mitra",
    "sponsors": "Sponsor",
    "sponsorships": "Janji sponsor",
    "sponsorship_members": "Pekerja disponsori",
    "targets": "Target",
    "payments": "Pembayaran",
    "followup_contacts": "Kontak tindak lanjut",
    "reference": "Nilai acuan",
}


def table_label(name: str) -> str:
    """The Indonesian name of a table; an unknown table is shown as stored."""
    return TABLE_LABELS.get(name, name)
