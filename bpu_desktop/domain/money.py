"""Rupiah amounts: whole Rupiah as ``int`` everywhere, parsed leniently, shown one way."""

from __future__ import annotations

import math
import re
from decimal import Decimal

_PREFIX = re.compile(r"^(?:rp|idr)\.?\s*", re.IGNORECASE)
_SUFFIXES = {
    "jt": 1_000_000,
    "juta": 1_000_000,
    "rb": 1_000,
    "ribu": 1_000,
    "k": 1_000,
}
_SUFFIX = re.compile(r"^(.*?)\s*(" + "|".join(_SUFFIXES) + r")\.?$", re.IGNORECASE)
_PLAIN = re.compile(r"[0-9]+")
_ID_GROUPED = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?")  # 1.500.000,00
_EN_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")  # 1,500,000.00
_ID_DECIMAL = re.compile(r"[0-9]+,[0-9]+")  # 1,5
_EN_DECIMAL = re.compile(r"[0-9]+\.[0-9]+")  # 1.5 or 1500000.00

_EXAMPLE = "Contoh: 1.500.000 atau 1,5 jt."


def _number(text: str) -> Decimal | None:
    """The value of a digit string in Indonesian or English notation, or None."""
    if _PLAIN.fullmatch(text):
        return Decimal(text)
    if _ID_GROUPED.fullmatch(text):
        return Decimal(text.replace(".", "").replace(",", "."))
    if _EN_GROUPED.fullmatch(text):
        return Decimal(text.replace(",", ""))
    if _ID_DECIMAL.fullmatch(text):
        return Decimal(text.replace(",", "."))
    if _EN_DECIMAL.fullmatch(text):
        return Decimal(text)
    return None


MAX_AMOUNT = 10**13  # ten trillion Rupiah: far above any real amount here


def _whole(value: Decimal, shown: str) -> int:
    if value > MAX_AMOUNT:
        raise ValueError(f"Nominal terlalu besar (tertulis {shown}).")
    if value < 0:
        raise ValueError("Nominal tidak boleh negatif.")
    if value != value.to_integral_value():
        raise ValueError(f"Nominal harus Rupiah bulat (tertulis {shown}).")
    return int(value)


def parse_rupiah(value: str | int | float | Decimal) -> int:
    """Whole Rupiah from ``Rp 1.500.000``, ``1500000``, ``1,5 jt``, ``1.500.000,00`` or a number.

    ``1.500`` is one thousand five hundred (Indonesian grouping); ``1,5`` needs a unit
    (``jt``, ``rb``) to mean more than one and a half Rupiah, which is refused.
    Raises ``ValueError`` with an Indonesian message, never anything else.
    """
    if isinstance(value, bool):
        raise ValueError("Nominal harus berupa angka.")
    if isinstance(value, int):
        return _whole(Decimal(value), str(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("Nominal harus berupa angka.")
        return _whole(Decimal(repr(value)), repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("Nominal harus berupa angka.")
        return _whole(value, str(value))
    raw = str(value).strip()
    if not raw:
        raise ValueError("Nominal wajib diisi.")
    text = raw.replace("\u00a0", " ")
    text = re.sub(r"[,.]-+$", "", text)  # "Rp 1.500.000,-" is the usual way to write it
    negative = text.startswith("-") or (text.startswith("(") and text.endswith(")"))
    text = text.strip("-() ")
    text = _PREFIX.sub("", text).strip()
    if text.startswith("-"):  # "Rp -5.000"
        negative, text = True, text[1:].strip()
    multiplier = 1
    if m := _SUFFIX.match(text):
        text, multiplier = m[1].strip(), _SUFFIXES[m[2].lower()]
    text = text.replace(" ", "") if multiplier == 1 else text
    number = _number(text) if text.isascii() and len(text) <= 40 else None
    if number is None:
        raise ValueError(f"Nominal tidak dikenali: '{raw}'. {_EXAMPLE}")
    if negative and number != 0:
        raise ValueError("Nominal tidak boleh negatif.")
    return _whole(number * multiplier, raw)


def format_number(n: float, decimals: int = 0) -> str:
    """A count or figure the Indonesian way: ``12.606``, ``0,2`` (dot groups, comma decimals)."""
    text = f"{n:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_rupiah(n: int) -> str:
    """``Rp 1.500.000`` (negative amounts as ``-Rp 1.500``)."""
    sign = "-" if n < 0 else ""
    return f"{sign}Rp {format_number(abs(n))}"
