"""Validation of one whole enrolment, as typed in the form or read from an Excel row.

Every field is checked and every problem reported at once, keyed by field name, so the
form can show each message next to its field and the import report can list them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Generic, TypeVar

from .contributions import (
    ADVANCE_MONTHS,
    FUNDING_SOURCES,
    AdvancePayment,
    advance_payment,
)
from .dates import format_date, parse_date
from .money import format_rupiah, parse_rupiah
from .months import add_months, month_label, month_start, months_between, parse_month
from .nik import Nik, nik_from_cell, parse_nik
from .phone import normalize_phone, phone_given
from .reference import Rates
from .regions import (
    Kecamatan,
    find_kecamatan,
    kecamatan_key,
    kecamatan_listing_village,
    village_key,
    village_list_complete,
    village_name,
)
from .segments import Segment, segment_matches

FIELD_LABELS = {
    "nik": "NIK",
    "name": "Nama",
    "phone": "Nomor HP",
    "kecamatan": "Kecamatan",
    "kelurahan": "Kelurahan/Desa",
    "address": "Alamat",
    "segment": "Pekerjaan",
    "income": "Penghasilan per bulan",
    "with_jht": "Ikut JHT",
    "funding": "Sumber dana",
    "months_paid": "Bulan dibayar",
    "start_month": "Mulai bulan",
    "enrolled_on": "Tanggal daftar",
    "kpj": "Nomor KPJ",
    "event_id": "Kegiatan",
    "sponsorship_id": "Sponsor",
    "birth_date": "Tanggal lahir",
    "sex": "Jenis kelamin",
}

MAX_NAME = 100
MAX_ADDRESS = 200
MAX_START_AHEAD_MONTHS = 12

_FUNDING_ALIASES = {"csr": "sponsor", "sponsor": "sponsor", "pemda": "apbd"}
_YES = frozenset({"ya", "y", "yes", "true", "1", "v", "x", "iya", "ikut"})
_NO = frozenset({"", "tidak", "t", "no", "n", "false", "0", "tdk", "-"})
_NAME_ALLOWED = re.compile(r"[^\W\d_]|[\s.,'`\-]")
# One search instead of a fullmatch per character (an import checks 100,000 names).
_NAME_ODD = re.compile(r"(?![^\W\d_])(?![\s.,'`\-]).", re.DOTALL)
_WORD_START = re.compile(r"(^|[\s\-.])(\w)")
_KPJ_SEPARATORS = re.compile(r"[\s.\-]+")
# A phone is optional (partners' lists often have none, some elderly workers own none),
# but the officer should know what it costs.
NO_PHONE_WARNING = "Tanpa nomor HP: peserta sulit dihubungi bila iurannya menunggak."


@dataclass(frozen=True)
class EnrolmentInput:
    """Raw values as typed or read from a spreadsheet cell (numbers allowed where Excel
    gives them); nothing here is trusted yet."""

    nik: str | int | float
    name: str
    phone: str | int | float
    kecamatan: str
    kelurahan: str
    address: str
    segment: str
    income: str | int | float | Decimal
    with_jht: bool | str
    funding: str
    months_paid: int | str | float
    start_month: date | str
    enrolled_on: date | str
    kpj: str | int | float = ""
    event_id: str | None = None
    sponsorship_id: str | None = None
    # Only checked against what the NIK encodes (an import's extra columns); never stored.
    birth_date: date | str | None = None
    sex: str = ""


@dataclass(frozen=True)
class CleanEnrolment:
    """A valid enrolment with every value parsed, ready for the store."""

    nik: Nik
    name: str
    phone: str
    kecamatan_code: str
    kelurahan: str
    address: str
    segment: str
    sector: str
    income: int
    with_jht: bool
    funding: str
    months_paid: int
    start_month: date
    enrolled_on: date
    kpj: str | None
    event_id: str | None
    sponsorship_id: str | None
    contribution: AdvancePayment

    @property
    def paid_until(self) -> date:
        """The last month covered by the first payment."""
        return add_months(self.start_month, self.months_paid - 1)


@dataclass(frozen=True)
class ValidationResult:
    errors: dict[str, str]
    value: CleanEnrolment | None
    warnings: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class DetailsUpdate:
    """What an import writes over an enrolled member (told to the user by
    `excel_import.UPDATE_EXISTING`): None keeps the
    member's value (a blank cell, or no such column). Kecamatan and kelurahan come together
    or not at all. `enrolment`: the whole row when it passed the enrolment rules too (for a
    member who has no enrolment yet)."""

    nik: str
    name: str
    phone: str | None = None
    address: str | None = None
    kpj: str | None = None
    kecamatan_code: str | None = None
    kelurahan: str | None = None
    enrolment: CleanEnrolment | None = None

    @classmethod
    def from_clean(cls, clean: CleanEnrolment) -> DetailsUpdate:
        return cls(nik=clean.nik.value, name=clean.name, phone=clean.phone or None,
                   address=clean.address or None, kpj=clean.kpj or None,
                   kecamatan_code=clean.kecamatan_code or None,
                   kelurahan=clean.kelurahan or None, enrolment=clean)


@dataclass(frozen=True)
class UpdateCheck:
    """`EnrolmentRules.validate_update`: the row's NIK when it reads as one (to look up),
    the errors of what an update writes, and the update when there are none."""

    nik: str | None
    errors: dict[str, str]
    value: DetailsUpdate | None


_T = TypeVar("_T")
_new_object = object.__new__
_set_attribute = object.__setattr__


def frozen_from_fields(cls: type[_T], values: dict[str, Any], *, kept: bool = False) -> _T:
    """An instance of the frozen dataclass `cls` holding `values`, which must name every
    field and nothing else: the same object the generated ``__init__`` makes (equal, same
    hash and repr, still frozen) for these classes without ``__post_init__``, at a third
    of the cost (that ``__init__`` sets each field through ``object.__setattr__``: ~3 us
    for 18 fields, 100,000 times per import, twice per row).

    `values` becomes the instance's dict; for an instance `kept` in the 100,000s (an
    import plan's rows) the values are added one by one instead, so it keeps the class's
    shared key table: half the memory, for a little more time."""
    obj = _new_object(cls)
    if kept:
        obj.__dict__.update(values.items())
    else:
        _set_attribute(obj, "__dict__", values)
    return obj


def _text(value: object) -> str:
    """Cell or field value as text with whitespace collapsed (None is empty)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


