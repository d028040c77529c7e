"""Payments received for a member: the amount comes from the domain rules (never typed),
and the enrolment's `paid_until` moves forward in the same audited transaction, with the
`covered_until` that follows from it (`covers.py`).

A payment starts after the last month nobody owes for (`domain.status.paid_through`): the
member's own paid months, or the months live sponsorships pay for that continue them (the
enrolment's `covered_until`), which are the sponsor's and never asked of the member. Its
months never run into a sponsor's cover (`domain.payment_start.check_payment_months`):
paying the months before a cover that starts after a gap makes that cover count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bpu_desktop.domain.contributions import AdvancePayment, months_payment
from bpu_desktop.domain.followup import PAYMENT_CHANNELS, last_counted_cover
from bpu_desktop.domain.months import add_months, format_month, parse_month
from bpu_desktop.domain.payment_start import (
    PaymentStart,
    check_payment_count,
    check_payment_months,
    check_payment_start,
    payment_starts,
)
from bpu_desktop.domain.sponsorship import Cover
from bpu_desktop.domain.status import first_unpaid_month, paid_through

from .covers import covered_until_text, live_covers
from .database import Store
from .errors import RecordNotFound, StoreError
from .members import MemberRepository, MemberRow
from .records import insert_record, update_record
from .reference import load_rates


@dataclass(frozen=True)
class PaymentQuote:
    """What a payment would cover and cost, shown live in the dialog."""

    member: MemberRow
    from_month: date
    to_month: date
    months: int
    breakdown: AdvancePayment
    # The last month of the live covers that continue the member's own months.
    covered_until: date | None = None
    covers: tuple[Cover, ...] = ()  # every live cover of the member

    @property
    def refused(self) -> str:
        """Why these months may not be paid: some are a sponsor's (Indonesian), or ""."""
        return check_payment_months(self.from_month, self.months, self.covers)

    @property
    def amount(self) -> int:
        return self.breakdown.total


@dataclass(frozen=True)
class Payment:
    id: str
    member_id: str
    from_month: str
    months: int
    to_month: str
    amount: int
    paid_on: str
    channel: str
    note: str
    created_by: str


def covered_until_of(store: Store, member: MemberRow) -> date | None:
    """The last month of the live covers that continue the member's own months (None:
    none does), as the status counts read it (`enrolments.covered_until`)."""
    if member.enrolment_id is None:
        return None
    row = store.conn.execute("SELECT covered_until FROM enrolments WHERE id = ?",
                             (member.enrolment_id,)).fetchone()
    return parse_month(row[0]) if row and row[0] else None


@dataclass(frozen=True)
class PaidSoFar:
    """What a member has paid for their live enrolment, as the desk's edit note says it."""

    amount: int  # the payment at enrolment plus the live payments recorded since
    through: date | None  # the last month nobody owes for (`domain.status.paid_through`)


def paid_so_far(store: Store, member: MemberRow) -> PaidSoFar:
    """The Rupiah paid for the member's live enrolment (its `amount_paid` and the live
    payments recorded after it: payments never change `amount_paid`, so nothing counts
    twice) and the last month nobody owes for, their own months or a live sponsorship's,
    as the file holds them now (a form's row may predate a payment)."""
    if member.enrolment_id is None:
        return PaidSoFar(amount=0, through=None)
    row = store.conn.execute(
        "SELECT e.amount_paid, e.paid_until, e.covered_until, (SELECT coalesce(SUM(amount), 0) "
        "FROM payments WHERE member_id = e.member_id AND enrolment_id = e.id "
        "AND deleted_at IS NULL) FROM enrolments e WHERE e.id = ?",
        (member.enrolment_id,)).fetchone()
    if row is None:
        return PaidSoFar(amount=0, through=None)
    amount_paid, paid_until, covered_until, payments = row
    return PaidSoFar(amount=int(amount_paid or 0) + int(payments),
                     through=paid_through(parse_month(paid_until) if paid_until else None,
                                          parse_month(covered_until) if covered_until else None))


def covers_of(store: Store, member_id: str) -> list[Cover]:
    """The member's live covers, counted or not yet (`domain.status.covered_through`)."""
    return live_covers(store.conn, [member_id]).get(member_id, [])


def covering_sponsor(store: Store, member_id: str) -> Cover | None:
    """The live cover paying the member's last covered month (whom to name): of those
    that count (`covered_until`), never one still waiting after a gap."""
    member = MemberRepository(store).get(member_id)
    if member is None:
        return None
    return last_counted_cover(covers_of(store, member_id), covered_until_of(store, member))


def next_unpaid_month(member: MemberRow, covered_until: date | None = None) -> date:
    """The first month no payment and no live sponsorship (`covered_until`) covers yet:
    where a new payment starts by default."""
    if member.start_month is None:
        raise StoreError("Peserta ini belum punya data kepesertaan.")
    paid = parse_month(member.paid_until) if member.paid_until else None
    return first_unpaid_month(paid_through(paid, covered_until), parse_month(member.start_month))


