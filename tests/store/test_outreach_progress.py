"""Dashboard figures from events and sponsors, and sponsorships ending in the follow-up
list (the events/sponsors helper's repositories create the data)."""

from __future__ import annotations

from datetime import date

import pytest

from bpu_desktop.domain.events import EventInput, validate_event
from bpu_desktop.domain.sponsorship import (
    SponsorInput,
    SponsorshipInput,
    renewal_due,
    validate_sponsor,
)
from bpu_desktop.store.aggregates import Period
from bpu_desktop.store.database import open_store
from bpu_desktop.store.events import EventRepository
from bpu_desktop.store.followup import ending_sponsorships, mark_sponsorship_contacted
from bpu_desktop.store.progress_stats import event_conversion, events_count, sponsor_progress
from bpu_desktop.store.sponsors import SponsorRepository
from tests.store.targets_helpers import TODAY, enrol


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "o.db")
    s.set_officer("Sri")
    yield s
    s.close()


def sponsor(repo, name, kecamatan, start, end, pledged):
    errors, clean = validate_sponsor(SponsorInput(
        name=name, type="swasta", contact_person="Pak Joko", phone="081234567890",
        kecamatan_code=kecamatan))
    assert errors == {}
    s = repo.save_sponsor(clean)
    return repo.save_sponsorship(s.id, SponsorshipInput(
        pledged=pledged, package="jkk_jkm", start=start, end=end, funding="sponsor"))


def test_sponsored_workers_vs_pledge_by_period_and_area(store):
    repo = SponsorRepository(store, today=TODAY)
    batik = sponsor(repo, "PT Batik", "33.72.05", date(2026, 1, 1), date(2026, 6, 1), 10)
    sponsor(repo, "CV Tani", "33.12.11", date(2026, 7, 1), date(2026, 12, 1), 5)
    for name in ("Ani", "Budi", "Citra"):
        member = enrol(store, name, enrolled_on=date(2026, 2, 2), start_month="2026-02")
        repo.assign(batik.id, member.id)
    year = Period.year(2026)
    everything = sponsor_progress(store, year)
    assert everything is not None and (everything.assigned, everything.pledged) == (3, 15)
    may = sponsor_progress(store, Period.month(TODAY))
    assert may is not None and (may.assigned, may.pledged, may.percent) == (3, 10, 30.0)
    wonogiri = sponsor_progress(store, year, "33.12")
    assert wonogiri is not None and (wonogiri.assigned, wonogiri.pledged) == (0, 5)

    # Batik's sponsorship ends on 30 June: 41 days after 20 May, not yet due for renewal
    # (`renewal_due`); on 1 June it is 29 days away.
    assert ending_sponsorships(store, TODAY) == []
    june_first = date(2026, 6, 1)
    ending = ending_sponsorships(store, june_first)
    assert [(s.sponsor, s.assigned, s.pledged, s.end_month) for s in ending] == [
        ("PT Batik", 3, 10, "2026-06")]
    assert "berakhir pada Juni 2026" in ending[0].message
    assert ending[0].message.startswith("Yth. Pak Joko,")
    mark_sponsorship_contacted(store, batik.id, on=june_first)
    assert ending_sponsorships(store, june_first)[0].contacted_on == "2026-06-01"
    assert ending_sponsorships(store, date(2026, 3, 1)) == []


@pytest.mark.parametrize(("today", "listed"), [
    (date(2026, 6, 1), True),    # 29 days to 30 June
    (date(2026, 5, 31), True),   # 30 days
    (date(2026, 5, 30), False),  # 31 days
    (date(2026, 6, 30), True),   # the last covered day
    (date(2026, 7, 1), False),   # over
])
def test_ending_sponsorships_follow_the_renewal_window(store, today, listed):
    # The "berakhir dalam 30 hari" box lists exactly the sponsorships `renewal_due` names.
    repo = SponsorRepository(store, today=TODAY)
    sponsor(repo, "PT Batik", "33.72.05", date(2026, 1, 1), date(2026, 6, 1), 10)
    assert renewal_due(date(2026, 6, 1), today) is listed
    assert [s.sponsor for s in ending_sponsorships(store, today)] == (
        ["PT Batik"] if listed else [])


def test_events_this_month_and_conversion(store):
    events = EventRepository(store)

    def event(day, venue, kecamatan, attendees):
        errors, clean = validate_event(EventInput(
            held_on=day, time="09:00", kecamatan_code=kecamatan, kelurahan="",
            venue=venue, kind="sosialisasi", attendees=attendees, partners=[], segments=[]),
            today=TODAY)
        assert errors == {}, errors
        return events.save(clean)

    pasar = event("05/05/2026", "Pasar Klewer", "33.72.03", 40)
    event("12/04/2026", "Balai Desa", "33.12.11", 20)
    for name in ("Ani", "Budi"):
        enrol(store, name, enrolled_on=date(2026, 5, 5), start_month="2026-05",
              event_id=pasar.id)
    assert events_count(store, Period.month(TODAY)) == 1
    assert events_count(store, Period.year(2026)) == 2
    assert events_count(store, Period.year(2026), "33.12") == 1
    conversion = event_conversion(store, Period.year(2026))
    assert conversion is not None
    assert [(c.label, c.enrolled, c.attendees, c.percent) for c in conversion] == [
        ("05/05 Pasar Klewer", 2, 40, 5.0), ("12/04 Balai Desa", 0, 20, 0.0)]
