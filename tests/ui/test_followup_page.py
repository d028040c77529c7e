"""Tindak lanjut: the officer sees whom to call, copies the message, marks the call, and a
payment recorded through PaymentDialog takes the member off the list."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from bpu_desktop.domain.followup import SHOW_LAPSING
from bpu_desktop.domain.sponsorship import (
    RENEWAL_WINDOW_DAYS,
    SponsorInput,
    SponsorshipInput,
    validate_sponsor,
)
from bpu_desktop.store.audit import history
from bpu_desktop.store.members import MemberRepository
from bpu_desktop.store.sponsors import SponsorRepository
from bpu_desktop.ui.payment_dialog import PaymentDialog
from bpu_desktop.ui.row_list_model import ROW_ROLE
from bpu_desktop.ui.tindak_lanjut_page import TindakLanjutPage
from tests.store.targets_helpers import TODAY, enrol, hand_counted
from tests.ui.targets_ctx import make_ctx


@pytest.fixture
def setup(qtbot, tmp_path):
    ctx, store, _opened = make_ctx(tmp_path, TODAY)
    members = hand_counted(store)
    page = TindakLanjutPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    yield page, ctx, store, members
    store.close()


def names(page):
    return [page.model.index(r, 0).data() for r in range(page.model.rowCount())]


def test_list_message_copy_and_contacted(setup, qtbot):
    page, _ctx, store, _members = setup
    assert names(page) == ["Ani", "Dedi"]
    assert page.count.text() == "2 peserta menunggak"
    assert page.model.index(0, 1).data() == "0812-1111-0001"
    assert page.model.index(0, 4).data() == "2 bulan  ⚠"
    assert "Segera nonaktif" in page.model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert page.message.toPlainText().startswith("Yth. Ibu Ani,")
    qtbot.mouseClick(page.findChild(QPushButton, "followupCopy"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == page.message.toPlainText()
    qtbot.mouseClick(page.findChild(QPushButton, "followupContacted"), Qt.MouseButton.LeftButton)
    assert page.model.index(0, 5).data() == "20/05/2026"
    assert history(store.conn, table="followup_contacts")[0].officer == "Sri"
    page.hide_contacted.setChecked(True)
    assert names(page) == ["Dedi"]


def test_new_lapse_appears_when_members_change(setup):
    page, ctx, store, _ = setup
    enrol(store, "Gita", female=True, enrolled_on=date(2026, 3, 2), start_month="2026-03",
          phone="0813-2222-3333")
    ctx.signals.members_changed.emit()
    # Longest unpaid first: Ani and Gita (paid to March) before Dedi (paid to April).
    listed = names(page)
    assert sorted(listed[:2]) == ["Ani", "Gita"] and listed[2] == "Dedi"
    page.show_combo.setCurrentIndex(page.show_combo.findData(SHOW_LAPSING))
    assert sorted(names(page)) == ["Ani", "Gita"]
    page.show_combo.setCurrentIndex(page.show_combo.findData("nonaktif"))
    assert names(page) == ["Bowo"]


def test_payment_through_dialog_changes_status(setup, qtbot, monkeypatch):
    page, ctx, store, members = setup
    dialogs: list[PaymentDialog] = []

    def ask(ctx_, member_id, parent=None):
        dialog = PaymentDialog(ctx_, member_id, parent)
        qtbot.addWidget(dialog)
        dialogs.append(dialog)
        assert "Menunggak" in dialog.who.text()
        dialog.months.setCurrentIndex(dialog.months.findData(3))
        assert dialog.covers.text() == "April 2026 s.d. Juni 2026"
        assert dialog.amount.text() == "Rp 25.200"
        dialog.channel.setCurrentIndex(dialog.channel.findData("jmo"))
        qtbot.mouseClick(dialog.findChild(QPushButton, "paymentSave"), Qt.MouseButton.LeftButton)
        return dialog.payment

    monkeypatch.setattr(PaymentDialog, "ask", staticmethod(ask))
    with qtbot.waitSignal(ctx.signals.payments_changed):
        qtbot.mouseClick(page.findChild(QPushButton, "followupPay"), Qt.MouseButton.LeftButton)
    assert dialogs[0].payment is not None and dialogs[0].payment.amount == 25_200
    assert names(page) == ["Dedi"]
    ani = MemberRepository(store).get(members["Ani"].id)
    assert ani is not None and ani.paid_until == "2026-06"


def test_payment_dialog_refuses_future_date(qtbot, tmp_path):
    ctx, store, _ = make_ctx(tmp_path, TODAY)
    ani = enrol(store, "Ani", enrolled_on=date(2026, 1, 10), start_month="2026-01", months=3)
    dialog = PaymentDialog(ctx, ani.id)
    qtbot.addWidget(dialog)
    assert dialog.paid_on.maximumDate().toPython() == TODAY
    dialog.channel.setCurrentIndex(-1)
    qtbot.mouseClick(dialog.findChild(QPushButton, "paymentSave"), Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Pilih saluran pembayaran."
    assert dialog.payment is None
    store.close()


def test_lapsed_member_can_be_reactivated_from_this_month(qtbot, tmp_path):
    ctx, store, _ = make_ctx(tmp_path, TODAY)
    bowo = enrol(store, "Bowo", segment="umkm", enrolled_on=date(2026, 1, 5),
                 start_month="2026-01")
    dialog = PaymentDialog(ctx, bowo.id)
    qtbot.addWidget(dialog)
    assert "Nonaktif" in dialog.who.text()
    assert dialog.covers.text() == "Februari 2026 s.d. Februari 2026"
    dialog.start.setCurrentIndex(1)
    assert dialog.covers.text() == "Mei 2026 s.d. Mei 2026"
    assert dialog.amount.text() == "Rp 8.400"  # umkm: May 2026 is in the discount window
    qtbot.mouseClick(dialog.findChild(QPushButton, "paymentSave"), Qt.MouseButton.LeftButton)
    row = MemberRepository(store).get(bowo.id)
    assert row is not None and row.paid_until == "2026-05"
    store.close()


def test_models_pass_modeltester(setup, qtmodeltester):
    page, ctx, store, _members = setup
    repo = SponsorRepository(store, today=TODAY)
    errors, clean = validate_sponsor(SponsorInput(
        name="PT Batik", type="swasta", contact_person="Pak Joko", phone="081234567890",
        kecamatan_code="33.72.05"))
    assert errors == {}
    batik = repo.save_sponsor(clean)
    # Ends on 31 May, 11 days after TODAY: due for renewal.
    repo.save_sponsorship(batik.id, SponsorshipInput(
        pledged=10, package="jkk_jkm", start=date(2026, 1, 1), end=date(2026, 5, 1),
        funding="sponsor"))
    ctx.signals.sponsors_changed.emit()
    assert page.model.rowCount() == 2
    assert page.sponsor_model.index(0, 3).data() == "0 / 10"
    assert page.sponsor_model.index(0, 0).data(ROW_ROLE).sponsor == "PT Batik"
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.sponsor_model)


def test_the_sponsor_box_names_the_window_the_list_is_drawn_from(setup):
    # One renewal window: the store's list follows `renewal_due` (tests/store/
    # test_outreach_progress.py), whose window the title names.
    page, _ctx, _store, _members = setup
    assert page.sponsor_box.title() == f"Sponsor yang berakhir dalam {RENEWAL_WINDOW_DAYS} hari"
