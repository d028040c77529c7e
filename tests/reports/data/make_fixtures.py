"""Write the partner lists `pasar_gede.ods` and `pasar_gede.xls` used by test_import_formats.

Run once, by hand, from the worktree root:

    pip install xlwt            # BIFF (.xls) writer; NOT a project or test dependency
    python tests/reports/data/make_fixtures.py

The tests read the committed binary files and never import this script or xlwt. The .ods
is written by hand (a zip of mimetype + content.xml + manifest), the way LibreOffice lays
it out: a merged title, repeated empty cells, and a block of a million repeated empty
rows at the end of the sheet.

Both files hold the same sheet "Data Pekerja" (row numbers as the supervisor sees them):

    1  DAFTAR PEKERJA PASAR GEDE 2026           (title, merged across A:J)
    2  Dikirim oleh Kelurahan Sudiroprajan
    3  header: No | No. KTP | Nama Lengkap | WA | Kec. | Desa | Profesi | Pendapatan |
               Tgl Daftar | Alamat
    4  good row: NIK as text, date as text "02/03/2026"
    5  bad NIK "33720115059" (11 digits)
    6  good row: date as a real date cell (05/03/2026), phone and income as numbers
    7  NIK as a number cell whose last digit is not 0 (digits trusted)
    8  NIK as a number cell ending in 0 (may be truncated by Excel: refused)
    9  empty row
    10 good row: date as a plain number 46087 (= 06/03/2026, date format lost);
       Kec. "Jebres" merged down over rows 10-11
    11 row under the merged Kec. cell: Kec. reads empty
    12-15 (.xls only) formatted but empty cells, as left by Excel after deleting rows

`rumus.ods` is one header and one row whose Desa cell was typed as `=Pajang`: LibreOffice
keeps it as a formula whose result is the error #NAME?, as it writes such a cell.

`rumus_gabung.ods` checks that cells are counted the way LibreOffice compresses them:

    1  header
    2  good row; Kec. "Jebres" merged down over rows 2-3
    3  Kec. is a covered cell, then Desa typed as `=Pucangsawit` (#NAME?)
    4-5 one empty row written once with number-rows-repeated="2"
    6  WA and Kec. empty, written as one cell with number-columns-repeated="2", then Desa
       typed as `=Pajang` (#NAME?)
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
SHEET = "Data Pekerja"
TITLE = "DAFTAR PEKERJA PASAR GEDE 2026"
SUBTITLE = "Dikirim oleh Kelurahan Sudiroprajan"
HEADER = ["No", "No. KTP", "Nama Lengkap", "WA", "Kec.", "Desa", "Profesi", "Pendapatan",
          "Tgl Daftar", "Alamat"]
MERGED = object()  # a cell covered by the merged Kec. cell above it


def nik(serial: int) -> str:
    """Same NIKs as tests/reports/builders.make_nik (Laweyan, born 15/05/1990)."""
    return f"3372011505{90:02d}{serial:04d}"


# Sheet rows 4..11 (None = an empty row).
ROWS: list[list[object] | None] = [
    [1, nik(1), "BUDI SANTOSO", "081234567890", "Laweyan", "Pajang", "UMKM", "1.500.000",
     "02/03/2026", "Jl. Pajang 3"],
    [2, "33720115059", "Siti Aminah", "081234567891", "Laweyan", "Pajang", "UMKM",
     "1.500.000", "02/03/2026", "Jl. Pajang 4"],
    [3, nik(3), "Agus Salim", 81234567892, "Laweyan", "Pajang", "UMKM", 2000000,
     date(2026, 3, 5), "Jl. Pajang 5"],
    [4, float(nik(4)), "Sri Rahayu", "081234567893", "Laweyan", "Pajang", "UMKM", "1.500.000",
     "02/03/2026", "Jl. Pajang 6"],
    [5, float(nik(10)), "Dewi Lestari", "081234567894", "Laweyan", "Pajang", "UMKM",
     "1.500.000", "02/03/2026", "Jl. Pajang 7"],
    None,
    [6, nik(12), "Joko Widodo", "081234567895", "Jebres", "Pucangsawit", "UMKM", "1.500.000",
     46087, "Jl. Pucangsawit 1"],
    [7, nik(13), "Tono Sutono", "081234567896", MERGED, "Pucangsawit", "UMKM", "1.500.000",
     "06/03/2026", "Jl. Pucangsawit 2"],
]
KEC = HEADER.index("Kec.")


# --- .ods ---------------------------------------------------------------------------

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"')


def _ods_cell(value: object, attrs: str = "") -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, date):
        shown = value.strftime("%d/%m/%Y")
        return (f'<table:table-cell{attrs} table:style-name="tgl" office:value-type="date" '
                f'office:date-value="{value.isoformat()}"><text:p>{shown}</text:p>'
                "</table:table-cell>")
    if isinstance(value, int | float):
        shown = repr(int(value)) if float(value).is_integer() else repr(value)
        return (f'<table:table-cell{attrs} office:value-type="float" office:value="{shown}">'
                f"<text:p>{shown}</text:p></table:table-cell>")
    return (f'<table:table-cell{attrs} office:value-type="string">'
            f"<text:p>{escape(str(value))}</text:p></table:table-cell>")


def _ods_row(cells: list[object], row_index: int) -> str:
    parts = []
    for col, value in enumerate(cells):
        if value is MERGED:
            parts.append("<table:covered-table-cell/>")
        elif row_index == 10 and col == KEC:
            parts.append(_ods_cell(value, ' table:number-rows-spanned="2" '
                                          'table:number-columns-spanned="1"'))
        else:
            parts.append(_ods_cell(value))
    parts.append('<table:table-cell table:number-columns-repeated="1014"/>')
    return "<table:table-row>" + "".join(parts) + "</table:table-row>"


def _ods_file(path: Path, rows: list[str]) -> None:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {NS} office:version="1.2">'
        "<office:automatic-styles>"
        '<number:date-style style:name="N37"><number:day number:style="long"/>'
        "<number:text>/</number:text><number:month number:style=\"long\"/>"
        "<number:text>/</number:text><number:year number:style=\"long\"/></number:date-style>"
        '<style:style style:name="tgl" style:family="table-cell" style:data-style-name="N37"/>'
        "</office:automatic-styles>"
        "<office:body><office:spreadsheet>"
        f'<table:table table:name="{SHEET}">'
        '<table:table-column table:number-columns-repeated="1024"/>'
        + "".join(rows)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        # The mimetype entry must come first and be stored uncompressed.
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        # Fixed timestamps (ZipInfo's 1980 default): running again gives the same bytes.
        z.writestr(zipfile.ZipInfo("content.xml"), content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("META-INF/manifest.xml"), manifest,
                   compress_type=zipfile.ZIP_DEFLATED)


def write_ods(path: Path) -> None:
    rows = [
        "<table:table-row>"
        + _ods_cell(TITLE, ' table:number-columns-spanned="10" table:number-rows-spanned="1"')
        + '<table:covered-table-cell table:number-columns-repeated="9"/>'
        + '<table:table-cell table:number-columns-repeated="1014"/></table:table-row>',
        "<table:table-row>" + _ods_cell(SUBTITLE)
        + '<table:table-cell table:number-columns-repeated="1023"/></table:table-row>',
        _ods_row(list(HEADER), 3),
    ]
    for i, row in enumerate(ROWS, start=4):
        if row is None:
            rows.append('<table:table-row><table:table-cell table:number-columns-repeated="1024"/>'
                        "</table:table-row>")
        else:
            rows.append(_ods_row(row, i))
    # LibreOffice ends a sheet with the rest of its 1,048,576 rows as one repeated row.
    rows.append(f'<table:table-row table:number-rows-repeated="{1_048_576 - 3 - len(ROWS)}">'
                '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    _ods_file(path, rows)


def write_formula_ods(path: Path) -> None:
    row = list(ROWS[0] or [])
    cells = [_ods_cell(v) for v in row]
    cells[HEADER.index("Desa")] = (
        '<table:table-cell table:formula="of:=Pajang" office:value-type="string" '
        'office:string-value="" calcext:value-type="error"><text:p>#NAME?</text:p>'
        "</table:table-cell>")
    _ods_file(path, [_ods_row(list(HEADER), 1), "<table:table-row>" + "".join(cells)
                     + "</table:table-row>"])


def _formula_cell(formula: str) -> str:
    return (f'<table:table-cell table:formula="of:{formula}" office:value-type="string" '
            'office:string-value="" calcext:value-type="error"><text:p>#NAME?</text:p>'
            "</table:table-cell>")


def write_formula_merged_ods(path: Path) -> None:
    desa = HEADER.index("Desa")
    first = [1, nik(21), "Rudi Hartono", "081234567801", "Jebres", "Pucangsawit", "UMKM",
             "1.500.000", "02/03/2026", "Jl. Pucangsawit 3"]
    cells = [_ods_cell(v) for v in first]
    cells[KEC] = _ods_cell("Jebres", ' table:number-rows-spanned="2" '
                                     'table:number-columns-spanned="1"')
    second = [_ods_cell(v) for v in
              [2, nik(22), "Rina Wati", "081234567802", None, None, "UMKM", "1.500.000",
               "02/03/2026", "Jl. Pucangsawit 4"]]
    second[KEC] = "<table:covered-table-cell/>"
    second[desa] = _formula_cell("=Pucangsawit")
    third = [_ods_cell(v) for v in [3, nik(23), "Yanto"]]
    third.append('<table:table-cell table:number-columns-repeated="2"/>')  # WA, Kec.
    third.append(_formula_cell("=Pajang"))
    third += [_ods_cell(v) for v in ["UMKM", "1.500.000", "02/03/2026", "Jl. Pajang 9"]]
    end = '<table:table-cell table:number-columns-repeated="1014"/></table:table-row>'
    _ods_file(path, [
        _ods_row(list(HEADER), 1),
        "<table:table-row>" + "".join(cells) + end,
        "<table:table-row>" + "".join(second) + end,
        '<table:table-row table:number-rows-repeated="2">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>',
        "<table:table-row>" + "".join(third) + end,
    ])


# --- .xls ---------------------------------------------------------------------------

def write_xls(path: Path) -> None:
    import xlwt  # only this generator needs it

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(SHEET)
    bold = xlwt.easyxf("font: bold on")
    as_date = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    boxed = xlwt.easyxf("borders: left thin, right thin, top thin, bottom thin")
    ws.write_merge(0, 0, 0, 9, TITLE, bold)  # rows/cols 0-based
    ws.write(1, 0, SUBTITLE)
    for col, name in enumerate(HEADER):
        ws.write(2, col, name, bold)
    for r, row in enumerate(ROWS, start=3):
        if row is None:
            continue
        for col, value in enumerate(row):
            if value is MERGED:
                continue
            if r == 9 and col == KEC:
                ws.write_merge(9, 10, KEC, KEC, value)
            elif isinstance(value, date):
                ws.write(r, col, value, as_date)
            else:
                ws.write(r, col, value)
    for r in range(11, 15):  # formatted empty cells below the table (BLANK records)
        for col in range(len(HEADER)):
            ws.write(r, col, None, boxed)
    wb.save(str(path))


if __name__ == "__main__":
    write_ods(HERE / "pasar_gede.ods")
    write_xls(HERE / "pasar_gede.xls")
    write_formula_ods(HERE / "rumus.ods")
    write_formula_merged_ods(HERE / "rumus_gabung.ods")
    for name in ("pasar_gede.ods", "pasar_gede.xls", "rumus.ods", "rumus_gabung.ods"):
        print(name, (HERE / name).stat().st_size, "bytes")
