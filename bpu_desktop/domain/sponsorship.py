"""Sponsors paying the contributions of BPU workers (CSR, BUMN, zakat bodies, local
government), and the rules of a sponsorship: months covered, amounts, progress, renewal.

Amounts are never typed: they come from ``contributions.monthly_contribution`` for each
month covered, so a sponsorship that straddles the end of the PP 50/2025 window is cut only
for the months inside it, and a government budget never gets the cut.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .contributions import Contribution, monthly_contribution
from .months import add_months, month_label, month_start, months_between
from .phone import normalize_phone, phone_given
from .reference import Rates
from .regions import area_codes, is_city_code

SPONSOR_TYPES = {
    "swasta": "Perusahaan swasta/CSR",
    "bumn": "BUMN/BUMD",
    "perorangan": "Perorangan",
    "zakat": "Lembaga zakat/filantropi",
    "pemda": "Pemerintah daerah",
}

PACKAGES = {
    "jkk_jkm": "JKK + JKM",
    "jkk_jkm_jht": "JKK + JKM + JHT",
}

# Who pays: a subset of contributions.FUNDING_SOURCES ("self" makes no sense here).
SPONSORSHIP_FUNDING = {
    "sponsor": "Sponsor/CSR",
    "apbd": "APBD",
    "apbn": "APBN",
}

DEFAULT_PLEDGE = 10  # the Banjarsari pilot: each company protects about 10 workers
# The declared income a sponsorship pays on: the minimum bracket (Rp 16,800 JKK+JKM),
# as in GN Lingkaran. Editable per sponsorship.
DEFAULT_INCOME = 1_000_000
DEFAULT_SECTOR = "non_transport"
MAX_MONTHS = 12
RENEWAL_WINDOW_DAYS = 30


def default_funding(sponsor_type: str) -> str:
    """A local government pays from its budget (APBD): no PP 50/2025 cut."""
    return "apbd" if sponsor_type == "pemda" else "sponsor"


def with_jht(package: str) -> bool:
    if package not in PACKAGES:
        raise ValueError(f"Paket tidak dikenal: '{package}'.")
    return package == "jkk_jkm_jht"


def sponsorship_label(sponsor_name: str, start: date, end: date) -> str:
    """How a pledge is named wherever it is referred to (lists, filters, conflicts)."""
    return f"{sponsor_name} ({month_label(start)} - {month_label(end)})"


def months_covered(start: date, end: date) -> int:
    """Number of months from start to end, both included; 1 to 12 or a ValueError."""
    count = months_between(start, end) + 1
    if count < 1:
        raise ValueError("Bulan akhir tidak boleh sebelum bulan mulai.")
    if count > MAX_MONTHS:
        raise ValueError(f"Masa sponsor paling lama {MAX_MONTHS} bulan (tertulis {count}).")
    return count


@dataclass(frozen=True)
class SponsorshipAmounts:
    """Per worker for each month covered, and for the pledged number of workers."""

    per_worker: tuple[Contribution, ...]
    workers: int
    per_worker_total: int
    total: int

    def per_worker_for(self, month: date) -> int:
        """What one worker costs in ``month`` (0 outside the months covered)."""
        wanted = month_start(month)
        return next((c.total for c in self.per_worker if c.month == wanted), 0)

    def per_month_for(self, month: date) -> int:
        return self.per_worker_for(month) * self.workers

    @property
    def first_month_per_worker(self) -> int:
        return self.per_worker[0].total

    @property
    def varies(self) -> bool:
        """True when the monthly amount changes within the period (a discount boundary)."""
        return len({c.total for c in self.per_worker}) > 1


def sponsorship_amounts(
    *,
    income: int,
    start: date,
    end: date,
    package: str,
    funding: str,
    workers: int,
    sector: str = DEFAULT_SECTOR,
    rates: Rates | None = None,
) -> SponsorshipAmounts:
    """Amounts for ``workers`` workers over the months covered, month by month."""
    count = months_covered(start, end)
    if workers < 0:
        raise ValueError("Jumlah pekerja tidak boleh negatif.")
    jht = with_jht(package)
    per_worker = tuple(
        monthly_contribution(income, add_months(start, i), sector, funding, jht, rates)
        for i in range(count)
    )
    per_worker_total = sum(c.total for c in per_worker)
    return SponsorshipAmounts(
        per_worker=per_worker,
        workers=workers,
        per_worker_total=per_worker_total,
        total=per_worker_total * workers,
    )


def last_day(month: date) -> date:
    return add_months(month, 1) - timedelta(days=1)


def months_left(end: date, today: date, start: date | None = None) -> int:
    """Months still to be covered, from today's month (or the start, if later) to the end
    month, both included; 0 once over."""
    first = month_start(today) if start is None else max(month_start(today), month_start(start))
    return max(0, months_between(first, end) + 1)


def renewal_due(end: date, today: date) -> bool:
    """The cover ends within the next 30 days (and has not ended yet): ask to renew."""
    remaining = (last_day(end) - today).days
    return 0 <= remaining <= RENEWAL_WINDOW_DAYS


def is_active(start: date, end: date, today: date) -> bool:
    return month_start(start) <= month_start(today) <= month_start(end)


def progress_percent(assigned: int, pledged: int) -> int:
    """Assigned vs pledged, for the bar (capped at 100; over-pledge is a warning)."""
    if pledged <= 0:
        return 100 if assigned else 0
    return min(100, round(assigned * 100 / pledged))


def warnings(
    *, assigned: int, pledged: int, start: date, end: date, today: date
) -> list[str]:
    """What the officer should act on, in Indonesian."""
    result = []
    if assigned > pledged:
        result.append(
            f"Melebihi janji: {assigned} pekerja ditanggung, janji sponsor {pledged}."
        )
    if renewal_due(end, today):
        days = (last_day(end) - today).days
        result.append(
            f"Sponsor berakhir {month_label(end)} ({days} hari lagi): tawarkan perpanjangan."
        )
    elif today > last_day(end):
        result.append(f"Sponsor sudah berakhir {month_label(end)}.")
    if is_active(start, end, today) and assigned < pledged:
        result.append(f"Kurang {pledged - assigned} pekerja dari janji sponsor.")
    return result


@dataclass(frozen=True)
class Cover:
    """One member's months under one sponsorship (``label``: the sponsor's name)."""

    sponsorship_id: str
    label: str
    start: date
    end: date
    funding: str = "sponsor"  # who pays: SPONSORSHIP_FUNDING


def assignment_cover(
    sponsorship_id: str, sponsor: str, *, assigned: tuple[date, date],
    pledge: tuple[date, date], funding: str = "sponsor",
) -> Cover | None:
    """The months a live assignment is paid for: its own months (from..to) within its
    sponsorship's, since a sponsorship pays for nothing outside them (an assignment merged
    from a laptop that had not seen the pledge shortened still says the old months).
    None when they do not meet."""
    start = max(month_start(assigned[0]), month_start(pledge[0]))
    end = min(month_start(assigned[1]), month_start(pledge[1]))
    if start > end:
        return None
    return Cover(sponsorship_id, sponsor, start, end, funding)


def last_cover(covers: Iterable[Cover]) -> Cover | None:
    """The cover that pays for the worker's last covered month (who to name when it ends)."""
    return max(covers, key=lambda c: (month_start(c.end), month_start(c.start)), default=None)


