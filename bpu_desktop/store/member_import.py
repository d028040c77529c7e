"""Many enrolments in one transaction (Excel import), fast enough for 100,000 rows.

Same rows, stamps and audit entries as `MemberRepository.enrol`, written with
`executemany` in batches. Each audit row is written by SQLite from the row just inserted
(`json_object`: the same keys and values as `write_audit`'s json.dumps, without blanks),
with an id `<run>:<table>:<rowid>` as merge writes its own: unique in the file and cheap to
index. Merge's "this file once held revision R" needs only `at` = the row's updated_at and
the origin, which are unchanged. The caller's `Progress` is stepped inside the
transaction, so a cancel rolls everything back and the file stays as it was.

Where the time goes (100,000 new members into an empty file, 2-core VM): inserting the
member, enrolment and audit rows ~2.3 s, half of it the audit rows (`json_object`), building
the row tuples 0.6 s, rebuilding the plain indexes afterwards 0.9 s (`deferred_indexes`:
updating 10 random-key B-trees row by row cost ~2 s more), then the commit writes and fsyncs
~230 MB of WAL (two thirds of it audit rows, whose `new` repeats every column) and the
checkpoint copies it into the file (~1.9 s together).
The page cache size hardly matters on an empty file (2 MiB to 512 MiB within noise);
it does for random NIK and name keys going into a big file's indexes.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from bpu_desktop.domain.months import format_month
from bpu_desktop.domain.validation import CleanEnrolment, DetailsUpdate

from . import enrolment_tally
from .clock import new_ids, utc_now
from .database import Store, require_intact
from .deferred_indexes import deferred_indexes
from .members import MemberRepository, _enrolment_values, _member_values
from .progress import NO_PROGRESS, Progress

BATCH = 5_000
_CHUNK = 900  # stays under SQLite's host-parameter limit


def existing_niks(store: Store, niks: Iterable[str]) -> dict[str, str]:
    """NIK -> member id for the live members among `niks`."""
    found: dict[str, str] = {}
    items = list(dict.fromkeys(niks))
    for i in range(0, len(items), _CHUNK):
        chunk = items[i:i + _CHUNK]
        sql = ("SELECT nik, id FROM members WHERE deleted_at IS NULL AND nik IN ("
               + ",".join("?" for _ in chunk) + ")")
        found.update({r[0]: r[1] for r in store.conn.execute(sql, chunk)})
    return found


IMPORT_CACHE_KIB = -131_072  # 128 MiB page cache while importing: indexes stay in memory
_STAMP_COLUMNS = ("id", "created_at", "updated_at", "created_by", "updated_by", "origin",
                  "version", "deleted_at")
# The columns of `_member_values` and `_enrolment_values` (members.py), in their order:
# `_row_tuples` builds the same values as tuples, and checks that it still does.
MEMBER_COLUMNS = (*_STAMP_COLUMNS, "nik", "name", "sex", "birth_date", "phone",
                  "kecamatan_code", "kelurahan", "address", "kpj")
ENROLMENT_COLUMNS = (*_STAMP_COLUMNS, "member_id", "segment", "sector", "income", "with_jht",
                     "funding", "months_paid", "amount_paid", "start_month", "paid_until",
                     "enrolled_on", "kecamatan_code", "event_id", "sponsorship_id")


def _row_tuples(batch: Sequence[CleanEnrolment], member_ids: Sequence[str],
                enrolment_ids: Sequence[str], now: str, officer: str,
                origin: str) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The member and enrolment rows of `batch` with their stamps, as `MemberRepository.enrol`
    writes them (`_member_values`, `_enrolment_values`), built as tuples: two dicts per
    person cost more than the insert. The month texts are formatted once per distinct
    (start month, months paid)."""
    if batch:  # the same values as the one-by-one path, or the columns have drifted
        first = batch[0]
        assert _member_values(first) == dict(zip(MEMBER_COLUMNS[8:], _member_tail(first),
                                                 strict=True))
        assert _enrolment_values(first) == dict(zip(ENROLMENT_COLUMNS[9:],
                                                    _enrolment_tail(first, {}), strict=True))
    months: dict[tuple[date, int], tuple[str, str]] = {}
    members: list[tuple[Any, ...]] = []
    enrolments: list[tuple[Any, ...]] = []
    add_member, add_enrolment = members.append, enrolments.append
    for clean, member_id, enrolment_id in zip(batch, member_ids, enrolment_ids, strict=True):
        add_member((member_id, now, now, officer, officer, origin, 1, None,
                    *_member_tail(clean)))
        add_enrolment((enrolment_id, now, now, officer, officer, origin, 1, None, member_id,
                       *_enrolment_tail(clean, months)))
    return members, enrolments


