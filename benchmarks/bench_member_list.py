"""The member list through MemberRepository against the raw SQL for the same page."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from bpu_desktop.store.database import open_store
from bpu_desktop.store.members import MemberQuery, MemberRepository

from .harness import Context, Result, compare, median, peak_mb, reset_peak

PAGE = 200
_RAW_SELECT = (
    "SELECT m.id, m.nik, m.name, m.sex, m.birth_date, m.phone, m.kecamatan_code, m.kelurahan,"
    " m.address, m.kpj, e.id, e.segment, e.sector, e.income, e.with_jht, e.funding,"
    " e.months_paid, e.amount_paid, e.start_month, e.paid_until, e.enrolled_on, e.event_id,"
    " e.sponsorship_id, m.created_by, m.version FROM members m LEFT JOIN enrolments e"
    " ON e.member_id = m.id AND e.deleted_at IS NULL WHERE m.deleted_at IS NULL"
)


def _raw(conn: sqlite3.Connection, where: str, order: str, params: list[Any],
         offset: int = 0) -> Callable[[], Any]:
    sql = f"{_RAW_SELECT}{where} ORDER BY {order} LIMIT ? OFFSET ?"
    return lambda: conn.execute(sql, [*params, PAGE, offset]).fetchall()


def run(ctx: Context) -> list[Result]:
    store = open_store(ctx.db_path, create=False)
    repo = MemberRepository(store)
    raw = sqlite3.connect(str(ctx.db_path))
    sample_nik = raw.execute("SELECT nik FROM members WHERE deleted_at IS NULL "
                             "ORDER BY rowid LIMIT 1 OFFSET ?", (ctx.members // 2,)).fetchone()[0]
    nik_prefix = sample_nik[:10]  # district + birth day and month: a few hundred people
    district = sample_nik[:6]  # a whole kecamatan: tens of thousands
    name_prefix = "Sri Wah"
    total = repo.count(MemberQuery())
    last = max(0, total - PAGE)
    cases: list[tuple[str, Callable[[], Any], Callable[[], Any]]] = [
        ("member list: first page",
         lambda: repo.page(MemberQuery(), 0, PAGE),
         _raw(raw, "", "m.name, m.id", [])),
        ("member list: row count (COUNT)",
         lambda: repo.count(MemberQuery()),
         lambda: raw.execute("SELECT COUNT(*) FROM members WHERE deleted_at IS NULL").fetchone()),
        (f"NIK prefix search ({len(nik_prefix)} digits)",
         lambda: repo.page(MemberQuery(search=nik_prefix), 0, PAGE),
         _raw(raw, " AND m.nik >= ? AND m.nik < ?", "m.name, m.id",
              [nik_prefix, nik_prefix + "\uffff"])),
        (f"NIK prefix search ({len(district)} digits)",
         lambda: repo.page(MemberQuery(search=district), 0, PAGE),
         _raw(raw, " AND m.nik >= ? AND m.nik < ?", "m.name, m.id",
              [district, district + "\uffff"])),
        ("jump to the middle of the list",
         lambda: repo.page(MemberQuery(), total // 2, PAGE),
         _raw(raw, "", "m.name, m.id", [], offset=total // 2)),
        (f"name search ('{name_prefix}')",
         lambda: repo.page(MemberQuery(search=name_prefix), 0, PAGE),
         _raw(raw, " AND m.name LIKE ?", "m.name, m.id", [name_prefix + "%"])),
        ("sort by name (Z-A)",
         lambda: repo.page(MemberQuery(sort="name", descending=True), 0, PAGE),
         _raw(raw, "", "m.name DESC, m.id DESC", [])),
        ("jump to the last row",
         lambda: repo.page(MemberQuery(), last, PAGE),
         _raw(raw, "", "m.name, m.id", [], offset=last)),
    ]
    results = []
    for name, ours, baseline in cases:
        reset_peak()
        ours_ms, base_ms = compare(ours, baseline, ctx.runs)
        results.append(Result(name, ours_ms=median(ours_ms), baseline_ms=median(base_ms),
                              peak_mb=peak_mb()).judge(max_ratio=1.5, max_ms=100))
    store.close()
    raw.close()
    return results
