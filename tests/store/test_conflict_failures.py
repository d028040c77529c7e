"""Decisions the file cannot take: a clear Indonesian reason, the file unchanged, the
conflict still open. Each case is one the supervisor can meet in real merges."""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path

import pytest

from bpu_desktop.store.conflicts import (
    ConflictDecisionError,
    count_open,
    get_conflict,
    list_conflicts,
    resolve_conflict,
)
from bpu_desktop.store.database import Store
from bpu_desktop.store.members import MemberRepository
from bpu_desktop.store.merge import merge_files
from bpu_desktop.store.payments import record_payment

from .merge_helpers import (
    NIK_A,
    NIK_C,
    copy_file,
    enrol,
    live_names,
    officer_file,
    rename,
    snapshot,
)


def refused(store: Store, conflict_id: str, decision: str,
            picks: dict[str, str] | None = None) -> str:
    """The refusal's message, after checking nothing was written and it is still open."""
    before = snapshot(store)
    audit = store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    waiting = count_open(store)
    with pytest.raises(ConflictDecisionError) as caught:
        resolve_conflict(store, conflict_id, decision, picks)
    assert snapshot(store) == before
    assert store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audit
    assert count_open(store) == waiting
    assert get_conflict(store, conflict_id).status == "open"
    assert not store.conn.in_transaction
    return caught.value.message


def _three_officers_one_nik(branch: Store, tmp: Path) -> list[str]:
    """Ani, Bayu and Cici each enrolled NIK_A as their own member; Ani's is merged first."""
    for who, name in (("ani", "Budi"), ("bayu", "Budi Santoso"), ("cici", "Budi S.")):
        store = officer_file(tmp / f"{who}.db", who.title())
        enrol(store, NIK_A, name)
        store.close()
    merge_files(branch, [tmp / "ani.db", tmp / "bayu.db", tmp / "cici.db"])
    return [c.id for c in list_conflicts(branch)]


def test_taking_theirs_when_another_live_member_holds_the_nik(branch, tmp_path):
    bayu, cici = _three_officers_one_nik(branch, tmp_path)
    resolve_conflict(branch, bayu, "theirs")  # Ani's Budi retired, Bayu's live
    message = refused(branch, cici, "theirs")
    assert message == ("Peserta dengan NIK ini sudah ada di berkas cabang (nama Budi Santoso). "
                       "Pilih 'Pakai data cabang', atau ubah dulu data peserta itu.")
    resolve_conflict(branch, cici, "mine")
    assert live_names(branch) == ["Budi Santoso"]


def test_combining_into_a_member_deleted_meanwhile(branch, tmp_path):
    bayu, cici = _three_officers_one_nik(branch, tmp_path)
    resolve_conflict(branch, bayu, "theirs")
    message = refused(branch, cici, "combine", {"name": "theirs"})
    assert message == ("Peserta di berkas cabang (nama Budi) sudah dihapus, jadi tidak bisa "
                       "digabung dengannya. Pilih 'Pakai data cabang' atau "
                       "'Pakai data petugas'.")


def test_keeping_a_deleted_branch_copy_that_nobody_replaces_is_refused(branch, tmp_path):
    """The branch's Budi was deleted after Bayu's came in: keeping the branch's side would
    delete Bayu's too, so the person would be gone from both; taking his keeps him."""
    budi = enrol(branch, NIK_A, "Budi")
    bayu = officer_file(tmp_path / "bayu.db", "Bayu")
    enrol(bayu, NIK_A, "Budi Santoso")
    bayu.close()
    merge_files(branch, [tmp_path / "bayu.db"])
    [conflict] = list_conflicts(branch)
    MemberRepository(branch).delete(budi.id)
    assert refused(branch, conflict.id, "mine") == (
        "Peserta di berkas cabang (nama Budi) sudah dihapus, jadi memakainya akan menghapus "
        "data petugas juga. Pilih 'Pakai data petugas'.")
    resolve_conflict(branch, conflict.id, "theirs")
    assert live_names(branch) == ["Budi Santoso"]
    assert branch.conn.execute(
        "SELECT count(*) FROM enrolments e JOIN members m ON m.id = e.member_id "
        "WHERE e.deleted_at IS NULL AND m.deleted_at IS NULL").fetchone()[0] == 1


def test_an_edit_that_would_give_a_member_another_members_nik(branch, tmp_path):
    ani = officer_file(tmp_path / "ani.db", "Ani")
    budi = enrol(ani, NIK_A, "Budi")
    bayu = copy_file(ani, tmp_path / "bayu.db", "laptop-bayu")
    merge_files(branch, [tmp_path / "ani.db"])
    enrol(branch, NIK_C, "Dewi")
    rename(ani, budi.id, "Budi Ani")
    rename(bayu, budi.id, "Budi Bayu", nik=NIK_C)
    ani.close()
    bayu.close()
    merge_files(branch, [tmp_path / "ani.db", tmp_path / "bayu.db"])
    [conflict] = list_conflicts(branch)
    expected = ("Peserta dengan NIK ini sudah ada di berkas cabang (nama Dewi). Pilih NIK "
                "dari data cabang lalu 'Simpan pilihan per kolom', atau pilih "
                "'Pakai data cabang'.")
    assert refused(branch, conflict.id, "theirs") == expected
    assert refused(branch, conflict.id, "fields", {"nik": "theirs"}) == expected
    resolve_conflict(branch, conflict.id, "fields", {"nik": "mine", "name": "theirs"})
    assert live_names(branch) == ["Budi Bayu", "Dewi"]


