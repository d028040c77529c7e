"""What a BPU member pays (iuran): JKK from the bracket table, flat JKM, optional JHT, and the
PP 50/2025 cut on JKK+JKM, which depends on the month covered, the sector and who pays.

All amounts are whole Rupiah; intermediate arithmetic uses ``Decimal``, never floats.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .months import add_months, month_start
from .reference import Rates

SECTORS = ("transport", "non_transport")
SECTOR_LABELS = {"transport": "Transportasi", "non_transport": "Non-transportasi"}

# Ordered: the first is the default in forms.
FUNDING_SOURCES = {
    "self": "Mandiri",
    "sponsor": "Sponsor/CSR",
    "apbn": "APBN",
    "apbd": "APBD",
}

ADVANCE_MONTHS = (1, 3, 6, 12)


@dataclass(frozen=True)
class Contribution:
    """One month of cover. ``jkk``, ``jkm``, ``jht`` are before any cut; ``total`` is paid."""

    month: date
    jkk: int
    jkm: int
    jht: int
    discount: int
    total: int


@dataclass(frozen=True)
class AdvancePayment:
    """Several months paid at once; every month is computed on its own, then summed."""

    months: tuple[Contribution, ...]
    jkk: int
    jkm: int
    jht: int
    discount: int
    total: int


def round_rupiah(amount: Decimal) -> int:
    """Whole Rupiah, half up (Rp 0.5 becomes Rp 1)."""
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _check(income: int, sector: str, funding: str) -> None:
    if isinstance(income, bool) or not isinstance(income, int):
        raise ValueError("Penghasilan harus berupa Rupiah bulat.")
    if income <= 0:
        raise ValueError("Penghasilan harus lebih dari Rp 0.")
    if sector not in SECTORS:
        raise ValueError(f"Sektor tidak dikenal: '{sector}'.")
    if funding not in FUNDING_SOURCES:
        raise ValueError(f"Sumber dana tidak dikenal: '{funding}'.")


def contribution_base(income: int, rates: Rates | None = None) -> int:
    """The monthly income JKK and JHT are computed on: the declared income, never less than
    the minimum (``Rates.minimum_income``)."""
    rates = rates or Rates.default()
    return max(income, rates.minimum_income)


def discount_applies(month: date, sector: str, funding: str, rates: Rates | None = None) -> bool:
    """True when the PP 50/2025 cut applies to the month covered (never for APBN/APBD)."""
    rates = rates or Rates.default()
    if funding in rates.exempt_funding:
        return False
    return any(w.sector == sector and w.covers(month) for w in rates.discount_windows)


def monthly_contribution(
    income: int,
    month: date,
    sector: str,
    funding: str,
    with_jht: bool,
    rates: Rates | None = None,
) -> Contribution:
    """The contribution for the month containing ``month`` at a declared monthly ``income``."""
    rates = rates or Rates.default()
    _check(income, sector, funding)
    base = contribution_base(income, rates)
    jkk = rates.jkk_for(base)
    jkm = rates.jkm
    jht = round_rupiah(Decimal(base) * rates.jht_rate) if with_jht else 0
    discount = 0
    if discount_applies(month, sector, funding, rates):
        discount = round_rupiah(Decimal(jkk + jkm) * rates.discount_rate)
    return Contribution(
        month=month_start(month),
        jkk=jkk,
        jkm=jkm,
        jht=jht,
        discount=discount,
        total=jkk + jkm + jht - discount,
    )


def months_total(
    income: int,
    first_month: date,
    months: int,
    sector: str,
    funding: str,
    with_jht: bool,
    rates: Rates | None = None,
) -> int:
    """What ``months`` consecutive months from ``first_month`` cost, each at its own rate
    (any number of months: arrears are not limited to the advance-payment choices)."""
    if months < 1:
        return 0
    return months_payment(income, first_month, months, sector, funding, with_jht, rates).total


def advance_payment(
    income: int,
    start_month: date,
    months: int,
    sector: str,
    funding: str,
    with_jht: bool,
    rates: Rates | None = None,
) -> AdvancePayment:
    """``months`` (1, 3, 6 or 12) paid at once from ``start_month``.

    Each month is computed separately, so a payment that straddles the start or end of a
    discount window gets the cut only for the months inside it.
    """
    if isinstance(months, bool) or months not in ADVANCE_MONTHS:
        raise ValueError("Jumlah bulan bayar di muka harus 1, 3, 6 atau 12.")
    return months_payment(income, start_month, months, sector, funding, with_jht, rates)


def months_payment(
    income: int,
    start_month: date,
    months: int,
    sector: str,
    funding: str,
    with_jht: bool,
    rates: Rates | None = None,
) -> AdvancePayment:
    """Any number of consecutive ``months`` from ``start_month`` paid at once (arrears
    are not limited to the advance choices, `advance_payment`), each month at its own
    rate (`monthly_contribution`)."""
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise ValueError("Jumlah bulan harus paling sedikit 1.")
    rates = rates or Rates.default()
    covered = tuple(
        monthly_contribution(income, add_months(start_month, i), sector, funding, with_jht, rates)
        for i in range(months)
    )
    return AdvancePayment(
        months=covered,
        jkk=sum(c.jkk for c in covered),
        jkm=sum(c.jkm for c in covered),
        jht=sum(c.jht for c in covered),
        discount=sum(c.discount for c in covered),
        total=sum(c.total for c in covered),
    )
