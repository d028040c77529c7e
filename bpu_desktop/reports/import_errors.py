"""What went wrong in an import, for people: row, column, message, and a workbook of the
bad rows (original columns + "Kesalahan") to fix and import again."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel

from bpu_desktop.store.errors import StoreError

from .excel_style import (
    DATE_FORMAT,
    FONT_NAME,
    HEADER_FILL,
    HEADER_FONT,
    safe_value,
    styled,
    text_cell,
)

ERROR_COLUMN = "Kesalahan"


class ImportFileError(StoreError):
    """The file itself cannot be imported (unreadable, no header row, no such sheet)."""


class ColumnsNotFound(ImportFileError):
    """No header row, or no NIK or Nama column: the user may pick the columns by hand, or
    another sheet. `sheet`: the sheet read; `sheets`: the workbook's sheets when it has
    more than one (to name in the advice: `bpu import --sheet`, the dialog's Lembar)."""

    def __init__(self, message: str, *, sheet: str = "", sheets: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.sheet = sheet
        self.sheets = sheets


@dataclass(frozen=True)
class RowError:
    row: int  # row number as Excel shows it
    column: str  # header text in the file (or the field label)
    message: str

    def text(self) -> str:
        return f"Baris {self.row}, kolom {self.column}: {self.message}"


@dataclass(frozen=True)
class BadRow:
    row: int
    values: tuple[Any, ...]
    errors: tuple[RowError, ...]

    def summary(self) -> str:
        return " | ".join(f"{e.column}: {e.message}" for e in self.errors)


def _as_text(value: Any) -> Any:
    """An identifier cell (NIK, phone, KPJ) as the digits it holds, never a number Excel
    would show as 3,37205E+15. A float gives the digits of its integral value, no more:
    nothing is invented (the row's Kesalahan says when those digits are untrusted)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    return value


def _as_date(value: Any, date_column: bool) -> date | None:
    """A date cell's value as a date; in a date column, a plain number that is an Excel
    date serial too (as the import reads it). Anything else (text typed as a date, even a
    wrong one) is not a date: it is written back as typed."""
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else None
    if isinstance(value, date):
        return value
    if (date_column and isinstance(value, int | float) and not isinstance(value, bool)
            and 1 <= value < 2_958_466):
        converted = from_excel(value)
        return converted.date() if isinstance(converted, datetime) else None
    return None


def write_error_workbook(headers: Sequence[str], bad_rows: Sequence[BadRow],
                         out: Path | str, *, text_columns: Collection[int] = (),
                         date_columns: Collection[int] = ()) -> Path:
    """The bad rows with their original cells and a Kesalahan column (atomic, 0600);
    `text_columns` (0-based) are written as text cells. Dates, and the date serials of
    `date_columns`, are real Excel dates shown dd/mm/yyyy (excel_style.DATE_FORMAT), as
    in the app's other workbooks and as the import reads them back."""
    out = Path(out)
    fd, tmp_name = tempfile.mkstemp(prefix=".kesalahan-", suffix=".xlsx.part", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, 0o600)
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Kesalahan")
        width = max([len(headers), *(len(r.values) for r in bad_rows)]) if bad_rows else len(headers)
        names = [*(list(headers) + [""] * (width - len(headers))), ERROR_COLUMN]
        for i, name in enumerate(names, start=1):
            ws.column_dimensions[get_column_letter(i)].width = 60 if name == ERROR_COLUMN else 18
        ws.freeze_panes = "A2"
        ws.append([styled(ws, n or f"Kolom {i}", font=HEADER_FONT, fill=HEADER_FILL)
                   for i, n in enumerate(names, start=1)])
        red = Font(name=FONT_NAME, color="C62828", bold=True)
        note_fill = PatternFill("solid", fgColor="FFF6F6")
        def cell(i: int, value: Any) -> Any:
            if i in text_columns and value not in (None, ""):
                return text_cell(ws, _as_text(value))
            day = _as_date(value, i in date_columns)
            if day is not None:
                return styled(ws, day, number_format=DATE_FORMAT)
            return safe_value(ws, value)

        for bad in bad_rows:
            cells = [cell(i, v) for i, v in enumerate(bad.values)]
            cells += [None] * (width - len(bad.values))
            ws.append([*cells, styled(ws, bad.summary(), font=red, fill=note_fill)])
        ws.auto_filter.ref = f"A1:{get_column_letter(len(names))}{len(bad_rows) + 1}"
        wb.save(tmp)
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return out
