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

from bpu_desktop.domain.followup import StatusCutoffs
from bpu_desktop.domain.months import add_months, format_month, month_start

from .conflicts import count_open, open_for_report
from .database import Store

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


@dataclass(frozen=True)
class ArrearsRow:
    nik: str
    name: str
    phone: str
    kecamatan_code: str
    kelurahan: str
    segment: str
    start_month: str
    paid_until: str
    amount_paid: int
    created_by: str


_ARREARS_SQL = (
    "SELECT m.nik, m.name, m.phone, m.kecamatan_code, m.kelurahan, e.segment, e.start_month, "
    "e.paid_until, e.amount_paid, e.created_by "
    "FROM enrolments e JOIN members m ON m.id = e.member_id AND m.deleted_at IS NULL "
    "WHERE e.deleted_at IS NULL AND e.paid_until >= ? AND e.paid_until < ? "
    "AND e.enrolled_on < ? ORDER BY e.paid_until, m.kecamatan_code, m.name"
)


def _arrears_params(month: date, lookback: int,
                    cutoffs: StatusCutoffs | None = None) -> tuple[str, str, str]:
    start = month_start(month)
    _lo, hi = _month_range(start)
    lo, before = format_month(add_months(start, -lookback)), format_month(start)
    if cutoffs is not None:
        # Only the "menunggak" band of the domain's rule on the cut-offs' day: the rows the
        # report would drop anyway (still active, already inactive) never leave SQLite.
        lo = max(lo, cutoffs.arrears_from_text)
        before = min(before, cutoffs.active_from_text)
    return lo, before, hi


def count_arrears(store: Store, month: date, lookback: int = 3,
                  cutoffs: StatusCutoffs | None = None) -> int:
    """Candidates for follow-up: cover ended in the `lookback` months before `month`
    (members further behind are inactive and not on the call list); with `cutoffs`
    (domain.followup.status_cutoffs), only those in arrears on that day."""
    row = store.conn.execute(
        "SELECT COUNT(*) FROM enrolments e JOIN members m ON m.id = e.member_id "
        "AND m.deleted_at IS NULL WHERE e.deleted_at IS NULL AND e.paid_until >= ? "
        "AND e.paid_until < ? AND e.enrolled_on < ?",
        _arrears_params(month, lookback, cutoffs)).fetchone()
    return int(row[0])


def iter_arrears(store: Store, month: date, lookback: int = 3, batch: int = BATCH,
                 cutoffs: StatusCutoffs | None = None) -> Iterator[list[ArrearsRow]]:
    cur = store.conn.execute(_ARREARS_SQL, _arrears_params(month, lookback, cutoffs))
    try:
        while rows := cur.fetchmany(batch):
            yield [ArrearsRow(*r) for r in rows]
    finally:
        cur.close()


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
