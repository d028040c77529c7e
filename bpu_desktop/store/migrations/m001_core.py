"""Foundation: file identity, reference data, areas, segments, members, enrolments, audit."""

from __future__ import annotations

import json

from sqlite_utils import Database

from bpu_desktop.domain.regions import default_kelurahan
from bpu_desktop.domain.seed import load_seed
from bpu_desktop.domain.segments import default_segments

from ..clock import seed_id, utc_now
from .common import RECORD_COLUMNS_SQL as R


def migrate(db: Database) -> None:
    ex = db.execute
    ex("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    ex("""CREATE TABLE reference (
        key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL DEFAULT '')""")
    ex(f"CREATE TABLE segments ({R}, code TEXT NOT NULL, name TEXT NOT NULL, "
       "sector TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1)")
    ex("CREATE UNIQUE INDEX segments_live_code ON segments(code) WHERE deleted_at IS NULL")
    ex(f"CREATE TABLE kelurahan ({R}, kecamatan_code TEXT NOT NULL, name TEXT NOT NULL)")
    ex("CREATE INDEX kelurahan_by_kecamatan ON kelurahan(kecamatan_code, name)")
    ex(f"""CREATE TABLE members ({R},
        nik TEXT NOT NULL, name TEXT NOT NULL COLLATE NOCASE, sex TEXT NOT NULL, birth_date TEXT NOT NULL,
        phone TEXT NOT NULL DEFAULT '', kecamatan_code TEXT NOT NULL DEFAULT '',
        kelurahan TEXT NOT NULL DEFAULT '', address TEXT NOT NULL DEFAULT '',
        kpj TEXT)""")
    ex("CREATE UNIQUE INDEX members_live_nik ON members(nik) WHERE deleted_at IS NULL")
    ex("CREATE INDEX members_by_name ON members(name) WHERE deleted_at IS NULL")
    ex("CREATE INDEX members_by_kecamatan ON members(kecamatan_code, name) WHERE deleted_at IS NULL")
    ex(f"""CREATE TABLE enrolments ({R},
        member_id TEXT NOT NULL REFERENCES members(id),
        segment TEXT NOT NULL, sector TEXT NOT NULL, income INTEGER NOT NULL,
        with_jht INTEGER NOT NULL DEFAULT 0, funding TEXT NOT NULL,
        months_paid INTEGER NOT NULL, amount_paid INTEGER NOT NULL DEFAULT 0,
        start_month TEXT NOT NULL, paid_until TEXT NOT NULL, enrolled_on TEXT NOT NULL,
        kecamatan_code TEXT NOT NULL DEFAULT '',
        event_id TEXT, sponsorship_id TEXT, status TEXT NOT NULL DEFAULT 'terdaftar')""")
    # One live enrolment per member: a re-enrolment updates it (and is audited).
    ex("CREATE UNIQUE INDEX enrolments_by_member ON enrolments(member_id) WHERE deleted_at IS NULL")
    ex("CREATE INDEX enrolments_by_month ON enrolments(enrolled_on) WHERE deleted_at IS NULL")
    ex("CREATE INDEX enrolments_by_event ON enrolments(event_id) WHERE deleted_at IS NULL")
    ex("CREATE INDEX enrolments_by_sponsorship ON enrolments(sponsorship_id) "
       "WHERE deleted_at IS NULL")
    ex("""CREATE TABLE audit_log (
        id TEXT PRIMARY KEY NOT NULL, at TEXT NOT NULL, officer TEXT NOT NULL DEFAULT '',
        origin TEXT NOT NULL DEFAULT '', table_name TEXT NOT NULL, row_id TEXT NOT NULL,
        action TEXT NOT NULL, old TEXT, new TEXT, source TEXT NOT NULL DEFAULT 'form')""")
    ex("CREATE INDEX audit_by_row ON audit_log(table_name, row_id, at)")
    ex("CREATE INDEX audit_by_time ON audit_log(at)")
    _seed(db)


def _seed(db: Database) -> None:
    now = utc_now()
    common = {"created_at": now, "updated_at": now, "created_by": "sistem",
              "updated_by": "sistem", "origin": "seed", "version": 1}
    db.execute(
        "INSERT INTO reference(key, value, updated_at, updated_by) VALUES (?, ?, ?, 'sistem')",
        ("rates", json.dumps(load_seed("reference"), ensure_ascii=False), now),
    )
    db.table("segments").insert_all(
        {**common, "id": seed_id("segment", s.code), "code": s.code, "name": s.name,
         "sector": s.sector, "active": 1}
        for s in default_segments()
    )
    db.table("kelurahan").insert_all(
        {**common, "id": seed_id("kelurahan", f"{k.kecamatan_code}:{k.name}"),
         "kecamatan_code": k.kecamatan_code, "name": k.name}
        for k in default_kelurahan()
    )
