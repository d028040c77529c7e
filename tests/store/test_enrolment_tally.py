"""The enrolment tally (triggers) gives the same figures as counting the rows, after any
mix of saves, edits, deletes and merges, for any period and area."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bpu_desktop.store import aggregates as agg
from bpu_desktop.store import enrolment_tally
from bpu_desktop.store.database import Store, open_store
from bpu_desktop.store.merge import merge_files
from bpu_desktop.store.records import delete_record, insert_record, update_record

from .merge_helpers import two_officers

KECAMATAN = ["33.72.01", "33.72.05", "33.12.12"]
SEGMENTS = ["umkm", "ojol", "petani"]
OFFICERS = ["Ana", "Budi"]
FIRST_DAY = date(2025, 12, 1)
_ANY_DAY = st.integers(0, 430).map(lambda n: FIRST_DAY + timedelta(days=n))
# Month edges, where a period's whole months meet its partial ones: drawn half the time.
_EDGES = [d for m in range(15) for d in (date(2025 + (11 + m) // 12, 1 + (11 + m) % 12, 1),)
          for d in (d - timedelta(days=1), d)]
DAYS = st.one_of(_ANY_DAY, st.sampled_from(_EDGES))


def _enrol(store: Store, i: int, day: date, kec: str, segment: str, amount: int) -> str:
    member = insert_record(store, "members", {
        "nik": f"33720101019{i:05d}", "name": f"Orang {i}", "sex": "L",
        "birth_date": "1990-01-01", "kecamatan_code": kec, "kelurahan": "X"})
    return str(insert_record(store, "enrolments", {
        "member_id": member["id"], "segment": segment, "sector": "non_transport",
        "income": 1_000_000, "with_jht": 0, "funding": "self", "months_paid": 1,
        "amount_paid": amount, "start_month": day.isoformat()[:7],
        "paid_until": day.isoformat()[:7], "enrolled_on": day.isoformat(),
        "kecamatan_code": kec})["id"])


_ADD = st.tuples(st.just("add"), DAYS, st.sampled_from(KECAMATAN), st.sampled_from(SEGMENTS),
                 st.sampled_from(OFFICERS), st.integers(0, 60_000))
_EDIT = st.tuples(st.just("edit"), st.integers(0, 50), DAYS, st.sampled_from(KECAMATAN),
                  st.sampled_from(SEGMENTS), st.integers(0, 60_000))
_DELETE = st.tuples(st.just("delete"), st.integers(0, 50))
_ERASE = st.tuples(st.just("erase"), st.integers(0, 50))  # a hard DELETE (a merge repair)


def _apply(store: Store, ops: list[tuple]) -> None:
    ids: list[str] = []
    for i, op in enumerate(ops):
        if op[0] == "add":
            _, day, kec, segment, officer, amount = op
            store.acting_as = officer
            ids.append(_enrol(store, i, day, kec, segment, amount))
        elif ids and op[0] == "edit":
            _, pick, day, kec, segment, amount = op
            row_id = ids[pick % len(ids)]
            live = store.conn.execute("SELECT deleted_at IS NULL FROM enrolments WHERE id = ?",
                                      (row_id,)).fetchone()
            if live and live[0]:
                update_record(store, "enrolments", row_id, {
                    "enrolled_on": day.isoformat(), "kecamatan_code": kec,
                    "segment": segment, "amount_paid": amount})
        elif ids and op[0] == "delete":
            row_id = ids[op[1] % len(ids)]
            if store.conn.execute("SELECT 1 FROM enrolments WHERE id = ? AND deleted_at IS NULL",
                                  (row_id,)).fetchone():
                delete_record(store, "enrolments", row_id)
        elif ids and op[0] == "erase":
            row_id = ids.pop(op[1] % len(ids))
            with store.write():
                store.conn.execute("DELETE FROM payments WHERE enrolment_id = ?", (row_id,))
                store.conn.execute("DELETE FROM enrolments WHERE id = ?", (row_id,))


def _raw(store: Store, column: str, start: date, end: date, area: str | None,
         measure: str = "COUNT(*)") -> dict[str, int]:
    sql = (f"SELECT {column}, {measure} FROM enrolments WHERE deleted_at IS NULL "
           "AND enrolled_on >= ? AND enrolled_on <= ?")
    params: list[object] = [start.isoformat(), end.isoformat()]
    if area:
        sql += " AND kecamatan_code LIKE ?"
        params.append(area + "%")
    rows = store.conn.execute(sql + " GROUP BY 1", params).fetchall()
    return {str(k): int(v) for k, v in rows if v}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(st.one_of(_ADD, _ADD, _EDIT, _DELETE, _ERASE), max_size=25),
       start=DAYS, length=st.integers(0, 420),
       area=st.sampled_from([None, "33.72", "33.12", "33.72.05"]))
def test_figures_equal_counting_the_rows(tmp_path_factory, ops, start, length, area):
    store = open_store(tmp_path_factory.mktemp("tally") / "t.db")
    try:
        _apply(store, ops)
        assert not enrolment_tally.drifted(store)
        end = start + timedelta(days=length)
        period = agg.Period(start, end)
        assert agg.enrolments_total(store, period, area) == sum(
            _raw(store, "''", start, end, area).values())
        assert agg.amount_total(store, period, area) == sum(
            _raw(store, "''", start, end, area, "SUM(amount_paid)").values())
        assert {t.key: t.count for t in agg.enrolments_by_kecamatan(store, period, area)} == (
            _raw(store, "kecamatan_code", start, end, area))
        assert {t.key: t.count for t in agg.enrolments_by_segment(store, period, area)} == (
            _raw(store, "segment", start, end, area))
        assert {t.key: t.count for t in agg.enrolments_by_officer(store, period, area)} == (
            _raw(store, "created_by", start, end, area))
        # One segment, one officer, or both (the targets' figures): each as counted.
        segments = _raw(store, "segment", start, end, area)
        officers = _raw(store, "created_by", start, end, area)
        both = _raw(store, "segment || '/' || created_by", start, end, area)
        for segment in [*segments, "tidak-ada"]:
            assert agg.enrolments_count(store, period, area, segment=segment) == (
                segments.get(segment, 0))
            for officer in officers:
                assert agg.enrolments_count(store, period, area, segment=segment,
                                            officer=officer) == both.get(f"{segment}/{officer}", 0)
        for officer in [*officers, "Siapa"]:
            assert agg.enrolments_count(store, period, area, officer=officer) == (
                officers.get(officer, 0))
        by_month = _raw(store, "substr(enrolled_on, 1, 7)", start, end, area)
        assert {m.isoformat()[:7]: n for m, n in agg.enrolments_by_month(store, period, area)
                if n} == by_month
    finally:
        store.close()


def test_whole_months_of_a_period():
    assert enrolment_tally.whole_months(date(2026, 1, 1), date(2026, 12, 31)) == (
        date(2026, 1, 1), date(2026, 12, 1))
    assert enrolment_tally.whole_months(date(2026, 1, 2), date(2026, 3, 30)) == (
        date(2026, 2, 1), date(2026, 2, 1))
    assert enrolment_tally.whole_months(date(2026, 1, 2), date(2026, 2, 27)) is None
    assert enrolment_tally.whole_months(date(2026, 2, 1), date(2026, 2, 28)) == (
        date(2026, 2, 1), date(2026, 2, 1))


def test_merged_files_are_tallied(tmp_path: Path) -> None:
    two_officers(tmp_path, kecamatan="Laweyan", kelurahan="Pajang")
    branch = open_store(tmp_path / "cabang.db")
    try:
        merge_files(branch, [tmp_path / "ani.db", tmp_path / "bayu.db"])
        assert not enrolment_tally.drifted(branch)
        assert agg.enrolments_total(branch) == branch.conn.execute(
            "SELECT COUNT(*) FROM enrolments WHERE deleted_at IS NULL").fetchone()[0] > 0
    finally:
        branch.close()


def test_a_file_edited_outside_the_app_is_found_and_recounted(tmp_path: Path) -> None:
    store = open_store(tmp_path / "t.db")
    try:
        store.acting_as = "Ana"
        _enrol(store, 1, date(2026, 3, 5), "33.72.01", "umkm", 16_800)
        conn = sqlite3.connect(tmp_path / "t.db")
        conn.execute("DROP TRIGGER enrolment_tally_update")
        conn.execute("UPDATE enrolments SET segment = 'ojol'")
        conn.commit()
        conn.close()
        assert enrolment_tally.drifted(store)
        enrolment_tally.rebuild(store)
        assert not enrolment_tally.drifted(store)
        assert [(t.key, t.count) for t in agg.enrolments_by_segment(store)] == [("ojol", 1)]
    finally:
        store.close()


def test_periods_starting_or_ending_at_any_month_edge(tmp_path: Path) -> None:
    """An enrolment on each day around each month edge; every period from one such day to
    another counts exactly the days it covers."""
    store = open_store(tmp_path / "t.db")
    try:
        store.acting_as = "Ana"
        days = sorted({d + timedelta(days=k) for d in _EDGES[1::2] for k in (-2, -1, 0, 1)})
        for i, day in enumerate(days):
            _enrol(store, i, day, KECAMATAN[i % 3], SEGMENTS[i % 3], 1000 + i)
        for a in days[::3]:
            for b in days:
                if b < a:
                    continue
                period = agg.Period(a, b)
                expected = sum(1 for d in days if a <= d <= b)
                assert agg.enrolments_total(store, period) == expected, (a, b)
                assert sum(n for _, n in agg.enrolments_by_month(store, period)) == expected
                assert agg.amount_total(store, period) == sum(
                    1000 + i for i, d in enumerate(days) if a <= d <= b)
    finally:
        store.close()


def test_a_bulk_import_tallies_its_rows_and_keeps_the_triggers(tmp_path: Path) -> None:
    from bpu_desktop.domain.validation import EnrolmentInput
    from bpu_desktop.store.member_import import enrol_many
    from bpu_desktop.store.reference import validate_enrolment_input

    store = open_store(tmp_path / "t.db")
    try:
        store.set_officer("Ani")
        _enrol(store, 1, date(2026, 4, 3), "33.72.01", "umkm", 16_800)  # same key as the import
        triggers = store.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall()
        today = date(2026, 4, 10)
        cleans = [validate_enrolment_input(store, EnrolmentInput(
            nik=f"337201520390{i:04d}", name="Sri Wahyuni", phone="0812 3456 7890",
            kecamatan="Laweyan", kelurahan="Pajang", address="", segment="umkm",
            income="1.500.000", with_jht="Ya", funding="Mandiri", months_paid=3,
            start_month=today, enrolled_on=date(2026, 4, 1 + i % 9)), today=today).value
            for i in range(1, 41)]
        assert all(c is not None for c in cleans)
        assert enrol_many(store, cleans, source="import:x.xlsx") == (40, 0)
        assert not enrolment_tally.drifted(store)
        assert agg.enrolments_total(store, agg.Period.month(date(2026, 4, 1))) == 41
        assert store.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        ).fetchall() == triggers
        _enrol(store, 99, date(2026, 4, 3), "33.72.01", "umkm", 16_800)  # triggers work again
        assert not enrolment_tally.drifted(store)
    finally:
        store.close()
