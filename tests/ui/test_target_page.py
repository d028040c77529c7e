"""Target page: type a target keyboard-only, see progress, edit the monthly pace."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QSpinBox

from bpu_desktop.store.audit import history
from bpu_desktop.store.targets import find_target
from bpu_desktop.ui.beranda_page import BerandaPage
from bpu_desktop.ui.main_window import MainWindow
from bpu_desktop.ui.target_page import TargetPage
from tests.store.targets_helpers import TODAY, enrol
from tests.ui.targets_ctx import make_ctx

from .conftest import answer_questions, click_row, selected_rows, wait_questions


@pytest.fixture
def setup(qtbot, tmp_path):
    ctx, store, _ = make_ctx(tmp_path, TODAY)
    page = TargetPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    yield page, ctx, store
    store.close()


def rows(page):
    m = page.model
    return [tuple(m.index(r, c).data() for c in (0, 1, 3, 4, 5, 6, 8))
            for r in range(m.rowCount())]


def test_seeded_targets_are_listed(setup):
    page, *_ = setup
    assert ("BPU", "Cabang Surakarta", "63.339", "0", "0,0%", "—", "—") \
        in rows(page)
    assert ("BPU", "Kota Surakarta", "—", "0", "—", "70.463", "30,0%") in rows(page)


def test_set_a_target_and_watch_dashboard_and_list(setup, qtbot):
    page, ctx, store = setup
    dashboard = BerandaPage(ctx)
    qtbot.addWidget(dashboard)
    dashboard.show()
    page.area.setCurrentIndex(page.area.findData("33.72.05"))
    qtbot.keyClicks(page.target, "1.200")
    qtbot.keyClicks(page.potential, "9000")
    qtbot.keyClicks(page.covered, "2.700")
    qtbot.mouseClick(page.findChild(QPushButton, "targetSave"), Qt.MouseButton.LeftButton)
    saved = find_target(store, 2026, "BPU", "33.72.05")
    assert saved is not None and (saved.target, saved.potential) == (1200, 9000)
    assert ("BPU", "Kec. Banjarsari", "1.200", "0", "0,0%", "9.000", "30,0%") in rows(page)
    assert page.pace_sum.text() == "Jumlah 1.200 dari 1.200"

    dashboard.area.setCurrentIndex(dashboard.area.findData("33.72.05"))
    assert dashboard.cards["year"].detail.text().startswith("0,0% dari target 1.200")
    for name in ("Ani", "Budi", "Citra"):
        enrol(store, name, enrolled_on=date(2026, 5, 4), start_month="2026-05")
    ctx.signals.members_changed.emit()
    assert ("BPU", "Kec. Banjarsari", "1.200", "3", "0,3%", "9.000", "30,0%") in rows(page)
    assert dashboard.cards["year"].value.text() == "3"
    assert dashboard.cards["month"].detail.text() == "3,0% dari target bulan ini (100)"


def test_field_errors_and_monthly_pace(setup, qtbot, monkeypatch):
    page, _ctx, store = setup
    qtbot.keyClicks(page.target, "banyak")
    page.on_save()  # what Ctrl+S does through the main window
    assert page.errors["target"].text() == "Isi angka bulat, contoh 63.339."
    page.target.clear()
    page.area.setCurrentIndex(page.area.findData("33.72.01"))
    qtbot.keyClicks(page.target, "120")
    page.on_save()
    assert page.errors["target"].isHidden()
    target = find_target(store, 2026, "BPU", "33.72.01")
    assert target is not None
    page.months[0].setValue(20)
    assert page.pace_sum.text() == "Jumlah 130 dari 120 — belum sama"
    page.months[11].setValue(0)
    qtbot.mouseClick(page.findChild(QPushButton, "targetPaceSave"), Qt.MouseButton.LeftButton)
    edited = find_target(store, 2026, "BPU", "33.72.01")
    assert edited is not None and edited.pace()[0] == 20 and edited.pace()[11] == 0
    assert any(e.new and "monthly" in e.new for e in history(store.conn, table="targets"))
    # A saved pace is asked about before Ratakan replaces it.
    asked = answer_questions(monkeypatch, None)
    qtbot.mouseClick(page.findChild(QPushButton, "targetPaceEven"), Qt.MouseButton.LeftButton)
    assert [q[0] for q in asked] == ["Ratakan laju bulanan"]
    assert find_target(store, 2026, "BPU", "33.72.01").pace()[0] == 20  # Batal: kept
    answer_questions(monkeypatch, "Ratakan")
    qtbot.mouseClick(page.findChild(QPushButton, "targetPaceEven"), Qt.MouseButton.LeftButton)
    assert [s.value() for s in page.months] == [10] * 12


def test_model_passes_modeltester(setup, qtmodeltester):
    page, *_ = setup
    assert page.model.rowCount() > 0
    target_column = page.model.HEADERS.index("Target")
    assert page.model.index(0, target_column).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert page.model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) is None
    qtmodeltester.check(page.model)


def test_the_monthly_pace_is_readable(setup, qtbot):
    """Each month's box shows its number whole, grouped the Indonesian way (5.279)."""
    page, _ctx, _store = setup
    page.show()
    qtbot.waitExposed(page)
    page.area.setCurrentIndex(page.area.findData("33.72.01"))
    qtbot.keyClicks(page.target, "63.339")
    page.on_save()
    january = page.months[0]
    assert january.text() == "5.279"
    edit = january.lineEdit()
    assert edit.width() >= edit.fontMetrics().horizontalAdvance("10.000.000")


