"""Membership status from payments: each month is due by the 15th of the month it covers;
there is no fine, but consecutive unpaid months make a membership lapse.

Months a sponsor pays for (a live sponsorship's cover) count as paid only when they
continue the member's own months without a gap (`covered_through`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum
from typing import Protocol, TypeVar

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


class MonthSpan(Protocol):
    """Months from `start` to `end`, both included (a sponsorship's cover)."""

    @property
    def start(self) -> date: ...

    @property
    def end(self) -> date: ...


SpanT = TypeVar("SpanT", bound=MonthSpan)


def covered_through(paid_until: date, covers: Iterable[MonthSpan]) -> date | None:
    """The last month of the sponsors' covers that continue the member's own months
    (`paid_until`, their last paid month) without a gap; None when no cover does.

    The rule: months a live sponsorship pays for count as paid only when nobody owes for
    the month before them. A cover starting at or before the month after `paid_until`
    extends the months nobody owes for to its end, and a cover starting at or before the
    month after that end extends them further (covers chained without a gap). A cover
    that starts later counts for nothing yet (`waiting_cover`): the months between are the
    member's arrears, chased as any others, until they are paid; once they are, the cover
    continues the member's months and counts. A cover ending exactly at `paid_until`
    gives `paid_until` (whose cover paid the last month, for the reminder), one ending
    earlier nothing."""
    reach = month_start(paid_until)
    through: date | None = None
    for cover in sorted(covers, key=lambda c: month_start(c.start)):
        start, end = month_start(cover.start), month_start(cover.end)
        if start > add_months(reach, 1):
            break  # a gap: neither this cover nor any later one continues the months
        if end >= reach:
            reach = end
            through = reach
    return through


def waiting_cover(paid_until: date, covers: Sequence[SpanT]) -> SpanT | None:
    """The first cover that does not count yet (`covered_through`): it starts after a
    gap the member still owes, from the month after the months nobody owes for to the
    month before the cover."""
    through = paid_through(paid_until, covered_through(paid_until, covers))
    assert through is not None
    later = [c for c in covers if month_start(c.start) > add_months(through, 1)]
    return min(later, key=lambda c: month_start(c.start), default=None)


def paid_through(paid_until: date | None, covered_until: date | None) -> date | None:
    """The last month the member owes nothing for: the later of their own last paid month
    and `covered_until`, the last month of the live sponsorships' covers that continue
    their own months without a gap (`covered_through`, kept by the store as
    `enrolments.covered_until`).

    Months a sponsor (a company, a zakat body, a local government's budget) pays for are
    the sponsor's to pay, never the member's arrears, so status, arrears and reminders are
    all counted from here. A cover after a gap is not counted: the unpaid months before
    it are chased until they are paid (`covered_through`).
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
