"""Property: whatever the cells hold, an import ends with rows imported or rows reported,
never an exception, and never a value changed into a wrong one."""

from __future__ import annotations

import re
import tempfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bpu_desktop.domain.money import parse_rupiah
from bpu_desktop.reports.excel_import import import_file
from bpu_desktop.store.database import open_store
from bpu_desktop.store.members import MemberRepository

from .builders import TODAY, make_nik

HEADER = ["NIK", "Nama", "No. HP", "Kecamatan", "Kelurahan", "Pekerjaan", "Penghasilan",
          "Tgl Daftar"]
GOOD = [None, "Budi Santoso", "081234567890", "Laweyan", "Pajang", "UMKM", "1.500.000",
        "02/03/2026"]

# Cells as partners' spreadsheets hold them: text (with odd characters), whole and
# fractional numbers, booleans, dates, blanks, and text that looks like a formula.
_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
cell = st.one_of(
    st.none(), _text, st.integers(min_value=-10**17, max_value=10**17),
    st.floats(allow_nan=False, allow_infinity=False, width=64), st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(["=1+1", "+62 812", "-", "@x", " ", "1.500.000", "2,5 jt", "31/02/2026",
                     "3372011505900001", "Laweyan", "Pajang"]),
)


@st.composite
def rows(draw: st.DrawFn) -> list[list[object]]:
    """Mostly good rows with a few random cells, plus wholly random rows."""
    out = []
    for i in range(draw(st.integers(min_value=1, max_value=6))):
        row: list[object] = list(GOOD)
        row[0] = make_nik(i + 1)
        if draw(st.booleans()):
            for column in draw(st.sets(st.integers(0, len(HEADER) - 1), max_size=4)):
                row[column] = draw(cell)
        out.append(row)
    return out


def _digits(value: object) -> str:
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else ""
    return re.sub(r"[\s.\-]", "", str(value or ""))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=rows())
def test_any_cells_end_imported_or_reported(data: list[list[object]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "daftar.xlsx"
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(HEADER)
        for row in data:
            ws.append(row)
            for c in ws[ws.max_row]:
                if isinstance(c.value, str):
                    c.data_type = "s"  # typed text, never a formula
        wb.save(path)
        store = open_store(Path(tmp) / "data.db")
        store.set_officer("Uji")
        try:
            result = import_file(store, path, today=TODAY)
            plan = result.plan
            # every non-blank row is accounted for, exactly once (a JUMLAH/TOTAL row is
            # or a signature line is skipped, neither read nor blank)
            assert (plan.rows_read + plan.blank_rows + len(plan.total_rows)
                    + len(plan.footer_rows)) == len(data)
            assert result.inserted + len(plan.existing) + len(plan.bad_rows) == plan.rows_read
            repo = MemberRepository(store)
            for excel_row, clean in plan.new:
                source = data[excel_row - 2]
                member = repo.find_by_nik(clean.nik.value)
                assert member is not None
                # never a changed value: the stored NIK is the cell's own digits
                assert member.nik == _digits(source[0])
                assert member.income == parse_rupiah(source[6])  # type: ignore[arg-type]
                assert member.enrolled_on is not None
                enrolled = source[7]
                if isinstance(enrolled, datetime):
                    assert member.enrolled_on == enrolled.date().isoformat()
                elif enrolled == "02/03/2026":
                    assert member.enrolled_on == date(2026, 3, 2).isoformat()
        finally:
            store.close()
