"""The monthly report of the busiest month (1,000,000 members in the file) against
openpyxl write-only writing the same member rows unstyled."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook

from bpu_desktop.reports.monthly_export import export_month
from bpu_desktop.store import aggregates as agg
from bpu_desktop.store.database import open_store
from bpu_desktop.store.export_rows import iter_new_members

from .harness import Context, Result, compare, median, peak_mb, reset_peak


def _busiest_month(store) -> date:  # type: ignore[no-untyped-def]
    span = agg.enrolment_span(store)
    if span is None:
        return date.today().replace(day=1)
    months = agg.enrolments_by_month(store, span)
    return max(months, key=lambda m: m[1])[0]


def run(ctx: Context) -> list[Result]:
    store = open_store(ctx.db_path, create=False)
    month = _busiest_month(store)
    rows = agg.enrolments_total(store, agg.Period.month(month))
    ours_path, base_path = ctx.work_dir / "rekap-bench.xlsx", ctx.work_dir / "polos-bench.xlsx"

    def ours() -> None:
        export_month(store, month, ours_path)

    def baseline() -> None:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Peserta Baru")
        for batch in iter_new_members(store, month):
            for r in batch:
                ws.append(list(r.__dict__.values()))
        wb.save(base_path)

    reset_peak()
    ours_ms, base_ms = compare(ours, baseline, ctx.runs)
    result = Result(f"laporan bulanan {rows:,} peserta bulan ini ({ctx.members:,} di berkas)"
                    .replace(",", "."), ours_ms=median(ours_ms), baseline_ms=median(base_ms),
                    peak_mb=peak_mb())
    store.close()
    for path in (ours_path, base_path):
        path.unlink(missing_ok=True)
    judged = result.judge(max_ratio=1.3)
    if result.peak_mb is not None and result.peak_mb >= 300:
        judged.status = "FAIL"
    judged.target += ", < 300 MB"
    return [judged]
