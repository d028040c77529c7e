"""Every change is stamped, versioned, audited, and all-or-nothing."""

from __future__ import annotations

import pytest

from bpu_desktop.store.audit import history
from bpu_desktop.store.database import open_store
from bpu_desktop.store.errors import RecordNotFound, StaleRecordError
from bpu_desktop.store.records import delete_record, get_record, insert_record, save_record, update_record


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "r.db")
    s.set_officer("Budi")
    yield s
    s.close()


def test_insert_stamps_and_audits(store):
    row = insert_record(store, "kelurahan", {"kecamatan_code": "33.12.01", "name": "Gedong"})
    assert row["created_by"] == "Budi"
    assert row["origin"] == store.device_id
    assert row["version"] == 1
    [entry] = history(store.conn, row_id=row["id"])
    assert entry.action == "insert"
    assert entry.new["name"] == "Gedong"


def test_update_bumps_version_and_audits_only_changes(store):
    row = insert_record(store, "kelurahan", {"kecamatan_code": "33.12.01", "name": "Gedong"})
    updated = update_record(store, "kelurahan", row["id"], {"name": "Gedong Baru",
                                                            "kecamatan_code": "33.12.01"})
    assert updated["version"] == 2
    entry = history(store.conn, row_id=row["id"])[0]
    assert entry.action == "update"
    assert entry.old == {"name": "Gedong"}
    assert entry.new == {"name": "Gedong Baru"}
    # No change, no write.
    same = update_record(store, "kelurahan", row["id"], {"name": "Gedong Baru"})
    assert same["version"] == 2
    assert len(history(store.conn, row_id=row["id"])) == 2


def test_stale_edit_is_refused(store):
    row = insert_record(store, "kelurahan", {"kecamatan_code": "33.12.01", "name": "A"})
    update_record(store, "kelurahan", row["id"], {"name": "B"})
    with pytest.raises(StaleRecordError):
        update_record(store, "kelurahan", row["id"], {"name": "C"}, expected_version=1)
    assert get_record(store, "kelurahan", row["id"])["name"] == "B"


def test_delete_leaves_a_tombstone(store):
    row = insert_record(store, "kelurahan", {"kecamatan_code": "33.12.01", "name": "A"})
    delete_record(store, "kelurahan", row["id"])
    assert get_record(store, "kelurahan", row["id"]) is None
    tomb = get_record(store, "kelurahan", row["id"], include_deleted=True)
    assert tomb["deleted_at"] is not None
    assert tomb["version"] == 2
    with pytest.raises(RecordNotFound):
        delete_record(store, "kelurahan", row["id"])


def test_failure_inside_an_action_rolls_everything_back(store):
    before = store.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    with pytest.raises(RuntimeError), store.write():
        insert_record(store, "kelurahan", {"kecamatan_code": "33.12.01", "name": "X"})
        insert_record(store, "kelurahan", {"kecamatan_code": "33.12.01", "name": "Y"})
        raise RuntimeError("listrik padam")
    names = {r[0] for r in store.conn.execute("SELECT name FROM kelurahan")}
    assert not {"X", "Y"} & names
    assert store.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == before


def test_save_record_inserts_then_updates_with_version_check(store):
    row_id = save_record(store, "kelurahan", None,
                         {"kecamatan_code": "33.12.01", "name": "Gedong"})
    assert get_record(store, "kelurahan", row_id)["version"] == 1
    assert save_record(store, "kelurahan", row_id, {"name": "Gedong Baru"},
                       expected_version=1) == row_id
    assert get_record(store, "kelurahan", row_id)["name"] == "Gedong Baru"
    with pytest.raises(StaleRecordError):
        save_record(store, "kelurahan", row_id, {"name": "Lain"}, expected_version=1)
    assert [e.action for e in history(store.conn, row_id=row_id)] == ["update", "insert"]
