"""A government sponsor for a whole regency: the officer gives "Pemkab Wonogiri" the area
"Kabupaten Wonogiri (seluruh kabupaten)", and Beranda for Kabupaten Wonogiri counts its workers (in
the regency and the branch, in no single kecamatan)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bpu_desktop.store.reference import add_kelurahan
from bpu_desktop.ui.assign_workers_dialog import AssignWorkersDialog
from bpu_desktop.ui.beranda_page import BerandaPage
from bpu_desktop.ui.sponsor_page import SponsorPage
from tests.store.targets_helpers import TODAY, enrol
from tests.ui.targets_ctx import make_ctx

from .conftest import click_row


@pytest.fixture
def app(qtbot, tmp_path):
    ctx, store, _opened = make_ctx(tmp_path, TODAY)
    yield ctx, store
    store.close()


def choose(qtbot, combo, text: str) -> None:
    """Pick from a dropdown with the keyboard: focus it, type the start of the entry. A
    pause first, as a person makes one: letters typed within the keyboard interval would
    add to the previous search instead of starting a new one."""
    qtbot.wait(QApplication.keyboardInputInterval() + 50)
    combo.setFocus()
    qtbot.keyClicks(combo, text)


def test_a_regency_sponsor_counts_in_beranda_for_its_regency(qtbot, app):
    ctx, store = app
    page = SponsorPage(ctx, today=TODAY)
    qtbot.addWidget(page)
    page.show()  # a hidden page only notes that the file changed
    page.show()
    form = page.form
    qtbot.keyClicks(form.name, "Pemkab Wonogiri")
    choose(qtbot, form.type, "Pemerintah")
    # A desa typed under a kecamatan first, then the officer picks the whole regency.
    choose(qtbot, form.kecamatan, "Selogiri")
    qtbot.keyClicks(form.kelurahan.lineEdit(), "Kaliancar")
    choose(qtbot, form.kecamatan, "Kab")
    assert form.kecamatan.currentText() == "Kabupaten Wonogiri (seluruh kabupaten)"
    assert form.kelurahan.currentText() == "" and not form.kelurahan.isEnabled()
    with qtbot.waitSignal(ctx.signals.sponsors_changed):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.model.index(0, 7).data() == "Kabupaten Wonogiri"

    pledged = page.sponsorship_form.pledged
    pledged.selectAll()
    qtbot.keyClicks(pledged, "100")
    assert page.sponsorship_form.funding.currentText() == "APBD"  # a Pemda pays from APBD
    with qtbot.waitSignal(ctx.signals.sponsors_changed):
        qtbot.mouseClick(page.save_sponsorship, Qt.MouseButton.LeftButton)

    # Two workers of Selogiri, assigned to the pledge as the officer does it.
    add_kelurahan(store, "33.12.11", "Kaliancar")
    for name in ("Pekerja Eko", "Pekerja Sri"):
        enrol(store, name, kecamatan="Selogiri", kelurahan="Kaliancar",
              enrolled_on=date(2026, 5, 4), start_month="2026-05", nik_prefix="331211")
    dialog = AssignWorkersDialog(ctx, page.repo, page._sponsorship, page)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "Pekerja")
    for _ in range(2):
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.assigned_title.text() == "Ditanggung 2 dari 100 pekerja"
    dialog.close()

    # Opened again later, the sponsor still has the whole regency as its area.
    page.on_new()
    click_row(qtbot, page.table, 0)
    assert form.kecamatan.currentText() == "Kabupaten Wonogiri (seluruh kabupaten)"
    assert not form.kelurahan.isEnabled()

    beranda = BerandaPage(ctx)
    qtbot.addWidget(beranda)
    beranda.show()

    def sponsor_card(area_text: str) -> str:
        beranda.area.setCurrentIndex(beranda.area.findText(area_text))
        return beranda.cards["sponsor"].value.text()

    assert sponsor_card("Kabupaten Wonogiri") == "2 / 100"
    assert beranda.selected_area == "33.12"
    assert sponsor_card("Kota Surakarta") == "0 / 0"
    # The Pemkab is in no single kecamatan, though its workers live in Selogiri.
    assert sponsor_card("Kec. Selogiri (Kabupaten Wonogiri)") == "0 / 0"
    assert sponsor_card("Cabang Surakarta (Solo + Wonogiri)") == "2 / 100"