def click(qtbot, page, name: str) -> None:
    qtbot.mouseClick(page.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def pick(qtbot, box, typed: str) -> None:
    """Choose with the keyboard on a closed combo box (or type a Petugas), then Tab on to
    the next field, as an officer does."""
    box.setFocus()
    qtbot.keyClicks(box, typed)
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not box.hasFocus())
    qtbot.wait(20)  # what the choice opens, or asks, comes once the key press is over


def pick_area(qtbot, page, typed: str) -> None:
    pick(qtbot, page.area, typed)


def pause(qtbot) -> None:
    """The officer pauses: letters typed next in a box start a new search."""
    qtbot.wait(QApplication.keyboardInputInterval() + 50)


def city_untouched(store) -> bool:
    """Kota Surakarta's seeded target, as the article gives it, never edited."""
    city = find_target(store, 2026, "BPU", "33.72")
    return city is not None and (city.target, city.potential, city.covered_before,
                                 city.version) == (None, 70_463, 21_139, 1)


def test_each_attempt_replaces_the_last_message(setup, qtbot):
    """Typing "Kec. Law" passes over Kota Surakarta: what is saved is a new Laweyan target,
    the city's target stays as it was."""
    page, _ctx, store = setup
    pick_area(qtbot, page, "Kec. Law")
    qtbot.keyClicks(page.target, "120")
    click(qtbot, page, "targetSave")
    assert page.message.text() == "Target BPU 2026 tersimpan."
    page.target.clear()
    qtbot.keyClicks(page.target, "banyak")
    click(qtbot, page, "targetSave")
    assert page.errors["target"].isVisible()
    assert page.errors["target"].text() == "Isi angka bulat, contoh 63.339."
    assert page.message.text() == ""  # not "tersimpan" beside the error
    page.target.clear()
    qtbot.keyClicks(page.target, "150")
    click(qtbot, page, "targetSave")
    assert page.errors["target"].isHidden()
    assert page.message.text() == "Target BPU 2026 tersimpan."
    page.months[0].setValue(99)
    click(qtbot, page, "targetPaceSave")  # refused: the months no longer add up
    assert "harus sama" in page.pace_sum.text()
    assert page.message.text() == ""
    laweyan = find_target(store, 2026, "BPU", "33.72.01")
    assert laweyan is not None and (laweyan.target, laweyan.version) == (150, 2)
    assert city_untouched(store)


@pytest.mark.parametrize("typed", ["0", "-5", "-1.000"])
def test_a_target_of_zero_or_less_is_refused_next_to_the_field(setup, qtbot, typed):
    page, _ctx, store = setup
    pick_area(qtbot, page, "Kec. Law")
    qtbot.keyClicks(page.target, typed)
    click(qtbot, page, "targetSave")
    assert page.errors["target"].isVisible()
    assert page.errors["target"].text() == "Target setahun harus lebih dari 0."
    assert find_target(store, 2026, "BPU", "33.72.01") is None
    assert page.message.text() == ""


