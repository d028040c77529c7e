"""Membership status from payments: each month is due by the 15th of the month it covers;
there is no fine, but consecutive unpaid months make a membership lapse.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from .months import add_months, month_start, months_between
from .reference import Rates


class MemberStatus(StrEnum):
    ACTIVE = "aktif"
    ARREARS = "menunggak"
    INACTIVE = "nonaktif"


STATUS_LABELS = {
    MemberStatus.ACTIVE: "Aktif",
    MemberStatus.ARREARS: "Menunggak",
    MemberStatus.INACTIVE: "Nonaktif",
}


def due_date(month: date, due_day: int = 15) -> date:
    """The last day to pay for the month containing ``month``."""
    return month_start(month).replace(day=due_day)


def paid_through(paid_until: date | None, covered_until: date | None) -> date | None:
    """The last month the member owes nothing for: the later of their own last paid month
    and the last month a live sponsorship covers for them (``sponsorship.covered_until``).

    Months a sponsor (a company, a zakat body, a local government's budget) pays for are
    the sponsor's to pay, never the member's arrears, so status, arrears and reminders are
    all counted from here. A cover counts like a payment made for those months: as with a
    payment made ahead, unpaid months before it are not chased once it is recorded.
    """
    if paid_until is None or covered_until is None:
        return paid_until or covered_until
    return max(month_start(paid_until), month_start(covered_until))


def first_unpaid_month(paid_until: date | None, start_month: date) -> date:
    """The first month covered by no payment (``paid_until`` is the last month paid for)."""
    start = month_start(start_month)
    if paid_until is None:
        return start
    return max(add_months(paid_until, 1), start)


def unpaid_months(
    paid_until: date | None, start_month: date, today: date, due_day: int = 15
) -> int:
    """Months after ``paid_until`` (from ``start_month`` if nothing is paid) whose due date
    has passed on ``today``. Paying on the due day itself is on time.
    """
    last_overdue = month_start(today) if today.day > due_day else add_months(today, -1)
    return max(0, months_between(first_unpaid_month(paid_until, start_month), last_overdue) + 1)


def member_status(
    paid_until: date | None, start_month: date, today: date, rates: Rates | None = None
) -> MemberStatus:
    """Active with nothing overdue, in arrears with 1 to N-1 months, inactive from N (3)."""
    rates = rates or Rates.default()
    unpaid = unpaid_months(paid_until, start_month, today, rates.payment_due_day)
    if unpaid == 0:
        return MemberStatus.ACTIVE
    if unpaid < rates.inactive_after_unpaid_months:
        return MemberStatus.ARREARS
    return MemberStatus.INACTIVE


def lapses_soon(
    paid_until: date | None, start_month: date, today: date, rates: Rates | None = None
) -> bool:
    """True when missing the next due date would make the membership inactive."""
    rates = rates or Rates.default()
    unpaid = unpaid_months(paid_until, start_month, today, rates.payment_due_day)
    return unpaid == rates.inactive_after_unpaid_months - 1


def next_due_date(
    paid_until: date | None, start_month: date, rates: Rates | None = None
) -> date:
    """The due date of the first unpaid month (may already be past)."""
    rates = rates or Rates.default()
    return due_date(first_unpaid_month(paid_until, start_month), rates.payment_due_day)
