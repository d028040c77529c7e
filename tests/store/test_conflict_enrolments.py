"""A duplicate member's two enrolments: compared before the decision, and each decision's
line says what really happens to them."""

from __future__ import annotations

import pytest

from bpu_desktop.store.conflict_values import ValueText
from bpu_desktop.store.conflicts import enrolment_pair, list_conflicts, resolve_conflict

from .merge_helpers import two_enrolments_of_budi


@pytest.fixture
def two_enrolments(tmp_path):
    """The branch enrolled Budi as UMKM (Rp 1.500.000, 10/05); Bayu as Ojol (Rp 2.500.000)."""
    store = two_enrolments_of_budi(tmp_path)
    yield store
    store.close()


def _only(store):
    [conflict] = list_conflicts(store)
    assert conflict.kind == "duplicate"
    return conflict


def test_the_pair_names_both_enrolments_and_what_differs(two_enrolments):
    pair = enrolment_pair(two_enrolments, _only(two_enrolments))
    assert pair is not None and pair.mine is not None
    assert (pair.mine["segment"], pair.theirs["segment"]) == ("umkm", "ojol")
    assert {"segment", "income", "enrolled_on"} <= set(pair.differing())
    assert "funding" not in pair.differing()
    assert pair.fields()[:len(pair.differing())] == pair.differing()


@pytest.mark.parametrize(("decision", "line", "live"), [
    ("combine", "Kepesertaan cabang dipakai; kepesertaan petugas (Ojek online, "
     "Rp 2.500.000) dihapus.", "umkm"),
    ("mine", "Kepesertaan cabang dipakai; kepesertaan petugas (Ojek online, "
     "Rp 2.500.000) dihapus.", "umkm"),
    ("theirs", "Kepesertaan petugas (Ojek online, Rp 2.500.000) dipakai; kepesertaan cabang "
     "(UMKM (usaha mikro dan kecil), Rp 1.500.000) dihapus.", "ojol"),
])
def test_each_line_says_what_the_decision_does(two_enrolments, decision, line, live):
    store = two_enrolments
    conflict = _only(store)
    pair = enrolment_pair(store, conflict)
    assert pair is not None
    assert pair.consequence(decision, ValueText(store)) == line
    resolve_conflict(store, conflict.id, decision)
    rows = store.conn.execute(
        "SELECT segment FROM enrolments WHERE deleted_at IS NULL").fetchall()
    assert rows == [(live,)]


def test_a_duplicates_dependents_are_found_by_index(tmp_path):
    """Opening a duplicate member reads its enrolment through m009's parent-key index (at
    800,000 conflicts a walk of every open dependent took half a second per member)."""
    from bpu_desktop.store.conflicts import get_conflict

    store = two_enrolments_of_budi(tmp_path)
    duplicate = next(c for c in list_conflicts(store) if c.kind == "duplicate")
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    conflict = get_conflict(store, duplicate.id)
    store.conn.set_trace_callback(None)
    assert [d.table_name for d in conflict.dependents] == ["enrolments"]
    assert conflict.dependents[0].incoming["member_id"] == duplicate.row_id
    lookup = next(s for s in statements if "d.kind = 'dependent'" in s)
    # The traced text has the values inlined: plan it as it ran.
    plan = " | ".join(r[3] for r in store.conn.execute(f"EXPLAIN QUERY PLAN {lookup}"))
    assert "merge_conflicts_by_parent_member_id" in plan
