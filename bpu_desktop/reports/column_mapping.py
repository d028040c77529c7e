"""Which spreadsheet column holds which enrolment field, found from the header names.

Partners' lists are messy: titles above the table, "No. KTP" instead of "NIK", "WA" for
the phone, "Penghasilan (Rp)", "Desa/Kel" (`normalise_header` is the one place spellings
are made equal). The header row is the one among the first rows whose cells match the most
known names; the user may then fix the mapping (GUI) before importing.

The kelurahan's own form has a two-row header: "ALAMAT" merged over "KELURAHAN |
KECAMATAN", the other headers merged down over both rows (their second row reads empty),
and often a row of column numbers "1 2 3 … 10" under it. Both header rows are read as one
(`_combined`: a sub-header names its column, else the header above it) when that finds
more fields than either row alone, and the number row is skipped (`numbers_row`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

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
# A note naming someone else makes it another person's column: "Nama (Ibu Kandung)",
# "NIK (Ahli Waris)", "No HP (Suami)" are not the member's, so their brackets stay words.
_OTHER_PERSON = re.compile(r"\b(?:ibu|ayah|bapak|suami|istri|isteri|waris|wali|pasangan|anak"
                           r"|kandung|keluarga|penjamin|pemilik|atasan|kerabat|darurat)\b")
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
    notes = " ".join(_BRACKETS.findall(text))
    if bare.strip(" ()[]") and not _OTHER_PERSON.search(notes):  # "(L/P)" alone stays
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
    """Header row (0-based index in the sheet; the first of two for a two-row header) and
    field -> column index. `numbered`: a row of column numbers sits under the header."""

    header_row: int
    headers: list[str]
    columns: dict[str, int] = field(default_factory=dict)
    header_rows: int = 1
    numbered: bool = False

    @property
    def first_data_row(self) -> int:
        """0-based index in the sheet of the first row under the header (and numbers)."""
        return self.header_row + self.header_rows + int(self.numbered)

    def where(self) -> str:
        """Where the header is, as the user reads it: 'baris 3' or 'baris 3-4', and the
        skipped number row."""
        first = self.header_row + 1
        rows = f"baris {first}" if self.header_rows == 1 else \
            f"baris {first}-{first + self.header_rows - 1}"
        if self.numbered:
            rows += f" (baris {first + self.header_rows} berisi nomor kolom, dilewati)"
        return rows

    def missing_required(self) -> list[str]:
        return [f for f in REQUIRED_FIELDS if f not in self.columns]

    def header_of(self, field_name: str) -> str:
        index = self.columns.get(field_name)
        if index is not None and index < len(self.headers) and self.headers[index]:
            return self.headers[index]
        return field_label(field_name)

    def shared_column(self) -> str | None:
        """The header of a column mapped to two fields, if any (the user must pick one)."""
        seen: set[int] = set()
        for index in self.columns.values():
            if index in seen:
                return self.headers[index] if index < len(self.headers) else str(index + 1)
            seen.add(index)
        return None

    def with_column(self, field_name: str, index: int | None) -> ColumnMapping:
        """The mapping with `field_name` moved to `index` (None: not imported)."""
        columns = {f: i for f, i in self.columns.items() if f != field_name and i != index}
        if index is not None:
            columns[field_name] = index
        return replace(self, headers=list(self.headers), columns=columns)


def _headers(row: Sequence[object]) -> list[str]:
    return ["" if c is None else " ".join(str(c).split()) for c in row]


def _guessed(row: Sequence[object]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for col, cell in enumerate(row):
        name = guess_field(cell)
        if name is not None and name not in columns:
            columns[name] = col
    return columns


def _score(columns: dict[str, int]) -> int:
    return len(columns) + (2 if "nik" in columns else 0)


_DATA_DIGITS = re.compile(r"\d{5}")  # a NIK, a phone, an amount: a person's row, not headers


def _may_be_sub_headers(top: Sequence[object], sub: Sequence[object],
                        top_columns: dict[str, int]) -> bool:
    """Whether `sub` can be the second row of a header over `top`: text only, none of it a
    person's data, and nothing under the NIK header (merged down over both rows)."""
    filled = [c for c in sub if c is not None and c != ""]
    if not filled or not all(isinstance(c, str) and not _DATA_DIGITS.search(c) for c in filled):
        return False
    nik = top_columns.get("nik")
    return nik is None or nik >= len(sub) or sub[nik] in (None, "")


