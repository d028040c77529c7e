"""The member list's and the dashboard's total: live rows, counted without visiting them."""

from __future__ import annotations

from datetime import date

import pytest

from bpu_desktop.store import aggregates
from bpu_desktop.store.database import open_store
from bpu_desktop.store.live_counts import live_rows
from bpu_desktop.store.members import MemberQuery, MemberRepository

from .test_members import clean, enrolment

TODAY = date(2026, 5, 20)


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "m.db")
    s.set_officer("Sri")
    yield s
    s.close()


def _enrol(store, n: int) -> list[str]:
    repo = MemberRepository(store)
    names = ["Ani", "Budi", "Citra", "Dewi", "Eko"]
    return [repo.enrol(clean(store, enrolment(f"33720515089{i:05d}", names[i - 1]))).id
            for i in range(1, n + 1)]


def test_a_deleted_member_leaves_every_total(store):
    ids = _enrol(store, 5)
    repo = MemberRepository(store)
    repo.delete(ids[1])
    repo.delete(ids[3])
    assert repo.count(MemberQuery()) == 3
    assert aggregates.member_count(store) == 3
    assert live_rows(store, "members") == 3
    assert live_rows(store, "enrolments") == 3  # deleted with their member
    assert [r.name for r in repo.page(MemberQuery(sort="name"), 0, 10)] == [
        "Ani", "Citra", "Eko"]


def test_counts_read_the_deleted_rows_index_not_every_live_row(store):
    _enrol(store, 3)
    for table in ("members", "enrolments"):
        sql = (f"SELECT (SELECT COUNT(*) FROM {table}) - (SELECT COUNT(*) FROM {table} "
               f"INDEXED BY {table}_deleted WHERE deleted_at IS NOT NULL)")
        plan = " | ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert f"COVERING INDEX {table}_deleted" in plan, plan
        # A new (live) row is not in the index: a save writes no page of it.
        held = store.conn.execute(
            f"SELECT COUNT(*) FROM {table} INDEXED BY {table}_deleted "
            "WHERE deleted_at IS NOT NULL").fetchone()[0]
        assert held == 0


def test_an_older_file_gets_the_indexes_on_opening(tmp_path):
    path = tmp_path / "lama.db"
    store = open_store(path)
    store.set_officer("Sri")
    _enrol(store, 2)
    for table in ("members", "enrolments"):
        store.conn.execute(f"DROP INDEX {table}_deleted")
    store.conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm015_deleted_rows_indexes'")
    store.close()
    store = open_store(path)
    try:
        assert live_rows(store, "members") == 2
        assert MemberRepository(store).count(MemberQuery()) == 2
    finally:
        store.close()


def test_closing_a_file_only_read_analyzes_nothing(tmp_path):
    # The deleted-rows indexes are empty here, and ANALYZE gives an empty index no
    # statistics: without a row of their own, every close re-analyzed both tables
    # (seconds at a million members).
    path = tmp_path / "baca.db"
    store = open_store(path)
    store.set_officer("Sri")
    _enrol(store, 3)
    MemberRepository(store).count(MemberQuery())
    store.close()  # analyzes the new tables once
    for _ in range(2):
        store = open_store(path, create=False)
        repo = MemberRepository(store)
        assert repo.count(MemberQuery()) == 3
        repo.page(MemberQuery(sort="enrolled"), 0, 50)
        # What `PRAGMA optimize` on close would run (bit 0x01: list, do not run).
        assert store.conn.execute("PRAGMA optimize(0xffff)").fetchall() == []
        store.close()
