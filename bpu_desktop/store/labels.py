"""What each table and each column is called on screen, in one place (merge, conflicts,
change history, `bpu conflicts`).

Keys are table and column names as stored (audit_log.table_name too: "reference" is the
rates row). A column is named as its form names it; the enrolment form's labels come from
the domain, the rest are here, with a table's own name where one column name means
different things in two tables (an event's kind, a sponsor's type).
"""

from __future__ import annotations

from bpu_desktop.domain.validation import FIELD_LABELS

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


COLUMN_LABELS: dict[str, str] = {
    **FIELD_LABELS,
    # enrolments, payments and the follow-up
    "kecamatan_code": "Kecamatan", "sector": "Sektor", "amount_paid": "Jumlah dibayar",
    "paid_until": "Lunas sampai", "covered_until": "Ditanggung sponsor sampai",
    "status": "Status", "member_id": "Peserta",
    "enrolment_id": "Kepesertaan", "from_month": "Dari bulan", "to_month": "Sampai bulan",
    "months": "Jumlah bulan", "amount": "Iuran", "paid_on": "Tanggal bayar",
    "channel": "Saluran", "note": "Catatan", "notes": "Catatan",
    "reason": "Alasan", "state": "Keadaan saat dihubungi", "contacted_on": "Tanggal dihubungi",
    # events
    "held_on": "Tanggal kegiatan", "time": "Jam", "venue": "Tempat", "kind": "Jenis",
    "partners": "Mitra", "segments": "Segmen sasaran", "officers": "Petugas hadir",
    "attendees": "Jumlah hadir",
    # sponsors and their pledges
    "type": "Jenis sponsor", "npp": "NPP", "contact_person": "Kontak",
    "sponsor_id": "Sponsor", "pledged": "Jumlah pekerja", "package": "Paket",
    "end_month": "Sampai bulan",
    # targets, segments
    "year": "Tahun", "area_code": "Wilayah", "officer": "Petugas", "target": "Target setahun",
    "potential": "Potensi pekerja", "covered_before": "Sudah tercakup",
    "monthly": "Target per bulan", "code": "Kode", "active": "Aktif",
    # every record's stamps
    "created_at": "Dibuat", "updated_at": "Diubah", "created_by": "Dibuat oleh",
    "updated_by": "Diubah oleh", "origin": "Perangkat", "version": "Versi",
    "deleted_at": "Dihapus pada", "id": "ID",
}
# Where one column name means something else in a table.
TABLE_COLUMN_LABELS: dict[tuple[str, str], str] = {
    ("events", "kind"): "Jenis kegiatan",
    ("targets", "kind"): "Jenis kepesertaan",
    ("targets", "segment"): "Segmen",
    ("sponsors", "name"): "Nama sponsor",
    ("sponsorships", "income"): "Dasar penghasilan",
    ("segments", "name"): "Nama pekerjaan",
    ("kelurahan", "name"): "Kelurahan/Desa",
    ("partners", "name"): "Nama mitra",
}


def column_label(name: str, table: str | None = None) -> str:
    """The Indonesian name of a column (of `table`, when it names it otherwise); an
    unknown column is shown as stored rather than hidden."""
    if table is not None and (table, name) in TABLE_COLUMN_LABELS:
        return TABLE_COLUMN_LABELS[(table, name)]
    return COLUMN_LABELS.get(name, name)
