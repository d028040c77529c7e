"""Merging officers' files into the branch file, case by case, as a supervisor would."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from bpu_desktop.store.audit import history
from bpu_desktop.store.database import open_store
from bpu_desktop.store.errors import NewerSchemaError, NotADatabaseError, StoreError
from bpu_desktop.store.members import MemberRepository
from bpu_desktop.store.merge import merge_files
from bpu_desktop.store.migrations import MIGRATIONS, known_migration_names
from bpu_desktop.store.progress import Cancelled, Progress

from .merge_helpers import (
    NIK_A,
    NIK_B,
    NIK_C,
    checksum,
    copy_file,
    enrol,
    live_names,
    officer_file,
    rename,
    snapshot,
)


@pytest.fixture
def ani(tmp_path):
    store = officer_file(tmp_path / "ani.db", "Ani")
    yield store
    store.close()


def members(report, name):
    return next(f for f in report.files if f.name == name).tables["members"]


def test_new_rows_come_in_with_audit_from_the_officer_device(branch, ani, tmp_path):
    budi = enrol(ani, NIK_A, "Budi")
    enrol(ani, NIK_B, "Cici")
    report = merge_files(branch, [tmp_path / "ani.db"])
    counts = members(report, "ani.db")
    assert (counts.new, counts.updated, counts.conflicts) == (2, 0, 0)
    assert report.files[0].tables["enrolments"].new == 2
    assert report.files[0].tables["segments"].identical >= 15
    assert live_names(branch) == ["Budi", "Cici"]
    entries = [e for e in history(branch.conn, row_id=budi.id)]
    assert [(e.action, e.source, e.origin, e.officer) for e in entries] == [
        ("insert", "merge:ani.db", ani.device_id, "Supervisor")]
    assert entries[0].new["nik"] == NIK_A
    row = MemberRepository(branch).get(budi.id)
    assert row is not None and row.created_by == "Ani" and row.segment == "ojol"


def test_re_merging_changes_nothing_and_says_already_merged(branch, ani, tmp_path):
    enrol(ani, NIK_A, "Budi")
    first = merge_files(branch, [tmp_path / "ani.db"])
    assert not first.files[0].already_merged
    before = snapshot(branch)
    audit_rows = branch.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    again = merge_files(branch, [tmp_path / "ani.db"])
    report = again.files[0]
    assert report.already_merged and report.merged_before is not None
    assert (members(again, "ani.db").identical, members(again, "ani.db").new) == (1, 0)
    assert snapshot(branch) == before
    assert branch.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audit_rows
    assert again.backup is None  # nothing to write, so no backup either


def test_same_rows_through_two_files_are_identical_the_second_time(branch, ani, tmp_path):
    enrol(ani, NIK_A, "Budi")
    relay = copy_file(ani, tmp_path / "relay.db", "laptop-relay")
    enrol(relay, NIK_B, "Cici")
    relay.close()
    report = merge_files(branch, [tmp_path / "ani.db", tmp_path / "relay.db"])
    relay_counts = members(report, "relay.db")
    assert (relay_counts.new, relay_counts.identical, relay_counts.conflicts) == (1, 1, 0)
    assert live_names(branch) == ["Budi", "Cici"]


def test_newer_version_replaces_older_and_older_never_replaces_newer(branch, ani, tmp_path):
    budi = enrol(ani, NIK_A, "Budi")
    old_copy = copy_file(ani, tmp_path / "lama.db", "laptop-lama")  # still version 1
    old_copy.close()
    merge_files(branch, [tmp_path / "ani.db"])
    rename(ani, budi.id, "Budi Santoso")
    report = merge_files(branch, [tmp_path / "ani.db"])
    assert members(report, "ani.db").updated == 1
    assert live_names(branch) == ["Budi Santoso"]
    update = history(branch.conn, table="members", row_id=budi.id)[0]
    assert (update.action, update.source, update.origin) == ("update", "merge:ani.db",
                                                            ani.device_id)
    assert update.old["name"] == "Budi" and update.new["name"] == "Budi Santoso"
    # The stale copy (version 1) does not bring the old name back.
    stale = merge_files(branch, [tmp_path / "lama.db"])
    assert members(stale, "lama.db").older == 1
    assert members(stale, "lama.db").conflicts == 0
    assert live_names(branch) == ["Budi Santoso"]


def test_branch_edit_is_kept_when_officer_sends_the_unchanged_row(branch, ani, tmp_path):
    budi = enrol(ani, NIK_A, "Budi")
    merge_files(branch, [tmp_path / "ani.db"])
    rename(branch, budi.id, "Budi Koreksi")
    report = merge_files(branch, [tmp_path / "ani.db"])
    assert members(report, "ani.db").conflicts == 0
    assert live_names(branch) == ["Budi Koreksi"]


def test_tombstones_propagate(branch, ani, tmp_path):
    budi = enrol(ani, NIK_A, "Budi")
    enrol(ani, NIK_B, "Cici")
    merge_files(branch, [tmp_path / "ani.db"])
    MemberRepository(ani).delete(budi.id)
    report = merge_files(branch, [tmp_path / "ani.db"])
    assert members(report, "ani.db").deleted == 1
    assert report.files[0].tables["enrolments"].deleted == 1
    assert live_names(branch) == ["Cici"]
    assert history(branch.conn, row_id=budi.id)[0].action == "delete"


def test_same_row_edited_on_two_laptops_is_a_conflict(branch, ani, tmp_path):
    budi = enrol(ani, NIK_A, "Budi")
    bayu = copy_file(ani, tmp_path / "bayu.db", "laptop-bayu")
    merge_files(branch, [tmp_path / "ani.db"])
    rename(ani, budi.id, "Budi Ani")
    rename(bayu, budi.id, "Budi Bayu")
    bayu.close()
    report = merge_files(branch, [tmp_path / "ani.db", tmp_path / "bayu.db"])
    assert members(report, "ani.db").updated == 1
    assert members(report, "bayu.db").conflicts == 1
    assert live_names(branch) == ["Budi Ani"]  # nothing settled silently
    row = branch.conn.execute(
        "SELECT kind, row_id, other_id, source_file, incoming FROM merge_conflicts").fetchone()
    assert row[:4] == ("edit", budi.id, budi.id, "bayu.db")
    assert json.loads(row[4])["name"] == "Budi Bayu"


def test_both_changed_since_last_agreed_is_a_conflict_even_with_a_higher_version(
        branch, ani, tmp_path):
    """Bayu edits twice (version 3) without having seen Ani's edit (version 2)."""
    budi = enrol(ani, NIK_A, "Budi")
    bayu = copy_file(ani, tmp_path / "bayu.db", "laptop-bayu")
    merge_files(branch, [tmp_path / "ani.db"])
    rename(ani, budi.id, "Budi Ani")
    merge_files(branch, [tmp_path / "ani.db"])
    rename(bayu, budi.id, "Budi B")
    rename(bayu, budi.id, "Budi Bayu")
    bayu.close()
    report = merge_files(branch, [tmp_path / "bayu.db"])
    assert members(report, "bayu.db").conflicts == 1
    assert live_names(branch) == ["Budi Ani"]


