"""`enrolments.covered_until`: the last month a live sponsorship pays for the member.

Months a sponsor covers are the sponsor's to pay, not the member's arrears
(`domain.status.paid_through`): status is counted from the later of `paid_until` and
`covered_until`. The store keeps the value whenever an assignment, a sponsorship or the
desk's sponsor link changes (`store/covers.py`, `refresh_covers`), in the same audited
transaction; NULL for the self-paying majority.

`enrolments_covered` holds only the covered rows (partial on IS NOT NULL): an ordinary
enrolment save writes no more B-trees than before, and the status counts correct their
paid_until range counts with one small covering scan of it.

The fill here is derived from rows every copy of the file holds (assignments and
sponsorships), so every laptop computes the same value on upgrade: it is written without
a new version or audit row. Bumping the versions would make two upgraded laptops hold two
different revisions of the same enrolments, and their next edits would meet as conflicts.
"""

from __future__ import annotations

from sqlite_utils import Database

from ..covers import fill_covered_until


def migrate(db: Database) -> None:
    db.execute("ALTER TABLE enrolments ADD COLUMN covered_until TEXT")
    fill_covered_until(db.conn)
    db.execute("CREATE INDEX enrolments_covered ON enrolments(covered_until, paid_until, "
               "kecamatan_code, member_id, deleted_at) "
               "WHERE covered_until IS NOT NULL AND deleted_at IS NULL")
    # ALTER TABLE reloads the schema, and with it SQLite forgets that this connection
    # queried `_sqlite_migrations` (to find the pending steps): `PRAGMA optimize` on close
    # would skip it, and analyze it on the next open instead, so a file merely opened and
    # closed (a refused merge) would change. Analyze it now, as closing would have.
    db.execute("ANALYZE _sqlite_migrations")
