"""Daftar Peserta's "Dibayar s.d.": the last month nobody owes for, own payments or a live
sponsorship, as the status filter and Tindak Lanjut count it; the tooltip says when a
sponsor pays part of it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from bpu_desktop.domain.sponsorship import SponsorInput, SponsorshipInput, validate_sponsor
from bpu_desktop.store.members import MemberRepository
from bpu_desktop.store.sponsors import SponsorRepository
from bpu_desktop.ui.member_table_model import COL_NAME, COL_PAID_UNTIL, MemberTableModel

from .conftest import TODAY, enrol

TIP = Qt.ItemDataRole.ToolTipRole


def sponsored(store, member_id: str, start: date, end: date) -> None:
    repo = SponsorRepository(store, today=TODAY)
    errors, clean = validate_sponsor(SponsorInput(name="CV Jamu Makmur", type="swasta"))
    assert errors == {}
    sponsor = repo.save_sponsor(clean)
    pledge = repo.save_sponsorship(sponsor.id, SponsorshipInput(
        pledged=10, package="jkk_jkm", start=start, end=end, funding="sponsor"))
    repo.assign(pledge.id, member_id)


def test_paid_until_shows_months_a_sponsor_pays(store, qtmodeltester) -> None:
    """Ani paid November herself. Umi paid only July herself, and CV Jamu Makmur pays for
    her to January 2027: nobody owes for her months until then."""
    enrol(store, 1, "Ani Rajin")
    umi = enrol(store, 2, "Umi Astuti", start_month="2026-07", enrolled_on="2026-07-01")
    sponsored(store, umi.id, date(2026, 8, 1), date(2027, 1, 1))
    model = MemberTableModel(MemberRepository(store), today=TODAY)
    qtmodeltester.check(model)
    shown = [(model.data(model.index(r, COL_NAME)), model.data(model.index(r, COL_PAID_UNTIL)),
              model.data(model.index(r, COL_PAID_UNTIL), TIP)) for r in range(model.rowCount())]
    assert shown == [
        ("Ani Rajin", "November 2026", None),
        ("Umi Astuti", "Januari 2027",
         "Dibayar sendiri s.d. Juli 2026; ditanggung sponsor s.d. Januari 2027"),
    ]


def test_own_payments_past_the_cover_are_shown_without_a_sponsor_note(store) -> None:
    """A cover that ended before the member's own months: the month shown is their own."""
    budi = enrol(store, 1, "Budi", start_month="2026-11", months_paid=3)
    sponsored(store, budi.id, date(2026, 8, 1), date(2026, 10, 1))
    model = MemberTableModel(MemberRepository(store), today=TODAY)
    assert model.data(model.index(0, COL_PAID_UNTIL)) == "Januari 2027"
    assert model.data(model.index(0, COL_PAID_UNTIL), TIP) is None


def test_the_paid_until_header_says_what_its_sort_follows(store) -> None:
    model = MemberTableModel(MemberRepository(store), today=TODAY)
    tip = model.headerData(COL_PAID_UNTIL, Qt.Orientation.Horizontal, TIP)
    assert "ditanggung sponsor" in tip
    assert "menurut bulan yang dibayar peserta sendiri" in tip
