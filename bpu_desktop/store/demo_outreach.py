"""Demo outreach: events with partners (linked to demo enrolments of the same day and
kecamatan) and sponsors, including the Banjarsari pilot (48 companies pledging 10 workers,
three of them 11: 483 workers), each worker enrolled into the pledge during its months and
funded by it. Bulk SQL like store/demo.py: fast at a million members."""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bpu_desktop.domain.contributions import advance_payment
from bpu_desktop.domain.events import DEFAULT_PARTNERS, EVENT_KINDS
from bpu_desktop.domain.months import add_months, format_month, month_start
from bpu_desktop.domain.regions import SURAKARTA, WONOGIRI

from .clock import utc_now
from .covers import fill_covered_until
from .database import Store
from .reference import kelurahan_by_kecamatan, list_segments, load_rates

BANJARSARI = "33.72.05"
PILOT_COMPANIES = 48
PILOT_PLEDGE = 10
PILOT_ENROLLED = 483
EVENTS = 60
HISTORY_DAYS = 540

COMPANY_WORDS = ("Batik", "Tekstil", "Mebel", "Roti", "Jamu", "Percetakan", "Logistik",
                 "Konveksi", "Kerajinan", "Kuliner", "Plastik", "Elektronik")
COMPANY_NAMES = ("Sekar", "Lawu", "Bengawan", "Mangkunegaran", "Surya", "Sido Mulyo",
                 "Karya", "Sentosa", "Abadi", "Makmur", "Jaya", "Manahan", "Kadipiro",
                 "Gilingan", "Nusukan", "Sumber")
VENUES = ("Kantor Kelurahan {k}", "Pasar {k}", "Balai Warga {k}", "Pangkalan ojol {k}",
          "Pendopo Kecamatan", "Masjid {k}")
EXTRA_PARTNERS = ("Paguyuban Pedagang Pasar Klewer", "Komunitas Ojol Solo Raya",
                  "Paguyuban Supeltas Surakarta")
# The demo officers, for enrolments (store/demo.py) and events alike, so the report's
# per-officer events and conversion line up with who enrolled.
OFFICERS = ("Dwi Astuti", "Agus Setiawan", "Rina Kusumawati", "Bagus Prasetyo",
            "Siti Nurhayati", "Heru Santoso", "Yuli Lestari", "Fajar Nugroho")


@dataclass(frozen=True)
class OutreachDemoResult:
    events: int
    linked_enrolments: int
    sponsors: int
    assigned: int


def _stamp(rng: random.Random, now: str) -> dict[str, Any]:
    officer = rng.choice(OFFICERS)
    return {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "created_at": now,
            "updated_at": now, "created_by": officer, "updated_by": officer,
            "origin": "demo", "version": 1}


def add_outreach_demo(store: Store, rng: random.Random, *,
                      today: date | None = None) -> OutreachDemoResult:
    """Add demo events and sponsors to a file that already holds demo members."""
    today = today or date.today()
    now = utc_now()
    with store.write():
        events, linked = _events(store, rng, today, now)
        sponsors, assigned = _sponsors(store, rng, today, now)
    return OutreachDemoResult(events, linked, sponsors, assigned)


