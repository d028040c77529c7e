from datetime import date

import pytest

from bpu_desktop.domain.reference import Rates
from bpu_desktop.domain.status import (
    STATUS_LABELS,
    MemberStatus,
    lapses_soon,
    member_status,
    next_due_date,
    unpaid_months,
)

START = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("paid_until", "today", "unpaid"),
    [
        (None, date(2026, 1, 1), 0),
        (None, date(2026, 1, 15), 0),  # paying on the 15th is on time
        (None, date(2026, 1, 16), 1),
        (None, date(2026, 2, 15), 1),
        (None, date(2026, 2, 16), 2),
        (date(2026, 1, 1), date(2026, 1, 31), 0),
        (date(2026, 1, 1), date(2026, 2, 15), 0),
        (date(2026, 1, 1), date(2026, 2, 16), 1),
        (date(2026, 3, 1), date(2026, 2, 20), 0),  # paid in advance
        (date(2026, 1, 20), date(2026, 4, 16), 3),  # any day of the month paid counts
        (date(2025, 11, 1), date(2026, 1, 10), 0),  # paid before membership started
        (date(2026, 11, 1), date(2027, 2, 16), 3),  # over the year end
    ],
)
def test_unpaid_months(paid_until, today, unpaid):
    assert unpaid_months(paid_until, START, today) == unpaid


def test_due_day_is_a_parameter():
    assert unpaid_months(None, START, date(2026, 1, 11), due_day=10) == 1
    assert unpaid_months(None, START, date(2026, 1, 11), due_day=15) == 0


@pytest.mark.parametrize(
    ("today", "status", "soon"),
    [
        (date(2026, 3, 15), MemberStatus.ACTIVE, False),
        (date(2026, 3, 16), MemberStatus.ARREARS, False),  # March unpaid
        (date(2026, 4, 15), MemberStatus.ARREARS, False),
        (date(2026, 4, 16), MemberStatus.ARREARS, True),  # March, April unpaid
        (date(2026, 5, 15), MemberStatus.ARREARS, True),
        (date(2026, 5, 16), MemberStatus.INACTIVE, False),  # three months unpaid
        (date(2027, 1, 1), MemberStatus.INACTIVE, False),
    ],
)
def test_status_over_month_boundaries(today, status, soon):
    paid_until = date(2026, 2, 1)
    assert member_status(paid_until, START, today) is status
    assert lapses_soon(paid_until, START, today) is soon


def test_inactive_threshold_comes_from_the_rates():
    d = Rates.default().to_dict()
    d["inactive_after_unpaid_months"] = 6
    d["payment_due_day"] = 10
    rates = Rates.from_dict(d)
    assert member_status(None, START, date(2026, 3, 11), rates) is MemberStatus.ARREARS
    assert member_status(None, START, date(2026, 6, 11), rates) is MemberStatus.INACTIVE
    assert member_status(None, START, date(2026, 6, 10), rates) is MemberStatus.ARREARS


def test_next_due_date():
    assert next_due_date(None, START) == date(2026, 1, 15)
    assert next_due_date(date(2026, 12, 1), START) == date(2027, 1, 15)


def test_labels_and_values():
    assert MemberStatus.ARREARS == "menunggak"
    assert MemberStatus("nonaktif") is MemberStatus.INACTIVE
    assert [STATUS_LABELS[s] for s in MemberStatus] == ["Aktif", "Menunggak", "Nonaktif"]


def test_months_a_sponsor_covers_are_not_the_members_arrears():
    from bpu_desktop.domain.status import paid_through
    today = date(2027, 4, 20)
    # Paid herself to February 2026, a sponsor covers March 2026 - February 2027.
    assert paid_through(date(2026, 2, 1), date(2027, 2, 1)) == date(2027, 2, 1)
    assert unpaid_months(paid_through(date(2026, 2, 1), date(2027, 2, 1)), START, today) == 2
    # A member who paid beyond the cover owes from their own last month.
    assert paid_through(date(2027, 5, 1), date(2027, 2, 1)) == date(2027, 5, 1)
    # No cover, or nothing paid yet: whichever there is.
    assert paid_through(date(2026, 2, 1), None) == date(2026, 2, 1)
    assert paid_through(None, date(2026, 6, 1)) == date(2026, 6, 1)
    assert paid_through(None, None) is None


# -- sponsors' covers count only when they continue the member's own months -------------

def _covers(*spans: tuple[str, str]):
    from bpu_desktop.domain.months import parse_month
    from bpu_desktop.domain.sponsorship import Cover
    return [Cover(f"s{i}", f"Sponsor {i}", parse_month(a), parse_month(b))
            for i, (a, b) in enumerate(spans)]


@pytest.mark.parametrize(("paid_until", "spans", "through"), [
    # Paid January; a pledge for July - December: February - June unpaid, it waits.
    ("2026-01", [("2026-07", "2026-12")], None),
    # The gap paid (to June): the pledge continues her months.
    ("2026-06", [("2026-07", "2026-12")], "2026-12"),
    # Starting in the month after paid_until, or overlapping it: counts (as before).
    ("2026-02", [("2026-03", "2026-08")], "2026-08"),
    ("2026-02", [("2026-02", "2027-01")], "2027-01"),
    # Chained without a gap, in any order: to the end of the last.
    ("2026-01", [("2026-05", "2026-09"), ("2026-02", "2026-04")], "2026-09"),
    ("2026-01", [("2026-02", "2026-04"), ("2026-05", "2026-09"), ("2026-11", "2026-12")],
     "2026-09"),  # October unpaid: the third waits
    # A cover ending with her own months names who paid the last month; earlier: none.
    ("2026-04", [("2026-01", "2026-04")], "2026-04"),
    ("2026-04", [("2026-01", "2026-03")], None),
    ("2026-04", [], None),
])
def test_a_cover_counts_only_when_it_continues_the_members_own_months(paid_until, spans,
                                                                       through):
    from bpu_desktop.domain.months import format_month, parse_month
    from bpu_desktop.domain.status import covered_through
    result = covered_through(parse_month(paid_until), _covers(*spans))
    assert (format_month(result) if result else None) == through


def test_the_cover_after_a_gap_waits_and_the_member_is_chased_for_the_gap():
    from bpu_desktop.domain.status import covered_through, paid_through, waiting_cover
    paid = date(2026, 1, 1)
    covers = _covers(("2026-07", "2026-12"))
    # On 20 May 2026: February to May are due and unpaid: nonaktif, not aktif.
    through = paid_through(paid, covered_through(paid, covers))
    assert member_status(through, START, date(2026, 5, 20)) is MemberStatus.INACTIVE
    assert waiting_cover(paid, covers) == covers[0]
    # Paid to June: the cover counts, aktif through December, nothing waits.
    paid = date(2026, 6, 1)
    through = paid_through(paid, covered_through(paid, covers))
    assert through == date(2026, 12, 1)
    assert member_status(through, START, date(2026, 11, 20)) is MemberStatus.ACTIVE
    assert waiting_cover(paid, covers) is None
    # Chained covers: the first after the chain's end waits.
    chained = _covers(("2026-02", "2026-04"), ("2026-11", "2026-12"), ("2026-05", "2026-09"))
    assert waiting_cover(date(2026, 1, 1), chained) == chained[1]
