"""The NIK (Nomor Induk Kependudukan), the natural key of a BPU member.

16 digits, no checksum: PP (province) KK (regency/city) CC (district) DDMMYY (birth date,
day + 40 for women) SSSS (serial from 0001). The area digits say where the NIK was first
issued, not where the person lives, so unknown district codes are accepted.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .dates import birth_year

# Kemendagri province codes in use; any other first two digits are not a NIK.
PROVINCE_CODES = frozenset(
    [
        *range(11, 20),
        21,
        *range(31, 37),
        *range(51, 54),
        *range(61, 66),
        *range(71, 77),
        81,
        82,
        *range(91, 97),
    ]
)

# Separators people type between digit groups; anything else is not part of a NIK.
_SEPARATED_DIGITS = re.compile(r"[0-9]+(?:[\s.\-]+[0-9]+)*")
_SEPARATORS = re.compile(r"[\s.\-]+")

FLOAT_NIK_MESSAGE = (
    "NIK tersimpan sebagai angka dan digitnya tidak bisa dipercaya; simpan kolom NIK sebagai teks."
)


# The sex a NIK encodes ("L", "P"), as forms and lists name it.
SEX_LABELS = {"L": "Laki-laki", "P": "Perempuan"}


class InvalidNik(ValueError):
    """A NIK that cannot be right; ``str(error)`` is an Indonesian message for the user."""


@dataclass(frozen=True)
class Nik:
    """A valid NIK and what it encodes (build it with ``parse_nik``)."""

    value: str
    birth_date: date
    sex: str  # "L" (laki-laki) or "P" (perempuan)
    province_code: str = field(init=False)
    regency_code: str = field(init=False)
    district_code: str = field(init=False)
    serial: str = field(init=False)

    def __post_init__(self) -> None:
        # Derived from ``value`` so the parts can never disagree with it.
        object.__setattr__(self, "province_code", self.value[:2])
        object.__setattr__(self, "regency_code", self.value[:4])
        object.__setattr__(self, "district_code", self.value[:6])
        object.__setattr__(self, "serial", self.value[12:])

    def age_on(self, d: date) -> int:
        """Age in completed years on ``d`` (someone born 29 Feb ages on 1 Mar)."""
        return age_on(self.birth_date, d)

    def __str__(self) -> str:
        return self.value


def _date_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_nik(text: str, *, today: date | None = None) -> Nik:
    """Read a NIK as typed: spaces, dots and dashes between digits are ignored.

    The two-digit birth year takes the century that puts the birth date in the past
    relative to ``today`` (default: the real today).
    """
    today = today or date.today()
    raw = str(text).strip()
    if not raw:
        raise InvalidNik("NIK wajib diisi.")
    if len(raw) == 16 and raw.isascii() and raw.isdigit():
        digits = raw  # as most cells hold it: no separators to look for
    elif not _SEPARATED_DIGITS.fullmatch(raw):
        raise InvalidNik("NIK hanya boleh berisi angka.")
    else:
        digits = _SEPARATORS.sub("", raw)
    if len(digits) != 16:
        raise InvalidNik(f"NIK harus 16 digit (tertulis {len(digits)}).")
    if int(digits[:2]) not in PROVINCE_CODES:
        raise InvalidNik(f"Kode provinsi {digits[:2]} pada NIK bukan kode provinsi Indonesia.")
    day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    sex = "L"
    if day > 40:
        sex, day = "P", day - 40
    if not 1 <= day <= 31 or not 1 <= month <= 12:
        raise InvalidNik(f"Tanggal lahir pada NIK tidak mungkin ({_shown(digits)}).")
    # 20yy or 19yy, whichever keeps the birth date on or before today (29 Feb 00 is
    # the only date valid in one century and not the other, and 2000 comes first).
    born = _date_or_none(birth_year(yy, month, day, today), month, day)
    if born is None:
        raise InvalidNik(f"Tanggal lahir pada NIK tidak mungkin ({_shown(digits)}).")
    if digits[12:] == "0000":
        raise InvalidNik("Nomor urut NIK (4 digit terakhir) tidak boleh 0000.")
    return Nik(value=digits, birth_date=born, sex=sex)


def _shown(digits: str) -> str:
    return f"{digits[6:8]}-{digits[8:10]}-{digits[10:12]}"


def mask_nik(value: str) -> str:
    """Shorten a NIK on the app's own screens, read by officers who may see it whole:
    ``3372********0001``. Not for anything that leaves the branch: the hidden digits are
    the district and the birth date, which a list often shows beside it (see
    ``share_masked_nik``)."""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


# The region part a NIK shared outside the branch keeps: province, regency, district.
SHARED_NIK_KEPT = 6
SHARED_NIK_RULE = ("NIK disamarkan: hanya 6 digit kode wilayah yang tampil; "
                   "tanggal lahir diganti umur (tahun)")


def share_masked_nik(value: str) -> str:
    """The one masking rule for data that leaves the branch (a "Samarkan NIK" report;
    personal data, UU 27/2022): only the region part stays, ``337201**********``.

    The birth date (DDMMYY, day + 40 for women) and the serial are both hidden, so the
    NIK cannot be rebuilt from a row that shows sex and kecamatan, provided the row does
    not show the birth date either: a masked list shows the age in years instead
    (``age_on``) and says so (``SHARED_NIK_RULE``)."""
    return value[:SHARED_NIK_KEPT] + "*" * max(len(value) - SHARED_NIK_KEPT, 0)


_NIK_IN_TEXT = re.compile(r"(?<!\d)\d{16}(?!\d)")


def share_masked_text(text: str) -> str:
    """Free text (a conflict's description) with every 16-digit run masked as
    ``share_masked_nik`` masks a NIK."""
    return _NIK_IN_TEXT.sub(lambda m: share_masked_nik(m.group()), text)


def age_on(born: date, d: date) -> int:
    """Age in completed years on ``d`` (someone born 29 Feb ages on 1 Mar)."""
    return d.year - born.year - ((d.month, d.day) < (born.month, born.day))


def looks_like_float_nik(x: float) -> bool:
    """True when a spreadsheet number is in the 16-digit range of a NIK."""
    return math.isfinite(x) and 1e15 <= abs(x) < 1e16


def nik_from_cell(value: object) -> str:
    """The NIK text of a spreadsheet cell, refusing numbers whose digits may be wrong.

    The rule for numeric cells, and why:

    * An ``int`` (or an integral ``Decimal``) holds every digit exactly: use its digits.
    * A ``float`` is an IEEE double. At 2**53 (about 9.007e15) and above, not every whole
      number can be stored, so a 16-digit NIK from province 91-96 may already be off by
      one or more: refuse it. A float with a fraction is no NIK: refuse it.
    * Below 2**53 the double is exact, but Excel keeps only 15 significant digits of what
      people type: the 16th digit of a NIK typed into a number cell is silently stored as
      0. So a float whose last digit is 0 may be a truncated NIK (it cannot be told apart
      from a real serial ending in 0): refuse it too. A float whose last digit is not 0
      cannot come from that truncation (it was written by a program with all digits),
      so its digits are trusted.

    Refusing asks the user to store the NIK column as text, which is always safe.
    Anything else is turned into stripped text for ``parse_nik`` to judge.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        raise InvalidNik("NIK hanya boleh berisi angka.")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise InvalidNik(FLOAT_NIK_MESSAGE)
        return str(int(value))
    if isinstance(value, float):
        if not value.is_integer() or abs(value) >= 2**53:
            raise InvalidNik(FLOAT_NIK_MESSAGE)
        digits = str(int(value))
        if len(digits) >= 16 and digits.endswith("0"):
            raise InvalidNik(FLOAT_NIK_MESSAGE)
        return digits
    return str(value).strip()