def _events(store: Store, rng: random.Random, today: date, now: str) -> tuple[int, int]:
    conn = store.conn
    kelurahan = kelurahan_by_kecamatan(store)
    solo = [code for code in kelurahan if code.startswith("33.72")]
    other = [code for code in kelurahan if not code.startswith("33.72")]
    segments = [s.code for s in list_segments(store)]
    partners = [*DEFAULT_PARTNERS, *EXTRA_PARTNERS]
    for name in EXTRA_PARTNERS:
        conn.execute(
            "INSERT INTO partners (id, created_at, updated_at, created_by, updated_by, origin, "
            "version, name) VALUES (:id, :created_at, :updated_at, :created_by, :updated_by, "
            ":origin, :version, :name)", {**_stamp(rng, now), "name": name})
    linked = 0
    for _ in range(EVENTS):
        code = rng.choice(solo if rng.random() < 0.7 or not other else other)
        kel = rng.choice(kelurahan[code])
        held = today - timedelta(days=rng.randrange(1, HISTORY_DAYS))
        attendees = rng.randrange(25, 160)
        row = {
            **_stamp(rng, now), "held_on": held.isoformat(),
            "time": rng.choice(("08:00", "09:00", "09:30", "13:00", "15:30", "19:30")),
            "kecamatan_code": code, "kelurahan": kel,
            "venue": rng.choice(VENUES).format(k=kel), "kind": rng.choice(list(EVENT_KINDS)),
            "partners": json.dumps(rng.sample(partners, rng.randrange(1, 4))),
            "segments": json.dumps(rng.sample(segments, min(len(segments), rng.randrange(1, 4)))),
            "officers": json.dumps(rng.sample(OFFICERS, 2)), "attendees": attendees,
            "notes": "",
        }
        conn.execute(
            f"INSERT INTO events ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})",
            row)
        # Some of that kecamatan's enrolments of the month were keyed at the event: they
        # move to its day (the same month, so their contribution months stay right) and
        # link to it, as a desk keyed at the event would have saved them. Without the
        # move a small demo has few enrolments on the very day and place, and the
        # Beranda's conversion chart shows 0% for almost every event.
        wanted = round(attendees * rng.uniform(0.15, 0.6))
        cur = conn.execute(
            "UPDATE enrolments SET event_id = ?, enrolled_on = ? WHERE id IN (SELECT id "
            "FROM enrolments WHERE enrolled_on >= ? AND enrolled_on < ? AND kecamatan_code = ? "
            "AND event_id IS NULL AND sponsorship_id IS NULL AND deleted_at IS NULL "
            "ORDER BY enrolled_on = ? DESC, id LIMIT ?)",
            (row["id"], row["held_on"], held.replace(day=1).isoformat(),
             min(_next_month(held), today + timedelta(days=1)).isoformat(), code,
             row["held_on"], wanted))
        linked += cur.rowcount
        _officers_present(conn, rng, row["id"])
    return EVENTS, linked


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _officers_present(conn: Any, rng: random.Random, event_id: str) -> None:
    """Whoever enrolled the event's attendees was there; at least two officers in all."""
    present = [r[0] for r in conn.execute(
        "SELECT created_by FROM enrolments WHERE event_id = ? GROUP BY created_by "
        "ORDER BY count(*) DESC, created_by", (event_id,))]
    others = [o for o in OFFICERS if o not in present]
    present += rng.sample(others, max(0, min(2 - len(present), len(others))))
    conn.execute("UPDATE events SET officers = ?, created_by = ?, updated_by = ? WHERE id = ?",
                 (json.dumps(present), present[0], present[0], event_id))


def _company(rng: random.Random, used: set[str]) -> str:
    while True:
        name = f"{rng.choice(('PT', 'CV', 'UD'))} {rng.choice(COMPANY_WORDS)} " \
               f"{rng.choice(COMPANY_NAMES)}"
        if name not in used:
            used.add(name)
            return name


def _insert(store: Store, table: str, row: dict[str, Any]) -> None:
    store.conn.execute(
        f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})", row)


def _sponsors(store: Store, rng: random.Random, today: date, now: str) -> tuple[int, int]:
    conn = store.conn
    this_month = month_start(today)
    banjarsari_kel = kelurahan_by_kecamatan(store).get(BANJARSARI, ["Banjarsari"])
    workers = _PilotWorkers(store, rng, today)
    used: set[str] = set()
    links: list[tuple[str, str, str, str]] = []  # sponsorship, member, from, to
    for i in range(PILOT_COMPANIES):
        sponsor = {**_stamp(rng, now), "name": _company(rng, used), "type": "swasta",
                   "npp": f"{rng.randrange(10**7, 10**8)}",
                   "contact_person": rng.choice(OFFICERS), "phone": f"0812{rng.randrange(10**7, 10**8)}",
                   "kecamatan_code": BANJARSARI, "kelurahan": rng.choice(banjarsari_kel),
                   "notes": "Pilot Banjarsari: satu perusahaan melindungi 10 pekerja BPU."}
        _insert(store, "sponsors", sponsor)
        # 12-month pledges started at different times; a few end this month (renewal due).
        start = add_months(this_month, -(11 if i % 8 == 0 else rng.randrange(0, 9)))
        end = add_months(start, 11)
        # 483 = 48 x 10 + 3: the first three companies pledged one worker more.
        pledged = PILOT_PLEDGE + (1 if i < PILOT_ENROLLED - PILOT_COMPANIES * PILOT_PLEDGE
                                  else 0)
        sponsorship = {**_stamp(rng, now), "sponsor_id": sponsor["id"], "pledged": pledged,
                       "package": "jkk_jkm", "start_month": format_month(start),
                       "end_month": format_month(end), "funding": "sponsor",
                       "sector": "non_transport", "income": 1_000_000, "notes": ""}
        _insert(store, "sponsorships", sponsorship)
        for member_id in workers.enrol(start, end, pledged, funding="sponsor"):
            links.append((sponsorship["id"], member_id, sponsorship["start_month"],
                          sponsorship["end_month"]))
    # A few other sponsors: a state enterprise (the whole branch), a zakat body of the city,
    # the regency (APBD): the last two count in their city's or regency's figures.
    others = (("PT Pertamina Patra Niaga (CSR)", "bumn", "sponsor", 25, 6, ""),
              ("Baznas Kota Surakarta", "zakat", "sponsor", 15, 12, SURAKARTA),
              ("Pemerintah Kabupaten Wonogiri (DBHCHT)", "pemda", "apbd", 2104, 3, WONOGIRI))
    for name, kind, funding, pledged, months, area in others:
        sponsor = {**_stamp(rng, now), "name": name, "type": kind, "npp": "",
                   "contact_person": rng.choice(OFFICERS), "phone": "",
                   "kecamatan_code": area, "kelurahan": "", "notes": ""}
        _insert(store, "sponsors", sponsor)
        start = add_months(this_month, -1)
        _insert(store, "sponsorships", {
            **_stamp(rng, now), "sponsor_id": sponsor["id"], "pledged": pledged,
            "package": "jkk_jkm", "start_month": format_month(start),
            "end_month": format_month(add_months(start, months - 1)), "funding": funding,
            "sector": "non_transport", "income": 1_000_000, "notes": ""})
    conn.executemany(
        "INSERT INTO sponsorship_members (id, created_at, updated_at, created_by, updated_by, "
        "origin, version, sponsorship_id, member_id, from_month, to_month) "
        "VALUES (?, ?, ?, 'demo', 'demo', 'demo', 1, ?, ?, ?, ?)",
        [(str(uuid.UUID(int=rng.getrandbits(128), version=4)), now, now, *link)
         for link in links])
    conn.executemany(
        "UPDATE enrolments SET sponsorship_id = ? WHERE member_id = ? AND deleted_at IS NULL",
        [(s, m) for s, m, _f, _t in links])
    fill_covered_until(conn)  # the months the pledges pay for (status counts from them)
    return PILOT_COMPANIES + len(others), len(links)


