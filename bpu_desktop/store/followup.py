"""The follow-up list (Tindak lanjut): members behind on payment and sponsorships about to
end, with a ready reminder message, and "sudah dihubungi" marks (audited records).

Members are listed by the last month nobody owes for (`domain.status.paid_through`): their
own paid_until, or later the last month of the live sponsorships' covers that continue it
(`covered_until`), so a worker whose sponsor pays is not chased, and one whose sponsorship
ended is chased for the months after it, with the sponsorship (or budget) named. A worker
whose sponsor's cover starts after months they still owe is chased for those months, the
row saying the cover waits for them (`domain.followup.pending_cover`).

A contact mark remembers the situation it answered (`state`: that month for a member, the
sponsorship's end month for a sponsor): once the member pays or the member's or sponsor's
sponsorship is renewed, the old mark no longer applies and a new lapse shows as not yet
contacted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bpu_desktop.domain.followup import (
    SHOW_ARREARS,
    SHOW_INACTIVE,
    SHOW_LAPSING,
    PaidBy,
    StatusCutoffs,
    WaitingCover,
    arrears_amounts,
    arrears_message,
    last_counted_cover,
    pending_cover,
    sponsorship_message,
    who_paid_last,
)
from bpu_desktop.domain.months import add_months, format_month, parse_month
from bpu_desktop.domain.sponsorship import RENEWAL_WINDOW_DAYS, Cover, renewal_due
from bpu_desktop.domain.status import lapses_soon, paid_through, unpaid_months

from .aggregates import Area
from .covers import live_covers
from .database import Store
from .progress_stats import area_of
from .records import insert_record
from .reference import load_rates
from .status_counts import COVERED_BEYOND, Condition, cutoffs_for, status_ranges

REASON_ARREARS = "tunggakan"
REASON_SPONSORSHIP = "sponsor_berakhir"


@dataclass(frozen=True)
class FollowupMember:
    member_id: str
    name: str
    nik: str
    sex: str
    phone: str
    kecamatan_code: str
    segment: str
    paid_until: str  # the last month nobody owes for: own payments or a live sponsorship
    unpaid_months: int
    lapses_soon: bool
    contacted_on: str | None
    message: str
    # Who paid up to paid_until when not the member ("Tanggungan ... berakhir"), and a
    # sponsor's cover waiting for the months owed ("Tanggungan ... berlaku setelah ...").
    note: str = ""


@dataclass(frozen=True)
class FollowupQuery:
    today: date
    show: str = SHOW_ARREARS
    area: str | None = None
    hide_contacted: bool = False


def _show(q: FollowupQuery, cut: StatusCutoffs) -> tuple[Condition, list[Any]]:
    """The chosen list as a condition on a month column ("YYYY-MM")."""
    _aktif, arrears, inactive, lapsing = status_ranges(cut)
    if q.show == SHOW_LAPSING:
        return lapsing
    if q.show == SHOW_INACTIVE:
        return inactive
    return arrears


Where = Callable[..., tuple[str, list[Any]]]


def _where(q: FollowupQuery, cut: StatusCutoffs) -> Where:
    """`where(month_column, *conditions, params=())`: the WHERE of enrolments in the
    chosen list by that month column (paid_until or covered_until), its area and contact
    filter; `params` are the conditions' own."""
    cond, values = _show(q, cut)
    base, base_params = ["e.deleted_at IS NULL"], []
    area: Area | None = area_of(q.area)
    if area is not None:
        sql, area_values = area.clause("e.kecamatan_code")
        base.append(sql)
        base_params += area_values

    def where(column: str, *conditions: str,
              params: Sequence[Any] = ()) -> tuple[str, list[Any]]:
        clauses = [*base, *conditions, cond(column)]
        params = [*base_params, *params, *values]
        if q.hide_contacted:
            clauses.append(f"NOT EXISTS ({_contact_sql(column)})")
            params.append(REASON_ARREARS)
        return " AND ".join(clauses), params

    return where


def _contact_sql(month: str) -> str:
    """A live contact mark answering the member's lapse at `month` (its `state`)."""
    return ("SELECT 1 FROM followup_contacts f WHERE f.member_id = e.member_id "
            f"AND f.reason = ? AND f.state = {month} AND f.deleted_at IS NULL")


def count_members(store: Store, q: FollowupQuery) -> int:
    """The paid_until range count on its index, less the enrolments in that range a
    sponsor covers beyond paid_until, plus those whose covered_until is in the range (both
    on the partial index of covered enrolments). Index-only but for the contact check."""
    where = _where(q, cutoffs_for(store, q.today))
    (by_paid, p1), (covered_by_paid, p2), (by_covered, p3) = (
        where("e.paid_until"), where("e.paid_until", COVERED_BEYOND),
        where("e.covered_until", COVERED_BEYOND))
    count = "(SELECT COUNT(*) FROM enrolments e WHERE {})"
    row = store.conn.execute(
        f"SELECT {count.format(by_paid)} - {count.format(covered_by_paid)} "
        f"+ {count.format(by_covered)}", [*p1, *p2, *p3]).fetchone()
    return int(row[0])