def overlaps(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    return month_start(a_start) <= month_start(b_end) and month_start(b_start) <= month_start(a_end)


def check_single_sponsor(
    existing: Iterable[Cover], *, sponsorship_id: str, start: date, end: date, member: str
) -> None:
    """A member is paid for by one sponsorship per month: raise ValueError otherwise."""
    for cover in existing:
        if cover.sponsorship_id == sponsorship_id:
            raise ValueError(f"{member} sudah ditanggung sponsor ini.")
        if overlaps(cover.start, cover.end, start, end):
            raise ValueError(
                f"{member} sudah ditanggung {cover.label} untuk "
                f"{month_label(cover.start)} s.d. {month_label(cover.end)}; "
                "satu peserta hanya boleh ditanggung satu sponsor pada bulan yang sama."
            )


# -- form validation ----------------------------------------------------------------------

@dataclass(frozen=True)
class SponsorInput:
    name: str
    type: str
    npp: str = ""
    contact_person: str = ""
    phone: str = ""
    # The sponsor's area: a kecamatan ("33.12.05"), a whole city or regency ("33.12": a
    # government paying for workers across all of Wonogiri) or "" (none). Figures filtered
    # by area place the sponsor by it (`regions.within_area`).
    kecamatan_code: str = ""
    kelurahan: str = ""
    notes: str = ""


def validate_sponsor(raw: SponsorInput) -> tuple[dict[str, str], dict[str, str]]:
    """(errors by field, clean values). Phone optional but, when given, a valid mobile.
    The area is one of the branch's cities or kecamatan, or none; a desa only under a
    kecamatan."""
    errors: dict[str, str] = {}
    area = raw.kecamatan_code.strip()
    kelurahan = " ".join(raw.kelurahan.split())
    if area and area not in area_codes():
        errors["kecamatan"] = "Pilih wilayah sponsor dari daftar."
    elif kelurahan and is_city_code(area):
        errors["kelurahan"] = ("Sponsor untuk seluruh kota/kabupaten tidak berada di satu "
                               "kelurahan/desa: kosongkan isian ini atau pilih kecamatannya.")
    name = " ".join(raw.name.split())
    if not name:
        errors["name"] = "Nama sponsor wajib diisi."
    elif len(name) > 120:
        errors["name"] = "Nama sponsor terlalu panjang (maksimal 120 huruf)."
    if raw.type not in SPONSOR_TYPES:
        errors["type"] = "Pilih jenis sponsor."
    npp = "".join(raw.npp.split())
    if npp and not npp.isalnum():
        errors["npp"] = "NPP hanya boleh berisi angka/huruf."
    phone = ""
    if phone_given(raw.phone):
        try:
            phone = normalize_phone(raw.phone)
        except ValueError as error:
            errors["phone"] = str(error)
    clean = {
        "name": name, "type": raw.type, "npp": npp,
        "contact_person": " ".join(raw.contact_person.split()), "phone": phone,
        "kecamatan_code": area, "kelurahan": kelurahan,
        "notes": raw.notes.strip(),
    }
    return errors, clean


@dataclass(frozen=True)
class SponsorshipInput:
    pledged: int
    package: str
    start: date
    end: date
    funding: str
    income: int = DEFAULT_INCOME
    sector: str = DEFAULT_SECTOR
    notes: str = ""


def validate_sponsorship(raw: SponsorshipInput) -> dict[str, str]:
    """Errors by field (empty when valid)."""
    errors: dict[str, str] = {}
    if raw.pledged < 1:
        errors["pledged"] = "Jumlah pekerja yang dijanjikan minimal 1."
    elif raw.pledged > 100_000:
        errors["pledged"] = "Jumlah pekerja terlalu besar."
    if raw.package not in PACKAGES:
        errors["package"] = "Pilih paket."
    if raw.funding not in SPONSORSHIP_FUNDING:
        errors["funding"] = "Pilih sumber dana."
    try:
        months_covered(raw.start, raw.end)
    except ValueError as error:
        errors["end"] = str(error)
    if raw.income <= 0:
        errors["income"] = "Dasar penghasilan harus lebih dari Rp 0."
    return errors


def sum_due(amounts: Sequence[tuple[SponsorshipAmounts, int]], month: date) -> int:
    """Due in ``month`` over several sponsorships, each for its number of workers."""
    return sum(a.per_worker_for(month) * workers for a, workers in amounts)
