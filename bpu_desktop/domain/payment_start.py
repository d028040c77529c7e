"""Where a payment may start, and how far it may run: never past months a member still
owes, never into months a sponsor pays.

A payment starts at the first unpaid month: the month after the last one nobody owes for
(`status.paid_through`), the member's own paid months or, when later, the months live
sponsorships pay for that continue them (`covered_until`, `status.covered_through`),
which are the sponsor's and never paid twice. Only a member already inactive (the unpaid
months that make a membership lapse, `Rates.inactive_after_unpaid_months`, have passed)
may instead be re-activated from the current month, leaving the lapsed months unpaid,
unless a sponsor pays that month; a member only in arrears (menunggak) pays the months
owed first. A payment's months may not run into a sponsor's cover that does not count yet
(it starts after a gap: `status.waiting_cover`): the member pays the gap, then the cover
counts. One rule for the payment dialog's choices and for the store, which refuses any
other payment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .contributions import ADVANCE_MONTHS
from .months import add_months, month_label, month_start, months_between
from .reference import Rates
from .sponsorship import Cover
from .status import MemberStatus, first_unpaid_month, member_status, paid_through


@dataclass(frozen=True)
class PaymentStart:
    month: date
    reactivates: bool  # the current month of an inactive member: lapsed months stay unpaid
    # The last month a sponsor pays for, when the first unpaid month follows it.
    after_cover: date | None = None

    @property
    def reason(self) -> str:
        if self.reactivates:
            return "aktifkan kembali mulai bulan ini"
        if self.after_cover is not None:
            return f"setelah bulan yang ditanggung sponsor, s.d. {month_label(self.after_cover)}"
        return "bulan pertama belum dibayar"

    @property
    def label(self) -> str:
        """As the payment dialog offers it."""
        return f"{month_label(self.month)} ({self.reason})"


def sponsor_pays_last(paid_until: date | None, covered_until: date | None) -> bool:
    """Whether the last month nobody owes for is a sponsor's, not the member's own."""
    return covered_until is not None and (
        paid_until is None or month_start(covered_until) > month_start(paid_until))


def covering(month: date, covers: Sequence[Cover]) -> Cover | None:
    """The live cover paying for `month`, if any."""
    wanted = month_start(month)
    return next((c for c in covers
                 if month_start(c.start) <= wanted <= month_start(c.end)), None)


def payment_starts(paid_until: date | None, start_month: date, today: date,
                   rates: Rates | None = None, *, covered_until: date | None = None,
                   covers: Sequence[Cover] = ()) -> list[PaymentStart]:
    """The months a payment may start from, the first unpaid month first. `paid_until`:
    the member's own last paid month; `covered_until`: the last month of the covers that
    continue it; `covers`: the member's live covers (a lapsed member is not re-activated
    from a month a sponsor pays)."""
    through = paid_through(paid_until, covered_until)
    first = first_unpaid_month(through, start_month)
    after = (month_start(covered_until) if covered_until is not None
             and sponsor_pays_last(paid_until, covered_until) else None)
    starts = [PaymentStart(first, reactivates=False, after_cover=after)]
    this_month = month_start(today)
    if this_month > first and covering(this_month, covers) is None and member_status(
            through, start_month, today, rates) is MemberStatus.INACTIVE:
        starts.append(PaymentStart(this_month, reactivates=True))
    return starts


def months_owed(from_month: date, today: date) -> int:
    """The months from `from_month` up to the current month, both included (0 when it
    starts later): the arrears one payment may settle."""
    return max(0, months_between(month_start(from_month), month_start(today)) + 1)


def payment_month_choices(from_month: date, today: date) -> tuple[int, ...]:
    """How many months a payment from `from_month` may cover, fewest first: any number up
    to the months owed (`months_owed`: arrears up to the current month), or the advance
    choices (`contributions.ADVANCE_MONTHS`: 1, 3, 6 or 12)."""
    return tuple(sorted(set(range(1, months_owed(from_month, today) + 1))
                        | set(ADVANCE_MONTHS)))


def check_payment_count(months: int, from_month: date, today: date) -> str:
    """"" when a payment from `from_month` may cover `months` (`payment_month_choices`),
    else why not (in Indonesian)."""
    if not isinstance(months, bool) and months in payment_month_choices(from_month, today):
        return ""
    owed = months_owed(from_month, today)
    if owed <= 1:
        return "Jumlah bulan harus 1, 3, 6 atau 12."
    ahead = [str(n) for n in ADVANCE_MONTHS if n > owed]
    said = ", ".join(ahead[:-1]) + (" atau " if len(ahead) > 1 else "") + ahead[-1] if ahead else ""
    return (f"Jumlah bulan harus 1 s.d. {owed} (tunggakan {month_label(from_month)} s.d. "
            f"{month_label(today)})" + (f" atau {said} bulan di muka." if said else "."))


def check_payment_months(from_month: date, months: int, covers: Sequence[Cover]) -> str:
    """"" when none of the `months` from `from_month` is a month a live sponsorship pays
    for, else why not and how many months may be paid (in Indonesian)."""
    first = month_start(from_month)
    last = add_months(first, months - 1)
    met = [c for c in covers if month_start(c.start) <= last and month_start(c.end) >= first]
    if not met:
        return ""
    cover = min(met, key=lambda c: month_start(c.start))
    start = max(month_start(cover.start), first)
    sponsored = (f"{month_label(start)} s.d. {month_label(month_start(cover.end))} "
                 f"ditanggung {cover.label or 'sponsor'}")
    if start == first:
        return f"{sponsored}; iuran bulan itu tidak dibayar dua kali."
    allowed = months_between(first, start)
    return (f"{sponsored}: pembayaran mulai {month_label(first)} paling banyak {allowed} "
            f"bulan (s.d. {month_label(add_months(start, -1))}), agar bulan yang ditanggung "
            "sponsor tidak dibayar dua kali.")


def check_payment_start(from_month: date, paid_until: date | None, start_month: date,
                        today: date, rates: Rates | None = None, *,
                        covered_until: date | None = None,
                        covers: Sequence[Cover] = ()) -> str:
    """"" when a payment may start at `from_month`, else why not (in Indonesian)."""
    starts = payment_starts(paid_until, start_month, today, rates,
                            covered_until=covered_until, covers=covers)
    month = month_start(from_month)
    if any(s.month == month for s in starts):
        return ""
    first = starts[0].month
    cover = covering(month, covers)
    if month > first and cover is not None:  # a cover after the months still owed
        return (f"{month_label(month)} ditanggung {cover.label or 'sponsor'} "
                f"({month_label(cover.start)} s.d. {month_label(cover.end)}), yang baru "
                f"berlaku setelah iuran sebelumnya dibayar; pembayaran mulai "
                f"{month_label(first)}.")
    if month < first:
        if starts[0].after_cover is not None and (
                paid_until is None or month > month_start(paid_until)):
            return (f"{month_label(month)} ditanggung sponsor (s.d. "
                    f"{month_label(starts[0].after_cover)}); pembayaran berikutnya mulai "
                    f"{month_label(first)}.")
        return (f"{month_label(month)} sudah dibayar; pembayaran berikutnya mulai "
                f"{month_label(first)}.")
    if len(starts) > 1:
        return f"Pembayaran mulai {starts[0].label} atau {starts[1].label}."
    return (f"Pembayaran harus mulai {month_label(first)}, bulan pertama yang belum dibayar: "
            "bulan tunggakan peserta yang belum nonaktif tidak boleh dilewati.")