def _member_tail(clean: CleanEnrolment) -> tuple[Any, ...]:
    nik = clean.nik
    return (nik.value, clean.name, nik.sex, nik.birth_date.isoformat(), clean.phone,
            clean.kecamatan_code, clean.kelurahan, clean.address, clean.kpj or None)


def _enrolment_tail(clean: CleanEnrolment,
                    months: dict[tuple[date, int], tuple[str, str]]) -> tuple[Any, ...]:
    key = (clean.start_month, clean.months_paid)
    texts = months.get(key)
    if texts is None:
        texts = months[key] = (format_month(key[0]), format_month(clean.paid_until))
    return (clean.segment, clean.sector, clean.income, int(clean.with_jht), clean.funding,
            clean.months_paid, clean.contribution.total, texts[0], texts[1],
            clean.enrolled_on.isoformat(), clean.kecamatan_code, clean.event_id,
            clean.sponsorship_id)


def _audit_select(table: str, columns: Sequence[str]) -> str:
    new = "json_object(" + ", ".join(f"'{c}', t.{c}" for c in columns) + ")"
    return (f"SELECT :run || ':{table}:' || printf('%012d', t.rowid), t.created_at, "
            f"t.created_by, t.origin, '{table}', t.id, 'insert', NULL, {new}, :source "
            f"FROM {table} t WHERE t.rowid > :{table}_before")


# One audit row per inserted member and enrolment, as `records.insert_record` writes them:
# action insert, at = the row's created_at, the row's officer and device, `new` = every
# inserted column (encoded by SQLite's json_object: the same keys and values as json.dumps
# gives, without the blanks). Audit ids are `<run>:<table>:<rowid>` (as merge writes its
# own): unique in the file, and appended in order instead of scattered like random UUIDs.
# One statement for both tables: it runs without Python's GIL (see `insert_batches`).
_AUDIT_SQL = ("INSERT INTO audit_log(id, at, officer, origin, table_name, row_id, action, old, "
              "new, source) " + _audit_select("members", MEMBER_COLUMNS) + " UNION ALL "
              + _audit_select("enrolments", ENROLMENT_COLUMNS))
_INSERT_SQL = {table: f"INSERT INTO {table} ({', '.join(columns)}) "
                      f"VALUES ({', '.join('?' for _ in columns)})"
               for table, columns in (("members", MEMBER_COLUMNS),
                                      ("enrolments", ENROLMENT_COLUMNS))}


def _nothing() -> None:
    pass


def insert_batches(store: Store, batches: Iterable[Sequence[CleanEnrolment]], *, source: str,
                   expected: int = 0, rows_in: Callable[[], None] = _nothing) -> int:
    """Insert each batch of new enrolments (NIKs not yet enrolled) with their audit rows;
    returns how many. Runs inside the caller's transaction (`bulk_transaction`).

    `expected` is about how many rows will come: when they at least double a table, its
    plain indexes are rebuilt at the end instead of updated row by row (`deferred_indexes`).

    `rows_in` is called once a batch's member and enrolment rows are in, just before
    SQLite writes their audit rows from them: one statement, during which Python's GIL is
    free, so the caller may run Python in another thread meanwhile (the import checks its
    next rows then). Nothing else touches Python objects until it returns.
    """
    run = new_ids(1)[0]
    inserted = 0
    adding = {"members": expected, "enrolments": expected, "audit_log": 2 * expected}
    with deferred_indexes(store, adding), enrolment_tally.appending(store):
        for batch in batches:
            inserted += _insert_batch(store, batch, run=run, source=source, rows_in=rows_in)
    return inserted


def _insert_batch(store: Store, batch: Sequence[CleanEnrolment], *, run: str, source: str,
                  rows_in: Callable[[], None]) -> int:
    conn = store.conn
    officer, origin = store.officer, store.device_id
    n = len(batch)
    if not n:
        rows_in()
        return 0
    # Sorted: each index on an id (members, enrolments, enrolments_by_member, the audit
    # rows' row_id) is appended to instead of split at random places.
    ids = sorted(new_ids(2 * n))
    members, enrolments = _row_tuples(batch, ids[:n], ids[n:], utc_now(), officer, origin)
    before = {f"{table}_before": conn.execute(
        f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0]
        for table in ("members", "enrolments")}
    conn.executemany(_INSERT_SQL["members"], members)
    conn.executemany(_INSERT_SQL["enrolments"], enrolments)
    del members, enrolments
    rows_in()
    conn.execute(_AUDIT_SQL, {"run": run, "source": source, **before})
    return n


