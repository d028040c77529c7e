"""Formulas and merged cells of one .ods sheet, read from its content.xml.

python-calamine 0.9.1 gives neither for .ods (`merged_cell_ranges` is None, a formula
without a value reads as empty), so the import reads them here. content.xml is streamed
through expat with a start-tag handler only: no tree is built, so memory stays flat on a
100,000-row sheet, and LibreOffice's closing block of a million repeated empty rows is
counted, never expanded. A quick byte scan first skips the walk for sheets without
merges down rows or without formulas (the common case).

Coordinates are 0-based (row, column) like calamine's `to_python(skip_empty_area=False)`
and `merged_cell_ranges`: a range is ((first_row, first_col), (last_row, last_col)).
Nothing here raises on a damaged file: the caller's report simply stays as it was.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.parsers import expat

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "  # expat: namespace + separator
_TABLE = TABLE + "table"
_ROW = TABLE + "table-row"
_CELL = TABLE + "table-cell"
_COVERED = TABLE + "covered-table-cell"
_NAME = TABLE + "name"
_ROWS_REPEATED = TABLE + "number-rows-repeated"
_COLS_REPEATED = TABLE + "number-columns-repeated"
_ROWS_SPANNED = TABLE + "number-rows-spanned"
_COLS_SPANNED = TABLE + "number-columns-spanned"
_FORMULA = TABLE + "formula"
# A merge over more than one row ("1" is written for merges across columns only).
_TALL_MERGE = re.compile(rb"number-rows-spanned=[\"'](?!1[\"'])")
_ANY_FORMULA = re.compile(rb":formula=")
_PREFIX = re.compile(r"^[A-Za-z][\w.-]*:(?==)")  # "of:" in "of:=Pajang"
_CHUNK = 1 << 20
_DAMAGED = (OSError, KeyError, zipfile.BadZipFile, expat.ExpatError)

MergedRange = tuple[tuple[int, int], tuple[int, int]]
# Called for each real cell (not for covered ones): row, column, attributes.
CellVisitor = Callable[[int, int, dict[str, str]], None]
# Called with the row reached, every REPORT_EVERY rows (progress, and Cancel: may raise).
RowReport = Callable[[int], None]
REPORT_EVERY = 2_000


class _Done(Exception):
    """Raised from the handler to stop parsing once the wanted rows are read."""


def _count(attrs: dict[str, str], name: str) -> int:
    try:
        return max(1, int(attrs.get(name, "1")))
    except ValueError:
        return 1


def _walk(path: Path, sheet: str, visit: CellVisitor, stop_row: int | None = None,
          on_row: RowReport | None = None) -> None:
    """Call `visit` for every cell of `sheet`, counting repeated rows and columns and the
    covered (merged-away) cells; stops after row `stop_row` when given."""
    inside = False  # within the wanted <table:table>
    done = False  # the wanted table was read: the next table ends the walk
    row = next_row = col = 0
    reported = 0

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal inside, done, row, next_row, col, reported
        if tag == _CELL or tag == _COVERED:
            if inside:
                if tag == _CELL:
                    visit(row, col, attrs)
                col += _count(attrs, _COLS_REPEATED)
        elif tag == _ROW:
            if inside:
                if stop_row is not None and next_row > stop_row:
                    raise _Done
                row, col = next_row, 0
                next_row += _count(attrs, _ROWS_REPEATED)
                if on_row is not None and row - reported >= REPORT_EVERY:
                    reported = row
                    on_row(row)
        elif tag == _TABLE:
            if done:
                raise _Done
            inside = done = attrs.get(_NAME) == sheet

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    with zipfile.ZipFile(path) as z, z.open("content.xml") as stream:
        try:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except _Done:
            return


def _contains(path: Path, pattern: re.Pattern[bytes]) -> bool:
    tail = b""
    with zipfile.ZipFile(path) as z, z.open("content.xml") as stream:
        while chunk := stream.read(_CHUNK):
            if pattern.search(tail + chunk):
                return True
            tail = chunk[-40:]
    return False


def merged_ranges(path: Path | str, sheet: str,
                  on_row: RowReport | None = None) -> list[MergedRange]:
    """Merged ranges of `sheet` that span more than one row (merges across columns only
    are left out: the import fills merged values down, never sideways)."""
    path = Path(path)
    found: list[MergedRange] = []

    def visit(row: int, col: int, attrs: dict[str, str]) -> None:
        rows = _count(attrs, _ROWS_SPANNED)
        if rows > 1:
            cols = _count(attrs, _COLS_SPANNED)
            for k in range(_count(attrs, _COLS_REPEATED)):  # identical anchors side by side
                first = col + k * cols
                found.append(((row, first), (row + rows - 1, first + cols - 1)))

    try:
        if _contains(path, _TALL_MERGE):
            _walk(path, sheet, visit, on_row=on_row)
    except _DAMAGED:
        return []
    return found


def formulas(path: Path | str, sheet: str, rows: set[int],
             columns: set[int]) -> dict[tuple[int, int], str]:
    """The formula text ("=Pajang", without LibreOffice's "of:" prefix) of the cells at
    `rows` x `columns` that hold a formula."""
    found: dict[tuple[int, int], str] = {}
    if not rows or not columns:
        return found

    def visit(row: int, col: int, attrs: dict[str, str]) -> None:
        if row not in rows:
            return
        formula = attrs.get(_FORMULA)
        if not formula:
            return
        for k in range(_count(attrs, _COLS_REPEATED)):
            if col + k in columns:
                found[(row, col + k)] = _PREFIX.sub("", formula)

    try:
        if _contains(Path(path), _ANY_FORMULA):
            _walk(Path(path), sheet, visit, stop_row=max(rows))
    except _DAMAGED:
        return {}
    return found
