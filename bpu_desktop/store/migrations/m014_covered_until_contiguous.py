"""`enrolments.covered_until` again, by the rule that sponsored months count only when they
continue the member's own months without a gap (`domain.status.covered_through`).

Files upgraded by m013 hold the end of every live cover, so a member with unpaid months
before a later pledge still shows as paid to its end until a payment, an edit, an
assignment or a merge touches them. The value is derived from rows every copy of the file
holds (the enrolment's paid_until, assignments and sponsorships), so, as in m013, it is
written without a new version or audit row: every laptop computes the same value.
"""

from __future__ import annotations

from sqlite_utils import Database

from ..covers import fill_covered_until


def migrate(db: Database) -> None:
    fill_covered_until(db.conn)