# Degrees written after a name without dots, kept in capitals in a mixed-case name
# ("Budi Santoso SH"); with dots ("S.Pd", "H.") a word is kept as typed anyway.
_DEGREES = frozenset({"SH", "SE", "ST", "SS", "SP", "MM", "MH", "MT", "SKM", "AMD"})


def _capitalised(text: str) -> str:
    """Each word and each part after a dash or dot: first letter capital, rest small."""
    return _WORD_START.sub(lambda m: m[1] + m[2].upper(), text.lower())


def _name_word(word: str) -> str:
    """One word of a mixed-case name: an abbreviation (with a dot: "H.", "S.Pd", "dr."), a
    degree (`_DEGREES`) or a word with inner capitals between small letters ("McKenzie")
    is kept as typed; any other word ("AMINAH", "santoso", "sITI", "Nur'AINI") is
    capitalised."""
    if "." in word or word in _DEGREES:
        return word
    letters = [c for c in word if c.isalpha()]
    if (len(letters) > 2 and letters[0].isupper() and letters[1].islower()
            and letters[-1].islower()):  # McKenzie, DeWitt; not Nur'AINI, NUr
        return word
    return _capitalised(word)


def clean_name(text: str) -> str:
    """Collapse whitespace and capitalise: a name typed ALL IN CAPITALS (as on the KTP)
    or all in lower case becomes Capitalised word by word; in a mixed-case name
    ("siti AMINAH", "BUDI santoso") each word is (`_name_word`: "dr. Rina S.Pd",
    "Dewi McKenzie" and "Budi Santoso SH" stay as typed)."""
    name = " ".join(text.split())
    if name.isupper() or name.islower():
        return _capitalised(name)
    if name.istitle():  # most names: nothing to change, one test
        return name
    return " ".join(map(_name_word, name.split(" ")))


def _check_name(text: str) -> str:
    name = clean_name(text)
    if not name:
        raise ValueError("Nama wajib diisi.")
    if any(map(str.isdigit, name)):
        raise ValueError("Nama tidak boleh berisi angka.")
    odd = _NAME_ODD.search(name)  # the first character _NAME_ALLOWED does not match
    if odd:
        raise ValueError(f"Nama berisi tanda yang tidak lazim: '{odd[0]}'.")
    if not any(map(str.isalpha, name)):
        raise ValueError("Nama wajib diisi.")
    if len(name) < 2:
        raise ValueError("Nama terlalu pendek.")
    if len(name) > MAX_NAME:
        raise ValueError(f"Nama terlalu panjang (maksimal {MAX_NAME} huruf).")
    return name


