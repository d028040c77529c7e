"""Which side changed which field of an "edit" conflict (one row changed on two laptops).

The merge stores the incoming revision, not the one both sides started from. The branch
file's audit log holds its own earlier revisions of the row: walking back from the row
here, each audit entry names the revision it made (origin, `updated_at`) and its `old`
gives the values before it (a whole row for a merged update or a delete, the changed
columns for a form edit). The base is the newest of those revisions the officer's file is
known to have held:
- it was made on the officer's laptop (origin = the incoming file's device, or the
  incoming revision's origin) no later than the incoming revision: a file only moves
  forward, so the incoming revision was built on it;
- or it is a seeded row (the same on every laptop).
A revision the officer's file may have got otherwise (the officer's file started as a
copy of the branch's) cannot be told from the branch file alone: then the base is not
known and the caller keeps the branch's side as the default, as before. An older common
revision than the true one only turns "one side changed it" into "both changed it", never
the other way round, so a guess is always on the cautious side.
"""

from __future__ import annotations

import json
from typing import Any

from .conflicts import Conflict
from .database import Store
from .merge_schema import STAMP_COLUMNS

MINE, THEIRS, BOTH = "mine", "theirs", "both"  # changed in the branch / by the officer / both
_REVISION = ("version", "updated_at", "origin")


def field_changes(store: Store, conflict: Conflict) -> dict[str, str] | None:
    """For each differing field of an edit conflict, who changed it since the common
    version (MINE, THEIRS or BOTH); None when that version is not known."""
    if conflict.kind != "edit" or conflict.mine is None:
        return None
    base = base_revision(store, conflict.table_name, conflict.mine, conflict.incoming,
                         conflict.source_device)
    if base is None:
        return None
    changes = {}
    for name in conflict.differing():
        if name not in base:  # a column the history does not cover: look at it
            changes[name] = BOTH
            continue
        mine = conflict.mine.get(name) != base[name]
        theirs = conflict.incoming.get(name) != base[name]
        changes[name] = MINE if mine and not theirs else THEIRS if theirs and not mine else BOTH
    return changes


def default_picks(changes: dict[str, str] | None) -> dict[str, str]:
    """Field -> decision ("theirs") for the fields only the officer changed (`changes` from
    `field_changes`): the starting choice of a per-field decision, in the dialog and in
    `bpu conflicts --pakai per-kolom`. Every other field starts on the branch's value."""
    return {name: "theirs" for name, who in (changes or {}).items() if who == THEIRS}


def base_revision(store: Store, table: str, mine: dict[str, Any],
                  incoming: dict[str, Any], device: str) -> dict[str, Any] | None:
    """The row's values at the newest revision here the incoming file is known to have
    held (see the module doc), or None."""
    officer = {device, str(incoming.get("origin") or "")} - {""}
    until = str(incoming.get("updated_at") or "")

    def held(origin: str, updated_at: str) -> bool:
        return origin == "seed" or (origin in officer and updated_at <= until)

    current = dict(mine)
    stamps_known = True
    first = True
    for origin, at, action, old_json, new_json in store.conn.execute(
            "SELECT origin, at, action, old, new FROM audit_log "
            "WHERE row_id = ? AND table_name = ? ORDER BY rowid DESC",
            (mine["id"], table)):
        new = json.loads(new_json) if new_json else {}
        old = json.loads(old_json) if old_json else None
        if not isinstance(new, dict) or not (old is None or isinstance(old, dict)):
            return None
        if any(k in current and current[k] != v for k, v in new.items()
               if k not in STAMP_COLUMNS):
            return None  # the history does not lead to the row here: not to be trusted
        made_by = str(new.get("origin") or origin)
        if held(made_by, str(new.get("updated_at") or at)):
            # The row here itself held by the officer's file would not be a conflict: the
            # history is not what it seems.
            return None if first else current
        first = False
        if action == "insert" or old is None:
            return None  # the row's first revision, and the officer's file never had it
        if all(k in old for k in _REVISION):
            current, stamps_known = dict(old), True
        else:
            current, stamps_known = {**current, **old}, False
    # No entry made the oldest revision (a seeded row, or a file made without history).
    if (not first and stamps_known and current.get("origin") == "seed"
            and current.get("version") == 1):
        return current
    return None
