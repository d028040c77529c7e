"""Kecamatan spellings partners write: abbreviations accepted, near misses named."""

from __future__ import annotations

from pathlib import Path

from bpu_desktop.reports.excel_import import plan_import, read_sheet

from .builders import TODAY, make_nik, new_store, workbook_with_sheets

HEADER = ["NIK", "Nama", "No HP", "Kecamatan", "Kelurahan", "Pekerjaan", "Penghasilan"]


def test_abbreviated_kecamatan_are_read_and_near_misses_get_a_hint(tmp_path: Path):
    store = new_store(tmp_path)
    rows = [[make_nik(n), "Budi Santoso", "081234567890", kec, "Kauman", "UMKM", "1.500.000"]
            for n, kec in enumerate(["Ps. Kliwon", "Psr Kliwon", "Pasarkliwon",
                                     "Pasar Kliwn"], start=1)]
    path = workbook_with_sheets(tmp_path / "kec.xlsx", {"Data": [HEADER, *rows]})
    plan = plan_import(store, read_sheet(path), today=TODAY)
    assert {c.kecamatan_code for _, c in plan.new} == {"33.72.03"} and len(plan.new) == 3
    assert [(e.row, e.message) for e in plan.errors] == [
        (5, "Kecamatan 'Pasar Kliwn' tidak dikenal; mungkin maksudnya 'Pasar Kliwon'?")]
