"""The bulk import's ids and audit rows are what the one-by-one path writes."""

from __future__ import annotations

import json
import time
import uuid

from bpu_desktop.store.clock import new_id, new_ids, short_id
from bpu_desktop.store.database import open_store


def test_ids_are_distinct_time_ordered_version_7_uuids():
    first = new_id()
    ids = new_ids(2_000)
    time.sleep(0.002)
    later = new_id()
    assert len(set(ids)) == 2_000
    for text in [first, *ids, later]:
        parsed = uuid.UUID(text)
        assert parsed.version == 7 and parsed.variant == uuid.RFC_4122 and str(parsed) == text
    # The first 48 bits are the millisecond: keys sort by the time they were made.
    assert first[:13] <= min(ids)[:13] and max(ids)[:13] < later[:13]


def test_short_ids_tell_apart_keys_made_the_same_minute():
    """Two laptops set up at one training session show different device codes and name
    their packages differently (a key's first eight characters are its time)."""
    ids = new_ids(200)  # 32 random bits each: a clash is a one-in-200,000 chance
    assert len({i[:8] for i in ids}) == 1
    assert len({short_id(i) for i in ids}) == 200
    assert all(len(short_id(i)) == 8 and short_id(i) == i[-8:] for i in ids)


def test_migration_drops_only_the_duplicate_figures_index(tmp_path):
    store = open_store(tmp_path / "a.db")
    names = {r[0] for r in store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'enrolments'")}
    store.close()
    assert "enrolments_figures" not in names
    assert "enrolments_period_area_segment" in names  # the identical m003 index stays


def test_bulk_audit_json_matches_write_audit(tmp_path):
    from datetime import date

    from bpu_desktop.domain.validation import EnrolmentInput
    from bpu_desktop.store.member_import import enrol_many
    from bpu_desktop.store.reference import validate_enrolment_input

    store = open_store(tmp_path / "b.db")
    store.set_officer("Ani")
    today = date(2026, 4, 10)
    clean = validate_enrolment_input(store, EnrolmentInput(
        nik="3372015203900001", name="Sri Wahyuni", phone="0812 3456 7890",
        kecamatan="Laweyan", kelurahan="Pajang", address="RT 1", segment="umkm",
        income="1.500.000", with_jht="Ya", funding="Mandiri", months_paid=3,
        start_month=today, enrolled_on=today), today=today).value
    assert clean is not None
    assert enrol_many(store, [clean], source="import:x.xlsx") == (1, 0)
    member = dict(zip(("id", "nik", "name", "created_by"), store.conn.execute(
        "SELECT id, nik, name, created_by FROM members").fetchone(), strict=True))
    audits = store.conn.execute(
        "SELECT table_name, row_id, action, new, officer FROM audit_log WHERE source = ? "
        "ORDER BY table_name DESC", ("import:x.xlsx",)).fetchall()
    store.close()
    assert [(a[0], a[2], a[4]) for a in audits] == [("members", "insert", "Ani"),
                                                    ("enrolments", "insert", "Ani")]
    new = json.loads(audits[0][3])
    assert new["id"] == audits[0][1] == member["id"]
    assert new["name"] == "Sri Wahyuni" and new["nik"] == "3372015203900001"
    assert json.loads(audits[1][3])["member_id"] == member["id"]


_STAMPS = {"id", "created_at", "updated_at", "member_id", "origin"}


def _enrolled(store, nik: str):
    """(member row, enrolment row, audit rows) of one person, stamps and ids left out."""
    def row(table: str, where: str, value: str) -> dict:
        cur = store.conn.execute(f"SELECT * FROM {table} WHERE {where} = ?", (value,))
        return dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True))

    member = row("members", "nik", nik)
    enrolment = row("enrolments", "member_id", member["id"])
    audits = []
    for table, record in (("members", member), ("enrolments", enrolment)):
        a = row("audit_log", "row_id", record["id"])
        new = json.loads(a["new"])
        assert new == {k: record[k] for k in new}  # the inserted values, as stored
        assert (a["at"], a["officer"], a["origin"]) == (
            record["created_at"], record["created_by"], record["origin"])
        if table == "enrolments":
            assert new["member_id"] == member["id"]
        audits.append((a["table_name"], a["action"], a["old"], a["source"],
                       {k: v for k, v in new.items() if k not in _STAMPS}))
    strip = lambda r: {k: v for k, v in r.items() if k not in _STAMPS}  # noqa: E731
    return strip(member), strip(enrolment), audits


def test_bulk_rows_and_audit_equal_the_one_by_one_enrolment(tmp_path):
    from datetime import date

    from bpu_desktop.domain.validation import EnrolmentInput
    from bpu_desktop.store.member_import import enrol_many
    from bpu_desktop.store.members import MemberRepository
    from bpu_desktop.store.reference import validate_enrolment_input

    today = date(2026, 4, 10)
    raws = [EnrolmentInput(
        nik="3372015203900001", name="Sri Wahyuni", phone="0812 3456 7890",
        kecamatan="Laweyan", kelurahan="Pajang", address="RT 1 · Gang Ñ", segment="umkm",
        income="1.500.000", with_jht="Ya", funding="Mandiri", months_paid=3,
        start_month=today, enrolled_on=today),
        EnrolmentInput(
        nik="3372011705850002", name="Budi 'Ucok' Santoso", phone="081298765432",
        kecamatan="Jebres", kelurahan="Jebres", address="", segment="ojol",
        income=900_000, with_jht=False, funding="sponsor", months_paid=1,
        start_month="05/2026", enrolled_on=today, kpj="12345678901",
        sponsorship_id="sp-1")]
    one, bulk = open_store(tmp_path / "one.db"), open_store(tmp_path / "bulk.db")
    for store in (one, bulk):
        store.set_officer("Ani")
    cleans = [validate_enrolment_input(one, raw, today=today).value for raw in raws]
    assert all(c is not None for c in cleans)
    for clean in cleans:
        MemberRepository(one).enrol(clean, source="import:x.xlsx")
    assert enrol_many(bulk, cleans, source="import:x.xlsx") == (2, 0)
    for clean in cleans:
        expected = _enrolled(one, clean.nik.value)
        got = _enrolled(bulk, clean.nik.value)
        assert got == expected
    audit_ids = [r[0] for r in bulk.conn.execute("SELECT id FROM audit_log")]
    assert len(set(audit_ids)) == 4
    one.close()
    bulk.close()


def test_paused_gc_restores_collection_even_after_a_cancel():
    import gc

    import pytest

    from bpu_desktop.store.member_import import paused_gc
    from bpu_desktop.store.progress import Cancelled

    assert gc.isenabled()
    with pytest.raises(Cancelled), paused_gc():
        assert not gc.isenabled()
        raise Cancelled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_keys_made_one_after_another_keep_their_order_within_a_millisecond():
    """Lists that break ties by key ("the order they were keyed") gave a different order
    from run to run when two rows were saved in the same millisecond."""
    import uuid

    from bpu_desktop.store.clock import new_id, new_ids

    one_by_one = [new_id() for _ in range(5_000)]  # many share a millisecond
    batch = new_ids(10_000)  # more than the 4,096 a millisecond's counter holds
    keys = one_by_one + batch + [new_id()]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert {uuid.UUID(k).version for k in keys} == {7}
