"""All dashboard figures for a year through store/aggregates against the raw GROUP BYs."""

from __future__ import annotations

import sqlite3
from datetime import date

from bpu_desktop.store import aggregates as agg
from bpu_desktop.store.database import open_store

from .harness import Context, Result, compare, median, peak_mb, reset_peak


def run(ctx: Context) -> list[Result]:
    store = open_store(ctx.db_path, create=False)
    raw = sqlite3.connect(str(ctx.db_path))
    year = date.today().year
    period = agg.Period.year(year)

    def ours() -> None:
        agg.member_count(store)
        agg.enrolments_total(store, period)
        agg.enrolments_by_month(store, period)
        agg.enrolments_by_kecamatan(store, period)
        agg.enrolments_by_segment(store, period)
        agg.enrolments_by_officer(store, period)

    bounds = (f"{year}-01-01", f"{year + 1}-01-01")
    live = "deleted_at IS NULL AND enrolled_on >= ? AND enrolled_on < ?"

    def baseline() -> None:
        raw.execute("SELECT COUNT(*) FROM members WHERE deleted_at IS NULL").fetchall()
        raw.execute(f"SELECT COUNT(*) FROM enrolments WHERE {live}", bounds).fetchall()
        for column in ("substr(enrolled_on, 1, 7)", "kecamatan_code", "segment", "created_by"):
            raw.execute(f"SELECT {column}, COUNT(*) FROM enrolments WHERE {live} GROUP BY 1",
                        bounds).fetchall()

    reset_peak()
    ours_ms, base_ms = compare(ours, baseline, ctx.runs)
    result = Result(f"all dashboard figures for a year ({year})", ours_ms=median(ours_ms),
                    baseline_ms=median(base_ms), peak_mb=peak_mb())
    store.close()
    raw.close()
    return [result.judge(max_ratio=1.5, max_ms=1000)]
