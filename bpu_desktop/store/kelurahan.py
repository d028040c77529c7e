"""One row per desa: ids from the natural key, and folding rows that name the same desa.

Users add villages (Wonogiri's desa are not seeded) on their own laptops. A random id made
the same desa typed on two laptops two rows once the files were merged; nothing refers to
a kelurahan row by id (members, events and sponsors store the name), so two rows of one
desa are the same desa twice. New rows take an id from the kecamatan and the name with
case, spacing and a "Desa"/"Kel." in front ignored, and `fold_duplicates` (migration
m012, and every merge) keeps one live row per desa for what was added before, or arrives
from an older file.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from bpu_desktop.domain.regions import village_key

from .audit import write_audit
from .clock import seed_id, utc_now


def kelurahan_key(name: str) -> str:
    """The name as the desk and the import compare it (`village_key`: spacing collapsed,
    "Desa"/"Kel." in front dropped, case folded)."""
    return village_key(name)


def kelurahan_id(kecamatan_code: str, name: str) -> str:
    """The id of a user-added desa: the same on every laptop for the same kecamatan+name."""
    return seed_id("kelurahan-key", f"{kecamatan_code}:{kelurahan_key(name)}")


def _seeded_id(kecamatan_code: str, name: str) -> str:
    """The id migration m001 gave a seeded kelurahan (the name exactly as seeded)."""
    return seed_id("kelurahan", f"{kecamatan_code}:{name}")


def _rank(row: tuple[str, str, str, str]) -> tuple[int, str, str]:
    """Which row of one desa stays: the seeded row, else the natural-key row, else the
    oldest. Every laptop ranks a desa's rows alike (ids and created_at travel with the
    rows), so files folded apart never keep different rows and delete each other's."""
    row_id, code, name, created_at = row
    if row_id == _seeded_id(code, name):
        return (0, created_at, row_id)
    if row_id == kelurahan_id(code, name):
        return (1, created_at, row_id)
    return (2, created_at, row_id)


def fold_duplicates(conn: sqlite3.Connection, *, officer: str, origin: str,
                    source: str) -> list[tuple[str, str]]:
    """Soft-delete every live kelurahan row but one per (kecamatan, key); returns the
    (dropped id, kept id) pairs. Runs inside the caller's transaction.

    Deleted as the app deletes (new version, stamps, audit), so a later merge carries the
    tombstone to the other laptops. `deleted_at` is the dropped row's own `created_at`, not
    the time of the fold: two files that fold the same row apart then hold the same
    content, and merging one into the other is "identical", never a conflict.
    """
    groups: dict[tuple[str, str], list[tuple[str, str, str, str]]] = defaultdict(list)
    for row_id, code, name, created_at in conn.execute(
            "SELECT id, kecamatan_code, name, created_at FROM kelurahan "
            "WHERE deleted_at IS NULL"):
        groups[(code, kelurahan_key(name))].append((row_id, code, name, created_at))
    folded: list[tuple[str, str]] = []
    now = utc_now()
    for rows in groups.values():
        if len(rows) < 2:
            continue
        keep, *drop = sorted(rows, key=_rank)
        for row_id, *_ in drop:
            cur = conn.execute("SELECT * FROM kelurahan WHERE id = ?", (row_id,))
            old = dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True))
            conn.execute(
                "UPDATE kelurahan SET deleted_at = created_at, updated_at = ?, updated_by = ?, "
                "origin = ?, version = version + 1 WHERE id = ?",
                (now, officer, origin, row_id))
            write_audit(conn, officer=officer, origin=origin, table="kelurahan",
                        row_id=row_id, action="delete", old=old,
                        new=None, source=source, at=now)
            folded.append((row_id, keep[0]))
    return folded

