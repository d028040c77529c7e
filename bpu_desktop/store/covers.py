"""Who pays a member's months besides the member: live sponsorships, and the enrolment's
`covered_until` that status is counted from.

A cover is an assignment of a live sponsorship: a `sponsorship_members` row, or the desk's
`enrolments.sponsorship_id` for a worker enrolled straight into a pledge (both read
through the `sponsored_members` view), whose sponsorship is not deleted. The months it
covers (`domain.sponsorship.assignment_cover`: its months within the sponsorship's) are
the sponsor's to pay; they count as paid only when they continue the member's own months
without a gap (`domain.status.covered_through`).

`enrolments.covered_until` keeps, per enrolment, the end of the covers that continue its
`paid_until` (NULL when none does), so the status counts stay index range counts at a
million members (see `progress_stats.status_counts`). It depends on the covers and on
`paid_until`: every write that changes either (an assignment, a pledge, a payment, the
desk's edit, a merge, a conflict decision) brings it in line for the members concerned,
in the same transaction (`refresh_covers`, or `covered_until_for` folded into the write);
the update is audited and versioned like every write, so merges carry it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from bpu_desktop.domain.months import format_month, parse_month
from bpu_desktop.domain.sponsorship import Cover, assignment_cover
from bpu_desktop.domain.status import covered_through

from .database import Store
from .records import update_record

_CHUNK = 500
_LIVE_COVERS = (
    "SELECT sm.member_id, sm.sponsorship_id, coalesce(s.name, ''), sm.from_month, "
    "sm.to_month, sp.start_month, sp.end_month, sp.funding FROM sponsored_members sm "
    "JOIN sponsorships sp ON sp.id = sm.sponsorship_id AND sp.deleted_at IS NULL "
    "LEFT JOIN sponsors s ON s.id = sp.sponsor_id")


def live_covers(conn: sqlite3.Connection,
                member_ids: Sequence[str] | None = None) -> dict[str, list[Cover]]:
    """Live covers by member: of the given members, or of every member that has one."""
    rows: list[tuple[str, str, str, str, str, str, str, str]] = []
    if member_ids is None:
        rows = conn.execute(_LIVE_COVERS).fetchall()
    else:
        ids = list(dict.fromkeys(member_ids))
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            rows += conn.execute(
                f"{_LIVE_COVERS} WHERE sm.member_id IN ({','.join('?' * len(chunk))})",
                chunk).fetchall()
    result: dict[str, list[Cover]] = {}
    for member_id, sponsorship_id, name, start, end, pledge_start, pledge_end, funding in rows:
        try:
            cover = assignment_cover(
                sponsorship_id, name, assigned=(parse_month(start), parse_month(end)),
                pledge=(parse_month(pledge_start), parse_month(pledge_end)), funding=funding)
        except ValueError:  # damaged months: no cover can be read from them
            continue
        if cover is not None:
            result.setdefault(member_id, []).append(cover)
    return result


def covered_until_text(covers: Iterable[Cover], paid_until: str) -> str | None:
    """The stored form of `covered_until` ("YYYY-MM"; None when no cover continues the
    member's own months, paid to `paid_until`, "YYYY-MM")."""
    month = covered_through(parse_month(paid_until), covers)
    return format_month(month) if month is not None else None


def covered_until_for(conn: sqlite3.Connection, member_id: str, paid_until: str, *,
                      leaving: str | None = None) -> str | None:
    """`covered_until` of the member's live enrolment once its own months run to
    `paid_until`, for a write that changes the one or the other to fold in its own update;
    `leaving`: a sponsorship no longer counted (being unassigned)."""
    covers = [c for c in live_covers(conn, [member_id]).get(member_id, [])
              if c.sponsorship_id != leaving]
    return covered_until_text(covers, paid_until)


def _covered_or_stored(conn: sqlite3.Connection) -> list[str]:
    """Members with a live cover or a stored `covered_until`."""
    return [r[0] for r in conn.execute(
        "SELECT member_id FROM sponsored_members UNION SELECT member_id "
        "FROM enrolments WHERE covered_until IS NOT NULL AND deleted_at IS NULL")]


def fill_covered_until(conn: sqlite3.Connection) -> None:
    """Set `covered_until` of every live enrolment from the live covers and its
    `paid_until`, unaudited: for migration m013 only (see there why) and the demo's bulk
    load. A file without any sponsorship (every new file) is left untouched: no query, no
    index use, so closing it has nothing new to ANALYZE (`PRAGMA optimize`)."""
    if conn.execute("SELECT 1 FROM sponsorships LIMIT 1").fetchone() is None:
        return
    ids = _covered_or_stored(conn)
    covers = live_covers(conn, ids)
    values = []
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        values += [(covered_until_text(covers.get(member_id, []), paid_until), enrolment_id)
                   for enrolment_id, member_id, paid_until in conn.execute(
                       "SELECT id, member_id, paid_until FROM enrolments WHERE deleted_at IS "
                       f"NULL AND member_id IN ({','.join('?' * len(chunk))})", chunk)]
    conn.executemany("UPDATE enrolments SET covered_until = ? WHERE id = ? "
                     "AND covered_until IS NOT ?", [(v, e, v) for v, e in values])


def refresh_covers(store: Store, member_ids: Iterable[str] | None = None, *,
                   source: str = "form") -> int:
    """Bring `covered_until` of these members' live enrolments (None: every member with a
    cover or a stored value) in line with their live covers and their `paid_until`, in one
    transaction; audited updates of the enrolments whose value changes. Returns how many
    changed."""
    conn = store.conn
    with store.write():
        ids = _covered_or_stored(conn) if member_ids is None else list(dict.fromkeys(member_ids))
        covers = live_covers(conn, ids)
        changed = 0
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            for enrolment_id, member_id, paid_until, stored in conn.execute(
                    "SELECT id, member_id, paid_until, covered_until FROM enrolments "
                    "WHERE deleted_at IS NULL "
                    f"AND member_id IN ({','.join('?' * len(chunk))})", chunk).fetchall():
                value = covered_until_text(covers.get(member_id, []), paid_until)
                if value != stored:
                    update_record(store, "enrolments", enrolment_id, {"covered_until": value},
                                  source=source)
                    changed += 1
        return changed
