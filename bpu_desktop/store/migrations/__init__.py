"""Numbered schema migrations, one module each (`mNNN_name.py`), applied in order.

Each module defines `def migrate(db)`; it is registered under the module name. Modules are
discovered by name, so adding a step is adding a file. A file whose applied steps include
a name this app does not know comes from a newer app and is refused (see database.py).

The names are known without importing anything: opening an up-to-date file compares them
with `_sqlite_migrations` in plain SQL, and sqlite-utils (which pulls in numpy, ~0.2 s) is
imported only when a step is really pending. That keeps it off the window's start-up.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sqlite3
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils.migrations import Migrations

SET_NAME = "bpu"
_PATTERN = re.compile(r"^m\d{3}_[a-z0-9_]+$")
_NAMES = sorted(m.name for m in pkgutil.iter_modules(__path__) if _PATTERN.match(m.name))
_registry: Migrations | None = None


def known_migration_names() -> list[str]:
    return list(_NAMES)


def migrations() -> Migrations:
    """The sqlite-utils `Migrations` with every step registered (built on first use)."""
    global _registry
    if _registry is None:
        from sqlite_utils.migrations import Migrations

        registry = Migrations(SET_NAME)
        for name in _NAMES:
            module = importlib.import_module(f"{__name__}.{name}")
            registry(name=name)(module.migrate)
        _registry = registry
    return _registry


def applied_migration_names(conn: sqlite3.Connection) -> list[str]:
    """The steps this file has, in the order they were applied (none for a new file)."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not has_table:
        return []
    return [str(r[0]) for r in conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", (SET_NAME,))]


def __getattr__(name: str) -> Any:
    if name == "MIGRATIONS":  # tests and tools that drive the steps directly
        return migrations()
    raise AttributeError(name)
