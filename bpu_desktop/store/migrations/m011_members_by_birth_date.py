"""Sort the member list by age (Umur) on an index: `members(birth_date, kecamatan_code)`,
live rows only.

Without it, ordering a million members by birth date reads and sorts the whole table for
every page: ~370 ms measured on the 1M benchmark file (the list's budget is 100 ms), and
as much again for each page scrolled to. With it, a page is a walk along the index, in
either direction, like the name sort (~5 ms for the first or the last page, ~40 ms for
the middle). The kecamatan rides along so that the list filtered to a kecamatan or a city
walks the same index without reading each member (`MemberQuery.where(paging=True)`):
sorting the 453,000 members of Kota Surakarta by age took ~3 s, walking takes ~10 ms.

What it costs: every save writes this index too. Measured on the 1M file (WAL pages per
enrolment saved, 300 saves): 22.2 without it; 27.1 in the first few hundred saves after
it is built (its pages are packed full, so new birth dates split them); 23.1 after 5,000
saves. Building it takes about 1.5 s on that file, once, after the usual backup. An
import that at least doubles a file rebuilds it at the end like the other plain indexes
(deferred_indexes.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


def migrate(db: Database) -> None:
    db.execute("CREATE INDEX IF NOT EXISTS members_by_birth_date "
               "ON members(birth_date, kecamatan_code) WHERE deleted_at IS NULL")
