"""Impor dari Excel as a supervisor does it: file, mapping, preview, import, errors, Cancel."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt

from bpu_desktop.store import member_import
from bpu_desktop.store.members import MemberQuery, MemberRepository
from bpu_desktop.ui.context import AppContext
from bpu_desktop.ui.import_dialog import NOT_IMPORTED, ImportDialog
from bpu_desktop.ui.signals import AppSignals
from tests.reports.builders import make_nik, new_store
from tests.ui.cancel_helper import press_cancel_now

from .conftest import answer_questions

HEADER = ["Nomor KTP", "Nama", "Telepon", "Kecamatan", "Kelurahan", "Pekerjaan", "Pendapatan kotor",
          "Tanggal daftar"]


def _file(path: Path, n: int, *, bad: int = 0) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Daftar anggota paguyuban ojol"])
    ws.append(HEADER)
    for i in range(1, n + 1):
        ws.append([make_nik(i), "Budi Santoso", "081234567890", "Laweyan", "Pajang", "Ojol",
                   "2.000.000", "02/03/2026"])
    for i in range(bad):
        ws.append([make_nik(9000 + i), "Salah Tanggal", "081234567890", "Laweyan", "Pajang",
                   "Ojol", "2.000.000", "32/03/2026"])
    wb.save(path)
    return path


@pytest.fixture()
def ctx(tmp_path: Path) -> AppContext:
    store = new_store(tmp_path)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppContext(store=store, signals=AppSignals(), settings=settings)


def _dialog(qtbot, ctx: AppContext, path: Path, monkeypatch) -> ImportDialog:
    monkeypatch.setattr(ImportDialog, "ask_open_path", classmethod(lambda cls, p: str(path)))
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.findChild(type(dialog.preview_button), "importBrowse"),
                     Qt.MouseButton.LeftButton)
    return dialog


def test_mapping_preview_import_and_error_workbook(qtbot, ctx, tmp_path, monkeypatch):
    path = _file(tmp_path / "ojol.xlsx", 3, bad=1)
    dialog = _dialog(qtbot, ctx, path, monkeypatch)
    assert dialog.findChild(type(dialog.sheet), "importSheet").currentText() == "Sheet"
    nik_combo = dialog.findChild(type(dialog.sheet), "mapping_nik")
    assert nik_combo.currentText() == "Nomor KTP"
    income = dialog.findChild(type(dialog.sheet), "mapping_income")
    assert income.currentText() == NOT_IMPORTED  # an unknown header: the user picks it
    income.setCurrentIndex(income.findText("Pendapatan kotor"))
    assert income.currentText() == "Pendapatan kotor"
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "pemeriksaan saja" in dialog.summary.text(), timeout=20_000)
    assert "3 peserta baru" in dialog.summary.text() and "1 bermasalah" in dialog.summary.text()
    assert MemberRepository(ctx.store).count(MemberQuery()) == 0

    seen = []
    ctx.signals.members_changed.connect(lambda: seen.append(True))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Tersimpan" in dialog.summary.text(), timeout=20_000)
    assert "Tersimpan: 3 peserta baru" in dialog.summary.text()
    assert dialog.summary.property("role") == "warning"  # saved, one row refused: not red
    assert MemberRepository(ctx.store).count(MemberQuery()) == 3 and seen
    errors = dialog.findChild(type(dialog.errors), "importErrors")
    assert errors.rowCount() == 1
    assert [errors.item(0, c).text() for c in range(2)] == ["6", "Tanggal daftar"]
    assert "32/03/2026" in errors.item(0, 2).text()

    out = tmp_path / "perbaiki.xlsx"
    monkeypatch.setattr(ImportDialog, "ask_save_path", classmethod(lambda cls, p, s: str(out)))
    qtbot.mouseClick(dialog.save_errors, Qt.MouseButton.LeftButton)
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][-1] == "Kesalahan" and rows[1][1] == "Salah Tanggal"


def test_required_column_unmapped_disables_import(qtbot, ctx, tmp_path, monkeypatch):
    dialog = _dialog(qtbot, ctx, _file(tmp_path / "a.xlsx", 1), monkeypatch)
    assert dialog.import_button.isEnabled()
    dialog.combos["nik"].setCurrentIndex(0)
    assert not dialog.import_button.isEnabled()


def test_existing_members_updated_only_with_the_checkbox(qtbot, ctx, tmp_path, monkeypatch):
    path = _file(tmp_path / "a.xlsx", 2)
    dialog = _dialog(qtbot, ctx, path, monkeypatch)
    dialog.combos["income"].setCurrentIndex(dialog.combos["income"].findText("Pendapatan kotor"))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Tersimpan" in dialog.summary.text(), timeout=20_000)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "2 sudah terdaftar" in dialog.summary.text(), timeout=20_000)
    assert "tidak diubah" in dialog.summary.text()


def test_cancel_leaves_the_file_unchanged(qtbot, ctx, tmp_path, monkeypatch):
    monkeypatch.setattr(member_import, "BATCH", 5)
    dialog = _dialog(qtbot, ctx, _file(tmp_path / "b.xlsx", 40), monkeypatch)
    dialog.combos["income"].setCurrentIndex(dialog.combos["income"].findText("Pendapatan kotor"))
    press_cancel_now(qtbot, monkeypatch, lambda: dialog.task,
                     lambda: qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton),
                     when="Menyimpan")
    qtbot.waitUntil(lambda: "Dibatalkan" in dialog.summary.text(), timeout=20_000)
    assert MemberRepository(ctx.store).count(MemberQuery()) == 0
    assert dialog.import_button.isEnabled()


def test_unreadable_file_shows_a_message(qtbot, ctx, tmp_path, monkeypatch):
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"bukan excel")
    dialog = _dialog(qtbot, ctx, bad, monkeypatch)
    assert "tidak dapat dibaca" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()


def test_samples_read_as_in_excel_and_counts_have_thousands_dots(qtbot, ctx, tmp_path,
                                                                 monkeypatch):
    from datetime import datetime

    from bpu_desktop.reports.column_mapping import IMPORT_FIELDS

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["NIK", "Nama", "No HP", "Kecamatan", "Kelurahan", "Pekerjaan", "Penghasilan",
               "Tanggal daftar"])
    for i in range(1, 1001):
        ws.append([make_nik(i), "Budi Santoso", "081234567890", "Laweyan", "Pajang", "Ojol",
                   1500000.0, datetime(2026, 3, 2)])
    wb.save(tmp_path / "seribu.xlsx")
    dialog = _dialog(qtbot, ctx, tmp_path / "seribu.xlsx", monkeypatch)
    table = dialog.mapping_table
    sample = {name: table.item(row, 2).text() for row, name in enumerate(IMPORT_FIELDS)}
    assert sample["income"] == "1500000" and sample["enrolled_on"] == "02/03/2026"
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "pemeriksaan saja" in dialog.summary.text(), timeout=20_000)
    assert dialog.summary.text().startswith("1.000 baris data: 1.000 peserta baru, ")


def test_merged_cells_filled_down_are_named_in_the_summary(qtbot, ctx, tmp_path, monkeypatch):
    path = _file(tmp_path / "gabung.xlsx", 3)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["D4"] = None
    ws["D5"] = None
    ws.merge_cells("D3:D5")  # Kecamatan typed once for the three workers
    wb.save(path)
    dialog = _dialog(qtbot, ctx, path, monkeypatch)
    income = dialog.findChild(type(dialog.sheet), "mapping_income")
    income.setCurrentIndex(income.findText("Pendapatan kotor"))
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "pemeriksaan saja" in dialog.summary.text(), timeout=20_000)
    text = dialog.summary.text()
    assert "3 peserta baru" in text and "0 bermasalah" in text
    assert "Sel gabungan diisi ke semua barisnya: Kecamatan baris 3-5." in text


def test_saving_the_bad_rows_keeps_the_import_summary(qtbot, ctx, tmp_path, monkeypatch):
    dialog = _dialog(qtbot, ctx, _file(tmp_path / "c.xlsx", 2, bad=1), monkeypatch)
    dialog.combos["income"].setCurrentIndex(dialog.combos["income"].findText("Pendapatan kotor"))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Tersimpan" in dialog.summary.text(), timeout=20_000)
    result = dialog.summary.text()
    assert "Tersimpan: 2 peserta baru" in result and "1 bermasalah" in result

    out = tmp_path / "perbaiki.xlsx"
    monkeypatch.setattr(ImportDialog, "ask_save_path", classmethod(lambda cls, p, s: str(out)))
    answer_questions(monkeypatch, "Timpa")  # the second save writes over the first
    for _ in range(2):  # saved again: the notice is not repeated
        qtbot.mouseClick(dialog.save_errors, Qt.MouseButton.LeftButton)
        assert dialog.summary.text() == f"{result}\n1 baris bermasalah disimpan ke {out}."
    assert dialog.summary.property("role") == "warning"  # still the import's colour
    assert out.exists()

    missing = tmp_path / "tidak-ada" / "x.xlsx"
    monkeypatch.setattr(ImportDialog, "ask_save_path",
                        classmethod(lambda cls, p, s: str(missing)))
    qtbot.mouseClick(dialog.save_errors, Qt.MouseButton.LeftButton)
    first, second = dialog.summary.text().split("\n")
    assert first == result
    assert second == "Berkas tidak dapat ditulis: berkas atau foldernya tidak ada."


def test_partner_spellings_of_headers_are_picked_in_the_boxes(qtbot, ctx, tmp_path,
                                                              monkeypatch):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No", "NIK", "Nama (sesuai KTP)", "No HP/WA", "Kec.", "Desa/Kel", "Pekerjaan",
               "Penghasilan (Rp)", "Tgl Lahir", "Jenis Kelamin (L/P)"])
    ws.append([1, make_nik(1), "Budi Santoso", "081234567890", "Laweyan", "Pajang", "UMKM",
               1500000, "15/05/1990", "L"])
    wb.save(tmp_path / "desa.xlsx")
    dialog = _dialog(qtbot, ctx, tmp_path / "desa.xlsx", monkeypatch)
    shown = {name: dialog.findChild(type(dialog.sheet), f"mapping_{name}").currentText()
             for name in ("phone", "kelurahan", "income", "birth_date", "sex")}
    assert shown == {"phone": "No HP/WA", "kelurahan": "Desa/Kel", "income": "Penghasilan (Rp)",
                     "birth_date": "Tgl Lahir", "sex": "Jenis Kelamin (L/P)"}
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Tersimpan" in dialog.summary.text(), timeout=20_000)
    assert "Tersimpan: 1 peserta baru" in dialog.summary.text()


def test_a_total_row_is_named_in_the_summary_not_listed_as_an_error(qtbot, ctx, tmp_path,
                                                                    monkeypatch):
    path = _file(tmp_path / "jumlah.xlsx", 2)
    wb = openpyxl.load_workbook(path)
    wb.active.append(["JUMLAH", None, None, None, None, None, "4.000.000"])
    wb.save(path)
    dialog = _dialog(qtbot, ctx, path, monkeypatch)
    dialog.combos["income"].setCurrentIndex(dialog.combos["income"].findText("Pendapatan kotor"))
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "pemeriksaan saja" in dialog.summary.text(), timeout=20_000)
    text = dialog.summary.text()
    assert "2 peserta baru" in text and "0 bermasalah" in text
    assert "Baris jumlah/total dilewati (bukan data peserta): baris 5." in text
    assert dialog.errors.rowCount() == 0 and not dialog.save_errors.isEnabled()


def test_a_wonogiri_list_says_which_desa_it_adds(qtbot, ctx, tmp_path, monkeypatch):
    from bpu_desktop.store.reference import kelurahan_by_kecamatan

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["NIK", "Nama", "No HP", "Kecamatan", "Desa", "Pekerjaan", "Penghasilan"])
    for i, (kec, desa) in enumerate([("Pracimantoro", "Sumberagung"),
                                     ("Wonogiri", "Giritirto")], start=1):
        ws.append([make_nik(i), "Budi Santoso", "081234567890", kec, desa, "Petani", 1500000])
    wb.save(tmp_path / "wng.xlsx")
    dialog = _dialog(qtbot, ctx, tmp_path / "wng.xlsx", monkeypatch)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "pemeriksaan saja" in dialog.summary.text(), timeout=20_000)
    assert ("2 desa baru akan ditambahkan ke daftar: Sumberagung (Pracimantoro), "
            "Giritirto (Wonogiri).") in dialog.summary.text()
    assert "33.12.01" not in kelurahan_by_kecamatan(ctx.store)

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Tersimpan" in dialog.summary.text(), timeout=20_000)
    text = dialog.summary.text()
    assert "2 peserta baru" in text and "0 bermasalah" in text
    assert ("2 desa baru ditambahkan ke daftar: Sumberagung (Pracimantoro), "
            "Giritirto (Wonogiri).") in text
    assert kelurahan_by_kecamatan(ctx.store)["33.12.01"] == ["Sumberagung"]


def test_a_two_row_header_with_column_numbers(qtbot, ctx, tmp_path, monkeypatch):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["DAFTAR PEKERJA BPU KELURAHAN PAJANG"])
    ws.append(["NO", "NIK", "NAMA", "ALAMAT", None, "PEKERJAAN", "PENGHASILAN", "NO HP"])
    ws.append([None, None, None, "KELURAHAN", "KECAMATAN", None, None, None])
    ws.merge_cells("D2:E2")
    for col in "ABCFGH":
        ws.merge_cells(f"{col}2:{col}3")
    ws.append(list(range(1, 9)))
    for i in (1, 2):
        ws.append([i, make_nik(i), "Budi Santoso", "Pajang", "Laweyan", "UMKM", 1500000,
                   "081234567890"])
    wb.save(tmp_path / "form.xlsx")
    dialog = _dialog(qtbot, ctx, tmp_path / "form.xlsx", monkeypatch)
    assert dialog.summary.text().startswith(
        "Baris judul: baris 2-3 (baris 4 berisi nomor kolom, dilewati).")
    assert dialog.combos["kelurahan"].currentText() == "KELURAHAN"
    assert dialog.combos["kecamatan"].currentText() == "KECAMATAN"
    assert dialog.mapping_table.item(0, 2).text() == make_nik(1)  # the first person's
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Tersimpan" in dialog.summary.text(), timeout=20_000)
    assert dialog.summary.text().startswith("2 baris data: 2 peserta baru, 0 sudah terdaftar, "
                                            "0 bermasalah.")


def test_an_empty_first_sheet_opens_on_the_sheet_with_the_list(qtbot, ctx, tmp_path,
                                                               monkeypatch):
    path = _file(tmp_path / "lembar.xlsx", 1)
    wb = openpyxl.load_workbook(path)
    wb.active.title = "Data"
    wb.create_sheet("Petunjuk", 0)  # an empty sheet in front
    wb.save(path)
    dialog = _dialog(qtbot, ctx, path, monkeypatch)
    assert dialog.sheet.currentText() == "Data"
    assert dialog.summary.text().startswith(
        "Lembar Petunjuk kosong; yang dibaca lembar 'Data'. Baris judul: baris 2.")
    assert dialog.combos["nik"].currentText() == "Nomor KTP"
    dialog.sheet.setCurrentText("Petunjuk")  # still there to pick
    assert dialog.summary.text() == (
        "Baris judul kolom NIK dan Nama tidak ditemukan di lembar 'Petunjuk'. Lembar yang ada: "
        "Petunjuk, Data; pilih lembarnya di kotak Lembar, atau pilih kolomnya sendiri.")


def test_a_short_list_updates_phones_with_perbarui_data_diri(qtbot, ctx, tmp_path, monkeypatch):
    """NIK | Nama | No HP for enrolled members: with the box ticked the phones change, and
    no row is called bad for the columns the list does not have."""
    dialog = _dialog(qtbot, ctx, _file(tmp_path / "a.xlsx", 2), monkeypatch)
    dialog.combos["income"].setCurrentIndex(dialog.combos["income"].findText("Pendapatan kotor"))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Tersimpan" in dialog.summary.text(), timeout=20_000)
    wb = openpyxl.Workbook()
    wb.active.append(["NIK", "Nama", "No HP"])
    wb.active.append([make_nik(1), "Budi Santoso", "081299990001"])
    wb.active.append([make_nik(2), "Budi Santoso", "081299990002"])
    wb.save(tmp_path / "hp_update.xlsx")
    dialog = _dialog(qtbot, ctx, tmp_path / "hp_update.xlsx", monkeypatch)
    box = dialog.findChild(type(dialog.update_existing), "importUpdateExisting")
    assert "sel kosong tidak mengubah" in box.text()
    box.setChecked(True)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Tersimpan" in dialog.summary.text(), timeout=20_000)
    assert "2 sudah terdaftar, 0 bermasalah" in dialog.summary.text()
    repo = MemberRepository(ctx.store)
    assert [repo.find_by_nik(make_nik(i)).phone for i in (1, 2)] == ["081299990001",
                                                                     "081299990002"]
