"""Sponsors and sponsorships: computed amounts, assignments, one sponsor per month."""

from __future__ import annotations

from datetime import date

import pytest

from bpu_desktop.domain.sponsorship import SponsorInput, SponsorshipInput, validate_sponsor
from bpu_desktop.store.database import open_store
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.members import MemberQuery, MemberRepository
from bpu_desktop.store.sponsors import SponsorQuery, SponsorRepository, sponsorship_stats

from .outreach_helpers import NAMES, TODAY, enrol, nik


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "s.db")
    s.set_officer("Sri")
    yield s
    s.close()


def new_sponsor(repo, name="PT Batik Laweyan", type_="swasta"):
    errors, clean = validate_sponsor(SponsorInput(name=name, type=type_, phone="081234567890"))
    assert errors == {}
    return repo.save_sponsor(clean)


def pledge(start=date(2026, 4, 1), end=date(2026, 9, 1), pledged=10, funding="sponsor"):
    return SponsorshipInput(pledged=pledged, package="jkk_jkm", start=start, end=end,
                            funding=funding)


def test_six_month_pledge_of_ten_amounts_and_progress(store):
    repo = SponsorRepository(store, today=TODAY)
    sponsor = new_sponsor(repo)
    sp = repo.save_sponsorship(sponsor.id, pledge())
    assert sp.amounts.per_worker_total == 6 * 8_400
    assert sp.amounts.total == 6 * 8_400 * 10
    members = [enrol(store, nik(i), f"Pekerja {NAMES[i]}") for i in range(1, 5)]
    for m in members:
        repo.assign(sp.id, m.id)
    sp = repo.get_sponsorship(sp.id)
    assert (sp.assigned, sp.progress, sp.due_this_month) == (4, 40, 4 * 8_400)
    assert "Kurang 6 pekerja dari janji sponsor." in sp.warnings
    row = repo.page(SponsorQuery(), 0, 10)[0]
    assert (row.pledged, row.assigned, row.due_this_month, row.months_left) == (10, 4, 33_600, 5)
    # The member list filters by sponsorship through the enrolment link.
    assert MemberRepository(store).count(MemberQuery(sponsorship_id=sp.id)) == 4
    assert sponsorship_stats(store, TODAY)["assigned"] == 4


def test_member_enrolled_into_sponsorship_from_the_desk_counts(store):
    repo = SponsorRepository(store, today=TODAY)
    sp = repo.save_sponsorship(new_sponsor(repo).id, pledge())
    enrol(store, nik(1), "Dari Meja", sponsorship_id=sp.id)
    assert repo.get_sponsorship(sp.id).assigned == 1
    assert [m.name for m in repo.assigned_members(sp.id)] == ["Dari Meja"]


def test_a_member_is_sponsored_once_per_month(store):
    repo = SponsorRepository(store, today=TODAY)
    first = repo.save_sponsorship(new_sponsor(repo).id, pledge())
    other = new_sponsor(repo, "PT Konimex")
    overlapping = repo.save_sponsorship(other.id, pledge(start=date(2026, 9, 1),
                                                         end=date(2027, 2, 1)))
    later = repo.save_sponsorship(other.id, pledge(start=date(2026, 10, 1),
                                                   end=date(2027, 3, 1)))
    m = enrol(store, nik(1), "Sri Lestari")
    repo.assign(first.id, m.id)
    with pytest.raises(StoreError) as caught:
        repo.assign(overlapping.id, m.id)
    assert "hanya boleh ditanggung satu sponsor pada bulan yang sama" in caught.value.message
    with pytest.raises(StoreError, match="sudah ditanggung sponsor ini"):
        repo.assign(first.id, m.id)
    repo.assign(later.id, m.id)  # starts after the first one ends
    assert repo.get_sponsorship(overlapping.id).assigned == 0


def test_a_full_pledge_takes_no_more_workers_by_hand(store):
    repo = SponsorRepository(store, today=TODAY)
    sp = repo.save_sponsorship(new_sponsor(repo).id, pledge(pledged=2))
    for i in (1, 2):
        repo.assign(sp.id, enrol(store, nik(i), f"Pekerja {NAMES[i]}").id)
    third = enrol(store, nik(3), f"Pekerja {NAMES[3]}")
    with pytest.raises(StoreError, match="sudah penuh: 2 dari 2 pekerja"):
        repo.assign(sp.id, third.id)
    assert repo.get_sponsorship(sp.id).assigned == 2
    assert MemberRepository(store).count(MemberQuery(sponsorship_id=sp.id)) == 2


