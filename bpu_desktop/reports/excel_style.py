"""Safe, consistent cell writing for every workbook the app produces.

Two jobs in one place:
* text from users is never run as a formula by Excel: a value starting with ``=``, ``+``,
  ``-``, ``@``, tab or CR is stored as a string cell (data type "s") with the quote
  prefix set, so openpyxl never writes it as ``<f>`` and Excel shows it as typed;
* the house style (title, header, Rupiah/date formats) so every sheet looks the same.

Works with openpyxl write-only sheets. Title, header and totals rows are ordinary styled
`WriteOnlyCell`s. Data rows (a million on a branch file) skip openpyxl's per-cell objects:
`TableWriter` serialises each row to the same `<row>` XML openpyxl would write and hands
it to the sheet's stream (`_RowStream`), with each column's style registered once. That
stream relies on openpyxl's write-only internals (version pinned in pyproject.toml);
tests/reports/test_excel_style.py checks the XML against openpyxl's own.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from lxml import etree
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from bpu_desktop.domain.months import parse_month

BRANCH = "BPJS Ketenagakerjaan Cabang Surakarta"
ACCENT = "0B8A4B"
RUPIAH_FORMAT = '"Rp" #,##0;[Red]-"Rp" #,##0'
DATE_FORMAT = "dd/mm/yyyy"
# A month is a date cell (its first day) shown as "Maret 2026", the app's month_label:
# it sorts and filters by time. [$-421] (Indonesian) makes Excel and LibreOffice name the
# month in Indonesian whatever language they run in.
MONTH_FORMAT = "[$-421]mmmm yyyy"
INT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"
TEXT_FORMAT = "@"

FONT_NAME = "Calibri"  # the default body font: titles and headers match it
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

TITLE_FONT = Font(name=FONT_NAME, bold=True, size=14, color=ACCENT)
SUBTITLE_FONT = Font(name=FONT_NAME, italic=True, size=10, color="555555")
HEADER_FONT = Font(name=FONT_NAME, bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor=ACCENT)
TOTAL_FONT = Font(name=FONT_NAME, bold=True)
TOTAL_FILL = PatternFill("solid", fgColor="E8F3ED")
THIN = Side(style="thin", color="9FB8AA")
TOTAL_BORDER = Border(top=THIN)
NOTE_FONT = Font(name=FONT_NAME, italic=True, color="B26A00")


# openpyxl's ILLEGAL_CHARACTERS_RE (control characters) plus the other code points XML 1.0
# cannot hold (lone surrogates, U+FFFE, U+FFFF): lxml refuses them all.
NOT_XML_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """Drop characters XML cannot hold (openpyxl would raise on them)."""
    return str(NOT_XML_RE.sub("", value))


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def safe_value(ws: WriteOnlyWorksheet, value: Any) -> Any:
    """A value for `ws.append`: plain values pass through, risky text becomes a string cell."""
    if isinstance(value, str):
        if NOT_XML_RE.search(value):
            value = clean_text(value)
        if value.startswith(FORMULA_STARTS):
            return text_cell(ws, value)
    return value


def text_cell(ws: WriteOnlyWorksheet, text: str, **style: Any) -> WriteOnlyCell:
    """A cell that is always a string, whatever it starts with."""
    cell = WriteOnlyCell(ws)
    cell.value = clean_text(text)
    cell.data_type = "s"  # never "f": Excel must not evaluate user text
    cell.number_format = TEXT_FORMAT
    if is_formula_like(text):
        cell.quotePrefix = True
    for key, val in style.items():
        setattr(cell, key, val)
    return cell


def styled(ws: WriteOnlyWorksheet, value: Any, **style: Any) -> WriteOnlyCell:
    """A one-off styled cell (titles, headers, totals). Text goes through the guard."""
    if isinstance(value, str):
        return text_cell(ws, value, **style) if is_formula_like(value) else _cell(ws, value, style)
    return _cell(ws, value, style)


def _cell(ws: WriteOnlyWorksheet, value: Any, style: dict[str, Any]) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=clean_text(value) if isinstance(value, str) else value)
    for key, val in style.items():
        setattr(cell, key, val)
    return cell


@dataclass(frozen=True)
class Column:
    """One column of a table sheet: header, width and kind of value."""

    header: str
    width: float = 14
    # text | id (NIK/phone: always text) | num | int | money | date | month | percent
    kind: str = "text"


_FORMATS = {"int": INT_FORMAT, "money": RUPIAH_FORMAT, "date": DATE_FORMAT,
            "month": MONTH_FORMAT, "percent": PERCENT_FORMAT}
MAX_TEXT = 32767  # Excel's limit for one cell; openpyxl cuts longer text the same way


class _RowStream:
    """The `<sheetData>` stream of one write-only sheet: takes openpyxl rows (lists, via
    `ws.append`) and ready `<row>` elements (`write`), numbering rows for both.

    It stands in for `WriteOnlyWorksheet._write_rows` (openpyxl 3.1): same start, same end
    (closing the sheet closes this generator), so `ws.close()` and `wb.save()` work as usual.
    """

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        ws._get_writer()
        self.ws = ws
        self.next_row = 1
        self._gen = self._run()
        next(self._gen)
        ws._rows = self._gen
        self.write = self._gen.send

    def _run(self) -> Any:
        ws, writer = self.ws, self.ws._writer
        xf = writer.xf.send(True)
        with xf.element("sheetData"):
            try:
                while True:
                    row = yield
                    if isinstance(row, etree._Element):
                        xf.write(row)
                    else:
                        writer.write_row(xf, ws._values_to_row(row, self.next_row),
                                         self.next_row)
                    self.next_row += 1
            except GeneratorExit:
                pass
        writer.xf.send(None)


def _xml_text(text: str) -> str:
    """Escape text for a `<t>` element as lxml would (a CR must survive parsing)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


