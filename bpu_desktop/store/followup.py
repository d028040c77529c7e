"""The follow-up list (Tindak lanjut): members behind on payment and sponsorships about to
end, with a ready reminder message, and "sudah dihubungi" marks (audited records).

A contact mark remembers the situation it answered (`state`: the member's paid_until, or
the sponsorship's end month): once the member pays or the sponsorship is renewed, the old
mark no longer applies and a new lapse shows as not yet contacted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bpu_desktop.domain.contributions import monthly_contribution, months_total
from bpu_desktop.domain.followup import (
    StatusCutoffs,
    arrears_message,
    sponsorship_message,
)
from bpu_desktop.domain.months import add_months, parse_month
from bpu_desktop.domain.status import lapses_soon, unpaid_months

from .aggregates import Area
from .database import Store
from .progress_stats import area_of
from .records import insert_record
from .reference import load_rates
from .status_counts import cutoffs_for

# Which members the list shows.
SHOW_ARREARS = "menunggak"  # every member with 1..N-1 unpaid months
SHOW_LAPSING = "segera_nonaktif"  # only those one missed due date from inactive
SHOW_INACTIVE = "nonaktif"
SHOW_CHOICES = {
    SHOW_ARREARS: "Menunggak",
    SHOW_LAPSING: "Segera nonaktif",
    SHOW_INACTIVE: "Sudah nonaktif",
}
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
    paid_until: str
    unpaid_months: int
    lapses_soon: bool
    contacted_on: str | None
    message: str


@dataclass(frozen=True)
class FollowupQuery:
    today: date
    show: str = SHOW_ARREARS
    area: str | None = None
    hide_contacted: bool = False


def _where(q: FollowupQuery, cut: StatusCutoffs) -> tuple[str, list[Any]]:
    clauses, params = ["e.deleted_at IS NULL"], []
    if q.show == SHOW_LAPSING:
        clauses.append("e.paid_until = ?")
        params.append(cut.lapse_month_text or "")
    elif q.show == SHOW_INACTIVE:
        clauses.append("e.paid_until < ?")
        params.append(cut.arrears_from_text)
    else:
        clauses.append("e.paid_until >= ? AND e.paid_until < ?")
        params += [cut.arrears_from_text, cut.active_from_text]
    area: Area | None = area_of(q.area)
    if area is not None:
        sql, values = area.clause("e.kecamatan_code")
        clauses.append(sql)
        params += values
    if q.hide_contacted:
        clauses.append(f"NOT EXISTS ({_CONTACT_SQL})")
        params.append(REASON_ARREARS)
    return " AND ".join(clauses), params


_CONTACT_SQL = ("SELECT 1 FROM followup_contacts f WHERE f.member_id = e.member_id "
                "AND f.reason = ? AND f.state = e.paid_until AND f.deleted_at IS NULL")


def count_members(store: Store, q: FollowupQuery) -> int:
    where, params = _where(q, cutoffs_for(store, q.today))
    return int(store.conn.execute(
        f"SELECT COUNT(*) FROM enrolments e WHERE {where}", params).fetchone()[0])


def members_page(store: Store, q: FollowupQuery, offset: int, limit: int) -> list[FollowupMember]:
    """Longest unpaid first (closest to lapsing); a page at a time. Within one paid_until
    month the order follows the index (paid_until, member_id), not the name: sorting
    100,000 members in arrears by name on every page would take seconds."""
    cut = cutoffs_for(store, q.today)
    rates = load_rates(store)
    where, params = _where(q, cut)
    rows = store.conn.execute(
        "SELECT m.id, m.name, m.nik, m.sex, m.phone, e.kecamatan_code, e.segment, "
        "e.paid_until, e.start_month, e.income, e.sector, e.funding, e.with_jht, "
        "(SELECT max(f.contacted_on) FROM followup_contacts f "
        " WHERE f.member_id = e.member_id AND f.reason = ? AND f.state = e.paid_until "
        " AND f.deleted_at IS NULL) "
        f"FROM enrolments e JOIN members m ON m.id = e.member_id AND m.deleted_at IS NULL "
        f"WHERE {where} ORDER BY e.paid_until, e.member_id LIMIT ? OFFSET ?",
        [REASON_ARREARS, *params, limit, offset],
    ).fetchall()
    result = []
    for (mid, name, nik, sex, phone, kec, segment, paid_until, start, income, sector, funding,
         with_jht, contacted) in rows:
        paid = parse_month(paid_until)
        unpaid = unpaid_months(paid, parse_month(start), q.today, rates.payment_due_day)
        owed = per_month = None
        if income:  # what the reminder asks for: the unpaid months, each at its own rate
            terms = (sector or "non_transport", funding or "self", bool(with_jht))
            owed = months_total(income, add_months(paid, 1), unpaid, *terms, rates)
            per_month = monthly_contribution(income, q.today, *terms, rates).total
        result.append(FollowupMember(
            member_id=mid, name=name, nik=nik, sex=sex, phone=phone or "",
            kecamatan_code=kec, segment=segment, paid_until=paid_until,
            unpaid_months=unpaid, lapses_soon=lapses_soon(paid, parse_month(start), q.today, rates),
            contacted_on=contacted,
            message=arrears_message(name=name, sex=sex, paid_until=paid, unpaid=unpaid,
                                    today=q.today, rates=rates, owed=owed,
                                    per_month=per_month),
        ))
    return result


def mark_contacted(store: Store, member_id: str, *, on: date, note: str = "") -> None:
    """Record "sudah dihubungi" for the member's current lapse (audited)."""
    with store.write():
        row = store.conn.execute(
            "SELECT paid_until FROM enrolments WHERE member_id = ? AND deleted_at IS NULL",
            (member_id,)).fetchone()
        state = row[0] if row else ""
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


def ending_sponsorships(store: Store, today: date, days: int = 30) -> list[EndingSponsorship]:
    """Sponsorships whose last covered month ends within `days` days from `today`."""
    if not sponsorships_available(store):
        return []
    # A sponsorship covers its end month entirely: it ends on that month's last day, so
    # "ends within 30 days" is end_month between this month and the month of today+30.
    first = today.strftime("%Y-%m")
    last = (today + timedelta(days=days)).strftime("%Y-%m")
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
