"""Target page: type a target keyboard-only, see progress, edit the monthly pace."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from bpu_desktop.store.audit import history
from bpu_desktop.store.targets import find_target
from bpu_desktop.ui.beranda_page import BerandaPage
from bpu_desktop.ui.main_window import MainWindow
from bpu_desktop.ui.target_page import TargetPage
from tests.store.targets_helpers import TODAY, enrol
from tests.ui.targets_ctx import make_ctx

from .conftest import answer_questions


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


def test_field_errors_and_monthly_pace(setup, qtbot):
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


def pick_area(qtbot, page, typed: str) -> None:
    """Choose an area with the keyboard, as an officer does on the closed combo box."""
    page.area.setFocus()
    qtbot.keyClicks(page.area, typed)


def test_each_attempt_replaces_the_last_message(setup, qtbot):
    page, _ctx, _store = setup
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
    assert asked == [("Hapus target", "Hapus target ini?", ("Hapus",))]
    assert find_target(store, 2026, "BPU", "33.72") is not None
    answer_questions(monkeypatch, "Hapus")
    click(qtbot, page, "targetDelete")
    assert find_target(store, 2026, "BPU", "33.72") is None and page.editing is None


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
