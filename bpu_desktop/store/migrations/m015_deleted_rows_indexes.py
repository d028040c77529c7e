"""Count live members and enrolments from the B-trees' page headers (`live_counts.py`):
each table gets a small partial index of its *deleted* rows.

A `COUNT(*) ... WHERE deleted_at IS NULL` steps through every live entry of an index:
~90 ms for the members and ~170 ms for the enrolments (whose index does not cover the
column, so each entry reads its row) on the 1M benchmark file, paid by the member list's
row count after every write. A bare `COUNT(*)` of a table is answered by counting cells
per page (~25-40 ms at 1M), and the deleted rows, few, are counted on these indexes.

What they cost: nothing on a save (a new row is live, so it is not in them); a deletion
writes one more index page. Building both on the 1M file took ~0.45 s.
See live_counts.py for why they get a statistics row of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bpu_desktop.store.live_counts import TABLES, deleted_index, keep_statistics

if TYPE_CHECKING:
    from sqlite_utils import Database

def migrate(db: Database) -> None:
    for table in TABLES:
        db.execute(f"CREATE INDEX IF NOT EXISTS {deleted_index(table)} ON {table}(deleted_at) "
                   "WHERE deleted_at IS NOT NULL")
    # A file analyzed before has no statistics for them: the first close would analyze
    # both tables again (seconds at a million members).
    keep_statistics(db.conn)
