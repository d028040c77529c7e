"""Conflicts on events, sponsors, pledges, payments and targets read as member conflicts
do: the record by its name, columns in Indonesian, codes and JSON lists as names."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bpu_desktop.domain.events import EventInput, validate_event
from bpu_desktop.domain.sponsorship import SponsorInput, SponsorshipInput, validate_sponsor
from bpu_desktop.store.conflict_values import ValueText
from bpu_desktop.store.conflicts import (
    ConflictQuery,
    conflict_name,
    count_open,
    field_label,
    list_conflicts,
    page_open,
)
from bpu_desktop.store.events import EventRepository
from bpu_desktop.store.merge import merge_files
from bpu_desktop.store.merge_schema import STAMP_COLUMNS, record_tables
from bpu_desktop.store.sponsors import SponsorRepository

from .merge_helpers import officer_file

EVENT = EventInput(
    held_on="12/03/2026", time="09:00", kecamatan_code="33.72.01", kelurahan="Pajang",
    venue="Pasar Klewer", kind="sosialisasi", attendees=40,
    partners=["Disnaker Kota Surakarta", "Paguyuban/Asosiasi"],
    segments=["buruh_harian_lepas", "ojol"], officers=["Ani"])


def _event(value: EventInput):  # type: ignore[no-untyped-def]
    errors, clean = validate_event(value, today=date(2026, 3, 20))
    assert errors == {}, errors
    return clean


@pytest.fixture
def event_conflict(tmp_path):
    """Ani recorded an event; the branch merged it and counted 50, Ani counted 47."""
    branch = officer_file(tmp_path / "cabang.db", "Supervisor")
    ani = officer_file(tmp_path / "ani.db", "Ani")
    event = EventRepository(ani).save(_event(EVENT))
    merge_files(branch, [tmp_path / "ani.db"])
    EventRepository(branch).save(_event(replace(EVENT, attendees=50)), event.id)
    EventRepository(ani).save(_event(replace(EVENT, attendees=47, kind="stand_pasar",
                                             segments=["ojol"])), event.id)
    ani.close()
    merge_files(branch, [tmp_path / "ani.db"])
    yield branch
    branch.close()


def test_an_event_conflict_is_named_by_its_venue_and_date(event_conflict):
    store = event_conflict
    [line] = page_open(store, ConflictQuery(), 0, count_open(store))
    assert line.title == "Kegiatan: Pasar Klewer (12/03/2026)"
    [conflict] = list_conflicts(store)
    assert conflict_name(ValueText(store), conflict.table_name, conflict.row_id,
                         conflict.incoming) == "Pasar Klewer (12/03/2026)"


def test_an_event_conflict_reads_in_indonesian(event_conflict):
    store = event_conflict
    [conflict] = list_conflicts(store)
    text = ValueText(store)
    shown = {field_label(f, conflict.table_name): (text(f, (conflict.mine or {}).get(f)),
                                                   text(f, conflict.incoming.get(f)))
             for f in conflict.fields()}
    assert shown["Jumlah hadir"] == ("50", "47")
    assert shown["Jenis kegiatan"] == ("Sosialisasi", "Stand di pasar")
    assert shown["Mitra"] == ("Disnaker Kota Surakarta, Paguyuban/Asosiasi",) * 2
    assert shown["Segmen sasaran"] == ("Buruh harian lepas, Ojek online", "Ojek online")
    assert shown["Petugas hadir"] == ("Ani", "Ani")
    assert shown["Tanggal kegiatan"] == ("12/03/2026", "12/03/2026")
    assert shown["Jam"] == ("09:00", "09:00")
    assert shown["Tempat"] == ("Pasar Klewer", "Pasar Klewer")
    assert shown["Kecamatan"] == ("Laweyan (33.72.01)",) * 2
    assert shown["Catatan"] == ("(kosong)", "(kosong)")


def test_every_column_a_conflict_can_be_on_has_an_indonesian_label(tmp_path):
    store = officer_file(tmp_path / "cabang.db", "Supervisor")
    try:
        missing = [f"{t.name}.{c}" for t in record_tables(store.conn) for c in t.columns
                   if c not in STAMP_COLUMNS
                   and field_label(c, t.name) == c]
    finally:
        store.close()
    assert missing == []


@pytest.mark.parametrize(("field", "value", "shown"), [
    ("kind", "jemput_bola", "Jemput bola / door to door"),
    ("kind", "BPU", "BPU"),  # a target's kind is its own label
    ("partners", '["Disnaker Kota Surakarta", "Kantor Kelurahan"]',
     "Disnaker Kota Surakarta, Kantor Kelurahan"),
    ("officers", '["Ani", "Bayu"]', "Ani, Bayu"),
    ("partners", "[]", "(kosong)"),
    ("segments", '["buruh_harian_lepas"]', "Buruh harian lepas"),
    ("segments", '["tidak_dikenal"]', "tidak_dikenal"),
    ("type", "swasta", "Perusahaan swasta/CSR"),
    ("package", "jkk_jkm_jht", "JKK + JKM + JHT"),
    ("pledged", 10, "10"),
    ("from_month", "2026-02", "Februari 2026"),
    ("paid_on", "2026-03-05", "05/03/2026"),
    ("reason", "tunggakan", "Tunggakan iuran"),
    ("reason", "sponsor_berakhir", "Sponsor berakhir"),
    ("monthly", "[5, 5, 6]", "5, 5, 6"),
    ("active", 1, "Ya"),
])
def test_codes_and_lists_read_as_names(tmp_path, field, value, shown):
    store = officer_file(tmp_path / "cabang.db", "Supervisor")
    try:
        assert ValueText(store)(field, value) == shown
    finally:
        store.close()


def test_sponsor_and_pledge_conflicts_are_named(tmp_path):
    """The branch and Ani both changed a sponsor and its pledge Ani had recorded."""
    branch = officer_file(tmp_path / "cabang.db", "Supervisor")
    ani = officer_file(tmp_path / "ani.db", "Ani")
    repo = SponsorRepository(ani, today=date(2026, 3, 1))
    values = SponsorInput(name="PT Jamu Kadipiro", type="swasta")
    sponsor = repo.save_sponsor(validate_sponsor(values)[1])
    pledge = SponsorshipInput(pledged=10, package="jkk_jkm", start=date(2026, 2, 1),
                              end=date(2026, 4, 1), funding="sponsor")
    sponsorship = repo.save_sponsorship(sponsor.id, pledge)
    merge_files(branch, [tmp_path / "ani.db"])
    mine = SponsorRepository(branch, today=date(2026, 3, 1))
    mine.save_sponsor(validate_sponsor(replace(values, type="bumn"))[1], sponsor.id)
    mine.save_sponsorship(sponsor.id, replace(pledge, pledged=12), sponsorship.id)
    repo.save_sponsor(validate_sponsor(replace(values, notes="Dana CSR 2026"))[1], sponsor.id)
    repo.save_sponsorship(sponsor.id, replace(pledge, pledged=8), sponsorship.id)
    ani.close()
    merge_files(branch, [tmp_path / "ani.db"])
    try:
        titles = sorted(line.title for line in page_open(branch, ConflictQuery(), 0, 10))
        assert titles == ["Janji sponsor: PT Jamu Kadipiro (Februari 2026 - April 2026)",
                          "Sponsor: PT Jamu Kadipiro"]
        text = ValueText(branch)
        by_table = {c.table_name: c for c in list_conflicts(branch)}
        s = by_table["sponsors"]
        assert field_label("type", "sponsors") == "Jenis sponsor"
        assert (text("type", (s.mine or {})["type"]), text("type", s.incoming["type"])) == (
            "BUMN/BUMD", "Perusahaan swasta/CSR")
        p = by_table["sponsorships"]
        assert field_label("pledged", "sponsorships") == "Jumlah pekerja"
        assert text("sponsor_id", p.incoming["sponsor_id"]) == "PT Jamu Kadipiro"
        assert text("package", p.incoming["package"]) == "JKK + JKM"
    finally:
        branch.close()