def listed_enrolments(store: Store, q: FollowupQuery, *, conditions: Sequence[str] = (),
                      params: Sequence[Any] = ()) -> tuple[str, list[Any]]:
    """The enrolments of the list as `SELECT r, month, mid` (rowid, the last month nobody
    owes for, member id), with further `conditions` on `e`: those counted by their own
    paid_until, then those a sponsor covers beyond it by their covered_until. A UNION ALL:
    give it an ORDER BY, or select from it. Used by the page and the monthly report's
    Tindak Lanjut sheet (`export_rows.iter_arrears`), so both list the same members."""
    where = _where(q, cutoffs_for(store, q.today))
    own_where, own_params = where("e.paid_until", f"NOT ({COVERED_BEYOND})", *conditions,
                                  params=params)
    cov_where, cov_params = where("e.covered_until", COVERED_BEYOND, *conditions,
                                  params=params)
    return ("SELECT e.rowid AS r, e.paid_until AS month, e.member_id AS mid FROM enrolments e "
            f"WHERE {own_where} UNION ALL "
            "SELECT e.rowid, e.covered_until, e.member_id FROM enrolments e "
            f"WHERE {cov_where}"), [*own_params, *cov_params]


@dataclass(frozen=True)
class Payer:
    """What `who_paid_last` needs of an enrolment besides its covers."""

    paid_until: str  # the member's own ("YYYY-MM")
    covered_until: str | None
    start_month: str
    months_paid: int | None
    funding: str | None


def paid_by(e: Payer, covers: Sequence[Cover]) -> PaidBy | None:
    """Who paid the member's last month nobody owes for, when not the member (the list's
    note: "Tanggungan ... berakhir ...")."""
    covered = parse_month(e.covered_until) if e.covered_until else None
    last = last_counted_cover(covers, covered)
    first = parse_month(e.start_month)
    return who_paid_last(
        paid_until=parse_month(e.paid_until),
        covered_until=covered,
        sponsor=last.label if last else "", sponsor_funding=last.funding if last else "",
        funding=e.funding or "self",
        enrolment_paid_until=add_months(first, max(int(e.months_paid or 1), 1) - 1))


def waiting_of(e: Payer, covers: Sequence[Cover]) -> WaitingCover | None:
    """A sponsor's cover that waits for months the member owes (`pending_cover`)."""
    return pending_cover(parse_month(e.paid_until), covers) if covers else None


def row_note(paid: PaidBy | None, waiting: WaitingCover | None) -> str:
    """The list's Keterangan: who paid last when not the member, and a waiting cover."""
    return "; ".join(n for n in (paid.note if paid else "", waiting.note if waiting else "")
                     if n)


def members_page(store: Store, q: FollowupQuery, offset: int, limit: int) -> list[FollowupMember]:
    """Longest unpaid first (closest to lapsing); a page at a time. Within one month the
    order follows the index (paid_until, member_id), not the name: sorting 100,000
    members in arrears by name on every page would take seconds. The covered enrolments
    are merged in by their covered_until (a UNION ALL with ORDER BY merges two ordered
    walks, no sort of the whole list)."""
    rates = load_rates(store)
    listed, listed_params = listed_enrolments(store, q)
    rows = store.conn.execute(
        f"WITH page AS ({listed} ORDER BY 2, 3 LIMIT ? OFFSET ?) "
        "SELECT m.id, m.name, m.nik, m.sex, m.phone, e.kecamatan_code, e.segment, "
        "page.month, e.paid_until, e.covered_until, e.start_month, e.months_paid, "
        "e.income, e.sector, e.funding, e.with_jht, "
        "(SELECT max(f.contacted_on) FROM followup_contacts f "
        " WHERE f.member_id = e.member_id AND f.reason = ? AND f.state = page.month "
        " AND f.deleted_at IS NULL) "
        "FROM page JOIN enrolments e ON e.rowid = page.r "
        "JOIN members m ON m.id = e.member_id AND m.deleted_at IS NULL "
        "ORDER BY page.month, page.mid",
        [*listed_params, limit, offset, REASON_ARREARS],
    ).fetchall()
    # Every row's covers, not only those with covered_until: a cover after a gap waits.
    covers = live_covers(store.conn, [r[0] for r in rows])
    result = []
    for (mid, name, nik, sex, phone, kec, segment, month, own_paid, covered, start,
         months_paid, income, sector, funding, with_jht, contacted) in rows:
        through = parse_month(month)
        first = parse_month(start)
        unpaid = unpaid_months(through, first, q.today, rates.payment_due_day)
        e = Payer(own_paid, covered, start, months_paid, funding)
        payer = paid_by(e, covers.get(mid, []))
        waiting = waiting_of(e, covers.get(mid, []))
        owed = per_month = None
        if income:  # what the reminder asks for: the member's own months, self-funded
            owed, per_month = arrears_amounts(
                income=income, sector=sector, with_jht=bool(with_jht), paid_through=through,
                unpaid=waiting.owed_months(unpaid) if waiting else unpaid, today=q.today,
                rates=rates)
        result.append(FollowupMember(
            member_id=mid, name=name, nik=nik, sex=sex, phone=phone or "",
            kecamatan_code=kec, segment=segment, paid_until=month,
            unpaid_months=unpaid, lapses_soon=lapses_soon(through, first, q.today, rates),
            contacted_on=contacted,
            message=arrears_message(name=name, sex=sex, paid_until=through, unpaid=unpaid,
                                    today=q.today, rates=rates, owed=owed,
                                    per_month=per_month, paid_by=payer, waiting=waiting),
            note=row_note(payer, waiting),
        ))
    return result


