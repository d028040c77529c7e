"""The bulk import's ids and audit rows are what the one-by-one path writes."""

from __future__ import annotations

import json
import uuid

from bpu_desktop.store.database import open_store
from bpu_desktop.store.member_import import _new_ids


def test_bulk_ids_are_distinct_version_4_uuids():
    ids = _new_ids(2_000)
    assert len(set(ids)) == 2_000
    for text in ids:
        parsed = uuid.UUID(text)
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122 and str(parsed) == text


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
