"""The payment dialog never lets a payment skip months a member still owes: only a lapsed
(nonaktif) member may restart from the current month."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QLabel, QPushButton

from bpu_desktop.store.members import MemberRepository
from bpu_desktop.store.payments import payments_for
from bpu_desktop.ui.payment_dialog import PaymentDialog

from .conftest import TODAY, enrol


def open_dialog(ctx, qtbot, member_id: str) -> PaymentDialog:  # type: ignore[no-untyped-def]
    ctx.extras["today"] = lambda: TODAY
    dialog = PaymentDialog(ctx, member_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def starts(dialog: PaymentDialog) -> list[str]:
    combo = dialog.findChild(QComboBox, "paymentStart")
    return [combo.itemText(i) for i in range(combo.count())]


def save(qtbot, dialog: PaymentDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.findChild(QPushButton, "paymentSave"), Qt.MouseButton.LeftButton)


def test_a_member_in_arrears_pays_from_the_first_unpaid_month_only(ctx, store, qtbot) -> None:
    """Paid to September on 20 November: October and November owed (Menunggak). No
    "November 2026 (aktifkan kembali …)": October would be skipped."""
    member = enrol(store, 41, "Ani Lestari", enrolled_on="2026-09-02", start_month="2026-09")
    dialog = open_dialog(ctx, qtbot, member.id)
    assert "Menunggak" in dialog.findChild(QLabel, "paymentMember").text()
    assert starts(dialog) == ["Oktober 2026 (bulan pertama belum dibayar)"]
    assert not dialog.findChild(QComboBox, "paymentStart").isEnabled()  # nothing to choose
    assert dialog.findChild(QLabel, "paymentCovers").text() == "Oktober 2026 s.d. Oktober 2026"
    save(qtbot, dialog)
    row = MemberRepository(store).get(member.id)
    assert row is not None and row.paid_until == "2026-10"
    assert [p.from_month for p in payments_for(store, member.id)] == ["2026-10"]


def test_a_lapsed_member_may_restart_this_month(ctx, store, qtbot) -> None:
    """Paid to August on 20 November: three months unpaid, Nonaktif: the officer may
    re-activate from November (the lapsed months stay unpaid)."""
    member = enrol(store, 42, "Bowo Prasetyo", enrolled_on="2026-08-03", start_month="2026-08")
    dialog = open_dialog(ctx, qtbot, member.id)
    assert "Nonaktif" in dialog.findChild(QLabel, "paymentMember").text()
    assert starts(dialog) == ["September 2026 (bulan pertama belum dibayar)",
                              "November 2026 (aktifkan kembali mulai bulan ini)"]
    combo = dialog.findChild(QComboBox, "paymentStart")
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert dialog.findChild(QLabel, "paymentCovers").text() == "November 2026 s.d. November 2026"
    save(qtbot, dialog)
    row = MemberRepository(store).get(member.id)
    assert row is not None and row.paid_until == "2026-11"


def test_esc_on_the_open_calendar_closes_only_the_calendar(ctx, store, qtbot) -> None:
    member = enrol(store, 43, "Citra Dewi", enrolled_on="2026-11-02", start_month="2026-11")
    dialog = open_dialog(ctx, qtbot, member.id)
    date_edit = dialog.findChild(QDateEdit, "paymentDate")
    date_edit.setFocus()
    # The calendar opens from the arrow, with the mouse (Qt gives it no key).
    qtbot.mouseClick(date_edit, Qt.MouseButton.LeftButton,
                     pos=QPoint(date_edit.width() - 6, date_edit.height() // 2))
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    popup = QApplication.activePopupWidget()
    qtbot.keyClick(popup.focusWidget() or popup, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.payment is None


def sponsor_umi(store):  # type: ignore[no-untyped-def]
    """Umi paid July 2026 herself; CV Jamu Makmur pays August 2026 to January 2027."""
    from datetime import date

    from bpu_desktop.domain.sponsorship import SponsorInput, SponsorshipInput, validate_sponsor
    from bpu_desktop.store.sponsors import SponsorRepository

    umi = enrol(store, 44, "Umi Astuti", enrolled_on="2026-07-01", start_month="2026-07")
    repo = SponsorRepository(store, today=TODAY)
    sponsor = repo.save_sponsor(validate_sponsor(SponsorInput(name="CV Jamu Makmur",
                                                              type="swasta"))[1])
    pledge = repo.save_sponsorship(sponsor.id, SponsorshipInput(
        pledged=10, package="jkk_jkm", start=date(2026, 8, 1), end=date(2027, 1, 1),
        funding="sponsor"))
    repo.assign(pledge.id, umi.id)
    return umi


def test_a_sponsored_member_pays_after_the_sponsors_months(ctx, store, qtbot) -> None:
    """Her own months ended in July, but the sponsor pays to January 2027: she is Aktif,
    as the Beranda says, and her own payment starts in February 2027."""
    umi = sponsor_umi(store)
    dialog = open_dialog(ctx, qtbot, umi.id)
    who = dialog.findChild(QLabel, "paymentMember").text()
    assert "Dibayar s.d. Juli 2026" in who
    assert "ditanggung CV Jamu Makmur s.d. Januari 2027" in who
    assert "status <b>Aktif</b>" in who
    assert starts(dialog) == [
        "Februari 2027 (setelah bulan yang ditanggung sponsor, s.d. Januari 2027)"]
    assert dialog.findChild(QLabel, "paymentCovers").text() == "Februari 2027 s.d. Februari 2027"
    save(qtbot, dialog)
    assert [p.from_month for p in payments_for(store, umi.id)] == ["2027-02"]


def sponsor_gita(store):  # type: ignore[no-untyped-def]
    """Gita paid September 2026 herself; PT Sekar Lawu pays December 2026 to May 2027.
    On 20 November October and November are unpaid: the pledge waits for them."""
    from datetime import date

    from bpu_desktop.domain.sponsorship import SponsorInput, SponsorshipInput, validate_sponsor
    from bpu_desktop.store.sponsors import SponsorRepository

    gita = enrol(store, 45, "Gita Purnama", enrolled_on="2026-09-01", start_month="2026-09")
    repo = SponsorRepository(store, today=TODAY)
    sponsor = repo.save_sponsor(validate_sponsor(SponsorInput(name="PT Sekar Lawu",
                                                              type="swasta"))[1])
    pledge = repo.save_sponsorship(sponsor.id, SponsorshipInput(
        pledged=10, package="jkk_jkm", start=date(2026, 12, 1), end=date(2027, 5, 1),
        funding="sponsor"))
    repo.assign(pledge.id, gita.id)
    return gita


def test_a_gap_before_a_pledge_is_paid_first_and_the_sponsors_months_are_not(
        ctx, store, qtbot) -> None:
    gita = sponsor_gita(store)
    dialog = open_dialog(ctx, qtbot, gita.id)
    who = dialog.findChild(QLabel, "paymentMember").text()
    assert "status <b>Menunggak</b>" in who
    assert ("Tanggungan PT Sekar Lawu mulai Desember 2026 berlaku setelah iuran Oktober "
            "2026 s.d. November 2026 dibayar.") in who
    assert starts(dialog) == ["Oktober 2026 (bulan pertama belum dibayar)"]
    save_button = dialog.findChild(QPushButton, "paymentSave")
    error = dialog.findChild(QLabel, "paymentError")
    months = dialog.findChild(QComboBox, "paymentMonths")
    months.setFocus()
    assert [months.itemText(i) for i in range(months.count())] == [
        "1 bulan", "2 bulan", "3 bulan", "6 bulan", "12 bulan"]  # 2: the gap owed
    qtbot.keyClick(months, Qt.Key.Key_Down)
    qtbot.keyClick(months, Qt.Key.Key_Down)  # 3 months: October - December
    assert dialog.findChild(QLabel, "paymentCovers").text() == "Oktober 2026 s.d. Desember 2026"
    assert error.text() == (
        "Desember 2026 s.d. Mei 2027 ditanggung PT Sekar Lawu: pembayaran mulai Oktober 2026 "
        "paling banyak 2 bulan (s.d. November 2026), agar bulan yang ditanggung sponsor "
        "tidak dibayar dua kali.")
    assert not save_button.isEnabled()
    qtbot.keyClick(months, Qt.Key.Key_Up)  # back to 2 months: the whole gap in one payment
    assert dialog.findChild(QLabel, "paymentCovers").text() == "Oktober 2026 s.d. November 2026"
    assert error.text() == "" and save_button.isEnabled()
    save(qtbot, dialog)
    # The gap is paid: the pledge continues her months, Aktif to May 2027.
    dialog = open_dialog(ctx, qtbot, gita.id)
    who = dialog.findChild(QLabel, "paymentMember").text()
    assert "ditanggung PT Sekar Lawu s.d. Mei 2027" in who
    assert "status <b>Aktif</b>" in who and "berlaku setelah" not in who
    assert starts(dialog) == [
        "Juni 2027 (setelah bulan yang ditanggung sponsor, s.d. Mei 2027)"]
    assert [(p.from_month, p.months) for p in payments_for(store, gita.id)] == [("2026-10", 2)]


def test_two_months_behind_pays_both_as_one_payment_at_the_reminders_amount(
        ctx, store, qtbot) -> None:
    """Paid to September on 20 November: the reminder asks for October and November;
    "2 bulan" records them as one payment of that amount."""
    from bpu_desktop.domain.money import format_rupiah
    from bpu_desktop.store.followup import FollowupQuery, members_page

    member = enrol(store, 44, "Dewi Anggraini", enrolled_on="2026-09-02",
                   start_month="2026-09")
    [row] = members_page(store, FollowupQuery(today=TODAY), 0, 10)
    dialog = open_dialog(ctx, qtbot, member.id)
    months = dialog.findChild(QComboBox, "paymentMonths")
    assert [months.itemText(i) for i in range(months.count())] == [
        "1 bulan", "2 bulan", "3 bulan", "6 bulan", "12 bulan"]
    months.setFocus()
    qtbot.keyClick(months, Qt.Key.Key_Down)  # "2 bulan"
    assert months.currentText() == "2 bulan"
    assert dialog.findChild(QLabel, "paymentCovers").text() == "Oktober 2026 s.d. November 2026"
    amount = dialog.findChild(QLabel, "paymentAmount").text()
    assert f"Jumlah yang perlu dibayar: {amount} (2 bulan)." in row.message
    save(qtbot, dialog)
    saved = MemberRepository(store).get(member.id)
    assert saved is not None and saved.paid_until == "2026-11"
    [payment] = payments_for(store, member.id)
    assert (payment.from_month, payment.months, format_rupiah(payment.amount)) == (
        "2026-10", 2, amount)
