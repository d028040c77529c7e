"""A blank cell of an optional column takes the same default as the column left out."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from bpu_desktop.reports.excel_import import import_file
from bpu_desktop.store.members import MemberQuery, MemberRepository

from .builders import TODAY, make_nik, new_store

HEADER = ["NIK", "Nama", "No HP", "Kecamatan", "Kelurahan", "Pekerjaan", "Penghasilan",
          "Tanggal daftar", "Ikut JHT", "Sumber dana", "Bulan dibayar", "Mulai bulan",
          "Tanggal lahir", "Jenis kelamin", "No KPJ", "Alamat"]


def _file(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _person(serial: int, *optional: object) -> list[object]:
    return [make_nik(serial), "Budi Santoso", "081234567890", "Laweyan", "Pajang", "UMKM",
            1500000, "02/03/2026", *optional]


def test_blank_optional_cells_take_the_defaults_of_a_missing_column(tmp_path: Path):
    src = _file(tmp_path / "daftar.xlsx", [
        _person(1, None, None, None, None, None, None, None, None),  # every optional blank
        _person(2, "  ", " ", "", None),                              # spaces only
        _person(3, "Ya", "APBD", 3, "04/2026"),                       # filled: kept
    ])
    store = new_store(tmp_path)
    result = import_file(store, src, today=TODAY)
    assert [e.text() for e in result.plan.errors] == []
    assert result.plan.summary_lines()[:4] == [
        "Baris data dibaca   : 3", "Peserta baru        : 3", "Sudah terdaftar     : 0",
        "Baris bermasalah    : 0"]
    enrolments = {nik: (jht, funding, months, start) for nik, jht, funding, months, start in
                  store.conn.execute(
                      "SELECT m.nik, e.with_jht, e.funding, e.months_paid, e.start_month "
                      "FROM enrolments e JOIN members m ON m.id = e.member_id")}
    assert enrolments == {
        make_nik(1): (0, "self", 1, "2026-03"),  # Mandiri, 1 bulan, from the enrolment month
        make_nik(2): (0, "self", 1, "2026-03"),
        make_nik(3): (1, "apbd", 3, "2026-04"),
    }
    assert MemberRepository(store).count(MemberQuery()) == 3


def test_the_same_rows_without_those_columns_import_alike(tmp_path: Path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER[:8])
    ws.append(_person(1))
    wb.save(tmp_path / "pendek.xlsx")
    store = new_store(tmp_path)
    result = import_file(store, tmp_path / "pendek.xlsx", today=TODAY)
    assert result.inserted == 1 and result.plan.bad_rows == []
    assert store.conn.execute("SELECT with_jht, funding, months_paid, start_month "
                              "FROM enrolments").fetchall() == [(0, "self", 1, "2026-03")]