def _check_phone(value: str | int | float) -> str:
    """The canonical number, or '' when none is given (blank, or "-" as lists write it):
    allowed, with `NO_PHONE_WARNING`. A number given but malformed is an error."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A number cell has lost the leading 0 of "0812...": put it back.
        text = _text(value)
        return normalize_phone("0" + text if text.startswith("8") else text)
    text = _text(value)
    return normalize_phone(text) if phone_given(text) else ""


def _check_with_jht(value: bool | str) -> bool:
    if isinstance(value, bool):
        return value
    key = _text(value).casefold()
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise ValueError("Ikut JHT harus Ya atau Tidak.")


def _check_funding(value: str) -> str:
    key = _text(value).casefold()
    if not key:
        raise ValueError("Sumber dana wajib diisi.")
    for code, label in FUNDING_SOURCES.items():
        if key in (code, label.casefold()):
            return code
    if key in _FUNDING_ALIASES:
        return _FUNDING_ALIASES[key]
    choices = ", ".join(FUNDING_SOURCES.values())
    raise ValueError(f"Sumber dana '{_text(value)}' tidak dikenal (pilih {choices}).")


def _check_months_paid(value: int | str | float) -> int:
    text = _text(value).casefold().removesuffix("bulan").strip()
    if text.isascii() and text.isdigit() and int(text) in ADVANCE_MONTHS:
        return int(text)
    raise ValueError("Bulan dibayar harus 1, 3, 6 atau 12.")


def _check_start_month(value: date | str) -> date:
    if isinstance(value, date):
        return month_start(value)
    text = _text(value)
    if not text:
        raise ValueError("Bulan mulai wajib diisi.")
    try:
        return parse_month(text)
    except ValueError:
        try:  # a whole date such as 01/03/2026 names its month too
            return month_start(parse_date(text))
        except ValueError:
            pass
        raise


def _check_kpj(value: str | int | float) -> str | None:
    text = _KPJ_SEPARATORS.sub("", _text(value))
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):
        raise ValueError("Nomor KPJ hanya boleh berisi angka.")
    if len(text) != 11:
        raise ValueError(f"Nomor KPJ harus 11 digit (tertulis {len(text)}).")
    return text


Elsewhere = Sequence[tuple[Kecamatan, str]]  # kecamatan listing a village, name as listed


def _where(elsewhere: Elsewhere) -> tuple[str, str]:
    """The village's name as listed and "Laweyan" (or "Laweyan atau Jebres")."""
    return elsewhere[0][1], " atau ".join(k.name for k, _name in elsewhere)


def misplaced_village(kecamatan: Kecamatan, elsewhere: Elsewhere) -> str:
    """A village of a complete list (Solo) typed under the wrong kecamatan: where it is.
    ``Kerten ada di Kecamatan Laweyan, bukan Jebres.``"""
    name, where = _where(elsewhere)
    return f"{name} ada di Kecamatan {where}, bukan {kecamatan.name}."


def village_listed_elsewhere(elsewhere: Elsewhere) -> str:
    """A desa typed under one Wonogiri kecamatan but listed under another (desa names do
    repeat, so it may still be added): ``“Jaten” sudah ada di daftar Kecamatan Selogiri.``"""
    name, where = _where(elsewhere)
    return f"“{name}” sudah ada di daftar Kecamatan {where}."


def _squeezed(key: str) -> str:
    return key.replace(" ", "").replace("-", "")


def villages_near(a: str, b: str) -> bool:
    """Two village keys (`village_key`) that are most likely one village mistyped: the
    same but for spaces or dashes, or one letter apart (one added, dropped, changed, or
    two swapped)."""
    a, b = _squeezed(a), _squeezed(b)
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):  # one letter more in b
        return a[i:] == b[i + 1:]
    return (a[i + 1:] == b[i + 1:]  # one changed
            or (i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
                and a[i + 2:] == b[i + 2:]))  # two swapped


def likely_village(typed: str, names: Iterable[str]) -> str | None:
    """The first of `names` that `typed` is most likely a typo of (`villages_near`)."""
    key = village_key(typed)
    return next((name for name in names if villages_near(key, village_key(name))), None)


def unknown_kecamatan(typed: str, among: Sequence[Kecamatan]) -> str:
    """A kecamatan not found (`find_kecamatan`): the message, with the one it most likely
    means when it is a letter off (`villages_near`, the kelurahan's rule)."""
    key = kecamatan_key(typed)
    likely = next((k.name for k in among if villages_near(key, kecamatan_key(k.name))), None)
    hint = f"; mungkin maksudnya '{likely}'?" if likely else "."
    return f"Kecamatan '{typed}' tidak dikenal{hint}"


def village_typo(typed: str, kecamatan: Kecamatan, likely: str) -> str:
    """A typed village refused as a likely typo of `likely`, listed in `kecamatan`: the
    name it most likely means. Solo's list is complete (nothing to add); a Wonogiri desa
    may really be another one, to be added first."""
    name = village_name(typed)
    if village_list_complete(kecamatan.code):
        return (f"Kelurahan '{name}' tidak ada di Kecamatan {kecamatan.name}; "
                f"mungkin maksudnya '{likely}'? Perbaiki ejaannya.")
    return (f"Desa '{name}' belum terdaftar di Kecamatan {kecamatan.name}; "
            f"mungkin maksudnya '{likely}'? Perbaiki ejaannya (bila memang desa lain, "
            "tambahkan dulu lewat formulir Pendaftaran).")


