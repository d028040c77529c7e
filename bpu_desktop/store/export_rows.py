"""Row streams for the monthly report: members enrolled in a month, members in arrears.

Figures (counts, sums) come from `store/aggregates.py`; this module only streams the long
row lists with a cursor in batches, so a million members export with bounded memory.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from bpu_desktop.domain.followup import SHOW_ARREARS, StatusCutoffs
from bpu_desktop.domain.months import add_months, month_start
from bpu_desktop.domain.sponsorship import Cover

from .conflicts import count_open, open_for_report
from .covers import live_covers
from .database import Store
from .followup import (
    FollowupQuery,
    Payer,
    listed_enrolments,
    paid_by,
    row_note,
    waiting_of,
)

BATCH = 5_000


@dataclass(frozen=True)
class NewMemberRow:
    nik: str
    name: str
    sex: str
    birth_date: str
    phone: str
    kecamatan_code: str
    kelurahan: str
    address: str
    kpj: str | None
    segment: str
    income: int
    with_jht: int
    funding: str
    months_paid: int
    amount_paid: int
    start_month: str
    paid_until: str
    enrolled_on: str
    created_by: str
    event_id: str | None  # named with store.events.event_labels
    sponsorship_id: str | None  # named with store.sponsors.sponsorship_labels


_NEW_SQL = (
    "SELECT m.nik, m.name, m.sex, m.birth_date, m.phone, m.kecamatan_code, m.kelurahan, "
    "m.address, m.kpj, e.segment, e.income, e.with_jht, e.funding, e.months_paid, "
    "e.amount_paid, e.start_month, e.paid_until, e.enrolled_on, e.created_by, e.event_id, "
    "e.sponsorship_id "
    "FROM enrolments e JOIN members m ON m.id = e.member_id AND m.deleted_at IS NULL "
    "WHERE e.deleted_at IS NULL AND e.enrolled_on >= ? AND e.enrolled_on < ? "
    "ORDER BY e.enrolled_on, e.id"
)


@contextlib.contextmanager
def read_snapshot(store: Store) -> Iterator[None]:
    """One consistent view for every sheet of a report (WAL readers never block writers)."""
    if store.conn.in_transaction:
        yield
        return
    store.conn.execute("BEGIN")
    try:
        yield
    finally:
        with contextlib.suppress(sqlite3.Error):
            store.conn.execute("ROLLBACK")


def _month_range(month: date) -> tuple[str, str]:
    start = month_start(month)
    return start.isoformat(), add_months(start, 1).isoformat()


def count_new_members(store: Store, month: date) -> int:
    lo, hi = _month_range(month)
    row = store.conn.execute(
        "SELECT COUNT(*) FROM enrolments e JOIN members m ON m.id = e.member_id "
        "AND m.deleted_at IS NULL WHERE e.deleted_at IS NULL "
        "AND e.enrolled_on >= ? AND e.enrolled_on < ?", (lo, hi)).fetchone()
    return int(row[0])


def iter_new_members(store: Store, month: date, batch: int = BATCH) -> Iterator[list[NewMemberRow]]:
    """Members whose enrolment date falls in `month`, in batches of `batch` rows."""
    cur = store.conn.execute(_NEW_SQL, _month_range(month))
    try:
        while rows := cur.fetchmany(batch):
            yield [NewMemberRow(*r) for r in rows]
    finally:
        cur.close()


def payments_by_kecamatan(store: Store, first: date, last: date) -> dict[str, int]:
    """Rupiah of the payments recorded after enrolment ("Bayar iuran…", "Catat
    pembayaran…") whose paid_on is from `first` to `last` (both included), per kecamatan
    code of the live enrolment they pay for, as the enrolment tally groups its Rupiah.

    Payments never change an enrolment's amount_paid (the first payment), so the two add
    up without counting anything twice. One read over `payments_by_date`, summed per
    enrolment before the enrolments are looked up: a year's payments of one member cost
    one lookup (300,000 payments of 50,000 members: about 1.5 s instead of 4-7 s)."""
    rows = store.conn.execute(
        "SELECT e.kecamatan_code, SUM(p.total) FROM ("
        " SELECT enrolment_id, SUM(amount) AS total FROM payments"
        " WHERE deleted_at IS NULL AND paid_on >= ? AND paid_on <= ? GROUP BY enrolment_id"
        ") p JOIN enrolments e ON e.id = p.enrolment_id AND e.deleted_at IS NULL "
        "GROUP BY e.kecamatan_code", (first.isoformat(), last.isoformat()))
    return {str(code): int(total) for code, total in rows if total}


@dataclass(frozen=True)
class ArrearsRow:
    nik: str
    name: str
    phone: str
    kecamatan_code: str
    kelurahan: str
    segment: str
    start_month: str
    paid_until: str  # the last month nobody owes for: own payments or a live sponsorship
    amount_paid: int
    created_by: str
    note: str = ""  # who paid up to paid_until when not the member ("Tanggungan ... berakhir")


def _arrears_listing(store: Store, month: date,
                     cutoffs: StatusCutoffs) -> tuple[str, list[Any]]:
    """The Tindak Lanjut page's list of members in arrears (`followup.listed_enrolments`)
    on the cut-offs' day, of those enrolled by the end of `month`."""
    _lo, hi = _month_range(month)
    return listed_enrolments(store, FollowupQuery(today=cutoffs.today, show=SHOW_ARREARS),
                             conditions=["e.enrolled_on < ?"], params=[hi])


def count_arrears(store: Store, month: date, cutoffs: StatusCutoffs) -> int:
    """Members on the follow-up list (in arrears, not yet inactive) on the day of
    `cutoffs` (domain.followup.status_cutoffs), enrolled by the end of `month`."""
    listed, params = _arrears_listing(store, month, cutoffs)
    row = store.conn.execute(f"SELECT COUNT(*) FROM ({listed})", params).fetchone()
    return int(row[0])


def iter_arrears(store: Store, month: date, cutoffs: StatusCutoffs,
                 batch: int = BATCH) -> Iterator[list[ArrearsRow]]:
    """The members `count_arrears` counts, the longest unpaid first, then by kecamatan
    and name, in batches, each with the Tindak Lanjut page's note."""
    listed, params = _arrears_listing(store, month, cutoffs)
    cur = store.conn.execute(
        f"WITH listed AS ({listed}) "
        "SELECT m.nik, m.name, m.phone, m.kecamatan_code, m.kelurahan, e.segment, "
        "e.start_month, listed.month, e.amount_paid, e.created_by, m.id, e.paid_until, "
        "e.covered_until, e.start_month, e.months_paid, e.funding, "
        # Who may have a cover (`sponsored_members`), counted or waiting after a gap.
        "e.sponsorship_id IS NOT NULL OR EXISTS (SELECT 1 FROM sponsorship_members sm "
        " WHERE sm.member_id = e.member_id AND sm.deleted_at IS NULL) "
        "FROM listed JOIN enrolments e ON e.rowid = listed.r "
        "JOIN members m ON m.id = e.member_id AND m.deleted_at IS NULL "
        "ORDER BY listed.month, m.kecamatan_code, m.name", params)
    # Without a cover the note depends on a few enrolment columns only: a few hundred
    # distinct values among a hundred thousand rows.
    uncovered: dict[tuple[Any, ...], str] = {}
    try:
        while rows := cur.fetchmany(batch):
            covers = live_covers(store.conn, [r[10] for r in rows if r[12] or r[16]])
            result = []
            for r in rows:
                payer = Payer(*r[11:16])
                if payer.covered_until or r[10] in covers:
                    note = _note(payer, covers.get(r[10], []))
                else:
                    key = (payer.paid_until, payer.start_month, payer.months_paid, payer.funding)
                    if key not in uncovered:
                        uncovered[key] = _note(payer, [])
                    note = uncovered[key]
                result.append(ArrearsRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
                                         r[8], r[9], note))
            yield result
    finally:
        cur.close()


def _note(payer: Payer, covers: list[Cover]) -> str:
    return row_note(paid_by(payer, covers), waiting_of(payer, covers))


def table_exists(store: Store, name: str) -> bool:
    """Sheets fed by later features (events, sponsors, conflicts) check before reading."""
    row = store.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
    return row is not None



@dataclass(frozen=True)
class ConflictRow:
    table_name: str
    kind: str
    row_id: str
    incoming: str  # JSON of the incoming row
    source_file: str
    created_at: str


def count_open_conflicts(store: Store) -> int | None:
    """Open conflicts a supervisor must decide (the conflict list's own count, so Laporan,
    the merge, `bpu conflicts` and the dialog say one number), or None when this file has
    no merge tables yet."""
    if not table_exists(store, "merge_conflicts"):
        return None
    return count_open(store)


def open_conflicts(store: Store, limit: int = 100_000) -> list[ConflictRow] | None:
    """The conflicts still to decide, as the conflict list shows them (a dependent row that
    follows its parent's decision is not a line of its own)."""
    if not table_exists(store, "merge_conflicts"):
        return None
    return [ConflictRow(*r) for r in open_for_report(store, limit)]
