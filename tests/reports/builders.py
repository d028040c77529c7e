"""Test data: valid NIKs and enrolled members, built through the same rules as the form."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from bpu_desktop.domain.validation import EnrolmentInput
from bpu_desktop.store.database import Store, open_store
from bpu_desktop.store.members import MemberRepository, MemberRow
from bpu_desktop.store.reference import validate_enrolment_input

TODAY = date(2026, 4, 10)


def make_nik(serial: int, *, district: str = "337201", born: date = date(1990, 5, 15),
             female: bool = False) -> str:
    day = born.day + (40 if female else 0)
    return f"{district}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def new_store(tmp_path: Path, name: str = "data.db", officer: str = "Rina") -> Store:
    store = open_store(tmp_path / name)
    store.set_officer(officer)
    return store


def enrol(store: Store, serial: int, *, name: str = "Budi Santoso",
          enrolled_on: date = date(2026, 3, 2), months_paid: int = 1, **overrides: Any
          ) -> MemberRow:
    values: dict[str, Any] = dict(
        nik=make_nik(serial), name=name, phone="081234567890", kecamatan="Laweyan",
        kelurahan="Pajang", address="Jl. Slamet Riyadi 1", segment="umkm", income="1.500.000",
        with_jht=False, funding="self", months_paid=months_paid, start_month=enrolled_on,
        enrolled_on=enrolled_on)
    values.update(overrides)
    result = validate_enrolment_input(store, EnrolmentInput(**values), today=TODAY)
    assert result.ok, result.errors
    assert result.value is not None
    return MemberRepository(store).enrol(result.value)


def workbook_with_sheets(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """An .xlsx holding `sheets` (name -> rows) in that order, and nothing else."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path
