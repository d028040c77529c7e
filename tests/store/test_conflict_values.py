"""A conflict's values read as names and formats, the same for the dialog and the CLI."""

from __future__ import annotations

import pytest

from bpu_desktop.domain.segments import Segment
from bpu_desktop.store.conflict_values import ValueText
from bpu_desktop.store.conflicts import list_conflicts
from bpu_desktop.store.merge import merge_files
from bpu_desktop.store.reference import save_segment

from .merge_helpers import NIK_A, copy_file, enrol, officer_file, rename


@pytest.fixture
def store(tmp_path):
    s = officer_file(tmp_path / "cabang.db", "Supervisor")
    yield s
    s.close()


@pytest.mark.parametrize(("field", "value", "shown"), [
    ("kecamatan_code", "33.72.01", "Laweyan (33.72.01)"),
    ("area_code", "33.72", "Kota Surakarta (33.72)"),
    ("kecamatan_code", "99.99.99", "99.99.99"),
    ("segment", "ojol", "Ojek online (ojol)"),
    ("funding", "apbd", "APBD"),
    ("funding", "self", "Mandiri"),
    ("sector", "non_transport", "Non-transportasi"),
    ("channel", "jmo", "Aplikasi JMO"),
    ("with_jht", 1, "Ya"),
    ("with_jht", 0, "Tidak"),
    ("income", 1500000, "Rp 1.500.000"),
    ("amount_paid", 25200, "Rp 25.200"),
    ("birth_date", "1990-08-15", "15/08/1990"),
    ("enrolled_on", "2026-05-20", "20/05/2026"),
    ("paid_until", "2026-07", "Juli 2026"),
    ("deleted_at", "2026-05-21T10:11:12.123Z", "21/05/2026"),
    ("phone", "081234567890", "0812-3456-7890"),
    ("kpj", None, "-"),
    ("address", "", "(kosong)"),
    ("months_paid", 3, "3"),
    ("name", "Budi", "Budi"),
])
def test_values_read_as_names(store, field, value, shown):
    assert ValueText(store)(field, value) == shown


def test_segment_names_are_this_files(store):
    save_segment(store, Segment(code="ojol", name="Ojol & kurir", sector="transport"))
    assert ValueText(store)("segment", "ojol") == "Ojol & kurir (ojol)"


def test_an_enrolment_conflict_shows_names_and_the_decision_keeps_codes(store, tmp_path):
    ani = officer_file(tmp_path / "ani.db", "Ani")
    budi = enrol(ani, NIK_A, "Budi")
    merge_files(store, [tmp_path / "ani.db"])
    bayu = copy_file(ani, tmp_path / "bayu.db", "laptop-bayu")
    rename(ani, budi.id, "Budi", segment="ojol", funding="apbd")
    rename(bayu, budi.id, "Budi", segment="pedagang_pasar", funding="self")
    ani.close()
    bayu.close()
    merge_files(store, [tmp_path / "ani.db", tmp_path / "bayu.db"])
    [conflict] = [c for c in list_conflicts(store) if c.table_name == "enrolments"]
    text = ValueText(store)
    mine, theirs = conflict.mine or {}, conflict.incoming
    assert (text("segment", mine["segment"]), text("segment", theirs["segment"])) == (
        "Ojek online (ojol)", "Pedagang pasar (pedagang_pasar)")
    assert (text("funding", mine["funding"]), text("funding", theirs["funding"])) == (
        "APBD", "Mandiri")
    assert theirs["segment"] == "pedagang_pasar"  # the decision writes the stored code


def test_sponsors_pledges_and_events_are_named(store):
    """A conflict on an enrolment's sponsor or event shows which one, not its key."""
    from datetime import date

    from bpu_desktop.domain.events import EventInput, validate_event
    from bpu_desktop.domain.sponsorship import SponsorInput, SponsorshipInput, validate_sponsor
    from bpu_desktop.store.events import EventRepository
    from bpu_desktop.store.sponsors import SponsorRepository

    repo = SponsorRepository(store, today=date(2026, 3, 1))
    sponsor = repo.save_sponsor(validate_sponsor(SponsorInput(name="PT Jamu Kadipiro",
                                                              type="swasta"))[1])
    pledge = repo.save_sponsorship(sponsor.id, SponsorshipInput(
        pledged=10, package="jkk_jkm", start=date(2026, 2, 1), end=date(2026, 4, 1),
        funding="sponsor"))
    shown = ValueText(store)
    assert shown("sponsor_id", sponsor.id) == "PT Jamu Kadipiro"
    assert shown("sponsorship_id", pledge.id) == "PT Jamu Kadipiro (Februari 2026 - April 2026)"
    assert shown("sponsorship_id", "tidak-ada") == "tidak-ada"
    errors, clean = validate_event(EventInput(
        held_on="12/03/2026", time="09:00", kecamatan_code="33.72.01", kelurahan="Pajang",
        venue="Pasar Klewer", kind="sosialisasi", attendees=40, partners=["Disnaker"],
        segments=["umkm"]), today=date(2026, 3, 20))
    assert errors == {}, errors
    event = EventRepository(store).save(clean)
    assert shown("event_id", event.id) == "Pasar Klewer (12/03/2026)"
