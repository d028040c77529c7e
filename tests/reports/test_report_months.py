"""Months in the monthly report read as the app shows them ("Maret 2026"), and are real
dates underneath so Excel sorts and filters them by time, not alphabetically."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from bpu_desktop.reports.monthly_export import export_month

from .builders import enrol, new_store

MARCH = date(2026, 3, 1)
MADE = datetime(2026, 4, 10, 9, 30)


@pytest.fixture()
def report(tmp_path: Path) -> Path:
    store = new_store(tmp_path)
    enrol(store, 1, name="Siti Aminah", enrolled_on=date(2026, 3, 20), months_paid=6,
          start_month=date(2026, 4, 1))  # April to September
    enrol(store, 2, name="Dewi Lestari", enrolled_on=date(2026, 1, 5))  # behind by March
    out = tmp_path / "rekap.xlsx"
    export_month(store, MARCH, out, now=lambda: MADE)
    store.close()
    return out


def _rows(ws) -> tuple[list[str], dict[str, list[openpyxl.cell.Cell]]]:
    header = [c.value for c in ws[4]]
    name = header.index("Nama")
    return header, {r[name].value: list(r) for r in ws.iter_rows(min_row=5)
                    if isinstance(r[0].value, int)}


def _month_cell(cell, expected: date) -> None:
    """A date on the month's first day, shown as month and year. LCID 0x421 (Indonesian)
    in the format: Excel and LibreOffice write "Maret", not "March", on an English system."""
    assert cell.value == datetime(expected.year, expected.month, 1)
    assert cell.is_date
    assert cell.number_format == "[$-421]mmmm yyyy"


def test_new_members_months_are_month_cells(report: Path):
    ws = openpyxl.load_workbook(report)["Peserta Baru"]
    header, rows = _rows(ws)
    siti = rows["Siti Aminah"]
    _month_cell(siti[header.index("Mulai")], date(2026, 4, 1))
    _month_cell(siti[header.index("Lunas s.d.")], date(2026, 9, 1))
    for title in ("Mulai", "Lunas s.d."):  # wide enough: a narrow date cell shows ####
        letter = openpyxl.utils.get_column_letter(header.index(title) + 1)
        assert ws.column_dimensions[letter].width >= len("September 2026") + 1


def test_follow_up_paid_until_is_a_month_cell(report: Path):
    ws = openpyxl.load_workbook(report)["Tindak Lanjut"]
    header, rows = _rows(ws)
    _month_cell(rows["Dewi Lestari"][header.index("Lunas s.d.")], date(2026, 1, 1))
    letter = openpyxl.utils.get_column_letter(header.index("Lunas s.d.") + 1)
    assert ws.column_dimensions[letter].width >= len("September 2026") + 1
