"""Partners' lists from older Excel (.xls) and LibreOffice (.ods) import like .xlsx ones.

The files are committed in tests/reports/data (see make_fixtures.py for what each row
holds); rows are numbered as the supervisor sees them in the spreadsheet.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from bpu_desktop.domain.regions import find_kecamatan
from bpu_desktop.reports import ods_cells
from bpu_desktop.reports.excel_import import import_file, plan_import, read_sheet, sheet_names
from bpu_desktop.reports.import_errors import ImportFileError
from bpu_desktop.store.members import MemberQuery, MemberRepository
from bpu_desktop.store.progress import Progress

from .builders import TODAY, make_nik, new_store

DATA = Path(__file__).parent / "data"
HEADER = ["No", "No. KTP", "Nama Lengkap", "WA", "Kec.", "Desa", "Profesi", "Pendapatan",
          "Tgl Daftar", "Alamat"]
# Dewi's NIK (…0010) in a number cell: Excel keeps 15 digits, the import cannot trust it.
FLOAT_NIK = ("NIK tersimpan sebagai angka dan Excel hanya menyimpan 15 digit "
             f"({make_nik(10)}): format kolom NIK sebagai Teks (Text) di Excel, lalu ketik "
             "ulang NIK-nya.")
EXPECTED_ERRORS = {
    (5, "No. KTP"): "NIK harus 16 digit (tertulis 11).",
    (8, "No. KTP"): FLOAT_NIK,
}
# Kec. "Jebres" is merged over rows 10-11: the file holds it in row 10 only, the
# supervisor sees it on both rows, and the import fills it down.
MERGE_NOTE = "Sel gabungan diisi ke semua barisnya: Kec. baris 10-11."


@pytest.fixture(params=["pasar_gede.ods", "pasar_gede.xls"])
def partner_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A copy, so the error workbook lands next to it in tmp_path."""
    return Path(shutil.copy(DATA / request.param, tmp_path / request.param))


def test_partner_file_imports_valid_rows_and_reports_the_rest(tmp_path: Path,
                                                              partner_file: Path):
    store = new_store(tmp_path)
    result = import_file(store, partner_file, today=TODAY)
    plan = result.plan
    assert plan.mapping.header_row == 2  # title and subtitle above the header
    assert plan.headers == HEADER
    assert (plan.rows_read, plan.blank_rows) == (7, 1)  # no trailing empty rows counted
    assert result.inserted == 5
    assert {(e.row, e.column): e.message for e in plan.errors} == EXPECTED_ERRORS
    assert plan.notes == [MERGE_NOTE]
    assert plan.summary_lines()[-1] == MERGE_NOTE

    repo = MemberRepository(store)
    assert repo.count(MemberQuery()) == 5
    budi = repo.find_by_nik(make_nik(1))
    assert budi is not None and budi.name == "Budi Santoso"
    assert budi.enrolled_on == "2026-03-02"  # text date 02/03/2026 is day/month
    agus = repo.find_by_nik(make_nik(3))
    assert agus is not None and agus.enrolled_on == "2026-03-05"  # a real date cell
    assert agus.phone.endswith("81234567892") and agus.income == 2_000_000  # number cells
    sri = repo.find_by_nik(make_nik(4))  # a number cell whose last digit is not 0: trusted
    assert sri is not None and sri.name == "Sri Rahayu"
    joko = repo.find_by_nik(make_nik(12))
    assert joko is not None and joko.enrolled_on == "2026-03-06"  # serial 46087, format lost
    assert repo.find_by_nik(make_nik(10)) is None  # a number cell ending in 0: refused
    tono = repo.find_by_nik(make_nik(13))  # row 11, under the merged Kec. cell
    assert tono is not None and (tono.kecamatan_code, tono.kelurahan) == (
        joko.kecamatan_code, "Pucangsawit")


def test_bad_rows_of_an_xls_or_ods_go_to_an_error_workbook(tmp_path: Path,
                                                           partner_file: Path):
    store = new_store(tmp_path)
    out = tmp_path / "salah.xlsx"
    result = import_file(store, partner_file, today=TODAY, error_workbook=out)
    assert result.error_workbook == out
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == [*HEADER, "Kesalahan"]
    assert [(r[1], r[2], r[-1]) for r in rows[1:]] == [
        ("33720115059", "Siti Aminah", "No. KTP: NIK harus 16 digit (tertulis 11)."),
        (make_nik(10), "Dewi Lestari", f"No. KTP: {FLOAT_NIK}"),
    ]
    assert all(c.data_type == "s" for c in ws["B"][1:])  # NIKs written back as text

    # The supervisor fixes the two rows and imports the error workbook again.
    ws.delete_cols(len(HEADER) + 1)
    ws["B2"] = make_nik(2)
    ws["B3"] = make_nik(10)
    ws.parent.save(tmp_path / "perbaikan.xlsx")
    again = import_file(store, tmp_path / "perbaikan.xlsx", today=TODAY)
    assert again.inserted == 2 and again.plan.bad_rows == []
    assert MemberRepository(store).count(MemberQuery()) == 7


def test_dry_run_of_an_ods_writes_nothing(tmp_path: Path):
    store = new_store(tmp_path)
    result = import_file(store, DATA / "pasar_gede.ods", today=TODAY, dry_run=True)
    assert (len(result.plan.new), result.inserted, result.error_workbook) == (5, 0, None)
    assert MemberRepository(store).count(MemberQuery()) == 0


def test_sheet_names_and_a_wrong_sheet(partner_file: Path):
    assert sheet_names(partner_file) == ["Data Pekerja"]
    with pytest.raises(ImportFileError) as caught:
        read_sheet(partner_file, "Sheet1")
    assert caught.value.message == (
        f"Lembar 'Sheet1' tidak ada di {partner_file.name}. Pilihan: Data Pekerja.")


