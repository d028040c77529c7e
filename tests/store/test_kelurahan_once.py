"""A desa added on several laptops is one row in the merged branch file: listed, counted
and merged on once (ids from the name, m012 folding old duplicates, merges folding what
older files bring)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bpu_desktop.domain.validation import EnrolmentInput
from bpu_desktop.store.audit import history
from bpu_desktop.store.backup import backups_dir
from bpu_desktop.store.conflicts import list_conflicts
from bpu_desktop.store.database import Store, open_store
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.health import check_store
from bpu_desktop.store.kelurahan import kelurahan_id
from bpu_desktop.store.members import MemberRepository
from bpu_desktop.store.merge import merge_files
from bpu_desktop.store.migrations import known_migration_names
from bpu_desktop.store.records import delete_record, insert_record
from bpu_desktop.store.reference import add_kelurahan, kelurahan_by_kecamatan, validate_enrolment_input

from .merge_helpers import NIK_A, TODAY, copy_file, enrol, officer_file

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


def old_desa(store: Store, name: str, created_at: str, code: str = LAWEYAN) -> str:
    """A desa as the previous app added it: a random id (backdated to `created_at`)."""
    row = insert_record(store, "kelurahan", {"kecamatan_code": code, "name": name})
    store.conn.execute("UPDATE kelurahan SET created_at = ? WHERE id = ?",
                       (created_at, row["id"]))
    return str(row["id"])


def as_previous_app(store: Store) -> None:
    """Close the file as the previous app left it: m012 not applied (no schema change)."""
    store.conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", (M012,))
    store.close()


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


def test_the_same_desa_spelt_otherwise_is_still_one_row_and_no_conflict(branch, tmp_path):
    live = live_kelurahan(branch)
    ani = officer_file(tmp_path / "ani.db", "Ani")
    add_kelurahan(ani, LAWEYAN, "Pajang Baru")
    ani.close()
    bayu = officer_file(tmp_path / "bayu.db", "Bayu")
    add_kelurahan(bayu, LAWEYAN, "PAJANG baru")
    bayu.close()

    report = merge_files(branch, [tmp_path / "ani.db", tmp_path / "bayu.db"])

    assert report.new_conflicts == 0 and list_conflicts(branch) == []
    assert desa(branch).count("Pajang Baru") == 1 and "PAJANG baru" not in desa(branch)
    assert live_kelurahan(branch) == live + 1
    # Merged back, Bayu's laptop keeps its own spelling of the same row.
    bayu = open_store(tmp_path / "bayu.db")
    back = merge_files(bayu, [tmp_path / "cabang.db"])
    assert back.new_conflicts == 0
    assert [n for n in desa(bayu) if n.lower() == "pajang baru"] == ["PAJANG baru"]
    bayu.close()


# -- old duplicates: the upgrade ----------------------------------------------------------
def test_the_upgrade_folds_old_duplicates_into_the_oldest_row(tmp_path):
    path = tmp_path / "cabang.db"
    store = officer_file(path, "Supervisor")
    first = old_desa(store, "Pajang Baru", "2026-01-05T08:00:00.000000Z")
    later = old_desa(store, "pajang baru", "2026-02-01T08:00:00.000000Z")
    third = old_desa(store, "Pajang Baru", "2026-03-01T08:00:00.000000Z")
    gone = old_desa(store, "Pajang Baru", "2025-12-01T08:00:00.000000Z")
    delete_record(store, "kelurahan", gone)  # deleted already: not the one kept
    jebres = old_desa(store, "Pajang Baru", "2026-04-01T08:00:00.000000Z", code=JEBRES)
    seeded_twin = old_desa(store, "pajang", "2020-01-01T08:00:00.000000Z")  # before the seed
    # A member saved with the later row's spelling (members store the name, not the id).
    member = enrol(store, NIK_A, "Budi", kecamatan="Laweyan", kelurahan="pajang baru")
    store.conn.execute("UPDATE members SET kelurahan = 'pajang baru' WHERE id = ?",
                       (member.id,))
    live = live_kelurahan(store)
    as_previous_app(store)

    store = open_store(path)

    assert store.schema_version() == len(known_migration_names())
    assert desa(store).count("Pajang Baru") == 1 and "pajang baru" not in desa(store)
    assert desa(store).count("Pajang") == 1 and "pajang" not in desa(store)
    assert desa(store, JEBRES).count("Pajang Baru") == 1
    assert live_kelurahan(store) == live - 3
    # The oldest live row stays; the others are deleted as from their own creation (the
    # same tombstone on every laptop that folds them).
    rows = dict(rows_named(store, "Pajang Baru"))
    assert rows[gone] is not None
    assert {k: rows[k] for k in (first, later, third)} == {
        first: None, later: "2026-02-01T08:00:00.000000Z",
        third: "2026-03-01T08:00:00.000000Z"}
    assert store.conn.execute("SELECT deleted_at IS NULL FROM kelurahan WHERE id = ?",
                              (jebres,)).fetchone()[0] == 1
    assert store.conn.execute("SELECT deleted_at IS NOT NULL, version FROM kelurahan "
                              "WHERE id = ?", (seeded_twin,)).fetchone() == (1, 2)
    [fold] = [e for e in history(store.conn, row_id=later) if e.action == "delete"]
    assert (fold.officer, fold.source, fold.origin) == ("sistem", "migrasi", store.device_id)
    assert list(backups_dir(path).glob("*m012*"))  # backed up before the upgrade
    # The member is untouched and still saves: the desk finds the desa by its name.
    repo = MemberRepository(store)
    again = repo.get(member.id)
    assert again is not None and again.kelurahan == "pajang baru"
    result = validate_enrolment_input(store, EnrolmentInput(
        nik=NIK_A, name="Budi", phone="0812-3456-7890", kecamatan="Laweyan",
        kelurahan=again.kelurahan, address="", segment="ojol", income="1.000.000",
        with_jht=False, funding="self", months_paid=3, start_month="2026-05",
        enrolled_on="20/05/2026"), today=TODAY)
    assert result.errors == {} and result.value is not None
    assert result.value.kelurahan == "Pajang Baru"
    store.close()


def test_two_files_upgraded_apart_merge_without_conflict(tmp_path):
    store = officer_file(tmp_path / "cabang.db", "Supervisor")
    old_desa(store, "Pajang Baru", "2026-01-05T08:00:00.000000Z")
    later = old_desa(store, "Pajang Baru", "2026-02-01T08:00:00.000000Z")
    laptop = copy_file(store, tmp_path / "ani.db", "laptop-ani")  # a merged-back copy
    live = live_kelurahan(store)
    as_previous_app(store)
    as_previous_app(laptop)
    store = open_store(tmp_path / "cabang.db")  # each folds the same row, at its own time
    open_store(tmp_path / "ani.db").close()

    report = merge_files(store, [tmp_path / "ani.db"])

    counts = report.files[0].tables["kelurahan"]
    assert (counts.conflicts, counts.new, counts.updated) == (0, 0, 0)
    assert list_conflicts(store) == []
    assert live_kelurahan(store) == live - 1
    assert rows_named(store, "Pajang Baru")[1] == (later, "2026-02-01T08:00:00.000000Z")
    store.close()


# -- old duplicates: merging a file that still has one ------------------------------------
def old_laptop(folder: Path, name: str, created_at: str, *, upgraded: bool) -> str:
    """Bayu's laptop with "Pajang Baru" added by the previous app (a random id); still on
    the previous app unless `upgraded` (then the row is alone there, nothing to fold)."""
    bayu = officer_file(folder / "bayu.db", "Bayu")
    row_id = old_desa(bayu, name, created_at)
    if upgraded:
        bayu.close()
    else:
        as_previous_app(bayu)
    return row_id


@pytest.mark.parametrize("upgraded", [False, True])
def test_an_old_random_id_desa_merged_in_is_counted_once(branch, tmp_path, upgraded):
    add_kelurahan(branch, LAWEYAN, "Pajang Baru")  # the natural-key row
    live = live_kelurahan(branch)
    audit_rows = branch.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    old = old_laptop(tmp_path, "pajang baru", "2026-01-05T08:00:00.000000Z",
                     upgraded=upgraded)

    preview = merge_files(branch, [tmp_path / "bayu.db"], dry_run=True)
    assert branch.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audit_rows
    report = merge_files(branch, [tmp_path / "bayu.db"])

    for r in (preview, report):
        counts = r.files[0].tables["kelurahan"]
        assert (counts.new, counts.same_key, counts.conflicts) == (0, 1, 0)
    assert report.same_key_notes() == [
        "Kelurahan/Desa: 1 sama dengan yang sudah ada di cabang, disatukan (bukan konflik)."]
    assert desa(branch).count("Pajang Baru") == 1 and "pajang baru" not in desa(branch)
    assert live_kelurahan(branch) == live
    assert list_conflicts(branch) == []
    # Every laptop keeps the natural-key row (even though the old one is older).
    natural = kelurahan_id(LAWEYAN, "Pajang Baru")
    assert dict(rows_named(branch, "Pajang Baru")) == {
        old: "2026-01-05T08:00:00.000000Z", natural: None}
    [fold] = [e for e in history(branch.conn, row_id=old) if e.action == "delete"]
    assert (fold.source, fold.origin) == ("merge:bayu.db", branch.device_id)

    # The same file again: nothing new, nothing written.
    audit_rows = branch.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    again = merge_files(branch, [tmp_path / "bayu.db"])
    assert again.files[0].already_merged
    assert branch.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audit_rows

    # The branch file merged back: Bayu's laptop lists the desa once too.
    bayu = open_store(tmp_path / "bayu.db")
    back = merge_files(bayu, [tmp_path / "cabang.db"])
    assert back.new_conflicts == 0
    assert [n for n in desa(bayu) if n.lower() == "pajang baru"] == ["Pajang Baru"]
    assert dict(rows_named(bayu, "Pajang Baru"))[natural] is None
    bayu.close()


def test_two_old_random_id_rows_keep_the_oldest(branch, tmp_path):
    mine = old_desa(branch, "Pajang Baru", "2026-01-05T08:00:00.000000Z")
    live = live_kelurahan(branch)
    theirs = old_laptop(tmp_path, "Pajang Baru", "2026-03-01T08:00:00.000000Z",
                        upgraded=True)

    merge_files(branch, [tmp_path / "bayu.db"])

    assert desa(branch).count("Pajang Baru") == 1
    assert live_kelurahan(branch) == live
    assert dict(rows_named(branch, "Pajang Baru")) == {
        mine: None, theirs: "2026-03-01T08:00:00.000000Z"}


# -- "Desa"/"Kel." in front ------------------------------------------------------------------
def test_desa_typed_with_its_prefix_is_the_same_desa(tmp_path):
    store = open_store(tmp_path / "data.db")
    assert add_kelurahan(store, LAWEYAN, "Desa  Pajang Baru") == "Pajang Baru"
    assert add_kelurahan(store, LAWEYAN, "Kel. pajang baru") == "Pajang Baru"
    assert add_kelurahan(store, LAWEYAN, "pajang baru") == "Pajang Baru"
    assert desa(store).count("Pajang Baru") == 1 and len(rows_named(store, "Pajang Baru")) == 1
    store.close()


def test_two_laptops_one_typing_desa_in_front_merge_to_one_row(branch, tmp_path):
    live = live_kelurahan(branch)
    for path, officer, typed in (("ani.db", "Ani", "Pajang Baru"),
                                 ("bayu.db", "Bayu", "Desa Pajang Baru")):
        laptop = officer_file(tmp_path / path, officer)
        add_kelurahan(laptop, LAWEYAN, typed)
        laptop.close()
    report = merge_files(branch, [tmp_path / "ani.db", tmp_path / "bayu.db"])
    assert report.new_conflicts == 0 and list_conflicts(branch) == []
    assert [n for n in desa(branch) if "pajang baru" in n.lower()] == ["Pajang Baru"]
    assert live_kelurahan(branch) == live + 1


def test_an_old_desa_row_with_its_prefix_folds_into_the_plain_one(tmp_path):
    path = tmp_path / "cabang.db"
    store = open_store(path)
    old_desa(store, "Pajang Baru", "2026-01-05T00:00:00Z")
    old_desa(store, "Desa Pajang Baru", "2026-02-05T00:00:00Z")
    as_previous_app(store)
    store = open_store(path)
    assert [n for n in desa(store) if "pajang baru" in n.lower()] == ["Pajang Baru"]
    # A member typed with the prefix still matches the desa that stayed.
    result = validate_enrolment_input(store, EnrolmentInput(
        nik=NIK_A, name="Sri Wahyuni", phone="081234567890", kecamatan="Laweyan",
        kelurahan="Ds. Pajang Baru", address="RT 1", segment="umkm", income="1.500.000",
        with_jht="Tidak", funding="Mandiri", months_paid=1, start_month=TODAY,
        enrolled_on=TODAY), today=TODAY)
    assert result.value is not None and result.value.kelurahan == "Pajang Baru"
    store.close()
