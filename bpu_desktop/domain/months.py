"""Calendar months: contributions, discounts and arrears all work in whole months.

A month is represented by the ``date`` of its first day.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

MONTH_NAMES = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
# Where a month has little room (chart axes, the target grid): Jan, Feb, ..., Agu, ..., Des.
MONTH_ABBREVIATIONS = tuple(name[:3] for name in MONTH_NAMES)
_ENGLISH = ("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December")
# Month (1-12) by its lower-case name or abbreviation, Indonesian and English: Januari/Jan,
# Mei/May, Agustus/Agu/Agt/Ags/Aug, Oktober/Okt/Oct, Desember/Des/Dec, and the older
# spellings Pebruari/Peb, Nopember/Nop. Read by months and by dates (`dates.parse_date`).
MONTH_BY_NAME: dict[str, int] = {}
for _names in (MONTH_NAMES, _ENGLISH):
    for _i, _name in enumerate(_names, start=1):
        MONTH_BY_NAME[_name.lower()] = _i
        MONTH_BY_NAME[_name.lower()[:3]] = _i
MONTH_BY_NAME.update({"agt": 8, "ags": 8, "sept": 9, "pebruari": 2, "peb": 2,
                      "nopember": 11, "nop": 11})

_ISO = re.compile(r"(\d{4})-(\d{1,2})")
_LOCAL = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{4})")
_NAMED = re.compile(r"([A-Za-z]+)\.?\s+(\d{4})")
_DIGITS = re.compile(r"([0-9]{2})([0-9]{4})")  # mmyyyy, digits only: "112026"


def month_start(d: date) -> date:
    """The first day of the month containing ``d`` (a datetime becomes a date)."""
    return date(d.year, d.month, 1)


def add_months(d: date, n: int) -> date:
    """The first day of the month ``n`` months after the month of ``d``."""
    index = d.year * 12 + (d.month - 1) + n
    return date(index // 12, index % 12 + 1, 1)


def months_between(a: date, b: date) -> int:
    """Whole months from the month of ``a`` to the month of ``b`` (negative if b is earlier)."""
    return (b.year - a.year) * 12 + (b.month - a.month)


def iter_months(start: date, end: date) -> Iterator[date]:
    """Every month from the month of ``start`` to the month of ``end``, both included."""
    for i in range(months_between(start, end) + 1):
        yield add_months(start, i)


def parse_month(text: str | date) -> date:
    """Read a month typed as ``2026-03``, ``03/2026``, ``032026`` or ``Maret 2026``."""
    if isinstance(text, date):
        return month_start(text)
    cleaned = str(text).strip()
    year = month = None
    if m := _ISO.fullmatch(cleaned):
        year, month = int(m[1]), int(m[2])
    elif m := _LOCAL.fullmatch(cleaned):
        month, year = int(m[1]), int(m[2])
    elif m := _DIGITS.fullmatch(cleaned):
        month, year = int(m[1]), int(m[2])
    elif (m := _NAMED.fullmatch(cleaned)) and m[1].lower() in MONTH_BY_NAME:
        month, year = MONTH_BY_NAME[m[1].lower()], int(m[2])
    if year is None or month is None:
        raise ValueError(
            f"Bulan tidak dikenali: '{cleaned}'. Contoh: 03/2026, 2026-03 atau Maret 2026."
        )
    if not 1 <= month <= 12 or year < 1900:
        raise ValueError(f"Bulan '{cleaned}' tidak ada.")
    return date(year, month, 1)


def format_month(d: date) -> str:
    """``2026-03``: the stored and sortable form."""
    return f"{d.year:04d}-{d.month:02d}"


def month_label(d: date) -> str:
    """``Maret 2026``: the form shown to users."""
    return f"{MONTH_NAMES[d.month - 1]} {d.year}"
