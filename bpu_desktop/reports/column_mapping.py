"""Which spreadsheet column holds which enrolment field, found from the header names.

Partners' lists are messy: titles above the table, "No. KTP" instead of "NIK", "WA" for
the phone, "Penghasilan (Rp)", "Desa/Kel" (`normalise_header` is the one place spellings
are made equal). The header row is the one among the first rows whose cells match the most
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
              "wa", "no wa", "whatsapp", "nomor telepon", "handphone", "no handphone",
              "kontak", "no kontak"),
    "kecamatan": ("kecamatan", "kec", "kec."),
    "kelurahan": ("kelurahan", "desa", "kelurahan/desa", "desa/kelurahan", "kel", "kel/desa",
                  "kelurahan desa"),
    "address": ("alamat", "alamat lengkap", "alamat rumah", "domisili"),
    "segment": ("pekerjaan", "segmen", "profesi", "jenis pekerjaan", "segmen pekerjaan",
                "jenis usaha", "usaha", "kategori"),
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
    "kpj": ("kpj", "no kpj", "nomor kpj", "no. kpj", "nomor kartu", "no kepesertaan"),
}
IMPORT_FIELDS: tuple[str, ...] = tuple(ALIASES)
REQUIRED_FIELDS = ("nik", "name")


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


# Abbreviations partners use for the same word: each is read as its short form, in the
# aliases above and in the file's headers alike ("Nomor Telepon" = "No. Telp").
_SAME_WORD = {"nomor": "no", "nomer": "no", "nmr": "no", "tanggal": "tgl", "tangal": "tgl",
              "telepon": "telp", "telpon": "telp", "tlp": "telp", "handphone": "hp",
              "whatsapp": "wa", "kecamatan": "kec", "kelurahan": "kel"}
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")  # "(Rp)", "(L/P)", "[dd/mm/yyyy]"
_PUNCTUATION = re.compile(r"[._:*,;#'\"`\-\u2013\u2014?!]+")
_WORD = re.compile(r"[^ /]+")
# A unit after the name says nothing about which field it is: "Penghasilan Rp",
# "Pendapatan/bulan", "Penghasilan per bulan", "Upah sebulan".
_UNIT = re.compile(r"(?:\s+(?:rp|rupiah|idr)|\s*/\s*(?:bulan|bln)|\s+per\s*(?:bulan|bln)"
                   r"|\s+(?:perbulan|sebulan))$")


def normalise_header(value: object) -> str:
    """A header as matched against the known names: `No. HP (WA) ` -> `no hp`.

    Case, dots, dashes, underscores, line breaks, a unit or note in brackets, a trailing
    unit (Rp, per bulan) and the long or short form of a word (Nomor/No, Tanggal/Tgl) do
    not matter; a slash stays (see `guess_field`). The one place headers are compared.
    """
    text = "" if value is None else str(value).casefold()
    bare = _BRACKETS.sub(" ", text)
    if bare.strip(" ()[]"):  # "(L/P)" alone keeps its content
        text = bare
    text = _PUNCTUATION.sub(" ", text.replace("(", " ").replace(")", " "))
    text = re.sub(r"\s*/\s*", "/", " ".join(text.split()))
    previous = None
    while previous != text:  # "penghasilan rp per bulan"
        previous, text = text, _UNIT.sub("", text)
    return _WORD.sub(lambda m: _SAME_WORD.get(m[0], m[0]), text)


_LOOKUP: dict[str, str] = {}
_LOOKUP_JOINED: dict[str, str] = {}  # the same without spaces: "NoHP", "TglLahir"
for _field, _names in ALIASES.items():
    for _name in _names:
        _key = normalise_header(_name)
        _LOOKUP.setdefault(_key, _field)
        _LOOKUP_JOINED.setdefault(_key.replace(" ", ""), _field)


def _lookup(key: str) -> str | None:
    return _LOOKUP.get(key) or _LOOKUP_JOINED.get(key.replace(" ", ""))


def guess_field(header: object) -> str | None:
    """The field a header names, or None. Names joined by a slash ("No HP/WA",
    "Desa/Kel", "Pekerjaan/Profesi") count when each part names the same field."""
    key = normalise_header(header)
    if not key:
        return None
    found = _lookup(key)
    if found is not None or "/" not in key:
        return found
    parts = {_lookup(part) for part in key.split("/") if part}
    return parts.pop() if len(parts) == 1 else None


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
