"""Where a payment may start: never past months a member still owes.

A payment starts at the first unpaid month. Only a member already inactive (the unpaid
months that make a membership lapse, `Rates.inactive_after_unpaid_months`, have passed)
may instead be re-activated from the current month, leaving the lapsed months unpaid; a
member only in arrears (menunggak) pays the months owed first. One rule for the payment
dialog's choices and for the store, which refuses any other start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .months import month_label, month_start
from .reference import Rates
from .status import MemberStatus, first_unpaid_month, member_status


@dataclass(frozen=True)
class PaymentStart:
    month: date
    reactivates: bool  # the current month of an inactive member: lapsed months stay unpaid

    @property
    def label(self) -> str:
        """As the payment dialog offers it."""
        why = ("aktifkan kembali mulai bulan ini" if self.reactivates
               else "bulan pertama belum dibayar")
        return f"{month_label(self.month)} ({why})"


def payment_starts(paid_until: date | None, start_month: date, today: date,
                   rates: Rates | None = None) -> list[PaymentStart]:
    """The months a payment may start from, the first unpaid month first."""
    first = first_unpaid_month(paid_until, start_month)
    starts = [PaymentStart(first, reactivates=False)]
    this_month = month_start(today)
    if this_month > first and member_status(
            paid_until, start_month, today, rates) is MemberStatus.INACTIVE:
        starts.append(PaymentStart(this_month, reactivates=True))
    return starts


def check_payment_start(from_month: date, paid_until: date | None, start_month: date,
                        today: date, rates: Rates | None = None) -> str:
    """"" when a payment may start at `from_month`, else why not (in Indonesian)."""
    starts = payment_starts(paid_until, start_month, today, rates)
    month = month_start(from_month)
    if any(s.month == month for s in starts):
        return ""
    first = starts[0].month
    if month < first:
        return (f"{month_label(month)} sudah dibayar; pembayaran berikutnya mulai "
                f"{month_label(first)}.")
    if len(starts) > 1:
        return (f"Pembayaran mulai {month_label(first)} (bulan pertama belum dibayar) atau "
                f"{month_label(starts[1].month)} (aktifkan kembali mulai bulan ini).")
    return (f"Pembayaran harus mulai {month_label(first)}, bulan pertama yang belum dibayar: "
            "bulan tunggakan peserta yang belum nonaktif tidak boleh dilewati.")