def check_village(
    value: str, kecamatan: Kecamatan, kelurahan_by_kecamatan: Mapping[str, Collection[str]],
    among: Sequence[Kecamatan],
) -> str:
    """The kelurahan/desa as listed for `kecamatan`; ValueError with the reason otherwise
    (the enrolment's and the event's one rule: Solo's misplaced kelurahan, a name a letter
    off a listed one, a Wonogiri desa not listed yet)."""
    typed = _text(value)
    if not typed:
        raise ValueError("Kelurahan wajib diisi.")
    known = kelurahan_by_kecamatan.get(kecamatan.code, ())
    key = village_key(typed)
    for name in known:
        if village_key(name) == key:
            return name
    elsewhere = kecamatan_listing_village(typed, kecamatan.code, kelurahan_by_kecamatan, among)
    complete = village_list_complete(kecamatan.code)
    if elsewhere and complete:
        raise ValueError(misplaced_village(kecamatan, elsewhere))
    likely = None if elsewhere else likely_village(typed, known)
    if likely is not None:  # a letter off a listed one: a typo (in Wonogiri a really
        # different desa is added deliberately, at the desk: `village_typo`)
        raise ValueError(village_typo(typed, kecamatan, likely))
    also = f" {village_listed_elsewhere(elsewhere)}" if elsewhere else ""
    if not known:
        raise ValueError(
            f"Belum ada kelurahan/desa terdaftar di Kecamatan {kecamatan.name}; "
            f"desa yang diketik ditambahkan ke daftar saat disimpan.{also}"
        )
    raise ValueError(f"Kelurahan tidak ada di Kecamatan {kecamatan.name}.{also}")


def new_village(typed: str, kecamatan_code: str,
                kelurahan_by_kecamatan: Mapping[str, Collection[str]]) -> str | None:
    """The typed desa as it would be listed, when it is not listed yet for the kecamatan
    and may be added (a Wonogiri kecamatan: Solo's list is complete)."""
    name = village_name(typed)
    if not kecamatan_code or not name or village_list_complete(kecamatan_code):
        return None
    known = {village_key(k) for k in kelurahan_by_kecamatan.get(kecamatan_code, ())}
    return None if village_key(name) in known else name


@dataclass(frozen=True)
class VillageQuestion:
    """What the officer is asked before a new desa is added to the list (the desk's and
    the event form's one question). `likely`: a listed desa it is a letter off; the add
    button then says deliberately that it is another desa."""

    text: str
    ok_label: str
    likely: str | None


def new_village_question(
    village: str, kecamatan: Kecamatan, kecamatan_label: str,
    kelurahan_by_kecamatan: Mapping[str, Collection[str]], among: Sequence[Kecamatan],
    saving: str,
) -> VillageQuestion:
    """`saving`: what is saved with the desa ("peserta ini", "kegiatan ini")."""
    elsewhere = kecamatan_listing_village(village, kecamatan.code, kelurahan_by_kecamatan,
                                          among)
    likely = (None if elsewhere
              else likely_village(village, kelurahan_by_kecamatan.get(kecamatan.code, ())))
    if likely is not None:
        return VillageQuestion(
            f"“{village}” belum ada di daftar Kecamatan {kecamatan_label}; "
            f"mungkin maksudnya “{likely}”?\n"
            f"Bila memang desa lain, tambahkan ke daftar dan simpan {saving}.",
            "Desa lain, tambahkan", likely)
    also = village_listed_elsewhere(elsewhere) + "\n" if elsewhere else ""
    return VillageQuestion(
        f"“{village}” belum ada di daftar Kecamatan {kecamatan_label}.\n{also}"
        f"Tambahkan ke daftar dan simpan {saving}?", "Tambahkan", None)


_SEXES = {"l": "L", "lk": "L", "laki-laki": "L", "laki laki": "L", "laki": "L", "pria": "L",
          "p": "P", "pr": "P", "perempuan": "P", "wanita": "P"}


@dataclass(frozen=True)
class IncomeCheck:
    """One declared income checked alone, so the form can answer while the officer types."""

    value: int | None
    error: str = ""
    warning: str = ""


def check_income(value: str | int | float | Decimal | None, rates: Rates) -> IncomeCheck:
    """Parse a declared monthly income: an error when it is missing or not above Rp 0, a
    warning when it is below the lowest JKK bracket or far above what BPU members declare
    (more than the top bracket's nominal: most likely a zero too many)."""
    if value is None or not _text(value):
        return IncomeCheck(None, "Penghasilan wajib diisi.")
    try:
        income = parse_rupiah(value)
    except ValueError as error:  # "Nominal ..." from parse_rupiah names this field instead
        message = str(error)
        if message.startswith("Nominal "):
            message = "Penghasilan " + message.removeprefix("Nominal ")
        return IncomeCheck(None, message)
    if income <= 0:
        return IncomeCheck(None, "Penghasilan harus lebih dari Rp 0.")
    floor = rates.minimum_income
    ceiling = rates.jkk_brackets[-1].nominal
    if income < floor:
        return IncomeCheck(income, warning=(
            f"Penghasilan di bawah {format_rupiah(floor)}; "
            f"iuran JKK dan JHT tetap dihitung dari {format_rupiah(floor)}."
        ))
    if income > ceiling:
        return IncomeCheck(income, warning=(
            f"Penghasilan {format_rupiah(income)} per bulan — periksa lagi jumlah nolnya."
        ))
    return IncomeCheck(income)


