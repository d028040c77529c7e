"""Index a waiting dependent by its parent's key, which lives in the incoming row's JSON.

Opening a duplicate member in the conflict list reads that member's dependents (their
enrolment, payments...). Without an index this walked every open dependent of the child
table: about half a second per conflict at 800,000 conflicts, so `bpu conflicts` paging
through duplicates took minutes. One partial expression index per foreign-key column
(only open dependents are in it) makes it a seek.

The columns are the foreign keys the record tables have; a table that gains a new one
adds its index in its own migration (`conflicts._dependents` uses the literal path).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the conflict list reads PARENT_KEYS without importing sqlite-utils
    from sqlite_utils import Database

PARENT_KEYS = ("member_id", "enrolment_id", "sponsorship_id", "sponsor_id")


def migrate(db: Database) -> None:
    for column in PARENT_KEYS:
        db.execute(
            f"CREATE INDEX IF NOT EXISTS merge_conflicts_by_parent_{column} ON merge_conflicts("
            f"table_name, json_extract(incoming, '$.{column}')) "
            "WHERE kind = 'dependent' AND status = 'open'")