def test_choosing_an_area_that_has_a_target_opens_it(setup, qtbot):
    page, _ctx, store = setup
    pick_area(qtbot, page, "Kota S")
    assert page.area.currentData() == "33.72"
    assert page.model.data(page.table.currentIndex().siblingAtColumn(1)) == "Kota Surakarta"
    assert page.table.selectionModel().isRowSelected(page.table.currentIndex().row())
    assert page.potential.text() == "70.463"
    assert page.covered.text() == "21.139"
    assert page.delete_button.isEnabled()
    assert page.message.text() == (
        "Target BPU 2026 untuk Kota Surakarta sudah ada: dibuka untuk diubah.")
    qtbot.keyClicks(page.target, "25.000")
    click(qtbot, page, "targetSave")
    solo = find_target(store, 2026, "BPU", "33.72")
    assert solo is not None and (solo.target, solo.potential) == (25_000, 70_463)
    assert page.message.text() == "Target BPU 2026 tersimpan."


def test_saving_a_new_target_on_a_taken_area_opens_the_one_there(setup, qtbot):
    """The form opens on the branch, which already has the article's target."""
    page, _ctx, store = setup
    assert page.area.currentData() == "cabang" and page.editing is None
    qtbot.keyClicks(page.target, "500")
    click(qtbot, page, "targetSave")
    assert page.editing is not None and page.editing.area_code == "cabang"
    assert page.target.text() == "63.339"
    assert page.errors["target"].isHidden()
    assert page.message.text() == (
        "Target BPU 2026 untuk Cabang Surakarta (Solo + Wonogiri) sudah ada: "
        "dibuka untuk diubah.")
    branch = find_target(store, 2026, "BPU", "cabang")
    assert branch is not None and branch.target == 63_339 and branch.version == 1


def test_delete_asks_with_the_app_question_box(setup, qtbot, monkeypatch):
    """Answerable in tests like every other question (a QMessageBox would wait forever)."""
    page, _ctx, store = setup
    pick_area(qtbot, page, "Kota S")
    asked = answer_questions(monkeypatch, None)
    click(qtbot, page, "targetDelete")
    assert asked == [("Hapus target", "Hapus target BPU Kota Surakarta 2026?", ("Hapus",))]
    assert find_target(store, 2026, "BPU", "33.72") is not None
    answer_questions(monkeypatch, "Hapus")
    click(qtbot, page, "targetDelete")
    assert find_target(store, 2026, "BPU", "33.72") is None and page.editing is None
    assert page.message.text() == "Target BPU Kota Surakarta 2026 dihapus."


def test_copying_a_year_again_says_why_nothing_was_copied(setup, qtbot):
    page, _ctx, _store = setup
    click(qtbot, page, "targetCopyYear")
    assert page.message.text().endswith("target disalin ke tahun 2027.")
    click(qtbot, page, "targetCopyYear")
    assert page.message.text() == (
        "Tidak ada yang disalin: setiap target 2026 sudah ada di tahun 2027.")


def fully_shown(widget) -> bool:
    """Not clipped by a scroll area or the window: the whole button can be seen."""
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


