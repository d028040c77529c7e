"""The Laporan page's export: month, mask, file, progress and Cancel, as a supervisor uses it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt

from bpu_desktop.ui import export_dialog
from bpu_desktop.ui.context import AppContext
from bpu_desktop.ui.export_dialog import ExportDialog, ExportForm
from bpu_desktop.ui.laporan_page import create_page
from bpu_desktop.ui.signals import AppSignals
from tests.reports.builders import enrol, make_nik, new_store
from tests.ui.cancel_helper import press_cancel_now


@pytest.fixture()
def ctx(tmp_path: Path, qtbot) -> AppContext:
    store = new_store(tmp_path)
    for i in range(1, 4):
        enrol(store, i, enrolled_on=date(2026, 3, 2))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppContext(store=store, signals=AppSignals(), settings=settings)


def _form(qtbot, ctx: AppContext) -> ExportForm:
    form = ExportForm(ctx, today=date(2026, 4, 10))
    qtbot.addWidget(form)
    return form


def test_month_picker_offers_no_month_after_the_current_one(qtbot, ctx: AppContext):
    """A month not yet begun is refused by the report (h-53: December's Tindak Lanjut filled
    with November's arrears); the picker never offers one."""
    form = _form(qtbot, ctx)
    months = [form.month.itemData(i) for i in range(form.month.count())]
    assert months[0] == date(2026, 4, 1) == max(months)


def test_export_with_masked_nik(qtbot, ctx: AppContext, tmp_path: Path, monkeypatch):
    form = _form(qtbot, ctx)
    out = tmp_path / "maret.xlsx"
    monkeypatch.setattr(ExportForm, "ask_path", classmethod(lambda cls, p, s: str(out)))
    combo = form.findChild(type(form.month), "exportMonth")
    combo.setCurrentIndex(combo.findText("Maret 2026"))
    qtbot.mouseClick(form.findChild(type(form.button), "exportBrowse"), Qt.MouseButton.LeftButton)
    assert form.path.text() == str(out)
    form.findChild(type(form.mask), "exportMaskNik").setChecked(True)
    with qtbot.waitSignal(form.exported, timeout=20_000) as blocker:
        qtbot.mouseClick(form.findChild(type(form.button), "exportButton"),
                         Qt.MouseButton.LeftButton)
    assert blocker.args[0].new_members == 3
    assert "Maret 2026 disimpan" in form.message.text()
    ws = openpyxl.load_workbook(out)["Peserta Baru"]
    niks = [r[1].value for r in ws.iter_rows(min_row=5) if isinstance(r[0].value, int)]
    assert niks and all("********" in n for n in niks)
    assert make_nik(1) not in niks
    again = _form(qtbot, ctx)  # the next export suggests the same folder
    assert Path(again.path.text()).parent == tmp_path


def test_cancel_leaves_no_file(qtbot, ctx: AppContext, tmp_path: Path, monkeypatch):
    form = _form(qtbot, ctx)
    out = tmp_path / "batal.xlsx"
    form.path.setText(str(out))
    form.month.setCurrentIndex(form.month.findText("Maret 2026"))
    press_cancel_now(qtbot, monkeypatch, lambda: form.task,
                     lambda: qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton))
    qtbot.waitUntil(lambda: "dibatalkan" in form.message.text(), timeout=20_000)
    assert not out.exists()
    assert [p for p in tmp_path.iterdir() if ".part" in p.name] == []
    assert form.button.isEnabled()


def test_refuses_a_path_that_is_not_xlsx(qtbot, ctx: AppContext, tmp_path: Path):
    form = _form(qtbot, ctx)
    form.path.setText(str(tmp_path / "rekap.pdf"))
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert form.message.text() == "Pilih lokasi berkas .xlsx untuk rekap."
    assert form.task is None


def test_laporan_page_hides_merge_until_its_module_exists(qtbot, ctx: AppContext, monkeypatch):
    page = create_page(ctx)
    qtbot.addWidget(page)
    merge_box = page.findChild(type(page.merge_box), "mergeBox")
    from bpu_desktop.ui import laporan_page
    assert merge_box.isHidden() == (not laporan_page.merge_available())
    assert page.findChild(type(page.import_button), "openImport") is not None
    assert page.findChild(ExportForm, "exportForm") is not None


def test_export_dialog_opens_the_same_form(qtbot, ctx: AppContext, monkeypatch):
    seen = []
    monkeypatch.setattr(ExportDialog, "exec", lambda self: seen.append(self.form) or 0)
    ExportDialog.run(ctx, None)
    assert isinstance(seen[0], export_dialog.ExportForm)