def test_branch_edited_twice_and_officer_once_is_a_conflict(branch, ani, tmp_path):
    budi = enrol(ani, NIK_A, "Budi")
    merge_files(branch, [tmp_path / "ani.db"])
    rename(branch, budi.id, "Budi X")
    rename(branch, budi.id, "Budi Cabang")
    rename(ani, budi.id, "Budi Ani")
    report = merge_files(branch, [tmp_path / "ani.db"])
    assert members(report, "ani.db").conflicts == 1
    assert live_names(branch) == ["Budi Cabang"]


def test_same_nik_enrolled_by_two_officers_waits_in_the_conflict_list(branch, ani, tmp_path):
    enrol(ani, NIK_A, "Budi")
    bayu = officer_file(tmp_path / "bayu.db", "Bayu")
    enrol(bayu, NIK_A, "Budi Santoso")
    bayu.close()
    report = merge_files(branch, [tmp_path / "ani.db", tmp_path / "bayu.db"])
    assert members(report, "bayu.db").conflicts == 1
    assert report.files[1].tables["enrolments"].conflicts == 1
    assert live_names(branch) == ["Budi"]
    kinds = sorted(r[0] for r in branch.conn.execute("SELECT kind FROM merge_conflicts"))
    assert kinds == ["dependent", "duplicate"]
    # Re-merging lists them once.
    merge_files(branch, [tmp_path / "bayu.db"])
    assert branch.conn.execute("SELECT count(*) FROM merge_conflicts").fetchone()[0] == 2


def test_merging_a_into_b_and_b_into_a_gives_the_same_result(tmp_path):
    ani = officer_file(tmp_path / "a.db", "Ani")
    budi = enrol(ani, NIK_A, "Budi")
    bayu = copy_file(ani, tmp_path / "b.db", "laptop-bayu")
    rename(ani, budi.id, "Budi Santoso")
    enrol(ani, NIK_B, "Cici")
    enrol(bayu, NIK_C, "Dodi")
    ani.close()
    bayu.close()
    for name in ("a", "b"):
        Path(tmp_path / f"{name}2.db").write_bytes((tmp_path / f"{name}.db").read_bytes())
    into_b = open_store(tmp_path / "b2.db")
    merge_files(into_b, [tmp_path / "a.db"])
    into_a = open_store(tmp_path / "a2.db")
    merge_files(into_a, [tmp_path / "b.db"])
    assert live_names(into_a) == ["Budi Santoso", "Cici", "Dodi"]
    assert snapshot(into_a) == snapshot(into_b)
    into_a.close()
    into_b.close()


