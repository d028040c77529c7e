"""Header rows inside a partner's list: a sub-header under the header ("JALAN | RT/RW"
under Alamat) and the header repeated further down (a list pasted from several pages)
are skipped and named, not reported as bad rows. A person's row with a bad or missing
NIK stays a bad row."""

from __future__ import annotations

from pathlib import Path

from bpu_desktop.reports.column_mapping import ColumnMapping
from bpu_desktop.reports.excel_import import import_file
from bpu_desktop.reports.import_errors import BadRow
from bpu_desktop.reports.summary_rows import split_header_rows

from .builders import TODAY, make_nik, new_store
from .test_excel_import import HEADER, _row, _workbook

WIDTH = len(HEADER) + 1  # Alamat spans two columns: street, then RT/RW


def _line(**cells: object) -> list[object]:
    """A row with text in a few columns, by 0-based index: `_line(c9="JALAN")`."""
    row: list[object] = [None] * WIDTH
    for key, value in cells.items():
        row[int(key[1:])] = value
    return row


def _people(first: int, last: int) -> list[list[object]]:
    return [_row(i, make_nik(i)) for i in range(first, last + 1)]


SUB_HEADER = _line(c9="JALAN", c10="RT/RW")
NUMBERS = list(range(1, WIDTH + 1))


def test_a_sub_header_under_the_header_is_skipped_and_named(tmp_path: Path):
    store = new_store(tmp_path)
    path = _workbook(tmp_path / "pasar.xlsx", [SUB_HEADER, *_people(1, 3)])
    result = import_file(store, path, today=TODAY)
    plan = result.plan
    assert result.inserted == 3 and plan.bad_rows == [] and plan.rows_read == 3
    assert plan.inner_header_rows == [4]  # title, blank, header, then the sub-header
    assert ("Baris judul kolom di dalam daftar dilewati (bukan data peserta): baris 4."
            in plan.summary_lines())


def test_the_header_repeated_from_page_to_page_is_skipped_with_its_sub_header(
        tmp_path: Path):
    store = new_store(tmp_path)
    path = _workbook(tmp_path / "supeltas.xlsx", [
        SUB_HEADER, *_people(1, 2),                          # rows 4-6
        [None] * WIDTH,                                      # row 7: blank
        [*HEADER, None], SUB_HEADER, NUMBERS, *_people(3, 4),  # rows 8-12: page 2
        [h.upper() for h in HEADER], *_people(5, 5),         # rows 13-14: page 3, capitals
    ])
    out = tmp_path / "salah.xlsx"
    result = import_file(store, path, today=TODAY, error_workbook=out)
    plan = result.plan
    assert result.inserted == 5 and plan.bad_rows == [] and plan.rows_read == 5
    assert plan.inner_header_rows == [4, 8, 9, 10, 13]
    assert plan.notes == ["Baris judul kolom di dalam daftar dilewati (bukan data peserta): "
                          "baris 4, 8, 9, 10, 13."]
    assert result.error_workbook is None and not out.exists()


def test_a_persons_row_under_the_header_stays_a_bad_row(tmp_path: Path):
    """Right under the header, in capitals like a sub-header, but a person's: a short
    NIK, a NIK written as words, or no NIK with a name."""
    store = new_store(tmp_path)
    path = _workbook(tmp_path / "b.xlsx", [
        _line(c1="3372", c2="BUDI SANTOSO", c4="LAWEYAN", c5="PAJANG"),       # row 4
        _line(c1="BELUM ADA", c2="SITI AMINAH", c4="LAWEYAN", c5="PAJANG"),   # row 5
        _line(c2="AGUS SALIM", c4="LAWEYAN", c5="PAJANG", c6="UMKM"),         # row 6
        *_people(1, 1),
    ])
    plan = import_file(store, path, today=TODAY, dry_run=True).plan
    assert plan.inner_header_rows == [] and plan.notes == []
    assert [bad.row for bad in plan.bad_rows] == [4, 5, 6]
    assert plan.rows_read == 4 and len(plan.new) == 1


def test_capital_labels_between_people_are_not_taken_for_a_sub_header(tmp_path: Path):
    """Away from the header only the header itself (two known names at least) is
    skipped: one known name or capitals alone between people stay bad rows."""
    store = new_store(tmp_path)
    path = _workbook(tmp_path / "b.xlsx", [
        *_people(1, 1),
        _line(c9="JALAN", c10="RT/RW"),          # row 5: under a person, not the header
        _line(c4="LAWEYAN", c9="ALAMAT"),        # row 6: one known name only
        *_people(2, 2),
    ])
    plan = import_file(store, path, today=TODAY, dry_run=True).plan
    assert plan.inner_header_rows == []
    assert [bad.row for bad in plan.bad_rows] == [5, 6]


MAPPING = ColumnMapping(0, ["NIK", "Nama", "Alamat"], {"nik": 0, "name": 1, "address": 2})


def _bad(row: int, *values: object) -> BadRow:
    return BadRow(row, values, ())


def test_which_rows_are_header_rows():
    bad = [
        _bad(2, None, " ", "Jalan"),               # under the header, not in capitals
        _bad(4, "NIK", "Nama", "Alamat"),          # the header again, after a person (3)
        _bad(5, None, None, "JALAN", "RT/RW"),     # its sub-header
        _bad(6, 1, 2, 3, 4),                       # and its number row
        _bad(8, "No. KTP", "Nama Lengkap", "123"),  # a digit: not a header
        _bad(9, "NIK", "Budi", "Alamat"),          # a name: not a header
        _bad(10, 1, 2, 3),                         # numbers away from any header
    ]
    kept, headers = split_header_rows(bad, MAPPING, data_rows=[3, 7])
    assert headers == [4, 5, 6]
    assert [b.row for b in kept] == [2, 8, 9, 10]
    # Blank rows between the header and its sub-header do not matter; a data row does.
    assert split_header_rows([_bad(3, None, None, "JALAN")], MAPPING, [])[1] == [3]
    assert split_header_rows([_bad(3, None, None, "JALAN")], MAPPING, [2])[1] == []
    # A cell of spaces is an empty cell.
    assert split_header_rows([_bad(2, " ", "  ", "JALAN", "  ")], MAPPING, [])[1] == [2]
