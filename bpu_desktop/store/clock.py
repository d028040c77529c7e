"""Identifiers and timestamps shared by every record table."""

from __future__ import annotations

import os
import threading
import time
from datetime import UTC, datetime

# Seed rows (segments, kelurahan), and a desa users add (its natural key, store/kelurahan.py),
# get the same id on every laptop, so merges match them.
SEED_NAMESPACE = "6f1c2a7e-4b0d-4c7b-9a51-3b2f8f1d9e10"


_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}
_lock = threading.Lock()
_last = [0, -1]  # the millisecond and counter of the last key made here


def new_id() -> str:
    """A new row's key: a version-7 UUID (RFC 9562)."""
    return new_ids(1)[0]


def new_ids(n: int) -> list[str]:
    """`n` version-7 UUIDs as text: the current millisecond, a 12-bit counter, then 62
    random bits.

    Time-ordered keys land on the last pages of their indexes instead of random ones, so a
    save writes fewer pages and a big file reads fewer from disk; still globally unique, so
    officers' files merge as before. The counter (RFC 9562, method 1) keeps the keys this
    process makes in the order it made them, also within one millisecond: lists that
    break ties by key ("the order they were keyed") do not change between runs. Built from
    one urandom call (uuid.UUID objects cost more than the insert they name at 100,000
    rows)."""
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last[0]:
            ms, seq = _last[0], _last[1] + 1
        else:
            seq = 0
        ids: list[str] = []
        h = os.urandom(10 * n).hex()
        v = _VARIANT
        stamp = f"{ms:012x}"
        head = f"{stamp[:8]}-{stamp[8:]}-7"
        add = ids.append
        for j in range(0, 20 * n, 20):
            if seq > 0xFFF:  # 4,096 keys in one millisecond: borrow the next one
                ms, seq = ms + 1, 0
                stamp = f"{ms:012x}"
                head = f"{stamp[:8]}-{stamp[8:]}-7"
            add(f"{head}{seq:03x}-{v[h[j]]}{h[j + 1:j + 4]}-{h[j + 4:j + 16]}")
            seq += 1
        _last[:] = [ms, seq - 1]
    return ids


def short_id(key: str) -> str:
    """Eight characters that tell keys apart on screen and in file names: the end of the
    key, because a version-7 key starts with the time (keys made the same minute share
    their first eight)."""
    return key.replace("-", "")[-8:]


def seed_id(kind: str, key: str) -> str:
    # Imported here: `uuid` pulls in `platform` (~3 ms), and a start that writes nothing
    # needs no seed ids.
    import uuid

    return str(uuid.uuid5(uuid.UUID(SEED_NAMESPACE), f"{kind}:{key}"))


def utc_now() -> str:
    """ISO-8601 UTC with microseconds: sorts as text, so `updated_at` compares directly."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
