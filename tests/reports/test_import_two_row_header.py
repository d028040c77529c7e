"""The usual kelurahan form: a title, a two-row header ("ALAMAT" merged over "KELURAHAN |
KECAMATAN", the other headers merged down over both rows) and a row of column numbers
(1, 2, 3, …) under it. The header is read from both rows; the number row is skipped."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bpu_desktop.cli import main
from bpu_desktop.reports.column_mapping import detect_mapping
from bpu_desktop.reports.excel_import import import_file, read_sheet
from bpu_desktop.store.database import open_store
from bpu_desktop.store.members import MemberQuery, MemberRepository

from .builders import TODAY, make_nik, new_store

TOP = ["NO", "NIK", "NAMA", "ALAMAT", None, "PEKERJAAN", "PENGHASILAN", "NO HP",
       "TGL DAFTAR", "KETERANGAN"]
SUB = [None, None, None, "KELURAHAN", "KECAMATAN", None, None, None, None, None]


def _form(path: Path, people: list[list[object]], *, numbers: list[object] | None = None,
          sub: list[object] | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["DAFTAR PEKERJA BPU KELURAHAN PAJANG TAHUN 2026"])
    ws.merge_cells("A1:J1")
    ws.append([])
    ws.append(TOP)
    ws.append(sub or SUB)
    ws.merge_cells("D3:E3")  # ALAMAT over KELURAHAN | KECAMATAN
    for col in "ABCFGHIJ":  # every other header merged down over both rows
        ws.merge_cells(f"{col}3:{col}4")
    ws.append(numbers if numbers is not None else list(range(1, 11)))
    for i, person in enumerate(people, start=1):
        ws.append([i, *person])
    wb.save(path)
    return path


def _person(serial: int, name: str = "Budi Santoso", **kw: object) -> list[object]:
    return [kw.get("nik", make_nik(serial)), name, kw.get("desa", "Pajang"), "Laweyan", "UMKM",
            1500000, "081234567890", "02/03/2026", None]


@pytest.fixture()
def form(tmp_path: Path) -> Path:
    return _form(tmp_path / "form-kelurahan.xlsx", [
        _person(1), _person(2, "Siti Aminah"), _person(3, desa="Pajangan"), _person(4)])


def test_the_header_is_read_from_both_rows_and_the_number_row_skipped(tmp_path: Path,
                                                                      form: Path):
    mapping = detect_mapping(read_sheet(form).rows)
    assert mapping is not None
    assert (mapping.header_row, mapping.header_rows, mapping.numbered) == (2, 2, True)
    assert mapping.headers[:5] == ["NO", "NIK", "NAMA", "KELURAHAN", "KECAMATAN"]
    assert mapping.columns == {"nik": 1, "name": 2, "kelurahan": 3, "kecamatan": 4,
                               "segment": 5, "income": 6, "phone": 7, "enrolled_on": 8}

    store = new_store(tmp_path)
    result = import_file(store, form, today=TODAY, error_workbook=tmp_path / "salah.xlsx")
    plan = result.plan
    assert plan.summary_lines()[:4] == [
        "Baris data dibaca   : 4", "Peserta baru        : 3", "Sudah terdaftar     : 0",
        "Baris bermasalah    : 1"]
    # Excel's row numbers: title, blank, two header rows, the number row, then the people.
    assert [e.text() for e in plan.errors] == [
        "Baris 8, kolom KELURAHAN: Kelurahan tidak ada di Kecamatan Laweyan."]
    assert MemberRepository(store).count(MemberQuery()) == 3
    rows = list(openpyxl.load_workbook(tmp_path / "salah.xlsx").active.iter_rows(
        values_only=True))
    assert rows[0][:5] == ("NO", "NIK", "NAMA", "KELURAHAN", "KECAMATAN")
    assert rows[1][3] == "Pajangan"


def test_columns_chosen_by_the_text_of_either_header_row(tmp_path: Path, form: Path):
    store = new_store(tmp_path)
    result = import_file(store, form, today=TODAY, dry_run=True,
                         columns=[("kecamatan", "KECAMATAN"), ("name", "NAMA"),
                                  ("address", "KETERANGAN")])
    assert result.plan.mapping.columns["kecamatan"] == 4
    assert result.plan.mapping.columns["address"] == 9
    assert len(result.plan.new) == 3 and len(result.plan.bad_rows) == 1

    # The parent's text names its first column: ALAMAT for the street, here the desa.
    result = import_file(store, form, today=TODAY, dry_run=True,
                         columns=[("address", "ALAMAT")])
    assert result.plan.mapping.columns["address"] == 3
    assert "kelurahan" not in result.plan.mapping.columns


def test_bpu_import_kolom_with_a_sub_header(tmp_path: Path, form: Path, capsys):
    db = tmp_path / "data.db"
    new_store(tmp_path).close()
    code = main(["import", "--db", str(db), str(form), "--kolom", "Kecamatan=KECAMATAN",
                 "--errors-out", str(tmp_path / "salah.xlsx")])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert "Peserta baru        : 3" in out and "Baris bermasalah    : 1" in out
    assert "Baris 8, kolom KELURAHAN: Kelurahan tidak ada di Kecamatan Laweyan." in err
    assert MemberRepository(open_store(db)).count(MemberQuery()) == 3


@pytest.mark.parametrize("numbers", [
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)"],
    ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"],
    [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0],
])
def test_column_numbers_as_partners_write_them(tmp_path: Path, numbers: list[object]):
    src = _form(tmp_path / "f.xlsx", [_person(1)], numbers=numbers)
    result = import_file(new_store(tmp_path), src, today=TODAY, dry_run=True)
    assert result.plan.rows_read == 1 and len(result.plan.new) == 1


def test_without_a_number_row_the_first_person_is_read(tmp_path: Path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(TOP)
    ws.append(SUB)
    ws.merge_cells("D1:E1")
    ws.append([1, *_person(1)])
    wb.save(tmp_path / "f.xlsx")
    result = import_file(new_store(tmp_path), tmp_path / "f.xlsx", today=TODAY, dry_run=True)
    assert result.plan.mapping.numbered is False
    assert result.plan.rows_read == 1 and len(result.plan.new) == 1


def test_a_one_row_header_with_a_title_above_stays_one_row(tmp_path: Path):
    rows = [["DAFTAR PEKERJA", None, None], ["NIK", "Nama", "Kecamatan"],
            [make_nik(1), "Budi", "Laweyan"]]
    mapping = detect_mapping(rows)
    assert mapping is not None
    assert (mapping.header_row, mapping.header_rows, mapping.numbered) == (1, 1, False)
    # A data row under a one-row header is not taken for sub-headers.
    rows = [["NIK", "Nama", "Alamat", "Kecamatan"], [make_nik(1), "Budi", "Kelurahan", "Jebres"]]
    mapping = detect_mapping(rows)
    assert mapping is not None and mapping.header_rows == 1
