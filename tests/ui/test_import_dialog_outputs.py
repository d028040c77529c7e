"""Impor dari Excel: the saved bad rows never replace a workbook unasked (h-53 item 3),
and the sheet holding the list is opened (h-53 item 10)."""

from __future__ import annotations

import openpyxl
from PySide6.QtCore import Qt

from bpu_desktop.ui.import_dialog import NOT_IMPORTED, ImportDialog
from tests.reports.builders import workbook_with_sheets
from tests.ui.test_import_dialog import _dialog, _file, ctx  # noqa: F401 (fixture)

from .conftest import answer_questions


def _checked(qtbot, dialog: ImportDialog) -> None:
    dialog.combos["income"].setCurrentIndex(dialog.combos["income"].findText("Pendapatan kotor"))
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "pemeriksaan saja" in dialog.summary.text(), timeout=20_000)


def test_saving_over_an_existing_workbook_asks_first(qtbot, ctx, tmp_path,  # noqa: F811
                                                     monkeypatch):
    src = _file(tmp_path / "ojol.xlsx", 1, bad=1)
    earlier = tmp_path / "ojol-kesalahan.xlsx"
    earlier.write_bytes(b"perbaikan petugas")
    dialog = _dialog(qtbot, ctx, src, monkeypatch)
    _checked(qtbot, dialog)
    summary = dialog.summary.text()

    suggested: list[str] = []

    def ask(cls, parent, s):  # type: ignore[no-untyped-def]
        suggested.append(s)
        return str(tmp_path / "ojol-kesalahan")  # typed without .xlsx: the dialog can't tell
    monkeypatch.setattr(ImportDialog, "ask_save_path", classmethod(ask))
    asked = answer_questions(monkeypatch, None)  # Batal
    qtbot.mouseClick(dialog.save_errors, Qt.MouseButton.LeftButton)
    assert suggested == [str(tmp_path / "ojol-kesalahan-2.xlsx")]  # a free name offered
    assert [(t, o) for t, _, o in asked] == [("Timpa berkas?", ("Timpa",))]
    assert "ojol-kesalahan.xlsx sudah ada" in asked[0][1]
    assert earlier.read_bytes() == b"perbaikan petugas"
    assert dialog.summary.text() == (f"{summary}\nTidak disimpan: ojol-kesalahan.xlsx yang "
                                     "sudah ada tidak diubah.")

    answer_questions(monkeypatch, "Timpa")
    qtbot.mouseClick(dialog.save_errors, Qt.MouseButton.LeftButton)
    rows = list(openpyxl.load_workbook(earlier).active.iter_rows(values_only=True))
    assert rows[1][1] == "Salah Tanggal"


def test_a_new_name_is_saved_without_a_question(qtbot, ctx, tmp_path,  # noqa: F811
                                                monkeypatch):
    dialog = _dialog(qtbot, ctx, _file(tmp_path / "ojol.xlsx", 1, bad=1), monkeypatch)
    _checked(qtbot, dialog)
    out = tmp_path / "baru.xlsx"
    monkeypatch.setattr(ImportDialog, "ask_save_path", classmethod(lambda cls, p, s: str(out)))
    asked = answer_questions(monkeypatch, None)
    qtbot.mouseClick(dialog.save_errors, Qt.MouseButton.LeftButton)
    assert asked == [] and out.exists()



def test_the_sheet_with_the_list_is_opened_and_named(qtbot, ctx, tmp_path,  # noqa: F811
                                                     monkeypatch):
    listed = openpyxl.load_workbook(_file(tmp_path / "ojol.xlsx", 2)).active
    rows = [list(r) for r in listed.iter_rows(values_only=True)]
    path = workbook_with_sheets(tmp_path / "wng.xlsx",
                                {"Rekap": [["Rekap jumlah", 5]], "Data Peserta": rows})
    dialog = _dialog(qtbot, ctx, path, monkeypatch)
    assert dialog.sheet.currentText() == "Data Peserta"
    assert dialog.combos["nik"].currentText() == "Nomor KTP"
    assert dialog.summary.text().startswith(
        "Lembar Rekap tanpa judul kolom NIK dan Nama; yang dibaca lembar 'Data Peserta'. "
        "Baris judul: baris 2.")
    dialog.sheet.setCurrentText("Rekap")  # chosen by hand: read as chosen
    assert dialog.combos["nik"].currentText() == NOT_IMPORTED
    assert dialog.summary.text() == (
        "Baris judul kolom NIK dan Nama tidak ditemukan di lembar 'Rekap'. Lembar yang ada: "
        "Rekap, Data Peserta; pilih lembarnya di kotak Lembar, atau pilih kolomnya sendiri.")


def test_no_sheet_with_the_header_names_the_sheets(qtbot, ctx, tmp_path,  # noqa: F811
                                                   monkeypatch):
    path = workbook_with_sheets(tmp_path / "x.xlsx", {"Sampul": [["Daftar"]], "Catatan": [["isi"]]})
    dialog = _dialog(qtbot, ctx, path, monkeypatch)
    assert dialog.sheet.currentText() == "Sampul"
    assert dialog.summary.text() == (
        "Baris judul kolom NIK dan Nama tidak ditemukan di lembar mana pun. Lembar yang ada: "
        "Sampul, Catatan; pilih lembarnya di kotak Lembar, atau pilih kolomnya sendiri.")
    assert not dialog.import_button.isEnabled()
