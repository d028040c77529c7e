"""Calendar dates as Indonesians write them: ``24/11/2026``, ``24.11.2026``, ``24-11-26``,
``10 Oktober 1980``, ``5 Nov 2026``, ``05-Agt-26``.

The day always comes before the month (never the American month/day order). Month names
and abbreviations are read in Indonesian and English (`MONTH_BY_NAME`).

Two-digit years (``05/11/26``): a date the app records (enrolment, payment, event) is read
in this century, 20yy; when that falls after today the field's own rule refuses it ("tidak
boleh setelah hari ini") instead of moving it quietly to 19yy. A birth date
(``born_by=today``) takes the century that puts it on or before that day, as the NIK's
two-digit year does: both ask `birth_year`. ``10/10/80`` is 1980, ``01/01/05`` is 2005.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from .months import MONTH_BY_NAME

# Fast path first: the usual dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy (and dd/mm/yy), one
# separator throughout ("24/11-2026" is refused).
_DMY = re.compile(r"([0-9]{1,2})\s*([/.-])\s*([0-9]{1,2})\s*\2\s*([0-9]{4}|[0-9]{2})")
# Digits only, as typed on a number pad: ddmmyyyy ("20112026").
_DIGITS = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{4})")
_YMD = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
# "10 Oktober 1980", "5 Nov. 2026", "05-Agt-26", "5/Nov/2026".
_NAMED = re.compile(r"([0-9]{1,2})(?:\s*[-/.]\s*|\s+)([^\W\d_]+)\.?(?:\s*[-/.]\s*|\s+)"
                    r"([0-9]{4}|[0-9]{2})")

_HINT = "Gunakan format hh/bb/tttt, contoh 24/11/2026."


def parse_date(value: str | date | datetime, *, born_by: date | None = None) -> date:
    """A ``date`` from ``dd/mm/yyyy`` (``/``, ``-`` or ``.``), ``ddmmyyyy``, ``yyyy-mm-dd``, ``dd Month
    yyyy`` (Indonesian or English name or abbreviation), any of them with a two-digit
    year, or a date object.

    A two-digit year is 20yy, or, with ``born_by`` (a birth date), the century that puts
    the date on or before ``born_by``. Raises ``ValueError`` with an Indonesian message.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        raise ValueError("Tanggal wajib diisi.")
    if m := _DMY.fullmatch(text):
        day, month, year = int(m[1]), int(m[3]), int(m[4])
        short = len(m[4]) == 2
    elif m := _DIGITS.fullmatch(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        short = False
    elif m := _YMD.fullmatch(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        short = False
    elif (m := _NAMED.fullmatch(text)) and m[2].lower() in MONTH_BY_NAME:
        day, month, year = int(m[1]), MONTH_BY_NAME[m[2].lower()], int(m[3])
        short = len(m[3]) == 2
    else:
        raise ValueError(f"Tanggal tidak dikenali: '{text}'. {_HINT}")
    if short:
        year = 2000 + year if born_by is None else birth_year(year, month, day, born_by)
    try:
        if year < 1900:
            raise ValueError
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"Tanggal {day:02d}/{month:02d}/{year:04d} tidak ada.") from None


def birth_year(yy: int, month: int, day: int, born_by: date) -> int:
    """The full year of a birth date written with a two-digit year: 20yy, or 19yy when
    20yy would put the date after ``born_by``.

    The one century rule for birth dates, used by `parse_date(born_by=...)` and by the
    DDMMYY inside a NIK (`nik.parse_nik`). Compared by month and day as written, so it
    also answers for a day that does not exist; the caller refuses that day afterwards.
    """
    year = 2000 + yy
    if (year, month, day) > (born_by.year, born_by.month, born_by.day):
        year -= 100
    return year


def format_date(d: date) -> str:
    """``24/11/2026``."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"