@pytest.mark.parametrize("name, content", [
    # Web applications often save an HTML table with an .xls name.
    ("unduhan.xls", b"<html><body><table><tr><td>NIK</td><td>Nama</td></tr></table></body></html>"),
    ("daftar.ods", b"NIK;Nama\n3372011505900001;Budi\n"),  # a CSV renamed .ods
    ("kosong.xls", b""),
])
def test_a_file_that_is_not_really_xls_or_ods_gets_a_clear_message(tmp_path: Path, name: str,
                                                                   content: bytes):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as caught:
        read_sheet(path)
    assert caught.value.message == (
        f"Berkas {name} tidak dapat dibaca (rusak atau bukan berkas Excel).")


def test_an_ods_formula_cell_is_named_not_called_empty(tmp_path: Path):
    store = new_store(tmp_path)
    result = import_file(store, DATA / "rumus.ods", today=TODAY)
    [error] = result.plan.errors
    assert (error.row, error.column) == (2, "Desa")
    assert "=Pajang" in error.message and "rumus" in error.message


def test_ods_cells_are_counted_through_merges_and_repeats(tmp_path: Path):
    """rumus_gabung.ods: a formula right after a covered (merged) cell, and one after a
    cell written once for two columns, below one row written once for two rows."""
    store = new_store(tmp_path)
    out = tmp_path / "salah.xlsx"
    result = import_file(store, DATA / "rumus_gabung.ods", today=TODAY, error_workbook=out)
    plan = result.plan
    assert (plan.rows_read, plan.blank_rows, len(plan.new)) == (3, 2, 1)
    assert plan.notes == ["Sel gabungan diisi ke semua barisnya: Kec. baris 2-3."]
    assert [(e.row, e.column, e.message) for e in plan.errors] == [
        (3, "Desa", "Kelurahan/Desa '=Pucangsawit' tidak dikenal: sel berisi rumus, "
                    "ketik isinya tanpa tanda =."),
        (6, "Kec.", "Kecamatan wajib diisi."),  # its blank WA is allowed (no phone)
        (6, "Desa", "Kelurahan/Desa '=Pajang' tidak dikenal: sel berisi rumus, "
                    "ketik isinya tanpa tanda =."),
    ]
    rows = list(openpyxl.load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    assert [r[4:6] for r in rows] == [("Jebres", "=Pucangsawit"), (None, "=Pajang")]


def test_merged_cells_of_an_xlsx_are_filled_down_in_their_own_column(tmp_path: Path):
    """What the supervisor sees: each merged value belongs to every row it spans. A merge
    across columns is not copied sideways, and the header is never copied into the data."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["NIK", "Nama", "HP", "Kec.", "Desa", "Profesi", "Pendapatan", "Tgl Daftar",
               "Alamat", "No KPJ"])
    for i, name in enumerate(["Ani", "Bambang", "Citra", "Dodi"]):
        first = i == 0
        ws.append([make_nik(30 + i), name, f"08123456780{i}",
                   "Jebres" if first else None, "Pucangsawit", "UMKM", "1.500.000",
                   "05/03/2026" if first else None, f"Jl. Kenari {i}", None])
    ws.merge_cells("D2:D5")  # Kec. over all four rows
    ws.merge_cells("H2:H3")  # Tgl Daftar over the first two: optional, else "today"
    ws.merge_cells("I5:J5")  # Alamat over two columns: nothing copied into No KPJ
    ws.merge_cells("J1:J2")  # a tall header cell: the header is not data
    wb.save(tmp_path / "gabung.xlsx")

    store = new_store(tmp_path)
    result = import_file(store, tmp_path / "gabung.xlsx", today=TODAY)
    assert result.plan.errors == [] and result.inserted == 4
    assert result.plan.notes == [
        "Sel gabungan diisi ke semua barisnya: Kec. baris 2-5, Tgl Daftar baris 2-3."]
    repo = MemberRepository(store)
    members = [repo.find_by_nik(make_nik(30 + i)) for i in range(4)]
    jebres = find_kecamatan("Jebres")
    assert jebres is not None
    assert [(m.kecamatan_code, m.enrolled_on, m.kpj) for m in members if m is not None] == [
        (jebres.code, "2026-03-05", None), (jebres.code, "2026-03-05", None),
        (jebres.code, TODAY.isoformat(), None), (jebres.code, TODAY.isoformat(), None)]


def test_ods_merges_are_read_while_checking_once_with_progress(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch):
    """The dialog calls read_sheet on the GUI thread: the slow .ods walk waits for
    plan_import (run with a progress dialog), and a second plan of the same data reuses it."""
    walks: list[str] = []
    real = ods_cells.merged_ranges

    def counting(*args: object, **kwargs: object) -> list[ods_cells.MergedRange]:
        walks.append("walk")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ods_cells, "merged_ranges", counting)
    monkeypatch.setattr(ods_cells, "REPORT_EVERY", 1)
    data = read_sheet(DATA / "pasar_gede.ods")
    assert walks == []
    texts: list[str] = []
    store = new_store(tmp_path)
    first = plan_import(store, data, today=TODAY,
                        progress=Progress(report=lambda done, total, text: texts.append(text)))
    again = plan_import(store, data, today=TODAY)
    assert walks == ["walk"] and "Membaca sel gabungan" in texts
    assert first.notes == again.notes == [MERGE_NOTE]
    assert data.rows[10][4] == ""  # the filling is the plan's: the sheet shown is as read
