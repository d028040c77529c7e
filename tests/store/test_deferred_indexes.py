"""A bulk import into a small file rebuilds its plain indexes once, at the end, and leaves
the file's schema exactly as the migrations made it, whatever happens."""

from __future__ import annotations

from datetime import date

import pytest

from bpu_desktop.domain.validation import EnrolmentInput
from bpu_desktop.store.database import open_store
from bpu_desktop.store.deferred_indexes import deferred_indexes
from bpu_desktop.store.member_import import enrol_many
from bpu_desktop.store.members import MemberRepository
from bpu_desktop.store.reference import validate_enrolment_input

TODAY = date(2026, 4, 10)


def _schema(store) -> list[tuple[str, str]]:
    return store.conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").fetchall()


def _name(i: int) -> str:
    return "Peserta " + "".join("ABCDEFGHIJ"[int(d)] for d in str(i))


def _cleans(store, count: int, first: int = 1):
    cleans = []
    for i in range(first, first + count):
        raw = EnrolmentInput(
            nik=f"33720152039{i:05d}", name=_name(i), phone=f"0812{i:08d}",
            kecamatan="Laweyan", kelurahan="Pajang", address="RT 1", segment="umkm",
            income="1.500.000", with_jht="Ya", funding="Mandiri", months_paid=1,
            start_month=TODAY, enrolled_on=TODAY)
        result = validate_enrolment_input(store, raw, today=TODAY)
        assert result.value is not None, result.errors
        cleans.append(result.value)
    return cleans


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path / "a.db")
    store.set_officer("Ani")
    yield store
    store.close()


def test_import_into_an_empty_file_rebuilds_indexes_the_queries_use(store):
    schema = _schema(store)
    assert enrol_many(store, _cleans(store, 30), source="import:x.xlsx") == (30, 0)
    assert _schema(store) == schema
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    plan = " ".join(r[3] for r in store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM members WHERE deleted_at IS NULL ORDER BY name"))
    assert "members_by_name" in plan
    found = MemberRepository(store).find_by_nik("3372015203900007")
    assert found is not None and found.name == "Peserta H"


def test_only_tables_the_import_at_least_doubles_lose_their_plain_indexes(store):
    enrol_many(store, _cleans(store, 10), source="import:a.xlsx")
    with store.write(), deferred_indexes(store, {"members": 10, "audit_log": 20}) as big:
        assert big == []  # 10 members and 20 audit rows held: the indexes stay
    with store.write(), deferred_indexes(store, {"members": 11}) as small:
        assert small == ["members_by_birth_date", "members_by_kecamatan", "members_by_name"]
        left = {r[1] for r in store.conn.execute("PRAGMA index_list(members)")}
        assert "members_live_nik" in left  # unique: still enforced while importing
    assert "members_by_name" in {name for name, _ in _schema(store)}


def test_a_failed_import_leaves_every_index_in_place(store):
    schema = _schema(store)
    cleans = _cleans(store, 5)
    with pytest.raises(RuntimeError), store.write(), deferred_indexes(store, {"members": 5}):
        enrol_many(store, cleans, source="import:x.xlsx")
        raise RuntimeError("cancel")
    assert _schema(store) == schema
    assert store.conn.execute("SELECT count(*) FROM members").fetchone()[0] == 0


def test_a_duplicate_nik_is_still_refused_while_indexes_are_deferred(store):
    import sqlite3

    cleans = _cleans(store, 3)
    with pytest.raises(sqlite3.IntegrityError):
        enrol_many(store, [*cleans, cleans[0]], source="import:x.xlsx")
    assert store.conn.execute("SELECT count(*) FROM members").fetchone()[0] == 0
    assert len(_schema(store)) > 0 and "members_by_name" in dict(_schema(store))
