"""Events: saved with audit, listed with enrolled counted from linked enrolments."""

from __future__ import annotations

from datetime import date

import pytest

from bpu_desktop.domain.events import EventInput, validate_event
from bpu_desktop.store.audit import history
from bpu_desktop.store.database import open_store
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.events import EventQuery, EventRepository, event_stats
from bpu_desktop.store.members import MemberRepository

from .outreach_helpers import NAMES, TODAY, enrol, nik


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "e.db")
    s.set_officer("Sri")
    yield s
    s.close()


def event(**kw):
    values = dict(held_on="15/05/2026", time="09:00", kecamatan_code="33.72.05",
                  kelurahan="Banjarsari", venue="Kantor Kelurahan Banjarsari",
                  kind="sosialisasi", attendees=40, partners=["Disnaker Kota Surakarta"],
                  segments=["umkm"])
    values.update(kw)
    errors, clean = validate_event(EventInput(**values), today=TODAY)
    assert errors == {}
    assert clean is not None
    return clean


def test_enrolled_is_counted_from_linked_enrolments(store):
    repo = EventRepository(store)
    ev = repo.save(event())
    for i in range(1, 4):
        enrol(store, nik(i), f"Peserta {NAMES[i]}", event_id=ev.id)
    enrol(store, nik(9), "Tanpa Kegiatan")
    row = repo.page(EventQuery(), 0, 10)[0]
    assert (row.attendees, row.enrolled, row.conversion) == (40, 3, 7.5)
    # A deleted member no longer counts.
    MemberRepository(store).delete(MemberRepository(store).find_by_nik(nik(1)).id)
    assert repo.get(ev.id).enrolled == 2
    assert event_stats(store) == {"count": 1, "attendees": 40, "enrolled": 2}


def test_an_edit_to_fewer_attendees_than_enrolled_is_refused(store):
    repo = EventRepository(store)
    ev = repo.save(event())
    for i in range(1, 4):
        enrol(store, nik(i), f"Peserta {NAMES[i]}", event_id=ev.id)
    with pytest.raises(StoreError, match=r"Jumlah hadir \(2\) lebih sedikit .* \(3\)"):
        repo.save(event(attendees=2), ev.id)
    assert repo.get(ev.id).attendees == 40
    assert repo.save(event(attendees=0), ev.id).attendees == 0  # not counted: allowed
    assert repo.save(event(attendees=3), ev.id).attendees == 3


def test_new_partner_is_offered_again_and_defaults_are_there(store):
    repo = EventRepository(store)
    assert "Disnaker Kota Surakarta" in repo.partner_names()
    repo.save(event(partners=["Paguyuban Ojol Solo", "paguyuban ojol solo"]))
    repo.save(event(partners=["PAGUYUBAN OJOL SOLO"]))
    names = [n.casefold() for n in repo.partner_names()]
    assert names.count("paguyuban ojol solo") == 1


def test_filters_and_sorting(store):
    repo = EventRepository(store)
    a = repo.save(event(venue="Pasar Klewer", kecamatan_code="33.72.03", kelurahan="Gajahan",
                        partners=["Kantor Kecamatan"], segments=["pedagang_pasar"],
                        attendees=100))
    b = repo.save(event(held_on="02/04/2026", attendees=10))
    enrol(store, nik(1), "Satu", event_id=b.id)
    assert repo.count(EventQuery(month=date(2026, 4, 1))) == 1
    assert [r.id for r in repo.page(EventQuery(kecamatan_code="33.72.03"), 0, 10)] == [a.id]
    assert [r.id for r in repo.page(EventQuery(partner="kantor kecamatan"), 0, 10)] == [a.id]
    assert [r.id for r in repo.page(EventQuery(segment="umkm"), 0, 10)] == [b.id]
    by_conv = repo.page(EventQuery(sort="conversion", descending=True), 0, 10)
    assert [r.id for r in by_conv] == [b.id, a.id]
    assert [r.id for r in repo.page(EventQuery(sort="held_on", descending=False), 0, 1)] == [b.id]


def test_edit_is_audited_and_delete_is_soft(store):
    repo = EventRepository(store)
    ev = repo.save(event())
    repo.save(event(attendees=55), ev.id, expected_version=ev.version)
    changes = [e for e in history(store.conn) if e.table_name == "events"]
    assert any(e.action == "update" for e in changes)
    repo.delete(ev.id)
    assert repo.count() == 0
    assert store.conn.execute("SELECT deleted_at IS NOT NULL FROM events").fetchone()[0] == 1


def test_event_stats_follow_period_and_area(store):
    """Hand count: May Banjarsari (40 hadir, 2 linked), March Banjarsari (25, 1 linked),
    March Wonogiri (30, 0 linked)."""
    from bpu_desktop.store.aggregates import Area, Period

    repo = EventRepository(store)
    may = repo.save(event())
    march = repo.save(event(held_on="10/03/2026", attendees=25))
    repo.save(event(held_on="12/03/2026", attendees=30, kecamatan_code="33.12.12",
                    kelurahan="Giripurwo", venue="Balai Desa"))
    enrol(store, nik(1), "Satu Mei", event_id=may.id)
    enrol(store, nik(2), "Dua Mei", event_id=may.id)
    enrol(store, nik(3), "Tiga Maret", event_id=march.id)
    enrol(store, nik(4), "Tanpa Kegiatan")
    in_march = Period.month(date(2026, 3, 1))
    assert event_stats(store) == {"count": 3, "attendees": 95, "enrolled": 3}
    assert event_stats(store, in_march) == {"count": 2, "attendees": 55, "enrolled": 1}
    assert event_stats(store, in_march, Area("33.72")) == {
        "count": 1, "attendees": 25, "enrolled": 1}
    assert event_stats(store, None, Area("33.12.12")) == {
        "count": 1, "attendees": 30, "enrolled": 0}
    assert event_stats(store, Period.month(date(2026, 4, 1))) == {
        "count": 0, "attendees": 0, "enrolled": 0}


def test_search_takes_percent_and_underscore_literally(store):
    repo = EventRepository(store)
    repo.save(event(venue="Balai RW_05 (100%)"))
    repo.save(event(venue="Pasar Legi"))
    venues = lambda text: [r.venue for r in repo.page(EventQuery(search=text), 0, 10)]  # noqa: E731
    assert venues("%") == ["Balai RW_05 (100%)"]
    assert venues("_") == ["Balai RW_05 (100%)"]
    assert venues("rw_05") == ["Balai RW_05 (100%)"]
    assert venues("legi") == ["Pasar Legi"]