class _PilotWorkers:
    """Banjarsari's self-funded demo enrolments, handed to the pilot's pledges as workers
    enrolled into them: the desk would have saved them during the pledge, funded by it.

    A pledge takes the enrolments already keyed within its months first; when there are
    too few (a small demo), earlier ones are moved to a day within its months, keyed that
    day (their stamps and audit rows move with them) with their months paid from there.
    Enrolments linked to an event stay as they are (the event's day is theirs)."""

    def __init__(self, store: Store, rng: random.Random, today: date) -> None:
        self.store, self.rng, self.today = store, rng, today
        self.rates = load_rates(store)
        self.free = [tuple(r) for r in store.conn.execute(
            "SELECT id, member_id, enrolled_on FROM enrolments WHERE kecamatan_code = ? "
            "AND funding = 'self' AND sponsorship_id IS NULL AND event_id IS NULL "
            "AND deleted_at IS NULL ORDER BY enrolled_on DESC, id", (BANJARSARI,))]

    def enrol(self, start: date, end: date, wanted: int, *, funding: str) -> list[str]:
        first = start.isoformat()
        last = min(self.today, add_months(end, 1) - timedelta(days=1)).isoformat()
        within = [r for r in self.free if first <= r[2] <= last]
        before = [r for r in self.free if r[2] < first]  # latest first
        chosen = (within + before)[:wanted]
        taken = {r[0] for r in chosen}
        self.free = [r for r in self.free if r[0] not in taken]
        span = (date.fromisoformat(last) - start).days
        for enrolment_id, member_id, enrolled_on in chosen:
            day = date.fromisoformat(enrolled_on)
            if enrolled_on < first:
                day = start + timedelta(days=self.rng.randrange(span + 1))
            self._sponsor(enrolment_id, member_id, day, funding)
        return [r[1] for r in chosen]

    def _sponsor(self, enrolment_id: str, member_id: str, day: date, funding: str) -> None:
        conn = self.store.conn
        income, months, sector, with_jht, created = conn.execute(
            "SELECT income, months_paid, sector, with_jht, created_at FROM enrolments "
            "WHERE id = ?", (enrolment_id,)).fetchone()
        first = month_start(day)
        amount = advance_payment(income, first, months, sector, funding, bool(with_jht),
                                 self.rates).total
        stamp = day.isoformat() + created[10:]
        conn.execute(
            "UPDATE enrolments SET funding = ?, amount_paid = ?, enrolled_on = ?, "
            "start_month = ?, paid_until = ?, created_at = ?, updated_at = ? WHERE id = ?",
            (funding, amount, day.isoformat(), format_month(first),
             format_month(add_months(first, months - 1)), stamp, stamp, enrolment_id))
        conn.execute("UPDATE members SET created_at = ?, updated_at = ? WHERE id = ?",
                     (stamp, stamp, member_id))
        conn.execute("UPDATE audit_log SET at = ? WHERE source = 'demo' AND row_id IN (?, ?)",
                     (stamp, member_id, enrolment_id))
        conn.execute("UPDATE audit_log SET new = json_set(new, '$.funding', ?) "
                     "WHERE id = ?", (funding, f"demo:enrolments:{enrolment_id}"))
