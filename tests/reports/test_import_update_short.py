"""Updating enrolled members from a short list (NIK, Nama, No HP): only what an update
writes is checked, and a blank cell keeps the member's value."""

from __future__ import annotations

from pathlib import Path

from bpu_desktop.reports.excel_import import import_file, plan_import, read_sheet
from bpu_desktop.store.members import MemberRepository

from .builders import TODAY, enrol, make_nik, new_store, workbook_with_sheets


def _short(path: Path, rows: list[list[object]],
           header: tuple[str, ...] = ("NIK", "Nama", "No HP")) -> Path:
    return workbook_with_sheets(path, {"Data": [list(header), *rows]})


def test_short_list_updates_phones_of_enrolled_members(tmp_path: Path):
    store = new_store(tmp_path)
    enrol(store, 1, name="Budi Santoso")
    enrol(store, 2, name="Siti Aminah", kecamatan="Jebres", kelurahan="Mojosongo")
    path = _short(tmp_path / "hp_update.xlsx", [[make_nik(1), "Budi Santoso", "081299990001"],
                                               [make_nik(2), "Siti Aminah", "081299990002"]])
    result = import_file(store, path, today=TODAY, update_existing=True)
    assert result.plan.bad_rows == []
    assert (result.inserted, result.updated, len(result.plan.existing)) == (0, 2, 2)
    repo = MemberRepository(store)
    budi, siti = repo.find_by_nik(make_nik(1)), repo.find_by_nik(make_nik(2))
    assert (budi.phone, budi.kecamatan_code, budi.kelurahan, budi.address) == (
        "081299990001", "33.72.01", "Pajang", "Jl. Slamet Riyadi 1")
    assert siti.phone == "081299990002" and siti.kelurahan == "Mojosongo"
    assert siti.address == "Jl. Slamet Riyadi 1"


def test_without_update_enrolled_rows_are_counted_not_refused(tmp_path: Path):
    store = new_store(tmp_path)
    enrol(store, 1)
    path = _short(tmp_path / "hp.xlsx", [[make_nik(1), "Budi Santoso", "081299990001"],
                                        [make_nik(3), "Orang Baru", "081299990003"]])
    plan = plan_import(store, read_sheet(path), today=TODAY)
    assert len(plan.existing) == 1
    assert [b.row for b in plan.bad_rows] == [3]  # the new NIK still needs every field
    assert "Kecamatan" in " ".join(e.message for e in plan.bad_rows[0].errors)
    result = import_file(store, path, today=TODAY)
    assert (result.inserted, result.updated) == (0, 0)
    assert MemberRepository(store).find_by_nik(make_nik(1)).phone == "081234567890"


def test_update_checks_what_it_writes(tmp_path: Path):
    store = new_store(tmp_path)
    enrol(store, 1)
    enrol(store, 2)
    path = _short(tmp_path / "pindah.xlsx", [
        [make_nik(1), "Budi Santoso", "", "Jebres", "Mojosongo"],   # moves, phone kept
        [make_nik(2), "Siti Aminah", "12", "", ""],                 # bad phone
    ], header=("NIK", "Nama", "No HP", "Kecamatan", "Kelurahan"))
    result = import_file(store, path, today=TODAY, update_existing=True)
    assert [b.row for b in result.plan.bad_rows] == [3]
    assert [e.column for e in result.plan.bad_rows[0].errors] == ["No HP"]
    budi = MemberRepository(store).find_by_nik(make_nik(1))
    assert (budi.phone, budi.kecamatan_code, budi.kelurahan) == (
        "081234567890", "33.72.04", "Mojosongo")


def test_kecamatan_without_kelurahan_is_refused_for_an_update(tmp_path: Path):
    store = new_store(tmp_path)
    enrol(store, 1)
    path = _short(tmp_path / "kec.xlsx", [[make_nik(1), "Budi Santoso", "", "Jebres", ""]],
                  header=("NIK", "Nama", "No HP", "Kecamatan", "Kelurahan"))
    result = import_file(store, path, today=TODAY, update_existing=True)
    assert [e.column for b in result.plan.bad_rows for e in b.errors] == ["Kelurahan"]
    assert MemberRepository(store).find_by_nik(make_nik(1)).kelurahan == "Pajang"
