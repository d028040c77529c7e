"""One sheet row becomes the input the enrolment form would get for the same values."""

from __future__ import annotations

from datetime import date, datetime

from bpu_desktop.domain.validation import EnrolmentInput
from bpu_desktop.reports.column_mapping import ColumnMapping
from bpu_desktop.reports.excel_import import _row_reader

TODAY = date(2026, 4, 10)
FEW = ColumnMapping(0, ["NIK", "Nama", "HP", "Tgl"], {"nik": 0, "name": 1, "phone": 2,
                                                     "enrolled_on": 3})
ALL = ColumnMapping(0, [], {f: i for i, f in enumerate(
    ("nik", "name", "phone", "kecamatan", "kelurahan", "address", "segment", "income",
     "with_jht", "funding", "months_paid", "start_month", "enrolled_on", "kpj", "birth_date",
     "sex"))})


def test_columns_not_in_the_file_take_the_form_defaults():
    read = _row_reader(FEW, TODAY)
    assert read([" 3372011705850001 ", "Budi", 81234567890.0, None]) == EnrolmentInput(
        nik="3372011705850001", name="Budi", phone=81234567890.0, kecamatan="", kelurahan="",
        address="", segment="", income="", with_jht=False, funding="self", months_paid=1,
        start_month=TODAY, enrolled_on=TODAY)
    # A short row (calamine trims nothing, a filled-down merge may lengthen some rows).
    assert read(["3372011705850001"]) == EnrolmentInput(
        nik="3372011705850001", name="", phone="", kecamatan="", kelurahan="", address="",
        segment="", income="", with_jht=False, funding="self", months_paid=1,
        start_month=TODAY, enrolled_on=TODAY)


def test_empty_cells_of_mapped_columns_take_the_defaults_of_a_missing_column():
    read = _row_reader(ALL, TODAY)
    row: list[object] = [""] * 16
    row[0], row[8], row[9], row[10] = "3372011705850001", 0, "  ", None
    assert read(row) == EnrolmentInput(
        nik="3372011705850001", name="", phone="", kecamatan="", kelurahan="", address="",
        segment="", income="", with_jht=False, funding="self", months_paid=1,
        start_month=TODAY, enrolled_on=TODAY, kpj="", birth_date=None, sex="")
    # What is typed stays for the rules to judge, a 0 as well.
    row[9], row[10] = "Pemda", 0.0
    raw = read(row)
    assert raw is not None and (raw.funding, raw.months_paid) == ("Pemda", 0.0)


def test_cells_as_calamine_gives_them():
    read = _row_reader(ALL, TODAY)
    row: list[object] = ["3372011705850001", " Budi  Santoso ", "0812", "Laweyan", "Pajang",
                         "  ", "UMKM", 1500000.0, "ya", "Mandiri", 3.0, 46082.0,
                         datetime(2026, 3, 2, 9, 30), 12345678901.0, "17/05/1985", "L"]
    assert read(row) == EnrolmentInput(
        nik="3372011705850001", name="Budi  Santoso", phone="0812", kecamatan="Laweyan",
        kelurahan="Pajang", address="", segment="UMKM", income=1500000.0, with_jht="ya",
        funding="Mandiri", months_paid=3.0, start_month=date(2026, 3, 1),
        enrolled_on=date(2026, 3, 2), kpj=12345678901.0, birth_date=date(1985, 5, 17), sex="L")
    # A birth date's text is read with the birth rule (a two-digit year never in the
    # future); text that is no date stays for the rules to refuse with their message.
    row[14] = "17/05/85"
    raw = read(row)
    assert raw is not None and raw.birth_date == date(1985, 5, 17)
    row[14] = "17 Mie 1985"
    raw = read(row)
    assert raw is not None and raw.birth_date == "17 Mie 1985"


def test_a_row_without_any_mapped_value_is_blank():
    read = _row_reader(FEW, TODAY)
    assert read([None, "", None, ""]) is None
    assert read([]) is None
