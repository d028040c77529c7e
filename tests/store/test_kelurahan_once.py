"""A desa added on several laptops is one row in the merged branch file: listed, counted
and merged on once (ids from the name, m012 folding old duplicates, merges folding what
older files bring)."""

from __future__ import annotations

import pytest

from bpu_desktop.store.audit import history
from bpu_desktop.store.conflicts import list_conflicts
from bpu_desktop.store.database import Store
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.health import check_store
from bpu_desktop.store.kelurahan import kelurahan_id
from bpu_desktop.store.merge import merge_files
from bpu_desktop.store.records import delete_record
from bpu_desktop.store.reference import add_kelurahan, kelurahan_by_kecamatan

from .merge_helpers import officer_file

LAWEYAN = "33.72.01"
JEBRES = "33.72.04"
M012 = "m012_fold_duplicate_kelurahan"


def desa(store: Store, code: str = LAWEYAN) -> list[str]:
    """The kelurahan list of a kecamatan, as the desk and the import offer it."""
    return kelurahan_by_kecamatan(store).get(code, [])


def live_kelurahan(store: Store) -> int:
    """Live kelurahan rows, as `bpu check` counts them (and exports read them)."""
    return check_store(store).counts["kelurahan"][0]


def rows_named(store: Store, name: str, code: str = LAWEYAN) -> list[tuple[str, str | None]]:
    return store.conn.execute(
        "SELECT id, deleted_at FROM kelurahan WHERE kecamatan_code = ? AND lower(name) = ? "
        "ORDER BY created_at", (code, name.lower())).fetchall()


# -- adding ------------------------------------------------------------------------------
def test_a_desa_already_listed_is_returned_as_stored_not_added_again(tmp_path):
    store = officer_file(tmp_path / "ani.db", "Ani")
    assert add_kelurahan(store, LAWEYAN, "Pajang  Baru ") == "Pajang Baru"
    live = live_kelurahan(store)
    assert add_kelurahan(store, LAWEYAN, " pajang   BARU") == "Pajang Baru"
    assert add_kelurahan(store, LAWEYAN, "PAJANG") == "Pajang"  # seeded
    assert live_kelurahan(store) == live
    assert desa(store).count("Pajang Baru") == 1
    # The same name in another kecamatan is another desa.
    assert add_kelurahan(store, JEBRES, "Pajang Baru") == "Pajang Baru"
    assert live_kelurahan(store) == live + 1
    with pytest.raises(StoreError, match="Nama kelurahan/desa wajib diisi"):
        add_kelurahan(store, LAWEYAN, "   ")
    store.close()


def test_a_new_desa_id_comes_from_kecamatan_and_name(tmp_path):
    store = officer_file(tmp_path / "ani.db", "Ani")
    add_kelurahan(store, LAWEYAN, "Pajang Baru")
    [(row_id, _)] = rows_named(store, "Pajang Baru")
    assert row_id == kelurahan_id(LAWEYAN, "pajang  baru") == kelurahan_id(LAWEYAN, "PAJANG BARU")
    assert row_id != kelurahan_id(JEBRES, "Pajang Baru")
    store.close()


def test_a_deleted_desa_added_again_comes_back_under_its_id(tmp_path):
    store = officer_file(tmp_path / "ani.db", "Ani")
    add_kelurahan(store, LAWEYAN, "Pajang Baru")
    live = live_kelurahan(store)
    row_id = kelurahan_id(LAWEYAN, "Pajang Baru")
    delete_record(store, "kelurahan", row_id)
    assert "Pajang Baru" not in desa(store)

    assert add_kelurahan(store, LAWEYAN, "pajang baru") == "pajang baru"

    assert desa(store).count("pajang baru") == 1
    assert live_kelurahan(store) == live
    assert rows_named(store, "Pajang Baru") == [(row_id, None)]
    version = store.conn.execute("SELECT version FROM kelurahan WHERE id = ?",
                                 (row_id,)).fetchone()[0]
    assert version == 3
    assert [e.action for e in reversed(history(store.conn, row_id=row_id))] == [
        "insert", "delete", "update"]
    store.close()


# -- merging files of this app -------------------------------------------------------------
def test_the_same_desa_added_on_two_laptops_is_one_row_in_the_branch(branch, tmp_path):
    live = live_kelurahan(branch)
    for path, officer in (("ani.db", "Ani"), ("bayu.db", "Bayu")):
        laptop = officer_file(tmp_path / path, officer)
        add_kelurahan(laptop, LAWEYAN, "Pajang Baru")
        laptop.close()

    report = merge_files(branch, [tmp_path / "ani.db", tmp_path / "bayu.db"])

    assert desa(branch).count("Pajang Baru") == 1
    assert live_kelurahan(branch) == live + 1
    assert check_store(branch).counts["kelurahan"][1] == 0  # one row, not one + a tombstone
    assert [r.tables["kelurahan"].new for r in report.files] == [1, 0]
    assert list_conflicts(branch) == []
