"""Which side changed which field of a row changed on two laptops, when the branch file's
history shows the version both started from."""

from __future__ import annotations

from bpu_desktop.store.conflict_base import BOTH, MINE, THEIRS, field_changes
from bpu_desktop.store.conflicts import list_conflicts
from bpu_desktop.store.merge import merge_files

from .merge_helpers import NIK_A, copy_file, enrol, officer_file, rename


def _member_conflict(store):  # type: ignore[no-untyped-def]
    [conflict] = [c for c in list_conflicts(store) if c.table_name == "members"]
    return conflict


def test_each_field_is_put_on_the_side_that_changed_it(tmp_path):
    """Ani enrolled Budi; the branch merged him. Ani corrected his name; the supervisor
    changed his phone and address."""
    branch = officer_file(tmp_path / "cabang.db", "Supervisor")
    ani = officer_file(tmp_path / "ani.db", "Ani")
    budi = enrol(ani, NIK_A, "Budi")
    merge_files(branch, [tmp_path / "ani.db"])
    rename(ani, budi.id, "Budi Santoso")
    ani.close()
    rename(branch, budi.id, "Budi", phone="0813-1111-2222", address="Jl. Slamet Riyadi 1")
    merge_files(branch, [tmp_path / "ani.db"])
    try:
        conflict = _member_conflict(branch)
        assert set(conflict.differing()) == {"name", "phone", "address"}
        assert field_changes(branch, conflict) == {
            "name": THEIRS, "phone": MINE, "address": MINE}
    finally:
        branch.close()


def test_a_field_changed_on_both_sides_is_marked_both(tmp_path):
    branch = officer_file(tmp_path / "cabang.db", "Supervisor")
    ani = officer_file(tmp_path / "ani.db", "Ani")
    budi = enrol(ani, NIK_A, "Budi")
    merge_files(branch, [tmp_path / "ani.db"])
    rename(ani, budi.id, "Budi Santoso", phone="0857-0000-1111")
    ani.close()
    rename(branch, budi.id, "Budi", phone="0813-1111-2222")
    rename(branch, budi.id, "Budi", address="Jl. Slamet Riyadi 1")  # two branch edits
    merge_files(branch, [tmp_path / "ani.db"])
    try:
        assert field_changes(branch, _member_conflict(branch)) == {
            "name": THEIRS, "phone": BOTH, "address": MINE}
    finally:
        branch.close()


def test_unknown_when_the_officer_started_from_a_copy_of_the_branch_file(tmp_path):
    """The branch's history cannot tell which branch revision Ani's copy held."""
    branch = officer_file(tmp_path / "cabang.db", "Supervisor")
    budi = enrol(branch, NIK_A, "Budi")
    ani = copy_file(branch, tmp_path / "ani.db", "laptop-ani")
    rename(ani, budi.id, "Budi Santoso")
    ani.close()
    rename(branch, budi.id, "Budi", phone="0813-1111-2222")
    merge_files(branch, [tmp_path / "ani.db"])
    try:
        assert field_changes(branch, _member_conflict(branch)) is None
    finally:
        branch.close()


def test_unknown_for_a_duplicate(tmp_path):
    """Two members with one NIK have no version in common."""
    branch = officer_file(tmp_path / "cabang.db", "Supervisor")
    enrol(branch, NIK_A, "Budi")
    bayu = officer_file(tmp_path / "bayu.db", "Bayu")
    enrol(bayu, NIK_A, "Budi Santoso")
    bayu.close()
    merge_files(branch, [tmp_path / "bayu.db"])
    try:
        assert field_changes(branch, _member_conflict(branch)) is None
    finally:
        branch.close()
