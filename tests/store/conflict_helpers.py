"""A branch file with thousands of open merge conflicts, made in about a second.

Merging real officers' files makes conflicts slowly (a few per enrolled pair); the list's
paging needs thousands. Members come from the demo generator; the conflicts are written
as a merge writes them (same columns, one row per incoming revision) with sqlite-utils:
- an "edit" of every member (the officer renamed them),
- every tenth member also enrolled again under another id with the same NIK
  ("duplicate") whose enrolment waits under it ("dependent", not a line of the list),
- a few enrolments whose member is in no file here ("dependent", loose: a line).
The first `early` edits come from an earlier merge (an earlier created_at) but are
written last, so the list's order is created_at first, then the order written.
"""

from __future__ import annotations

import json
import shutil
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bpu_desktop.store.database import Store, open_store
from bpu_desktop.store.demo import generate_demo

EARLY = "2026-05-19T09:00:00+00:00"
LATE = "2026-05-20T10:00:00+00:00"


@dataclass(frozen=True)
class Made:
    edits: int
    duplicates: int
    nested: int  # dependents under a duplicate: not lines of the list
    loose: int
    early: int

    @property
    def lines(self) -> int:
        """What the supervisor decides: every conflict but the nested dependents."""
        return self.edits + self.duplicates + self.loose


def _row(kind: str, table: str, incoming: dict[str, Any], other_id: str, file: str,
         created_at: str) -> dict[str, Any]:
    return {
        "id": uuid.uuid4().hex, "created_at": created_at, "kind": kind, "table_name": table,
        "row_id": incoming["id"], "other_id": other_id, "source_file": file,
        "source_device": f"laptop-{file[:-3]}", "incoming": json.dumps(incoming),
        "incoming_version": incoming["version"], "incoming_updated_at": incoming["updated_at"],
        "incoming_origin": incoming["origin"], "status": "open",
    }


def add_conflicts(store: Store, *, early: int = 0, loose: int = 3) -> Made:
    """Write the conflicts described in the module doc for every member of `store`."""
    db = store.db
    members = list(db["members"].rows_where(order_by="rowid"))
    enrolments = {e["member_id"]: e for e in db["enrolments"].rows_where("deleted_at is null")}
    first: list[dict[str, Any]] = []
    later: list[dict[str, Any]] = []
    duplicates = 0
    for number, member in enumerate(members):
        file = "ani.db" if number % 2 == 0 else "bayu.db"
        edited = {**member, "name": f"{member['name']} (petugas)",
                  "version": member["version"] + 1, "updated_at": "2026-05-20T09:00:00+00:00",
                  "origin": f"laptop-{file[:-3]}"}
        if number < early:
            first.append(_row("edit", "members", edited, member["id"], file, EARLY))
            continue
        later.append(_row("edit", "members", edited, member["id"], file, LATE))
        if number % 10 == 0 and member["id"] in enrolments:
            twin = {**member, "id": str(uuid.uuid4()), "name": f"{member['name']} Kembar",
                    "origin": "laptop-bayu"}
            later.append(_row("duplicate", "members", twin, member["id"], "bayu.db", LATE))
            enrolment = {**enrolments[member["id"]], "id": str(uuid.uuid4()),
                         "member_id": twin["id"], "origin": "laptop-bayu"}
            later.append(_row("dependent", "enrolments", enrolment, enrolment["id"],
                              "bayu.db", LATE))
            duplicates += 1
    some = next(iter(enrolments.values()))
    for _ in range(loose):
        orphan = {**some, "id": str(uuid.uuid4()), "member_id": str(uuid.uuid4()),
                  "origin": "laptop-cici"}
        later.append(_row("dependent", "enrolments", orphan, orphan["id"], "cici.db", LATE))
    with store.write():
        db["merge_conflicts"].insert_all(later, batch_size=1000)
        db["merge_conflicts"].insert_all(first, batch_size=1000)
    return Made(edits=len(members), duplicates=duplicates,
                nested=duplicates, loose=loose, early=early)


def branch_with_conflicts(cache: Path, dest: Path, members: int, *,
                          early: int = 0) -> tuple[Store, Made]:
    """A copy of a demo file of `members` members (made once in `cache`), with conflicts."""
    demo = cache / f"demo-{members}.db"
    if not demo.exists():
        store = open_store(demo)
        store.set_officer("Supervisor")
        generate_demo(store, members, seed=5, today=date(2026, 5, 20))
        store.close()
    shutil.copy(demo, dest)
    store = open_store(dest)
    store.set_officer("Supervisor")
    return store, add_conflicts(store, early=early)