def test_changing_month_keeps_a_typed_file_name(qtbot, ctx: AppContext, tmp_path: Path):
    form = _form(qtbot, ctx)
    typed = str(tmp_path / "rekap-gui.xlsx")
    form.path.clear()
    qtbot.keyClicks(form.path, typed)
    form.month.setCurrentIndex(form.month.findText("Maret 2026"))
    assert form.path.text() == typed


def test_changing_month_updates_the_automatic_name(qtbot, ctx: AppContext, tmp_path: Path):
    form = _form(qtbot, ctx)
    assert form.path.text().endswith("rekap-bpu-2026-04.xlsx")
    form.month.setCurrentIndex(form.month.findText("Maret 2026"))
    assert form.path.text().endswith("rekap-bpu-2026-03.xlsx")


@pytest.mark.parametrize(("error", "shown"), [
    (FileNotFoundError(2, "No such file or directory"),
     "Berkas tidak dapat ditulis: berkas atau foldernya tidak ada."),
    (IsADirectoryError(21, "Is a directory"),
     "Berkas tidak dapat ditulis: nama itu adalah folder, bukan berkas."),
    (PermissionError(13, "Permission denied"), "Berkas tidak dapat ditulis: tidak punya izin."),
])
def test_os_errors_are_shown_in_indonesian_beside_the_form(
    qtbot, ctx: AppContext, tmp_path: Path, monkeypatch, error: OSError, shown: str,
):
    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(export_dialog, "export_month", fail)
    form = _form(qtbot, ctx)
    form.path.setText(str(tmp_path / "rekap.xlsx"))
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.button.isEnabled(), timeout=10_000)
    assert form.message.text() == shown
    assert form.message.property("role") == "error"


def test_a_damaged_file_is_shown_beside_the_form(qtbot, ctx: AppContext, tmp_path: Path,
                                                 monkeypatch):
    import sqlite3

    def fail(*args, **kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(export_dialog, "export_month", fail)
    form = _form(qtbot, ctx)
    form.path.setText(str(tmp_path / "rekap.xlsx"))
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.button.isEnabled(), timeout=10_000)
    assert form.message.text() == "Berkas data rusak. Pulihkan dari cadangan (Pengaturan → Cadangan)."


def test_masking_nik_is_in_the_suggested_name(qtbot, ctx: AppContext):
    form = _form(qtbot, ctx)
    form.month.setCurrentIndex(form.month.findText("Maret 2026"))
    form.mask.setChecked(True)
    assert form.path.text().endswith("rekap-bpu-2026-03-nik-disamarkan.xlsx")
    form.month.setCurrentIndex(form.month.findText("Februari 2026"))
    assert form.path.text().endswith("rekap-bpu-2026-02-nik-disamarkan.xlsx")
    form.mask.setChecked(False)
    assert form.path.text().endswith("rekap-bpu-2026-02.xlsx")


def test_writing_over_an_existing_file_asks_first(qtbot, ctx: AppContext, tmp_path: Path,
                                                  monkeypatch):
    from tests.ui.conftest import answer_questions

    out = tmp_path / "rekap.xlsx"
    out.write_bytes(b"rekap lama yang sudah dikirim")
    form = _form(qtbot, ctx)
    form.month.setCurrentIndex(form.month.findText("Maret 2026"))
    form.path.setText(str(out))
    asked = answer_questions(monkeypatch, None)  # Batal
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    title, text, options = asked[0]
    assert title == "Timpa berkas?"
    assert options == ("Timpa",)
    assert "rekap.xlsx sudah ada" in text
    assert form.task is None
    assert out.read_bytes() == b"rekap lama yang sudah dikirim"
    assert form.message.text() == "Tidak diekspor: rekap.xlsx yang sudah ada tidak diubah."

    answer_questions(monkeypatch, "Timpa")
    with qtbot.waitSignal(form.exported, timeout=20_000):
        qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert openpyxl.load_workbook(out)["Peserta Baru"] is not None


def test_a_folder_is_not_a_report_file(qtbot, ctx: AppContext, tmp_path: Path):
    folder = tmp_path / "rekap.xlsx"
    folder.mkdir()
    form = _form(qtbot, ctx)
    form.path.setText(str(folder))
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert form.message.text() == f"{folder} adalah folder; pilih nama berkas .xlsx."
    assert form.task is None


def test_the_file_dialog_leaves_the_overwrite_question_to_us(qtbot, ctx: AppContext,
                                                             monkeypatch):
    """Qt's own question would be in English and asked a second time."""
    from PySide6.QtWidgets import QFileDialog

    seen = {}

    def fake(parent, caption, directory, pattern, selected="", options=None):  # type: ignore[no-untyped-def]
        seen["options"] = options
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    ExportForm.ask_path(None, "rekap.xlsx")
    assert seen["options"] & QFileDialog.Option.DontConfirmOverwrite
