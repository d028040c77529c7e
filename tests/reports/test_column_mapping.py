"""Header names as partners spell them: each real-world spelling finds its field."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bpu_desktop.reports.column_mapping import ALIASES, detect_mapping, guess_field, normalise_header
from bpu_desktop.reports.excel_import import import_file
from bpu_desktop.store.members import MemberQuery, MemberRepository

from .builders import TODAY, make_nik, new_store


@pytest.mark.parametrize(("header", "field"), [
    ("No HP/WA", "phone"), ("No. HP", "phone"), ("WA", "phone"), ("No.HP", "phone"),
    ("HP/WA", "phone"), ("No. Telp/HP", "phone"), ("Nomor\nTelepon", "phone"),
    ("NoHP", "phone"), ("Nomor WA", "phone"),
    ("Desa/Kel", "kelurahan"), ("Kelurahan/Desa", "kelurahan"), ("Kel./Desa", "kelurahan"),
    ("Desa / Kelurahan", "kelurahan"),
    ("Penghasilan (Rp)", "income"), ("Penghasilan per bulan", "income"),
    ("Penghasilan per bulan (Rp)", "income"), ("Pendapatan/bulan", "income"),
    ("Penghasilan Rp/bulan", "income"),
    ("Tgl Lahir", "birth_date"), ("Tgl. Lahir (dd/mm/yyyy)", "birth_date"),
    ("TANGGAL LAHIR", "birth_date"),
    ("Jenis Kelamin (L/P)", "sex"), ("JK (L/P)", "sex"), ("(L/P)", "sex"), ("L/P", "sex"),
    ("Nama (sesuai KTP)", "name"), ("NIK (16 digit)", "nik"), ("No_KTP", "nik"),
    ("Alamat (RT/RW)", "address"), ("Pekerjaan/Profesi", "segment"),
    ("Jumlah Bulan", "months_paid"),
])
def test_real_world_spellings_find_their_field(header: str, field: str):
    assert guess_field(header) == field


@pytest.mark.parametrize("header", [
    "No",  # the row number
    "Tempat/Tgl Lahir",  # place and date in one cell: not a date column
    "Nama/NIK",  # two fields in one column
    "Pendapatan kotor",
    "Nama (Ibu Kandung)",  # someone else's column, named in the note
    "NIK (Ahli Waris)",
    "No HP (Suami)",
    "",
    None,
])
def test_headers_that_name_no_single_field(header: object):
    assert guess_field(header) is None


def test_no_two_fields_share_a_spelling():
    seen: dict[str, str] = {}
    for field, names in ALIASES.items():
        for name in names:
            assert seen.setdefault(normalise_header(name), field) == field, name


def test_a_partner_header_row_is_read_whole():
    rows = [["DATA PEKERJA BPU DESA"],
            ["No", "NIK", "Nama (sesuai KTP)", "No HP/WA", "Kec.", "Desa/Kel",
             "Pekerjaan", "Penghasilan (Rp)", "Tgl Lahir", "Jenis Kelamin (L/P)"]]
    mapping = detect_mapping(rows)
    assert mapping is not None and mapping.header_row == 1
    assert mapping.columns == {"nik": 1, "name": 2, "phone": 3, "kecamatan": 4,
                               "kelurahan": 5, "segment": 6, "income": 7, "birth_date": 8,
                               "sex": 9}


def test_a_file_with_those_headers_imports_without_picking_columns(tmp_path: Path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["NIK", "Nama", "No HP/WA", "Kecamatan", "Desa/Kel", "Pekerjaan",
               "Penghasilan (Rp)", "Tgl Daftar"])
    ws.append([make_nik(1), "Budi Santoso", "081234567890", "Laweyan", "Pajang", "UMKM",
               "2.000.000", "02/03/2026"])
    wb.save(tmp_path / "desa.xlsx")
    store = new_store(tmp_path)
    result = import_file(store, tmp_path / "desa.xlsx", today=TODAY)
    assert result.plan.bad_rows == [] and result.inserted == 1
    member = MemberRepository(store).find_by_nik(make_nik(1))
    assert member is not None and member.phone.endswith("81234567890")
    assert member.kelurahan == "Pajang"
    assert MemberRepository(store).count(MemberQuery()) == 1