def _combined(top: Sequence[object], sub: Sequence[object]) -> tuple[list[str], dict[str, int]]:
    """The headers of two rows read as one: a sub-header names its column ("KELURAHAN"
    under "ALAMAT"), else the header above it (one merged down over both rows reads empty
    in the second); a sub-header naming no field leaves the field of the header above."""
    width = max(len(top), len(sub))
    uppers = _headers(top) + [""] * (width - len(top))
    lowers = _headers(sub) + [""] * (width - len(sub))
    columns: dict[str, int] = {}
    for col, (upper, lower) in enumerate(zip(uppers, lowers, strict=True)):
        name = (guess_field(lower) if lower else None) or guess_field(upper)
        if name is not None and name not in columns:
            columns[name] = col
    return [lower or upper for upper, lower in zip(uppers, lowers, strict=True)], columns


def _number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str):
        text = value.strip().strip("().").strip()
        return int(text) if text.isascii() and text.isdigit() else None
    return None


def numbers_row(row: Sequence[object]) -> bool:
    """A row of column numbers under the header: 1, 2, 3, … in order ("(1)", "1." too),
    three at least, nothing else."""
    filled = [c for c in row if c is not None and c != ""]
    numbers = [_number(c) for c in filled]
    return len(numbers) >= 3 and numbers == list(range(1, len(numbers) + 1))


def _with_numbers(mapping: ColumnMapping, rows: Sequence[Sequence[object]]) -> ColumnMapping:
    below = mapping.header_row + mapping.header_rows
    mapping.numbered = below < len(rows) and numbers_row(rows[below])
    return mapping


def detect_mapping(rows: Sequence[Sequence[object]]) -> ColumnMapping | None:
    """The best header among the first rows (one row, or two read as one when that finds
    more fields than either alone), or None when no row looks like one."""
    best: ColumnMapping | None = None
    best_score = 1  # at least two known names
    scan = rows[:HEADER_SCAN_ROWS]
    guessed = [_guessed(row) for row in scan]
    for index, row in enumerate(scan):
        columns = guessed[index]
        score = _score(columns)
        if score > best_score:
            best_score = score
            best = ColumnMapping(index, _headers(row), columns)
        if index + 1 >= len(rows) or not _may_be_sub_headers(row, rows[index + 1], columns):
            continue
        below = guessed[index + 1] if index + 1 < len(scan) else _guessed(rows[index + 1])
        headers, both = _combined(row, rows[index + 1])
        score = _score(both)
        if score > max(_score(columns), _score(below), best_score):
            best_score = score
            best = ColumnMapping(index, headers, both, header_rows=2)
    return _with_numbers(best, rows) if best is not None else None


# -- columns chosen by hand (`bpu import --kolom`; the dialog's combo boxes) -------------

def field_named(text: str) -> str:
    """The field the user names: its label as the dialog shows it ("Nomor HP",
    "Kelurahan/Desa"), any header name it is known by ("HP", "Desa") or its code ("phone").
    ValueError (Indonesian) when none."""
    key = normalise_header(text)
    for name in IMPORT_FIELDS:
        if key and key in (normalise_header(name), normalise_header(field_label(name))):
            return name
    found = guess_field(text)
    if found is None:
        choices = ", ".join(field_label(f) for f in IMPORT_FIELDS)
        raise ValueError(f"data '{text.strip()}' tidak dikenal; pilih salah satu: {choices}")
    return found


def parse_column_choice(text: str) -> tuple[str, str]:
    """`Nama=Nama Lengkap` -> ("name", "Nama Lengkap"): a field and the header of the
    column that holds it. ValueError (Indonesian) when it is not DATA=KOLOM."""
    data, sep, header = text.partition("=")
    header = " ".join(header.split())
    if not sep or not data.strip() or not header:
        raise ValueError(f"'{text}' bukan DATA=KOLOM (contoh: \"Nama=Nama Lengkap\")")
    return field_named(data), header


