"""Outreach events, partners, sponsors, sponsorships and the workers they pay for.

Lists inside an event (partners, target segments, officers present) are JSON arrays of
text: they travel with the event row when files merge. Partner names are also kept in
`partners` so a name typed once is offered again.

Who is sponsored for which months lives in `sponsorship_members` (one row per member per
sponsorship, with its months). The enrolment desk sets `enrolments.sponsorship_id` for a
worker enrolled straight into a sponsorship; the view `sponsored_members` counts those too
(for the sponsorship's whole period) so there is one answer to "who does it pay for".
"""

from __future__ import annotations

from sqlite_utils import Database

from bpu_desktop.domain.events import DEFAULT_PARTNERS

from ..clock import seed_id, utc_now
from .common import RECORD_COLUMNS_SQL as R


def migrate(db: Database) -> None:
    ex = db.execute
    ex(f"""CREATE TABLE events ({R},
        held_on TEXT NOT NULL, time TEXT NOT NULL DEFAULT '',
        kecamatan_code TEXT NOT NULL DEFAULT '', kelurahan TEXT NOT NULL DEFAULT '',
        venue TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL,
        partners TEXT NOT NULL DEFAULT '[]', segments TEXT NOT NULL DEFAULT '[]',
        officers TEXT NOT NULL DEFAULT '[]', attendees INTEGER NOT NULL DEFAULT 0,
        notes TEXT NOT NULL DEFAULT '')""")
    ex("CREATE INDEX events_by_date ON events(held_on) WHERE deleted_at IS NULL")
    ex("CREATE INDEX events_by_kecamatan_date ON events(kecamatan_code, held_on) "
       "WHERE deleted_at IS NULL")
    ex(f"CREATE TABLE partners ({R}, name TEXT NOT NULL COLLATE NOCASE)")
    ex("CREATE UNIQUE INDEX partners_live_name ON partners(name) WHERE deleted_at IS NULL")
    ex(f"""CREATE TABLE sponsors ({R},
        name TEXT NOT NULL COLLATE NOCASE, type TEXT NOT NULL, npp TEXT NOT NULL DEFAULT '',
        contact_person TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',
        kecamatan_code TEXT NOT NULL DEFAULT '', kelurahan TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '')""")
    ex("CREATE INDEX sponsors_by_name ON sponsors(name) WHERE deleted_at IS NULL")
    ex(f"""CREATE TABLE sponsorships ({R},
        sponsor_id TEXT NOT NULL REFERENCES sponsors(id),
        pledged INTEGER NOT NULL DEFAULT 10, package TEXT NOT NULL DEFAULT 'jkk_jkm',
        start_month TEXT NOT NULL, end_month TEXT NOT NULL,
        funding TEXT NOT NULL DEFAULT 'sponsor', sector TEXT NOT NULL DEFAULT 'non_transport',
        income INTEGER NOT NULL DEFAULT 1000000, notes TEXT NOT NULL DEFAULT '')""")
    ex("CREATE INDEX sponsorships_by_sponsor ON sponsorships(sponsor_id, start_month) "
       "WHERE deleted_at IS NULL")
    ex("CREATE INDEX sponsorships_by_end ON sponsorships(end_month) WHERE deleted_at IS NULL")
    ex(f"""CREATE TABLE sponsorship_members ({R},
        sponsorship_id TEXT NOT NULL REFERENCES sponsorships(id),
        member_id TEXT NOT NULL REFERENCES members(id),
        from_month TEXT NOT NULL, to_month TEXT NOT NULL)""")
    ex("CREATE INDEX sponsorship_members_by_sponsorship ON "
       "sponsorship_members(sponsorship_id, member_id) WHERE deleted_at IS NULL")
    ex("CREATE INDEX sponsorship_members_by_member ON sponsorship_members(member_id, from_month) "
       "WHERE deleted_at IS NULL")
    ex("""CREATE VIEW sponsored_members AS
        SELECT sm.sponsorship_id, sm.member_id, sm.from_month, sm.to_month, sm.id AS link_id
          FROM sponsorship_members sm
          JOIN members m ON m.id = sm.member_id AND m.deleted_at IS NULL
         WHERE sm.deleted_at IS NULL
        UNION ALL
        SELECT e.sponsorship_id, e.member_id, s.start_month, s.end_month, NULL
          FROM enrolments e
          JOIN sponsorships s ON s.id = e.sponsorship_id AND s.deleted_at IS NULL
         WHERE e.deleted_at IS NULL AND e.sponsorship_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM sponsorship_members sm
                            WHERE sm.sponsorship_id = e.sponsorship_id
                              AND sm.member_id = e.member_id AND sm.deleted_at IS NULL)""")
    now = utc_now()
    db.table("partners").insert_all(
        {"id": seed_id("partner", name), "created_at": now, "updated_at": now,
         "created_by": "sistem", "updated_by": "sistem", "origin": "seed", "version": 1,
         "name": name}
        for name in DEFAULT_PARTNERS
    )