@pytest.fixture
def twice(branch, tmp_path):
    """Bayu's new member clashes with Ani's NIK; Bayu's file is merged, then merged again
    after he recorded a payment and renamed the member: the member waits twice, and the
    enrolment (two revisions) and both payments wait under the later conflict."""
    ani = officer_file(tmp_path / "ani.db", "Ani")
    enrol(ani, NIK_A, "Budi")
    ani.close()
    bayu = officer_file(tmp_path / "bayu.db", "Bayu")
    member = enrol(bayu, NIK_A, "Budi Santoso")
    record_payment(bayu, member.id, months=1, paid_on=date(2026, 5, 21), channel="bank")
    merge_files(branch, [tmp_path / "ani.db", tmp_path / "bayu.db"])
    record_payment(bayu, member.id, months=1, paid_on=date(2026, 5, 22), channel="bank")
    rename(bayu, member.id, "Budi Santoso Bayu")
    paid_until = MemberRepository(bayu).get(member.id).paid_until  # type: ignore[union-attr]
    bayu.close()
    merge_files(branch, [tmp_path / "bayu.db"])
    first, later = list_conflicts(branch)
    assert (len(first.dependents), len(later.dependents)) == (0, 4)
    return member, first, later, paid_until


@pytest.mark.parametrize("decision", ["mine", "theirs", "combine"])
def test_a_member_that_waits_twice_with_two_revisions_of_its_enrolment(branch, twice,
                                                                       decision):
    member, first, later, paid_until = twice
    resolve_conflict(branch, later.id, decision)
    resolve_conflict(branch, first.id, decision)
    assert list_conflicts(branch) == []
    live = branch.conn.execute(
        "SELECT m.name, e.paid_until FROM members m JOIN enrolments e ON e.member_id = m.id "
        "AND e.deleted_at IS NULL WHERE m.deleted_at IS NULL").fetchall()
    if decision == "theirs":
        assert live == [("Budi Santoso Bayu", paid_until)]
    else:
        assert [name for name, _ in live] == ["Budi"]
    payments = branch.conn.execute(
        "SELECT count(*) FROM payments WHERE member_id = ? AND deleted_at IS NULL",
        (member.id,)).fetchone()[0]
    assert payments == (2 if decision == "theirs" else 0)


def test_the_earlier_conflict_first_then_the_later_one(branch, twice):
    member, first, later, paid_until = twice
    resolve_conflict(branch, first.id, "theirs")
    resolve_conflict(branch, later.id, "theirs")
    row = MemberRepository(branch).get(member.id)
    assert row is not None and (row.name, row.paid_until) == ("Budi Santoso Bayu", paid_until)


def _loose(table: str, row: dict[str, object], file: str = "cici.db") -> dict[str, object]:
    return {"id": uuid.uuid4().hex, "created_at": "2026-05-20T10:00:00+00:00",
            "kind": "dependent", "table_name": table, "row_id": row["id"],
            "other_id": row["id"], "source_file": file, "source_device": "laptop-cici",
            "incoming": json.dumps(row), "incoming_version": row["version"],
            "incoming_updated_at": row["updated_at"], "incoming_origin": row["origin"],
            "status": "open"}


def test_a_dependent_whose_parent_still_waits_in_the_list(branch):
    """A payment whose enrolment waits as a loose dependent (its member is in no file):
    both are lines of the list; the payment cannot come before its enrolment."""
    member = enrol(branch, NIK_A, "Budi")
    enrolment = dict(branch.db["enrolments"].get(member.enrolment_id))
    orphan = {**enrolment, "id": str(uuid.uuid4()), "member_id": str(uuid.uuid4()),
              "origin": "laptop-cici"}
    payment = {"id": str(uuid.uuid4()), "created_at": enrolment["created_at"],
               "updated_at": enrolment["updated_at"], "created_by": "Cici",
               "updated_by": "Cici", "origin": "laptop-cici", "version": 1,
               "deleted_at": None, "member_id": orphan["member_id"],
               "enrolment_id": orphan["id"], "from_month": "2026-08", "months": 1,
               "to_month": "2026-08", "amount": 8400, "paid_on": "2026-05-21",
               "channel": "bank", "note": ""}
    with branch.write():
        branch.db["merge_conflicts"].insert_all(
            [_loose("enrolments", orphan), _loose("payments", payment)])
    lines = {c.table_name: c.id for c in list_conflicts(branch)}
    assert refused(branch, lines["payments"], "theirs") == (
        "Pembayaran ini memerlukan Pendaftaran yang masih menunggu di daftar konflik. "
        "Putuskan dulu konflik Pendaftaran itu, lalu konflik ini.")
    assert refused(branch, lines["enrolments"], "theirs") == (
        "Data induknya (Peserta) belum ada di berkas cabang; gabungkan dulu berkas yang "
        "memuatnya, atau pilih 'Pakai data cabang'.")
    resolve_conflict(branch, lines["payments"], "mine")
    resolve_conflict(branch, lines["enrolments"], "mine")
    assert list_conflicts(branch) == []


def test_a_rule_the_checks_do_not_know_is_still_refused_in_words(branch, tmp_path,
                                                                  monkeypatch):
    """The database's own refusal (e.g. a later migration's unique index) is no traceback."""
    from bpu_desktop.store import conflicts

    bayu, cici = _three_officers_one_nik(branch, tmp_path)
    resolve_conflict(branch, bayu, "theirs")
    monkeypatch.setattr(conflicts._Resolver, "_check", lambda *args: None)
    assert refused(branch, cici, "theirs") == (
        "Keputusan ini tidak dapat disimpan karena bertabrakan dengan data lain di berkas "
        "cabang. Berkas tidak diubah; pilih keputusan lain.")
