"""Tindak Lanjut with sponsored and government-funded workers (the tester's demo case):
Umi Astuti, paid for by CV Jamu Makmur from March 2026 to February 2027, is not chased
while the pledge runs, and is chased for her own months once it has ended, with the row
saying whose cover ended."""

from __future__ import annotations

from datetime import date

import pytest

from bpu_desktop.domain.sponsorship import SponsorInput, SponsorshipInput, validate_sponsor
from bpu_desktop.ui.tindak_lanjut_page import TindakLanjutPage
from tests.store.outreach_helpers import enrol
from tests.ui.targets_ctx import make_ctx

INSIDE = date(2026, 5, 20)  # her own March is paid: April and May would be "2 bulan"
AFTER = date(2027, 4, 20)  # the pledge ended in February: March and April are hers


@pytest.fixture
def page(qtbot, tmp_path):
    today = [INSIDE]
    ctx, store, _opened = make_ctx(tmp_path, INSIDE)
    ctx.extras["today"] = lambda: today[0]
    from bpu_desktop.store.sponsors import SponsorRepository

    umi = enrol(store, "3372055508900001", "Umi Astuti", start_month="2026-03",
                enrolled_on="02/03/2026")
    enrol(store, "3372051508900002", "Bowo", funding="apbd", months_paid=3,
          start_month="2026-02", enrolled_on="02/02/2026")
    repo = SponsorRepository(store, today=INSIDE)
    sponsor = repo.save_sponsor(validate_sponsor(SponsorInput(name="CV Jamu Makmur",
                                                              type="swasta"))[1])
    pledge = repo.save_sponsorship(sponsor.id, SponsorshipInput(
        pledged=10, package="jkk_jkm", start=date(2026, 3, 1), end=date(2027, 2, 1),
        funding="sponsor"))
    repo.assign(pledge.id, umi.id)
    view = TindakLanjutPage(ctx)
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    view.refresh()
    yield view, today
    store.close()


def rows(view) -> list[tuple[str, ...]]:
    model = view.model
    return [tuple(model.index(r, c).data() for c in range(model.columnCount()))
            for r in range(model.rowCount())]


def test_sponsored_worker_is_not_chased_while_the_pledge_runs(page):
    view, _today = page
    assert [r[0] for r in rows(view)] == ["Bowo"]
    assert view.count.text() == "1 peserta menunggak"
    bowo = rows(view)[0]
    assert bowo[3:5] == ("April 2026", "1 bulan")
    assert bowo[6] == "Iuran APBD (pemerintah) berakhir April 2026"
    assert "dibayar pemerintah (APBD) sampai April 2026" in view.message.toPlainText()
    assert "Rp 8.400 per bulan" in view.message.toPlainText()


def test_ended_pledge_is_named_and_only_her_own_months_are_asked(page):
    view, today = page
    today[0] = AFTER
    view.refresh()
    umi = next(r for r in rows(view) if r[0] == "Umi Astuti")
    assert umi[3:5] == ("Februari 2027", "2 bulan  ⚠")
    assert umi[6] == "Tanggungan CV Jamu Makmur berakhir Februari 2027"
    view.table.selectRow([r[0] for r in rows(view)].index("Umi Astuti"))
    text = view.message.toPlainText()
    assert "ditanggung CV Jamu Makmur sampai Februari 2027" in text
    # March and April 2027 at her own rate (the PP 50/2025 cut has ended): 2 x Rp 16.800.
    assert "Jumlah yang perlu dibayar: Rp 33.600 (2 bulan)." in text


def test_a_pledge_after_unpaid_months_waits_and_the_row_says_so(page):
    """Hadi paid March himself; UD Batik Sumber pays June - December. On 20 May April and
    May are his to pay, and the row says the pledge counts once they are paid."""
    from bpu_desktop.store.sponsors import SponsorRepository

    view, _today = page
    store = view.ctx.store
    hadi = enrol(store, "3372051508900008", "Hadi", funding="self", start_month="2026-03",
                 enrolled_on="02/03/2026")
    repo = SponsorRepository(store, today=INSIDE)
    sponsor = repo.save_sponsor(validate_sponsor(SponsorInput(name="UD Batik Sumber",
                                                              type="swasta"))[1])
    pledge = repo.save_sponsorship(sponsor.id, SponsorshipInput(
        pledged=10, package="jkk_jkm", start=date(2026, 6, 1), end=date(2026, 12, 1),
        funding="sponsor"))
    repo.assign(pledge.id, hadi.id)
    view.refresh()
    row = next(r for r in rows(view) if r[0] == "Hadi")
    assert row[3:5] == ("Maret 2026", "2 bulan  ⚠")
    assert row[6] == ("Tanggungan UD Batik Sumber mulai Juni 2026 berlaku setelah iuran "
                      "April 2026 s.d. Mei 2026 dibayar")
    view.table.selectRow([r[0] for r in rows(view)].index("Hadi"))
    text = view.message.toPlainText()
    assert ("UD Batik Sumber akan menanggung iuran Bapak Juni 2026 s.d. Desember 2026 "
            "setelah iuran April 2026 s.d. Mei 2026 dibayar.") in text
    assert "Jumlah yang perlu dibayar: Rp 16.800 (2 bulan)." in text
