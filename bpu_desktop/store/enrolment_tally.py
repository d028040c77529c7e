"""Enrolment counts and amounts per month, read from `_enrolment_tally` (migration m010).

Why: a year's dashboard at a million members grouped ~600,000 index entries four times
(~1.4 s; the bare GROUP BYs alone ~1.9 s on the same laptop), and every start after a
write paid it again. Triggers keep one row per (month, kecamatan, segment, officer) with
its count and Rupiah, about 45,000 rows for a busy year, so a figure reads a few thousand
rows instead.

A period that does not start on the 1st or end on a month's last day (year to date, the
span of a file) takes its whole months from the tally and its partial months from
`enrolments` itself, so every figure is the same as a COUNT over the rows.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

from bpu_desktop.domain.months import add_months, format_month, month_start

from .database import Store

# What a figure can be grouped by: the tally's column and the same thing on `enrolments`.
GROUPS: dict[str, tuple[str, str]] = {
    "month": ("month", "substr(enrolled_on, 1, 7)"),
    "kecamatan_code": ("kecamatan_code", "kecamatan_code"),
    "segment": ("segment", "segment"),
    "created_by": ("created_by", "created_by"),
}
_TOTAL = ("''", "''")

# (start, end) dates, both included; None is the whole file.
Span = tuple[date, date] | None
AreaClause = Callable[[str], tuple[str, list[Any]]]


def whole_months(start: date, end: date) -> tuple[date, date] | None:
    """The first and last whole months inside start..end (first days), or None."""
    first = start if start.day == 1 else add_months(month_start(start), 1)
    after = end + timedelta(days=1)
    last = add_months(month_start(after), -1)  # the month that ends before `after`
    return (first, last) if first <= last else None


def tally(store: Store, group: str | None, span: Span, area: AreaClause | None,
          measure: str = "n") -> dict[str, int]:
    """COUNT(*) (measure "n") or SUM(amount_paid) (measure "amount") of live enrolments in
    `span` and the area, per `group` (one key '' when None). Groups summing to 0 are left
    out, as a GROUP BY over the rows would not have them."""
    tally_col, row_col = GROUPS[group] if group else _TOTAL
    found: dict[str, int] = {}

    def add(rows: Any) -> None:
        for key, value in rows:
            found[str(key)] = found.get(str(key), 0) + int(value or 0)

    whole = None if span is None else whole_months(*span)
    if span is None or whole is not None:
        where, params = _area(area)
        if whole is not None:
            where += " AND month >= ? AND month <= ?"
            params += [format_month(whole[0]), format_month(whole[1])]
        add(store.conn.execute(
            f"SELECT {tally_col}, SUM({measure}) FROM _enrolment_tally WHERE {where} "
            f"GROUP BY 1", params))
    if span is not None:
        for part in _partial_parts(span, whole):
            where, params = _area(area)
            measured = "COUNT(*)" if measure == "n" else "SUM(amount_paid)"
            add(store.conn.execute(
                f"SELECT {row_col}, {measured} FROM enrolments WHERE deleted_at IS NULL "
                f"AND enrolled_on >= ? AND enrolled_on < ? AND {where} GROUP BY 1",
                [part[0].isoformat(), (part[1] + timedelta(days=1)).isoformat(), *params]))
    return {k: v for k, v in found.items() if v}


def _area(area: AreaClause | None) -> tuple[str, list[Any]]:
    if area is None:
        return "1", []
    sql, params = area("kecamatan_code")
    return sql, list(params)


def _partial_parts(span: tuple[date, date],
                   whole: tuple[date, date] | None) -> list[tuple[date, date]]:
    """The days of `span` outside its whole months (none, one or two runs of days)."""
    start, end = span
    if whole is None:
        return [span]
    parts = []
    if start < whole[0]:
        parts.append((start, whole[0] - timedelta(days=1)))
    after_whole = add_months(whole[1], 1)
    if end >= after_whole:
        parts.append((after_whole, end))
    return parts


# The tally as counted from the rows: the migration's first fill, a rebuild, a check.
_LIVE_ROWS = ("SELECT substr(enrolled_on, 1, 7), kecamatan_code, segment, created_by, "
              "COUNT(*), COALESCE(SUM(amount_paid), 0) FROM enrolments WHERE deleted_at IS NULL")
_GROUP = " GROUP BY 1, 2, 3, 4"
FROM_ROWS = _LIVE_ROWS + _GROUP
_STORED = ("SELECT month, kecamatan_code, segment, created_by, n, amount "
           "FROM _enrolment_tally WHERE n != 0 OR amount != 0")
# The conflict target named: SQLite before 3.35 (Debian 11's) needs it.
UPSERT = ("ON CONFLICT (month, kecamatan_code, segment, created_by) DO UPDATE "
          "SET n = n + excluded.n, amount = amount + excluded.amount")
_INSERT = "INSERT INTO _enrolment_tally (month, kecamatan_code, segment, created_by, n, amount)"
FILL = f"{_INSERT} {FROM_ROWS}"


@contextlib.contextmanager
def appending(store: Store) -> Iterator[None]:
    """Bulk inserts into `enrolments` (import), inside the caller's transaction: the
    triggers are set aside and the new rows tallied by one GROUP BY at the end (a trigger
    per row cost ~0.5 s of CPU per 100,000). Only for inserts: rows changed meanwhile
    would not be tallied. The triggers are back before the transaction can commit, and a
    rollback brings them back anyway (SQLite's schema changes are transactional)."""
    conn = store.conn
    if not conn.in_transaction:
        raise RuntimeError("appending() runs inside the caller's transaction")
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        "AND tbl_name = 'enrolments' AND name GLOB 'enrolment_tally_*'").fetchall()
    before = conn.execute("SELECT coalesce(max(rowid), 0) FROM enrolments").fetchone()[0]
    for name, _ in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    try:
        yield
        if triggers:
            conn.execute(f"{_INSERT} {_LIVE_ROWS} AND rowid > ?{_GROUP} {UPSERT}",
                         (before,))
    finally:
        # A disk-full or I/O error makes SQLite roll the whole transaction back itself,
        # triggers included: put them back only while the transaction is still open, so
        # the caller sees the real error.
        if conn.in_transaction:
            for _, sql in triggers:
                conn.execute(sql)


def rebuild(store: Store) -> None:
    """Count the tally again from the rows (a file edited outside the app, a repair)."""
    with store.write():
        store.conn.execute("DELETE FROM _enrolment_tally")
        store.conn.execute(FILL)


def drifted(store: Store) -> bool:
    """Whether the tally differs from a fresh count of the rows (`bpu check`)."""
    return bool(store.conn.execute(
        f"SELECT EXISTS ({_STORED} EXCEPT {FROM_ROWS}) OR EXISTS ({FROM_ROWS} EXCEPT {_STORED})"
    ).fetchone()[0])