@dataclass(frozen=True)
class StartMonthCheck:
    """The start month against the enrolment date: an error refuses the enrolment, a
    warning is a note for the officer."""

    error: str = ""
    warning: str = ""


def check_start_month(start_month: date, enrolled_on: date, rates: Rates) -> StartMonthCheck:
    """The first month paid for may be up to `MAX_START_AHEAD_MONTHS` after the enrolment
    month, and at most N-1 months before it, N being the unpaid months that make a
    membership inactive (`rates.inactive_after_unpaid_months`, 3): a start further back
    would make a new member inactive on the day of enrolment and charge past months'
    rates. A start 1 to N-1 months back is allowed with a note (paperwork handed in late)."""
    start = month_start(start_month)
    ahead = months_between(enrolled_on, start)
    if ahead > MAX_START_AHEAD_MONTHS:
        return StartMonthCheck(
            error=f"Bulan mulai paling lambat {MAX_START_AHEAD_MONTHS} bulan setelah tanggal daftar.")
    if ahead >= 0:
        return StartMonthCheck()
    lapse = rates.inactive_after_unpaid_months
    most_back = lapse - 1
    if -ahead > most_back:
        earliest = add_months(month_start(enrolled_on), -most_back)
        before = f"{most_back} bulan sebelum bulan daftar" if most_back else "bulan daftar"
        return StartMonthCheck(error=(
            f"Bulan mulai paling awal {month_label(earliest)}, {before} "
            f"(tunggakan {lapse} bulan membuat kepesertaan nonaktif)."))
    return StartMonthCheck(
        warning=f"Bulan mulai ({month_label(start)}) lebih awal dari bulan pendaftaran.")


# How many distinct raw values of one field an `EnrolmentRules` remembers. An import repeats
# the same few kecamatan, kelurahan, occupations and dates thousands of times; a column of
# unique values (a typed KPJ) stops being remembered once the limit is reached.
MEMO_LIMIT = 4096
V = TypeVar("V")
_EXACT_KEYS = frozenset({str, int, bool, date, type(None)})


class _Memo(Generic[V]):
    """One field check's outcomes (value or the Indonesian message) by raw cell value.

    Only for checks that are pure functions of that value and the rules object's fixed
    reference data. Values of the same class that compare equal but read differently
    (``1.50`` and ``1.5`` as Decimal, ``-0.0`` and ``0.0``) are keyed by their repr, so a
    message quoting the typed value is never borrowed from another spelling.
    """

    __slots__ = ("check", "outcomes")

    def __init__(self, check: Callable[[Any], V]) -> None:
        self.check = check
        self.outcomes: dict[object, tuple[V | None, str | None]] = {}

    def __call__(self, value: object) -> tuple[V | None, str | None]:
        cls = value.__class__
        key = (cls, value) if cls in _EXACT_KEYS else (cls, repr(value))
        found = self.outcomes.get(key)
        if found is None:
            try:
                found = (self.check(value), None)
            except ValueError as error:
                found = (None, str(error))
            if len(self.outcomes) < MEMO_LIMIT:
                self.outcomes[key] = found
        return found


# Error keys in the order `validate` reports them (the form lists them in this order).
_ERROR_ORDER = ("enrolled_on", "nik", "birth_date", "sex", "name", "phone", "kecamatan",
                "kelurahan", "address", "segment", "income", "with_jht", "funding",
                "months_paid", "start_month", "kpj")


class _Shared:
    """What the fields an import repeats row after row give (see `_shared_part`): their
    errors and warnings, else their clean values and the contribution they make."""

    __slots__ = (
        "contribution",
        "contribution_error",
        "enrolled_on",
        "errors",
        "event_id",
        "funding",
        "income",
        "kecamatan_code",
        "kelurahan",
        "months_paid",
        "sector",
        "segment_code",
        "sponsorship_id",
        "start_month",
        "warnings",
        "with_jht",
    )

    def __init__(self, errors: dict[str, str], warnings: dict[str, str],
                 enrolled_on: date | None, kecamatan_code: str, kelurahan: str,
                 segment_code: str, sector: str, income: int, with_jht: bool, funding: str,
                 months_paid: int, start_month: date | None, event_id: str | None,
                 sponsorship_id: str | None) -> None:
        self.errors = errors
        self.warnings = warnings
        self.enrolled_on = enrolled_on
        self.kecamatan_code = kecamatan_code
        self.kelurahan = kelurahan
        self.segment_code = segment_code
        self.sector = sector
        self.income = income
        self.with_jht = with_jht
        self.funding = funding
        self.months_paid = months_paid
        self.start_month = start_month
        self.event_id = event_id
        self.sponsorship_id = sponsorship_id
        self.contribution: AdvancePayment | None = None
        self.contribution_error = ""


