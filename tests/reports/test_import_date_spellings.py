"""Dates as partners type them (h-53 item 9): dotted, month names, two-digit years, in
Tgl Daftar and in the optional Tanggal lahir column alike."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from bpu_desktop.reports.excel_import import import_file
from bpu_desktop.store.members import MemberRepository

from .builders import TODAY, make_nik, new_store

HEADER = ["NIK", "Nama", "No HP", "Kecamatan", "Kelurahan", "Pekerjaan", "Penghasilan",
          "Tgl Daftar", "Tgl Lahir"]


def _row(serial: int, enrolled: object, born: object, *, birth: date = date(1990, 5, 15)
         ) -> list[object]:
    return [make_nik(serial, born=birth), "Budi " + "ABCDEFGHIJ"[serial], "081234567890", "Laweyan",
            "Pajang", "UMKM", 1500000, enrolled, born]


def test_common_spellings_are_read_not_refused(tmp_path: Path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(_row(1, "02.03.2026", "15.05.1990"))
    ws.append(_row(2, "5 Mar 2026", "15 Mei 1990"))
    ws.append(_row(3, "05 Maret 2026", "15 May 1990"))
    ws.append(_row(4, "05/03/26", "15/05/90"))  # 2-digit birth year: 1990, not 2090
    ws.append(_row(5, "6-Mar-26", "10 Okt 80", birth=date(1980, 10, 10)))
    ws.append(_row(6, "7 Maret 2026", "01/01/05", birth=date(2005, 1, 1)))
    wb.save(tmp_path / "tanggal.xlsx")
    store = new_store(tmp_path)
    result = import_file(store, tmp_path / "tanggal.xlsx", today=TODAY)
    assert result.plan.errors == []
    assert result.inserted == 6
    repo = MemberRepository(store)
    assert [repo.find_by_nik(make_nik(i, born=b)).enrolled_on for i, b in
            ((1, date(1990, 5, 15)), (2, date(1990, 5, 15)), (4, date(1990, 5, 15)),
             (5, date(1980, 10, 10)))] == ["2026-03-02", "2026-03-05", "2026-03-05",
                                           "2026-03-06"]


def test_a_two_digit_enrolment_year_in_the_future_is_refused_as_future(tmp_path: Path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(_row(1, "05/03/27", None))  # TODAY is 10/04/2026: 2027, never 1927
    ws.append(_row(2, "5 Nob 2026", None))
    ws.append(_row(3, "31.02.2026", None))
    wb.save(tmp_path / "tanggal.xlsx")
    result = import_file(new_store(tmp_path), tmp_path / "tanggal.xlsx", today=TODAY)
    assert {(e.row, e.message) for e in result.plan.errors} == {
        (2, "Tanggal daftar tidak boleh setelah hari ini."),
        (3, "Tanggal tidak dikenali: '5 Nob 2026'. Gunakan format hh/bb/tttt, contoh "
            "24/11/2026."),
        (4, "Tanggal 31/02/2026 tidak ada."),
    }


def test_the_desk_s_rules_read_the_same_spellings(tmp_path: Path):
    # The desk's Tanggal daftar is a plain text box checked by the same rules
    # (store.reference.validate_enrolment_input -> domain.dates.parse_date).
    from bpu_desktop.domain.validation import EnrolmentInput
    from bpu_desktop.store.reference import validate_enrolment_input

    store = new_store(tmp_path)
    for typed, expected in (("2.3.2026", date(2026, 3, 2)), ("2 Mar 26", date(2026, 3, 2)),
                            ("02-Maret-2026", date(2026, 3, 2))):
        raw = EnrolmentInput(nik=make_nik(1), name="Budi Santoso", phone="081234567890",
                             kecamatan="Laweyan", kelurahan="Pajang", address="Jl. Pajang 1",
                             segment="umkm", income="1.500.000", with_jht=False,
                             funding="self", months_paid=1, start_month="03/2026",
                             enrolled_on=typed)
        result = validate_enrolment_input(store, raw, today=TODAY)
        assert result.ok, result.errors
        assert result.value is not None and result.value.enrolled_on == expected