def test_over_pledge_and_renewal_warnings(store):
    repo = SponsorRepository(store, today=date(2026, 9, 10))
    sponsor = new_sponsor(repo)
    sp = repo.save_sponsorship(sponsor.id, pledge(pledged=2))
    for i in (1, 2):
        repo.assign(sp.id, enrol(store, nik(i), f"Pekerja {NAMES[i]}").id)
    # The sponsor cuts its pledge to one worker: both stay, and the page says so.
    repo.save_sponsorship(sponsor.id, pledge(pledged=1), sp.id)
    sp = repo.get_sponsorship(sp.id)
    assert sp.warnings[0] == "Melebihi janji: 2 pekerja ditanggung, janji sponsor 1."
    assert "tawarkan perpanjangan" in sp.warnings[1]


def test_apbd_sponsorship_is_not_discounted(store):
    repo = SponsorRepository(store, today=TODAY)
    sp = repo.save_sponsorship(new_sponsor(repo, "Pemkab Wonogiri", "pemda").id,
                               pledge(funding="apbd", start=date(2026, 10, 1),
                                      end=date(2026, 12, 1)))
    assert sp.amounts.total == 16_800 * 3 * 10


def test_unassign_and_delete_are_soft_and_rolled_back_together(store):
    repo = SponsorRepository(store, today=TODAY)
    sponsor = new_sponsor(repo)
    sp = repo.save_sponsorship(sponsor.id, pledge())
    m = enrol(store, nik(1), "Pekerja")
    repo.assign(sp.id, m.id)
    repo.unassign(sp.id, m.id)
    assert repo.get_sponsorship(sp.id).assigned == 0
    assert MemberRepository(store).get(m.id).sponsorship_id is None
    repo.assign(sp.id, m.id)
    repo.delete_sponsor(sponsor.id)
    assert repo.count() == 0
    assert store.conn.execute(
        "SELECT COUNT(*) FROM sponsorship_members WHERE deleted_at IS NULL").fetchone()[0] == 0


def test_editing_months_moves_assignments_or_refuses(store):
    repo = SponsorRepository(store, today=TODAY)
    a = repo.save_sponsorship(new_sponsor(repo).id, pledge())
    b = repo.save_sponsorship(new_sponsor(repo, "PT B").id,
                              pledge(start=date(2026, 10, 1), end=date(2026, 12, 1)))
    m = enrol(store, nik(1), "Pekerja")
    repo.assign(a.id, m.id)
    repo.assign(b.id, m.id)
    with pytest.raises(StoreError, match="satu sponsor"):
        repo.save_sponsorship(b.sponsor_id, pledge(start=date(2026, 8, 1),
                                                   end=date(2026, 12, 1)), b.id)
    # Nothing half-saved: b keeps its months.
    assert repo.get_sponsorship(b.id).start_month == "2026-10"


def test_demo_has_the_banjarsari_pilot_and_events_with_enrolments(store):
    from bpu_desktop.store.demo import generate_demo
    from bpu_desktop.store.events import event_stats
    generate_demo(store, 8000, seed=3, today=TODAY)
    stats = sponsorship_stats(store, TODAY)
    assert stats["assigned"] == 483
    repo = SponsorRepository(store, today=TODAY)
    pilot = [s for s in repo.sponsorships() if "Pilot Banjarsari" in
             (repo.get(s.sponsor_id).notes)]
    assert len(pilot) == 48
    assert sorted(s.pledged for s in pilot).count(11) == 3
    assert {s.pledged for s in pilot} == {10, 11}
    assert sum(s.assigned for s in pilot) == 483
    # Each company pays for the workers it pledged: none over, none short.
    assert all(s.assigned == s.pledged for s in pilot)
    assert not any("Melebihi janji" in w for s in pilot for w in s.warnings)
    events = event_stats(store)
    assert events["count"] == 60
    assert events["enrolled"] > 0


