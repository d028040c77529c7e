"""Figures by period and area against a small file counted by hand."""

from __future__ import annotations

from datetime import date

import pytest

from bpu_desktop.store import aggregates as agg
from bpu_desktop.store.database import Store, open_store
from bpu_desktop.store.records import delete_record, insert_record

# (officer, enrolled_on, kecamatan, segment, funding, amount, deleted)
ROWS = [
    ("Ana", "2026-01-05", "33.72.01", "umkm", "self", 16800, False),
    ("Ana", "2026-01-31", "33.72.05", "ojol", "self", 8400, False),
    ("Budi", "2026-02-01", "33.72.05", "umkm", "sponsor", 16800, False),
    ("Budi", "2026-03-15", "33.12.12", "petani", "apbd", 50400, False),
    ("Ana", "2026-03-31", "33.12.12", "umkm", "self", 16800, False),
    ("Ana", "2026-03-20", "33.72.01", "umkm", "self", 16800, True),  # deleted: never counted
    ("Budi", "2025-12-31", "33.72.01", "ojol", "self", 16800, False),  # last year
    ("Citra", "2027-01-01", "33.12.01", "nelayan", "self", 16800, False),  # next year
]


def _add(store: Store, i: int, officer: str, day: str, kec: str, segment: str,
         funding: str, amount: int) -> str:
    store.acting_as = officer
    member = insert_record(store, "members", {
        "nik": f"33720101019{i:05d}", "name": f"Orang {i}", "sex": "L",
        "birth_date": "1990-01-01", "kecamatan_code": kec, "kelurahan": "X"})
    enrolment = insert_record(store, "enrolments", {
        "member_id": member["id"], "segment": segment, "sector": "non_transport",
        "income": 1_000_000, "with_jht": 0, "funding": funding, "months_paid": 1,
        "amount_paid": amount, "start_month": day[:7], "paid_until": day[:7],
        "enrolled_on": day, "kecamatan_code": kec})
    return str(enrolment["id"])


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "agg.db")
    for i, (officer, day, kec, seg, funding, amount, deleted) in enumerate(ROWS):
        enrolment_id = _add(s, i, officer, day, kec, seg, funding, amount)
        if deleted:
            delete_record(s, "enrolments", enrolment_id)
    yield s
    s.close()


def test_periods_cover_whole_days():
    assert agg.Period.month(date(2026, 2, 14)) == agg.Period(date(2026, 2, 1), date(2026, 2, 28))
    assert agg.Period.year(2026).bounds() == ("2026-01-01", "2027-01-01")
    assert agg.Period.year_to_date(date(2026, 3, 15)) == agg.Period(date(2026, 1, 1),
                                                                    date(2026, 3, 15))
    assert agg.Period.months(date(2025, 11, 9), date(2026, 1, 2)).end == date(2026, 1, 31)
    with pytest.raises(ValueError):
        agg.Period(date(2026, 2, 1), date(2026, 1, 1))


def test_area_codes_are_checked():
    with pytest.raises(ValueError, match="Kode wilayah"):
        agg.Area("3372")
    assert agg.Area("33.72").is_city and not agg.Area("33.72.05").is_city


def test_totals_count_live_enrolments_in_the_period(store):
    year = agg.Period.year(2026)
    assert agg.member_count(store) == 8
    assert agg.member_count(store, "33.72") == 5  # rows 0, 1, 2, 5 (member kept), 6
    assert agg.enrolments_total(store, year) == 5
    assert agg.enrolments_total(store) == 7
    assert agg.enrolments_total(store, year, "33.72") == 3
    assert agg.enrolments_total(store, year, "33.12.12") == 2
    assert agg.amount_total(store, year) == 16800 + 8400 + 16800 + 50400 + 16800


def test_by_month_lists_every_month_including_empty_ones(store):
    months = agg.enrolments_by_month(store, agg.Period.year(2026))
    assert len(months) == 12
    assert months[:4] == [(date(2026, 1, 1), 2), (date(2026, 2, 1), 1), (date(2026, 3, 1), 2),
                          (date(2026, 4, 1), 0)]
    assert agg.enrolments_by_month(store, agg.Period.month(date(2026, 3, 1)), "33.72") == [
        (date(2026, 3, 1), 0)]


def test_by_kecamatan_segment_officer_name_what_they_count(store):
    year = agg.Period.year(2026)
    assert agg.enrolments_by_kecamatan(store, year) == [
        agg.Tally("33.12.12", "Wonogiri", 2), agg.Tally("33.72.01", "Laweyan", 1),
        agg.Tally("33.72.05", "Banjarsari", 2)]
    assert agg.enrolments_by_segment(store, year) == [
        agg.Tally("umkm", "UMKM (usaha mikro dan kecil)", 3), agg.Tally("ojol", "Ojek online", 1),
        agg.Tally("petani", "Petani", 1)]
    assert agg.enrolments_by_officer(store, year) == [agg.Tally("Ana", "Ana", 3),
                                                      agg.Tally("Budi", "Budi", 2)]
    assert agg.enrolments_by_officer(store, year, "33.12") == [agg.Tally("Ana", "Ana", 1),
                                                               agg.Tally("Budi", "Budi", 1)]
    assert agg.enrolments_by_funding(store, year) == [("self", 3), ("apbd", 1), ("sponsor", 1)]


def test_span_runs_from_first_to_last_live_enrolment(store):
    assert agg.enrolment_span(store) == agg.Period(date(2025, 12, 31), date(2027, 1, 1))
    assert agg.enrolment_span(store, "33.12.12") == agg.Period(date(2026, 3, 15),
                                                              date(2026, 3, 31))
    assert agg.enrolment_span(store, "33.72.03") is None


def test_amount_by_kecamatan_matches_amount_total_per_code(store):
    year = agg.Period.year(2026)
    amounts = agg.amount_by_kecamatan(store, year)
    assert amounts == {"33.72.01": 16800, "33.72.05": 8400 + 16800, "33.12.12": 50400 + 16800}
    for code, total in amounts.items():
        assert agg.amount_total(store, year, code) == total
    assert sum(amounts.values()) == agg.amount_total(store, year)  # the report's month total
    assert agg.amount_by_kecamatan(store, agg.Period.year(2026), "33.72") == {
        "33.72.01": 16800, "33.72.05": 8400 + 16800}


def test_amount_total_is_the_same_read_through_the_index_or_the_table(store):
    """A short period reads through the date index, a long one reads the table straight
    through (the report's year to date); both leave out deleted rows."""
    assert agg.amount_total(store, agg.Period.month(date(2026, 2, 1))) == 16800  # index
    assert agg.amount_total(store, agg.Period(date(2026, 3, 16), date(2026, 3, 30))) == 0
    assert agg.amount_total(store, agg.Period(date(2025, 1, 1), date(2027, 12, 31))) == (
        16800 * 4 + 8400 + 50400 + 16800)  # table; the deleted 2026-03-20 row stays out
    assert agg.amount_total(store) == 16800 * 4 + 8400 + 50400 + 16800