def update_members(store: Store,
                   updates: Sequence[tuple[str, DetailsUpdate | CleanEnrolment]], *,
                   source: str, progress: Progress = NO_PROGRESS, done: int = 0,
                   total: int = 0) -> int:
    """Apply `updates` (member id, values) to the members' own details (`DetailsUpdate`:
    name, and phone, address, KPJ, kecamatan/kelurahan when given; see
    `MemberRepository.update_details`); returns how many members changed. Runs inside the
    caller's transaction."""
    repo = MemberRepository(store)
    updated = 0
    for member_id, details in updates:
        before = repo.get(member_id)
        after = repo.update_details(member_id, details, source=source)
        updated += int(before != after)
        done += 1
        if done % 500 == 0:
            progress.step(done, total, "Memperbarui peserta")
    return updated


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while building 100,000s of rows: each full collection
    walks every object alive (the sheet's cells, the plan), several times per import, and
    these loops make no reference cycles. Reference counting still frees memory at once."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def _bulk_cache(store: Store) -> Iterator[None]:
    """A bigger page cache for the import: with the default 2 MB, random-key index pages
    are evicted and re-read many times over 100,000 rows."""
    before = store.conn.execute("PRAGMA cache_size").fetchone()[0]
    store.conn.execute(f"PRAGMA cache_size = {IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        store.conn.execute(f"PRAGMA cache_size = {int(before)}")


@contextlib.contextmanager
def bulk_transaction(store: Store) -> Iterator[None]:
    """One transaction for 100,000s of rows (`store.write()`), with no cyclic garbage
    collection and a bigger page cache while it runs. A damaged file is refused before
    the first row (`require_intact`: ~2.7 s at a million members)."""
    with paused_gc(), _bulk_cache(store), store.write():
        require_intact(store.conn)
        yield


def enrol_many(store: Store, cleans: Sequence[CleanEnrolment], *, source: str,
               updates: Sequence[tuple[str, DetailsUpdate | CleanEnrolment]] = (),
               progress: Progress = NO_PROGRESS) -> tuple[int, int]:
    """Insert `cleans` (NIKs not yet enrolled) and apply `updates` (member id, values).

    Returns (inserted, updated). All or nothing.

    No import column carries a sponsorship (`column_mapping.ALIASES` has none, the row
    reader leaves it None). A caller that passes one still gets `MemberRepository.enrol`'s
    rule on a pledge's months (`SponsorRepository.refuse_outside_pledge`): the whole call
    is refused, naming the NIK.
    """
    total = len(cleans) + len(updates)

    def batches() -> Iterator[Sequence[CleanEnrolment]]:
        for start in range(0, len(cleans), BATCH):
            if start:
                progress.step(start, total, "Menyimpan peserta")
            yield cleans[start:start + BATCH]

    with bulk_transaction(store):
        _refuse_outside_pledges(store, cleans)
        inserted = insert_batches(store, batches(), source=source, expected=len(cleans))
        if inserted:
            progress.step(inserted, total, "Menyimpan peserta")
        updated = update_members(store, updates, source=source, progress=progress,
                                 done=inserted, total=total)
        progress.step(total, total, "Menyimpan")
    return inserted, updated


def _refuse_outside_pledges(store: Store, cleans: Sequence[CleanEnrolment]) -> None:
    """`SponsorRepository.refuse_outside_pledge` for the rows that carry a sponsorship."""
    sponsored = [c for c in cleans if c.sponsorship_id]
    if not sponsored:
        return
    from .errors import FieldRefusedError
    from .sponsors import SponsorRepository

    sponsors = SponsorRepository(store)
    for clean in sponsored:
        assert clean.sponsorship_id is not None
        try:
            sponsors.refuse_outside_pledge(clean.sponsorship_id, clean.start_month,
                                           clean.months_paid, clean.funding, clean.with_jht)
        except FieldRefusedError as error:
            raise FieldRefusedError(f"NIK {clean.nik.value}: {error.message}",
                                    error.field) from None
