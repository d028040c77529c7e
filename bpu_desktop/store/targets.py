"""Targets per year and area (branch, city or kecamatan), optionally per segment and officer,
with the potential of the area and a monthly pace. Every edit is audited (records.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bpu_desktop.domain.followup import AREA_BRANCH
from bpu_desktop.domain.money import format_number
from bpu_desktop.domain.pace import monthly_pace
from bpu_desktop.domain.regions import cities, kecamatan_list

from .database import Store
from .errors import RecordNotFound, StoreError
from .records import delete_record, get_record, insert_record, update_record

KINDS = ("BPU", "PU")
_COLUMNS = ("id", "year", "kind", "area_code", "segment", "officer", "target", "potential",
            "covered_before", "monthly", "note", "version")


@dataclass(frozen=True)
class Target:
    id: str
    year: int
    kind: str
    area_code: str  # "cabang", "33.72", "33.12" or a kecamatan "33.72.05"
    segment: str | None
    officer: str | None
    target: int | None
    potential: int | None
    covered_before: int | None
    monthly: tuple[int, ...] | None  # None: the yearly target spread evenly
    note: str
    version: int

    @property
    def label(self) -> str:
        """"BPU Kec. Banjarsari 2026": what a question or a message names it by."""
        extra = "".join(f" {part}" for part in (self.segment, self.officer) if part)
        return f"{self.kind} {area_label(self.area_code)}{extra} {self.year}"

    def pace(self) -> list[int]:
        """12 monthly targets: the edited ones, or the yearly target spread evenly."""
        if self.monthly is not None:
            return list(self.monthly)
        return monthly_pace(self.target or 0)


@dataclass(frozen=True)
class TargetInput:
    """What the Target page form sends (already typed; checked by `check_target`)."""

    year: int
    kind: str
    area_code: str
    target: int | None
    potential: int | None = None
    covered_before: int | None = None
    segment: str | None = None
    officer: str | None = None
    note: str = ""


def area_label(code: str) -> str:
    """"Cabang Surakarta", "Kota Surakarta", "Kec. Banjarsari"... for lists and charts."""
    if code == AREA_BRANCH:
        return "Cabang Surakarta (Solo + Wonogiri)"
    for city in cities():
        if city.code == code:
            return city.name
    for kec in kecamatan_list():
        if kec.code == code:
            return f"Kec. {kec.name}"
    return code


def area_choices() -> list[tuple[str, str]]:
    """(code, label) for area selectors: branch, both cities, then every kecamatan."""
    choices = [(AREA_BRANCH, area_label(AREA_BRANCH))]
    for city in cities():
        choices.append((city.code, city.name))
    for city in cities():
        for kec in kecamatan_list(city.code):
            choices.append((kec.code, f"Kec. {kec.name} ({city.name})"))
    return choices


def _row_to_target(row: dict[str, Any]) -> Target:
    monthly = json.loads(row["monthly"]) if row["monthly"] else None
    return Target(
        id=row["id"], year=int(row["year"]), kind=row["kind"], area_code=row["area_code"],
        segment=row["segment"] or None, officer=row["officer"] or None,
        target=row["target"], potential=row["potential"],
        covered_before=row["covered_before"],
        monthly=tuple(int(v) for v in monthly) if monthly is not None else None,
        note=row["note"] or "", version=int(row["version"]),
    )


def list_targets(store: Store, year: int | None = None) -> list[Target]:
    sql = f"SELECT {', '.join(_COLUMNS)} FROM targets WHERE deleted_at IS NULL"
    params: list[Any] = []
    if year is not None:
        sql += " AND year = ?"
        params.append(year)
    sql += " ORDER BY year, kind, area_code, ifnull(segment, ''), ifnull(officer, '')"
    cur = store.conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [_row_to_target(dict(zip(names, r, strict=True))) for r in cur.fetchall()]


def target_years(store: Store) -> list[int]:
    return [int(r[0]) for r in store.conn.execute(
        "SELECT DISTINCT year FROM targets WHERE deleted_at IS NULL ORDER BY year")]


def get_target(store: Store, target_id: str) -> Target:
    row = get_record(store, "targets", target_id)
    if row is None:
        raise RecordNotFound("Target tidak ditemukan (mungkin sudah dihapus).")
    return _row_to_target(row)


def find_target(store: Store, year: int, kind: str, area_code: str,
                segment: str | None = None, officer: str | None = None) -> Target | None:
    row = store.conn.execute(
        "SELECT id FROM targets WHERE deleted_at IS NULL AND year = ? AND kind = ? "
        "AND area_code = ? AND ifnull(segment, '') = ? AND ifnull(officer, '') = ?",
        (year, kind, area_code, segment or "", officer or ""),
    ).fetchone()
    return get_target(store, row[0]) if row else None


def _key(t: Target | TargetInput) -> tuple[int, str, str, str | None, str | None]:
    """What names a target: an edit never changes it (`save_target`)."""
    return (t.year, t.kind, t.area_code, t.segment or None, t.officer or None)


def check_target(data: TargetInput) -> dict[str, str]:
    """Field errors in Indonesian (empty when the input can be saved)."""
    errors: dict[str, str] = {}
    if not 2000 <= data.year <= 2100:
        errors["year"] = "Tahun harus antara 2000 dan 2100."
    if data.kind not in KINDS:
        errors["kind"] = "Jenis target harus BPU atau PU."
    codes = {code for code, _ in area_choices()}
    if data.area_code not in codes:
        errors["area_code"] = "Wilayah tidak dikenal."
    for field, value in (("potential", data.potential),
                         ("covered_before", data.covered_before)):
        if value is not None and value < 0:
            errors[field] = "Angka tidak boleh negatif."
    if data.target is not None and data.target <= 0:
        # Nothing to reach: progress and the monthly pace would divide by it.
        errors["target"] = "Target setahun harus lebih dari 0."
    if data.target is None and data.potential is None:
        errors["target"] = "Isi target atau potensi (boleh keduanya)."
    if (data.potential is not None and data.covered_before is not None
            and data.covered_before > data.potential):
        errors["covered_before"] = "Peserta yang sudah tercakup melebihi potensi."
    return errors


def save_target(store: Store, data: TargetInput, target_id: str | None = None,
                *, expected_version: int | None = None) -> Target:
    """Add a target, or edit one; the (year, kind, area, segment, officer) key is unique.
    An edit keeps the target's key: the year, kind, area, segment and officer are what the
    target is (its progress and monthly pace are counted for them), so another key is
    another target (a new one, or `copy_year` for another year), never this one moved."""
    errors = check_target(data)
    if errors:
        raise StoreError(next(iter(errors.values())))
    values = {"year": data.year, "kind": data.kind, "area_code": data.area_code,
              "segment": data.segment or None, "officer": data.officer or None,
              "target": data.target, "potential": data.potential,
              "covered_before": data.covered_before, "note": data.note.strip()}
    with store.write():
        old = get_target(store, target_id) if target_id is not None else None
        if old is not None and old.year != data.year:
            raise StoreError(
                f"Tahun target tidak bisa diubah ({old.year} ke {data.year}); buat target baru "
                f"di tahun {data.year} atau salin target ke tahun berikutnya.")
        if old is not None and _key(old) != _key(data):
            raise StoreError(
                f"Jenis, wilayah, segmen dan petugas target {old.kind} {old.year} untuk "
                f"{area_label(old.area_code)} tidak bisa diubah; buat target baru.")
        same = find_target(store, data.year, data.kind, data.area_code, data.segment,
                           data.officer)
        if same is not None and same.id != target_id:
            raise StoreError(
                f"Target {data.kind} {data.year} untuk {area_label(data.area_code)} sudah ada; "
                "ubah yang itu.")
        if target_id is None or old is None:
            row = insert_record(store, "targets", values)
            return get_target(store, str(row["id"]))
        if old.monthly is not None and old.target != data.target:
            # A new yearly figure makes the old monthly split meaningless: back to even.
            values["monthly"] = None
        row = update_record(store, "targets", target_id, values,
                            expected_version=expected_version)
        return _row_to_target(row)


def set_monthly(store: Store, target_id: str, months: list[int] | None) -> Target:
    """Edit the monthly pace (12 numbers adding up to the yearly target), or reset to even."""
    with store.write():
        current = get_target(store, target_id)
        if months is not None:
            if len(months) != 12 or any(m < 0 for m in months):
                raise StoreError("Isi 12 angka bulanan, tidak boleh negatif.")
            if current.target is not None and sum(months) != current.target:
                raise StoreError(
                    f"Jumlah target bulanan {format_number(sum(months))} harus sama dengan "
                    f"target tahunan {format_number(current.target)}.")
        value = json.dumps(months) if months is not None else None
        row = update_record(store, "targets", target_id, {"monthly": value})
        return _row_to_target(row)


def delete_target(store: Store, target_id: str) -> None:
    delete_record(store, "targets", target_id)


def copy_year(store: Store, from_year: int, to_year: int) -> int:
    """Carry targets to another year (one action); existing ones there are kept."""
    copied = 0
    with store.write():
        for t in list_targets(store, from_year):
            if find_target(store, to_year, t.kind, t.area_code, t.segment, t.officer):
                continue
            insert_record(store, "targets", {
                "year": to_year, "kind": t.kind, "area_code": t.area_code,
                "segment": t.segment, "officer": t.officer, "target": t.target,
                "potential": t.potential, "covered_before": t.covered_before,
                "monthly": json.dumps(list(t.monthly)) if t.monthly else None,
                "note": t.note,
            })
            copied += 1
    return copied
