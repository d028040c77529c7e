"""Drop `enrolments_figures` (m006): it repeats `enrolments_period_area_segment` (m003)
column for column, so every enrolment insert paid for the same B-tree twice.

Measured on the import benchmark (100,000 rows, 10 indexes -> 9): one fewer index to
maintain on every save, import and merge; the figures keep the identical m003 index. The
drop happens only where the m003 twin exists, so a file never loses its covering index.
"""

from __future__ import annotations

from sqlite_utils import Database


def migrate(db: Database) -> None:
    names = {row[0] for row in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'enrolments'")}
    if "enrolments_period_area_segment" in names:
        db.execute("DROP INDEX IF EXISTS enrolments_figures")
