"""The supervisor's decisions on merge conflicts: field by field, audited, not re-raised."""

from __future__ import annotations

import pytest

from bpu_desktop.store.audit import history
from bpu_desktop.store.conflicts import list_conflicts, resolve_conflict
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.members import MemberRepository
from bpu_desktop.store.merge import merge_files

from .merge_helpers import NIK_A, copy_file, enrol, live_names, officer_file, rename


@pytest.fixture
def same_nik(branch, tmp_path):
    """Ani and Bayu both enrolled NIK_A, as two different people rows."""
    ani = officer_file(tmp_path / "ani.db", "Ani")
    mine = enrol(ani, NIK_A, "Budi", phone="0812-1111-1111")
    ani.close()
    bayu = officer_file(tmp_path / "bayu.db", "Bayu")
    theirs = enrol(bayu, NIK_A, "Budi Santoso", phone="0813-2222-2222", segment="pedagang_pasar")
    bayu.close()
    merge_files(branch, [tmp_path / "ani.db", tmp_path / "bayu.db"])
    [conflict] = list_conflicts(branch)
    return conflict, mine, theirs


def test_same_nik_conflict_shows_both_people_and_the_enrolment_that_follows(same_nik):
    conflict, mine, theirs = same_nik
    assert conflict.kind == "duplicate" and conflict.table_name == "members"
    assert (conflict.other_id, conflict.row_id) == (mine.id, theirs.id)
    assert conflict.mine is not None and conflict.mine["name"] == "Budi"
    assert conflict.incoming["name"] == "Budi Santoso"
    assert {"name", "phone"} <= set(conflict.differing())
    assert conflict.fields()[:2] == conflict.differing()[:2]
    assert [d.table_name for d in conflict.dependents] == ["enrolments"]
    assert conflict.decisions() == ("mine", "theirs", "combine")


def test_keep_mine_buries_the_incoming_row_and_is_not_raised_again(branch, same_nik, tmp_path):
    conflict, mine, _ = same_nik
    resolve_conflict(branch, conflict.id, "mine")
    assert list_conflicts(branch) == []
    assert live_names(branch) == ["Budi"]
    row = MemberRepository(branch).find_by_nik(NIK_A)
    assert row is not None and row.id == mine.id
    again = merge_files(branch, [tmp_path / "bayu.db"])
    assert again.total().conflicts == 0 and again.total().changes == 0
    assert list_conflicts(branch) == []
    decision = history(branch.conn, table="merge_conflicts")[0]
    assert decision.action == "resolve" and decision.new["decision"] == "mine"
    assert decision.officer == "Supervisor"


def test_take_theirs_replaces_my_member_and_enrolment(branch, same_nik, tmp_path):
    conflict, mine, theirs = same_nik
    resolve_conflict(branch, conflict.id, "theirs")
    row = MemberRepository(branch).find_by_nik(NIK_A)
    assert row is not None and row.id == theirs.id
    assert (row.name, row.segment) == ("Budi Santoso", "pedagang_pasar")
    assert MemberRepository(branch).get(mine.id) is None
    live_enrolments = branch.conn.execute(
        "SELECT count(*) FROM enrolments WHERE deleted_at IS NULL").fetchone()[0]
    assert live_enrolments == 1
    again = merge_files(branch, [tmp_path / "bayu.db"])
    assert again.total().conflicts == 0 and again.files[0].already_merged


def test_combine_keeps_one_member_with_fields_from_both(branch, same_nik, tmp_path):
    conflict, mine, theirs = same_nik
    resolve_conflict(branch, conflict.id, "combine", {"name": "theirs", "phone": "mine"})
    row = MemberRepository(branch).find_by_nik(NIK_A)
    assert row is not None and row.id == mine.id
    assert (row.name, row.phone) == ("Budi Santoso", mine.phone)
    assert live_names(branch) == ["Budi Santoso"]
    # The incoming enrolment followed the survivor (kept as history: one live per member).
    moved = branch.conn.execute(
        "SELECT member_id, deleted_at IS NOT NULL FROM enrolments WHERE id = ?",
        (theirs.enrolment_id,)).fetchone()
    assert moved == (mine.id, 1)
    assert list_conflicts(branch) == []
    again = merge_files(branch, [tmp_path / "bayu.db", tmp_path / "ani.db"])
    assert again.total().conflicts == 0 and again.total().changes == 0


def test_combine_moves_the_enrolment_live_when_the_survivor_has_none(branch, same_nik):
    conflict, mine, theirs = same_nik
    branch.conn.execute("UPDATE enrolments SET deleted_at = '2026-05-21' WHERE member_id = ?",
                        (mine.id,))
    resolve_conflict(branch, conflict.id, "combine", {})
    row = MemberRepository(branch).get(mine.id)
    assert row is not None and row.enrolment_id == theirs.enrolment_id
    assert row.segment == "pedagang_pasar"


def test_edit_conflict_field_by_field(branch, tmp_path):
    ani = officer_file(tmp_path / "ani.db", "Ani")
    budi = enrol(ani, NIK_A, "Budi")
    bayu = copy_file(ani, tmp_path / "bayu.db", "laptop-bayu")
    merge_files(branch, [tmp_path / "ani.db"])
    rename(ani, budi.id, "Budi Ani", phone="0812-1111-1111")
    rename(bayu, budi.id, "Budi Bayu", phone="0813-2222-2222")
    ani.close()
    bayu.close()
    merge_files(branch, [tmp_path / "ani.db", tmp_path / "bayu.db"])
    [conflict] = list_conflicts(branch)
    assert conflict.kind == "edit" and conflict.decisions() == ("mine", "theirs", "fields")
    assert set(conflict.differing()) == {"name", "phone"}
    resolve_conflict(branch, conflict.id, "fields", {"name": "theirs", "phone": "mine"})
    row = MemberRepository(branch).get(budi.id)
    assert row is not None and (row.name, row.phone) == ("Budi Bayu", "081211111111")
    update = history(branch.conn, table="members", row_id=budi.id)[0]
    assert update.source == "konflik:bayu.db" and update.new == {"name": "Budi Bayu"}
    # Neither laptop's copy wins it back on the next merge.
    again = merge_files(branch, [tmp_path / "ani.db", tmp_path / "bayu.db"])
    assert again.total().conflicts == 0 and again.total().changes == 0
    assert live_names(branch) == ["Budi Bayu"]


def test_a_wrong_decision_or_field_is_refused(branch, same_nik):
    conflict, _, _ = same_nik
    with pytest.raises(StoreError, match="tidak berlaku"):
        resolve_conflict(branch, conflict.id, "fields")
    with pytest.raises(StoreError, match="tidak dikenal"):
        resolve_conflict(branch, conflict.id, "combine", {"gaji": "theirs"})
    with pytest.raises(StoreError, match="tidak ditemukan"):
        resolve_conflict(branch, "tidak-ada", "mine")
    assert len(list_conflicts(branch)) == 1
