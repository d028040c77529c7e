"""Members (BPU workers) and their enrolment: write one person in one transaction, and
page through a million of them without loading them all."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from bpu_desktop.domain.followup import StatusCutoffs
from bpu_desktop.domain.money import format_number, format_rupiah
from bpu_desktop.domain.months import add_months, format_month
from bpu_desktop.domain.phone import phone_prefix
from bpu_desktop.domain.regions import area_names
from bpu_desktop.domain.status import MemberStatus
from bpu_desktop.domain.validation import CleanEnrolment, DetailsUpdate

from .aggregates import Area
from .database import Store
from .errors import DuplicateNikError, RecordNotFound
from .like import ESCAPE as LIKE_ESCAPE
from .like import like_prefix
from .live_counts import live_rows
from .records import delete_record, insert_record, update_record
from .status_counts import COVERED_BEYOND


@dataclass(frozen=True)
class MemberRow:
    """One line of the member list: the person and their (single live) enrolment."""

    id: str
    nik: str
    name: str
    sex: str
    birth_date: str
    phone: str
    kecamatan_code: str
    kelurahan: str
    address: str
    kpj: str | None
    enrolment_id: str | None
    segment: str | None
    sector: str | None
    income: int | None
    with_jht: int | None
    funding: str | None
    months_paid: int | None
    amount_paid: int | None
    start_month: str | None
    paid_until: str | None  # the member's own payments ("YYYY-MM")
    covered_until: str | None  # the last month a live sponsorship pays (store/covers.py)
    enrolled_on: str | None
    event_id: str | None
    sponsorship_id: str | None
    created_by: str
    version: int


_MEMBER_COLS = ("id", "nik", "name", "sex", "birth_date", "phone", "kecamatan_code",
                "kelurahan", "address", "kpj")
_ENROL_COLS = {"enrolment_id": "id", "segment": "segment", "sector": "sector",
               "income": "income", "with_jht": "with_jht", "funding": "funding",
               "months_paid": "months_paid", "amount_paid": "amount_paid",
               "start_month": "start_month", "paid_until": "paid_until",
               "covered_until": "covered_until", "enrolled_on": "enrolled_on",
               "event_id": "event_id", "sponsorship_id": "sponsorship_id"}
_SELECT = (
    "SELECT " + ", ".join(f"m.{c}" for c in _MEMBER_COLS) + ", "
    + ", ".join(f"e.{src} AS {alias}" for alias, src in _ENROL_COLS.items())
    + ", m.created_by, m.version FROM members m "
    "LEFT JOIN enrolments e ON e.member_id = m.id AND e.deleted_at IS NULL"
)
assert [f.name for f in fields(MemberRow)] == [*_MEMBER_COLS, *_ENROL_COLS, "created_by", "version"]


def _row_of(member: dict[str, Any], enrolment: dict[str, Any]) -> MemberRow:
    """The list row `_SELECT` would read back for rows just inserted (a save skips the read;
    a column the insert did not write, covered_until, is NULL)."""
    values: list[Any] = [*(member[c] for c in _MEMBER_COLS),
                         *(enrolment.get(src) for src in _ENROL_COLS.values()),
                         member["created_by"], member["version"]]
    return MemberRow(*values)

# The columns of each sort, in order (m.rowid breaks the remaining ties).
SORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("m.name",), "nik": ("m.nik",),
    # By code here; a page is listed by kecamatan name (`_page_by_kecamatan_name`).
    "kecamatan": ("m.kecamatan_code",),
    "kelurahan": ("m.kelurahan",), "segment": ("e.segment",),
    # In the order of an enrolment index (enrolments_period_area_segment, enrolments_status),
    # so a page near either end walks it (`_enrolment_first`) instead of sorting the join.
    "enrolled_on": ("e.enrolled_on", "e.kecamatan_code", "e.segment", "e.created_by",
                    "e.rowid"),
    "paid_until": ("e.paid_until", "e.member_id"),
    "phone": ("m.phone",), "created_by": ("m.created_by",),
    # Index members_by_birth_date(birth_date, kecamatan_code) (m011), in its own order.
    "age": ("m.birth_date", "m.kecamatan_code"),
}
# Sorts whose columns run against the order shown: the youngest (latest birth date) first.
REVERSED_SORTS = frozenset({"age"})
# Sorts whose index also holds the kecamatan: a page of one area is found by walking it.
AREA_IN_SORT_INDEX = frozenset({"age"})


# Parts of the status filter (`paid_through_clause`).
STATUS_ALL = "all"
STATUS_OWN = "own"  # paid_until in the range, not covered beyond it
STATUS_COVERED = "covered"  # covered beyond paid_until, covered_until in the range
STATUS_OWN_RANGE = "own_range"  # paid_until in the range, covered or not
STATUS_COVERED_BEYOND = "covered_beyond"  # every enrolment covered beyond its paid_until
# The live enrolments a sponsorship covers beyond their own paid_until: a few thousand at
# most, read off the partial index `enrolments_covered` alone.
_COVERED_BEYOND_ROWIDS = f"SELECT rowid FROM enrolments WHERE deleted_at IS NULL AND {COVERED_BEYOND}"


def _month_range(column: str, first: date | None, before: date | None) -> tuple[str, list[str]]:
    clauses, params = [], []
    if first is not None:
        clauses.append(f"{column} >= ?")
        params.append(format_month(first))
    if before is not None:
        clauses.append(f"{column} < ?")
        params.append(format_month(before))
    return " AND ".join(clauses) or "1", params


def paid_through_clause(first: date | None, before: date | None,
                        part: str = STATUS_ALL, *, walk: bool = False) -> tuple[str, list[str]]:
    """Live enrolments `e` whose month nobody owes for (`domain.status.paid_through`: the
    later of paid_until and covered_until) is in [first, before), as the status counts
    count them (`progress_stats.status_counts`). Two disjoint parts:

        STATUS_OWN:     paid_until in the range, and not covered beyond paid_until
        STATUS_COVERED: covered beyond paid_until, and covered_until in the range

    Both test the enrolment's rowid against the covered enrolments, a list SQLite reads
    once from the partial index `enrolments_covered`, never the row's covered_until: the
    big part stays a range of the paid_until indexes, read without the table as before,
    and the small part is found from that list. `STATUS_ALL` is the two joined by OR.

    A count takes them apart further (`MemberRepository.count`): the paid_until range
    alone (`STATUS_OWN_RANGE`), counted on its index, then the covered enrolments
    (`STATUS_COVERED_BEYOND`) move from the range of their paid_until to that of their
    covered_until.

    `walk`: a page walks its sort's index and checks each member's paid_until on the way
    ("+": not the paid_until indexes; see `MemberRepository._walks_sort_index`)."""
    own, own_params = _month_range("+e.paid_until" if walk else "e.paid_until", first, before)
    covered, covered_params = _month_range("covered_until", first, before)
    parts = {
        STATUS_OWN_RANGE: (own, own_params),
        STATUS_COVERED_BEYOND: (f"e.rowid IN ({_COVERED_BEYOND_ROWIDS})", []),
        STATUS_OWN: (f"{own} AND e.rowid NOT IN ({_COVERED_BEYOND_ROWIDS})", own_params),
        STATUS_COVERED: (f"e.rowid IN ({_COVERED_BEYOND_ROWIDS} AND {covered})",
                         covered_params),
    }
    if part == STATUS_ALL:
        (a, a_params), (b, b_params) = parts[STATUS_OWN], parts[STATUS_COVERED]
        return f"(({a}) OR {b})", [*a_params, *b_params]
    return parts[part]


@dataclass(frozen=True)
class MemberQuery:
    """What the list shows: a search text, filters and a sort."""

    search: str = ""
    kecamatan_code: str | None = None
    city_code: str | None = None  # "33.72": members living in any kecamatan of the city
    kelurahan: str | None = None
    segment: str | None = None
    month: date | None = None
    year: int | None = None  # enrolled in this year (the Beranda's bars count by year)
    event_id: str | None = None
    sponsorship_id: str | None = None
    # A range [from, before) of the month nobody owes for (`domain.status.paid_through`):
    # the status filter (`status_range`), so the list shows whom the status counts count.
    paid_through_from: date | None = None
    paid_through_before: date | None = None
    sort: str = "name"
    descending: bool = False

    def where(self, *, count_enrolments: bool = False, broad_period: bool = False,
              paging: bool = False, status_part: str = STATUS_ALL,
              walk_sort: bool = False) -> tuple[str, list[Any]]:
        """The WHERE clause over members `m` joined to their live enrolment `e`; with
        `count_enrolments`, over enrolments alone (only for enrolment-side filters).
        `status_part`: which part of the status filter (`paid_through_clause`) to apply:
        counts and pages take its parts one by one, each on its own index.
        `broad_period`: the month or year holds many members, so a page is found sooner by
        walking the sort order's index than by sorting the whole period.
        `paging`: for a page, not a count. When the sort's index holds the kecamatan
        (AREA_IN_SORT_INDEX), an area is checked in it while walking the sort order: at a
        million members a page of a city takes ~10 ms, where sorting the city's members
        took ~3 s. A count still starts from the area's own index.
        `walk_sort`: the same for any sort, decided by the caller (`_walks_sort_index`)."""
        clauses: list[str] = ["e.deleted_at IS NULL" if count_enrolments else "m.deleted_at IS NULL"]
        params: list[Any] = []
        text = " ".join(self.search.split())  # "Sri  Wahyuni" is "Sri Wahyuni"
        digits = "".join(ch for ch in text if ch.isdigit())
        phone = phone_prefix(text)
        if phone is not None:
            # No index on phone (it would cost every save a B-tree): the few searches by
            # number scan the members, ~0.5 s at a million, instant on a laptop's file.
            clauses.append("m.phone >= ? AND m.phone < ?")
            params += [phone, phone + "\uffff"]
        elif self.nik_search():
            clauses.append("m.nik >= ? AND m.nik < ?")
            params += [digits, digits + "\uffff"]
        elif text:
            # Prefix on the NOCASE-indexed name: instant at a million rows. A typed % or _
            # is a character to find, not a wildcard (escaped, the index still serves it).
            clauses.append(f"m.name LIKE ? {LIKE_ESCAPE}")
            params.append(like_prefix(text))
        area = ("+m.kecamatan_code" if walk_sort or (paging and self.sort in AREA_IN_SORT_INDEX)
                else "m.kecamatan_code")  # "+": not the area's index
        for column, value in ((area, self.kecamatan_code),
                              ("m.kelurahan", self.kelurahan), ("e.segment", self.segment),
                              ("e.event_id", self.event_id),
                              ("e.sponsorship_id", self.sponsorship_id)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.city_code:
            # A code range. With a month, the month's few enrolments are the narrower
            # start: "+" keeps the planner from starting at the whole city instead.
            column = "+m.kecamatan_code" if self.month is not None else area
            sql, values = Area(self.city_code).clause(column)
            clauses.append(sql)
            params += values
        if self.month is not None:
            column = "+e.enrolled_on" if broad_period else "e.enrolled_on"
            clauses.append(f"{column} >= ? AND {column} < ?")
            params += [self.month.isoformat(), add_months(self.month, 1).isoformat()]
        if self.year is not None:
            column = "+e.enrolled_on" if broad_period else "e.enrolled_on"  # "+": no index
            clauses.append(f"{column} >= ? AND {column} < ?")
            params += [date(self.year, 1, 1).isoformat(), date(self.year + 1, 1, 1).isoformat()]
        if self.filters_status():
            sql, values = paid_through_clause(self.paid_through_from, self.paid_through_before,
                                              status_part, walk=walk_sort)
            clauses.append(sql)
            params += values
        return " AND ".join(clauses), params

    def filters_status(self) -> bool:
        return self.paid_through_from is not None or self.paid_through_before is not None

    def nik_search(self) -> bool:
        text = self.search.strip().replace(" ", "").replace(".", "").replace("-", "")
        return bool(text) and text.isdigit() and phone_prefix(text) is None

    def order_by(self, *, reverse: bool = False) -> str:
        return ", ".join(f"{column} {direction}"
                         for column, direction in self.order_terms(reverse=reverse))

    def order_terms(self, *, reverse: bool = False) -> list[tuple[str, str]]:
        """The ORDER BY as (column, "ASC"/"DESC") pairs."""
        sort = self.sort
        if sort == "name" and self.nik_search():
            sort = "nik"  # a NIK prefix reads best (and fastest) in NIK order
        columns = SORT_COLUMNS.get(sort, SORT_COLUMNS["name"])
        descending = self.descending != reverse
        if sort in REVERSED_SORTS:
            descending = not descending
        direction = "DESC" if descending else "ASC"
        # A phone search matches few members found by reading the table through: "+" keeps
        # the planner from walking the sort's index instead and fetching every member's
        # row out of order to test its phone (7 s at a million; the scan and a sort ~0.3 s).
        unindexed = "+" if phone_prefix(self.search) is not None else ""
        # rowid breaks ties: every index carries it, so the sort stays index-only.
        return [(f"{unindexed}{column}", direction) for column in (*columns, "m.rowid")]


def status_range(status: str, cutoffs: StatusCutoffs) -> tuple[date | None, date | None]:
    """The range [from, before) of the month nobody owes for (`paid_through`) of members
    with a status, from the domain's cut-offs (the rule itself lives in domain/status.py)."""
    if status == MemberStatus.ACTIVE:
        return cutoffs.active_from, None
    if status == MemberStatus.ARREARS:
        return cutoffs.arrears_from, cutoffs.active_from
    if status == MemberStatus.INACTIVE:
        return None, cutoffs.arrears_from
    raise ValueError(f"status tidak dikenal: {status}")


class MemberRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- reading --------------------------------------------------------------------
    def count(self, query: MemberQuery = MemberQuery()) -> int:
        """How many members the query lists. A status filter is counted as the status
        counts count (`progress_stats.status_counts`): the paid_until range on its index,
        then the few enrolments a sponsor covers beyond paid_until move from the range of
        their paid_until to that of their covered_until."""
        if not query.filters_status():
            return self._count(query, "COUNT(*)", [])
        own = self._count(query, "COUNT(*)", [], STATUS_OWN_RANGE)
        first, before = query.paid_through_from, query.paid_through_before
        by_covered, covered_params = _month_range("e.covered_until", first, before)
        by_paid, paid_params = _month_range("e.paid_until", first, before)
        moved = self._count(
            query, f"COUNT(*) FILTER (WHERE {by_covered}) - COUNT(*) FILTER (WHERE {by_paid})",
            [*covered_params, *paid_params], STATUS_COVERED_BEYOND)
        return own + moved

    def _count(self, query: MemberQuery, what: str, what_params: list[Any],
               status_part: str = STATUS_ALL) -> int:
        where, params = query.where(status_part=status_part)
        if where == "m.deleted_at IS NULL" and what == "COUNT(*)":
            return live_rows(self.store, "members")  # the whole list: see live_counts.py
        if _member_only(replace(query, sort="name")):  # the order does not change a count
            sql = f"SELECT {what} FROM members m WHERE {where}"
        elif _enrolment_side_only(query):
            # What a Beranda bar counts (live enrolments by period, segment, event...): count
            # them on the enrolments' own indexes instead of visiting each member. Every live
            # enrolment belongs to a live member (deleting a member deletes its enrolment).
            where, params = query.where(count_enrolments=True, status_part=status_part)
            sql = f"SELECT {what} FROM enrolments e WHERE {where}"
        elif status_part == STATUS_COVERED_BEYOND:
            # From the few covered enrolments to their members, not the other way round.
            sql = f"SELECT {what} FROM {_COVERED_FIRST} WHERE {where}"
        else:
            sql = (f"SELECT {what} FROM members m LEFT JOIN enrolments e "
                   f"ON e.member_id = m.id AND e.deleted_at IS NULL WHERE {where}")
        row = self.store.conn.execute(sql, [*what_params, *params]).fetchone()
        return int(row[0] or 0)

    def page(self, query: MemberQuery, offset: int, limit: int,
             total: int | None = None) -> list[MemberRow]:
        """Rows offset..offset+limit in the query's order.

        The page's rowids are found on the index alone, then only those rows are joined.
        Given the total, a page past the middle is read from the other end, so the last
        page of a million rows costs what the first does.
        """
        if query.sort == "kecamatan":
            return self._page_by_kecamatan_name(query, offset, limit)
        reverse = total is not None and offset > total // 2
        if reverse:
            assert total is not None
            end = min(offset + limit, total)
            limit, offset = max(end - offset, 0), max(total - end, 0)
        walk = self._walks_sort_index(query, offset + limit, total)
        where, params = query.where(broad_period=total is None or total >= BROAD_PERIOD,
                                    paging=True, walk_sort=walk)
        if query.sort in INDEXED_ENROLMENT_SORTS and offset <= ENROLMENT_WALK_DEPTH \
                and self._every_member_enrolled():
            # Walk the enrolment index in the sort's order and look each member up: ~3 ms
            # for a page near either end at a million, where sorting the join took ~2.8 s.
            # Deeper pages pay ~9 µs per row skipped, so they sort as before. Members
            # without a live enrolment would be missing from the inner join: only taken
            # when there are none.
            join = " JOIN enrolments e ON e.member_id = m.id AND e.deleted_at IS NULL"
        elif _member_only(query):
            join = ""
        else:
            join = " LEFT JOIN enrolments e ON e.member_id = m.id AND e.deleted_at IS NULL"
        order = query.order_by(reverse=reverse)
        if query.filters_status():
            rowids, params = self._status_page(query, join, reverse=reverse,
                                               broad_period=total is None or total >= BROAD_PERIOD,
                                               walk=walk)
        else:
            rowids = f"SELECT m.rowid FROM members m{join} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
        sql = f"{_SELECT} WHERE m.rowid IN ({rowids}) ORDER BY {order}"
        rows = [MemberRow(*r) for r in self.store.conn.execute(sql, [*params, limit, offset])]
        if reverse:
            rows.reverse()
        return rows

    def _status_page(self, query: MemberQuery, join: str, *, reverse: bool,
                     broad_period: bool, walk: bool = False) -> tuple[str, list[Any]]:
        """The rowids of a page of a status filter (LIMIT ? OFFSET ? to bind): the members
        counted by their own paid_until, in the plan the list took before covers counted,
        merged in the page's order with the few a sponsor covers beyond paid_until (a
        UNION ALL with ORDER BY merges the two ordered walks; nothing sorts the whole
        list)."""
        own_where, own_params = query.where(broad_period=broad_period, paging=True,
                                            status_part=STATUS_OWN, walk_sort=walk)
        cov_where, cov_params = query.where(broad_period=broad_period, paging=True,
                                            status_part=STATUS_COVERED)
        terms = query.order_terms(reverse=reverse)
        columns = ", ".join(f"{column} AS o{i}" for i, (column, _) in enumerate(terms))
        order = ", ".join(f"o{i} {direction}" for i, (_, direction) in enumerate(terms))
        sql = (f"SELECT r FROM (SELECT m.rowid AS r, {columns} FROM members m{join} "
               f"WHERE {own_where} UNION ALL SELECT m.rowid, {columns} FROM {_COVERED_FIRST} "
               f"WHERE {cov_where} ORDER BY {order} LIMIT ? OFFSET ?)")
        return sql, [*own_params, *cov_params]

    def _page_by_kecamatan_name(self, query: MemberQuery, offset: int,
                                limit: int) -> list[MemberRow]:
        """Kecamatan A-Z by name (Banjarsari, Baturetno, … Wuryantoro), not by code: the
        codes run in the official order, which reads as no order at all. Each kecamatan's
        members are one range of members_by_kecamatan (code, name), so a page is read from
        the range(s) it falls in, after one grouped count of the query (kept until the file
        changes): ~100 ms once at a million members, then a few ms a page, where sorting by
        a name looked up per row took seconds."""
        names = area_names()
        counts = self._counts_by_kecamatan(query)
        codes = sorted(counts, key=lambda c: ((names.get(c) or c).casefold(), c),
                       reverse=query.descending)
        rows: list[MemberRow] = []
        for code in codes:
            if limit <= 0:
                break
            n = counts[code]
            if offset >= n:
                offset -= n
                continue
            within = replace(query, kecamatan_code=code, sort="name")
            part = self.page(within, offset, min(limit, n - offset), total=n)
            rows += part
            limit -= len(part)
            offset = 0
        return rows

    def _counts_by_kecamatan(self, query: MemberQuery) -> dict[str, int]:
        """Members of the query per kecamatan code (where they live)."""
        conn = self.store.conn
        key = (conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0],
               replace(query, sort="name", descending=False))
        kept = self.store.cache.get("counts_by_kecamatan")
        if kept is not None and kept[0] == key:
            return dict(kept[1])
        join = ("members m" if _member_only(replace(query, sort="name")) else
                "members m LEFT JOIN enrolments e ON e.member_id = m.id AND e.deleted_at IS NULL")
        # A status filter: its two parts apart (`paid_through_clause`), each on its index.
        parts = ([(STATUS_OWN, join), (STATUS_COVERED, _COVERED_FIRST)]
                 if query.filters_status() else [(STATUS_ALL, join)])
        counts: dict[str, int] = {}
        for part, source in parts:
            where, params = query.where(status_part=part)
            for code, n in conn.execute(f"SELECT m.kecamatan_code, COUNT(*) FROM {source} "
                                        f"WHERE {where} GROUP BY m.kecamatan_code", params):
                counts[str(code)] = counts.get(str(code), 0) + int(n)
        self.store.cache["counts_by_kecamatan"] = (key, counts)
        return dict(counts)

    def _walks_sort_index(self, query: MemberQuery, depth: int, total: int | None) -> bool:
        """Whether a page of an area (a city, a kecamatan) or a status, `depth` rows from
        the start of its order, is found sooner by walking the sort's index and skipping
        the members it does not list than by sorting those it does. At a million members
        a city's first page by NIK or date took 3-9 s sorted, a status's by name 0.7-4 s;
        walked, ~10 ms. Walking costs ~10-100 µs per member skipped, so only a page near
        the start (or the end, read in reverse) of a large enough share of the file walks.
        Name within one kecamatan has its own index (members_by_kecamatan); searches and
        age sorts take their own plans."""
        if not (query.city_code or query.kecamatan_code or query.filters_status()) or not total:
            return False
        if query.sort not in WALKED_SORTS or query.search.strip():
            return False
        if query.sort == "name" and query.kecamatan_code and not query.filters_status():
            return False
        if query.filters_status() and query.sort in INDEXED_ENROLMENT_SORTS:
            # Status follows the months paid, which follow the enrolment date: the newest
            # are active, the oldest inactive. A walk from the wrong end passes most of the
            # file before the first match (seconds at a million).
            return False
        if query.sort in INDEXED_ENROLMENT_SORTS and not self._every_member_enrolled():
            return False
        members, _ = self._live_counts()
        return depth * members <= AREA_WALK_ROWS * total

    def _every_member_enrolled(self) -> bool:
        """Whether each live member has a live enrolment (the desk always saves both). A
        live enrolment always has a live member (a member is deleted with it)."""
        members, enrolled = self._live_counts()
        return members == enrolled

    def _live_counts(self) -> tuple[int, int]:
        """(live members, live enrolments): two index counts, kept until this file changes
        (ours or another connection's write)."""
        conn = self.store.conn
        key = (conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0])
        kept = self.store.cache.get("live_counts")
        if kept is None or kept[0] != key:
            kept = (key, (live_rows(self.store, "members"), live_rows(self.store, "enrolments")))
            self.store.cache["live_counts"] = kept
        return kept[1]

    def get(self, member_id: str) -> MemberRow | None:
        row = self.store.conn.execute(
            f"{_SELECT} WHERE m.id = ? AND m.deleted_at IS NULL", (member_id,)
        ).fetchone()
        return MemberRow(*row) if row else None

    def find_by_nik(self, nik: str) -> MemberRow | None:
        row = self.store.conn.execute(
            f"{_SELECT} WHERE m.nik = ? AND m.deleted_at IS NULL", (nik,)
        ).fetchone()
        return MemberRow(*row) if row else None

    # -- writing --------------------------------------------------------------------
    def enrol(self, clean: CleanEnrolment, *, source: str = "form") -> MemberRow:
        """Member + enrolment + audit, all or nothing. Refuses a NIK already enrolled, a
        worker for a sponsor's pledge that is already full, and an enrolment the pledge
        pays for whose months are not the pledge's: a start month outside it, or months
        paid past its last month (`SponsorRepository.refuse_outside_pledge`, a
        `FieldRefusedError` on Mulai bulan), or whose JHT choice is not the pledge's
        package (a `FieldRefusedError` on JHT)."""
        with self.store.write():
            if clean.sponsorship_id:
                # Imported here: sponsors are not needed to open the app or save others.
                from .sponsors import SponsorRepository

                sponsors = SponsorRepository(self.store)
                sponsors.refuse_outside_pledge(clean.sponsorship_id, clean.start_month,
                                               clean.months_paid, clean.funding,
                                               clean.with_jht)
                sponsors.refuse_if_full(clean.sponsorship_id)
            try:
                member = insert_record(self.store, "members", _member_values(clean),
                                       source=source)
            except sqlite3.IntegrityError:
                # The unique index on live NIKs refused it: no lookup on every save, only
                # here, to name who has it.
                existing = self.find_by_nik(clean.nik.value)
                if existing is None:
                    raise
                raise DuplicateNikError(
                    f"NIK {clean.nik.value} sudah terdaftar atas nama {existing.name}.",
                    existing.id,
                ) from None
            enrolment = insert_record(self.store, "enrolments",
                                      {"member_id": member["id"], **_enrolment_values(clean)},
                                      source=source)
            if clean.sponsorship_id:  # enrolled into a pledge: its months are covered
                from .covers import refresh_covers

                refresh_covers(self.store, [member["id"]], source=source)
                row = self.get(member["id"])  # with the covered_until just written
                assert row is not None
                return row
        return _row_of(member, enrolment)

    def update(self, member_id: str, clean: CleanEnrolment, *, source: str = "form",
               expected_version: int | None = None) -> MemberRow:
        """The desk's edit: the member and their enrolment in one transaction. What was
        already paid stays as recorded (`_edited_enrolment_values`), months paid after
        enrolment stay covered, and a member who moved takes their enrolment to the new
        kecamatan (`_enrolment_area`).

        An edit that links the enrolment to a pledge paying for it, or changes its months
        paid, start month, JHT choice, funding or pledge, is held to the pledge's months as `enrol`
        is (`_refuse_outside_pledge`). An edit that leaves them as they were is not: a
        pledge shortened later, or a member assigned to a pledge after they enrolled, must
        not stop a correction of a phone number."""
        with self.store.write():
            current = self.get(member_id)
            if current is None:
                raise RecordNotFound("Peserta tidak ditemukan (mungkin sudah dihapus).")
            self._refuse_outside_pledge(current, clean)
            other = self.find_by_nik(clean.nik.value)
            if other is not None and other.id != member_id:
                raise DuplicateNikError(
                    f"NIK {clean.nik.value} sudah terdaftar atas nama {other.name}.", other.id)
            update_record(self.store, "members", member_id, _member_values(clean),
                          source=source, expected_version=expected_version)
            if current.enrolment_id:
                paid = self._paid_until_by_payments(member_id, current.enrolment_id)
                update_record(self.store, "enrolments", current.enrolment_id,
                              _edited_enrolment_values(current, clean, paid), source=source)
            else:
                insert_record(self.store, "enrolments",
                              {"member_id": member_id, **_enrolment_values(clean)},
                              source=source)
            # The pledge or the months paid may have changed: so may the covered months.
            from .covers import refresh_covers

            refresh_covers(self.store, [member_id], source=source)
            row = self.get(member_id)
        assert row is not None
        return row

    def _refuse_outside_pledge(self, current: MemberRow, clean: CleanEnrolment) -> None:
        """The pledge's months rule for an edit that touches the enrolment's months,
        funding or pledge (see `update`)."""
        if not clean.sponsorship_id:
            return
        if (current.enrolment_id is not None
                and (current.sponsorship_id, current.funding, current.start_month,
                     current.months_paid, bool(current.with_jht))
                == (clean.sponsorship_id, clean.funding, format_month(clean.start_month),
                    clean.months_paid, clean.with_jht)):
            return
        from .sponsors import SponsorRepository

        SponsorRepository(self.store).refuse_outside_pledge(
            clean.sponsorship_id, clean.start_month, clean.months_paid, clean.funding,
            clean.with_jht)

    def _paid_until_by_payments(self, member_id: str, enrolment_id: str) -> str | None:
        """The last month the payments recorded after enrolment cover (None: none yet)."""
        row = self.store.conn.execute(
            "SELECT MAX(to_month) FROM payments WHERE member_id = ? AND enrolment_id = ? "
            "AND deleted_at IS NULL", (member_id, enrolment_id)).fetchone()
        return str(row[0]) if row and row[0] else None

    def update_details(self, member_id: str, details: DetailsUpdate | CleanEnrolment, *,
                       source: str = "import") -> MemberRow:
        """Update who the member is and where they live, from a partner's list
        (`DetailsUpdate`: a value left out keeps the member's). An enrolment already made
        (its date, months paid, amount, sponsor) is history the monthly reports have
        counted, so it is left as it is, except its kecamatan, which moves with the member
        as the desk's edit moves it (`_enrolment_area`). A member without one gets the
        list's, when the row holds a whole enrolment."""
        if isinstance(details, CleanEnrolment):
            details = DetailsUpdate.from_clean(details)
        with self.store.write():
            current = self.get(member_id)
            if current is None:
                raise RecordNotFound("Peserta tidak ditemukan (mungkin sudah dihapus).")
            values: dict[str, Any] = {"name": details.name}
            for key in ("phone", "address", "kpj", "kecamatan_code", "kelurahan"):
                value = getattr(details, key)
                if value is not None:
                    values[key] = value
            update_record(self.store, "members", member_id, values, source=source)
            if current.enrolment_id:
                if details.kecamatan_code is not None:
                    self._move_enrolment(current.enrolment_id, details.kecamatan_code,
                                         source=source)
            elif details.enrolment is not None:
                insert_record(self.store, "enrolments",
                              {"member_id": member_id, **_enrolment_values(details.enrolment)},
                              source=source)
            row = self.get(member_id)
        assert row is not None
        return row

    def _move_enrolment(self, enrolment_id: str, kecamatan_code: str, *,
                        source: str) -> None:
        """Write the enrolment's area (`_enrolment_area`) when it differs (also when an
        older import left it behind). Most rows of a partner's list move nobody, so one
        indexed read of the column decides first: ~6 µs a member on the 2-core VM, where
        `update_record`'s read of the whole row to find no change took ~40 µs (4 s per
        100,000 members updated)."""
        area = _enrolment_area(kecamatan_code)
        stored = self.store.conn.execute(
            f"SELECT {', '.join(area)} FROM enrolments WHERE id = ?", (enrolment_id,)).fetchone()
        if stored is not None and tuple(stored) != tuple(area.values()):
            update_record(self.store, "enrolments", enrolment_id, area, source=source)

    def money_recorded(self, member_id: str) -> MoneyRecorded:
        """What `delete` would take out of the figures: the payment at enrolment of the
        live enrolment and the member's live payments (their count and Rupiah)."""
        row = self.store.conn.execute(
            "SELECT (SELECT coalesce(SUM(amount_paid), 0) FROM enrolments "
            " WHERE member_id = ?1 AND deleted_at IS NULL), "
            "(SELECT count(*) FROM payments WHERE member_id = ?1 AND deleted_at IS NULL), "
            "(SELECT coalesce(SUM(amount), 0) FROM payments "
            " WHERE member_id = ?1 AND deleted_at IS NULL)", (member_id,)).fetchone()
        return MoneyRecorded(enrolment_amount=int(row[0]), payments=int(row[1]),
                             payments_amount=int(row[2]))

    def delete(self, member_id: str, *, source: str = "form") -> None:
        """Soft delete the member, their enrolment and their live payments (tombstones,
        merged like edits), audited, in one transaction.

        A delete is for a member entered by mistake: the money recorded for them leaves
        the figures with them (the enrolment's payment and every payment after it), so no
        live payment of a member deleted here remains. The officer is told beforehand
        (`money_recorded`, `MoneyRecorded.delete_note`)."""
        with self.store.write():
            current = self.get(member_id)
            if current is None:
                raise RecordNotFound("Peserta tidak ditemukan (mungkin sudah dihapus).")
            for (payment_id,) in self.store.conn.execute(
                    "SELECT id FROM payments WHERE member_id = ? AND deleted_at IS NULL",
                    (member_id,)).fetchall():
                delete_record(self.store, "payments", payment_id, source=source)
            if current.enrolment_id:
                delete_record(self.store, "enrolments", current.enrolment_id, source=source)
            delete_record(self.store, "members", member_id, source=source)


