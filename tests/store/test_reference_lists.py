"""Reference lists as the desk and the import read them."""

from __future__ import annotations

from bpu_desktop.store.database import open_store
from bpu_desktop.store.records import insert_record
from bpu_desktop.store.reference import add_kelurahan, kelurahan_by_kecamatan


def test_a_desa_added_on_two_laptops_is_listed_once_after_the_merge(tmp_path):
    store = open_store(tmp_path / "cabang.db")
    store.set_officer("Sri")
    add_kelurahan(store, "33.12.01", "Gebangharjo")
    # What a merge brings: the same desa typed on another laptop, under its own id.
    insert_record(store, "kelurahan", {"kecamatan_code": "33.12.01", "name": "gebangharjo"},
                  source="merge:petugas2.db")
    insert_record(store, "kelurahan", {"kecamatan_code": "33.12.01", "name": "Joho"},
                  source="merge:petugas2.db")
    assert kelurahan_by_kecamatan(store)["33.12.01"] == ["Gebangharjo", "Joho"]
    store.close()
