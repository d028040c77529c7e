"""Desa dropdowns follow the file's village list without a restart: a desa added by an
Excel import, a merge or another form is offered on the desk, the Kegiatan form and the
Sponsor form; the reload keeps what the officer typed, the choice made and the focus."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from bpu_desktop.store.reference import add_kelurahan
from bpu_desktop.ui.confirm_dialog import ConfirmDialog
from bpu_desktop.ui.import_dialog import ImportDialog

from .conftest import nik_for
from .test_enrolment_form import ctrl_s, type_person, w

SELOGIRI, WONOGIRI_KEC = "33.12.11", "33.12.12"


def items(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def desk_on(qtbot, window, kecamatan: str) -> QComboBox:  # type: ignore[no-untyped-def]
    """The desk with `kecamatan` chosen from the keyboard, the cursor in Kelurahan/Desa."""
    window.open_page("peserta")
    combo = w(window, QComboBox, "kecamatanCombo")
    combo.setFocus()
    qtbot.keyClicks(combo, kecamatan)  # keyboard search in the combo
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    village = w(window, QComboBox, "kelurahanCombo")
    focused = window.focusWidget()
    assert focused is village or village.isAncestorOf(focused)
    return village


def test_desk_offers_a_desa_added_while_typing_and_keeps_the_typing(window, store, qtbot):
    village = desk_on(qtbot, window, "Selo")
    kecamatan = w(window, QComboBox, "kecamatanCombo")
    assert kecamatan.currentData() == SELOGIRI
    line = village.lineEdit()
    focused = window.focusWidget()
    qtbot.keyClicks(line, "Jatn")
    qtbot.keyClick(line, Qt.Key.Key_Left)  # the officer goes back to fix a letter
    assert items(village) == [] and line.cursorPosition() == 3
    hint = w(window, QLabel, "kelurahanHint")
    assert "belum ada di daftar" in hint.text()

    # Another officer's import (or any form) adds the desa; the app says members changed.
    add_kelurahan(store, SELOGIRI, "Jaten")
    window.ctx.signals.members_changed.emit()

    assert items(village) == ["Jaten"]
    assert (line.text(), line.cursorPosition()) == ("Jatn", 3)
    assert window.focusWidget() is focused
    assert kecamatan.currentData() == SELOGIRI
    qtbot.keyClicks(line, "e")  # "Jaten": suggested, and known now (no "new desa" hint)
    assert line.text() == "Jaten"
    assert village.completer().currentCompletion() == "Jaten"
    assert hint.text() == ""


def test_desk_keeps_a_chosen_desa_when_the_list_grows(window, store, qtbot):
    add_kelurahan(store, WONOGIRI_KEC, "Giripurwo")
    window.ctx.signals.members_changed.emit()
    village = desk_on(qtbot, window, "Wonogiri")
    line = village.lineEdit()
    qtbot.keyClicks(line, "Giripurwo")
    qtbot.keyClick(line, Qt.Key.Key_Return)  # takes the suggestion, moves on
    address = w(window, QLineEdit, "addressEdit")
    assert window.focusWidget() is address
    qtbot.keyClicks(address, "Jl. Pramuka 3")

    add_kelurahan(store, WONOGIRI_KEC, "Giriwono")
    window.ctx.signals.data_replaced.emit()  # a merge brought it

    assert items(village) == ["Giripurwo", "Giriwono"]
    assert village.currentText() == "Giripurwo"
    assert window.focusWidget() is address and address.text() == "Jl. Pramuka 3"


def test_desk_hidden_during_an_excel_import_offers_its_desa_when_shown(
        window, store, qtbot, tmp_path: Path, monkeypatch):
    window.open_page("beranda")  # the desk is out of sight while the import runs
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["NIK", "Nama", "No HP", "Kecamatan", "Desa", "Pekerjaan", "Penghasilan"])
    ws.append([nik_for(1, district="331211"), "Budi Santoso", "081234567890", "Selogiri",
               "Jendi", "Petani", 1500000])
    path = tmp_path / "selogiri.xlsx"
    wb.save(path)
    monkeypatch.setattr(ImportDialog, "ask_open_path", classmethod(lambda cls, p: str(path)))
    dialog = ImportDialog(window.ctx)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.findChild(type(dialog.preview_button), "importBrowse"),
                     Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Tersimpan" in dialog.summary.text(), timeout=20_000)
    assert "Jendi (Selogiri)" in dialog.summary.text()
    dialog.close()

    village = desk_on(qtbot, window, "Selo")
    assert items(village) == ["Jendi"]
    qtbot.keyClicks(village.lineEdit(), "jen")
    assert village.completer().currentCompletion() == "Jendi"


def _ask_yes(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(
        lambda cls, parent, title, text, ok_label="Ya": True))


def test_event_and_sponsor_forms_offer_a_desa_the_desk_added(window, store, qtbot,
                                                            monkeypatch):
    _ask_yes(monkeypatch)
    add_kelurahan(store, WONOGIRI_KEC, "Giripurwo")
    kegiatan = window.page("kegiatan")
    sponsor = window.page("sponsor")
    # The officer has half-typed a desa on each form, over a Wonogiri kecamatan.
    event_form = kegiatan.form
    event_form.kecamatan.setCurrentIndex(event_form.kecamatan.findData(WONOGIRI_KEC))
    assert items(event_form.kelurahan) == ["Giripurwo"]
    event_form.kelurahan.setCurrentText("")
    qtbot.keyClicks(event_form.kelurahan.lineEdit(), "Giriw")
    sponsor_form = sponsor.form
    sponsor_form.kecamatan.setCurrentIndex(sponsor_form.kecamatan.findData(WONOGIRI_KEC))
    qtbot.keyClicks(sponsor_form.name, "CV Mete Giriwono")
    qtbot.keyClicks(sponsor_form.kelurahan.lineEdit(), "Giri")
    typed_event = event_form.value()

    # On the desk a new desa is added with the person enrolled there.
    window.open_page("peserta", mode="enrol", kecamatan_code=WONOGIRI_KEC)
    type_person(qtbot, window, nik=nik_for(9), name="Wahyu Hidayat", phone="081355556666",
                kelurahan="Giriwono")
    ctrl_s(qtbot, window)
    assert w(window, QLineEdit, "nikEdit").text() == ""  # saved

    window.open_page("kegiatan")
    assert items(event_form.kelurahan) == ["Giripurwo", "Giriwono"]
    assert event_form.kelurahan.currentText() == "Giriw"
    assert event_form.value() == typed_event and event_form.has_unsaved_changes()
    window.open_page("sponsor")
    assert items(sponsor_form.kelurahan) == ["Giripurwo", "Giriwono"]
    assert sponsor_form.kelurahan.currentText() == "Giri"
    assert sponsor_form.name.text() == "CV Mete Giriwono"
    assert sponsor_form.kecamatan.currentData() == WONOGIRI_KEC


def test_forms_keep_their_focus_and_chosen_desa_over_a_reload(window, store, qtbot):
    add_kelurahan(store, WONOGIRI_KEC, "Giripurwo")
    window.ctx.signals.data_replaced.emit()
    window.open_page("kegiatan")
    form = window.page("kegiatan").form
    form.kecamatan.setCurrentIndex(form.kecamatan.findData(WONOGIRI_KEC))
    form.kelurahan.setCurrentIndex(form.kelurahan.findText("Giripurwo"))
    form.venue.setFocus()
    qtbot.keyClicks(form.venue, "Balai Desa")

    add_kelurahan(store, WONOGIRI_KEC, "Bulusari")
    window.ctx.signals.members_changed.emit()

    assert items(form.kelurahan) == ["Bulusari", "Giripurwo"]
    assert form.kelurahan.currentText() == "Giripurwo"
    assert window.focusWidget() is form.venue and form.venue.text() == "Balai Desa"


def test_open_suggestions_take_a_desa_added_meanwhile(window, store, qtbot):
    add_kelurahan(store, WONOGIRI_KEC, "Giripurwo")
    window.ctx.signals.members_changed.emit()
    village = desk_on(qtbot, window, "Wonogiri")
    focused = window.focusWidget()
    qtbot.keyClicks(village.lineEdit(), "giri")
    completer = village.completer()
    popup = completer.popup()
    assert popup.isVisible()
    assert [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())] == [
        "Giripurwo"]

    add_kelurahan(store, WONOGIRI_KEC, "Giriwono")
    window.ctx.signals.members_changed.emit()

    assert popup.isVisible()
    assert [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())] == [
        "Giripurwo", "Giriwono"]
    assert village.currentText() == "giri" and window.focusWidget() is focused
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # the new desa, taken from the suggestions
    assert village.currentText() == "Giriwono"


def test_letters_selected_in_a_desa_stay_selected_over_a_reload(window, store, qtbot):
    add_kelurahan(store, WONOGIRI_KEC, "Giripurwo")
    window.ctx.signals.members_changed.emit()
    window.open_page("sponsor")
    form = window.page("sponsor").form
    form.kecamatan.setCurrentIndex(form.kecamatan.findData(WONOGIRI_KEC))
    line = form.kelurahan.lineEdit()
    line.setFocus()
    qtbot.keyClicks(line, "Giriwnoo")
    for _ in range(3):  # the officer selects the last letters to type them again
        qtbot.keyClick(line, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)

    add_kelurahan(store, WONOGIRI_KEC, "Giriwono")
    window.ctx.signals.members_changed.emit()

    assert items(form.kelurahan) == ["Giripurwo", "Giriwono"]
    assert (line.text(), line.selectedText(), line.cursorPosition()) == ("Giriwnoo", "noo", 5)
    qtbot.keyClicks(line, "ono")  # typing replaces the selection, as before the reload
    assert form.kelurahan.currentText() == "Giriwono"
