"""The member list's row carries the month a live sponsorship pays to (`covered_until`),
so the list can show the month nobody owes for, as the status filter counts it."""

from __future__ import annotations

from datetime import date

import pytest

from bpu_desktop.domain.sponsorship import SponsorInput, SponsorshipInput, validate_sponsor
from bpu_desktop.store.database import open_store
from bpu_desktop.store.members import MemberQuery, MemberRepository
from bpu_desktop.store.sponsors import SponsorRepository

from .outreach_helpers import TODAY, enrol


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "s.db")
    s.set_officer("Sri")
    yield s
    s.close()


def pledge(store) -> str:
    repo = SponsorRepository(store, today=TODAY)
    errors, clean = validate_sponsor(SponsorInput(name="CV Jamu Makmur", type="swasta"))
    assert errors == {}
    sponsor = repo.save_sponsor(clean)
    return repo.save_sponsorship(sponsor.id, SponsorshipInput(
        pledged=10, package="jkk_jkm", start=date(2026, 2, 1), end=date(2027, 1, 1),
        funding="sponsor")).id


def test_a_listed_row_carries_the_sponsor_cover(store):
    jamu = pledge(store)
    umi = enrol(store, "3372055508900001", "Umi", start_month="2026-02",
                enrolled_on="02/02/2026")
    assert umi.covered_until is None
    SponsorRepository(store, today=TODAY).assign(jamu, umi.id)
    repo = MemberRepository(store)
    row = repo.get(umi.id)
    assert row is not None
    assert (row.paid_until, row.covered_until) == ("2026-02", "2027-01")
    assert [(r.name, r.covered_until) for r in repo.page(MemberQuery(), 0, 10)] == [
        ("Umi", "2027-01")]


def test_enrolled_into_a_pledge_the_row_returned_is_the_row_read_back(store):
    jamu = pledge(store)
    saved = enrol(store, "3372055508900009", "Dari Meja", start_month="2026-02",
                  enrolled_on="02/02/2026", sponsorship_id=jamu)
    assert saved.covered_until == "2027-01"
    assert saved == MemberRepository(store).get(saved.id)
