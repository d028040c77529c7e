"""Which sheet is read when none is named: an empty first sheet is passed over."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bpu_desktop.reports.excel_import import import_file
from bpu_desktop.reports.import_errors import ColumnsNotFound

from .builders import TODAY, make_nik, new_store

HEADER = ["NIK", "Nama", "No HP", "Kecamatan", "Kelurahan", "Pekerjaan", "Penghasilan",
          "Tanggal daftar"]


def _person(nik: str) -> list[object]:
    return [nik, "Budi Santoso", "081234567890", "Laweyan", "Pajang", "UMKM", 1500000,
            "02/03/2026"]


def test_an_empty_first_sheet_reads_the_sheet_with_the_list(tmp_path: Path):
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.create_sheet("Sheet2")["B3"] = "   "  # spaces only: empty to the eye
    ws = wb.create_sheet("Data Pekerja")
    ws.append(HEADER)
    ws.append(_person(make_nik(1)))
    wb.create_sheet("Rekap").append(["Jumlah", 1])
    wb.save(tmp_path / "lembar.xlsx")
    store = new_store(tmp_path)
    result = import_file(store, tmp_path / "lembar.xlsx", today=TODAY)
    assert result.inserted == 1 and result.plan.bad_rows == []
    assert ("Lembar Sheet1, Sheet2 kosong; yang dibaca lembar 'Data Pekerja'."
            in result.plan.summary_lines())


def test_a_sheet_named_is_read_even_when_empty(tmp_path: Path):
    wb = openpyxl.Workbook()
    wb.active.title = "Kosong"
    wb.create_sheet("Data").append(HEADER)
    wb.save(tmp_path / "lembar.xlsx")
    with pytest.raises(ColumnsNotFound):
        import_file(new_store(tmp_path), tmp_path / "lembar.xlsx", sheet="Kosong",
                    today=TODAY)
