"""Partners typed on two laptops merge into one; same NIK stays a conflict; the same data
sent as a package and as a file is "sudah digabung" the second time."""

from __future__ import annotations

import pytest

from bpu_desktop.store.audit import history
from bpu_desktop.store.conflicts import kind_label, list_conflicts
from bpu_desktop.store.merge import merge_files
from bpu_desktop.store.records import insert_record

from .merge_helpers import NIK_A, checksum, enrol, officer_file

PASAR = "Paguyuban Pedagang Pasar Klewer"


def partner(store, name):
    with store.write():
        return insert_record(store, "partners", {"name": name}, source="form")


def live_partners(store):
    return store.conn.execute(
        "SELECT id, name FROM partners WHERE deleted_at IS NULL AND origin != 'seed' "
        "ORDER BY name").fetchall()


def test_same_partner_name_from_two_laptops_is_one_partner_not_a_conflict(branch, tmp_path):
    ani = officer_file(tmp_path / "ani.db", "Ani")
    bayu = officer_file(tmp_path / "bayu.db", "Bayu")
    ani_row = partner(ani, PASAR)
    bayu_row = partner(bayu, PASAR.lower())  # names compare without case
    ani.close()
    bayu.close()

    report = merge_files(branch, [tmp_path / "ani.db", tmp_path / "bayu.db"])

    bayu_counts = report.files[1].tables["partners"]
    assert (bayu_counts.new, bayu_counts.conflicts, bayu_counts.same_key) == (0, 0, 1)
    assert report.new_conflicts == 0 and list_conflicts(branch) == []
    assert live_partners(branch) == [(ani_row["id"], PASAR)]
    # The incoming id is known here (as seen), with an audit row naming the file.
    seen = branch.conn.execute("SELECT deleted_at FROM partners WHERE id = ?",
                               (bayu_row["id"],)).fetchone()
    assert seen is not None and seen[0] is not None
    entries = history(branch.conn, row_id=bayu_row["id"])
    assert [(e.action, e.source) for e in entries] == [("insert", "merge:bayu.db")]
    assert entries[0].new["same_as"] == ani_row["id"]

    # Merging it again is "sudah digabung": identical, nothing written, never raised.
    audit_rows = branch.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    again = merge_files(branch, [tmp_path / "bayu.db"])
    counts = again.files[0].tables["partners"]
    assert again.files[0].already_merged
    assert (counts.older, counts.conflicts, counts.new) == (0, 0, 0)
    assert counts.identical == bayu_counts.identical  # seed partners + the seen one
    assert branch.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audit_rows
    assert list_conflicts(branch) == []


def test_branch_file_merged_back_never_deletes_the_officer_partner(branch, tmp_path):
    ani = officer_file(tmp_path / "ani.db", "Ani")
    ani_row = partner(ani, PASAR)
    partner(branch, PASAR)  # typed at the branch too
    ani.close()
    merge_files(branch, [tmp_path / "ani.db"])
    ani = officer_file(tmp_path / "ani.db", "Ani")
    try:
        report = merge_files(ani, [tmp_path / "cabang.db"])
        assert report.new_conflicts == 0
        assert live_partners(ani) == [(ani_row["id"], PASAR)]
    finally:
        ani.close()


def test_same_nik_is_still_a_conflict_named_as_such(branch, tmp_path):
    enrol(branch, NIK_A, "Budi")
    bayu = officer_file(tmp_path / "bayu.db", "Bayu")
    enrol(bayu, NIK_A, "Budi Santoso")
    bayu.close()
    report = merge_files(branch, [tmp_path / "bayu.db"])
    assert report.files[0].tables["members"].conflicts == 1
    [conflict] = list_conflicts(branch)
    assert conflict.kind == "duplicate"
    assert conflict.kind_label == "Data ganda: NIK sama pada dua peserta"


def test_duplicate_label_of_another_table_does_not_talk_about_nik():
    assert kind_label("duplicate", "segments") == (
        "Data ganda: kode pekerjaan sama pada dua pekerjaan")
    assert "NIK" not in kind_label("duplicate", "tabel_baru")
    assert kind_label("duplicate", "tabel_baru").startswith("Data ganda")


def test_package_and_file_of_the_same_data_second_is_already_merged(branch, tmp_path):
    pack = pytest.importorskip("bpu_desktop.store.pack")
    enrol(branch, NIK_A, "Budi")
    cici = officer_file(tmp_path / "c.db", "Cici")
    enrol(cici, NIK_A, "Budi Santoso")  # a same-NIK conflict travels in both
    enrol(cici, "3372051508900002", "Cici")
    pack.pack_store(cici, tmp_path / "c.bpu", "kata-sandi-panjang", scrypt_n=pack.MIN_SCRYPT_N)
    cici.close()
    assert checksum(tmp_path / "c.bpu") != checksum(tmp_path / "c.db")

    report = merge_files(branch, [tmp_path / "c.bpu", tmp_path / "c.db"],
                         passphrase="kata-sandi-panjang")

    first, second = report.files
    assert not first.already_merged and first.new_conflicts == 2  # member + enrolment
    assert second.merged_before is None  # another checksum: decided by content
    assert second.already_merged and second.new_conflicts == 0
    assert second.tables["members"].new == 0