class EnrolmentRules:
    """`validate_enrolment` with its reference data fixed, for checking many rows.

    Same rules, same messages, same order of errors as one call of `validate_enrolment`
    (which is built on it): only the work that depends on nothing but a repeated cell
    value (kecamatan, kelurahan, occupation, income, dates, payment choices) is done once
    per distinct value, and the contribution once per distinct combination. A row whose
    repeated cells are those of an earlier row takes their outcome in one look-up
    (`_shared_part`); only NIK, name, phone, address, KPJ, birth date and sex are checked
    for each row. Build one per import; the form builds one per check (see
    `validate_enrolment`).
    """

    def __init__(
        self,
        *,
        segments: Sequence[Segment],
        kelurahan_by_kecamatan: Mapping[str, Collection[str]],
        kecamatan: Sequence[Kecamatan],
        rates: Rates,
        today: date,
    ) -> None:
        self.segments = segments
        self.kelurahan_by_kecamatan = kelurahan_by_kecamatan
        self.kecamatan = kecamatan
        self.rates = rates
        self.today = today
        self._enrolled_on = _Memo(self._check_enrolled_on)
        self._birth_date = _Memo(_parse_birth_date)
        self._kecamatan = _Memo(self._find_kecamatan)
        self._segment = _Memo(self._find_segment)
        self._income = _Memo(lambda v: check_income(v, rates))
        self._with_jht = _Memo(_check_with_jht)
        self._funding = _Memo(_check_funding)
        self._months_paid = _Memo(_check_months_paid)
        self._start_month = _Memo(_check_start_month)
        self._kpj = _Memo(_check_kpj)
        self._kelurahan: dict[Kecamatan, _Memo[str]] = {}
        self._contributions: dict[tuple[int, date, int, str, str, bool], AdvancePayment] = {}
        self._shared: dict[tuple[tuple[object, ...], tuple[type, ...]], _Shared] = {}
        self._by_repr: dict[tuple[type, ...], tuple[int, ...]] = {}

    # -- pure per-value checks (remembered) --------------------------------------------
    def _check_enrolled_on(self, value: Any) -> date:
        enrolled_on = parse_date(value or "")
        if enrolled_on > self.today:
            raise ValueError("Tanggal daftar tidak boleh setelah hari ini.")
        return enrolled_on

    def _find_kecamatan(self, value: object) -> Kecamatan:
        text = _text(value)
        if not text:
            raise ValueError("Kecamatan wajib diisi.")
        kec = find_kecamatan(text, among=self.kecamatan)
        if kec is None:
            raise ValueError(unknown_kecamatan(text, self.kecamatan))
        return kec

    def _find_segment(self, value: object) -> Segment:
        text = _text(value)
        if not text:
            raise ValueError("Pekerjaan wajib diisi.")
        found = segment_matches(text, self.segments)
        if len(found) > 1:
            raise ValueError(f"Pekerjaan '{text}' bisa berarti beberapa pekerjaan: "
                             f"{', '.join(s.name for s in found)}. Tulis lebih lengkap.")
        if not found:
            raise ValueError(f"Pekerjaan '{text}' tidak dikenal.")
        return found[0]

    def _check_kelurahan(self, value: object, kec: Kecamatan) -> tuple[str | None, str | None]:
        memo = self._kelurahan.get(kec)
        if memo is None:
            memo = self._kelurahan[kec] = _Memo(
                lambda v: check_village(v, kec, self.kelurahan_by_kecamatan,
                                           self.kecamatan))
        return memo(value)

    def _contribution(self, income: int, start_month: date, months: int, sector: str,
                      funding: str, with_jht: bool) -> AdvancePayment:
        key = (income, start_month, months, sector, funding, with_jht)
        found = self._contributions.get(key)
        if found is None:
            found = advance_payment(income, start_month, months, sector, funding, with_jht,
                                    self.rates)
            if len(self._contributions) < MEMO_LIMIT:
                self._contributions[key] = found
        return found

    # -- one row ------------------------------------------------------------------------
    def validate(self, raw: EnrolmentInput) -> ValidationResult:
        """Check every field of ``raw``; ``value`` is set only when there are no errors."""
        shared = self._shared_part(raw)
        errors: dict[str, str] = {}
        today = self.today
        enrolled_on = shared.enrolled_on

        nik: Nik | None = None
        try:
            nik = parse_nik(nik_from_cell(raw.nik), today=today)
        except ValueError as exc:
            errors["nik"] = str(exc)
        if nik is not None:
            rates = self.rates
            age = nik.age_on(enrolled_on or today)
            if age > rates.max_registration_age:
                errors["nik"] = (
                    f"Umur {age} tahun melebihi batas pendaftaran {rates.max_registration_age} tahun."
                )
            elif age < rates.min_registration_age:
                errors["nik"] = (
                    f"Umur {age} tahun di bawah batas pendaftaran {rates.min_registration_age} tahun."
                )
            if raw.birth_date is not None or raw.sex != "":
                self._check_against_nik(raw, nik, errors)


        name, phone, address, kpj = self._person(raw, errors)

        warnings = {"phone": NO_PHONE_WARNING} if phone == "" else {}
        if shared.warnings:
            warnings.update(shared.warnings)
        if shared.errors:  # both kinds, in the order the form lists them
            return ValidationResult(errors={
                f: shared.errors[f] if f in shared.errors else errors[f]
                for f in _ERROR_ORDER if f in shared.errors or f in errors
            }, value=None, warnings=warnings)
        if errors:
            return ValidationResult(errors=errors, value=None, warnings=warnings)
        if shared.contribution is None:  # e.g. a segment edited to an unknown sector
            return ValidationResult(errors={"segment": shared.contribution_error},
                                    value=None, warnings=warnings)
        assert nik is not None and name is not None and phone is not None
        value = frozen_from_fields(CleanEnrolment, {
            "nik": nik,
            "name": name,
            "phone": phone,
            "kecamatan_code": shared.kecamatan_code,
            "kelurahan": shared.kelurahan,
            "address": address,
            "segment": shared.segment_code,
            "sector": shared.sector,
            "income": shared.income,
            "with_jht": shared.with_jht,
            "funding": shared.funding,
            "months_paid": shared.months_paid,
            "start_month": shared.start_month,
            "enrolled_on": enrolled_on,
            "kpj": kpj,
            "event_id": shared.event_id,
            "sponsorship_id": shared.sponsorship_id,
            "contribution": shared.contribution,
        }, kept=True)
        return frozen_from_fields(ValidationResult,
                                  {"errors": errors, "value": value, "warnings": warnings})

    def validate_update(self, raw: EnrolmentInput) -> UpdateCheck:
        """Check only what updating an enrolled member writes (`DetailsUpdate`): the NIK
        (no age limit: the member is enrolled already), name, and phone, address, KPJ,
        kecamatan with kelurahan when given. Asked for the rows `validate` refuses."""
        errors: dict[str, str] = {}
        nik: Nik | None = None
        try:
            nik = parse_nik(nik_from_cell(raw.nik), today=self.today)
        except ValueError as exc:
            errors["nik"] = str(exc)
        if nik is not None and (raw.birth_date is not None or raw.sex != ""):
            self._check_against_nik(raw, nik, errors)
        name, phone, address, kpj = self._person(raw, errors)
        kecamatan_code = kelurahan = None
        if _text(raw.kecamatan) or _text(raw.kelurahan):  # both or neither
            kec, error = self._kecamatan(raw.kecamatan)
            if kec is None:
                errors["kecamatan"] = error or ""
            else:
                kelurahan, error = self._check_kelurahan(raw.kelurahan, kec)
                if error is not None:
                    errors["kelurahan"] = error
                kecamatan_code = kec.code
        found = nik.value if nik is not None else None
        if errors or found is None or name is None:
            return UpdateCheck(found, {f: errors[f] for f in _ERROR_ORDER if f in errors}, None)
        return UpdateCheck(found, errors, DetailsUpdate(
            nik=found, name=name, phone=phone or None, address=address or None, kpj=kpj,
            kecamatan_code=kecamatan_code, kelurahan=kelurahan))

    def _person(self, raw: EnrolmentInput,
                errors: dict[str, str]) -> tuple[str | None, str | None, str, str | None]:
        """Name, phone, address and KPJ checked (an enrolment's and an update's alike);
        their messages go into `errors`, the field is None where refused."""
        name: str | None = None
        try:
            name = _check_name(_text(raw.name))
        except ValueError as exc:
            errors["name"] = str(exc)
        phone: str | None = None
        try:
            phone = _check_phone(raw.phone)
        except ValueError as exc:
            errors["phone"] = str(exc)
        address = _text(raw.address)
        if len(address) > MAX_ADDRESS:
            errors["address"] = f"Alamat terlalu panjang (maksimal {MAX_ADDRESS} huruf)."
        kpj, error = self._kpj(raw.kpj)
        if error is not None:
            errors["kpj"] = error
        return name, phone, address, kpj

    def _shared_part(self, raw: EnrolmentInput) -> _Shared:
        """The outcome of the fields an import repeats from row to row, looked up by their
        raw values (with their classes: ``1`` is not ``True``, ``"1"`` is not ``1``), so a
        row costs one look-up for them. Values of other classes (float, Decimal, datetime)
        are keyed by their repr, as in `_Memo`: ``-0.0`` is not ``0.0``."""
        values: tuple[object, ...] = (raw.enrolled_on, raw.kecamatan, raw.kelurahan, raw.segment, raw.income,
                  raw.with_jht, raw.funding, raw.months_paid, raw.start_month, raw.event_id,
                  raw.sponsorship_id)
        kinds = tuple(map(type, values))
        by_repr = self._by_repr.get(kinds)
        if by_repr is None:
            by_repr = self._by_repr[kinds] = tuple(
                i for i, k in enumerate(kinds) if k not in _EXACT_KEYS)
        if by_repr:  # e.g. a number cell: calamine gives floats
            listed = list(values)
            for i in by_repr:
                listed[i] = repr(listed[i])
            values = tuple(listed)
        key = (values, kinds)
        shared = self._shared.get(key)
        if shared is None:
            shared = self._check_shared(raw)
            if len(self._shared) < MEMO_LIMIT:
                self._shared[key] = shared
        return shared

    def _check_shared(self, raw: EnrolmentInput) -> _Shared:
        errors: dict[str, str] = {}
        warnings: dict[str, str] = {}

        enrolled_on, error = self._enrolled_on(raw.enrolled_on)
        if error is not None:
            errors["enrolled_on"] = error

        kec, error = self._kecamatan(raw.kecamatan)
        kelurahan: str | None = None
        if kec is None:
            errors["kecamatan"] = error or ""
            if not _text(raw.kelurahan):
                errors["kelurahan"] = "Kelurahan wajib diisi."
        else:
            kelurahan, error = self._check_kelurahan(raw.kelurahan, kec)
            if error is not None:
                errors["kelurahan"] = error

        segment, error = self._segment(raw.segment)
        if error is not None:
            errors["segment"] = error

        income_check = self._income(raw.income)[0]
        assert income_check is not None  # check_income answers, it does not raise
        income = income_check.value
        if income_check.error:
            errors["income"] = income_check.error
        if income_check.warning:
            warnings["income"] = income_check.warning

        with_jht, error = self._with_jht(raw.with_jht)
        if error is not None:
            errors["with_jht"] = error
        funding, error = self._funding(raw.funding)
        if error is not None:
            errors["funding"] = error
        months_paid, error = self._months_paid(raw.months_paid)
        if error is not None:
            errors["months_paid"] = error
        start_month, error = self._start_month(raw.start_month)
        if start_month is None:
            errors["start_month"] = error or ""
        elif enrolled_on is not None:
            start_check = check_start_month(start_month, enrolled_on, self.rates)
            if start_check.error:
                errors["start_month"] = start_check.error
            elif start_check.warning:
                warnings["start_month"] = start_check.warning

        event_id = _text(raw.event_id) or None
        sponsorship_id = _text(raw.sponsorship_id) or None
        if funding == "sponsor" and sponsorship_id is None:
            warnings["sponsorship_id"] = "Sumber dana Sponsor/CSR, tetapi sponsornya belum dipilih."

        shared = _Shared(errors, warnings, enrolled_on, kec.code if kec else "", kelurahan or "",
                         segment.code if segment else "", segment.sector if segment else "",
                         income or 0, bool(with_jht), funding or "", months_paid or 0,
                         start_month, event_id, sponsorship_id)
        if not errors:
            assert segment is not None and income is not None
            assert with_jht is not None and funding is not None
            assert months_paid is not None and start_month is not None
            try:
                shared.contribution = self._contribution(
                    income, start_month, months_paid, segment.sector, funding, with_jht
                )
            except ValueError as exc:
                shared.contribution_error = str(exc)
        return shared

    def _check_against_nik(self, raw: EnrolmentInput, nik: Nik, errors: dict[str, str]) -> None:
        """A birth date or sex given next to the NIK must agree with what the NIK encodes:
        when they differ, one of them was typed wrong, and only a person can tell which."""
        if raw.birth_date is not None and _text(raw.birth_date):
            typed, error = self._birth_date(raw.birth_date)
            if typed is None:
                errors["birth_date"] = error or ""
            elif typed != nik.birth_date:
                errors["birth_date"] = (
                    f"Tanggal lahir di kolom ({format_date(typed)}) berbeda dengan tanggal "
                    f"lahir di NIK ({format_date(nik.birth_date)}); periksa NIK."
                )
        if _text(raw.sex):
            sex = _SEXES.get(_text(raw.sex).casefold())
            if sex is None:
                errors["sex"] = f"Jenis kelamin '{_text(raw.sex)}' tidak dikenal (isi L atau P)."
            elif sex != nik.sex:
                errors["sex"] = (
                    f"Jenis kelamin di kolom ({sex}) berbeda dengan jenis kelamin di NIK "
                    f"({nik.sex}); periksa NIK."
                )


def _parse_birth_date(value: object) -> date:
    return parse_date(value if isinstance(value, date) else _text(value))


def validate_enrolment(
    raw: EnrolmentInput,
    *,
    segments: Sequence[Segment],
    kelurahan_by_kecamatan: Mapping[str, Collection[str]],
    kecamatan: Sequence[Kecamatan],
    rates: Rates,
    today: date,
) -> ValidationResult:
    """Check every field of ``raw``; ``value`` is set only when there are no errors.

    Many rows against the same reference data: build one `EnrolmentRules` and call its
    `validate` (the same rules, with repeated values checked once).
    """
    return EnrolmentRules(
        segments=segments, kelurahan_by_kecamatan=kelurahan_by_kecamatan,
        kecamatan=kecamatan, rates=rates, today=today,
    ).validate(raw)
