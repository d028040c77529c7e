"""Read seed data shipped in ``resources/``: the only file access in the domain layer.

The store copies these values into the database on first start; from then on the database
is the source of truth and users may edit them. The domain only needs the seed as defaults.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


@lru_cache(maxsize=64)
def load_seed(name: str) -> Any:
    """Return the parsed JSON of ``resources/<name>.json`` (cached; do not mutate it)."""
    if not name.replace("_", "").isalnum():
        raise ValueError(f"Nama data awal tidak sah: {name!r}")
    with (RESOURCES / f"{name}.json").open(encoding="utf-8") as fh:
        return json.load(fh)
