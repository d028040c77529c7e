"""The desk and the pledge's months: the domain's rule while typing, the store's refusal
of an edit shown next to Mulai bulan."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton

from bpu_desktop.store.members import MemberQuery, MemberRepository

from .conftest import enrol, nik_for
from .test_enrolment_form import _pledge, ctrl_s, type_person, w


def test_sponsor_paid_months_past_the_pledges_last_month_are_flagged_and_not_saved(
        window, store, qtbot) -> None:
    pledge = _pledge(store, date(2026, 12, 1), date(2027, 5, 1))
    window.open_page("peserta", mode="enrol", sponsorship_id=pledge.id,
                     sponsorship_label=pledge.label)
    type_person(qtbot, window, nik=nik_for(31, female=True), name="Lestari",
                phone="081366660031")  # 3 months paid
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    start = w(window, QLineEdit, "startMonthEdit")
    assert window.focusWidget() is start
    start.selectAll()
    qtbot.keyClicks(start, "04/2027")  # April to June: June is after the pledge
    error = w(window, QLabel, "startMonthError")
    assert error.isVisible()
    assert error.text().startswith(
        "Sponsor menanggung sampai Mei 2027; 3 bulan dari April 2027 berakhir Juni 2027, "
        "melewati bulan terakhir tanggungan.")
    ctrl_s(qtbot, window)
    assert MemberRepository(store).count(MemberQuery()) == 0
    months = w(window, QComboBox, "monthsCombo")
    months.setFocus()
    qtbot.keyClicks(months, "1")  # one month: April only
    assert months.currentData() == 1
    assert not error.isVisible()
    ctrl_s(qtbot, window)
    member = MemberRepository(store).find_by_nik(nik_for(31, female=True))
    assert member is not None and (member.start_month, member.paid_until) == (
        "2027-04", "2027-04")


def test_an_edit_moving_a_sponsor_paid_start_outside_the_pledge_is_refused_by_the_store(
        window, store, qtbot) -> None:
    """The desk checks only a new enrolment while typing; the store refuses the edit, and
    the desk shows its message next to Mulai bulan."""
    pledge = _pledge(store, date(2026, 12, 1), date(2027, 5, 1))
    member = enrol(store, 32, "Sri Wahyuni", funding="sponsor", start_month="2026-12",
                   sponsorship_id=pledge.id)
    page = window.page("peserta")
    page.edit_member(MemberRepository(store).get(member.id))
    start = w(window, QLineEdit, "startMonthEdit")
    start.selectAll()
    qtbot.keyClicks(start, "11/2026")
    ctrl_s(qtbot, window)
    assert w(window, QLabel, "startMonthError").text() == (
        "Sponsor menanggung Desember 2026 s.d. Mei 2027; November 2026 di luar masa "
        "tanggungan. Ubah bulan mulai, atau sumber dana bila peserta membayar sendiri.")
    assert "data belum disimpan" in w(window, QLabel, "formMessage").text()
    assert MemberRepository(store).get(member.id).start_month == "2026-12"


def test_a_sponsors_batch_offers_to_let_go_of_the_sponsor_not_an_event(
        window, store, qtbot) -> None:
    pledge = _pledge(store, date(2026, 12, 1), date(2027, 5, 1))
    window.open_page("peserta", mode="enrol", sponsorship_id=pledge.id,
                     sponsorship_label=pledge.label)
    button = w(window, QPushButton, "clearStickyButton")
    assert button.isVisible() and button.text() == "Lepas sponsor"


def test_a_sponsors_batch_takes_the_pledges_package_and_shows_what_the_sponsor_pays(
        window, store, qtbot) -> None:
    """The tester's case: a JKK + JKM pledge on Rp 1.000.000, September 2026 to February
    2027; a worker earning Rp 1.500.000 cannot take JHT on the sponsor's money, and the
    breakdown says what the sponsor pays for them (the Sponsor page's Rp 8.400)."""
    pledge = _pledge(store, date(2026, 9, 1), date(2027, 2, 1))
    window.open_page("peserta", mode="enrol", sponsorship_id=pledge.id,
                     sponsorship_label=pledge.label)
    jht = w(window, QCheckBox, "jhtCheck")
    assert not jht.isEnabled() and not jht.isChecked()
    hint = w(window, QLabel, "jhtPledgeHint")
    assert hint.isVisible() and hint.text() == "Ditentukan janji sponsor: paket JKK + JKM."
    type_person(qtbot, window, nik=nik_for(33, female=True), name="Lestari",
                phone="081366660033")  # income 1.500.000, 3 months; JHT skipped
    qtbot.mouseClick(jht, Qt.MouseButton.LeftButton)  # locked: a click changes nothing
    assert not jht.isChecked()
    assert w(window, QLineEdit, "startMonthEdit").text() == "11/2026"
    share = w(window, QLabel, "breakdownSponsor")
    assert share.isVisible()
    # The store's price of the pledge, November to January: the PP 50/2025 cut ends in
    # between, so the months differ (the Sponsor page's Rp 8.400 is November's).
    assert [pledge.amounts.per_worker_for(date(y, m, 1)) for y, m in (
        (2026, 11), (2026, 12), (2027, 1))] == [8_400, 8_400, 16_800]
    assert share.text() == (
        "Ditanggung sponsor: Rp 8.400 s.d. 16.800/bulan (dasar Rp 1.000.000, JKK + JKM)")
    ctrl_s(qtbot, window)
    member = MemberRepository(store).find_by_nik(nik_for(33, female=True))
    assert member is not None and not member.with_jht
    # The member's own money: JHT is theirs to choose, and the sponsor pays nothing.
    funding = w(window, QComboBox, "fundingCombo")
    funding.setCurrentIndex(funding.findData("self"))
    assert jht.isEnabled() and not hint.isVisible() and not share.isVisible()


def test_an_edit_ticking_jht_on_a_jkk_jkm_pledge_is_refused_next_to_jht(
        window, store, qtbot) -> None:
    pledge = _pledge(store, date(2026, 12, 1), date(2027, 5, 1))
    member = enrol(store, 34, "Sri Wahyuni", funding="sponsor", start_month="2026-12",
                   sponsorship_id=pledge.id)
    window.page("peserta").edit_member(MemberRepository(store).get(member.id))
    jht = w(window, QCheckBox, "jhtCheck")
    jht.setChecked(True)
    ctrl_s(qtbot, window)
    assert w(window, QLabel, "jhtError").text().startswith(
        "Sponsor menanggung paket JKK + JKM; JHT mengikuti janji sponsor.")
    assert not MemberRepository(store).get(member.id).with_jht