@dataclass(frozen=True)
class MoneyRecorded:
    """The Rupiah recorded for a member that deleting them takes out of the reports."""

    enrolment_amount: int  # the payment at enrolment (the live enrolment's amount_paid)
    payments: int  # live payments recorded after enrolment
    payments_amount: int

    @property
    def total(self) -> int:
        return self.enrolment_amount + self.payments_amount

    def delete_note(self) -> str:
        """What the delete confirmation adds when money was recorded (Indonesian), or
        "": "Peserta ini sudah membayar Rp 173.700 (iuran pendaftaran dan 1
        pembayaran). Data pembayaran ikut terhapus …"."""
        if not self.total:
            return ""
        parts = []
        if self.enrolment_amount:
            parts.append("iuran pendaftaran")
        if self.payments:
            parts.append(f"{format_number(self.payments)} pembayaran")
        return (f"Peserta ini sudah membayar {format_rupiah(self.total)} "
                f"({' dan '.join(parts)}). Data pembayaran ikut terhapus dan tidak lagi "
                "dihitung di laporan.")


# A month or year with at least this many members is paged along the sort index (measured
# at 1M: 6 ms for the 678,493 members of 2026, where sorting them took 4.5 s); fewer are
# sorted (a period with no one would otherwise walk the whole index).
BROAD_PERIOD = 5_000
# Sorts on an enrolment column that an index holds in order, and how deep into the list
# (from the nearer end) walking that index beats sorting the whole join.
INDEXED_ENROLMENT_SORTS = frozenset({"enrolled_on", "paid_until"})
ENROLMENT_WALK_DEPTH = 50_000
# Sorts an area's page may take by walking the sort's own index (`_walks_sort_index`), and
# about how many members such a walk may pass (~50-500 ms when they are not in the cache).
WALKED_SORTS = frozenset({"name", "nik", *INDEXED_ENROLMENT_SORTS})
AREA_WALK_ROWS = 5_000


