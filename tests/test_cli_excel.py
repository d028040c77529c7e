"""`bpu export` and `bpu import` as run from a terminal or a script."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from bpu_desktop.cli import main
from bpu_desktop.domain.months import add_months, month_label
from bpu_desktop.store.database import open_store
from bpu_desktop.store.members import MemberQuery, MemberRepository
from tests.reports.builders import enrol, make_nik, new_store


def _list(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["NIK", "Nama", "No. HP", "Kecamatan", "Kelurahan", "Pekerjaan", "Penghasilan",
               "Tanggal daftar"])
    ws.append([make_nik(1), "Budi Santoso", "081234567890", "Laweyan", "Pajang", "UMKM",
               1500000, "02/03/2026"])
    ws.append([make_nik(2), "Siti Aminah", "081234567891", "Laweyan", "Pajang", "UMKM",
               1500000, "30/02/2026"])
    wb.save(path)
    return path


def test_import_dry_run_then_real(tmp_path: Path, capsys):
    db = tmp_path / "data.db"
    new_store(tmp_path).close()
    src = _list(tmp_path / "daftar.xlsx")
    assert main(["import", "--db", str(db), str(src), "--dry-run"]) == 1
    out, err = capsys.readouterr()
    assert "Uji coba" in out and "Peserta baru        : 1" in out
    assert "Baris 3, kolom Tanggal daftar: Tanggal 30/02/2026 tidak ada." in err
    assert not (tmp_path / "daftar-kesalahan.xlsx").exists()
    assert MemberRepository(open_store(db)).count(MemberQuery()) == 0

    assert main(["import", "--db", str(db), str(src)]) == 1
    out, _err = capsys.readouterr()
    assert "Disimpan: 1 baru, 0 diperbarui." in out
    assert (tmp_path / "daftar-kesalahan.xlsx").exists()
    assert MemberRepository(open_store(db)).count(MemberQuery()) == 1

    assert main(["import", "--db", str(db), str(src)]) == 1
    out, _err = capsys.readouterr()
    assert "1 baris sudah terdaftar (tidak diubah; pakai --update-existing" in out

    assert main(["import", "--db", str(db), str(src), "--update-existing"]) == 1
    out, _err = capsys.readouterr()
    assert "1 baris sudah terdaftar: 0 diperbarui, 1 datanya sudah sama." in out
    assert "Disimpan: 0 baru, 0 diperbarui." in out


def test_import_into_a_missing_error_folder_saves_nothing(tmp_path: Path, capsys):
    db = tmp_path / "data.db"
    new_store(tmp_path).close()
    src = _list(tmp_path / "daftar.xlsx")
    missing = tmp_path / "tidak-ada"
    code = main(["import", "--db", str(db), str(src), "--errors-out", str(missing / "x.xlsx")])
    _out, err = capsys.readouterr()
    assert code == 2
    assert err.strip() == f"bpu: Folder {missing} tidak ada."
    assert MemberRepository(open_store(db)).count(MemberQuery()) == 0


def test_import_bad_file_is_one_line(tmp_path: Path, capsys):
    new_store(tmp_path).close()
    assert main(["import", "--db", str(tmp_path / "data.db"), str(tmp_path / "tidak-ada.xlsx")]) == 1
    _out, err = capsys.readouterr()
    assert err.strip() == "bpu: Berkas tidak-ada.xlsx tidak ditemukan."
    assert "Traceback" not in err


def test_export_month_with_masked_nik(tmp_path: Path, capsys):
    store = new_store(tmp_path)
    enrol(store, 1)
    store.close()
    out = tmp_path / "rekap.xlsx"
    code = main(["export", "--db", str(tmp_path / "data.db"), "--month", "2026-03",
                 "--out", str(out), "--mask-nik"])
    assert code == 0
    stdout, err = capsys.readouterr()
    assert "Rekap Maret 2026 disimpan" in stdout and "1 peserta baru" in stdout
    assert err == ""  # no progress bar when stderr is not a terminal
    ws = openpyxl.load_workbook(out)["Peserta Baru"]
    assert ws["B5"].value == "337201**********"


def test_export_refuses_a_month_not_yet_begun(tmp_path: Path, capsys):
    new_store(tmp_path).close()
    out = tmp_path / "r.xlsx"
    nxt = add_months(date.today(), 1)
    code = main(["export", "--db", str(tmp_path / "data.db"), "--month",
                 f"{nxt.year}-{nxt.month:02d}", "--out", str(out)])
    assert code != 0
    _out, err = capsys.readouterr()
    assert err.strip() == (f"bpu: --month: {month_label(nxt)} belum berjalan: rekap hanya "
                           f"untuk bulan ini ({month_label(date.today())}) atau sebelumnya.")
    assert not out.exists()


def test_export_bad_arguments(tmp_path: Path, capsys):
    new_store(tmp_path).close()
    db = str(tmp_path / "data.db")
    assert main(["export", "--db", db, "--month", "2026-13", "--out", str(tmp_path / "r.xlsx")]) == 2
    assert main(["export", "--db", db, "--month", "2026-03", "--out", str(tmp_path / "r.csv")]) == 2
    assert main(["export", "--db", db, "--month", "2026-03",
                 "--out", str(tmp_path / "tidak" / "r.xlsx")]) == 2
    _out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("bpu: ") for line in lines)
    assert "2026-13" in lines[0] and ".xlsx" in lines[1] and "tidak ada" in lines[2]


def _data_rows(ws) -> int:
    """Numbered data rows (column No), not titles, headers or the totals line."""
    return sum(1 for (first,) in ws.iter_rows(min_row=5, max_col=1, values_only=True)
               if isinstance(first, int))


def test_export_message_counts_the_rows_written(tmp_path: Path, capsys):
    import re
    from datetime import date

    from bpu_desktop.store.demo import generate_demo

    db = tmp_path / "data.db"
    store = open_store(db)
    generate_demo(store, 25_000, seed=3, today=date(2026, 11, 24))
    store.close()
    out = tmp_path / "rekap.xlsx"
    assert main(["export", "--db", str(db), "--month", "2026-03", "--out", str(out)]) == 0
    stdout, _err = capsys.readouterr()
    found = re.search(r"\(([\d.]+) peserta baru, ([\d.]+) perlu tindak lanjut\)", stdout)
    assert found, stdout
    wb = openpyxl.load_workbook(out, read_only=True)
    new, arrears = _data_rows(wb["Peserta Baru"]), _data_rows(wb["Tindak Lanjut"])
    assert arrears > 1000 and new > 1000  # Indonesian thousands dots in the message
    assert found[1] == f"{new:,}".replace(",", ".") and found[2] == f"{arrears:,}".replace(",", ".")
    totals = [v for row in wb["Peserta Baru"].iter_rows(min_row=5, values_only=True)
              for v in row if isinstance(v, str) and v.startswith("Jumlah:")]
    assert totals == [f"Jumlah: {found[1]} peserta"]


def _unusual_headers(path: Path, header: list[str]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Data pekerja binaan Kelurahan Pajang"])
    ws.append(header)
    ws.append([make_nik(1), "Budi Santoso", "081234567890", "Laweyan", "Pajang", "UMKM",
               1500000, "02/03/2026"])
    wb.save(path)
    return path


def test_import_columns_picked_by_hand(tmp_path: Path, capsys):
    db = tmp_path / "data.db"
    new_store(tmp_path).close()
    src = _unusual_headers(tmp_path / "binaan.xlsx", [
        "Identitas", "Peserta", "No HP", "Kecamatan", "Kelurahan", "Pekerjaan", "Penghasilan",
        "Tanggal daftar"])
    assert main(["import", "--db", str(db), str(src)]) == 1
    _out, err = capsys.readouterr()
    assert err.strip() == ("bpu: Kolom wajib tidak ditemukan: NIK, Nama. Pilih kolomnya dengan "
                           '--kolom, mis. --kolom "NIK=No. KTP" --kolom "Nama=Nama Lengkap".')

    assert main(["import", "--db", str(db), str(src), "--kolom", "NIK=identitas",
                 "--kolom", "Nama = Peserta"]) == 0
    out, err = capsys.readouterr()
    assert "Disimpan: 1 baru, 0 diperbarui." in out and err == ""
    member = MemberRepository(open_store(db)).find_by_nik(make_nik(1))
    assert member is not None and member.name == "Budi Santoso"


def test_import_columns_picked_by_hand_when_no_header_is_known(tmp_path: Path, capsys):
    db = tmp_path / "data.db"
    new_store(tmp_path).close()
    src = _unusual_headers(tmp_path / "aneh.xlsx", [
        "ID", "Peserta", "Kontak", "Wilayah", "Dusun", "Bidang", "Omzet", "Tgl Masuk"])
    args = ["import", "--db", str(db), str(src), "--dry-run"]
    assert main(args) == 1
    _out, err = capsys.readouterr()
    assert err.strip().startswith("bpu: Baris judul kolom tidak ditemukan.")
    kolom = ["NIK=ID", "Nama=Peserta", "Kecamatan=Wilayah", "Kelurahan/Desa=Dusun",
             "Pekerjaan=Bidang", "Penghasilan per bulan=Omzet", "Tanggal daftar=Tgl Masuk"]
    assert main([*args, *(a for k in kolom for a in ("--kolom", k))]) == 0
    out, _err = capsys.readouterr()
    assert "Peserta baru        : 1" in out and "Baris bermasalah    : 0" in out


def test_import_bad_column_choice_is_one_line(tmp_path: Path, capsys):
    db = tmp_path / "data.db"
    new_store(tmp_path).close()
    src = _list(tmp_path / "daftar.xlsx")
    base = ["import", "--db", str(db), str(src), "--dry-run", "--kolom"]
    cases = [
        ("Nama", 2, "'Nama' bukan DATA=KOLOM"),
        ("Umur=Nama", 2, "data 'Umur' tidak dikenal; pilih salah satu: NIK, Nama, Nomor HP"),
        ("Nama=Nama Lengkap", 1, "Kolom 'Nama Lengkap' tidak ada di baris judul (baris 1: NIK, "
                                 "Nama, No. HP,"),
    ]
    for choice, code, text in cases:
        assert main([*base, choice]) == code, choice
        out, err = capsys.readouterr()
        assert len(err.strip().splitlines()) == 1 and err.startswith("bpu: "), err
        assert text in err, err
        assert out == ""
    assert main([*base, "NIK=NIK", "--kolom", "Nama=NIK"]) == 1
    _out, err = capsys.readouterr()
    assert err.strip() == "bpu: Kolom 'NIK' dipakai untuk dua data; pilih satu saja."
    assert main([*base, "Nama=NIK", "--kolom", "Nama=Nama"]) == 1
    _out, err = capsys.readouterr()
    assert err.strip() == "bpu: Nama dipilih lebih dari sekali."
    assert MemberRepository(open_store(db)).count(MemberQuery()) == 0


def test_export_refuses_to_overwrite_without_timpa(tmp_path: Path, capsys):
    store = new_store(tmp_path)
    enrol(store, 1)
    store.close()
    db = str(tmp_path / "data.db")
    out = tmp_path / "rekap.xlsx"
    out.write_bytes(b"rekap lama")
    assert main(["export", "--db", db, "--month", "2026-03", "--out", str(out)]) == 2
    _out, err = capsys.readouterr()
    assert err == (f"bpu: berkas {out} sudah ada; pakai --timpa untuk menimpanya, atau pilih "
                   "nama lain.\n")
    assert out.read_bytes() == b"rekap lama"
    assert main(["export", "--db", db, "--month", "2026-03", "--out", str(out), "--timpa"]) == 0
    assert openpyxl.load_workbook(out)["Peserta Baru"]["B5"].value == make_nik(1)
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    assert main(["export", "--db", db, "--month", "2026-03", "--out", str(folder),
                 "--timpa"]) == 2
    _out, err = capsys.readouterr()
    assert err.endswith(f"bpu: {folder} adalah folder, bukan berkas .xlsx.\n")
