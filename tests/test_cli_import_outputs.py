"""`bpu import` never writes over an existing error workbook unasked (h-53 item 3), and
picks the sheet that holds the list (h-53 item 10)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from bpu_desktop.cli import main
from bpu_desktop.store.database import open_store
from bpu_desktop.store.members import MemberQuery, MemberRepository
from tests.reports.builders import new_store, workbook_with_sheets
from tests.test_cli_excel import _list


def _fixed_by_hand(path: Path) -> None:
    wb = openpyxl.load_workbook(path)
    wb.active["H2"] = "28/02/2026"  # the officer's correction
    wb.save(path)


def test_an_existing_error_workbook_is_kept_and_a_fresh_name_used(tmp_path: Path, capsys):
    db = str(tmp_path / "data.db")
    new_store(tmp_path).close()
    src = _list(tmp_path / "daftar.xlsx")
    first = tmp_path / "daftar-kesalahan.xlsx"
    assert main(["import", "--db", db, str(src)]) == 1
    assert f"Baris bermasalah disimpan ke {first} " in capsys.readouterr().out
    _fixed_by_hand(first)

    assert main(["import", "--db", db, str(src)]) == 1
    second = tmp_path / "daftar-kesalahan-2.xlsx"
    assert f"Baris bermasalah disimpan ke {second} " in capsys.readouterr().out
    assert openpyxl.load_workbook(first).active["H2"].value == "28/02/2026"  # the fix stays
    assert openpyxl.load_workbook(second).active["H2"].value == "30/02/2026"

    assert main(["import", "--db", db, str(src)]) == 1
    assert (tmp_path / "daftar-kesalahan-3.xlsx").exists()
    capsys.readouterr()

    assert main(["import", "--db", db, str(src), "--timpa"]) == 1  # asked for: written over
    assert f"Baris bermasalah disimpan ke {first} " in capsys.readouterr().out
    assert openpyxl.load_workbook(first).active["H2"].value == "30/02/2026"
    assert not (tmp_path / "daftar-kesalahan-4.xlsx").exists()


def test_a_named_error_workbook_that_exists_is_refused_before_anything_is_saved(
        tmp_path: Path, capsys):
    db = str(tmp_path / "data.db")
    new_store(tmp_path).close()
    src = _list(tmp_path / "daftar.xlsx")
    out = tmp_path / "perbaikan.xlsx"
    out.write_bytes(b"perbaikan petugas")
    assert main(["import", "--db", db, str(src), "--errors-out", str(out)]) == 2
    _out, err = capsys.readouterr()
    assert err == (f"bpu: berkas {out} sudah ada; pakai --timpa untuk menimpanya, atau pilih "
                   "nama lain.\n")
    assert out.read_bytes() == b"perbaikan petugas"
    assert MemberRepository(open_store(tmp_path / "data.db")).count(MemberQuery()) == 0

    assert main(["import", "--db", db, str(src), "--errors-out", str(out), "--timpa"]) == 1
    assert openpyxl.load_workbook(out).active["B2"].value == "Siti Aminah"



def test_the_list_on_the_second_sheet_is_found_and_named(tmp_path: Path, capsys):
    new_store(tmp_path).close()
    listed = openpyxl.load_workbook(_list(tmp_path / "daftar.xlsx")).active
    rows = [list(r) for r in listed.iter_rows(values_only=True)]
    src = workbook_with_sheets(tmp_path / "wng.xlsx",
                               {"Rekap": [["Rekap jumlah", 5]], "Data Peserta": rows})
    assert main(["import", "--db", str(tmp_path / "data.db"), str(src), "--dry-run"]) == 1
    out, _err = capsys.readouterr()
    assert "Peserta baru        : 1" in out
    assert "Lembar Rekap tanpa judul kolom NIK dan Nama; yang dibaca lembar 'Data Peserta'." in out


def test_no_sheet_with_the_header_names_the_sheets_and_sheet_option(tmp_path: Path, capsys):
    new_store(tmp_path).close()
    db = str(tmp_path / "data.db")
    src = workbook_with_sheets(tmp_path / "x.xlsx", {"Sampul": [["Daftar"]], "Catatan": [["isi"]]})
    assert main(["import", "--db", db, str(src), "--dry-run"]) == 1
    _out, err = capsys.readouterr()
    assert err == ("bpu: Tidak ada lembar yang berjudul kolom NIK dan Nama. Lembar yang ada: "
                   "Sampul, Catatan; pilih dengan --sheet \"NAMA LEMBAR\", atau pilih kolomnya "
                   "dengan --kolom \"NIK=No. KTP\" --kolom \"Nama=Nama Lengkap\".\n")
    assert main(["import", "--db", db, str(src), "--sheet", "Catatan", "--dry-run"]) == 1
    _out, err = capsys.readouterr()
    assert err.startswith("bpu: Baris judul kolom tidak ditemukan. Pastikan ada kolom NIK dan "
                          "Nama di baris judul. Lembar yang ada: Sampul, Catatan; pilih lembar "
                          "lain dengan --sheet")
    assert err.count("\n") == 1


def test_import_into_a_file_without_officer_needs_a_name(tmp_path: Path, capsys, monkeypatch):
    """Enrolments are never credited to "bpu-cli" (it showed in Per Petugas)."""
    monkeypatch.delenv("BPU_OFFICER", raising=False)
    db = tmp_path / "kosong.db"
    open_store(db).close()
    src = workbook_with_sheets(tmp_path / "daftar.xlsx", {"Data": [
        ["NIK", "Nama", "No HP", "Kecamatan", "Kelurahan", "Pekerjaan", "Penghasilan"],
        ["3372011505900001", "Budi Santoso", "081234567890", "Laweyan", "Pajang", "UMKM",
         "1.500.000"]]})
    assert main(["import", "--db", str(db), str(src)]) == 2
    err = capsys.readouterr().err
    assert "belum punya nama petugas" in err and "--petugas" in err
    assert main(["import", "--db", str(db), str(src), "--dry-run"]) == 0  # writes nothing
    store = open_store(db)
    try:
        assert MemberRepository(store).count(MemberQuery()) == 0
    finally:
        store.close()
    assert main(["import", "--db", str(db), str(src), "--petugas", "Rina Wati"]) == 0
    store = open_store(db)
    try:
        officers = {r[0] for r in store.conn.execute("SELECT created_by FROM enrolments")}
        assert officers == {"Rina Wati"}
        assert store.meta("officer_name") in (None, "")  # the file is not given a name
    finally:
        store.close()
    monkeypatch.setenv("BPU_OFFICER", "Ani")
    src2 = workbook_with_sheets(tmp_path / "dua.xlsx", {"Data": [
        ["NIK", "Nama", "No HP", "Kecamatan", "Kelurahan", "Pekerjaan", "Penghasilan"],
        ["3372011505900002", "Siti Aminah", "081234567891", "Laweyan", "Pajang", "UMKM",
         "1.500.000"]]})
    assert main(["import", "--db", str(db), str(src2)]) == 0
