"""m008: leaner indexes for saves, and the lookups that relied on the old ones still work."""

from __future__ import annotations

import pytest

from bpu_desktop.store.audit import history
from bpu_desktop.store.database import open_store
from bpu_desktop.store.events import EventRepository
from bpu_desktop.store.records import update_record

from .outreach_helpers import enrol, nik
from .test_events import event


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "i.db")
    s.set_officer("Sri")
    yield s
    s.close()


def _plan(store, sql: str, *params: object) -> str:
    return " | ".join(r[3] for r in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def _indexed(store, index: str) -> int:
    """Entries in an index (partial indexes hold only the rows they cover)."""
    table, where = store.conn.execute(
        "SELECT tbl_name, sql FROM sqlite_master WHERE name = ?", (index,)).fetchone()
    condition = where.split(" WHERE ", 1)[1]
    return store.conn.execute(
        f"SELECT COUNT(*) FROM {table} INDEXED BY {index} WHERE {condition}").fetchone()[0]


def test_only_enrolments_with_an_event_or_sponsor_are_indexed_by_them(store):
    ev = EventRepository(store).save(event())
    enrol(store, nik(1), "Satu Datang", event_id=ev.id)
    enrol(store, nik(2), "Dua Sendiri")
    enrol(store, nik(3), "Tiga Sendiri")
    assert _indexed(store, "enrolments_by_event") == 1
    assert _indexed(store, "enrolments_by_sponsorship") == 0
    # What the officer sees is unchanged: the event counts its one enrolment.
    assert EventRepository(store).get(ev.id).enrolled == 1
    assert "enrolments_by_event" in _plan(
        store, "SELECT COUNT(*) FROM enrolments e WHERE e.event_id = ? "
        "AND e.deleted_at IS NULL", ev.id)


def test_period_queries_use_the_figures_index_once_by_month_is_gone(store):
    names = {r[0] for r in store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'enrolments'")}
    assert "enrolments_by_month" not in names
    assert "enrolments_period_area_segment" in _plan(
        store, "SELECT COUNT(*) FROM enrolments WHERE deleted_at IS NULL "
        "AND enrolled_on >= ? AND enrolled_on < ?", "2026-01-01", "2027-01-01")


def test_a_rows_history_is_found_by_its_id_newest_first(store):
    member = enrol(store, nik(4), "Empat Lama")
    enrol(store, nik(5), "Lima Lain")
    store.conn.execute("UPDATE audit_log SET at = '2026-01-01T00:00:00Z' "
                       "WHERE row_id = ? AND action = 'insert'", (member.id,))
    update_record(store, "members", member.id, {"phone": "081299990000"})
    entries = history(store.conn, table="members", row_id=member.id)
    assert [e.action for e in entries] == ["update", "insert"]
    assert {e.row_id for e in entries} == {member.id}
    assert "audit_by_row" in _plan(
        store, "SELECT id FROM audit_log WHERE table_name = ? AND row_id = ?",
        "members", member.id)
