"""A JUMLAH/TOTAL row under the list is skipped and named, never counted as a bad row."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl

from bpu_desktop.cli import main
from bpu_desktop.reports.excel_import import import_file

from .builders import TODAY, make_nik, new_store
from .test_excel_import import HEADER, _row, _workbook


def _people(n: int) -> list[list[object]]:
    return [_row(i, make_nik(i), income=1500000) for i in range(1, n + 1)]


def _with_cached_values(path: Path, values: dict[str, object]) -> Path:
    """Give formula cells the value Excel saves with them (openpyxl writes none), so the
    file reads as one saved by Excel: the sum's value, not an empty cell."""
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, value in values.items():
        xml, n = re.subn(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)<v\s*(?:/>|></v>)',
                         rf"\1\2<v>{value}</v>", xml)
        assert n == 1, ref
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def test_a_jumlah_row_is_skipped_and_named(tmp_path: Path):
    store = new_store(tmp_path)
    total = [None] * len(HEADER)
    total[0], total[7] = "JUMLAH", 4500000  # label in the No column, the sum under Pendapatan
    path = _workbook(tmp_path / "klewer.xlsx", [*_people(3), total])
    out = tmp_path / "salah.xlsx"
    result = import_file(store, path, today=TODAY, error_workbook=out)
    plan = result.plan
    assert result.inserted == 3 and plan.bad_rows == [] and plan.rows_read == 3
    assert plan.total_rows == [7]
    assert "Baris jumlah/total dilewati (bukan data peserta): baris 7." in plan.summary_lines()
    assert result.error_workbook is None and not out.exists()


def test_total_in_the_name_column_and_numbers_only_row_at_the_bottom(tmp_path: Path):
    store = new_store(tmp_path)
    label = [None, None, "TOTAL PESERTA: 2", *[None] * 7]
    numbers = [None] * len(HEADER)
    numbers[7] = 3000000  # a sum typed under the column, its label in a merged cell
    path = _workbook(tmp_path / "a.xlsx", [*_people(2), label, [None] * 10, numbers])
    plan = import_file(store, path, today=TODAY).plan
    assert plan.bad_rows == [] and plan.total_rows == [6, 8]


def test_a_sum_formula_row_is_skipped_wherever_it_is(tmp_path: Path):
    store = new_store(tmp_path)
    sub = [None] * len(HEADER)
    sub[1], sub[7] = "=COUNTA(B2:B3)", "=SUM(H2:H3)"  # a subtotal between two groups
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [HEADER, *_people(2), sub, _row(3, make_nik(3), income=1500000)]:
        ws.append(row)
    path = tmp_path / "sub.xlsx"
    wb.save(path)
    _with_cached_values(path, {"B4": 2, "H4": 3000000})
    result = import_file(store, path, today=TODAY)
    assert result.inserted == 3 and result.plan.bad_rows == []
    assert result.plan.total_rows == [4]


def test_rows_of_people_stay_errors(tmp_path: Path):
    store = new_store(tmp_path)
    numbers_only = [None] * len(HEADER)
    numbers_only[7] = 1500000  # a worker's row begun and left: not at the bottom
    path = _workbook(tmp_path / "b.xlsx", [
        _row(1, make_nik(1), kec="Jumlah"),  # a NIK: a person, whatever the other cells say
        numbers_only,
        _row(2, make_nik(2)),
    ])
    plan = import_file(store, path, today=TODAY).plan
    assert [b.row for b in plan.bad_rows] == [4, 5] and plan.total_rows == []
    assert [e.text() for e in plan.bad_rows[0].errors] == [
        "Baris 4, kolom Kec.: Kecamatan 'Jumlah' tidak dikenal."]


def test_cli_exit_code_is_zero_when_only_a_total_row_is_left_over(tmp_path: Path, capsys):
    new_store(tmp_path).close()
    total = [None] * len(HEADER)
    total[0], total[7] = "Jumlah", 3000000
    path = _workbook(tmp_path / "daftar.xlsx", [*_people(2), total])
    assert main(["import", "--db", str(tmp_path / "data.db"), str(path)]) == 0
    out, err = capsys.readouterr()
    assert "Baris data dibaca   : 2" in out and "Baris bermasalah    : 0" in out
    assert "Baris jumlah/total dilewati (bukan data peserta): baris 6." in out
    assert err == "" and not (tmp_path / "daftar-kesalahan.xlsx").exists()
    wb = openpyxl.load_workbook(path)  # the partner's file is left as it was
    assert wb.active["A6"].value == "Jumlah"
