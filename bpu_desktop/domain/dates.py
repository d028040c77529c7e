"""Calendar dates as Indonesians write them: ``24/11/2026``."""

from __future__ import annotations

import re
from datetime import date, datetime

_DMY = re.compile(r"([0-9]{1,2})\s*([/-])\s*([0-9]{1,2})\s*\2\s*([0-9]{4})")
_YMD = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")

_HINT = "Gunakan format hh/bb/tttt, contoh 24/11/2026."


def parse_date(value: str | date | datetime) -> date:
    """A ``date`` from ``dd/mm/yyyy``, ``dd-mm-yyyy``, ``yyyy-mm-dd`` or a date object.

    Raises ``ValueError`` with an Indonesian message.
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
    elif m := _YMD.fullmatch(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        raise ValueError(f"Tanggal tidak dikenali: '{text}'. {_HINT}")
    try:
        if year < 1900:
            raise ValueError
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"Tanggal {day:02d}/{month:02d}/{year:04d} tidak ada.") from None


def format_date(d: date) -> str:
    """``24/11/2026``."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"
