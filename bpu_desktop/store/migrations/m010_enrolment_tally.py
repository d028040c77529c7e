"""`_enrolment_tally`: live enrolments counted per month, kecamatan, segment and officer,
kept by triggers on `enrolments` (see `store/enrolment_tally.py` for why and how it is read).

The triggers fire for every write path at once (the form, import, merge, conflict
resolution, deletes), so no caller can forget it. REPLACE is never used on `enrolments`
(its implicit delete would skip the delete trigger).
"""

from __future__ import annotations

from sqlite_utils import Database

from ..enrolment_tally import FILL, UPSERT

_KEY = "month, kecamatan_code, segment, created_by"


def _add(row: str) -> str:
    return (f"INSERT INTO _enrolment_tally ({_KEY}, n, amount) "
            f"SELECT substr({row}.enrolled_on, 1, 7), {row}.kecamatan_code, {row}.segment, "
            f"{row}.created_by, 1, {row}.amount_paid WHERE {row}.deleted_at IS NULL "
            f"{UPSERT};")


def _remove(row: str) -> str:
    return (f"UPDATE _enrolment_tally SET n = n - 1, amount = amount - {row}.amount_paid "
            f"WHERE {row}.deleted_at IS NULL AND month = substr({row}.enrolled_on, 1, 7) "
            f"AND kecamatan_code = {row}.kecamatan_code AND segment = {row}.segment "
            f"AND created_by = {row}.created_by;")


def migrate(db: Database) -> None:
    ex = db.execute
    ex(f"""CREATE TABLE _enrolment_tally (
        month TEXT NOT NULL, kecamatan_code TEXT NOT NULL, segment TEXT NOT NULL,
        created_by TEXT NOT NULL, n INTEGER NOT NULL, amount INTEGER NOT NULL,
        PRIMARY KEY ({_KEY})) WITHOUT ROWID""")
    ex(FILL)
    ex(f"CREATE TRIGGER enrolment_tally_insert AFTER INSERT ON enrolments BEGIN {_add('NEW')} END")
    ex(f"CREATE TRIGGER enrolment_tally_delete AFTER DELETE ON enrolments BEGIN {_remove('OLD')} END")
    ex("CREATE TRIGGER enrolment_tally_update AFTER UPDATE OF enrolled_on, kecamatan_code, "
       f"segment, created_by, amount_paid, deleted_at ON enrolments "
       f"BEGIN {_remove('OLD')} {_add('NEW')} END")