def test_older_schema_file_is_migrated_on_a_copy(branch, tmp_path):
    path = tmp_path / "lama.db"
    names = known_migration_names()
    db = Database(path)
    MIGRATIONS.apply(db, stop_before=names[1])
    db.execute("INSERT INTO meta(key, value) VALUES ('device_id', 'laptop-lama')")
    db.execute(
        "INSERT INTO members(id, created_at, updated_at, created_by, updated_by, origin, "
        "version, nik, name, sex, birth_date) VALUES ('m-lama', '2026-01-01T00:00:00Z', "
        "'2026-01-01T00:00:00Z', 'Ani', 'Ani', 'laptop-lama', 1, ?, 'Eko', 'L', "
        "'1990-08-15')", (NIK_A,))
    db.conn.commit()
    db.close()
    before = checksum(path)
    report = merge_files(branch, [path])
    assert members(report, "lama.db").new == 1
    assert live_names(branch) == ["Eko"]
    assert checksum(path) == before
    assert [r["name"] for r in Database(path)["_sqlite_migrations"].rows] == [names[0]]


def test_newer_schema_file_is_refused_and_nothing_changes(branch, ani, tmp_path):
    enrol(ani, NIK_A, "Budi")
    ani.conn.execute("INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
                     "VALUES ('bpu', 'm999_from_the_future', '2030-01-01')")
    before = snapshot(branch)
    with pytest.raises(NewerSchemaError, match=r"ani\.db: .*lebih baru"):
        merge_files(branch, [tmp_path / "ani.db"])
    assert snapshot(branch) == before


def test_not_sqlite_file_is_refused_with_its_name(branch, ani, tmp_path):
    enrol(ani, NIK_A, "Budi")
    bogus = tmp_path / "catatan.db"
    bogus.write_text("ini bukan database\n" * 20)
    before = snapshot(branch)
    with pytest.raises(NotADatabaseError, match=r"catatan\.db: bukan berkas data"):
        merge_files(branch, [tmp_path / "ani.db", bogus])
    assert snapshot(branch) == before
    assert branch.conn.execute("SELECT count(*) FROM merge_log").fetchone()[0] == 0


def test_missing_file_and_own_file_are_refused(branch, tmp_path):
    with pytest.raises(StoreError, match="tidak ditemukan"):
        merge_files(branch, [tmp_path / "hilang.db"])
    with pytest.raises(StoreError, match="berkas cabang itu sendiri"):
        merge_files(branch, [tmp_path / "cabang.db"])


