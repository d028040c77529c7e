"""Total rows under a partner's list ("JUMLAH", "TOTAL", =SUM(...)): not people, so
neither data nor errors. The import skips them and says which rows it skipped.

A row is a total row when nothing in it could be a NIK (no cell in the NIK column with
ten digits or more) and either
* a cell starts with a total word (Jumlah, Total, Subtotal, Grand total, Jml, Rekap), or
* a cell holds a sum-like formula (=SUM, =SUBTOTAL, =COUNT..., =AVERAGE), or
* it lies below every data row and holds numbers only (a sum whose label sits in a
  merged cell, or a sum typed by hand).
Only rows that failed the checks are looked at: a total row never passes them.

A signature block under the list ("Surakarta, 12 Maret 2026", "Mengetahui,", "Lurah
Pajang", the lurah's name, "NIP. 19700101 ...") is not people either: from the first row
below every data row that opens one (`_FOOTER_OPENER`), each row without a NIK is skipped
and named (`split_footer_rows`).

Header rows inside the list are not people either (`split_header_rows`): a sub-header
under the header ("JALAN | RT/RW" under ALAMAT) and the header repeated further down (a
list pasted from several pages, with its sub-header or number row). A row is one when it
holds no NIK (its NIK cell blank or digit-free text), no person's name, and only short
digit-free labels, and either
* two or more of them are known header names (`column_mapping.guess_field`), anywhere, or
* it lies right under the header or under such a row (blank rows aside) and every label
  is a known header name or written in capitals, or it is a row of column numbers.
A row with a NIK or a name, even a wrong one, stays a bad row: it is a person's.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from typing import Any

from bpu_desktop.domain.money import format_number

from .column_mapping import ColumnMapping, guess_field, numbers_row
from .import_errors import BadRow

MAX_NAMED = 5  # rows named in the plan's note; more are counted
_TOTAL_WORD = re.compile(r"\s*(?:sub\s*-?\s*total|grand\s*total|total|jumlah|jml|rekap\w*)\b",
                         re.IGNORECASE)
_AGGREGATE = re.compile(r"=\s*(?:_xlfn\.)?(?:sum\w*|subtotal|aggregate|counta?|countif\w*|"
                        r"average\w*)\s*\(", re.IGNORECASE)
_MONTH = (r"(?:jan(?:uari)?|feb(?:ruari)?|mar(?:et)?|apr(?:il)?|mei|jun(?:i)?|jul(?:i)?|"
          r"agu(?:stus)?|agt|sep(?:tember)?|okt(?:ober)?|nov(?:ember)?|des(?:ember)?)")
_FOOTER_OPENER = re.compile(
    r"\s*(?:mengetahui|menyetujui|diketahui|disetujui|disahkan|dibuat(?:\s+oleh)?|"
    r"disusun(?:\s+oleh)?|yang\s+membuat|hormat\s+kami|tanda\s+tangan|ttd|a\.?\s?n\.|"
    r"catatan|keterangan|ket\.)(?!\w)"
    # a place and a date: "Surakarta, 12 Maret 2026", "Solo, 12-03-2026"
    rf"|\s*[a-z][a-z .]*,\s*\d{{1,2}}(?:\s+{_MONTH}\.?\s+|\s*[-/.]\s*\d{{1,2}}\s*[-/.]\s*)\d{{2,4}}\b",
    re.IGNORECASE)
_NIK_DIGITS = 10  # fewer digits than this in the NIK column: a count, not a person
_LABEL_CHARS = 40  # a header cell is short: "JALAN", "RT/RW", "No. HP/WA", "Keterangan"
_LABEL_WORDS = 4


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _holds_nik(value: Any) -> bool:
    if value is None or isinstance(value, bool):
        return False
    if isinstance(value, float):
        value = int(value) if value.is_integer() else value
    return sum(ch.isdigit() for ch in str(value)) >= _NIK_DIGITS


def _filled(value: Any) -> bool:
    return value is not None and value != ""


def _kind(bad: BadRow, nik_col: int | None, formulas: Mapping[int, str]) -> str | None:
    """'label' or 'formula' (a total row wherever it is), 'numbers' (one only at the
    bottom), or None (a person's row with errors)."""
    values = bad.values
    if nik_col is not None and nik_col < len(values) and _holds_nik(values[nik_col]):
        return None
    if any(isinstance(v, str) and _TOTAL_WORD.match(v) for v in values):
        return "label"
    if any(_AGGREGATE.match(f) for f in formulas.values()):
        return "formula"
    filled = [i for i, v in enumerate(values) if _filled(v)]
    if filled and all(_is_number(values[i]) or i in formulas for i in filled):
        return "numbers"
    return None


def split_total_rows(bad_rows: Sequence[BadRow], mapping: ColumnMapping, last_data_row: int,
                     formulas: Mapping[tuple[int, int], str]
                     ) -> tuple[list[BadRow], list[int]]:
    """`bad_rows` without the total rows, and the total rows' Excel numbers.
    `last_data_row`: the Excel row of the last row that passed the checks (0: none);
    `formulas`: formula text by (Excel row, 0-based column), where known."""
    nik_col = mapping.columns.get("nik")
    by_row: dict[int, dict[int, str]] = {}
    for (row, col), text in formulas.items():
        by_row.setdefault(row, {})[col] = text
    kinds = {bad.row: _kind(bad, nik_col, by_row.get(bad.row, {})) for bad in bad_rows}
    totals = {row for row, kind in kinds.items() if kind in ("label", "formula")}
    # Numbers only: a total at the bottom, under every row of data (and every bad row that
    # is not itself a total). Higher up it is a person's row with most cells missing.
    for row in sorted(kinds, reverse=True):
        if row <= last_data_row or kinds[row] is None:
            break
        totals.add(row)
    kept = [bad for bad in bad_rows if bad.row not in totals]
    return kept, sorted(totals)


def split_footer_rows(bad_rows: Sequence[BadRow], mapping: ColumnMapping,
                      last_data_row: int) -> tuple[list[BadRow], list[int]]:
    """`bad_rows` without the signature block under the list, and that block's Excel
    rows: from the first row below `last_data_row` that opens one, every bad row without
    a NIK. A row there with a NIK stays a bad row: a person typed under the signature."""
    nik_col = mapping.columns.get("nik")

    def no_nik(bad: BadRow) -> bool:
        values = bad.values
        return nik_col is None or nik_col >= len(values) or not _holds_nik(values[nik_col])

    start = next((bad.row for bad in sorted(bad_rows, key=lambda b: b.row)
                  if bad.row > last_data_row and no_nik(bad)
                  and any(isinstance(v, str) and _FOOTER_OPENER.match(v) for v in bad.values)),
                 None)
    if start is None:
        return list(bad_rows), []
    footer = {bad.row for bad in bad_rows if bad.row >= start and no_nik(bad)}
    return [bad for bad in bad_rows if bad.row not in footer], sorted(footer)


def _written(value: Any) -> bool:
    """A cell with something in it (spaces alone are nothing)."""
    return _filled(value) and (value.__class__ is not str or bool(value.strip()))


def _label(value: Any) -> bool:
    """Text a header cell holds: a few words without a digit."""
    return (isinstance(value, str) and len(value.strip()) <= _LABEL_CHARS
            and len(value.split()) <= _LABEL_WORDS and not any(map(str.isdigit, value)))


def _names_field(value: Any) -> bool:
    return isinstance(value, str) and guess_field(value) is not None


def _header_like(values: Sequence[Any], nik_col: int | None, name_col: int | None, *,
                 under_header: bool) -> bool:
    """Whether a bad row is a header row (see the module's notes); `under_header`: it
    lies right under the header or under another header row."""
    if under_header and numbers_row(values):
        return True
    nik = values[nik_col] if nik_col is not None and nik_col < len(values) else None
    name = values[name_col] if name_col is not None and name_col < len(values) else None
    if _written(nik) and not _label(nik):
        return False  # a NIK, even a wrong one: a person's row
    filled = [v for v in values if _written(v)]
    if not filled or not all(map(_label, filled)):
        return False  # a number, a date, an amount: a person's row
    if _written(name) and not _names_field(name):
        return False  # a person's name
    if sum(map(_names_field, filled)) >= 2:
        return True
    return under_header and all(_names_field(v) or v.isupper() for v in filled)


def split_header_rows(bad_rows: Sequence[BadRow], mapping: ColumnMapping,
                      data_rows: Sequence[int]) -> tuple[list[BadRow], list[int]]:
    """`bad_rows` without the header rows inside the list (a sub-header, the header
    repeated), and those rows' Excel numbers. `data_rows`: the Excel rows that passed the
    checks, in order (a row is "right under" another when none lies between them)."""
    nik_col, name_col = mapping.columns.get("nik"), mapping.columns.get("name")
    headers: list[int] = []
    above, above_is_header = mapping.first_data_row, True  # Excel row of the last header row
    for bad in sorted(bad_rows, key=lambda b: b.row):
        under = above_is_header and (bisect_left(data_rows, bad.row)
                                     == bisect_right(data_rows, above))
        is_header = _header_like(bad.values, nik_col, name_col, under_header=under)
        if is_header:
            headers.append(bad.row)
        above, above_is_header = bad.row, is_header
    if not headers:
        return list(bad_rows), []
    skipped = set(headers)
    return [bad for bad in bad_rows if bad.row not in skipped], headers


def _rows_named(rows: Sequence[int]) -> str:
    """'baris 2, 5, 6' (the first `MAX_NAMED`, then how many more)."""
    named = ", ".join(str(r) for r in rows[:MAX_NAMED])
    more = len(rows) - MAX_NAMED
    tail = f" dan {format_number(more)} lainnya" if more > 0 else ""
    return f"baris {named}{tail}"


def header_rows_note(rows: Sequence[int]) -> str:
    return f"Baris judul kolom di dalam daftar dilewati (bukan data peserta): {_rows_named(rows)}."


def footer_rows_note(rows: Sequence[int]) -> str:
    where = f"baris {rows[0]}" if len(rows) == 1 else f"baris {rows[0]} s.d. {rows[-1]}"
    return f"Tanda tangan/keterangan di bawah daftar dilewati (bukan data peserta): {where}."


def total_rows_note(rows: Sequence[int]) -> str:
    return f"Baris jumlah/total dilewati (bukan data peserta): {_rows_named(rows)}."