def mark_contacted(store: Store, member_id: str, *, on: date, note: str = "") -> None:
    """Record "sudah dihubungi" for the member's current lapse (audited): its state is the
    last month nobody owes for, so a payment or a changed sponsorship makes a new lapse."""
    with store.write():
        row = store.conn.execute(
            "SELECT paid_until, covered_until FROM enrolments WHERE member_id = ? "
            "AND deleted_at IS NULL", (member_id,)).fetchone()
        state = ""
        if row:
            through = paid_through(parse_month(row[0]),
                                   parse_month(row[1]) if row[1] else None)
            state = format_month(through) if through else row[0]
        insert_record(store, "followup_contacts", {
            "member_id": member_id, "sponsorship_id": None, "reason": REASON_ARREARS,
            "state": state, "contacted_on": on.isoformat(), "note": note.strip()})


# -- sponsorships (tables from the events/sponsors migration, m002) -------------------------

@dataclass(frozen=True)
class EndingSponsorship:
    sponsorship_id: str
    sponsor: str
    contact: str
    phone: str
    pledged: int
    assigned: int
    end_month: str
    contacted_on: str | None
    message: str


def sponsorships_available(store: Store) -> bool:
    """True when this file has the sponsor tables (the Sponsor feature is installed)."""
    names = {r[0] for r in store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    return {"sponsors", "sponsorships", "sponsored_members"} <= names


def ending_sponsorships(store: Store, today: date) -> list[EndingSponsorship]:
    """Sponsorships due for renewal on `today` (`domain.sponsorship.renewal_due`): the last
    day of the end month is within RENEWAL_WINDOW_DAYS days."""
    if not sponsorships_available(store):
        return []
    # The query only narrows to the end months the window can reach (this month to the
    # month of today + the window); `renewal_due` decides, counting days to the end
    # month's last day, so a month that merely starts within the window is not listed.
    first = format_month(today)
    last = format_month(today + timedelta(days=RENEWAL_WINDOW_DAYS))
    rows = store.conn.execute(
        "SELECT s.id, sp.name, sp.contact_person, sp.phone, s.pledged, s.end_month, "
        " (SELECT COUNT(*) FROM sponsored_members sm WHERE sm.sponsorship_id = s.id), "
        " (SELECT max(f.contacted_on) FROM followup_contacts f WHERE f.sponsorship_id = s.id "
        "  AND f.reason = ? AND f.state = s.end_month AND f.deleted_at IS NULL) "
        "FROM sponsorships s JOIN sponsors sp ON sp.id = s.sponsor_id "
        "WHERE s.deleted_at IS NULL AND sp.deleted_at IS NULL "
        "AND s.end_month >= ? AND s.end_month <= ? ORDER BY s.end_month, sp.name",
        (REASON_SPONSORSHIP, first, last)).fetchall()
    return [
        EndingSponsorship(
            sponsorship_id=sid, sponsor=name, contact=contact or "", phone=phone or "",
            pledged=int(pledged), assigned=int(assigned), end_month=end,
            contacted_on=contacted,
            message=sponsorship_message(contact=contact or "", sponsor=name,
                                        workers=int(assigned), ends=parse_month(end),
                                        pledged=int(pledged)),
        )
        for sid, name, contact, phone, pledged, end, assigned, contacted in rows
        if renewal_due(parse_month(end), today)
    ]


def mark_sponsorship_contacted(store: Store, sponsorship_id: str, *, on: date,
                               note: str = "") -> None:
    with store.write():
        row = store.conn.execute(
            "SELECT end_month FROM sponsorships WHERE id = ?", (sponsorship_id,)).fetchone()
        insert_record(store, "followup_contacts", {
            "member_id": None, "sponsorship_id": sponsorship_id,
            "reason": REASON_SPONSORSHIP, "state": row[0] if row else "",
            "contacted_on": on.isoformat(), "note": note.strip()})