# A few covered enrolments joined to their members: CROSS JOIN keeps this order.
_COVERED_FIRST = "enrolments e CROSS JOIN members m ON m.id = e.member_id"


def _enrolment_side_only(query: MemberQuery) -> bool:
    """No filter on the member's own columns (name/NIK search, address)."""
    return not (query.search.strip() or query.kecamatan_code or query.kelurahan
                or query.city_code)


def _member_only(query: MemberQuery) -> bool:
    return not (query.segment or query.month or query.year or query.event_id
                or query.sponsorship_id or query.filters_status()
                or query.sort in ("segment", "enrolled_on", "paid_until"))


def _member_values(clean: CleanEnrolment) -> dict[str, Any]:
    return {
        "nik": clean.nik.value, "name": clean.name, "sex": clean.nik.sex,
        "birth_date": clean.nik.birth_date.isoformat(), "phone": clean.phone,
        "kecamatan_code": clean.kecamatan_code, "kelurahan": clean.kelurahan,
        "address": clean.address, "kpj": clean.kpj or None,
    }


def _enrolment_values(clean: CleanEnrolment) -> dict[str, Any]:
    return {
        "segment": clean.segment, "sector": clean.sector, "income": clean.income,
        "with_jht": int(clean.with_jht), "funding": clean.funding,
        "months_paid": clean.months_paid, "amount_paid": clean.contribution.total,
        "start_month": format_month(clean.start_month),
        "paid_until": format_month(add_months(clean.start_month, clean.months_paid - 1)),
        "enrolled_on": clean.enrolled_on.isoformat(), **_enrolment_area(clean.kecamatan_code),
        "event_id": clean.event_id, "sponsorship_id": clean.sponsorship_id,
    }


