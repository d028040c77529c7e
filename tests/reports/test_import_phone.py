"""A phone number is optional: partners' lists (market sellers, traffic wardens) often
have no phone column or blank phones, and some elderly workers own none. Such rows are
imported with '' and counted in the summary; a number given but malformed stays an error."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from bpu_desktop.cli import main
from bpu_desktop.reports.excel_import import import_file

from .builders import TODAY, make_nik, new_store
from .test_excel_import import _row, _workbook


def _phones(store) -> dict[str, str]:
    return dict(store.conn.execute("SELECT nik, phone FROM members").fetchall())


def test_a_list_without_a_phone_column_is_imported(tmp_path: Path, capsys):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["NIK", "Nama", "Kecamatan", "Kelurahan", "Pekerjaan", "Penghasilan"])
    for i in range(1, 4):
        ws.append([make_nik(i), "Budi Santoso", "Laweyan", "Pajang", "Supeltas", 1500000])
    wb.save(tmp_path / "supeltas.xlsx")

    store = new_store(tmp_path)
    result = import_file(store, tmp_path / "supeltas.xlsx", today=TODAY)
    plan = result.plan
    assert "phone" not in plan.mapping.columns
    assert result.inserted == 3 and plan.bad_rows == [] and plan.warnings == 3
    assert plan.no_phone_rows == [2, 3, 4]
    assert plan.summary_lines()[-1] == (
        "3 baris tanpa nomor HP (berkas tidak punya kolom Nomor HP); peserta sulit "
        "dihubungi bila iurannya menunggak.")
    assert _phones(store) == {make_nik(1): "", make_nik(2): "", make_nik(3): ""}

    code = main(["import", "--db", str(tmp_path / "data.db"), "--dry-run",
                 str(tmp_path / "supeltas.xlsx")])
    out = capsys.readouterr().out
    assert code == 0
    assert "3 baris tanpa nomor HP (berkas tidak punya kolom Nomor HP)" in out


def test_blank_phone_cells_are_imported_and_named_a_bad_phone_stays_an_error(tmp_path: Path):
    store = new_store(tmp_path)
    path = _workbook(tmp_path / "pasar.xlsx", [
        _row(1, make_nik(1)),                          # row 4: a phone
        _row(2, make_nik(2), phone=None),              # row 5: blank cell
        _row(3, make_nik(3), phone="   "),             # row 6: spaces only
        _row(4, make_nik(4), phone="-"),               # row 7: "none", as lists write it
        _row(5, make_nik(5), phone="0812 345"),        # row 8: given, too short
        _row(6, make_nik(6), phone=None, kec="Xyz"),   # row 9: bad for another reason
    ])
    result = import_file(store, path, today=TODAY)
    plan = result.plan
    assert result.inserted == 4
    assert [e.text() for e in plan.errors] == [
        "Baris 8, kolom WA: Nomor HP harus 10 sampai 13 digit (tertulis 7).",
        "Baris 9, kolom Kec.: Kecamatan 'Xyz' tidak dikenal.",
    ]
    assert plan.no_phone_rows == [5, 6, 7]
    assert plan.notes == [
        "3 baris tanpa nomor HP (baris 5, 6, 7); peserta sulit dihubungi bila iurannya "
        "menunggak."]
    assert _phones(store) == {make_nik(1): "081234567890", make_nik(2): "",
                              make_nik(3): "", make_nik(4): ""}


def test_many_rows_without_a_phone_are_counted_past_the_first_five(tmp_path: Path):
    store = new_store(tmp_path)
    path = _workbook(tmp_path / "p.xlsx", [_row(i, make_nik(i), phone="") for i in range(1, 9)])
    plan = import_file(store, path, today=TODAY, dry_run=True).plan
    assert plan.notes == [
        "8 baris tanpa nomor HP (baris 4, 5, 6, 7, 8 dan 3 lainnya); peserta sulit "
        "dihubungi bila iurannya menunggak."]


def test_a_list_where_everyone_has_a_phone_has_no_phone_note(tmp_path: Path):
    store = new_store(tmp_path)
    path = _workbook(tmp_path / "p.xlsx", [_row(1, make_nik(1)), _row(2, make_nik(2))])
    plan = import_file(store, path, today=TODAY, dry_run=True).plan
    assert plan.no_phone_rows == [] and plan.notes == [] and plan.warnings == 0
