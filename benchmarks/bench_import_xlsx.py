"""Importing a 100,000-row .xlsx (validation with the form's rules, duplicates, one
transaction) against a calamine read plus one executemany of the same rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from bpu_desktop.reports.excel_import import import_file
from bpu_desktop.store.database import open_store

from .harness import Context, Result, compare, median, peak_mb, reset_peak

ROWS = 100_000
TODAY = date(2026, 4, 10)
HEADER = ["NIK", "Nama", "No. HP", "Kecamatan", "Kelurahan", "Pekerjaan", "Penghasilan",
          "Tanggal daftar", "Alamat"]


def _nik(i: int) -> str:
    district = f"3372{1 + (i // 9999) % 5:02d}"
    born = date(1970 + i % 30, 1 + i % 12, 1 + i % 28)
    day = born.day + (40 if i % 2 else 0)
    return f"{district}{day:02d}{born.month:02d}{born.year % 100:02d}{1 + i % 9999:04d}"


def build_file(path: Path, rows: int = ROWS) -> Path:
    if path.exists():
        return path
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    ws.append(HEADER)
    for i in range(rows):
        ws.append([_nik(i), "Budi Santoso", f"0812{i % 10**8:08d}", "Laweyan", "Pajang", "UMKM",
                   1_500_000, "02/03/2026", "Jl. Pajang 3"])
    tmp = path.with_suffix(".part")
    wb.save(tmp)
    tmp.rename(path)
    return path


def run(ctx: Context) -> list[Result]:
    src = build_file(ctx.work_dir / f"impor-{ROWS}.xlsx")
    counter = iter(range(1_000_000))

    def fresh(name: str) -> Path:
        path = ctx.work_dir / f"{name}-{next(counter)}.db"
        store = open_store(path)
        store.set_officer("bench")
        store.close()
        return path

    def cleanup(path: Path) -> None:
        for p in path.parent.glob(path.name + "*"):
            p.unlink()

    def ours() -> None:
        path = fresh("impor")
        store = open_store(path, create=False)
        result = import_file(store, src, today=TODAY)
        assert result.inserted == ROWS, result.plan.summary_lines()
        store.close()
        cleanup(path)

    def baseline() -> None:
        path = fresh("polos")
        store = open_store(path, create=False)
        rows = CalamineWorkbook.from_path(str(src)).get_sheet_by_name("Data").to_python()
        with store.write():
            store.conn.executemany(
                "INSERT INTO members(id, created_at, updated_at, nik, name, sex, birth_date, "
                "phone, kecamatan_code, kelurahan, address) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(str(i), "t", "t", r[0], r[1], "L", "1990-01-01", r[2], "33.72.01", r[4], r[8])
                 for i, r in enumerate(rows[1:])])
        store.close()
        cleanup(path)

    reset_peak()
    ours_ms, base_ms = compare(ours, baseline, ctx.runs)
    result = Result(f"import a {ROWS:,}-row .xlsx", ours_ms=median(ours_ms),
                    baseline_ms=median(base_ms), peak_mb=peak_mb(),
                    note="ours checks every row with the enrolment form's rules and writes a "
                         "member, an enrolment and their audit rows (3 tables, 15 B-trees written) in "
                         "one transaction; the baseline inserts one unchecked row per person")
    return [result.judge(max_ratio=2.0)]
