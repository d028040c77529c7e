"""Safe cell writing: user text never becomes a formula, ids stay text, illegal chars go."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook

from bpu_desktop.commands._progress import terminal_progress
from bpu_desktop.reports.excel_style import (
    MONTH_FORMAT,
    Column,
    TableWriter,
    as_excel_month,
    discard_write_only,
)

RISKY = ["=1+1", "+6281234", "-5", "@SUM(A1)", "\tcmd", "\rcmd", "=HYPERLINK(\"http://x\")"]


@pytest.mark.parametrize("text", RISKY)
def test_risky_text_reads_back_as_the_same_string(tmp_path: Path, text: str):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("T")
    t = TableWriter(ws, "Judul", "Sub", [Column("Teks"), Column("NIK", kind="id")])
    t.append([text, text])
    t.finish()
    wb.save(tmp_path / "t.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "t.xlsx")["T"]["A5"]
    assert cell.data_type == "s"
    assert cell.value == text
    assert cell.quotePrefix
    assert openpyxl.load_workbook(tmp_path / "t.xlsx")["T"]["B5"].value == text


def test_ids_numbers_dates_and_control_characters(tmp_path: Path):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("T")
    t = TableWriter(ws, "Judul", "Sub", [Column("NIK", kind="id"), Column("Tgl", kind="date"),
                                         Column("Rp", kind="money"), Column("Nama")])
    t.append([3372011505900001, date(2026, 3, 2), 16800, "Bu\x01di"])
    t.totals([None, None, 16800])
    t.finish()
    wb.save(tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx")["T"]
    assert ws["A5"].value == "3372011505900001" and ws["A5"].data_type == "s"
    assert ws["B5"].number_format == "dd/mm/yyyy" and ws["B5"].value.date() == date(2026, 3, 2)
    assert ws["C5"].value == 16800 and "Rp" in ws["C5"].number_format
    assert ws["D5"].value == "Budi"
    assert ws["A6"].value == "Jumlah" and ws["C6"].value == 16800 and ws["A6"].font.bold
    assert ws.auto_filter.ref == "A4:D5"  # the totals row stays out of sorting and filters


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal():
    tty = _Tty()
    terminal_progress(tty).step(50, 100, "Memeriksa baris")
    assert "[###############...............] 50/100 Memeriksa baris" in tty.getvalue()
    plain = io.StringIO()
    terminal_progress(plain).step(50, 100, "x")
    assert plain.getvalue() == ""


# -- data rows written as ready XML must be exactly what openpyxl's cells write ----------

COLUMNS = [Column("No", kind="num"), Column("NIK", kind="id"), Column("Nama"),
           Column("Tgl", kind="date"), Column("Rp", kind="money"), Column("Bln", kind="int"),
           Column("Persen", kind="percent"), Column("HP", kind="id"),
           Column("Lunas", kind="month")]
ROWS = [
    [1, 3372011505900001, "Budi Santoso", date(2026, 3, 2), 16800, 3, 0.25, "081234",
     date(2026, 9, 1)],
    [2, "3372011505900002", "  Sri  ", datetime(2026, 3, 31, 14, 5), 0, None, 1.0, "",
     "bukan bulan"],
    [3, None, "A & B <c> \r\nd", date(1899, 12, 31), -5, 1234567, None, "+6281", None],
    [4, "x", "=1+1", None, 10**17, True, None, "-5", date(2026, 1, 1)],
    [5, "y", "Bu\x01di\ufffe", None, 2.5, False, None, "\x02\ud800"],
    [6, "z", "@SUM(A1)", date(2026, 1, 1), None, None, None, "\tcmd"],
    [7, "w", "x" * 40_000, None, None, None, None, "=HYPERLINK(\"http://x\")"],
    [8, "v", "NaN", None, None, None, float("nan"), None],  # openpyxl's path, same bytes
]


def _sheet_xml(tmp_path: Path, name: str, rows: list[list[object]], *, cells: bool) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("T")
    t = TableWriter(ws, "Judul", "Sub", COLUMNS)
    for row in rows:
        if cells:
            t._append_cells(row)  # openpyxl's own path, cell by cell
        else:
            t.append(row)
    t.totals([None] * 4 + [16800])
    t.note("Catatan")
    t.finish()
    wb.save(tmp_path / name)
    with zipfile.ZipFile(tmp_path / name) as z:
        return z.read("xl/worksheets/sheet1.xml") + z.read("xl/styles.xml")


def test_fast_rows_write_the_same_xml_as_openpyxl_cells(tmp_path: Path):
    ours = _sheet_xml(tmp_path, "ours.xlsx", ROWS, cells=False)
    assert ours == _sheet_xml(tmp_path, "cells.xlsx", ROWS, cells=True)
    ws = openpyxl.load_workbook(tmp_path / "ours.xlsx")["T"]
    assert ws["B5"].value == "3372011505900001" and ws["B5"].data_type == "s"
    assert ws["D5"].number_format == "dd/mm/yyyy" and ws["D5"].value == datetime(2026, 3, 2)
    assert ws["E5"].value == 16800 and ws["E5"].number_format == '"Rp" #,##0;[Red]-"Rp" #,##0'
    assert ws["F7"].value == 1234567 and ws["F7"].number_format == "#,##0"
    assert ws["G5"].value == 0.25 and ws["G5"].number_format == "0.0%"
    assert ws["A5"].number_format == "General" and ws["C5"].number_format == "General"
    assert ws["D6"].value == datetime(2026, 3, 31)  # a datetime shows as its date
    assert ws["I5"].value == datetime(2026, 9, 1) and ws["I5"].number_format == MONTH_FORMAT
    assert ws["I6"].value == "bukan bulan" and ws["I8"].number_format == MONTH_FORMAT
    assert ws["C6"].value == "  Sri  " and ws["C7"].value == "A & B <c> \r\nd"
    assert ws["C8"].value == "=1+1" and ws["C8"].data_type == "s" and ws["C8"].quotePrefix
    assert ws["H7"].value == "+6281" and ws["H7"].quotePrefix
    assert ws["C9"].value == "Budi" and ws["H9"].value is None
    assert ws["C11"].value == "x" * 32767
    assert ws["C12"].value == "NaN"
    assert ws["A13"].value == "Jumlah" and ws["E13"].value == 16800 and ws["A13"].font.bold
    assert ws["A14"].value == "Catatan"


def test_stored_months_become_month_cells():
    assert as_excel_month("2026-09") == date(2026, 9, 1)
    assert as_excel_month(date(2026, 9, 15)) == date(2026, 9, 1)
    assert as_excel_month("") is None and as_excel_month(None) is None
    assert as_excel_month("2026-13") == "2026-13"  # not a month: shown as stored


def test_error_code_text_stays_text(tmp_path: Path):
    """openpyxl would turn a typed '#N/A' into an Excel error; it is the user's text."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("T")
    t = TableWriter(ws, "Judul", "Sub", [Column("Nama")])
    t.append(["#N/A"])
    t.finish()
    wb.save(tmp_path / "t.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "t.xlsx")["T"]["A5"]
    assert cell.value == "#N/A" and cell.data_type == "s"


def test_values_openpyxl_must_handle_keep_the_row_numbers(tmp_path: Path):
    """A value the XML path does not know (Decimal, a date in a text column, NaN) goes
    through openpyxl's cells; the rows after it stay in place."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("T")
    t = TableWriter(ws, "Judul", "Sub", [Column("Teks"), Column("Rp", kind="money")])
    t.append(["a", Decimal("1.5")])
    t.append([date(2026, 3, 2), 2])
    t.append(["b", float("nan")])
    t.append(["c", 4])
    t.finish()
    wb.save(tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx")["T"]
    assert [ws.cell(r, 2).value for r in (5, 6, 8)] == [1.5, 2, 4]
    assert ws["A6"].value == datetime(2026, 3, 2)
    assert ws["A8"].value == "c" and ws.auto_filter.ref == "A4:B8"


def test_cancelled_table_leaves_no_temporary_sheet(tmp_path: Path):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("T")
    t = TableWriter(ws, "Judul", "Sub", [Column("Teks")])
    t.append(["a"])
    part = ws._writer.out
    discard_write_only(wb)
    assert not Path(part).exists()
