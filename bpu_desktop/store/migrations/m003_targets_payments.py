"""Targets (per year, area, kind), payments, follow-up contacts, and the dashboard indexes."""

from __future__ import annotations

from sqlite_utils import Database

from ..clock import seed_id, utc_now
from .common import RECORD_COLUMNS_SQL as R

# The article (seed/antara-bpjs-surakarta-bpu.txt): +63,339 BPU and +58,938 PU participants
# for Solo and Wonogiri in a year; Solo's BPU potential 70,463 of which about 30% covered.
# Seeded for the working year 2026 (the article's figures were reported for 2024); users
# edit them or copy them to other years on the Target page.
SEED_YEAR = 2026
SOLO_POTENTIAL = 70_463
SOLO_COVERED = round(SOLO_POTENTIAL * 0.30)  # "sekitar 30%": 21,139
SEED_TARGETS = (
    # key, kind, area, target, potential, covered_before, note
    ("bpu-cabang", "BPU", "cabang", 63_339, None, None,
     "Target BPU Solo dan Wonogiri (ANTARA, angka 2024)"),
    ("pu-cabang", "PU", "cabang", 58_938, None, None,
     "Target PU Solo dan Wonogiri (ANTARA, angka 2024)"),
    ("bpu-33.72", "BPU", "33.72", None, SOLO_POTENTIAL, SOLO_COVERED,
     "Potensi BPU Kota Surakarta 70.463, tercakup sekitar 30% (ANTARA)"),
)


def migrate(db: Database) -> None:
    ex = db.execute
    ex(f"""CREATE TABLE targets ({R},
        year INTEGER NOT NULL, kind TEXT NOT NULL DEFAULT 'BPU',
        area_code TEXT NOT NULL, segment TEXT, officer TEXT,
        target INTEGER, potential INTEGER, covered_before INTEGER,
        monthly TEXT, note TEXT NOT NULL DEFAULT '')""")
    ex("CREATE UNIQUE INDEX targets_live_key ON targets(year, kind, area_code, "
       "ifnull(segment, ''), ifnull(officer, '')) WHERE deleted_at IS NULL")
    ex(f"""CREATE TABLE payments ({R},
        member_id TEXT NOT NULL REFERENCES members(id),
        enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
        from_month TEXT NOT NULL, months INTEGER NOT NULL, to_month TEXT NOT NULL,
        amount INTEGER NOT NULL, paid_on TEXT NOT NULL, channel TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '')""")
    ex("CREATE INDEX payments_by_member ON payments(member_id, paid_on) "
       "WHERE deleted_at IS NULL")
    ex("CREATE INDEX payments_by_date ON payments(paid_on) WHERE deleted_at IS NULL")
    ex(f"""CREATE TABLE followup_contacts ({R},
        member_id TEXT REFERENCES members(id), sponsorship_id TEXT,
        reason TEXT NOT NULL, state TEXT NOT NULL DEFAULT '',
        contacted_on TEXT NOT NULL, note TEXT NOT NULL DEFAULT '')""")
    ex("CREATE INDEX followup_by_member ON followup_contacts(member_id, contacted_on) "
       "WHERE deleted_at IS NULL")
    ex("CREATE INDEX followup_by_sponsorship ON followup_contacts(sponsorship_id, "
       "contacted_on) WHERE deleted_at IS NULL")
    # Dashboard and follow-up at a million members. Each index ends with deleted_at so it
    # covers its queries (SQLite does not count a column used only in the partial-index
    # WHERE as covered): status counts and the follow-up list are ranges on paid_until
    # (listed in (paid_until, member_id) order, no sort); per-area status counts use
    # (kecamatan, paid_until); period counts by area/segment/officer scan
    # (enrolled_on, kecamatan, segment, created_by) without touching the table.
    ex("CREATE INDEX enrolments_status ON enrolments(paid_until, member_id, deleted_at) "
       "WHERE deleted_at IS NULL")
    ex("CREATE INDEX enrolments_status_by_area ON enrolments(kecamatan_code, paid_until, "
       "deleted_at) WHERE deleted_at IS NULL")
    ex("CREATE INDEX enrolments_period_area_segment ON enrolments(enrolled_on, "
       "kecamatan_code, segment, created_by, deleted_at) WHERE deleted_at IS NULL")
    _seed(db)


def _seed(db: Database) -> None:
    now = utc_now()
    common = {"created_at": now, "updated_at": now, "created_by": "sistem",
              "updated_by": "sistem", "origin": "seed", "version": 1}
    db.table("targets").insert_all(
        {**common, "id": seed_id("target", f"{SEED_YEAR}:{key}"), "year": SEED_YEAR,
         "kind": kind, "area_code": area, "segment": None, "officer": None,
         "target": target, "potential": potential, "covered_before": covered,
         "monthly": None, "note": note}
        for key, kind, area, target, potential, covered, note in SEED_TARGETS
    )
