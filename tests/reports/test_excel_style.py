"""Safe cell writing: user text never becomes a formula, ids stay text, illegal chars go."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook

from bpu_desktop.commands._progress import terminal_progress
from bpu_desktop.reports.excel_style import Column, TableWriter

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
