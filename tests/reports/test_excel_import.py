"""Importing partners' messy worker lists: what lands in the file, what is reported."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from bpu_desktop.reports.excel_import import import_file, plan_import, read_sheet
from bpu_desktop.reports.import_errors import ImportFileError
from bpu_desktop.store import member_import
from bpu_desktop.store.audit import history
from bpu_desktop.store.members import MemberQuery, MemberRepository
from bpu_desktop.store.progress import Cancelled, Progress

from .builders import TODAY, enrol, make_nik, new_store

HEADER = ["No", "No. KTP", "Nama Lengkap", "WA", "Kec.", "Desa", "Profesi", "Pendapatan",
          "Tgl Daftar", "Alamat"]


def _row(n: int, nik: object, name: str = "Budi Santoso", when: object = "02/03/2026",
         **kw: object) -> list[object]:
    return [n, nik, name, kw.get("phone", "081234567890"), kw.get("kec", "Laweyan"),
            kw.get("desa", "Pajang"), kw.get("job", "UMKM"), kw.get("income", "1.500.000"),
            when, kw.get("address", "Jl. Pajang 3")]


def _workbook(path: Path, rows: list[list[object]], *, title: bool = True) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data Pekerja"
    if title:
        ws.append(["DAFTAR PEKERJA PASAR KLEWER 2026"])
        ws.append([])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # user text that looks like a formula, not a formula
    wb.save(path)
    return path


@pytest.fixture()
def messy(tmp_path: Path) -> Path:
    return _workbook(tmp_path / "klewer.xlsx", [
        _row(1, make_nik(1), "BUDI SANTOSO"),                                   # row 4: text NIK
        _row(2, int(make_nik(2)), "siti aminah", when=datetime(2026, 3, 5)),    # int NIK, Excel date
        [None] * 10,                                                            # blank row 6
        _row(3, float(make_nik(3)), "Agus Salim", phone=81234567891),          # float NIK ok, numeric HP
        _row(4, float(make_nik(10)), "Dewi Lestari"),                           # float NIK ending 0
        _row(5, make_nik(11), "Rina Wati", when="31/02/2026"),                  # impossible date
        _row(6, make_nik(1), "Budi Kembar"),                                    # duplicate of row 4
        _row(7, make_nik(12), "Joko Widodo", kec="Atlantis"),                   # unknown kecamatan
        _row(8, make_nik(13), "Tono Sutono", address="=HYPERLINK(\"http://x\")"),  # risky text
    ])


def test_messy_file_imports_valid_rows_and_reports_the_rest(tmp_path: Path, messy: Path):
    store = new_store(tmp_path)
    result = import_file(store, messy, today=TODAY, error_workbook=tmp_path / "salah.xlsx")
    plan = result.plan
    assert plan.mapping.header_row == 2
    assert plan.blank_rows == 1
    assert plan.rows_read == 8
    assert result.inserted == 4
    repo = MemberRepository(store)
    assert repo.count(MemberQuery()) == 4
    siti = repo.find_by_nik(make_nik(2))
    assert siti is not None and siti.name == "Siti Aminah" and siti.enrolled_on == "2026-03-05"
    agus = repo.find_by_nik(make_nik(3))
    assert agus is not None and agus.phone.endswith("81234567891")
    tono = repo.find_by_nik(make_nik(13))
    assert tono is not None and tono.address == "=HYPERLINK(\"http://x\")"
    budi = repo.find_by_nik(make_nik(1))
    assert budi is not None and budi.name == "Budi Santoso"

    by_row = {(e.row, e.column): e.message for e in plan.errors}
    assert "format kolom NIK sebagai Teks (Text) di Excel" in by_row[(8, "No. KTP")]
    assert by_row[(9, "Tgl Daftar")] == "Tanggal 31/02/2026 tidak ada."
    assert (9, "Mulai bulan") not in by_row  # one message for one bad date
    assert by_row[(10, "No. KTP")] == f"NIK {make_nik(1)} sama dengan baris 4 di berkas ini."
    assert "Atlantis" in by_row[(11, "Kec.")]
    assert sorted({e.row for e in plan.errors}) == [8, 9, 10, 11]


def test_error_workbook_holds_original_rows_and_messages(tmp_path: Path, messy: Path):
    store = new_store(tmp_path)
    out = tmp_path / "salah.xlsx"
    import_file(store, messy, today=TODAY, error_workbook=out)
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == [*HEADER, "Kesalahan"]
    assert [r[2] for r in rows[1:]] == ["Dewi Lestari", "Rina Wati", "Budi Kembar", "Joko Widodo"]
    assert "Tgl Daftar: Tanggal 31/02/2026 tidak ada." in rows[2][-1]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    # Fixed and imported again, the rows go in.
    fixed = openpyxl.load_workbook(out)
    fws = fixed.active
    fws.delete_cols(len(HEADER) + 1)
    fws["B2"] = make_nik(10)  # NIK as text now
    fws["I3"] = "28/02/2026"
    fws.delete_rows(4, 2)
    fixed.save(tmp_path / "perbaikan.xlsx")
    again = import_file(store, tmp_path / "perbaikan.xlsx", today=TODAY)
    assert again.inserted == 2 and again.plan.bad_rows == []


def test_existing_members_are_reported_and_updated_only_when_asked(tmp_path: Path):
    store = new_store(tmp_path)
    enrol(store, 1, name="Budi Lama")
    path = _workbook(tmp_path / "daftar.xlsx", [_row(1, make_nik(1), "Budi Baru"),
                                                _row(2, make_nik(2), "Siti Aminah")])
    result = import_file(store, path, today=TODAY)
    assert (result.inserted, result.updated, len(result.plan.existing)) == (1, 0, 1)
    repo = MemberRepository(store)
    assert repo.find_by_nik(make_nik(1)).name == "Budi Lama"
    again = import_file(store, path, today=TODAY, update_existing=True)
    assert (again.inserted, again.updated) == (0, 1)  # Siti unchanged: no write
    assert repo.find_by_nik(make_nik(1)).name == "Budi Baru"


def test_updating_existing_members_keeps_their_enrolment(tmp_path: Path):
    """A partner's list corrects who a member is; the enrolment the monthly reports
    counted (its date, months paid, amount) stays as it was."""
    store = new_store(tmp_path)
    before = enrol(store, 1, name="Budi Lama", months_paid=3, phone="081234567800")
    path = _workbook(tmp_path / "daftar.xlsx", [
        _row(1, make_nik(1), "Budi Baru", when="20/03/2026", job="Ojek online",
             income="3.000.000", address="Jl. Baru 9")])
    result = import_file(store, path, today=TODAY, update_existing=True)
    assert (result.inserted, result.updated) == (0, 1)
    after = MemberRepository(store).get(before.id)
    assert (after.name, after.phone, after.address) == ("Budi Baru", "081234567890", "Jl. Baru 9")
    kept = ("enrolment_id", "enrolled_on", "segment", "income", "months_paid", "amount_paid",
            "paid_until")
    assert {k: getattr(after, k) for k in kept} == {k: getattr(before, k) for k in kept}


def test_dry_run_writes_nothing(tmp_path: Path, messy: Path):
    store = new_store(tmp_path)
    result = import_file(store, messy, today=TODAY, dry_run=True)
    assert len(result.plan.new) == 4 and result.inserted == 0
    assert MemberRepository(store).count(MemberQuery()) == 0


def test_import_is_audited_with_its_source(tmp_path: Path):
    store = new_store(tmp_path)
    path = _workbook(tmp_path / "paguyuban.xlsx", [_row(1, make_nik(1))], title=False)
    import_file(store, path, today=TODAY)
    member = MemberRepository(store).find_by_nik(make_nik(1))
    entries = history(store.conn, table="members", row_id=member.id)
    assert [(e.action, e.source, e.officer) for e in entries] == [
        ("insert", "import:paguyuban.xlsx", "Rina")]


def test_cancel_rolls_back_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    store = new_store(tmp_path)
    monkeypatch.setattr(member_import, "BATCH", 2)
    path = _workbook(tmp_path / "banyak.xlsx", [_row(i, make_nik(i)) for i in range(1, 11)])
    progress = Progress()
    progress.report = lambda done, total, text: (
        progress.cancel() if text == "Menyimpan peserta" else None)
    with pytest.raises(Cancelled):
        import_file(store, path, today=TODAY, progress=progress)
    assert MemberRepository(store).count(MemberQuery()) == 0
    assert store.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == 0


def test_unreadable_files_get_a_clear_message(tmp_path: Path):
    store = new_store(tmp_path)
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ImportFileError, match="tidak dapat dibaca"):
        read_sheet(bad)
    with pytest.raises(ImportFileError, match="bukan berkas Excel"):
        read_sheet(tmp_path / "data.db")
    no_header = tmp_path / "kosong.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["apa", "ini"])
    wb.save(no_header)
    with pytest.raises(ImportFileError, match="Baris judul kolom tidak ditemukan"):
        plan_import(store, read_sheet(no_header))
    with pytest.raises(ImportFileError, match="Lembar 'X' tidak ada"):
        read_sheet(no_header, "X")


def test_excel_serial_date_in_a_plain_number_cell(tmp_path: Path):
    store = new_store(tmp_path)
    path = _workbook(tmp_path / "serial.xlsx", [_row(1, make_nik(1), when=46082)])  # 2026-03-01
    result = import_file(store, path, today=TODAY)
    assert result.inserted == 1
    assert MemberRepository(store).find_by_nik(make_nik(1)).enrolled_on == "2026-03-01"


def test_birth_date_and_sex_columns_must_agree_with_the_nik(tmp_path: Path):
    store = new_store(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([*HEADER, "Tanggal Lahir", "L/P"])
    ws.append([*_row(1, make_nik(1), "Tgl beda dgn NIK"), "15/05/1940", "L"])
    ws.append([*_row(2, make_nik(2), "Sama Semua"), datetime(1990, 5, 15), "L"])
    ws.append([*_row(3, make_nik(3), "Kelamin Beda"), "15/05/1990", "P"])
    ws.append([*_row(4, make_nik(4), "dewi McKenzie"), None, None])
    wb.save(tmp_path / "lahir.xlsx")
    out = tmp_path / "salah.xlsx"
    result = import_file(store, tmp_path / "lahir.xlsx", today=TODAY, error_workbook=out)
    by_row = {(e.row, e.column): e.message for e in result.plan.errors}
    assert by_row == {
        (2, "Tanggal Lahir"): "Tanggal lahir di kolom (15/05/1940) berbeda dengan tanggal "
                              "lahir di NIK (15/05/1990); periksa NIK.",
        (4, "L/P"): "Jenis kelamin di kolom (P) berbeda dengan jenis kelamin di NIK (L); "
                    "periksa NIK.",
    }
    assert result.inserted == 2
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert [r[2] for r in rows[1:]] == ["Tgl beda dgn NIK", "Kelamin Beda"]
    repo = MemberRepository(store)
    assert repo.find_by_nik(make_nik(4)).name == "Dewi McKenzie"  # inner capital kept


def test_error_workbook_writes_nik_and_phone_as_text(tmp_path: Path):
    store = new_store(tmp_path)
    float_nik = float(make_nik(10))  # a number cell: the 16th digit cannot be trusted
    path = _workbook(tmp_path / "angka.xlsx", [
        _row(1, float_nik, "Dewi Lestari", phone=81234567891),
        _row(2, make_nik(2), "Siti Aminah", phone=81234567892, kec="Atlantis"),
    ])
    out = tmp_path / "salah.xlsx"
    import_file(store, path, today=TODAY, error_workbook=out)
    ws = openpyxl.load_workbook(out).active
    assert [(c.value, c.data_type) for c in ws["B"][1:]] == [(make_nik(10), "s"), (make_nik(2), "s")]
    assert [(c.value, c.data_type) for c in ws["D"][1:]] == [("81234567891", "s"),
                                                             ("81234567892", "s")]
    assert "format kolom NIK sebagai Teks (Text) di Excel" in ws["K2"].value


def test_a_formula_cell_is_named_not_called_empty(tmp_path: Path):
    store = new_store(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(_row(1, make_nik(1), "Budi Santoso", desa="=Pajang"))  # a real formula cell
    wb.save(tmp_path / "rumus.xlsx")
    out = tmp_path / "salah.xlsx"
    result = import_file(store, tmp_path / "rumus.xlsx", today=TODAY, error_workbook=out)
    assert [e.text() for e in result.plan.errors] == [
        "Baris 2, kolom Desa: Kelurahan/Desa '=Pajang' tidak dikenal: sel berisi rumus, "
        "ketik isinya tanpa tanda =."]
    ws = openpyxl.load_workbook(out).active
    assert ws["F2"].value == "=Pajang" and ws["F2"].data_type == "s"


def test_an_occupation_typed_short_is_matched_or_its_choices_listed(tmp_path: Path):
    store = new_store(tmp_path)
    path = _workbook(tmp_path / "pasar.xlsx", [_row(1, make_nik(1), job="pedagang"),
                                               _row(2, make_nik(2), job="Buruh")])
    result = import_file(store, path, today=TODAY)
    assert result.inserted == 1
    trader = MemberRepository(store).find_by_nik(make_nik(1))
    assert trader is not None and trader.segment == "pedagang_pasar"
    assert [e.text() for e in result.plan.errors] == [
        "Baris 5, kolom Profesi: Pekerjaan 'Buruh' bisa berarti beberapa pekerjaan: "
        "Buruh harian lepas, Buruh tani tembakau. Tulis lebih lengkap."]


def test_error_workbook_dates_are_excel_dates_shown_the_indonesian_way(tmp_path: Path):
    from datetime import date

    from bpu_desktop.reports.excel_style import DATE_FORMAT

    store = new_store(tmp_path)
    path = _workbook(tmp_path / "tanggal.xlsx", [
        _row(1, make_nik(1), "Budi Santoso", when=datetime(2026, 3, 5), kec="Atlantis"),
        _row(2, make_nik(2), "Siti Aminah", when=46086, kec="Atlantis"),  # serial, no format
        _row(3, make_nik(3), "Agus Salim", when="31/02/2026"),  # typed text stays as typed
    ])
    out = tmp_path / "salah.xlsx"
    import_file(store, path, today=TODAY, error_workbook=out)
    ws = openpyxl.load_workbook(out).active
    when = [ws.cell(row, HEADER.index("Tgl Daftar") + 1) for row in (2, 3, 4)]
    assert [c.value for c in when[:2]] == [datetime(2026, 3, 5)] * 2
    assert all(c.is_date and c.number_format == DATE_FORMAT == "dd/mm/yyyy" for c in when[:2])
    assert (when[2].value, when[2].data_type) == ("31/02/2026", "s")

    # The officer corrects the kecamatan and the date and imports the workbook again.
    for row in (2, 3):
        ws.cell(row, HEADER.index("Kec.") + 1).value = "Laweyan"
    ws.cell(4, HEADER.index("Tgl Daftar") + 1).value = "28/02/2026"
    wb = ws.parent
    wb.save(out)
    again = import_file(store, out, today=TODAY)
    assert again.plan.bad_rows == [] and again.inserted == 3
    repo = MemberRepository(store)
    found = [repo.find_by_nik(make_nik(i)) for i in (1, 2, 3)]
    assert [m.enrolled_on if m else None for m in found] == [
        date(2026, 3, 5).isoformat(), "2026-03-05", "2026-02-28"]