def _column_of(headers: Sequence[str], header: str) -> int | None:
    """The column whose header is `header` as typed (case and spaces aside), else the
    only one that reads the same once normalised ("No HP" for "No. HP")."""
    typed = header.casefold()
    for i, name in enumerate(headers):
        if name.casefold() == typed:
            return i
    key = normalise_header(header)
    same = [i for i, name in enumerate(headers) if key and normalise_header(name) == key]
    return same[0] if len(same) == 1 else None


def _layout(rows: Sequence[Sequence[object]], index: int,
            count: int) -> tuple[ColumnMapping, list[list[str]]]:
    """The mapping guessed for a header of `count` rows from `index`, and the texts that
    name its columns: the headers read as one, then each row's own (a parent's text names
    its first column: "ALAMAT" over "KELURAHAN | KECAMATAN")."""
    top = rows[index]
    if count == 1:
        headers = _headers(top)
        return ColumnMapping(index, headers, _guessed(top)), [headers]
    sub = rows[index + 1]
    headers, columns = _combined(top, sub)
    return (ColumnMapping(index, headers, columns, header_rows=2),
            [headers, _headers(top), _headers(sub)])


def _find(texts: Sequence[Sequence[str]], header: str) -> int | None:
    for names in texts:
        col = _column_of(names, header)
        if col is not None:
            return col
    return None


def mapping_with_choices(rows: Sequence[Sequence[object]],
                         choices: Sequence[tuple[str, str]]) -> ColumnMapping:
    """The header's mapping with each chosen (field, header) applied over what was
    guessed. A chosen header may be the text of either row of a two-row header. The header
    is the detected one when it has every chosen header, else the first of the first rows
    (one row, then two read as one) that has them all and a NIK and a Nama column, else
    the first that has them all. ValueError (Indonesian, one line) when a header is not
    there, a field is chosen twice or two fields share a column."""
    chosen = [f for f, _ in choices]
    for name in chosen:
        if chosen.count(name) > 1:
            raise ValueError(f"{field_label(name)} dipilih lebih dari sekali.")
    detected = detect_mapping(rows)
    scan = rows[:HEADER_SCAN_ROWS]
    layouts = list(dict.fromkeys(
        ([(detected.header_row, detected.header_rows)] if detected else [])
        + [(i, 1) for i in range(len(scan))]
        + [(i, 2) for i in range(len(scan)) if i + 1 < len(rows)]))
    fallback: ColumnMapping | None = None
    for index, count in layouts:
        guessed, texts = _layout(rows, index, count)
        found = [_find(texts, h) for _, h in choices]
        if any(col is None for col in found):
            continue
        picked = ColumnMapping(index, guessed.headers, {
            name: col for name, col in zip(chosen, found, strict=True) if col is not None})
        shared = picked.shared_column()
        mapping = (detected if detected and (detected.header_row, detected.header_rows)
                   == (index, count) else guessed)
        for name, col in picked.columns.items():
            mapping = mapping.with_column(name, col)
        if not mapping.missing_required() or fallback is None:
            if shared is not None:
                raise ValueError(f"Kolom '{shared}' dipakai untuk dua data; pilih satu saja.")
            if not mapping.missing_required():
                return _with_numbers(mapping, rows)
            fallback = mapping
    if fallback is not None:
        return _with_numbers(fallback, rows)
    # The header the user most likely meant: the detected one, else the first row with a
    # header typed in --kolom, else the first that is not empty.
    wanted = {" ".join(h.split()).casefold() for _, h in choices}
    if detected:
        index, count = detected.header_row, detected.header_rows
    else:
        index = next(
            (i for i, r in enumerate(scan) if wanted & {h.casefold() for h in _headers(r)}),
            next((i for i, r in enumerate(scan) if any(c not in (None, "") for c in r)), 0))
        count = 1
    texts = _layout(rows, index, count)[1] if index < len(scan) else [[]]
    missing = next(h for _, h in choices if _find(texts, h) is None)
    known = ", ".join(dict.fromkeys(h for names in texts for h in names if h)) or "kosong"
    where = f"baris {index + 1}" if count == 1 else f"baris {index + 1}-{index + count}"
    raise ValueError(f"Kolom '{missing}' tidak ada di baris judul ({where}: {known}).")