def test_damaged_file_is_refused(branch, ani, tmp_path):
    for n in range(1, 40):
        enrol(ani, f"337205150890{n:04d}", "Warga " + chr(65 + n % 26) + chr(65 + n // 26))
    ani.close()
    path = tmp_path / "ani.db"
    data = bytearray(path.read_bytes())
    data[4096 * 3: 4096 * 3 + 2000] = b"\xff" * 2000
    path.write_bytes(bytes(data))
    with pytest.raises(NotADatabaseError, match=r"ani\.db"):
        merge_files(branch, [path])
    assert live_names(branch) == []


def test_dry_run_reports_exact_counts_and_writes_nothing(branch, ani, tmp_path):
    enrol(ani, NIK_A, "Budi")
    before = snapshot(branch)
    preview = merge_files(branch, [tmp_path / "ani.db"], dry_run=True)
    assert preview.dry_run and preview.backup is None
    assert members(preview, "ani.db").new == 1
    assert snapshot(branch) == before
    assert branch.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0
    real = merge_files(branch, [tmp_path / "ani.db"])
    assert vars(members(real, "ani.db")) == vars(members(preview, "ani.db"))


def test_backup_is_made_before_writing(branch, ani, tmp_path):
    enrol(branch, NIK_B, "Cici")
    enrol(ani, NIK_A, "Budi")
    report = merge_files(branch, [tmp_path / "ani.db"])
    assert report.backup is not None and report.backup.exists()
    copy = open_store(report.backup)
    assert live_names(copy) == ["Cici"]
    copy.close()


def test_cancel_rolls_everything_back_and_leaves_files_as_they_were(branch, ani, tmp_path):
    enrol(ani, NIK_A, "Budi")
    enrol(ani, NIK_B, "Cici")
    ani.close()
    officer_sum = checksum(tmp_path / "ani.db")
    before = snapshot(branch)
    progress = Progress()

    def report(done: int, total: int, text: str) -> None:
        if "Pendaftaran" in text:  # after members were already written
            progress.cancel()

    progress.report = report
    with pytest.raises(Cancelled):
        merge_files(branch, [tmp_path / "ani.db"], progress=progress)
    assert snapshot(branch) == before
    assert branch.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0
    assert not branch.conn.in_transaction
    assert checksum(tmp_path / "ani.db") == officer_sum


def test_cancel_inside_a_long_statement_rolls_back(branch, ani, tmp_path):
    """The SQLite progress handler stops a long INSERT … SELECT as soon as Cancel is set."""
    enrol(ani, NIK_A, "Budi")
    progress = Progress()
    progress.report = lambda done, total, text: (
        progress.cancel() if "Peserta" in text else None)
    with pytest.raises(Cancelled):
        merge_files(branch, [tmp_path / "ani.db"], progress=progress)
    assert live_names(branch) == []


def test_officer_file_is_never_modified(branch, ani, tmp_path):
    enrol(ani, NIK_A, "Budi")
    ani.close()
    path = tmp_path / "ani.db"
    before = checksum(path)
    merge_files(branch, [path])
    merge_files(branch, [path], dry_run=True)
    assert checksum(path) == before
    assert not Path(str(path) + "-wal").exists()


def test_integrity_after_merge(branch, ani, tmp_path):
    enrol(ani, NIK_A, "Budi")
    merge_files(branch, [tmp_path / "ani.db"])
    assert branch.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert branch.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_readonly_officer_file_merges(branch, ani, tmp_path):
    enrol(ani, NIK_A, "Budi")
    ani.close()
    path = tmp_path / "ani.db"
    path.chmod(0o400)
    try:
        report = merge_files(branch, [path])
    finally:
        path.chmod(0o600)
    assert members(report, "ani.db").new == 1


def test_sqlite_file_of_another_app_is_refused(branch, tmp_path):
    other = tmp_path / "lain.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE x (a)")
    conn.commit()
    conn.close()
    with pytest.raises(NotADatabaseError, match=r"lain\.db"):
        merge_files(branch, [other])


def test_every_record_table_is_discovered_parents_first(branch):
    from bpu_desktop.store.merge_schema import record_tables

    names = [t.name for t in record_tables(branch.conn)]
    assert {"members", "enrolments", "segments", "kelurahan"} <= set(names)
    assert "audit_log" not in names and "merge_conflicts" not in names
    for table in record_tables(branch.conn):
        for fk in table.foreign_keys:
            assert names.index(fk.parent) < names.index(table.name)
    members_table = next(t for t in record_tables(branch.conn) if t.name == "members")
    assert [(u.columns, u.live_only) for u in members_table.uniques] == [(("nik",), True)]


def test_encrypted_package_merges_with_its_passphrase(branch, ani, tmp_path):
    """Runs once store/pack.py (issue 8) is on main."""
    pack = pytest.importorskip("bpu_desktop.store.pack")
    enrol(ani, NIK_A, "Budi")
    package = tmp_path / "ani.bpu"
    pack.pack_store(ani, package, "kata-sandi-panjang", scrypt_n=pack.MIN_SCRYPT_N)
    with pytest.raises(StoreError, match=r"ani\.bpu"):
        merge_files(branch, [package], passphrase="salah-sandi-panjang")
    assert live_names(branch) == []
    report = merge_files(branch, [package], passphrase="kata-sandi-panjang")
    assert members(report, "ani.bpu").new == 1
    assert history(branch.conn, table="members")[0].source == "merge:ani.bpu"


def test_odd_file_names_and_an_open_officer_file_merge(branch, tmp_path):
    odd = officer_file(tmp_path / "ani #1 (hp) 100%.db", "Ani")
    enrol(odd, NIK_A, "Budi")
    # Still open: its -wal holds the latest rows; the copy reads them, the original is
    # untouched.
    wal = tmp_path / "ani #1 (hp) 100%.db-wal"
    assert wal.exists()
    before = checksum(tmp_path / "ani #1 (hp) 100%.db"), checksum(wal)
    report = merge_files(branch, [tmp_path / "ani #1 (hp) 100%.db"])
    assert members(report, "ani #1 (hp) 100%.db").new == 1
    assert (checksum(tmp_path / "ani #1 (hp) 100%.db"), checksum(wal)) == before
    odd.close()
    again = merge_files(branch, [tmp_path / "ani #1 (hp) 100%.db"])
    assert again.files[0].already_merged
