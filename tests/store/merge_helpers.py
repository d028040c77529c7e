"""Building officers' files for the merge tests: real enrolments through the repository."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from bpu_desktop.domain.validation import EnrolmentInput
from bpu_desktop.store.backup import backup_to
from bpu_desktop.store.database import Store, open_store
from bpu_desktop.store.members import MemberRepository, MemberRow
from bpu_desktop.store.merge_schema import record_tables
from bpu_desktop.store.reference import validate_enrolment_input

TODAY = date(2026, 5, 20)
NIK_A = "3372051508900001"
NIK_B = "3372051508900002"
NIK_C = "3372051508900003"


def officer_file(path: Path, officer: str) -> Store:
    store = open_store(path)
    store.set_officer(officer)
    return store


def enrol(store: Store, nik: str, name: str, **kw: Any) -> MemberRow:
    values: dict[str, Any] = dict(
        nik=nik, name=name, phone="0812-3456-7890", kecamatan="Banjarsari",
        kelurahan="Kadipiro", address="", segment="ojol", income="1.000.000",
        with_jht=False, funding="self", months_paid=3, start_month="2026-05",
        enrolled_on="20/05/2026")
    values.update(kw)
    result = validate_enrolment_input(store, EnrolmentInput(**values), today=TODAY)
    assert result.errors == {}, result.errors
    assert result.value is not None
    return MemberRepository(store).enrol(result.value)


def rename(store: Store, member_id: str, name: str, **kw: Any) -> MemberRow:
    row = MemberRepository(store).get(member_id)
    assert row is not None
    values: dict[str, Any] = dict(
        nik=row.nik, name=name, phone=row.phone, kecamatan="Banjarsari",
        kelurahan=row.kelurahan, address=row.address, segment=row.segment,
        income=str(row.income), with_jht=bool(row.with_jht), funding=row.funding,
        months_paid=row.months_paid, start_month=row.start_month, enrolled_on="20/05/2026")
    values.update(kw)
    result = validate_enrolment_input(store, EnrolmentInput(**values), today=TODAY)
    assert result.errors == {}, result.errors
    assert result.value is not None
    return MemberRepository(store).update(member_id, result.value)


def copy_file(store: Store, dest: Path, device: str) -> Store:
    """Another laptop that started from the same data (a copy, with its own device id)."""
    backup_to(store.conn, dest)
    other = open_store(dest)
    other.set_meta("device_id", device)
    other._device = None
    return other


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Content of every record table (what a user sees), stamps included but not times."""
    result = {}
    for table in record_tables(store.conn):
        cols = [c for c in table.columns if c not in ("created_at", "updated_at")]
        result[table.name] = store.conn.execute(
            f"SELECT {', '.join(cols)} FROM {table.name} ORDER BY id").fetchall()
    return result


def live_names(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute(
        "SELECT name FROM members WHERE deleted_at IS NULL ORDER BY name")]


def two_officers(folder: Path, **bayu: Any) -> Path:
    """An empty branch file, Ani's file (Budi, Cici) and Bayu's (Budi again: the same NIK
    enrolled twice), in `folder`; `bayu` changes Bayu's Budi (e.g. kecamatan)."""
    officer_file(folder / "cabang.db", "Supervisor").close()
    ani = officer_file(folder / "ani.db", "Ani")
    enrol(ani, NIK_A, "Budi")
    enrol(ani, NIK_B, "Cici")
    ani.close()
    bayu_file = officer_file(folder / "bayu.db", "Bayu")
    enrol(bayu_file, NIK_A, "Budi Santoso", **bayu)
    bayu_file.close()
    return folder


def two_enrolments_of_budi(folder: Path) -> Store:
    """A branch file that enrolled Budi as UMKM (Rp 1.500.000, 10/05) after merging Bayu's
    file, where Budi is Ojol (Rp 2.500.000, 12/05): one duplicate-NIK conflict whose
    enrolments differ."""
    from bpu_desktop.store.merge import merge_files

    store = officer_file(folder / "cabang.db", "Supervisor")
    enrol(store, NIK_A, "Budi", segment="umkm", income="1.500.000", enrolled_on="10/05/2026")
    bayu = officer_file(folder / "bayu.db", "Bayu")
    enrol(bayu, NIK_A, "Budi Santoso", segment="ojol", income="2.500.000",
          enrolled_on="12/05/2026")
    bayu.close()
    merge_files(store, [folder / "bayu.db"])
    return store
