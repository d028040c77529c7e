"""Total rows under a partner's list ("JUMLAH", "TOTAL", =SUM(...)): not people, so
neither data nor errors. The import skips them and says which rows it skipped.

A row is a total row when nothing in it could be a NIK (no cell in the NIK column with
ten digits or more) and either
* a cell starts with a total word (Jumlah, Total, Subtotal, Grand total, Jml, Rekap), or
* a cell holds a sum-like formula (=SUM, =SUBTOTAL, =COUNT..., =AVERAGE), or
* it lies below every data row and holds numbers only (a sum whose label sits in a
  merged cell, or a sum typed by hand).
Only rows that failed the checks are looked at: a total row never passes them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from bpu_desktop.domain.money import format_number

from .column_mapping import ColumnMapping
from .import_errors import BadRow

MAX_NAMED = 5  # rows named in the plan's note; more are counted
_TOTAL_WORD = re.compile(r"\s*(?:sub\s*-?\s*total|grand\s*total|total|jumlah|jml|rekap\w*)\b",
                         re.IGNORECASE)
_AGGREGATE = re.compile(r"=\s*(?:_xlfn\.)?(?:sum\w*|subtotal|aggregate|counta?|countif\w*|"
                        r"average\w*)\s*\(", re.IGNORECASE)
_NIK_DIGITS = 10  # fewer digits than this in the NIK column: a count, not a person


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


def total_rows_note(rows: Sequence[int]) -> str:
    named = ", ".join(str(r) for r in rows[:MAX_NAMED])
    more = len(rows) - MAX_NAMED
    tail = f" dan {format_number(more)} lainnya" if more > 0 else ""
    return f"Baris jumlah/total dilewati (bukan data peserta): baris {named}{tail}."
