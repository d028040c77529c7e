"""Formulas and merged cells of one .ods sheet, read from its content.xml.

python-calamine 0.9.1 gives neither for .ods (`merged_cell_ranges` is None, a formula
without a value reads as empty), so the import reads them here. content.xml is streamed
with `iterparse` and every element is dropped once read: a partner's sheet can hold
100,000 rows, and LibreOffice ends each sheet with a million repeated empty rows, which
are counted, never expanded.

Coordinates are 0-based (row, column) like calamine's `to_python(skip_empty_area=False)`
and `merged_cell_ranges`: a range is ((first_row, first_col), (last_row, last_col)).
Nothing here raises on a damaged file: the caller's report simply stays as it was.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TABLE = TABLE + "table"
_ROW = TABLE + "table-row"
_CELLS = (TABLE + "table-cell", TABLE + "covered-table-cell")
_NAME = TABLE + "name"
_ROWS_REPEATED = TABLE + "number-rows-repeated"
_COLS_REPEATED = TABLE + "number-columns-repeated"
_ROWS_SPANNED = TABLE + "number-rows-spanned"
_COLS_SPANNED = TABLE + "number-columns-spanned"
_FORMULA = TABLE + "formula"
# A merge over more than one row ("1" is written for merges across columns only).
_TALL_MERGE = re.compile(rb"number-rows-spanned=[\"'](?!1[\"'])")
_PREFIX = re.compile(r"^[A-Za-z][\w.-]*:(?==)")  # "of:" in "of:=Pajang"

MergedRange = tuple[tuple[int, int], tuple[int, int]]
# Called for each real cell (not for covered ones): row, column, attributes.
CellVisitor = Callable[[int, int, dict[str, str]], None]


def _count(attrs: dict[str, str], name: str) -> int:
    try:
        return max(1, int(attrs.get(name, "1")))
    except ValueError:
        return 1


def _walk(path: Path, sheet: str, visit: CellVisitor, stop_row: int | None = None) -> None:
    """Call `visit` for every cell of `sheet`, counting repeated rows and columns and the
    covered (merged-away) cells; stops after row `stop_row` when given."""
    with zipfile.ZipFile(path) as z, z.open("content.xml") as stream:
        events: Iterator[tuple[str, ET.Element]] = ET.iterparse(stream, ("start", "end"))
        parents: list[ET.Element] = []
        inside = False  # within the wanted <table:table>
        row = col = 0
        for event, elem in events:
            tag = elem.tag
            if event == "start":
                parents.append(elem)
                if tag == _TABLE:
                    inside = elem.get(_NAME) == sheet
                elif inside and tag == _ROW:
                    col = 0
                elif inside and tag in _CELLS:
                    if tag == _CELLS[0]:
                        visit(row, col, elem.attrib)
                    col += _count(elem.attrib, _COLS_REPEATED)
                continue
            parents.pop()
            if parents:
                parents[-1].remove(elem)  # keep memory flat: nothing read is kept
            if not inside:
                continue
            if tag == _TABLE:
                return
            if tag == _ROW:
                row += _count(elem.attrib, _ROWS_REPEATED)
                if stop_row is not None and row > stop_row:
                    return


def _has_tall_merge(path: Path) -> bool:
    """A quick byte scan, so sheets without merges down rows skip the XML walk."""
    tail = b""
    with zipfile.ZipFile(path) as z, z.open("content.xml") as stream:
        while chunk := stream.read(1 << 20):
            if _TALL_MERGE.search(tail + chunk):
                return True
            tail = chunk[-40:]
    return False


def merged_ranges(path: Path | str, sheet: str) -> list[MergedRange]:
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
        if _has_tall_merge(path):
            _walk(path, sheet, visit)
    except (OSError, KeyError, zipfile.BadZipFile, ET.ParseError):
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
        _walk(Path(path), sheet, visit, stop_row=max(rows))
    except (OSError, KeyError, zipfile.BadZipFile, ET.ParseError):
        return {}
    return found