def test_sponsorship_stats_follow_period_and_area(store):
    """Hand count: Solo sponsor pledges 10 (Apr-Sep) and 5 (Jan-Feb); Wonogiri sponsor
    pledges 3 (Mar-Apr); one sponsor without a sponsorship in Solo."""
    from bpu_desktop.store.aggregates import Area, Period

    repo = SponsorRepository(store, today=TODAY)
    solo = repo.save_sponsor(validate_sponsor(SponsorInput(
        name="PT Batik Laweyan", type="swasta", kecamatan_code="33.72.01"))[1])
    wonogiri = repo.save_sponsor(validate_sponsor(SponsorInput(
        name="CV Mete Wonogiri", type="swasta", kecamatan_code="33.12.12"))[1])
    repo.save_sponsor(validate_sponsor(SponsorInput(
        name="Toko Belum Janji", type="swasta", kecamatan_code="33.72.05"))[1])
    spring = repo.save_sponsorship(solo.id, pledge())
    repo.save_sponsorship(solo.id, pledge(date(2026, 1, 1), date(2026, 2, 1), pledged=5))
    repo.save_sponsorship(wonogiri.id, pledge(date(2026, 3, 1), date(2026, 4, 1), pledged=3))
    repo.assign(spring.id, enrol(store, nik(1), "Pekerja Satu").id)

    def stats(period=None, area=None):
        s = sponsorship_stats(store, TODAY, period, area)
        return s["count"], s["sponsors"], s["pledged"], s["assigned"]

    assert stats() == (3, 3, 18, 1)
    assert stats(Period.month(date(2026, 3, 1))) == (1, 1, 3, 0)
    assert stats(Period.month(date(2026, 4, 1))) == (2, 2, 13, 1)
    assert stats(Period.year(2026), Area("33.72")) == (2, 1, 15, 1)
    assert stats(None, Area("33.72")) == (2, 2, 15, 1)
    assert stats(Period.month(date(2026, 12, 1))) == (0, 0, 0, 0)
    # What the assigned worker costs a month, in the month asked about once it has ended.
    april = sponsorship_stats(store, date(2026, 11, 24), Period.month(date(2026, 4, 1)))
    assert (april["billed_month"], april["monthly_amount"]) == ("2026-04", 8_400)
    november = sponsorship_stats(store, date(2026, 11, 24), Period.year(2026))
    assert (november["billed_month"], november["monthly_amount"]) == ("2026-11", 0)


def test_the_desk_enrols_no_worker_into_a_full_pledge(store):
    repo = SponsorRepository(store, today=TODAY)
    sp = repo.save_sponsorship(new_sponsor(repo).id, pledge(pledged=1))
    enrol(store, nik(1), "Dari Meja", sponsorship_id=sp.id)
    with pytest.raises(StoreError, match="sudah penuh: 1 dari 1 pekerja"):
        enrol(store, nik(2), "Satu Lagi", sponsorship_id=sp.id)
    assert MemberRepository(store).find_by_nik(nik(2)) is None
    assert repo.get_sponsorship(sp.id).assigned == 1


def test_search_takes_percent_and_underscore_literally(store):
    repo = SponsorRepository(store, today=TODAY)
    new_sponsor(repo, name="PT Maju_Jaya 100%")
    new_sponsor(repo, name="PT Batik Laweyan")
    names = lambda text: [r.name for r in repo.page(SponsorQuery(search=text), 0, 10)]  # noqa: E731
    assert names("%") == ["PT Maju_Jaya 100%"]
    assert names("_") == ["PT Maju_Jaya 100%"]
    assert names("maju_jaya") == ["PT Maju_Jaya 100%"]
    assert names("Batik") == ["PT Batik Laweyan"]


def test_the_sponsor_list_reads_its_figures_in_the_same_queries_however_many_sponsors(store):
    """A save at the desk reloads this list: one query per sponsor made each save grow
    with the file (about 1 s with 51 sponsors at 50,000 members)."""
    repo = SponsorRepository(store, today=TODAY)
    members = [enrol(store, nik(i), f"Pekerja {NAMES[i]}") for i in range(1, 7)]

    def add_sponsors(names):
        for name in names:
            sp = repo.save_sponsorship(new_sponsor(repo, name).id, pledge(pledged=3))
            repo.assign(sp.id, members.pop().id)

    def queries():
        statements: list[str] = []
        store.conn.set_trace_callback(statements.append)
        try:
            rows = repo.page(SponsorQuery(), 0, 100)
        finally:
            store.conn.set_trace_callback(None)
        return len(rows), len(statements)

    add_sponsors(["PT Satu", "PT Dua"])
    two = queries()
    add_sponsors(["PT Tiga", "PT Empat", "PT Lima Jaya", "PT Enam"])
    six = queries()
    assert (two[0], six[0]) == (2, 6)
    assert six[1] == two[1] <= 3
    rows = repo.page(SponsorQuery(), 0, 100)
    assert [(r.pledged, r.assigned) for r in rows] == [(3, 1)] * 6
    assert sum(r.due_this_month for r in rows) > 0
