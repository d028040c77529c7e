"""Which spreadsheet column holds which enrolment field, found from the header names.

Partners' lists are messy: titles above the table, "No. KTP" instead of "NIK", "WA" for
the phone. The header row is the one among the first rows whose cells match the most
known names; the user may then fix the mapping (GUI) before importing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bpu_desktop.domain.validation import FIELD_LABELS

HEADER_SCAN_ROWS = 30

# Field (EnrolmentInput attribute) -> names seen in partners' files, normalised.
ALIASES: dict[str, tuple[str, ...]] = {
    "nik": ("nik", "no ktp", "nomor ktp", "no. ktp", "ktp", "nik ktp", "nomor induk kependudukan",
            "no nik", "nomor nik"),
    "name": ("nama", "nama lengkap", "nama peserta", "nama pekerja", "nama sesuai ktp"),
    "phone": ("no hp", "no. hp", "nomor hp", "hp", "telepon", "telp", "no telp", "no telepon",
              "wa", "no wa", "whatsapp", "nomor telepon", "handphone", "no handphone"),
    "kecamatan": ("kecamatan", "kec", "kec."),
    "kelurahan": ("kelurahan", "desa", "kelurahan/desa", "desa/kelurahan", "kel", "kel/desa",
                  "kelurahan desa"),
    "address": ("alamat", "alamat lengkap", "alamat rumah", "domisili"),
    "segment": ("pekerjaan", "segmen", "profesi", "jenis pekerjaan", "segmen pekerjaan",
                "jenis usaha", "kategori"),
    "income": ("penghasilan", "pendapatan", "penghasilan per bulan", "pendapatan per bulan",
               "upah", "penghasilan bulanan", "gaji"),
    "with_jht": ("jht", "ikut jht", "program jht"),
    "funding": ("sumber dana", "sumber iuran", "pembayar", "dibayar oleh", "pendanaan"),
    "months_paid": ("bulan dibayar", "jumlah bulan", "lama iuran", "bulan", "periode bayar"),
    "start_month": ("mulai bulan", "bulan mulai", "mulai", "awal kepesertaan"),
    "enrolled_on": ("tanggal daftar", "tgl daftar", "tanggal pendaftaran", "tgl pendaftaran",
                    "tanggal"),
    "birth_date": ("tanggal lahir", "tgl lahir", "tgl. lahir", "tanggal lahir (dd/mm/yyyy)",
                   "lahir"),
    "sex": ("jenis kelamin", "l/p", "jk", "kelamin", "gender", "sex"),
    "kpj": ("kpj", "no kpj", "nomor kpj", "no. kpj", "nomor kartu"),
}
IMPORT_FIELDS: tuple[str, ...] = tuple(ALIASES)
REQUIRED_FIELDS = ("nik", "name")


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def normalise_header(value: object) -> str:
    """`No. KTP ` -> `no ktp`: case, dots, underscores and extra spaces do not matter."""
    text = "" if value is None else str(value)
    text = re.sub(r"[._:*]+", " ", text.casefold())
    text = re.sub(r"\s*/\s*", "/", text)
    return " ".join(text.split())


_LOOKUP: dict[str, str] = {}
for _field, _names in ALIASES.items():
    for _name in _names:
        _LOOKUP.setdefault(normalise_header(_name), _field)


def guess_field(header: object) -> str | None:
    return _LOOKUP.get(normalise_header(header))


@dataclass
class ColumnMapping:
    """Header row (0-based index in the sheet) and field -> column index."""

    header_row: int
    headers: list[str]
    columns: dict[str, int] = field(default_factory=dict)

    def missing_required(self) -> list[str]:
        return [f for f in REQUIRED_FIELDS if f not in self.columns]

    def header_of(self, field_name: str) -> str:
        index = self.columns.get(field_name)
        if index is not None and index < len(self.headers) and self.headers[index]:
            return self.headers[index]
        return field_label(field_name)

    def with_column(self, field_name: str, index: int | None) -> ColumnMapping:
        """The mapping with `field_name` moved to `index` (None: not imported)."""
        columns = {f: i for f, i in self.columns.items() if f != field_name and i != index}
        if index is not None:
            columns[field_name] = index
        return ColumnMapping(self.header_row, list(self.headers), columns)


def detect_mapping(rows: Sequence[Sequence[object]]) -> ColumnMapping | None:
    """The best header row among the first rows, or None when no row looks like one."""
    best: ColumnMapping | None = None
    best_score = 1  # at least two known names
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        for col, cell in enumerate(row):
            name = guess_field(cell)
            if name is not None and name not in columns:
                columns[name] = col
        score = len(columns) + (2 if "nik" in columns else 0)
        if score > best_score:
            best_score = score
            headers = ["" if c is None else " ".join(str(c).split()) for c in row]
            best = ColumnMapping(index, headers, columns)
    return best
