"""Sponsors, their sponsorships and the workers they pay for.

Amounts come from the domain (month by month, with this file's rates); the store only
counts who is assigned. "One sponsorship per member per month" is checked here, inside the
transaction that assigns, with the domain's rule and message.

A sponsor's area (`kecamatan_code`) is a kecamatan, a whole city or regency ("33.12": a
Pemkab paying for workers across Wonogiri) or "" (none). Figures by sponsor (pledged,
assigned, sponsors, their monthly cost) place a sponsor by its area with the domain's rule
(`regions.within_area`, in SQL `sponsor_area_clause`): a city-wide sponsor counts in its
city and the branch, in no single kecamatan; one without an area only in the branch.
Figures by worker (enrolments, status) keep counting each worker in their own kecamatan.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from bpu_desktop.domain.months import format_month, month_start, parse_month
from bpu_desktop.domain.pledge_months import (
    Months,
    months_paid_twice,
    paid_twice_warning,
    pledge_month_error,
    pledge_package_error,
)
from bpu_desktop.domain.reference import Rates
from bpu_desktop.domain.sponsorship import (
    PACKAGES,
    Cover,
    SponsorshipAmounts,
    SponsorshipInput,
    check_single_sponsor,
    months_left,
    progress_percent,
    sponsorship_amounts,
    sponsorship_label,
    warnings,
)

from .aggregates import Area, Period
from .covers import covered_until_for, refresh_covers
from .database import Store
from .errors import FieldRefusedError, RecordNotFound, StoreError
from .like import ESCAPE, like_escape
from .records import delete_record, get_record, insert_record, save_record, update_record
from .reference import load_rates


@dataclass(frozen=True)
class SponsorshipRow:
    id: str
    sponsor_id: str
    sponsor_name: str
    pledged: int
    package: str
    start_month: str
    end_month: str
    funding: str
    sector: str
    income: int
    notes: str
    version: int
    assigned: int
    assigned_this_month: int
    amounts: SponsorshipAmounts
    due_this_month: int
    months_left: int
    progress: int
    warnings: tuple[str, ...]

    @property
    def start(self) -> date:
        return parse_month(self.start_month)

    @property
    def end(self) -> date:
        return parse_month(self.end_month)

    @property
    def label(self) -> str:
        return sponsorship_label(self.sponsor_name, self.start, self.end)

    @property
    def package_label(self) -> str:
        return PACKAGES.get(self.package, self.package)


@dataclass(frozen=True)
class SponsorRow:
    id: str
    name: str
    type: str
    npp: str
    contact_person: str
    phone: str
    kecamatan_code: str  # the area: a kecamatan, a whole city ("33.12") or ""
    kelurahan: str
    notes: str
    version: int
    pledged: int
    assigned: int
    due_this_month: int
    months_left: int
    warnings: int


@dataclass(frozen=True)
class AssignedMember:
    member_id: str
    nik: str
    name: str
    kecamatan_code: str
    from_month: str
    to_month: str
    linked: bool  # False: enrolled straight into the sponsorship from the desk


@dataclass(frozen=True)
class PaidTwice:
    """Months of a pledge a member already paid (`SponsorRepository.paid_twice`)."""

    member: str
    pledge: Months
    paid_until: date
    months: Months
    funding: str | None

    @property
    def warning(self) -> str:
        return paid_twice_warning(self.member, self.pledge, self.paid_until, self.months,
                                  self.funding)


_SPONSOR_COLS = ("id", "name", "type", "npp", "contact_person", "phone", "kecamatan_code",
                 "kelurahan", "notes", "version")
# Current sponsorships of a sponsor: not ended before this month.
_CURRENT = "sp.sponsor_id = s.id AND sp.deleted_at IS NULL AND sp.end_month >= ?"
_PLEDGED = f"(SELECT COALESCE(SUM(sp.pledged), 0) FROM sponsorships sp WHERE {_CURRENT})"
_ASSIGNED = (f"(SELECT COUNT(DISTINCT sm.member_id) FROM sponsorships sp JOIN sponsored_members sm "
             f"ON sm.sponsorship_id = sp.id WHERE {_CURRENT})")
SPONSOR_SORT = {"name": "s.name", "type": "s.type", "pledged": "pledged",
                "assigned": "assigned", "kecamatan": "s.kecamatan_code"}


@dataclass(frozen=True)
class SponsorQuery:
    search: str = ""
    sort: str = "name"
    descending: bool = False

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = ["s.deleted_at IS NULL"], []
        text = like_escape(self.search.strip())
        if text:
            clauses.append(f"(s.name LIKE ? {ESCAPE} OR s.npp LIKE ? {ESCAPE} "
                           f"OR s.contact_person LIKE ? {ESCAPE})")
            params += [f"%{text}%", f"{text}%", f"%{text}%"]
        return " AND ".join(clauses), params


class SponsorRepository:
    def __init__(self, store: Store, *, today: date | None = None) -> None:
        self.store = store
        self._today = today

    @property
    def today(self) -> date:
        return self._today or date.today()

    def _rates(self) -> Rates:
        return load_rates(self.store)

    # -- sponsors -------------------------------------------------------------------
    def count(self, query: SponsorQuery = SponsorQuery()) -> int:
        where, params = query.where()
        return int(self.store.conn.execute(
            f"SELECT COUNT(*) FROM sponsors s WHERE {where}", params).fetchone()[0])

    def page(self, query: SponsorQuery, offset: int, limit: int) -> list[SponsorRow]:
        where, params = query.where()
        this_month = format_month(self.today)
        column = SPONSOR_SORT.get(query.sort, "s.name")
        direction = "DESC" if query.descending else "ASC"
        sql = (f"SELECT {', '.join('s.' + c for c in _SPONSOR_COLS)}, {_PLEDGED} AS pledged, "
               f"{_ASSIGNED} AS assigned FROM sponsors s WHERE {where} "
               f"ORDER BY {column} {direction}, s.name, s.id LIMIT ? OFFSET ?")
        rows = self.store.conn.execute(
            sql, [this_month, this_month, *params, limit, offset]).fetchall()
        # The figures of the whole page from one query, not one per sponsor (a save at the
        # desk reloads this list: 51 sponsors took about 1 s on a 50,000-member file).
        by_sponsor: dict[str, list[SponsorshipRow]] = {str(r[0]): [] for r in rows}
        for s in self._sponsorships_of(list(by_sponsor)):
            by_sponsor[s.sponsor_id].append(s)
        return [self._sponsor_row(r, by_sponsor[str(r[0])]) for r in rows]

    def get(self, sponsor_id: str) -> SponsorRow | None:
        this_month = format_month(self.today)
        row = self.store.conn.execute(
            f"SELECT {', '.join('s.' + c for c in _SPONSOR_COLS)}, {_PLEDGED}, {_ASSIGNED} "
            "FROM sponsors s WHERE s.id = ? AND s.deleted_at IS NULL",
            (this_month, this_month, sponsor_id)).fetchone()
        return self._sponsor_row(row, self.sponsorships(sponsor_id)) if row else None

    def _sponsor_row(self, r: tuple[Any, ...], sponsorships: list[SponsorshipRow]) -> SponsorRow:
        current = [s for s in sponsorships if s.end >= month_start(self.today)]
        return SponsorRow(
            **_leading(SponsorRow, r, 10), pledged=int(r[10]), assigned=int(r[11]),
            due_this_month=sum(s.due_this_month for s in current),
            months_left=max((s.months_left for s in current), default=0),
            warnings=sum(len(s.warnings) for s in current),
        )

    def save_sponsor(self, clean: dict[str, Any], sponsor_id: str | None = None, *,
                     expected_version: int | None = None, source: str = "form") -> SponsorRow:
        with self.store.write():
            sponsor_id = save_record(self.store, "sponsors", sponsor_id, clean, source=source,
                                     expected_version=expected_version)
            row = self.get(sponsor_id)
        if row is None:
            raise RecordNotFound("Sponsor tidak ditemukan.")
        return row

    def delete_sponsor(self, sponsor_id: str, *, source: str = "form") -> None:
        """Soft delete the sponsor, its sponsorships and their assignments together."""
        with self.store.write():
            if get_record(self.store, "sponsors", sponsor_id) is None:
                raise RecordNotFound("Sponsor tidak ditemukan (mungkin sudah dihapus).")
            for s in self.sponsorships(sponsor_id):
                self.delete_sponsorship(s.id, source=source)
            delete_record(self.store, "sponsors", sponsor_id, source=source)

    # -- sponsorships ---------------------------------------------------------------
    def sponsorships(self, sponsor_id: str | None = None) -> list[SponsorshipRow]:
        """Sponsorships (of one sponsor, or all), newest first, with computed figures."""
        return self._sponsorships_of(None if sponsor_id is None else [sponsor_id])

    def _sponsorships_of(self, sponsor_ids: list[str] | None) -> list[SponsorshipRow]:
        """The sponsorships of these sponsors (None: of all) in one query: the workers of
        every sponsorship are counted in one grouped pass over `sponsored_members`."""
        if sponsor_ids == []:
            return []
        this_month = format_month(self.today)
        chosen, params = "", [this_month, this_month]
        if sponsor_ids is not None:
            marks = ", ".join("?" * len(sponsor_ids))
            chosen = f" AND sp.sponsor_id IN ({marks})"
            params += sponsor_ids
        sql = ("SELECT sp.id, sp.sponsor_id, s.name, sp.pledged, sp.package, sp.start_month, "
               "sp.end_month, sp.funding, sp.sector, sp.income, sp.notes, sp.version, "
               "COALESCE(f.assigned, 0), COALESCE(f.now_assigned, 0) "
               "FROM sponsorships sp JOIN sponsors s ON s.id = sp.sponsor_id "
               "LEFT JOIN (SELECT sm.sponsorship_id, COUNT(DISTINCT sm.member_id) AS assigned, "
               "  COUNT(DISTINCT CASE WHEN sm.from_month <= ? AND sm.to_month >= ? "
               "                      THEN sm.member_id END) AS now_assigned "
               "  FROM sponsored_members sm GROUP BY sm.sponsorship_id) f "
               "ON f.sponsorship_id = sp.id "
               f"WHERE sp.deleted_at IS NULL{chosen} ORDER BY sp.start_month DESC, sp.id")
        rates = self._rates()
        return [self._sponsorship_row(r, rates) for r in self.store.conn.execute(sql, params)]

    def get_sponsorship(self, sponsorship_id: str) -> SponsorshipRow | None:
        return next((s for s in self._all_with_id(sponsorship_id)), None)

    def _all_with_id(self, sponsorship_id: str) -> list[SponsorshipRow]:
        row = self.store.conn.execute(
            "SELECT sponsor_id FROM sponsorships WHERE id = ? AND deleted_at IS NULL",
            (sponsorship_id,)).fetchone()
        if row is None:
            return []
        return [s for s in self.sponsorships(row[0]) if s.id == sponsorship_id]

    def _sponsorship_row(self, r: tuple[Any, ...], rates: Rates) -> SponsorshipRow:
        start, end = parse_month(r[5]), parse_month(r[6])
        pledged, assigned, now_assigned = int(r[3]), int(r[12]), int(r[13])
        amounts = sponsorship_amounts(income=int(r[9]), start=start, end=end, package=r[4],
                                      funding=r[7], workers=pledged, sector=r[8], rates=rates)
        today = self.today
        return SponsorshipRow(
            **_leading(SponsorshipRow, r, 12), assigned=assigned,
            assigned_this_month=now_assigned, amounts=amounts,
            due_this_month=amounts.per_worker_for(today) * now_assigned,
            months_left=months_left(end, today, start),
            progress=progress_percent(assigned, pledged),
            warnings=tuple(warnings(assigned=assigned, pledged=pledged, start=start,
                                    end=end, today=today)),
        )

    def save_sponsorship(self, sponsor_id: str, value: SponsorshipInput,
                         sponsorship_id: str | None = None, *,
                         expected_version: int | None = None,
                         source: str = "form") -> SponsorshipRow:
        """Insert or update; an update moves the assigned workers' months with it (and
        refuses if that would make a worker paid for twice in a month)."""
        values = {
            "sponsor_id": sponsor_id, "pledged": value.pledged, "package": value.package,
            "start_month": format_month(value.start), "end_month": format_month(value.end),
            "funding": value.funding, "sector": value.sector, "income": value.income,
            "notes": value.notes,
        }
        with self.store.write():
            if get_record(self.store, "sponsors", sponsor_id) is None:
                raise RecordNotFound("Sponsor tidak ditemukan (mungkin sudah dihapus).")
            if sponsorship_id is None:
                sponsorship_id = insert_record(self.store, "sponsorships", values,
                                               source=source)["id"]
            else:
                update_record(self.store, "sponsorships", sponsorship_id, values,
                              source=source, expected_version=expected_version)
                for link_id, member_id in self.store.conn.execute(
                        "SELECT id, member_id FROM sponsorship_members WHERE sponsorship_id = ? "
                        "AND deleted_at IS NULL", (sponsorship_id,)).fetchall():
                    self._check_free(member_id, sponsorship_id, value.start, value.end,
                                     ignore=sponsorship_id)
                    update_record(self.store, "sponsorship_members", link_id,
                                  {"from_month": values["start_month"],
                                   "to_month": values["end_month"]}, source=source)
                # Its workers' covered months move with it (a shorter pledge brings the
                # months it no longer covers back as the member's own).
                refresh_covers(self.store, [m.member_id for m in
                                            self.assigned_members(sponsorship_id)],
                               source=source)
            row = self.get_sponsorship(sponsorship_id)
        if row is None:
            raise RecordNotFound("Sponsor tidak ditemukan.")
        return row

    def delete_sponsorship(self, sponsorship_id: str, *, source: str = "form") -> None:
        with self.store.write():
            if get_record(self.store, "sponsorships", sponsorship_id) is None:
                raise RecordNotFound("Data sponsor tidak ditemukan (mungkin sudah dihapus).")
            for member in self.assigned_members(sponsorship_id):
                self.unassign(sponsorship_id, member.member_id, source=source)
            delete_record(self.store, "sponsorships", sponsorship_id, source=source)

    # -- assigned workers -----------------------------------------------------------
    def assigned_members(self, sponsorship_id: str) -> list[AssignedMember]:
        rows = self.store.conn.execute(
            "SELECT m.id, m.nik, m.name, m.kecamatan_code, sm.from_month, sm.to_month, "
            "sm.link_id IS NOT NULL FROM sponsored_members sm JOIN members m "
            "ON m.id = sm.member_id WHERE sm.sponsorship_id = ? ORDER BY m.name, m.id",
            (sponsorship_id,)).fetchall()
        return [AssignedMember(**_leading(AssignedMember, r, 6), linked=bool(r[6])) for r in rows]

    def covers_of(self, member_id: str) -> list[Cover]:
        rows = self.store.conn.execute(
            "SELECT sm.sponsorship_id, s.name, sm.from_month, sm.to_month FROM sponsored_members sm "
            "JOIN sponsorships sp ON sp.id = sm.sponsorship_id "
            "JOIN sponsors s ON s.id = sp.sponsor_id WHERE sm.member_id = ?",
            (member_id,)).fetchall()
        return [Cover(r[0], r[1], parse_month(r[2]), parse_month(r[3])) for r in rows]

    def _check_free(self, member_id: str, sponsorship_id: str, start: date, end: date,
                    *, ignore: str | None = None) -> None:
        name = self.store.conn.execute(
            "SELECT name FROM members WHERE id = ? AND deleted_at IS NULL", (member_id,)
        ).fetchone()
        if name is None:
            raise RecordNotFound("Peserta tidak ditemukan (mungkin sudah dihapus).")
        covers = [c for c in self.covers_of(member_id) if c.sponsorship_id != ignore]
        try:
            check_single_sponsor(covers, sponsorship_id=sponsorship_id, start=start, end=end,
                                 member=name[0])
        except ValueError as error:
            raise StoreError(str(error)) from None

    def refuse_if_full(self, sponsorship_id: str) -> None:
        """A full pledge takes nobody more by hand (assigned here or enrolled from the
        desk): the sponsor pays for the workers it pledged. It can still go over by a
        merge or a lowered pledge, and the page warns then."""
        now = self.get_sponsorship(sponsorship_id)
        if now is not None and now.assigned >= now.pledged:
            raise StoreError(
                f"Janji sponsor ini sudah penuh: {now.assigned} dari {now.pledged} pekerja "
                "ditanggung. Naikkan jumlah pekerja di janji sponsor bila sponsor "
                "menanggung lebih banyak.")

    def pledge_months(self, sponsorship_id: str) -> Months | None:
        """The first and last month of a live pledge (None: deleted or unknown)."""
        row = self.store.conn.execute(
            "SELECT start_month, end_month FROM sponsorships WHERE id = ? "
            "AND deleted_at IS NULL", (sponsorship_id,)).fetchone()
        return (parse_month(row[0]), parse_month(row[1])) if row else None

    def refuse_outside_pledge(self, sponsorship_id: str, start: date, months_paid: int,
                              funding: str | None, with_jht: bool | None = None) -> None:
        """An enrolment the pledge pays for starts in one of its months and its months
        paid end by its last (`pledge_months.pledge_month_error`), whoever saves it: the
        desk, an edit, a script. Raised as a `FieldRefusedError` on Mulai bulan, with the
        message the desk shows there while typing. Given `with_jht`, the enrolment's JHT
        choice must be the pledge's package too (`pledge_package_error`, on JHT): the
        sponsor pays the package it pledged, not the one typed."""
        row = self.store.conn.execute(
            "SELECT start_month, end_month, package FROM sponsorships WHERE id = ? "
            "AND deleted_at IS NULL", (sponsorship_id,)).fetchone()
        if row is None:
            return
        pledge = (parse_month(row[0]), parse_month(row[1]))
        message = pledge_month_error(pledge, start, months_paid, funding)
        if message:
            raise FieldRefusedError(message, "start_month")
        message = "" if with_jht is None else pledge_package_error(row[2], with_jht, funding)
        if message:
            raise FieldRefusedError(message, "with_jht")

    def paid_twice(self, sponsorship_id: str, member_id: str) -> PaidTwice | None:
        """The months of this pledge the member already paid (their live enrolment's start
        month to its `paid_until`, later payments included), which assigning them would
        have the sponsor pay again; None when there are none. Asked before `assign` (it
        does not refuse: the officer decides)."""
        pledge = self.pledge_months(sponsorship_id)
        row = self.store.conn.execute(
            "SELECT m.name, e.start_month, e.paid_until, e.funding FROM enrolments e "
            "JOIN members m ON m.id = e.member_id WHERE e.member_id = ? "
            "AND e.deleted_at IS NULL AND m.deleted_at IS NULL", (member_id,)).fetchone()
        if pledge is None or row is None or not row[1] or not row[2]:
            return None
        paid_until = parse_month(row[2])
        twice = months_paid_twice(pledge, (parse_month(row[1]), paid_until))
        if twice is None:
            return None
        return PaidTwice(member=str(row[0]), pledge=pledge, paid_until=paid_until,
                         months=twice, funding=row[3])

    def paid_twice_warning(self, sponsorship_id: str, member_id: str) -> str:
        """The warning naming the member and the months `paid_twice` finds, or "" when
        there are none: the assign dialog asks with it (a `bpu` assign verb would print
        it)."""
        found = self.paid_twice(sponsorship_id, member_id)
        return found.warning if found is not None else ""

    def assign(self, sponsorship_id: str, member_id: str, *, source: str = "form") -> None:
        """Put an enrolled member under this sponsorship for its whole period, unless the
        pledge is full (`refuse_if_full`)."""
        with self.store.write():
            sp = get_record(self.store, "sponsorships", sponsorship_id)
            if sp is None:
                raise RecordNotFound("Data sponsor tidak ditemukan (mungkin sudah dihapus).")
            self.refuse_if_full(sponsorship_id)
            start, end = parse_month(sp["start_month"]), parse_month(sp["end_month"])
            self._check_free(member_id, sponsorship_id, start, end)
            insert_record(self.store, "sponsorship_members",
                          {"sponsorship_id": sponsorship_id, "member_id": member_id,
                           "from_month": sp["start_month"], "to_month": sp["end_month"]},
                          source=source)
            # The member list filters on the enrolment's sponsorship, and status counts
            # from its covered months: keep both current, in one audited update.
            enrolment = self.store.conn.execute(
                "SELECT id, paid_until FROM enrolments WHERE member_id = ? "
                "AND deleted_at IS NULL", (member_id,)).fetchone()
            if enrolment is not None:
                update_record(self.store, "enrolments", enrolment[0],
                              {"sponsorship_id": sponsorship_id,
                               "covered_until": covered_until_for(
                                   self.store.conn, member_id, enrolment[1])}, source=source)

    def unassign(self, sponsorship_id: str, member_id: str, *, source: str = "form") -> None:
        with self.store.write():
            for (link_id,) in self.store.conn.execute(
                    "SELECT id FROM sponsorship_members WHERE sponsorship_id = ? "
                    "AND member_id = ? AND deleted_at IS NULL",
                    (sponsorship_id, member_id)).fetchall():
                delete_record(self.store, "sponsorship_members", link_id, source=source)
            enrolment = self.store.conn.execute(
                "SELECT id, sponsorship_id, paid_until FROM enrolments WHERE member_id = ? "
                "AND deleted_at IS NULL", (member_id,)).fetchone()
            if enrolment is not None:
                # What still covers the member once this sponsorship no longer does (its
                # links are gone; a desk link to it goes with this update).
                changes: dict[str, Any] = {"covered_until": covered_until_for(
                    self.store.conn, member_id, enrolment[2], leaving=sponsorship_id)}
                if enrolment[1] == sponsorship_id:
                    changes["sponsorship_id"] = None
                update_record(self.store, "enrolments", enrolment[0], changes, source=source)


def sponsorship_labels(store: Store) -> dict[str, str]:
    """Every sponsorship (pledge) by id, named as the app names it (`sponsorship_label`),
    in one query: deleted ones too, a link may outlive them."""
    labels: dict[str, str] = {}
    for sponsorship_id, name, start, end in store.conn.execute(
            "SELECT s.id, sp.name, s.start_month, s.end_month FROM sponsorships s "
            "LEFT JOIN sponsors sp ON sp.id = s.sponsor_id"):
        try:
            labels[sponsorship_id] = sponsorship_label(name or "?", parse_month(start),
                                                       parse_month(end))
        except ValueError:  # damaged months: the sponsor still names it
            labels[sponsorship_id] = name or "?"
    return labels


def sponsor_area_clause(area: Area, column: str) -> tuple[str, list[Any]]:
    """Sponsors (by their area `column`) counted in `area` (`regions.within_area`): a
    kecamatan's own; for a city, its kecamatan's and its city-wide ones."""
    clause, values = area.clause(column)
    if not area.is_city:
        return clause, values
    return f"({column} = ? OR ({clause}))", [area.code, *values]


def sponsorship_stats(store: Store, today: date | None = None, period: Period | None = None,
                      area: Area | None = None) -> dict[str, int | str]:
    """For `bpu stats`: sponsorships running in `period` (any month overlapping) of
    sponsors in `area` (`sponsor_area_clause`), their sponsors, workers pledged and
    assigned, and what the workers assigned cost in one month: this month, or the
    period's last month when it has ended."""
    today = today or date.today()
    billed = min(today, period.end) if period is not None else today
    where: list[str] = ["sp.deleted_at IS NULL", "s.deleted_at IS NULL"]
    params: list[Any] = []
    if period is not None:
        where.append("sp.start_month <= ? AND sp.end_month >= ?")
        params.extend([format_month(period.end), format_month(period.start)])
    if area is not None:
        clause, values = sponsor_area_clause(area, "s.kecamatan_code")
        where.append(clause)
        params.extend(values)
    chosen = {r[0] for r in store.conn.execute(
        "SELECT sp.id FROM sponsorships sp JOIN sponsors s ON s.id = sp.sponsor_id "
        f"WHERE {' AND '.join(where)}", params)}
    rows = [r for r in SponsorRepository(store, today=billed).sponsorships() if r.id in chosen]
    if period is None:
        # No period: every sponsor (of the area), with or without a sponsorship yet.
        sponsor_where, sponsor_params = "deleted_at IS NULL", list[Any]()
        if area is not None:
            clause, sponsor_params = sponsor_area_clause(area, "kecamatan_code")
            sponsor_where += f" AND {clause}"
        sponsors = int(store.conn.execute(
            f"SELECT COUNT(*) FROM sponsors WHERE {sponsor_where}", sponsor_params).fetchone()[0])
    else:
        sponsors = len({r.sponsor_id for r in rows})
    return {
        "count": len(rows),
        "sponsors": sponsors,
        "pledged": sum(r.pledged for r in rows),
        "assigned": sum(r.assigned for r in rows),
        "billed_month": format_month(billed),
        "monthly_amount": sum(r.due_this_month for r in rows),
    }


def _leading(cls: type, row: tuple[Any, ...], n: int) -> dict[str, Any]:
    """The first n dataclass fields from a row, by name (the rest are computed)."""
    return dict(zip([f.name for f in fields(cls)][:n], row[:n], strict=True))
