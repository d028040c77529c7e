"""Which sheet is read when none is named: an empty first sheet is passed over."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bpu_desktop.reports.excel_import import import_file, read_sheet
from bpu_desktop.reports.import_errors import ColumnsNotFound

from .builders import TODAY, make_nik, new_store, workbook_with_sheets

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



def test_a_cover_or_recap_sheet_before_the_list_is_passed_over(tmp_path: Path):
    # h-53 item 10: "Rekap" (a total, no NIK/Nama header) before "Data Peserta".
    path = workbook_with_sheets(tmp_path / "wng.xlsx", {
        "Kosong": [],
        "Rekap": [["Rekap jumlah", 5], ["Nama", "Kecamatan"]],  # a header, but no NIK
        "Data Peserta": [["DATA PEKERJA RENTAN"], [], HEADER, _person(make_nik(1))],
        "Catatan": [["NIK", "Nama"], [make_nik(2), "Orang Lain"]],  # never reached
    })
    data = read_sheet(path)
    assert data.sheet == "Data Peserta"
    result = import_file(new_store(tmp_path), path, today=TODAY)
    assert result.inserted == 1 and result.plan.bad_rows == []
    assert ("Lembar Kosong kosong, lembar Rekap tanpa judul kolom NIK dan Nama; yang dibaca "
            "lembar 'Data Peserta'." in result.plan.summary_lines())


def test_the_sheet_read_is_named_when_the_workbook_has_others(tmp_path: Path):
    path = workbook_with_sheets(tmp_path / "dua.xlsx", {
        "Kec Laweyan": [HEADER, _person(make_nik(1))],
        "Kec Jebres": [HEADER, _person(make_nik(2))]})
    result = import_file(new_store(tmp_path), path, today=TODAY)
    assert ("Yang dibaca lembar 'Kec Laweyan'; lembar lain (Kec Jebres) tidak dibaca."
            in result.plan.summary_lines())
    named = import_file(new_store(tmp_path, "b.db"), path, sheet="Kec Jebres", today=TODAY)
    assert named.inserted == 1
    assert not any("lembar" in line.casefold() for line in named.plan.summary_lines())
    alone = workbook_with_sheets(tmp_path / "satu.xlsx", {"Data": [HEADER, _person(make_nik(1))]})
    one = import_file(new_store(tmp_path, "c.db"), alone, today=TODAY)
    assert not any("lembar" in line.casefold() for line in one.plan.summary_lines())


def test_no_sheet_with_the_header_names_the_sheets(tmp_path: Path):
    path = workbook_with_sheets(tmp_path / "x.xlsx", {"Kosong": [], "Sampul": [["Daftar pekerja"]],
                                       "Catatan": [["isi"]]})
    assert read_sheet(path).sheet == "Sampul"  # the first that holds something, as before
    with pytest.raises(ColumnsNotFound) as caught:
        import_file(new_store(tmp_path), path, today=TODAY)
    assert caught.value.sheet == "Sampul"
    assert caught.value.sheets == ("Kosong", "Sampul", "Catatan")
    single = workbook_with_sheets(tmp_path / "y.xlsx", {"Sampul": [["Daftar pekerja"]]})
    with pytest.raises(ColumnsNotFound) as caught:
        import_file(new_store(tmp_path), single, today=TODAY)
    assert caught.value.sheets == ()
