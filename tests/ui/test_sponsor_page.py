"""Sponsor page: a company pledges 10 workers for 6 months; the officer assigns workers."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from bpu_desktop.store.sponsors import SponsorRepository
from bpu_desktop.ui.assign_workers_dialog import AssignWorkersDialog
from bpu_desktop.ui.sponsor_page import SponsorPage
from bpu_desktop.ui.sponsor_table_model import SponsorshipTableModel, SponsorTableModel
from tests.store.outreach_helpers import NAMES, enrol, nik

from .conftest import (
    answer_questions,
    click_header,
    click_row,
    selected_rows,
    wait_questions,
)

TODAY = date(2026, 5, 20)


@pytest.fixture
def ctx(recording_ctx):
    return recording_ctx


def row_texts(model, row):
    return [model.index(row, c).data() for c in range(model.columnCount())]


def create_sponsor_with_pledge(qtbot, page):
    qtbot.keyClicks(page.form.name, "PT Batik Danar Hadi")
    qtbot.keyClicks(page.form.phone, "0812 2345 6789")
    page.form.kecamatan.setCurrentIndex(page.form.kecamatan.findText("Banjarsari"))
    with qtbot.waitSignal(page.ctx.signals.sponsors_changed):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    # Defaults: 10 workers, JKK+JKM, June-November 2026 (6 months), Sponsor/CSR.
    assert page.sponsorship_form.pledged.value() == 10
    assert page.sponsorship_form.start.currentText() == "Juni 2026"
    assert page.sponsorship_form.end.currentText() == "November 2026"
    # Computed, never typed: Jun-Nov 2026 is inside the non-transport cut (Rp 8,400).
    assert page.sponsorship_form.amounts.text().splitlines() == [
        "6 bulan x 10 pekerja",
        "Juni 2026 - November 2026: Rp 8.400/pekerja/bulan, Rp 84.000/bulan",
        "Total: Rp 504.000",
    ]
    with qtbot.waitSignal(page.ctx.signals.sponsors_changed):
        qtbot.mouseClick(page.save_sponsorship, Qt.MouseButton.LeftButton)


def test_sponsor_with_six_month_pledge_and_assigned_workers(qtbot, ctx, store):
    page = SponsorPage(ctx, today=TODAY)
    qtbot.addWidget(page)
    page.show()  # a hidden page only notes that the file changed
    create_sponsor_with_pledge(qtbot, page)
    assert row_texts(page.sponsorships, 0) == [
        "Juni 2026 - November 2026", "JKK + JKM", "Sponsor/CSR", "10", "0", "Rp 8.400",
        "Rp 84.000", "Rp 504.000"]
    assert page.progress.text() == "0 dari 10 pekerja (0%)"

    for i in (1, 2, 3):
        enrol(store, nik(i), f"Pekerja {NAMES[i]}")
    sponsorship = page._sponsorship
    dialog = AssignWorkersDialog(ctx, page.repo, sponsorship, page)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "Pekerja")
    assert dialog.results.count() == 3
    for _ in range(3):
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.assigned.count() == 3
    assert dialog.assigned_title.text() == "Ditanggung 3 dari 10 pekerja"
    assert dialog.results.count() == 0  # already assigned workers are not offered again

    # The page refreshed on sponsors_changed: list totals, bar and warnings.
    assert row_texts(page.model, 0) == ["PT Batik Danar Hadi", "10", "3", "Rp 0", "6", "",
                                        "Perusahaan swasta/CSR", "Banjarsari"]
    assert page.progress.text() == "3 dari 10 pekerja (30%)"
    assert row_texts(page.sponsorships, 0)[4] == "3"

    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    assert ctx.extras["opened"][-1] == ("peserta", {
        "mode": "enrol", "sponsorship_id": sponsorship.id,
        "sponsorship_label": "PT Batik Danar Hadi (Juni 2026 - November 2026)"})


def test_bad_phone_and_over_long_pledge_are_shown_next_to_fields(qtbot, ctx, store):
    page = SponsorPage(ctx, today=TODAY)
    qtbot.addWidget(page)
    page.show()  # a hidden page only notes that the file changed
    qtbot.keyClicks(page.form.name, "Baznas Surakarta")
    qtbot.keyClicks(page.form.phone, "12345")
    page.on_save()
    assert not page.form.errors["phone"].isHidden()
    assert "08" in page.form.errors["phone"].text()
    page.form.phone.clear()
    page.save_sponsor()
    page.sponsorship_form.end.setCurrentIndex(page.sponsorship_form.end.count() - 1)
    page.save_pledge()
    assert "paling lama 12 bulan" in page.sponsorship_form.errors["end"].text()
    assert SponsorRepository(store, today=TODAY).sponsorships() == []


def test_models_pass_modeltester(qtmodeltester, store):
    from tests.store.test_sponsors import new_sponsor, pledge
    repo = SponsorRepository(store, today=TODAY)
    for name in ("PT A", "PT B", "PT C"):
        repo.save_sponsorship(new_sponsor(repo, name).id, pledge())
    model = SponsorTableModel(repo)
    model.reload()
    qtmodeltester.check(model)
    sp = SponsorshipTableModel()
    sp.set_rows(repo.sponsorships())
    qtmodeltester.check(sp)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 0).data() == "PT C"



def test_one_enter_assigns_one_worker_and_a_full_pledge_takes_no_more(
        qtbot, ctx, store, monkeypatch):
    from tests.store.test_sponsors import new_sponsor, pledge
    repo = SponsorRepository(store, today=TODAY)
    sponsorship = repo.save_sponsorship(new_sponsor(repo).id, pledge(pledged=2))
    for i in (1, 2, 3):
        enrol(store, nik(i), f"Pekerja {NAMES[i]}")
    # Each paid May 2026, a month of the April-September pledge: asked, and assigned.
    asked = answer_questions(monkeypatch, "Tetap tanggung")
    dialog = AssignWorkersDialog(ctx, repo, sponsorship)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.search, "Pekerja")
    # Two people of one name are told apart by where they live and their birth date.
    assert dialog.results.item(0).text().endswith(
        "Pekerja Dua  (Banjarsari, Banjarsari · lahir 15/08/1990)")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.assigned_title.text() == "Ditanggung 1 dari 2 pekerja"
    assert dialog.results.count() == 2 and dialog.isVisible()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.assigned_title.text() == "Ditanggung 2 dari 2 pekerja"
    assert "sudah penuh: 2 dari 2 pekerja" in dialog.message.text()
    assert not dialog.assign_button.isEnabled() and not dialog.enrol_button.isEnabled()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert repo.get_sponsorship(sponsorship.id).assigned == 2
    assert "sudah penuh" in dialog.message.text()
    assert [a[0] for a in asked] == ["Iuran dibayar dua kali"] * 2


def test_closing_the_window_on_a_typed_sponsor_asks_and_simpan_saves_it(
        window, qtbot, store, monkeypatch):
    asked = answer_questions(monkeypatch, None)
    window.open_page("sponsor")
    page = window.page("sponsor")
    qtbot.keyClicks(page.form.name, "PT Batik Danar Hadi")
    qtbot.keyClicks(page.form.phone, "0812 2345 6789")
    assert window.close() is False and [a[0] for a in asked] == ["Sponsor belum disimpan"]
    assert page.form.name.text() == "PT Batik Danar Hadi"
    asked = answer_questions(monkeypatch, "Simpan")
    assert window.close() is True
    assert [r.name for r in SponsorRepository(store).page(
        page.model.query, 0, 10)] == ["PT Batik Danar Hadi"]


def _saved_sponsor_and_pledge(qtbot, window):  # type: ignore[no-untyped-def]
    window.open_page("sponsor")
    page = window.page("sponsor")
    qtbot.keyClicks(page.form.name, "PT Batik Danar Hadi")
    qtbot.keyClicks(page.form.phone, "0812 2345 6789")
    with qtbot.waitSignal(page.ctx.signals.sponsors_changed):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.ctx.signals.sponsors_changed):
        qtbot.mouseClick(page.save_sponsorship, Qt.MouseButton.LeftButton)
    return page


def test_a_saved_sponsor_and_pledge_ask_nothing_on_close(window, qtbot, monkeypatch):
    asked = answer_questions(monkeypatch, None)
    _saved_sponsor_and_pledge(qtbot, window)
    assert window.close() is True and asked == []


def test_a_changed_pledge_asks_on_close(window, qtbot, monkeypatch):
    page = _saved_sponsor_and_pledge(qtbot, window)
    page.sponsorship_form.pledged.setValue(12)
    asked = answer_questions(monkeypatch, "Buang")
    assert window.close() is True and [a[0] for a in asked] == ["Janji sponsor belum disimpan"]


@pytest.fixture
def sponsors_page(window, store):
    """Three sponsors listed by name; the first (PT Alpha Batik) has two pledges, listed
    latest first: 5 workers from October 2026, 10 from April 2026."""
    from tests.store.test_sponsors import new_sponsor, pledge
    repo = SponsorRepository(store, today=TODAY)
    alpha = new_sponsor(repo, "PT Alpha Batik")
    repo.save_sponsorship(alpha.id, pledge())
    repo.save_sponsorship(alpha.id, pledge(start=date(2026, 10, 1), end=date(2027, 3, 1),
                                           pledged=5))
    new_sponsor(repo, "PT Batik Laweyan")
    new_sponsor(repo, "PT Citra Tekstil")
    window.open_page("sponsor")
    return window.page("sponsor")


def type_pledged(qtbot, page, text):
    spin = page.sponsorship_form.pledged
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, text)


def test_picking_another_sponsor_over_typing_asks_and_batal_stays(sponsors_page, qtbot,
                                                                  monkeypatch):
    page = sponsors_page
    asked = answer_questions(monkeypatch, None)
    click_row(qtbot, page.table, 0)
    qtbot.keyClicks(page.form.name, " Jaya")
    click_row(qtbot, page.table, 1)
    wait_questions(qtbot, asked, 1)
    assert asked == [("Sponsor belum disimpan", "Perubahan pada sponsor belum disimpan.",
                      ("Simpan", "Buang"))]
    assert page.form.name.text() == "PT Alpha Batik Jaya"
    assert selected_rows(page.table) == (0, [0])
    assert page.sponsorships.rowCount() == 2  # still the edited sponsor's pledges


@pytest.mark.parametrize(("choice", "pledged"), [("Buang", 5), ("Simpan", 12)])
def test_an_unsaved_pledge_asks_before_another_sponsor_or_pledge(sponsors_page, qtbot,
                                                                 monkeypatch, store,
                                                                 choice, pledged):
    page = sponsors_page
    repo = SponsorRepository(store, today=TODAY)
    click_row(qtbot, page.table, 0)
    first = page.sponsorships.row_at(0)
    # Another pledge of the same sponsor: Batal keeps the typing and the selection.
    asked = answer_questions(monkeypatch, None)
    type_pledged(qtbot, page, "12")
    click_row(qtbot, page.sponsorship_table, 1)
    wait_questions(qtbot, asked, 1)
    assert asked[0][0] == "Janji sponsor belum disimpan"
    assert selected_rows(page.sponsorship_table) == (0, [0])
    assert page.sponsorship_form.pledged.value() == 12
    # Another sponsor: Simpan saves the pledge first, Buang drops it; then it opens.
    asked = answer_questions(monkeypatch, choice)
    click_row(qtbot, page.table, 2)
    qtbot.waitUntil(lambda: page.form.name.text() == "PT Citra Tekstil")
    assert [a[0] for a in asked] == ["Janji sponsor belum disimpan"]
    assert selected_rows(page.table) == (2, [2]) and page.sponsorships.rowCount() == 0
    assert repo.get_sponsorship(first.id).pledged == pledged


def test_both_forms_typed_ask_pledge_first_and_a_refused_save_stays(sponsors_page, qtbot,
                                                                    monkeypatch, store):
    page = sponsors_page
    click_row(qtbot, page.table, 0)
    type_pledged(qtbot, page, "12")
    page.form.name.selectAll()
    qtbot.keyClick(page.form.name, Qt.Key.Key_Backspace)  # a sponsor needs a name
    asked = answer_questions(monkeypatch, "Simpan")
    click_row(qtbot, page.table, 1)
    wait_questions(qtbot, asked, 2)
    assert [a[0] for a in asked] == ["Janji sponsor belum disimpan", "Sponsor belum disimpan"]
    assert page.form.errors["name"].isVisible() and page.form.name.text() == ""
    assert selected_rows(page.table) == (0, [0])
    assert page.sponsorship_form.pledged.value() == 12  # saved, still shown
    assert not page.sponsorship_form.has_unsaved_changes()
    assert [r.pledged for r in SponsorRepository(store, today=TODAY).sponsorships(
        page.model.row_at(0).id)] == [12, 10]


def test_baru_ctrl_n_and_janji_baru_ask_first(sponsors_page, qtbot, monkeypatch):
    page = sponsors_page
    click_row(qtbot, page.table, 0)
    asked = answer_questions(monkeypatch, None)
    type_pledged(qtbot, page, "12")
    qtbot.mouseClick(page.new_sponsorship, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(page.form.name, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 3 and page.sponsorship_form.pledged.value() == 12
    assert page.form.name.text() == "PT Alpha Batik"
    answer_questions(monkeypatch, "Buang")
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.form.name.text() == "" and selected_rows(page.table) == (-1, [])
    assert not page.sponsorship_form.isEnabled()  # a pledge waits for a saved sponsor


def test_opening_sponsors_and_pledges_one_after_another_asks_nothing(sponsors_page, qtbot,
                                                                     monkeypatch):
    page = sponsors_page
    asked = answer_questions(monkeypatch, None)
    click_row(qtbot, page.table, 0)
    click_row(qtbot, page.sponsorship_table, 1)
    assert page.sponsorship_form.pledged.value() == 10
    click_row(qtbot, page.table, 1)
    wait_questions(qtbot, asked, 0)
    assert page.form.name.text() == "PT Batik Laweyan"
    # A save leaves nothing unsaved: the next sponsor opens without a question.
    qtbot.keyClicks(page.form.npp, "12345678")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert selected_rows(page.table) == (1, [1])
    click_row(qtbot, page.table, 2)
    wait_questions(qtbot, asked, 0)
    assert page.form.name.text() == "PT Citra Tekstil"


@pytest.mark.parametrize("new_pledge", [False, True])
def test_saving_the_sponsor_keeps_the_pledge_typing(sponsors_page, qtbot, monkeypatch, store,
                                                    new_pledge):
    """The sponsor's own Simpan refreshes the page: the pledge typed beside it stays, on
    the pledge it was typed for (or as a new pledge), and nothing is asked."""
    page = sponsors_page
    repo = SponsorRepository(store, today=TODAY)
    asked = answer_questions(monkeypatch, None)
    click_row(qtbot, page.table, 0)
    first = page.sponsorships.row_at(0)
    if new_pledge:
        qtbot.mouseClick(page.new_sponsorship, Qt.MouseButton.LeftButton)
    type_pledged(qtbot, page, "12")
    qtbot.keyClicks(page.sponsorship_form.notes, "dua tahap")
    qtbot.keyClicks(page.form.name, " Jaya")
    with qtbot.waitSignal(page.ctx.signals.sponsors_changed):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    wait_questions(qtbot, asked, 0)
    assert page.model.row_at(0).name == "PT Alpha Batik Jaya"
    assert page.sponsorship_form.pledged.value() == 12
    assert page.sponsorship_form.notes.text() == "dua tahap"
    assert page.sponsorship_form.has_unsaved_changes()
    pledge_row = -1 if new_pledge else 0
    assert selected_rows(page.sponsorship_table) == (
        pledge_row, [pledge_row] if pledge_row >= 0 else [])
    qtbot.mouseClick(page.save_sponsorship, Qt.MouseButton.LeftButton)
    pledges = repo.sponsorships(page.model.row_at(0).id)
    assert len(pledges) == (3 if new_pledge else 2)
    assert repo.get_sponsorship(first.id).pledged == (5 if new_pledge else 12)
    assert [p.notes for p in pledges].count("dua tahap") == 1
    assert not page.sponsorship_form.has_unsaved_changes()


def test_a_change_made_elsewhere_keeps_the_typing_and_shows_the_new_figures(
        sponsors_page, qtbot, monkeypatch, store):
    """Workers assigned (sponsors_changed and members_changed): the list, the pledge list
    and the progress bar follow; both forms keep what is typed."""
    page = sponsors_page
    asked = answer_questions(monkeypatch, None)
    click_row(qtbot, page.table, 0)
    type_pledged(qtbot, page, "12")
    qtbot.keyClicks(page.form.npp, "12345678")
    enrol(store, nik(1), "Pekerja Satu")
    dialog = AssignWorkersDialog(page.ctx, page.repo, page._sponsorship, page)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "Pekerja")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.assigned_title.text() == "Ditanggung 1 dari 5 pekerja"
    wait_questions(qtbot, asked, 0)
    assert page.progress.text() == "1 dari 5 pekerja (20%)"
    assert row_texts(page.sponsorships, 0)[4] == "1"
    assert page.model.row_at(0).assigned == 1
    assert page.sponsorship_form.pledged.value() == 12
    assert page.form.npp.text() == "12345678"
    assert page.sponsorship_form.has_unsaved_changes() and page.form.has_unsaved_changes()
    assert selected_rows(page.table) == (0, [0])
    assert selected_rows(page.sponsorship_table) == (0, [0])


def test_a_pledge_changed_elsewhere_over_typing_is_not_overwritten(sponsors_page, qtbot,
                                                                   monkeypatch, store):
    """The typing stays on the version it was typed over: its Simpan is refused rather
    than silently undoing the other change; a pledge nobody typed in shows the change."""
    from tests.store.test_sponsors import pledge
    page = sponsors_page
    repo = SponsorRepository(store, today=TODAY)
    answer_questions(monkeypatch, None)
    click_row(qtbot, page.table, 0)
    first = page.sponsorships.row_at(0)
    type_pledged(qtbot, page, "12")
    repo.save_sponsorship(first.sponsor_id, pledge(start=first.start, end=first.end,
                                                   pledged=7), first.id,
                          expected_version=first.version)
    page.ctx.signals.sponsors_changed.emit()
    assert page.sponsorship_form.pledged.value() == 12
    assert row_texts(page.sponsorships, 0)[3] == "7"
    qtbot.mouseClick(page.save_sponsorship, Qt.MouseButton.LeftButton)
    assert "diubah di tempat lain" in page.sponsorship_form.errors["end"].text()
    assert repo.get_sponsorship(first.id).pledged == 7
    # Nothing typed: the form follows a change made elsewhere.
    answer_questions(monkeypatch, "Buang")
    click_row(qtbot, page.sponsorship_table, 1)
    qtbot.waitUntil(lambda: page.sponsorship_form.pledged.value() == 10)
    second = page.sponsorships.row_at(1)
    repo.save_sponsorship(second.sponsor_id, pledge(start=second.start, end=second.end,
                                                    pledged=9), second.id)
    page.ctx.signals.sponsors_changed.emit()
    assert page.sponsorship_form.pledged.value() == 9
    assert not page.sponsorship_form.has_unsaved_changes()


def test_the_edited_sponsor_stays_highlighted_after_a_search_or_a_sort(sponsors_page, qtbot,
                                                                      monkeypatch):
    page = sponsors_page
    asked = answer_questions(monkeypatch, None)
    click_row(qtbot, page.table, 0)
    click_row(qtbot, page.sponsorship_table, 1)
    qtbot.keyClicks(page.form.name, " Jaya")
    type_pledged(qtbot, page, "12")
    qtbot.keyClicks(page.search, "PT")
    assert page.model.rowCount() == 3 and selected_rows(page.table) == (0, [0])
    click_header(qtbot, page.table, 0)  # Sponsor, now Z to A: Alpha comes last
    assert page.model.row_at(2).name == "PT Alpha Batik"
    assert selected_rows(page.table) == (2, [2])
    page.search.clear()
    qtbot.keyClicks(page.search, "Citra")  # filtered out: nothing highlighted
    assert selected_rows(page.table) == (-1, [])
    page.search.clear()
    assert selected_rows(page.table) == (2, [2])
    wait_questions(qtbot, asked, 0)
    assert page.form.name.text() == "PT Alpha Batik Jaya"
    assert page.sponsorship_form.pledged.value() == 12
    assert selected_rows(page.sponsorship_table) == (1, [1])


def test_esc_over_typing_asks_first_and_keeps_the_other_form(sponsors_page, qtbot,
                                                             monkeypatch):
    """Esc at a crowded table is easily pressed: typing is dropped only on "Buang", and
    only in the form being typed in (the pledge's, when it has focus)."""
    page = sponsors_page
    click_row(qtbot, page.table, 0)
    qtbot.keyClicks(page.form.name, " Jaya")
    type_pledged(qtbot, page, "12")
    asked = answer_questions(monkeypatch, None)  # Batal (also a second Esc)
    page.sponsorship_form.pledged.setFocus()  # the officer is in the pledge form
    qtbot.keyClick(page.sponsorship_form.pledged, Qt.Key.Key_Escape)
    assert asked == [("Buang perubahan?", "Isian janji sponsor yang belum disimpan akan "
                      "dibuang.", ("Buang",))]
    assert page.sponsorship_form.pledged.value() == 12
    asked = answer_questions(monkeypatch, "Buang")
    qtbot.keyClick(page.sponsorship_form.pledged, Qt.Key.Key_Escape)
    assert [a[0] for a in asked] == ["Buang perubahan?"]
    assert page.sponsorship_form.pledged.value() == 5  # the saved pledge again
    assert page.form.name.text() == "PT Alpha Batik Jaya"  # the sponsor's typing stays
    page.form.name.setFocus()
    qtbot.keyClick(page.form.name, Qt.Key.Key_Escape)
    assert asked[-1][1] == "Isian sponsor yang belum disimpan akan dibuang."
    assert page.form.name.text() == "PT Alpha Batik"
    # Nothing typed: Esc asks nothing.
    asked = answer_questions(monkeypatch, None)
    qtbot.keyClick(page.form.name, Qt.Key.Key_Escape)
    assert asked == []


def test_a_hidden_sponsor_page_reads_nothing_on_a_save_and_catches_up_when_shown(
        window, qtbot, store):
    """Once opened, the page used to re-read every sponsor on each save at the desk
    (about 1 s per Ctrl+S on a 50,000-member file) though nobody could see it."""
    from tests.store.test_sponsors import new_sponsor
    window.open_page("sponsor")
    page = window.page("sponsor")
    window.open_page("peserta")
    assert not page.isVisible()
    new_sponsor(SponsorRepository(store, today=TODAY), "PT Baru Sekali")
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        window.ctx.signals.members_changed.emit()
        window.ctx.signals.sponsors_changed.emit()
    finally:
        store.conn.set_trace_callback(None)
    assert [s for s in statements if "sponsor" in s.lower()] == []
    assert page.model.total == 0
    window.open_page("sponsor")
    assert page.model.total == 1
    assert row_texts(page.model, 0)[0] == "PT Baru Sekali"


def test_sponsor_figures_are_written_the_indonesian_way(qtbot, ctx, store):
    """The summary said "dijanjikan 2627" where Beranda says "2.627"."""
    from tests.store.test_sponsors import new_sponsor, pledge
    repo = SponsorRepository(store, today=TODAY)
    repo.save_sponsorship(new_sponsor(repo, "Pemkot Surakarta").id, pledge(pledged=1200))
    repo.save_sponsorship(new_sponsor(repo, "PT Batik Laweyan").id, pledge(pledged=1427))
    page = SponsorPage(ctx, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    assert "dijanjikan 2.627 · ditanggung 0" in page.summary.text()
    assert row_texts(page.model, 0)[:2] == ["Pemkot Surakarta", "1.200"]
    click_row(qtbot, page.table, 0)
    assert row_texts(page.sponsorships, 0)[3] == "1.200"
    assert page.progress.format() == "0 dari 1.200 pekerja (0%)"


def test_at_1366x768_the_pledge_buttons_are_on_screen_without_scrolling(window, qtbot):
    """The pledge form and its buttons used to sit below the fold of one tall scroll area."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QScrollArea
    window.resize(1366, 768)
    window.open_page("sponsor")
    page = window.page("sponsor")
    page.right_tabs.setCurrentIndex(1)
    qtbot.wait(50)
    area = page.right_tabs.currentWidget()
    assert isinstance(area, QScrollArea)
    viewport = area.viewport()
    shown = QRect(QPoint(0, 0), viewport.size())
    for button in (page.assign_button, page.enrol_button, page.new_sponsorship,
                   page.delete_sponsorship, page.save_sponsorship):
        top_left = button.mapTo(viewport, QPoint(0, 0))
        assert button.isVisible(), button.objectName()
        assert shown.contains(QRect(top_left, button.size())), button.objectName()
    page.right_tabs.setCurrentIndex(0)
    qtbot.wait(50)
    viewport = page.right_tabs.currentWidget().viewport()
    for button in (page.new_button, page.delete_button, page.save_button):
        top_left = button.mapTo(viewport, QPoint(0, 0))
        assert QRect(QPoint(0, 0), viewport.size()).contains(QRect(top_left, button.size()))


def test_ctrl_s_on_the_pledge_tab_saves_the_pledge_shown(sponsors_page, qtbot, store):
    page = sponsors_page
    click_row(qtbot, page.table, 0)  # PT Alpha Batik: its latest pledge (5 workers) opens
    page.right_tabs.setCurrentIndex(1)
    type_pledged(qtbot, page, "7")
    page.table.setFocus()
    with qtbot.waitSignal(page.ctx.signals.sponsors_changed):
        qtbot.keyClick(page.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    pledges = SponsorRepository(store, today=TODAY).sponsorships(page._sponsor.id)
    assert sorted(p.pledged for p in pledges) == [7, 10]


def test_opening_the_page_reads_the_sponsor_list_once(qtbot, ctx, store):
    """It was read four times (about 3 s on a 50,000-member file before the grouped query)."""
    from tests.store.test_sponsors import new_sponsor
    repo = SponsorRepository(store, today=TODAY)
    new_sponsor(repo, "PT Satu")
    new_sponsor(repo, "PT Dua")
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        page = SponsorPage(ctx, today=TODAY)
        qtbot.addWidget(page)
        page.show()
    finally:
        store.conn.set_trace_callback(None)
    lists = [s for s in statements if "FROM sponsors s WHERE" in s and "LIMIT" in s]
    assert len(lists) == 1, lists
    assert [row_texts(page.model, r)[0] for r in range(2)] == ["PT Dua", "PT Satu"]
    assert page.summary.text().startswith("2 sponsor")
