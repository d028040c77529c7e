"""Many enrolments in one transaction (Excel import), fast enough for 100,000 rows.

Same rows, stamps and audit entries as `MemberRepository.enrol`, written with
`executemany` in batches. The caller's `Progress` is stepped inside the transaction, so a
cancel rolls everything back and the file stays as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from bpu_desktop.domain.validation import CleanEnrolment

from .clock import utc_now
from .database import Store
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


# Same text as store.audit.write_audit's json.dumps(..., ensure_ascii=False, default=str),
# with the encoder built once instead of per row.
_AUDIT_JSON = json.JSONEncoder(ensure_ascii=False, default=str).encode
IMPORT_CACHE_KIB = -131_072  # 128 MiB page cache while importing: indexes stay in memory


def _new_ids(n: int) -> list[str]:
    """`n` random version-4 UUIDs as text (what clock.new_id gives), from one urandom call:
    str(uuid.uuid4()) costs more than the insert it names at 100,000 rows."""
    raw = bytearray(os.urandom(16 * n))
    ids = []
    for i in range(0, 16 * n, 16):
        raw[i + 6] = (raw[i + 6] & 0x0F) | 0x40  # version 4
        raw[i + 8] = (raw[i + 8] & 0x3F) | 0x80  # RFC 4122 variant
        h = raw[i:i + 16].hex()
        ids.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return ids


def _insert_many(store: Store, table: str, rows: list[dict[str, Any]], source: str) -> None:
    if not rows:
        return
    columns = list(rows[0])
    store.conn.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        [tuple(r.values()) for r in rows],  # every row is built with the same key order
    )
    encode = _AUDIT_JSON
    store.conn.executemany(
        "INSERT INTO audit_log(id, at, officer, origin, table_name, row_id, action, old, new, "
        "source) VALUES (?, ?, ?, ?, ?, ?, 'insert', NULL, ?, ?)",
        [(audit_id, r["created_at"], r["created_by"], r["origin"], table, r["id"], encode(r),
          source) for audit_id, r in zip(_new_ids(len(rows)), rows, strict=True)],
    )


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


def enrol_many(store: Store, cleans: Sequence[CleanEnrolment], *, source: str,
               updates: Sequence[tuple[str, CleanEnrolment]] = (),
               progress: Progress = NO_PROGRESS) -> tuple[int, int]:
    """Insert `cleans` (NIKs not yet enrolled) and apply `updates` (member id, values).

    Returns (inserted, updated). All or nothing.
    """
    total = len(cleans) + len(updates)
    done = 0
    updated = 0
    repo = MemberRepository(store)
    with _bulk_cache(store), store.write():
        officer, origin = store.officer, store.device_id
        for start in range(0, len(cleans), BATCH):
            now = utc_now()
            stamp = {"created_at": now, "updated_at": now, "created_by": officer,
                     "updated_by": officer, "origin": origin, "version": 1,
                     "deleted_at": None}
            members, enrolments = [], []
            batch = cleans[start:start + BATCH]
            ids = _new_ids(2 * len(batch))
            for k, clean in enumerate(batch):
                member_id = ids[2 * k]
                members.append({"id": member_id, **stamp, **_member_values(clean)})
                enrolments.append({"id": ids[2 * k + 1], **stamp, "member_id": member_id,
                                   **_enrolment_values(clean)})
            _insert_many(store, "members", members, source)
            _insert_many(store, "enrolments", enrolments, source)
            done += len(members)
            progress.step(done, total, "Menyimpan peserta")
        for member_id, clean in updates:
            before = repo.get(member_id)
            after = repo.update(member_id, clean, source=source)
            updated += int(before != after)
            done += 1
            if done % 500 == 0:
                progress.step(done, total, "Memperbarui peserta")
        progress.step(total, total, "Menyimpan")
    return len(cleans), updated