class TableWriter:
    """Writes one table sheet: title block, frozen bold header, typed rows, totals.

    Call order follows write-only rules: `__init__` sets widths and panes before any row.
    """

    def __init__(self, ws: WriteOnlyWorksheet, title: str, subtitle: str,
                 columns: Sequence[Column]) -> None:
        self.ws = ws
        self.columns = list(columns)
        for i, col in enumerate(self.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = col.width
        self.header_row = 4
        ws.freeze_panes = f"A{self.header_row + 1}"
        last = get_column_letter(len(self.columns))
        ws.print_title_rows = f"{self.header_row}:{self.header_row}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = "9"  # A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.oddFooter.center.text = "Halaman &P dari &N"
        # Data rows go out as ready XML; a sheet someone already wrote to keeps openpyxl's path.
        self._stream = _RowStream(ws) if ws._rows is None and not ws.parent.iso_dates else None
        ws.append([styled(ws, title, font=TITLE_FONT)])
        ws.append([styled(ws, subtitle, font=SUBTITLE_FONT)])
        ws.append([])
        ws.append([styled(ws, c.header, font=HEADER_FONT, fill=HEADER_FILL,
                          alignment=Alignment(wrap_text=True, vertical="center"))
                   for c in self.columns])
        self._last_col = last
        self.rows = 0  # rows written below the header: data, notes and totals
        self.data_rows = 0  # below the header up to the last data row: what the filter takes
        # One reusable styled cell per formatted column (serialised at append time).
        self._cells: list[WriteOnlyCell | None] = []
        for col in self.columns:
            fmt = _FORMATS.get(col.kind)
            if fmt is None:
                self._cells.append(None)
            else:
                cell = WriteOnlyCell(ws)
                cell.number_format = fmt
                self._cells.append(cell)
        self._ids = [c.kind == "id" for c in self.columns]
        self._letters = [get_column_letter(i) for i in range(1, len(self.columns) + 1)]
        # Style ids are registered on first use, in the order openpyxl itself would.
        self._style_ids: list[str | None] = [None] * len(self.columns)
        self._text_style: str | None = None
        self._serials: dict[date, float] = {}
        self._epoch = ws.parent.epoch

    def append(self, values: Sequence[Any]) -> None:
        """One data row. Hot path (a million rows): written as ready XML when every value
        is plain (text, number, date in a date column), else through openpyxl's cells."""
        if self._stream is not None:
            xml = self._row_xml(values)
            if xml is not None:
                try:
                    element = etree.fromstring(xml)
                except etree.XMLSyntaxError:
                    pass  # text XML cannot hold (e.g. U+FFFE): let openpyxl decide
                else:
                    self._stream.write(element)
                    self.rows += 1
                    self.data_rows = self.rows
                    return
        self._append_cells(values)

    def _row_xml(self, values: Sequence[Any]) -> str | None:
        """The row as openpyxl writes it (same cells, styles, types), or None when a value
        needs openpyxl's own handling."""
        assert self._stream is not None
        r = str(self._stream.next_row)
        parts = [f'<row r="{r}">']
        add = parts.append
        for i, (value, template, is_id) in enumerate(zip(values, self._cells, self._ids,
                                                         strict=False)):
            if value is None or value == "":
                continue
            kind = type(value)
            if kind is str or is_id:
                text = value if kind is str else str(value)
                style = ""
                if kind is str:
                    if NOT_XML_RE.search(text):
                        text = clean_text(text)
                        if not text:
                            continue
                    if text.startswith(FORMULA_STARTS):
                        style = f' s="{self._guard_style()}"'
                text = text[:MAX_TEXT]
                space = ' xml:space="preserve"' if text != text.strip() else ""
                add(f'<c r="{self._letters[i]}{r}"{style} t="inlineStr"><is><t{space}>'
                    f"{_xml_text(text)}</t></is></c>")
                continue
            if kind is datetime:
                if template is None:
                    return None
                value = value.date()
                kind = date
            if kind is date:
                if template is None:
                    return None
                serial = self._serials.get(value)
                if serial is None:
                    serial = self._serials[value] = to_excel(value, self._epoch)
                value = serial
            elif kind is float:
                if not math.isfinite(value):
                    return None  # openpyxl writes an empty <v></v>; keep its exact bytes
            elif kind is not int and kind is not bool:
                return None
            style = f' s="{self._style_id(i)}"' if template is not None else ""
            data_type = "b" if kind is bool else "n"
            # openpyxl's safe_string: "%.16g" (1e+17 for a huge int, 1 for True)
            add(f'<c r="{self._letters[i]}{r}"{style} t="{data_type}"><v>{value:.16g}</v></c>')
        add("</row>")
        return "".join(parts)

    def _style_id(self, i: int) -> str:
        sid = self._style_ids[i]
        if sid is None:
            template = self._cells[i]
            assert template is not None
            sid = self._style_ids[i] = str(template.style_id)
        return sid

    def _guard_style(self) -> str:
        """The style of user text that starts like a formula: text format, quote prefix."""
        if self._text_style is None:
            self._text_style = str(text_cell(self.ws, "=").style_id)
        return self._text_style

    def _append_cells(self, values: Iterable[Any]) -> None:
        """One data row through openpyxl's cells (the general path)."""
        row: list[Any] = []
        ws = self.ws
        for value, template, is_id in zip(values, self._cells, self._ids, strict=False):
            if value is None or value == "":
                row.append(None)
            elif isinstance(value, str):
                if value.startswith(FORMULA_STARTS) or NOT_XML_RE.search(value):
                    row.append(safe_value(ws, value) or None)  # nothing left: no cell
                else:
                    row.append(value)
            elif is_id:
                row.append(str(value))  # NIK/phone: text, never a number Excel would round
            elif template is not None:
                row.append(self._fill(template, value))
            else:
                row.append(value)
        ws.append(row)
        self.rows += 1
        self.data_rows = self.rows

    @staticmethod
    def _fill(template: WriteOnlyCell | None, value: Any) -> Any:
        assert template is not None
        if isinstance(value, str):
            value = clean_text(value)
        elif isinstance(value, datetime):
            value = value.date()
        template.value = value
        if isinstance(value, str):
            template.data_type = "s"
        return template

    def note(self, text: str) -> None:
        """A full-width remark row (e.g. data not available yet)."""
        self.ws.append([styled(self.ws, text, font=NOTE_FONT)])
        self.rows += 1

    def totals(self, values: Sequence[Any], label: str = "Jumlah") -> None:
        row: list[Any] = []
        for i, col in enumerate(self.columns):
            value = label if i == 0 else (values[i] if i < len(values) else None)
            fmt = _FORMATS.get(col.kind)
            style: dict[str, Any] = {"font": TOTAL_FONT, "fill": TOTAL_FILL, "border": TOTAL_BORDER}
            if fmt and not isinstance(value, str):
                style["number_format"] = fmt
            row.append(styled(self.ws, value, **style))
        self.ws.append(row)
        self.rows += 1

    def finish(self) -> None:
        """Autofilter over the header and the data rows only: never the totals row or a
        note below it, so sorting keeps them in place (write-only: set before saving).
        A sheet without data rows filters its header alone."""
        end = self.header_row + self.data_rows
        self.ws.auto_filter.ref = f"A{self.header_row}:{self._last_col}{end}"


def as_excel_date(value: str | date | None) -> date | None:
    """Store dates are ISO text; Excel wants real dates so its filters and formats work."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@lru_cache(maxsize=4096)  # a report has a few dozen distinct months in 100,000 rows
def as_excel_month(value: str | date | None) -> date | str | None:
    """Store months are ``2026-03`` text; a "month" column wants the month's first day.
    Text that is not a month stays as it is, so the report never hides what is stored."""
    if value is None or value == "":
        return None
    try:
        return parse_month(value)
    except ValueError:
        return value if isinstance(value, str) else None


def discard_write_only(wb: Workbook) -> None:
    """Close the sheets of an abandoned write-only workbook and delete their temp files,
    so a cancelled export leaves nothing behind (and no half-open XML streams)."""
    for ws in wb.worksheets:
        with contextlib.suppress(Exception):
            ws.close()
        path = getattr(getattr(ws, "_writer", None), "out", None)
        if isinstance(path, str):
            with contextlib.suppress(OSError):
                os.remove(path)
