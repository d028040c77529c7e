"""The member list: paging model, search, filters, open to edit, delete."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton

from bpu_desktop.domain.money import format_rupiah
from bpu_desktop.store.members import MemberQuery, MemberRepository
from bpu_desktop.store.payments import payments_for, record_payment
from bpu_desktop.ui import member_table_model
from bpu_desktop.ui.confirm_dialog import ConfirmDialog
from bpu_desktop.ui.member_table_model import (
    COL_AGE,
    COL_AMOUNT,
    COL_NAME,
    COL_NIK,
    COL_SEX,
    HEADERS,
    MEMBER_ROW_ROLE,
    MemberTableModel,
)

from .conftest import TODAY, enrol, nik_for


def label(i: int) -> str:
    """Names sort like their numbers and hold no digits: 1 -> "Peserta Aab"."""
    return f"Peserta {chr(65 + i // 676)}{chr(97 + (i // 26) % 26)}{chr(97 + i % 26)}"


@pytest.fixture
def many(store):
    """450 members, enough for three pages of the model."""
    repo = MemberRepository(store)
    with store.write():  # one transaction: one fsync instead of 450
        rows = [enrol(store, i, label(i)) for i in range(1, 451)]
    assert repo.count(MemberQuery()) == 450
    return rows


def test_model_passes_qtmodeltester(store, qtmodeltester) -> None:
    enrol(store, 1, "Ani")
    enrol(store, 2, "Budi")
    model = MemberTableModel(MemberRepository(store))
    qtmodeltester.check(model)
    assert model.headerData(COL_NIK, Qt.Orientation.Horizontal) == "NIK"
    assert model.columnCount() == len(HEADERS)


def test_model_pages_lazily_with_a_bounded_cache(many, store, qtmodeltester, monkeypatch) -> None:
    monkeypatch.setattr(member_table_model, "MAX_PAGES", 2)
    model = MemberTableModel(MemberRepository(store), today=date(2026, 11, 20))
    assert model.rowCount() == 450
    assert model.cached_pages() == 0  # counting fetched no rows
    assert model.data(model.index(449, COL_NAME)) == label(450)
    assert model.cached_pages() == 1
    assert model.data(model.index(0, COL_NAME)) == label(1)
    assert model.data(model.index(250, COL_NAME)) == label(251)
    assert model.cached_pages() == 2  # the oldest page was dropped
    assert model.data(model.index(0, COL_AGE)) == "36"
    assert model.data(model.index(3, 0), MEMBER_ROW_ROLE).nik == nik_for(4)
    qtmodeltester.check(model)


def test_sort_is_done_by_the_store(many, store) -> None:
    model = MemberTableModel(MemberRepository(store))
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, COL_NAME)) == label(450)
    assert model.query.sort == "name" and model.query.descending
    model.sort(COL_AMOUNT)  # not sortable: order unchanged
    assert model.data(model.index(0, COL_NAME)) == label(450)


def page_of(window):
    page = window.page("peserta")
    page.on_search()
    return page


def test_search_by_name_or_nik_prefix_is_debounced(many, window, qtbot) -> None:
    page = page_of(window)
    count = window.findChild(QLabel, "countLabel")
    page.list.refresh()
    assert count.text() == "450 peserta"
    search = window.findChild(QLineEdit, "searchEdit")
    assert window.focusWidget() is search  # Ctrl+F put the cursor there
    qtbot.keyClicks(search, "peserta ae")
    assert count.text() == "450 peserta"  # not yet: waits for the typing to stop
    qtbot.waitUntil(lambda: count.text() == "26 peserta", timeout=2000)
    search.clear()
    qtbot.keyClicks(search, nik_for(33))
    qtbot.waitUntil(lambda: count.text() == "1 peserta", timeout=2000)
    assert page.list.model.member_at(0).name == label(33)


def test_new_member_appears_in_the_list_and_count_changes(window, store, qtbot) -> None:
    page = page_of(window)
    count = window.findChild(QLabel, "countLabel")
    assert count.text() == "0 peserta"
    enrol(store, 1, "Ani Wijaya")
    window.ctx.signals.members_changed.emit()
    assert count.text() == "1 peserta"
    assert page.list.model.data(page.list.model.index(0, COL_NAME)) == "Ani Wijaya"


def test_delete_key_asks_then_removes_softly(window, store, qtbot, monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(
        lambda cls, parent, title, text, ok_label="Ya": asked.append(text) or True))
    gone = enrol(store, 1, "Ani Wijaya")
    enrol(store, 2, "Budi Santoso")
    page = page_of(window)
    page.list.refresh()
    table = page.list.table
    page.list.select_row(0)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert "Ani Wijaya" in asked[0]
    assert window.findChild(QLabel, "countLabel").text() == "1 peserta"
    assert page.list.model.member_at(0).name == "Budi Santoso"
    assert MemberRepository(store).get(gone.id) is None
    deleted_at = store.conn.execute("SELECT deleted_at FROM members WHERE id = ?",
                                    (gone.id,)).fetchone()[0]
    assert deleted_at  # a tombstone, not a removed row


def test_delete_confirmation_names_the_money_that_leaves_the_reports(
        window, store, qtbot, monkeypatch) -> None:
    """A member with a payment: the question says how much was paid and that the
    payments go too; saying yes tombstones the payment with the member."""
    asked: list[str] = []
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(
        lambda cls, parent, title, text, ok_label="Ya": asked.append(text) or True))
    ani = enrol(store, 1, "Ani Wijaya")
    payment = record_payment(store, ani.id, months=1, paid_on=TODAY, channel="agen",
                             today=TODAY)
    total = format_rupiah(int(ani.amount_paid or 0) + payment.amount)
    page = page_of(window)
    page.list.refresh()
    page.list.select_row(0)
    qtbot.mouseClick(window.findChild(QPushButton, "deleteButton"), Qt.MouseButton.LeftButton)
    assert (f"Peserta ini sudah membayar {total} (iuran pendaftaran dan 1 pembayaran). "
            "Data pembayaran ikut terhapus dan tidak lagi dihitung di laporan.") in asked[0]
    assert window.findChild(QLabel, "countLabel").text() == "0 peserta"
    assert payments_for(store, ani.id) == []


def test_declining_the_confirmation_keeps_the_member(window, store, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a, **k: False))
    kept = enrol(store, 1, "Ani Wijaya")
    page = page_of(window)
    page.list.refresh()
    page.list.select_row(0)
    qtbot.mouseClick(window.findChild(QPushButton, "deleteButton"), Qt.MouseButton.LeftButton)
    assert MemberRepository(store).get(kept.id) is not None
    assert window.findChild(QLabel, "countLabel").text() == "1 peserta"


def test_open_with_list_filters_by_kecamatan_segment_and_event(window, store) -> None:
    enrol(store, 1, "Ani Laweyan")
    enrol(store, 2, "Budi Jebres", kecamatan="33.72.04", kelurahan="Kepatihan Kulon")
    enrol(store, 3, "Cici Pasar", segment="pedagang_pasar")
    ev = enrol(store, 4, "Dedi Acara", event_id="ev-9")
    window.open_page("peserta", mode="list", kecamatan_code="33.72.04")
    page = window.page("peserta")
    assert page.tabs.currentIndex() == 1
    assert window.findChild(QComboBox, "kecamatanFilter").currentText() == "Jebres"
    assert window.findChild(QLabel, "countLabel").text() == "1 peserta"
    assert page.list.model.member_at(0).name == "Budi Jebres"
    window.open_page("peserta", mode="list", segment="pedagang_pasar")
    assert [page.list.model.member_at(0).name] == ["Cici Pasar"]
    assert window.findChild(QLabel, "countLabel").text() == "1 peserta"
    window.open_page("peserta", mode="list", event_id="ev-9", event_label="Bazar UMKM")
    assert page.list.model.member_at(0).id == ev.id
    assert "Bazar UMKM" in window.findChild(QLabel, "extraFilterLabel").text()
    window.open_page("peserta", mode="list", month=date(2026, 11, 5))
    assert window.findChild(QComboBox, "monthFilter").currentText() == "November 2026"
    assert window.findChild(QLabel, "countLabel").text() == "4 peserta"
    window.findChild(QPushButton, "clearFiltersButton").click()
    assert window.findChild(QLabel, "countLabel").text() == "4 peserta"
    assert window.findChild(QComboBox, "monthFilter").currentIndex() == 0


def test_status_filter_uses_the_domain_rule(window, store) -> None:
    # Paid through Nov 2026; on 20 Nov 2026 nothing is overdue. Paid through Jul 2026: inactive.
    enrol(store, 1, "Ani Rajin")
    enrol(store, 2, "Budi Lupa", start_month="2026-07", enrolled_on="2026-07-01")
    page = page_of(window)
    page.list._today = date(2026, 11, 20)
    window.open_page("peserta", mode="list", status="nonaktif")
    assert window.findChild(QLabel, "countLabel").text() == "1 peserta"
    assert page.list.model.member_at(0).name == "Budi Lupa"
    enrol(store, 3, "Citra Telat", start_month="2026-10", enrolled_on="2026-10-01")
    # After the 15th, November itself is overdue: paid only up to October is in arrears.
    window.open_page("peserta", mode="list", status="menunggak")
    assert window.findChild(QLabel, "countLabel").text() == "1 peserta"
    assert page.list.model.member_at(0).name == "Citra Telat"
    window.open_page("peserta", mode="list", status="aktif")
    assert window.findChild(QLabel, "countLabel").text() == "1 peserta"
    assert page.list.model.member_at(0).name == "Ani Rajin"


def test_status_filter_counts_months_a_sponsor_pays(window, store) -> None:
    """Umi paid only July herself, and CV Jamu Makmur pays for her to January 2027: the
    Beranda counts her Aktif, so the list filtered Aktif shows her (not Nonaktif)."""
    from bpu_desktop.domain.sponsorship import SponsorInput, SponsorshipInput, validate_sponsor
    from bpu_desktop.store.progress_stats import status_counts
    from bpu_desktop.store.sponsors import SponsorRepository

    enrol(store, 1, "Ani Rajin")
    umi = enrol(store, 2, "Umi Astuti", start_month="2026-07", enrolled_on="2026-07-01")
    repo = SponsorRepository(store, today=TODAY)
    sponsor = repo.save_sponsor(validate_sponsor(SponsorInput(name="CV Jamu Makmur",
                                                              type="swasta"))[1])
    pledge = repo.save_sponsorship(sponsor.id, SponsorshipInput(
        pledged=10, package="jkk_jkm", start=date(2026, 8, 1), end=date(2027, 1, 1),
        funding="sponsor"))
    repo.assign(pledge.id, umi.id)
    page = page_of(window)
    page.list._today = TODAY
    counts = status_counts(store, TODAY)
    assert (counts.aktif, counts.nonaktif) == (2, 0)
    window.open_page("peserta", mode="list", status="aktif")
    assert window.findChild(QLabel, "countLabel").text() == "2 peserta"
    assert [page.list.model.member_at(i).name for i in range(2)] == ["Ani Rajin",
                                                                      "Umi Astuti"]
    window.open_page("peserta", mode="list", status="nonaktif")
    assert window.findChild(QLabel, "countLabel").text() == "0 peserta"


def test_sort_arrow_follows_the_nik_order_of_a_nik_search(window, store, qtbot) -> None:
    enrol(store, 1, "Budi")
    enrol(store, 2, "Ani")
    page = page_of(window)
    page.list.refresh()
    header = page.list.table.horizontalHeader()
    assert header.sortIndicatorSection() == COL_NAME
    search = window.findChild(QLineEdit, "searchEdit")
    qtbot.keyClicks(search, nik_for(1)[:6])
    qtbot.waitUntil(lambda: header.sortIndicatorSection() == COL_NIK, timeout=2000)
    assert page.list.model.member_at(0).name == "Budi"  # NIK order, as the arrow says
    assert page.list.model.query.sort == "name"  # the chosen sort is kept for later
    search.clear()
    qtbot.waitUntil(lambda: header.sortIndicatorSection() == COL_NAME, timeout=2000)
    assert page.list.model.member_at(0).name == "Ani"


def test_model_reports_the_column_really_sorted(store) -> None:
    model = MemberTableModel(MemberRepository(store))
    assert model.sort_column() == COL_NAME
    model.set_query(MemberQuery(search="3372"))
    assert model.sort_column() == COL_NIK
    model.set_query(MemberQuery(search="budi"))
    assert model.sort_column() == COL_NAME
    model.set_query(MemberQuery(search="3372", sort="phone"))
    assert model.sort_column() != COL_NIK


def test_search_then_down_then_enter_opens_the_first_result(window, store, qtbot) -> None:
    """Typed fast: Down before the search has run still lands on its first result."""
    enrol(store, 1, "Ani Wijaya")
    enrol(store, 2, "Budi Santoso")
    enrol(store, 3, "Budi Utomo")
    page = page_of(window)
    page.list.refresh()
    page.list.select_row(0)  # a row chosen before the search
    page.list.focus_search()
    qtbot.keyClicks(page.list.search_edit, "budi")
    qtbot.keyClick(page.list.search_edit, Qt.Key.Key_Down)
    table = page.list.table
    assert window.focusWidget() is table
    assert table.currentIndex().row() == 0
    assert page.list.selected_member().name == "Budi Santoso"
    with qtbot.waitSignal(table.open_requested):
        qtbot.keyClick(table, Qt.Key.Key_Return)


@pytest.mark.parametrize("typed", ["%", "_", "A%", "_ni", "\\"])
def test_percent_and_underscore_in_the_search_are_letters_not_wildcards(
        window, store, qtbot, typed) -> None:
    """No name holds them, so nobody is found (a "%" used to list every member)."""
    enrol(store, 1, "Ani Wijaya")
    enrol(store, 2, "Budi Santoso")
    page = page_of(window)
    page.list.refresh()
    count = window.findChild(QLabel, "countLabel")
    assert count.text() == "2 peserta"
    search = window.findChild(QLineEdit, "searchEdit")
    qtbot.keyClicks(search, typed)
    qtbot.waitUntil(lambda: page.list.model.query.search == typed, timeout=2000)
    assert count.text() == "0 peserta"
    assert page.list.model.rowCount() == 0
    search.clear()
    qtbot.keyClicks(search, "ani")
    qtbot.waitUntil(lambda: count.text() == "1 peserta", timeout=2000)


def click_header(qtbot, table, column: int) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))


def shown(page, column: int) -> list[str]:
    model = page.list.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_clicking_umur_sorts_youngest_first_then_oldest(window, store, qtbot) -> None:
    enrol(store, 1, "Ani Tengah", nik=nik_for(1, year=90))
    enrol(store, 2, "Budi Tua", nik=nik_for(2, year=70))
    enrol(store, 3, "Citra Muda", nik=nik_for(3, year=2, female=True))
    page = page_of(window)
    page.list.model._today = date(2026, 11, 20)
    page.list.refresh()
    table = page.list.table
    header = table.horizontalHeader()
    click_header(qtbot, table, COL_AGE)
    assert shown(page, COL_NAME) == ["Citra Muda", "Ani Tengah", "Budi Tua"]
    assert shown(page, COL_AGE) == ["24", "36", "56"]
    assert header.sortIndicatorSection() == COL_AGE
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    click_header(qtbot, table, COL_AGE)
    assert shown(page, COL_AGE) == ["56", "36", "24"]
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


@pytest.mark.parametrize("column", [COL_SEX, COL_AMOUNT])
def test_headers_that_cannot_sort_say_so_and_leave_the_order(window, store, qtbot,
                                                             column) -> None:
    enrol(store, 1, "Budi", months_paid=12)
    enrol(store, 2, "Ani", nik=nik_for(2, female=True))
    page = page_of(window)
    page.list.refresh()
    table = page.list.table
    header = table.horizontalHeader()
    model = page.list.model
    assert "tidak bisa diurutkan" in model.headerData(
        column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "klik untuk mengurutkan" in model.headerData(
        COL_NAME, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole).lower()
    muted = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ForegroundRole)
    assert muted is not None
    assert model.headerData(COL_NAME, Qt.Orientation.Horizontal,
                            Qt.ItemDataRole.ForegroundRole) is None
    with qtbot.assertNotEmitted(header.sectionClicked):
        click_header(qtbot, table, column)
    assert shown(page, COL_NAME) == ["Ani", "Budi"]
    assert header.sortIndicatorSection() == COL_NAME
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    click_header(qtbot, table, COL_NAME)  # the others still sort
    assert shown(page, COL_NAME) == ["Budi", "Ani"]


def test_a_refused_delete_says_why_in_a_box_closed_with_tutup(
        window, store, qtbot, monkeypatch) -> None:
    """The box used to be a plain QMessageBox.warning with an English "OK" button."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

    from bpu_desktop.store.errors import StoreError

    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a, **k: True))
    kept = enrol(store, 1, "Ani Wijaya")
    page = page_of(window)
    page.list.refresh()
    page.list.select_row(0)
    busy = "Berkas data sedang dipakai proses lain. Tunggu sebentar lalu coba lagi."

    def refuse(member_id: str) -> None:
        raise StoreError(busy)

    monkeypatch.setattr(page.list.repo, "delete", refuse)
    seen: list[tuple[str, list[str]]] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, close_box)
            return
        buttons = [b for b in box.findChildren(QAbstractButton) if b.isVisible()]
        seen.append((box.text(), [b.text() for b in buttons]))
        box.done(0)

    QTimer.singleShot(0, close_box)
    qtbot.mouseClick(window.findChild(QPushButton, "deleteButton"), Qt.MouseButton.LeftButton)
    assert seen == [(busy, ["Tutup"])]
    assert MemberRepository(store).get(kept.id) is not None


def test_every_column_fits_a_maximised_1366x768_window(window, store, qtbot) -> None:
    """Terdaftar and Petugas used to be off-screen on the laptops' 1366x768 screens."""
    enrol(store, 1, "Ani Wijaya")
    window.resize(1366, 768)
    page = page_of(window)
    window.open_page("peserta", mode="list")
    qtbot.waitUntil(lambda: page.list.table.viewport().width() > 1000)
    qtbot.wait(50)
    table = page.list.table
    header = table.horizontalHeader()
    last = len(member_table_model.HEADERS) - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) \
        <= table.viewport().width()
    assert header.sectionSize(last) >= 80  # Petugas is readable, not a sliver
    assert table.horizontalScrollBar().maximum() == 0