def test_every_button_shows_without_scrolling_in_a_1280x800_window(tmp_path, qtbot):
    ctx, store, _ = make_ctx(tmp_path, TODAY)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.open_page("target")
    page = window.page("target")
    row = [p.target.area_code for p in page.model.rows].index("cabang")
    rect = page.table.visualRect(page.model.index(row, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.editing is not None and page.editing.target == 63_339
    qtbot.keyClicks(page.potential, "-1")  # an error under a field makes the form taller
    click(qtbot, page, "targetSave")
    assert page.errors["potential"].isVisible()
    for name in ("targetNew", "targetDelete", "targetSave", "targetPaceEven", "targetPaceSave"):
        assert fully_shown(window.findChild(QPushButton, name)), name
    assert all(fully_shown(spin) for spin in page.months)
    page.months[0].setValue(5_000)
    click(qtbot, page, "targetPaceEven")
    assert [s.value() for s in page.months][:2] == [5_279, 5_279]
    store.close()


@pytest.fixture
def target_window(qtbot, tmp_path):
    """The window on the Target page; the seeded list: Kota Surakarta (no yearly figure),
    BPU and PU for the branch."""
    ctx, store, _ = make_ctx(tmp_path, TODAY)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_page("target")
    yield window, window.page("target"), store
    store.close()


def row_of(page, kind: str, area: str) -> int:
    return [(p.target.kind, p.target.area_code) for p in page.model.rows].index((kind, area))


def retype(qtbot, widget, text: str) -> None:
    """Select what the field holds and type over it."""
    (widget.lineEdit() if isinstance(widget, QSpinBox) else widget).selectAll()
    qtbot.keyClicks(widget, text)


BRANCH_NOTE = "Target BPU Solo dan Wonogiri (ANTARA, angka 2024)"


def test_picking_another_target_over_typing_asks_and_batal_stays(target_window, qtbot,
                                                                 monkeypatch):
    window, page, _store = target_window
    asked = answer_questions(monkeypatch, None)
    branch = row_of(page, "BPU", "cabang")
    click_row(qtbot, page.table, branch)
    qtbot.keyClicks(page.note, " (revisi)")
    click_row(qtbot, page.table, row_of(page, "BPU", "33.72"))
    wait_questions(qtbot, asked, 1)
    assert asked == [("Target belum disimpan", "Perubahan pada target BPU 2026 Cabang "
                      "Surakarta (Solo + Wonogiri) belum disimpan.", ("Simpan", "Buang"))]
    assert selected_rows(page.table) == (branch, [branch])
    assert page.editing.area_code == "cabang" and page.note.text() == BRANCH_NOTE + " (revisi)"
    # Closing the window asks the same; Batal keeps it open on the page.
    window.open_page("beranda")
    assert window.close() is False and len(asked) == 2
    assert window.stack.currentWidget() is page


@pytest.mark.parametrize(("choice", "note"), [("Buang", BRANCH_NOTE),
                                              ("Simpan", BRANCH_NOTE + " (revisi)")])
def test_buang_or_simpan_then_opens_the_picked_target(target_window, qtbot, monkeypatch,
                                                      choice, note):
    _window, page, store = target_window
    click_row(qtbot, page.table, row_of(page, "BPU", "cabang"))
    qtbot.keyClicks(page.note, " (revisi)")
    asked = answer_questions(monkeypatch, choice)
    city = row_of(page, "BPU", "33.72")
    click_row(qtbot, page.table, city)
    qtbot.waitUntil(lambda: page.editing.area_code == "33.72")
    assert len(asked) == 1 and page.potential.text() == "70.463"
    assert selected_rows(page.table) == (city, [city])
    assert find_target(store, 2026, "BPU", "cabang").note == note
    assert not page.has_unsaved_changes()


def test_a_refused_save_stays_with_the_message_next_to_the_field(target_window, qtbot,
                                                                 monkeypatch):
    _window, page, store = target_window
    branch = row_of(page, "BPU", "cabang")
    click_row(qtbot, page.table, branch)
    retype(qtbot, page.target, "banyak")
    asked = answer_questions(monkeypatch, "Simpan")
    click_row(qtbot, page.table, row_of(page, "PU", "cabang"))
    wait_questions(qtbot, asked, 1)
    assert page.errors["target"].isVisible()
    assert page.errors["target"].text() == "Isi angka bulat, contoh 63.339."
    assert selected_rows(page.table) == (branch, [branch]) and page.target.text() == "banyak"
    assert find_target(store, 2026, "BPU", "cabang").target == 63_339


def test_an_unsaved_monthly_pace_asks_and_simpan_saves_it_when_it_adds_up(
        target_window, qtbot, monkeypatch):
    _window, page, store = target_window
    branch = row_of(page, "BPU", "cabang")
    click_row(qtbot, page.table, branch)
    january, february = page.months[0].value(), page.months[1].value()
    retype(qtbot, page.months[0], str(january + 100))
    asked = answer_questions(monkeypatch, "Simpan")
    click_row(qtbot, page.table, row_of(page, "BPU", "33.72"))
    wait_questions(qtbot, asked, 1)
    assert "harus sama" in page.pace_sum.text()  # refused: the months no longer add up
    assert selected_rows(page.table) == (branch, [branch])
    assert page.months[0].value() == january + 100
    retype(qtbot, page.months[1], str(february - 100))
    click_row(qtbot, page.table, row_of(page, "BPU", "33.72"))
    qtbot.waitUntil(lambda: page.editing.area_code == "33.72")
    assert len(asked) == 2
    assert find_target(store, 2026, "BPU", "cabang").pace()[:2] == [january + 100,
                                                                   february - 100]


def test_baru_and_ctrl_n_ask_and_opening_or_saving_leaves_nothing_to_ask(
        target_window, qtbot, monkeypatch):
    window, page, _store = target_window
    asked = answer_questions(monkeypatch, None)
    for kind, area in (("BPU", "33.72"), ("BPU", "cabang"), ("PU", "cabang")):
        click_row(qtbot, page.table, row_of(page, kind, area))
    wait_questions(qtbot, asked, 0)
    assert (page.editing.kind, page.target.text()) == ("PU", "58.938")
    qtbot.keyClicks(page.note, " (revisi)")
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(page.note, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 2 and page.editing.kind == "PU"
    assert page.note.text().endswith(" (revisi)")
    answer_questions(monkeypatch, "Buang")
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.editing is None and page.note.text() == ""
    assert selected_rows(page.table) == (-1, [])
    # A save leaves nothing unsaved: the next row and closing the window ask nothing.
    asked = answer_questions(monkeypatch, None)
    click_row(qtbot, page.table, row_of(page, "BPU", "cabang"))
    qtbot.keyClicks(page.note, " (revisi)")
    click(qtbot, page, "targetSave")
    assert page.message.text() == "Target BPU 2026 tersimpan."
    click_row(qtbot, page.table, row_of(page, "BPU", "33.72"))
    wait_questions(qtbot, asked, 0)
    assert page.editing.area_code == "33.72"
    assert window.close() is True and asked == []


def test_saving_the_pace_keeps_what_is_typed_in_the_form(target_window, qtbot, monkeypatch):
    _window, page, _store = target_window
    answer_questions(monkeypatch, "Ratakan")  # the pace just saved is asked about
    click_row(qtbot, page.table, row_of(page, "BPU", "cabang"))
    qtbot.keyClicks(page.note, " (revisi)")
    for button in ("targetPaceSave", "targetPaceEven"):
        click(qtbot, page, button)
        assert page.note.text() == BRANCH_NOTE + " (revisi)", button
        assert page.has_unsaved_changes()


def change_year(qtbot, page, key=Qt.Key.Key_Up) -> None:
    """One step of the year box with the arrow keys, as the officer does."""
    page.year.setFocus()
    qtbot.keyClick(page.year, key)


def listed_years(page) -> set[int]:
    return {p.target.year for p in page.model.rows}


def test_another_year_shows_its_list_and_an_empty_form_and_simpan_keeps_the_year(
        target_window, qtbot, monkeypatch):
    """The target opened in 2026 is not saved under 2027 (moved) by Simpan after the year
    changed: the form is emptied, and what is typed then is a new 2027 target."""
    _window, page, store = target_window
    asked = answer_questions(monkeypatch, None)
    click_row(qtbot, page.table, row_of(page, "BPU", "cabang"))
    change_year(qtbot, page)
    wait_questions(qtbot, asked, 0)
    assert page.year.value() == 2027 and page.model.rowCount() == 0
    assert page.editing is None and page.target.text() == "" and page.note.text() == ""
    assert not page.delete_button.isEnabled() and selected_rows(page.table) == (-1, [])
    click(qtbot, page, "targetSave")  # nothing typed: refused, nothing moved
    assert page.errors["target"].isVisible()
    qtbot.keyClicks(page.target, "70.000")
    click(qtbot, page, "targetSave")
    assert page.message.text() == "Target BPU 2027 tersimpan."
    assert find_target(store, 2027, "BPU", "cabang").target == 70_000
    branch = find_target(store, 2026, "BPU", "cabang")
    assert (branch.target, branch.note, branch.version) == (63_339, BRANCH_NOTE, 1)
    assert listed_years(page) == {2027}
    change_year(qtbot, page, Qt.Key.Key_Down)
    assert listed_years(page) == {2026} and page.editing.year == 2026
    assert page.target.text() == "63.339"  # 2026's own branch target, as the key matches


def test_another_year_opens_the_same_target_of_that_year(target_window, qtbot):
    _window, page, store = target_window
    click(qtbot, page, "targetCopyYear")
    city = row_of(page, "BPU", "33.72")
    click_row(qtbot, page.table, city)
    change_year(qtbot, page)
    copied = find_target(store, 2027, "BPU", "33.72")
    assert page.editing.id == copied.id and listed_years(page) == {2027}
    row = row_of(page, "BPU", "33.72")
    assert selected_rows(page.table) == (row, [row])
    assert page.potential.text() == "70.463" and not page.has_unsaved_changes()
    retype(qtbot, page.potential, "71.000")
    click(qtbot, page, "targetSave")
    assert find_target(store, 2027, "BPU", "33.72").potential == 71_000
    assert find_target(store, 2026, "BPU", "33.72").potential == 70_463


def test_another_year_over_typing_asks_and_batal_puts_the_year_back(target_window, qtbot,
                                                                    monkeypatch):
    _window, page, store = target_window
    branch = row_of(page, "BPU", "cabang")
    click_row(qtbot, page.table, branch)
    qtbot.keyClicks(page.note, " (revisi)")
    asked = answer_questions(monkeypatch, None)
    page.year.setFocus()
    page.year.lineEdit().selectAll()
    qtbot.keyClicks(page.year, "2027")
    wait_questions(qtbot, asked, 1)
    assert asked == [("Target belum disimpan", "Perubahan pada target BPU 2026 Cabang "
                      "Surakarta (Solo + Wonogiri) belum disimpan.", ("Simpan", "Buang"))]
    assert page.year.value() == 2026 and listed_years(page) == {2026}
    assert selected_rows(page.table) == (branch, [branch])
    assert page.editing.area_code == "cabang" and page.note.text() == BRANCH_NOTE + " (revisi)"
    assert find_target(store, 2027, "BPU", "cabang") is None


@pytest.mark.parametrize(("choice", "note"), [("Buang", BRANCH_NOTE),
                                              ("Simpan", BRANCH_NOTE + " (revisi)")])
def test_another_year_over_typing_saves_or_drops_it_in_its_own_year(
        target_window, qtbot, monkeypatch, choice, note):
    _window, page, store = target_window
    click_row(qtbot, page.table, row_of(page, "BPU", "cabang"))
    qtbot.keyClicks(page.note, " (revisi)")
    asked = answer_questions(monkeypatch, choice)
    change_year(qtbot, page)
    wait_questions(qtbot, asked, 1)
    assert page.year.value() == 2027 and listed_years(page) == set()
    assert page.editing is None and page.note.text() == "" and not page.has_unsaved_changes()
    assert find_target(store, 2026, "BPU", "cabang").note == note
    assert find_target(store, 2027, "BPU", "cabang") is None


def test_a_new_target_typed_then_another_year_is_saved_in_the_year_it_was_typed(
        target_window, qtbot, monkeypatch):
    _window, page, store = target_window
    qtbot.keyClicks(page.officer, "Sri")
    qtbot.keyClicks(page.target, "120")
    asked = answer_questions(monkeypatch, "Simpan")
    change_year(qtbot, page, Qt.Key.Key_Down)
    wait_questions(qtbot, asked, 1)
    assert asked[0][1] == "Perubahan pada target baru belum disimpan."
    assert find_target(store, 2026, "BPU", "cabang", officer="Sri").target == 120
    assert find_target(store, 2025, "BPU", "cabang", officer="Sri") is None
    assert page.year.value() == 2025 and page.editing is None and page.target.text() == ""


def test_a_refresh_shows_a_change_made_elsewhere_unless_typing_is_over_it(
        target_window, qtbot, monkeypatch):
    from bpu_desktop.store.targets import TargetInput, save_target
    window, page, store = target_window
    asked = answer_questions(monkeypatch, None)
    branch = row_of(page, "BPU", "cabang")
    click_row(qtbot, page.table, branch)
    opened = page.editing
    save_target(store, TargetInput(year=2026, kind="BPU", area_code="cabang", target=64_000,
                                   note=BRANCH_NOTE), opened.id,
                expected_version=opened.version)
    window.ctx.signals.targets_changed.emit()
    assert page.target.text() == "64.000" and page.editing.version == 2
    assert selected_rows(page.table) == (branch, [branch]) and not page.has_unsaved_changes()
    qtbot.keyClicks(page.note, " (revisi)")
    save_target(store, TargetInput(year=2026, kind="BPU", area_code="cabang", target=65_000,
                                   note=BRANCH_NOTE), opened.id)
    window.ctx.signals.targets_changed.emit()
    wait_questions(qtbot, asked, 0)
    assert page.target.text() == "64.000" and page.note.text() == BRANCH_NOTE + " (revisi)"
    assert selected_rows(page.table) == (branch, [branch])


def type_slowly(qtbot, box, typed: str) -> None:
    """Letters a moment apart, as a person types them (Qt still reads them as one search)."""
    box.setFocus()
    for letter in typed:
        qtbot.keyClicks(box, letter)
        qtbot.wait(50)


NEW_KEYS = {
    "Jenis": (lambda qtbot, page: pick(qtbot, page.kind, "P"), ("PU", "33.72", None, None),
              "Belum ada target PU 2026 untuk Kota Surakarta"),
    "Wilayah": (lambda qtbot, page: pick(qtbot, page.area, "Kec. Law"),
                ("BPU", "33.72.01", None, None), "Belum ada target BPU 2026 untuk Kec. Laweyan"),
    "Segmen": (lambda qtbot, page: pick(qtbot, page.segment, "Ojek"),
               ("BPU", "33.72", "ojol", None),
               "Belum ada target BPU 2026 untuk Kota Surakarta, segmen Ojek online"),
    "Petugas": (lambda qtbot, page: pick(qtbot, page.officer, "Sri"),
                ("BPU", "33.72", None, "Sri"),
                "Belum ada target BPU 2026 untuk Kota Surakarta, petugas Sri"),
}


@pytest.mark.parametrize("field", list(NEW_KEYS))
def test_another_key_with_no_target_starts_a_new_one_and_the_open_one_stays(
        target_window, qtbot, monkeypatch, field):
    """Kota Surakarta open, another Jenis, Wilayah, Segmen or Petugas chosen that has no
    target: an empty form for a new target of that key (the city's figures are the
    city's), and Simpan adds it; the city's target is not moved."""
    _window, page, store = target_window
    asked = answer_questions(monkeypatch, None)
    click_row(qtbot, page.table, row_of(page, "BPU", "33.72"))
    change, key, message = NEW_KEYS[field]
    change(qtbot, page)
    wait_questions(qtbot, asked, 0)
    assert page.message.text() == message + ": isi angkanya untuk target baru."
    assert page.editing is None and selected_rows(page.table) == (-1, [])
    assert [e.text() for e in (page.target, page.potential, page.covered, page.note)] == [
        "", "", "", ""]
    assert not page.delete_button.isEnabled() and not page.has_unsaved_changes()
    qtbot.keyClicks(page.target, "120")
    click(qtbot, page, "targetSave")
    assert page.message.text() == f"Target {key[0]} 2026 tersimpan."
    added = find_target(store, 2026, *key)
    assert added is not None and added.target == 120 and page.editing.id == added.id
    assert city_untouched(store)


def test_typing_through_the_area_box_counts_only_where_it_stops(target_window, qtbot,
                                                                monkeypatch):
    """Typed letter by letter, "Kec. Law" passes over Kota Surakarta (which has a target)
    on its way to Laweyan: one question, about the typing in the branch target, once the
    letters pause; Batal puts Wilayah back and keeps the typing, which Simpan then saves
    in the branch target."""
    _window, page, store = target_window
    asked = answer_questions(monkeypatch, None)
    branch = row_of(page, "BPU", "cabang")
    click_row(qtbot, page.table, branch)
    qtbot.keyClicks(page.note, " (revisi)")
    type_slowly(qtbot, page.area, "Kec. Law")
    wait_questions(qtbot, asked, 1)
    assert asked == [("Target belum disimpan", "Perubahan pada target BPU 2026 Cabang "
                      "Surakarta (Solo + Wonogiri) belum disimpan.", ("Simpan", "Buang"))]
    assert page.area.currentData() == "cabang" and page.editing.area_code == "cabang"
    assert page.note.text() == BRANCH_NOTE + " (revisi)"
    assert selected_rows(page.table) == (branch, [branch])
    click(qtbot, page, "targetSave")
    wait_questions(qtbot, asked, 1)
    saved = find_target(store, 2026, "BPU", "cabang")
    assert (saved.note, saved.version) == (BRANCH_NOTE + " (revisi)", 2)
    assert find_target(store, 2026, "BPU", "33.72.01") is None and city_untouched(store)


@pytest.mark.parametrize(("choice", "note"), [("Buang", BRANCH_NOTE),
                                              ("Simpan", BRANCH_NOTE + " (revisi)")])
def test_another_area_over_typing_saves_or_drops_it_then_starts_a_new_target(
        target_window, qtbot, monkeypatch, choice, note):
    _window, page, store = target_window
    click_row(qtbot, page.table, row_of(page, "BPU", "cabang"))
    qtbot.keyClicks(page.note, " (revisi)")
    asked = answer_questions(monkeypatch, choice)
    pick_area(qtbot, page, "Kec. Law")
    wait_questions(qtbot, asked, 1)
    assert page.editing is None and page.area.currentData() == "33.72.01"
    assert (page.target.text(), page.note.text()) == ("", "")  # nothing carried over
    assert not page.has_unsaved_changes() and selected_rows(page.table) == (-1, [])
    branch = find_target(store, 2026, "BPU", "cabang")
    assert (branch.area_code, branch.note) == ("cabang", note)
    assert find_target(store, 2026, "BPU", "33.72.01") is None


def test_a_new_targets_typing_stays_while_its_key_is_chosen(target_window, qtbot,
                                                            monkeypatch):
    """A new target has no key of its own yet: what is typed in it stays, unasked, as
    Wilayah and Petugas change, and is saved under the key chosen last."""
    _window, page, store = target_window
    asked = answer_questions(monkeypatch, None)
    qtbot.keyClicks(page.target, "1.200")
    qtbot.keyClicks(page.note, "awal")
    pick_area(qtbot, page, "Kec. Law")
    pause(qtbot)
    pick_area(qtbot, page, "Kec. Ser")
    pick(qtbot, page.officer, "Sri")
    wait_questions(qtbot, asked, 0)
    assert page.area.currentData() == "33.72.02" and page.editing is None
    assert (page.target.text(), page.note.text()) == ("1.200", "awal")
    click(qtbot, page, "targetSave")
    assert find_target(store, 2026, "BPU", "33.72.02", officer="Sri").target == 1_200
    assert find_target(store, 2026, "BPU", "33.72.01") is None and city_untouched(store)


def test_a_new_targets_typing_asks_before_a_key_that_has_a_target(target_window, qtbot,
                                                                  monkeypatch):
    _window, page, store = target_window
    asked = answer_questions(monkeypatch, None)
    pick_area(qtbot, page, "Kec. Law")
    qtbot.keyClicks(page.target, "500")
    pause(qtbot)
    pick_area(qtbot, page, "Kota S")
    wait_questions(qtbot, asked, 1)
    assert asked[0][1] == "Perubahan pada target baru belum disimpan."
    assert page.area.currentData() == "33.72.01" and page.editing is None
    assert page.target.text() == "500"
    asked = answer_questions(monkeypatch, "Simpan")
    pause(qtbot)
    pick_area(qtbot, page, "Kota S")
    wait_questions(qtbot, asked, 1)
    assert page.editing.area_code == "33.72" and page.potential.text() == "70.463"
    assert page.target.text() == "" and not page.has_unsaved_changes()
    assert find_target(store, 2026, "BPU", "33.72.01").target == 500
    assert city_untouched(store)


def test_ctrl_s_straight_after_choosing_another_area_moves_nothing(target_window, qtbot,
                                                                   monkeypatch):
    """Ctrl+S before the choice has settled: the choice counts first (an empty form for
    Laweyan), and nothing is saved into the city's target."""
    _window, page, store = target_window
    asked = answer_questions(monkeypatch, None)
    click_row(qtbot, page.table, row_of(page, "BPU", "33.72"))
    page.area.setFocus()
    qtbot.keyClicks(page.area, "Kec. Law")
    qtbot.keyClick(page.area, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_questions(qtbot, asked, 0)
    assert page.editing is None and page.area.currentData() == "33.72.01"
    assert page.message.text().startswith("Belum ada target BPU 2026 untuk Kec. Laweyan")
    assert page.errors["target"].isHidden() and page.potential.text() == ""
    assert find_target(store, 2026, "BPU", "33.72.01") is None and city_untouched(store)


def test_a_pick_in_the_open_list_counts_at_once(target_window, qtbot, monkeypatch):
    """With the mouse in the open list there is nothing to pass over: no pause needed."""
    _window, page, store = target_window
    asked = answer_questions(monkeypatch, None)
    click_row(qtbot, page.table, row_of(page, "BPU", "33.72"))
    page.area.setFocus()
    page.area.showPopup()
    view = page.area.view()
    qtbot.waitUntil(view.isVisible)
    item = view.visualRect(view.model().index(page.area.findData("33.72.01"), 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=item.center())
    qtbot.wait(50)  # much less than a pause in typing
    assert page.editing is None
    assert page.message.text().startswith("Belum ada target BPU 2026 untuk Kec. Laweyan")
    wait_questions(qtbot, asked, 0)
    assert city_untouched(store)
