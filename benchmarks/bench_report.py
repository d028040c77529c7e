"""The monthly report of the busiest month (1,000,000 members in the file) against
openpyxl write-only writing the same rows unstyled: the new members and the follow-up list
(the two long sheets; the figure sheets are a few hundred cells)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

from bpu_desktop.domain.followup import status_cutoffs
from bpu_desktop.domain.months import add_months
from bpu_desktop.reports.monthly_export import export_month
from bpu_desktop.store import aggregates as agg
from bpu_desktop.store import export_rows
from bpu_desktop.store.database import open_store
from bpu_desktop.store.export_rows import iter_arrears, iter_new_members
from bpu_desktop.store.reference import load_rates

from .harness import Context, Result, compare, median, peak_mb, reset_peak


def _busiest_month(store) -> date:  # type: ignore[no-untyped-def]
    span = agg.enrolment_span(store)
    if span is None:
        return date.today().replace(day=1)
    months = agg.enrolments_by_month(store, span)
    return max(months, key=lambda m: m[1])[0]


_ALONE = """
import re, sys
from datetime import date
from bpu_desktop.reports.monthly_export import export_month
from bpu_desktop.store.database import open_store
store = open_store(sys.argv[1], create=False)
export_month(store, date.fromisoformat(sys.argv[2]), sys.argv[3])
store.close()
print(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read())[1])
"""


def _peak_alone(db: Path, month: date, out: Path) -> float | None:
    if not sys.platform.startswith("linux"):
        return None
    done = subprocess.run([sys.executable, "-c", _ALONE, str(db), month.isoformat(), str(out)],
                          capture_output=True, text=True, timeout=1800,
                          cwd=Path(__file__).resolve().parents[1])
    if done.returncode != 0:
        raise RuntimeError(f"report in a fresh process failed: {done.stderr.strip()[-500:]}")
    return int(done.stdout.strip().splitlines()[-1]) / 1024


def run(ctx: Context) -> list[Result]:
    store = open_store(ctx.db_path, create=False)
    month = _busiest_month(store)
    rows = agg.enrolments_total(store, agg.Period.month(month))
    ours_path, base_path = ctx.work_dir / "rekap-bench.xlsx", ctx.work_dir / "polos-bench.xlsx"

    def ours() -> None:
        export_month(store, month, ours_path)

    # The same long lists as the report (its rows), written unstyled: the new members and
    # the follow-up list (the "menunggak" band on the report's day). The figure sheets are
    # a few hundred cells and are left out, which only makes the baseline faster.
    made = date.today()
    day = min(made, add_months(month, 1) - timedelta(days=1))
    rates = load_rates(store)
    cutoffs = status_cutoffs(day, rates)

    def baseline() -> None:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Peserta Baru")
        for batch in iter_new_members(store, month):
            for r in batch:
                ws.append(list(r.__dict__.values()))
        ws = wb.create_sheet("Tindak Lanjut")
        for arrears in iter_arrears(store, month, cutoffs):
            for a in arrears:
                ws.append(list(a.__dict__.values()))
        wb.save(base_path)

    reset_peak()
    ours_ms, base_ms = compare(ours, baseline, ctx.runs)
    # Peak memory of the report alone, in a fresh process: this process's RSS still holds
    # what earlier benchmarks (merge, imports) allocated.
    alone = _peak_alone(ctx.db_path, month, ours_path)
    arrears = export_rows.count_arrears(store, month, cutoffs)
    result = Result(f"monthly report, {rows:,} members in the month ({ctx.members:,} in the file)",
                    ours_ms=median(ours_ms), baseline_ms=median(base_ms),
                    peak_mb=alone if alone is not None else peak_mb(),
                    note=f"{rows + arrears:,} data rows (new members + {arrears:,} in arrears on "
                         "the follow-up sheet); the baseline writes the same rows unstyled through "
                         "openpyxl cells; ours writes styled data rows as ready XML into "
                         "openpyxl's write-only stream (same cells and styles)")
    store.close()
    for path in (ours_path, base_path):
        path.unlink(missing_ok=True)
    judged = result.judge(max_ratio=1.3)
    if result.peak_mb is not None and result.peak_mb >= 300:
        judged.status = "FAIL"
    judged.target += ", < 300 MB"
    return [judged]
