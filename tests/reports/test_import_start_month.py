"""An imported row obeys the form's start-month rule (the same validator): a start three
months or more before the enrolment month is reported, one or two back is imported."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from bpu_desktop.reports.excel_import import import_file
from bpu_desktop.store.members import MemberRepository

from .builders import TODAY, make_nik, new_store


def test_a_start_years_before_the_enrolment_is_reported_not_imported(tmp_path: Path):
    store = new_store(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["NIK", "Nama", "HP", "Kecamatan", "Kelurahan", "Pekerjaan", "Penghasilan",
               "Tgl Daftar", "Mulai Bulan"])
    common = ["081234567890", "Laweyan", "Pajang", "UMKM", "1.500.000", "02/03/2026"]
    ws.append([make_nik(1), "Lama Sekali", *common, "01/2020"])
    ws.append([make_nik(2), "Dua Bulan", *common, "01/2026"])
    wb.save(tmp_path / "mulai.xlsx")
    result = import_file(store, tmp_path / "mulai.xlsx", today=TODAY)
    assert [(e.row, e.column, e.message) for e in result.plan.errors] == [
        (2, "Mulai Bulan", "Bulan mulai paling awal Januari 2026, 2 bulan sebelum bulan daftar "
                           "(tunggakan 3 bulan membuat kepesertaan nonaktif).")]
    assert result.inserted == 1
    repo = MemberRepository(store)
    assert repo.find_by_nik(make_nik(1)) is None
    assert repo.find_by_nik(make_nik(2)).start_month == "2026-01"
