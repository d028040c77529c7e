"""Reference values the law may change: JKK brackets, JKM, JHT rate, the PP 50/2025 discount,
age limits and payment rules.

They are data, not code: seeded from ``resources/reference.json``, stored and edited in the
database by the store, and passed to the rules as a ``Rates`` value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from itertools import pairwise
from typing import Any

from .months import format_month, month_start, parse_month
from .seed import load_seed


@dataclass(frozen=True)
class JkkBracket:
    """Declared incomes from ``income_from`` to ``income_to`` (None: no upper end) pay ``jkk``."""

    income_from: int
    income_to: int | None
    nominal: int
    jkk: int

    def contains(self, income: int) -> bool:
        return self.income_from <= income and (self.income_to is None or income <= self.income_to)


@dataclass(frozen=True)
class DiscountWindow:
    """The months (``start`` to ``end``, both first-of-month, inclusive) a sector gets the cut."""

    sector: str
    start: date
    end: date

    def covers(self, month: date) -> bool:
        return self.start <= month_start(month) <= self.end


@dataclass(frozen=True)
class Rates:
    """One consistent set of reference values; every rule takes it as an argument."""

    jkk_brackets: tuple[JkkBracket, ...]
    jkm: int
    jht_rate: Decimal
    discount_rate: Decimal
    discount_windows: tuple[DiscountWindow, ...]
    exempt_funding: frozenset[str]
    max_registration_age: int
    min_registration_age: int
    payment_due_day: int
    inactive_after_unpaid_months: int
    discount_legal_basis: str = "PP 50/2025"

    @classmethod
    def default(cls) -> Rates:
        """The values shipped in ``resources/reference.json``."""
        return _default_rates()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Rates:
        """Build from the JSON shape of ``reference.json``; keys starting with ``_`` are notes.

        Raises ``ValueError`` (Indonesian message) when the values do not make sense.
        """
        try:
            discount = d["discount"]
            brackets = tuple(
                JkkBracket(
                    income_from=int(b["income_from"]),
                    income_to=None if b["income_to"] is None else int(b["income_to"]),
                    nominal=int(b["nominal"]),
                    jkk=int(b["jkk"]),
                )
                for b in d["jkk_brackets"]
            )
            rates = cls(
                jkk_brackets=brackets,
                jkm=int(d["jkm"]),
                jht_rate=Decimal(str(d["jht_rate"])),
                discount_rate=Decimal(str(discount["rate"])),
                discount_windows=tuple(
                    DiscountWindow(
                        sector=str(w["sector"]),
                        start=parse_month(w["from"]),
                        end=parse_month(w["to"]),
                    )
                    for w in discount["windows"]
                ),
                exempt_funding=frozenset(str(f) for f in discount["exempt_funding"]),
                max_registration_age=int(d["max_registration_age"]),
                min_registration_age=int(d["min_registration_age"]),
                payment_due_day=int(d["payment_due_day"]),
                inactive_after_unpaid_months=int(d["inactive_after_unpaid_months"]),
                discount_legal_basis=str(discount.get("legal_basis", "")),
            )
        except KeyError as error:
            raise ValueError(f"Nilai acuan tidak lengkap: '{error.args[0]}' tidak ada.") from None
        except (TypeError, InvalidOperation) as error:
            raise ValueError(f"Nilai acuan tidak sah: {error}") from None
        rates.check()
        return rates

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape read by ``from_dict`` (Decimals as text, months as ``YYYY-MM``)."""
        return {
            "jkk_brackets": [
                {
                    "income_from": b.income_from,
                    "income_to": b.income_to,
                    "nominal": b.nominal,
                    "jkk": b.jkk,
                }
                for b in self.jkk_brackets
            ],
            "jkm": self.jkm,
            "jht_rate": str(self.jht_rate),
            "discount": {
                "rate": str(self.discount_rate),
                "windows": [
                    {"sector": w.sector, "from": format_month(w.start), "to": format_month(w.end)}
                    for w in self.discount_windows
                ],
                "exempt_funding": sorted(self.exempt_funding),
                "legal_basis": self.discount_legal_basis,
            },
            "max_registration_age": self.max_registration_age,
            "min_registration_age": self.min_registration_age,
            "payment_due_day": self.payment_due_day,
            "inactive_after_unpaid_months": self.inactive_after_unpaid_months,
        }

    def check(self) -> None:
        """Raise ``ValueError`` (Indonesian) unless the values are usable together."""
        brackets = self.jkk_brackets
        if not brackets:
            raise ValueError("Tabel kelompok penghasilan JKK kosong.")
        if brackets[0].income_from != 0:
            raise ValueError("Kelompok penghasilan JKK pertama harus mulai dari Rp 0.")
        for before, after in pairwise(brackets):
            if before.income_to is None or after.income_from != before.income_to + 1:
                raise ValueError(
                    "Kelompok penghasilan JKK harus berurutan tanpa celah atau tumpang tindih."
                )
        if brackets[-1].income_to is not None:
            raise ValueError("Kelompok penghasilan JKK terakhir harus tanpa batas atas.")
        for b in brackets:
            if b.income_to is not None and b.income_to < b.income_from:
                raise ValueError("Batas kelompok penghasilan JKK terbalik.")
            if b.nominal <= 0 or b.jkk < 0:
                raise ValueError("Nominal dan iuran JKK tidak boleh negatif.")
        if self.jkm < 0:
            raise ValueError("Iuran JKM tidak boleh negatif.")
        if not (Decimal(0) <= self.jht_rate <= Decimal(1)):
            raise ValueError("Tarif JHT harus antara 0 dan 1.")
        if not (Decimal(0) <= self.discount_rate <= Decimal(1)):
            raise ValueError("Tarif diskon harus antara 0 dan 1.")
        for w in self.discount_windows:
            if w.end < w.start:
                raise ValueError(f"Periode diskon sektor {w.sector} berakhir sebelum mulai.")
        if not 0 < self.min_registration_age <= self.max_registration_age:
            raise ValueError("Batas umur pendaftaran tidak masuk akal.")
        if not 1 <= self.payment_due_day <= 28:
            raise ValueError("Tanggal jatuh tempo harus antara 1 dan 28.")
        if self.inactive_after_unpaid_months < 1:
            raise ValueError("Batas bulan menunggak harus minimal 1.")

    @property
    def minimum_income(self) -> int:
        """The lowest income contributions are computed on: the first JKK bracket's nominal
        (Rp 1,000,000, where the minimum package is reported). A lower declared income is
        computed as this one."""
        return self.jkk_brackets[0].nominal

    def jkk_for(self, income: int) -> int:
        """The monthly JKK for a declared income, from the bracket it falls in."""
        return self.bracket_for(income).jkk

    def bracket_for(self, income: int) -> JkkBracket:
        """The JKK bracket of a declared income (also shown in the contribution breakdown)."""
        if income < 0:
            raise ValueError("Penghasilan tidak boleh negatif.")
        for bracket in self.jkk_brackets:
            if bracket.contains(income):
                return bracket
        raise ValueError("Penghasilan tidak masuk kelompok JKK mana pun.")  # check() prevents it


@cache
def _default_rates() -> Rates:
    return Rates.from_dict(load_seed("reference"))
