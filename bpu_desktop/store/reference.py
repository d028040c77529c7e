"""Editable reference data kept in the file: rates, segments, villages."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from bpu_desktop.domain.reference import Rates
from bpu_desktop.domain.regions import kecamatan_list, village_name
from bpu_desktop.domain.segments import Segment

from .audit import write_audit
from .clock import utc_now
from .database import Store
from .errors import StoreError
from .kelurahan import kelurahan_id, kelurahan_key
from .records import get_record, insert_record, restore_record, update_record

if TYPE_CHECKING:
    from bpu_desktop.domain.validation import EnrolmentInput, ValidationResult


def load_rates(store: Store) -> Rates:
    row = store.conn.execute("SELECT value FROM reference WHERE key = 'rates'").fetchone()
    return Rates.from_dict(json.loads(row[0])) if row else Rates.default()


def save_rates(store: Store, rates: Rates) -> None:
    """Rates change with the law (PP 50/2025 ...): editable, audited."""
    new = rates.to_dict()
    with store.write():
        old = load_rates(store).to_dict()
        now = utc_now()
        store.conn.execute(
            "INSERT INTO reference(key, value, updated_at, updated_by) VALUES ('rates', ?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
            "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            (json.dumps(new, ensure_ascii=False), now, store.officer),
        )
        write_audit(store.conn, officer=store.officer, origin=store.device_id,
                    table="reference", row_id="rates", action="update", old=old, new=new,
                    source="form", at=now)


def list_segments(store: Store, *, include_inactive: bool = False) -> list[Segment]:
    sql = "SELECT code, name, sector FROM segments WHERE deleted_at IS NULL"
    if not include_inactive:
        sql += " AND active = 1"
    return [Segment(code=r[0], name=r[1], sector=r[2])
            for r in store.conn.execute(sql + " ORDER BY name").fetchall()]


def segment_names(store: Store) -> dict[str, str]:
    return {s.code: s.name for s in list_segments(store, include_inactive=True)}


def save_segment(store: Store, segment: Segment, *, active: bool = True) -> None:
    """Add a segment, or edit the one with the same code."""
    row = store.conn.execute(
        "SELECT id FROM segments WHERE code = ? AND deleted_at IS NULL", (segment.code,)
    ).fetchone()
    values = {"code": segment.code, "name": segment.name, "sector": segment.sector,
              "active": int(active)}
    if row:
        update_record(store, "segments", row[0], values)
    else:
        insert_record(store, "segments", values)


def kelurahan_by_kecamatan(store: Store) -> dict[str, list[str]]:
    """Each village once per kecamatan (by name, ignoring case). A file keeps one live row
    per desa (`kelurahan.fold_duplicates`, at the upgrade and at every merge); the list
    still names a desa once should a second row slip in another way (a conflict decided
    in favour of an old row)."""
    result: dict[str, list[str]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for code, name in store.conn.execute(
        "SELECT kecamatan_code, name FROM kelurahan WHERE deleted_at IS NULL "
        "ORDER BY kecamatan_code, name"
    ):
        key = (code, kelurahan_key(name))
        if key not in seen:
            seen.add(key)
            result[code].append(name)
    return dict(result)


def add_kelurahan(store: Store, kecamatan_code: str, name: str, *, source: str = "form") -> str:
    """Villages (Wonogiri's desa are not seeded) are added by users, once per kecamatan;
    returns the name as the list holds it.

    A desa already listed (case and spacing ignored) is returned as stored. A new row's id
    comes from the kecamatan and the name (`kelurahan_id`), so the same desa added on two
    laptops is one row when their files merge; a desa of that id deleted earlier (here, or
    in a file merged here) is brought back rather than inserted twice.
    """
    name = village_name(name)
    if not name:
        raise StoreError("Nama kelurahan/desa wajib diisi.")
    key = kelurahan_key(name)
    with store.write():
        for (existing,) in store.conn.execute(
            "SELECT name FROM kelurahan WHERE kecamatan_code = ? AND deleted_at IS NULL",
            (kecamatan_code,),
        ):
            if kelurahan_key(existing) == key:
                return str(existing)
        row_id = kelurahan_id(kecamatan_code, name)
        values = {"kecamatan_code": kecamatan_code, "name": name}
        if get_record(store, "kelurahan", row_id, include_deleted=True) is None:
            insert_record(store, "kelurahan", {"id": row_id, **values}, source=source)
        else:
            restore_record(store, "kelurahan", row_id, values, source=source)
    return name


def validate_enrolment_input(
    store: Store, raw: EnrolmentInput, *, today: date | None = None
) -> ValidationResult:
    """The domain rules, fed with this file's reference data (one place for form and import)."""
    # Imported here: the rates and lists above are read at start-up (Beranda), the rules
    # are needed only when something is entered.
    from bpu_desktop.domain.validation import EnrolmentRules

    segments, kelurahan, rates = _reference_for_validation(store)
    day = today or date.today()
    # One rule set per reference data and day, kept while the desk saves one person after
    # another (it remembers the answers for repeated values: kecamatan, occupation...).
    kept = store.cache.get("enrolment_rules")
    if kept is None or kept[0] is not segments or kept[1] != day:
        kept = (segments, day, EnrolmentRules(
            segments=segments, kelurahan_by_kecamatan=kelurahan, kecamatan=kecamatan_list(),
            rates=rates, today=day))
        store.cache["enrolment_rules"] = kept
    rules: EnrolmentRules = kept[2]
    return rules.validate(raw)


def _reference_for_validation(
    store: Store,
) -> tuple[list[Segment], dict[str, list[str]], Rates]:
    """Reference lists, reloaded only when an edit, import or merge changed them.

    The stamp (row counts and latest change of each list) costs far less than reading the
    lists, which matters for a desk saving one person after another.
    """
    stamp = store.conn.execute(
        "SELECT (SELECT COUNT(*) || max(updated_at) FROM segments), "
        "(SELECT COUNT(*) || max(updated_at) FROM kelurahan), "
        "(SELECT updated_at FROM reference WHERE key = 'rates')"
    ).fetchone()
    cached = store.cache.get("validation_reference")
    if cached is None or cached[0] != stamp:
        cached = (stamp, list_segments(store, include_inactive=True),
                  kelurahan_by_kecamatan(store), load_rates(store))
        store.cache["validation_reference"] = cached
    return cached[1], cached[2], cached[3]