def _enrolment_area(kecamatan_code: str) -> dict[str, Any]:
    """The enrolment's kecamatan is where its member lives now: every write of a member's
    address writes it to the live enrolment too (the desk's enrolment and edit through
    `_enrolment_values`, the import's update through `update_details`).

    The two columns serve different screens, so they must not disagree:
    `members.kecamatan_code` is what the member list filters and sorts by and the report's
    member sheets show; `enrolments.kecamatan_code` is what every figure by area counts
    (Beranda's status counts on `enrolments_status_by_area`, the enrolment tally kept by
    triggers per month and kecamatan, targets, Tindak Lanjut's area filter). When the
    member moves, their enrolment moves with them, also in the tally for the month they
    enrolled: figures computed again count them in the new kecamatan (a workbook exported
    before keeps what it said)."""
    return {"kecamatan_code": kecamatan_code}


def keeps_amount_paid(current: MemberRow, months_paid: int, start_month: date) -> bool:
    """True when an edit keeps the amount recorded as paid at enrolment: the payment still
    covers the same months (only a correction of those months recomputes it)."""
    return (current.amount_paid is not None and current.months_paid == months_paid
            and current.start_month == format_month(start_month))


def _edited_enrolment_values(current: MemberRow, clean: CleanEnrolment,
                             paid_by_payments: str | None) -> dict[str, Any]:
    """An edit of an enrolment already saved. The amount paid at enrolment is money
    received, so a new income, JHT choice, occupation or funding source changes the rate of
    the next payment only; the amount is recomputed only when the officer corrects what
    that payment covered (its months or first month). Months that later payments cover
    (`paid_by_payments`, "YYYY-MM") stay paid."""
    values = _enrolment_values(clean)
    if keeps_amount_paid(current, clean.months_paid, clean.start_month):
        values["amount_paid"] = current.amount_paid
    if paid_by_payments is not None and paid_by_payments > values["paid_until"]:
        values["paid_until"] = paid_by_payments
    return values
