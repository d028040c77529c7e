"""A signature block under the list ("Mengetahui, Lurah Pajang", a name, a NIP) is
skipped and named, never counted as bad rows; a person's row stays a person's row."""

from __future__ import annotations

from pathlib import Path

import pytest

from bpu_desktop.cli import main
from bpu_desktop.reports.excel_import import import_file
from bpu_desktop.reports.summary_rows import _FOOTER_OPENER

from .builders import TODAY, make_nik, new_store
from .test_excel_import import HEADER, _row, _workbook


def _people(n: int) -> list[list[object]]:
    return [_row(i, make_nik(i), income=1500000) for i in range(1, n + 1)]


def _line(**cells: object) -> list[object]:
    """A row with text in a few columns, by 0-based index: `_line(c2="Lurah Pajang")`."""
    row: list[object] = [None] * len(HEADER)
    for key, value in cells.items():
        row[int(key[1:])] = value
    return row


SIGNATURES = [
    [None] * len(HEADER),
    _line(c7="Surakarta, 12 Maret 2026"),
    _line(c2="Mengetahui,", c7="Ketua Paguyuban Pedagang"),
    _line(c2="Lurah Pajang"),
    [None] * len(HEADER),
    _line(c2="(ttd)"),
    _line(c2="Drs. Bambang Sutrisno", c7="Sri Wahyuni"),
    _line(c2="NIP. 19700101 199003 1 001"),
]


def test_a_signature_block_under_the_list_is_skipped_and_named(tmp_path: Path):
    store = new_store(tmp_path)
    path = _workbook(tmp_path / "pajang.xlsx", [*_people(3), *SIGNATURES])
    out = tmp_path / "salah.xlsx"
    result = import_file(store, path, today=TODAY, error_workbook=out)
    plan = result.plan
    assert result.inserted == 3 and plan.bad_rows == [] and plan.rows_read == 3
    assert plan.footer_rows == [8, 9, 10, 12, 13, 14]  # rows 7 and 11 are blank
    assert ("Tanda tangan/keterangan di bawah daftar dilewati (bukan data peserta): "
            "baris 8 s.d. 14.") in plan.summary_lines()
    assert result.error_workbook is None and not out.exists()


def test_rows_of_people_around_the_signature_stay_errors(tmp_path: Path):
    store = new_store(tmp_path)
    path = _workbook(tmp_path / "b.xlsx", [
        *_people(2),
        _row(3, "3372", name="Budi"),            # row 6: a person with a short NIK
        _line(c2="Mengetahui,"),                  # row 7: the block opens
        _line(c2="Lurah Pajang"),
        _row(4, make_nik(4), kec="Entah"),       # row 9: a person typed under it
    ])
    plan = import_file(store, path, today=TODAY).plan
    assert [b.row for b in plan.bad_rows] == [6, 9]
    assert plan.footer_rows == [7, 8]


def test_a_signature_line_between_people_is_an_error(tmp_path: Path):
    """Above the last person it is not a footer: the supervisor should look at it."""
    store = new_store(tmp_path)
    path = _workbook(tmp_path / "c.xlsx",
                     [*_people(2), _line(c2="Mengetahui,"), _row(3, make_nik(3))])
    plan = import_file(store, path, today=TODAY).plan
    assert [b.row for b in plan.bad_rows] == [6] and plan.footer_rows == []


@pytest.mark.parametrize("text", ["Mengetahui,", "MENYETUJUI", "Dibuat oleh:", "Hormat kami,",
                                  "a.n. Camat Laweyan", "Keterangan:", "Ttd.",
                                  "Surakarta, 12 Maret 2026", "Solo, 5 Agt. 2026",
                                  "Wonogiri, 01-04-2026"])
def test_footer_openers(text: str):
    assert _FOOTER_OPENER.match(text)


@pytest.mark.parametrize("text", ["Ketut Sudarsana", "Anita", "Catur Wibowo",
                                  "Jl. Pajang 3", "Dian, Pajang", "Ketua RT 03"])
def test_names_and_addresses_do_not_open_a_footer(text: str):
    assert not _FOOTER_OPENER.match(text)


def test_cli_exit_code_is_zero_when_only_a_signature_is_left_over(tmp_path: Path, capsys):
    new_store(tmp_path).close()
    path = _workbook(tmp_path / "daftar.xlsx", [*_people(2), *SIGNATURES[1:4]])
    assert main(["import", "--db", str(tmp_path / "data.db"), str(path)]) == 0
    out, err = capsys.readouterr()
    assert "Baris data dibaca   : 2" in out and "Baris bermasalah    : 0" in out
    assert "dilewati (bukan data peserta): baris 6 s.d. 8." in out
    assert err == ""
