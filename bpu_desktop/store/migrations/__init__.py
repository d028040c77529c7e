"""Numbered schema migrations, one module each (`mNNN_name.py`), applied in order.

Each module defines `def migrate(db)`; it is registered under the module name. Modules are
discovered by name, so adding a step is adding a file. A file whose applied steps include
a name this app does not know comes from a newer app and is refused (see database.py).
"""

from __future__ import annotations

import importlib
import pkgutil
import re

from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("bpu")
_PATTERN = re.compile(r"^m\d{3}_[a-z0-9_]+$")


def _discover() -> list[str]:
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if _PATTERN.match(m.name))
    for name in names:
        module = importlib.import_module(f"{__name__}.{name}")
        MIGRATIONS(name=name)(module.migrate)
    return names


_NAMES = _discover()


def known_migration_names() -> list[str]:
    return list(_NAMES)
