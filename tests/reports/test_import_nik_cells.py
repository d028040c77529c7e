"""NIK cells as Excel users leave them: a leading apostrophe, a number cell that Excel
shows as 3,37201E+15 or that kept only 15 digits, a NIK pasted as that text."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from bpu_desktop.reports.excel_import import import_file

from .builders import TODAY, make_nik, new_store

HEADER = ["NIK", "Nama", "No HP", "Kecamatan", "Kelurahan", "Pekerjaan", "Penghasilan",
          "Tanggal daftar", "No KPJ"]


def _file(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _person(nik: object, phone: object = "081234567890", kpj: object = None) -> list[object]:
    return [nik, "Budi Santoso", phone, "Laweyan", "Pajang", "UMKM", 1500000, "02/03/2026",
            kpj]


def test_a_leading_apostrophe_is_not_part_of_the_number(tmp_path: Path):
    src = _file(tmp_path / "kutip.xlsx", [
        _person("'" + make_nik(1)), _person(" '" + make_nik(2), phone="'081234567891",
                                            kpj="'12345678901"),
        _person("\u2018" + make_nik(3)),
    ])
    store = new_store(tmp_path)
    result = import_file(store, src, today=TODAY)
    assert [e.text() for e in result.plan.errors] == []
    assert result.inserted == 3
    assert store.conn.execute("SELECT nik, phone, kpj FROM members ORDER BY nik").fetchall() == [
        (make_nik(1), "081234567890", None), (make_nik(2), "081234567891", "12345678901"),
        (make_nik(3), "081234567890", None)]


FORMAT_AS_TEXT = "format kolom NIK sebagai Teks (Text) di Excel, lalu ketik ulang NIK-nya"


def test_a_nik_excel_kept_as_a_number_asks_for_a_text_column(tmp_path: Path):
    nik = make_nik(13)  # ...0013: Excel keeps 15 digits, 3372011505900010 is what remains
    src = _file(tmp_path / "angka.xlsx", [
        _person(float(nik[:15] + "0")),          # the 16th digit lost to Excel's 15
        _person(float(nik[:15])),                 # 15 digits in a number cell
        _person("3.37201E+15"),                   # Excel's display, pasted or saved as text
        _person("3,37201E+15"),                   # the same with an Indonesian decimal comma
        _person(float(make_nik(7))),              # all 16 digits, the last not 0: trusted
        _person("33720115059"),                   # typed short, as text: not Excel's doing
    ])
    result = import_file(new_store(tmp_path), src, today=TODAY, dry_run=True)
    assert len(result.plan.new) == 1
    assert [e.text() for e in result.plan.errors] == [
        f"Baris 2, kolom NIK: NIK tersimpan sebagai angka dan Excel hanya menyimpan 15 digit "
        f"(3372011505900010): {FORMAT_AS_TEXT}.",
        f"Baris 3, kolom NIK: NIK tersimpan sebagai angka dan Excel hanya menyimpan 15 digit "
        f"(337201150590001): {FORMAT_AS_TEXT}.",
        f"Baris 4, kolom NIK: NIK tertulis 3.37201E+15 (angka Excel yang diringkas, digitnya "
        f"hilang): {FORMAT_AS_TEXT}.",
        f"Baris 5, kolom NIK: NIK tertulis 3,37201E+15 (angka Excel yang diringkas, digitnya "
        f"hilang): {FORMAT_AS_TEXT}.",
        "Baris 7, kolom NIK: NIK harus 16 digit (tertulis 11).",
    ]

