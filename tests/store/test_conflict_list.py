"""The open conflict list at scale: counted and read a page at a time, in a stable order,
filtered by table and kind; dependents stay under their parent."""

from __future__ import annotations

import pytest

from bpu_desktop.store.conflicts import (
    ConflictQuery,
    conflict_tables,
    count_open,
    get_conflict,
    match_ids,
    page_open,
    resolve_conflict,
)
from bpu_desktop.store.errors import StoreError

from .conflict_helpers import EARLY, LATE, branch_with_conflicts

MEMBERS = 2000


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("demo")


@pytest.fixture
def branch(cache, tmp_path):
    store, made = branch_with_conflicts(cache, tmp_path / "cabang.db", MEMBERS, early=5)
    yield store, made
    store.close()


def test_count_and_filters(branch):
    store, made = branch
    assert made.lines == 2000 + 199 + 3
    assert count_open(store) == made.lines
    assert count_open(store, ConflictQuery(kind="edit")) == 2000
    assert count_open(store, ConflictQuery(kind="duplicate")) == 199
    # Only loose dependents are lines; the 199 under a duplicate follow it.
    assert count_open(store, ConflictQuery(kind="dependent")) == 3
    assert count_open(store, ConflictQuery(table_name="enrolments")) == 3
    assert count_open(store, ConflictQuery(table_name="members", kind="duplicate")) == 199
    assert count_open(store, ConflictQuery(table_name="segments")) == 0
    assert conflict_tables(store) == ["enrolments", "members"]


def test_pages_are_stable_and_in_merge_order(branch):
    store, made = branch
    total = count_open(store)
    pages = [page_open(store, ConflictQuery(), offset, 300, total=total)
             for offset in range(0, total, 300)]
    lines = [line for page in pages for line in page]
    assert len(lines) == total and len({line.id for line in lines}) == total
    # The earlier merge first (written last), then the order the merge wrote them.
    assert [line.created_at for line in lines[:made.early]] == [EARLY] * made.early
    assert {line.created_at for line in lines[made.early:]} == {LATE}
    assert lines[made.early].title.startswith("Peserta: ")
    assert lines[made.early].title.endswith(" (petugas)")
    # Read again (and pages past the middle read from the other end): the same lines.
    assert page_open(store, ConflictQuery(), 0, total) == lines
    assert page_open(store, ConflictQuery(), total - 250, 300, total=total) == lines[-250:]
    assert page_open(store, ConflictQuery(), 1500, 100, total=total) == lines[1500:1600]
    assert page_open(store, ConflictQuery(), total, 100, total=total) == []


def test_filtered_pages(branch):
    store, _ = branch
    duplicates = page_open(store, ConflictQuery(kind="duplicate"), 0, 500)
    assert len(duplicates) == 199
    assert {(d.kind, d.table_name) for d in duplicates} == {("duplicate", "members")}
    assert duplicates[0].kind_label == "Data ganda: NIK sama pada dua peserta"
    assert all(d.name and d.name.endswith(" Kembar") for d in duplicates)
    loose = page_open(store, ConflictQuery(table_name="enrolments"), 0, 100)
    assert [(d.kind, d.source_file) for d in loose] == [("dependent", "cici.db")] * 3
    assert loose[0].title.startswith("Pendaftaran: ")  # an enrolment has no name


def test_one_conflict_is_read_with_its_dependents(branch):
    store, _ = branch
    line = page_open(store, ConflictQuery(kind="duplicate"), 0, 1)[0]
    conflict = get_conflict(store, line.id)
    assert conflict.incoming["name"] == line.name
    assert conflict.mine is not None and conflict.mine["nik"] == conflict.incoming["nik"]
    [dependent] = conflict.dependents
    assert dependent.table_name == "enrolments"
    assert dependent.incoming["member_id"] == conflict.row_id
    assert get_conflict(store, line.id, dependents=False).dependents == ()
    # A dependent under its parent is decided with it, not alone.
    with pytest.raises(StoreError, match="tidak ditemukan"):
        get_conflict(store, dependent.id)
    loose = page_open(store, ConflictQuery(kind="dependent"), 0, 1)[0]
    assert get_conflict(store, loose.id).dependents == ()


def test_a_decision_takes_one_line_and_its_dependents_off(branch):
    store, made = branch
    line = page_open(store, ConflictQuery(kind="duplicate"), 0, 1)[0]
    second = page_open(store, ConflictQuery(kind="duplicate"), 1, 1)[0]
    resolve_conflict(store, line.id, "mine")
    assert count_open(store) == made.lines - 1
    assert count_open(store, ConflictQuery(kind="dependent")) == 3  # none became loose
    assert page_open(store, ConflictQuery(kind="duplicate"), 0, 1)[0] == second
    with pytest.raises(StoreError, match="sudah diselesaikan"):
        get_conflict(store, line.id)


def test_an_id_prefix_is_found_by_index(branch):
    store, _ = branch
    line = page_open(store, ConflictQuery(), 0, 1)[0]
    assert match_ids(store, line.id) == [line.id]
    assert len(match_ids(store, "")) == 2  # capped: "more than one"
    assert match_ids(store, "zz") == []
    resolve_conflict(store, line.id, "mine")
    assert match_ids(store, line.id) == []
    assert match_ids(store, line.id, status="resolved") == [line.id]
