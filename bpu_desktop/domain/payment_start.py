"""Where a payment may start: never past months a member still owes.

A payment starts at the first unpaid month: the month after the last one nobody owes for
(`status.paid_through`), the member's own paid months or, when later, the months a live
sponsorship pays for (`covered_until`), which are the sponsor's and never paid twice. Only
a member already inactive (the unpaid months that make a membership lapse,
`Rates.inactive_after_unpaid_months`, have passed) may instead be re-activated from the
current month, leaving the lapsed months unpaid; a member only in arrears (menunggak)
pays the months owed first. One rule for the payment dialog's choices and for the store,
which refuses any other start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .months import month_label, month_start
from .reference import Rates
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


def payment_starts(paid_until: date | None, start_month: date, today: date,
                   rates: Rates | None = None, *,
                   covered_until: date | None = None) -> list[PaymentStart]:
    """The months a payment may start from, the first unpaid month first. `paid_until`:
    the member's own last paid month; `covered_until`: the last a live sponsorship pays."""
    through = paid_through(paid_until, covered_until)
    first = first_unpaid_month(through, start_month)
    after = (month_start(covered_until) if covered_until is not None
             and sponsor_pays_last(paid_until, covered_until) else None)
    starts = [PaymentStart(first, reactivates=False, after_cover=after)]
    this_month = month_start(today)
    if this_month > first and member_status(
            through, start_month, today, rates) is MemberStatus.INACTIVE:
        starts.append(PaymentStart(this_month, reactivates=True))
    return starts


def check_payment_start(from_month: date, paid_until: date | None, start_month: date,
                        today: date, rates: Rates | None = None, *,
                        covered_until: date | None = None) -> str:
    """"" when a payment may start at `from_month`, else why not (in Indonesian)."""
    starts = payment_starts(paid_until, start_month, today, rates,
                            covered_until=covered_until)
    month = month_start(from_month)
    if any(s.month == month for s in starts):
        return ""
    first = starts[0].month
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

