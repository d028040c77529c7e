"""One live row per desa: fold the kelurahan rows that name the same desa.

Before ids came from the name (store/kelurahan.py), a desa added on two laptops got two
random ids, and a merged file held it twice: listed once, but counted, exported and merged
on as two. Rows of the same kecamatan and name (case and spacing ignored) are folded into
one: the seeded row, else the one with the natural-key id, else the oldest, as every
laptop would choose. The others are soft-deleted as the app deletes (version, stamps,
audit), so the next merge carries that to the other laptops. Nothing refers to a kelurahan
row by id (members, events and sponsors store the name), so no other row changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..kelurahan import fold_duplicates

if TYPE_CHECKING:
    from sqlite_utils import Database


def migrate(db: Database) -> None:
    meta = dict(db.conn.execute(
        "SELECT key, value FROM meta WHERE key IN ('device_id', 'officer_name')").fetchall())
    # The upgrade is nobody's edit: audited as "sistem" (like the seeded rows), from this
    # file's device, so merges read the fold as this file's change.
    fold_duplicates(db.conn, officer="sistem", origin=str(meta.get("device_id", "")),
                    source="migrasi")
