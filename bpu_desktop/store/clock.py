"""Identifiers and timestamps shared by every record table."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime

# Seed rows (segments, kelurahan), and a desa users add (its natural key, store/kelurahan.py),
# get the same id on every laptop, so merges match them.
SEED_NAMESPACE = "6f1c2a7e-4b0d-4c7b-9a51-3b2f8f1d9e10"


_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}


def new_id() -> str:
    """A new row's key: a version-7 UUID (RFC 9562)."""
    return new_ids(1)[0]


def new_ids(n: int) -> list[str]:
    """`n` version-7 UUIDs as text: the current millisecond, then 74 random bits.

    Time-ordered keys land on the last pages of their indexes instead of random ones, so a
    save writes fewer pages and a big file reads fewer from disk; still globally unique, so
    officers' files merge as before. Built from one urandom call (uuid.UUID objects cost
    more than the insert they name at 100,000 rows)."""
    stamp = f"{time.time_ns() // 1_000_000:012x}"
    head = f"{stamp[:8]}-{stamp[8:]}-7"
    h = os.urandom(10 * n).hex()
    v = _VARIANT
    return [f"{head}{h[j:j + 3]}-{v[h[j + 3]]}{h[j + 4:j + 7]}-{h[j + 7:j + 19]}"
            for j in range(0, 20 * n, 20)]


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
