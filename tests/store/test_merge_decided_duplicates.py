"""A file whose duplicate-NIK conflicts were decided, merged into a file that holds the
copy the decision dropped (another supervisor's file that merged that officer first, or
the officer's own file): the copy's deletion and the copy kept arrive together, so there
is no clash. Every person stays live once, no enrolment or payment is left live under a
deleted member, no conflict is raised for a decision already taken, and merging the same
file again changes nothing.

Andi and Bela both enrolled Sri and Slamet (same NIKs, other phones and addresses);
sup1 merged both files and decided both duplicates.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bpu_desktop.store.conflicts import count_open, list_conflicts, resolve_conflict
from bpu_desktop.store.database import Store
from bpu_desktop.store.health import check_store
from bpu_desktop.store.merge import merge_files
from bpu_desktop.store.payments import record_payment

from .merge_helpers import NIK_A, NIK_B, TODAY, enrol, live_names, officer_file

SRI, SLAMET = "Sri", "Slamet"


def officers(folder: Path) -> None:
    andi = officer_file(folder / "oA.db", "Andi")
    enrol(andi, NIK_A, SRI, phone="0812-1111-1111", address="Jl. Melati 1")
    enrol(andi, NIK_B, SLAMET, phone="0812-1111-2222", address="Jl. Melati 2")
    andi.close()
    bela = officer_file(folder / "oB.db", "Bela")
    sri = enrol(bela, NIK_A, SRI, phone="0812-2222-1111", address="Jl. Mawar 1")
    enrol(bela, NIK_B, SLAMET, phone="0812-2222-2222", address="Jl. Mawar 2")
    record_payment(bela, sri.id, months=1, paid_on=TODAY, channel="bank", today=TODAY)
    bela.close()


def decided(folder: Path, decision: str) -> None:
    """sup1.db: both officers merged, both duplicates decided with `decision`."""
    sup1 = officer_file(folder / "sup1.db", "Supervisor Satu")
    try:
        merge_files(sup1, [folder / "oA.db", folder / "oB.db"], backup=False)
        conflicts = list_conflicts(sup1)
        assert len(conflicts) == 2
        for conflict in conflicts:
            resolve_conflict(sup1, conflict.id, decision)
        assert count_open(sup1) == 0
        assert live_names(sup1) == [SLAMET, SRI]
    finally:
        sup1.close()


# The file holding the copy each decision drops: the one merged second (Bela's) unless
# the officer's copy was taken ("theirs" keeps Bela's, so Andi's is dropped).
DROPPED = {"mine": "oB.db", "combine": "oB.db", "theirs": "oA.db"}


def assert_sound(store: Store) -> None:
    assert live_names(store) == [SLAMET, SRI]
    conn = store.conn
    assert conn.execute(
        "SELECT count(*) FROM enrolments e JOIN members m ON m.id = e.member_id "
        "WHERE e.deleted_at IS NULL AND m.deleted_at IS NOT NULL").fetchone()[0] == 0
    assert conn.execute(
        "SELECT count(*) FROM payments p JOIN members m ON m.id = p.member_id "
        "WHERE p.deleted_at IS NULL AND m.deleted_at IS NOT NULL").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM enrolments e JOIN members m "
                        "ON m.id = e.member_id WHERE e.deleted_at IS NULL "
                        "AND m.deleted_at IS NULL").fetchone()[0] == 2
    assert count_open(store) == 0
    assert check_store(store).healthy, check_store(store).problems


@pytest.mark.parametrize("decision", ["combine", "mine", "theirs"])
def test_a_decided_file_into_a_supervisor_file_holding_the_dropped_copy(tmp_path, decision):
    officers(tmp_path)
    decided(tmp_path, decision)
    sup2 = officer_file(tmp_path / "sup2.db", "Supervisor Dua")
    try:
        merge_files(sup2, [tmp_path / DROPPED[decision]], backup=False)
        report = merge_files(sup2, [tmp_path / "sup1.db"], backup=False)
        members = report.per_table()["members"]
        assert (members.new, members.deleted, members.conflicts) == (2, 2, 0)
        assert report.new_conflicts == 0
        assert_sound(sup2)
        again = merge_files(sup2, [tmp_path / "sup1.db"], backup=False)
        assert again.files[0].already_merged
        # The dropped copy's own file again: older, the decision stands.
        later = merge_files(sup2, [tmp_path / DROPPED[decision]], backup=False)
        assert later.new_conflicts == 0 and later.total().changes == 0
        assert_sound(sup2)
    finally:
        sup2.close()


@pytest.mark.parametrize("decision", ["combine", "mine", "theirs"])
def test_a_decided_branch_file_into_the_officer_s_own_file(tmp_path, decision):
    officers(tmp_path)
    decided(tmp_path, decision)
    own = officer_file(tmp_path / DROPPED[decision], "Bela" if decision != "theirs"
                       else "Andi")
    try:
        report = merge_files(own, [tmp_path / "sup1.db"], backup=False)
        assert report.new_conflicts == 0
        assert_sound(own)
        again = merge_files(own, [tmp_path / "sup1.db"], backup=False)
        assert again.files[0].already_merged
    finally:
        own.close()
