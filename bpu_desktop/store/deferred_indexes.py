"""Build a table's plain indexes after a bulk insert instead of during it.

Inserting 100,000 rows into a small table costs far more in its secondary indexes (random
NIK, name and status keys split pages all over each B-tree) than sorting the keys once:
`CREATE INDEX` over the whole table is ~0.07 s per index for 100,000 rows, the same keys
inserted one by one ~0.3-0.5 s. That holds while the table is small next to what is
added; on a 1,000,000-row file rebuilding would cost more than it saves, so the indexes
stay. Unique indexes always stay: they enforce rules (one live NIK, one enrolment per
member), and the import looks NIKs up while it writes.

Runs inside the caller's transaction: the drop and the rebuild are part of it, so a
rollback (an error, a cancel) leaves every index as it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping

from .database import Store


def _smaller_than(store: Store, table: str, rows: int) -> bool:
    """True when `table` holds fewer than `rows` rows; reads at most `rows` of them."""
    held = store.conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT ?)",
                              (rows,)).fetchone()[0]
    return bool(held < rows)


# A bulk insert writes live rows only: an index of the deleted rows (m015) gets none of
# them, and rebuilding it would read the whole table for nothing.
_DELETED_ONLY = "WHERE deleted_at IS NOT NULL"


def _plain_indexes(store: Store, table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of `table`'s non-unique indexes made by the schema that
    new live rows go into."""
    rows = store.conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL ORDER BY name", (table,)).fetchall()
    unique = {r[1] for r in store.conn.execute(f"PRAGMA index_list({table})") if r[2]}
    return [(name, sql) for name, sql in rows
            if name not in unique and not sql.endswith(_DELETED_ONLY)]


@contextlib.contextmanager
def deferred_indexes(store: Store, adding: Mapping[str, int]) -> Iterator[list[str]]:
    """While the block inserts about `adding[table]` rows into each table, drop the plain
    indexes of those tables it would at least double, and rebuild them when the block
    ends without an error. Yields the names of the indexes deferred."""
    deferred: list[tuple[str, str]] = []
    for table, rows in adding.items():
        if rows > 0 and _smaller_than(store, table, rows):
            deferred += _plain_indexes(store, table)
    for name, _ in deferred:
        store.conn.execute(f'DROP INDEX "{name}"')
    yield [name for name, _ in deferred]
    for _, sql in deferred:
        store.conn.execute(sql)
