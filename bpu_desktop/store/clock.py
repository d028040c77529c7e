"""Identifiers and timestamps shared by every record table."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

# Seed rows (segments, kelurahan) get the same id on every laptop, so merges match them.
SEED_NAMESPACE = uuid.UUID("6f1c2a7e-4b0d-4c7b-9a51-3b2f8f1d9e10")


def new_id() -> str:
    return str(uuid.uuid4())


def seed_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(SEED_NAMESPACE, f"{kind}:{key}"))


def utc_now() -> str:
    """ISO-8601 UTC with microseconds: sorts as text, so `updated_at` compares directly."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