def next_unpaid_month_of(store: Store, member: MemberRow) -> date:
    """`next_unpaid_month` with the member's live sponsorship covers read from the file."""
    return next_unpaid_month(member, covered_until_of(store, member))


def payment_starts_for(store: Store, member: MemberRow, today: date) -> list[PaymentStart]:
    """Where this member's next payment may start (`domain.payment_start`): the first
    month nobody has paid for, and the current month only when the membership has
    lapsed."""
    if member.start_month is None:
        raise StoreError("Peserta ini belum punya data kepesertaan.")
    paid = parse_month(member.paid_until) if member.paid_until else None
    return payment_starts(paid, parse_month(member.start_month), today, load_rates(store),
                          covered_until=covered_until_of(store, member),
                          covers=covers_of(store, member.id))


def quote_payment(store: Store, member_id: str, months: int,
                  from_month: date | None = None, today: date | None = None) -> PaymentQuote:
    """The amount by the domain rules and this file's rates, for `months` from `from_month`
    (default: the first month nobody has paid for), each month at its own rate. `months`:
    any number up to the months owed on `today` (arrears up to the current month), or 1,
    3, 6 or 12 (`domain.payment_start.payment_month_choices`)."""
    member = MemberRepository(store).get(member_id)
    if member is None:
        raise RecordNotFound("Peserta tidak ditemukan (mungkin sudah dihapus).")
    if member.enrolment_id is None or member.income is None:
        raise StoreError("Peserta ini belum punya data kepesertaan.")
    covered = covered_until_of(store, member)
    start = parse_month(from_month) if from_month else next_unpaid_month(member, covered)
    refused = check_payment_count(months, start, today or date.today())
    if refused:
        raise StoreError(refused)
    breakdown = months_payment(
        member.income, start, months, member.sector or "non_transport",
        member.funding or "self", bool(member.with_jht), load_rates(store))
    return PaymentQuote(member=member, from_month=start,
                        to_month=add_months(start, months - 1), months=months,
                        breakdown=breakdown, covered_until=covered,
                        covers=tuple(covers_of(store, member_id)))


def record_payment(store: Store, member_id: str, *, months: int, paid_on: date,
                   channel: str, from_month: date | None = None, note: str = "",
                   today: date | None = None) -> Payment:
    """One transaction: the payment row and the enrolment's new `paid_until` (with the
    `covered_until` that follows), both audited. A start that skips unpaid months of a
    member who is not inactive is refused, and so are months a sponsor pays for."""
    if channel not in PAYMENT_CHANNELS:
        raise StoreError("Pilih saluran pembayaran.")
    today = today or date.today()
    if paid_on > today:
        raise StoreError("Tanggal bayar tidak boleh di masa depan.")
    with store.write():
        quote = quote_payment(store, member_id, months, from_month, today)
        member = quote.member
        assert member.enrolment_id is not None and member.start_month is not None
        # Never past months still owed: only a lapsed membership restarts this month.
        refused = check_payment_start(
            quote.from_month, parse_month(member.paid_until) if member.paid_until else None,
            parse_month(member.start_month), today, load_rates(store),
            covered_until=quote.covered_until, covers=quote.covers) or quote.refused
        if refused:
            raise StoreError(refused)
        row = insert_record(store, "payments", {
            "member_id": member_id, "enrolment_id": member.enrolment_id,
            "from_month": format_month(quote.from_month), "months": months,
            "to_month": format_month(quote.to_month), "amount": quote.amount,
            "paid_on": paid_on.isoformat(), "channel": channel, "note": note.strip(),
        })
        new_until = format_month(quote.to_month)
        if member.paid_until is None or new_until > member.paid_until:
            # Paying the months before a cover makes it continue the member's own months.
            update_record(store, "enrolments", member.enrolment_id,
                          {"paid_until": new_until,
                           "covered_until": covered_until_text(quote.covers, new_until)},
                          source="payment")
    return _payment(row)


def _payment(row: dict[str, object]) -> Payment:
    return Payment(
        id=str(row["id"]), member_id=str(row["member_id"]), from_month=str(row["from_month"]),
        months=int(str(row["months"])), to_month=str(row["to_month"]),
        amount=int(str(row["amount"])), paid_on=str(row["paid_on"]),
        channel=str(row["channel"]), note=str(row["note"] or ""),
        created_by=str(row["created_by"]),
    )


def payments_for(store: Store, member_id: str) -> list[Payment]:
    """A member's payments, newest first."""
    cur = store.conn.execute(
        "SELECT id, member_id, from_month, months, to_month, amount, paid_on, channel, note, "
        "created_by FROM payments WHERE member_id = ? AND deleted_at IS NULL "
        "ORDER BY paid_on DESC, created_at DESC", (member_id,))
    names = [d[0] for d in cur.description]
    return [_payment(dict(zip(names, r, strict=True))) for r in cur.fetchall()]
