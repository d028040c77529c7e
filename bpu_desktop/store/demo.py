"""A realistic demo file: members of Solo and Wonogiri with their enrolment, by the million.

Rows are generated in batches and written with ``executemany`` (one transaction a batch),
not through ``insert_record``: a million single inserts would take an hour. Every row still
carries the common record columns, and every member and enrolment gets an audit row (action
"insert", source "demo") like a real enrolment. Amounts come from the domain's ``advance_payment``
with this file's rates, cached per distinct (income, start month, months, sector, funding,
JHT). Deterministic for a given seed and ``today``.
"""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

from bpu_desktop.domain.contributions import advance_payment
from bpu_desktop.domain.months import add_months, format_month, month_start
from bpu_desktop.domain.regions import SURAKARTA, WONOGIRI, kecamatan_list

from .database import Store
from .demo_outreach import OFFICERS, add_outreach_demo
from .errors import StoreError
from .live_counts import keep_statistics
from .progress import NO_PROGRESS, Progress
from .reference import add_kelurahan, kelurahan_by_kecamatan, list_segments, load_rates

BATCH = 20_000
HISTORY_DAYS = 548  # 18 months of enrolments up to today

MALE_NAMES = (
    "Agus", "Bambang", "Budi", "Joko", "Slamet", "Sugeng", "Supriyadi", "Wahyu", "Eko", "Heru",
    "Hadi", "Teguh", "Sutrisno", "Suparman", "Darmanto", "Purnomo", "Sigit", "Yanto", "Gunawan",
    "Dwi", "Tri", "Andi", "Rudi", "Ahmad", "Muhammad", "Rizky", "Fajar", "Bayu", "Dimas", "Anton",
    "Arif", "Suryo", "Giyanto", "Paiman", "Sumarno", "Wagiman", "Sukirno", "Kusnadi", "Bagus",
    "Yusuf",
)
FEMALE_NAMES = (
    "Sri", "Siti", "Tri", "Dwi", "Endang", "Sumiyati", "Suparmi", "Wahyuni", "Lestari", "Ratna",
    "Yuli", "Eni", "Rina", "Dewi", "Ani", "Sukarni", "Tumini", "Painem", "Sulastri", "Wartini",
    "Nur", "Fitri", "Indah", "Ayu", "Rahma", "Putri", "Nining", "Sumarni", "Suwarni", "Mulyani",
    "Kartini", "Purwanti", "Rukmini", "Suryani", "Wulan", "Puji", "Retno", "Tutik", "Yanti", "Umi",
)
MALE_FAMILY = (
    "Santoso", "Wibowo", "Prasetyo", "Setiawan", "Susanto", "Hidayat", "Nugroho", "Saputro",
    "Kurniawan", "Purwanto", "Haryanto", "Sulistyo", "Widodo", "Raharjo", "Suharto", "Pranoto",
    "Wijaya", "Utomo", "Firmansyah", "Hartono", "Sutanto", "Riyadi", "Mulyono", "Suryanto",
)
FEMALE_FAMILY = (
    "Lestari", "Rahayu", "Wahyuni", "Astuti", "Handayani", "Susanti", "Wulandari", "Rahmawati",
    "Suryani", "Purwanti", "Hartini", "Suharti", "Ningsih", "Kusumawati", "Setyowati",
    "Pratiwi", "Sari", "Yuliani", "Utami", "Anggraini", "Marwati", "Sumarsih", "Widayati",
)
# A few desa per Wonogiri kecamatan (the shipped seed has none); names for demo use only.
WONOGIRI_DESA = {
    "33.12.01": ("Pracimantoro", "Gebangharjo", "Sumberagung", "Joho"),
    "33.12.02": ("Giritontro", "Bayemharjo", "Ngargoharjo"),
    "33.12.03": ("Giriwoyo", "Sejati", "Tirtosuworo"),
    "33.12.04": ("Batuwarno", "Selopuro", "Sumberejo"),
    "33.12.05": ("Tirtomoyo", "Hargantoro", "Sukoharjo"),
    "33.12.06": ("Nguntoronadi", "Kulurejo", "Bumiharjo"),
    "33.12.07": ("Baturetno", "Talunombo", "Glesungrejo"),
    "33.12.08": ("Eromoko", "Ngunggahan", "Sindukarto"),
    "33.12.09": ("Wuryantoro", "Pulutan Kulon", "Mojopuro"),
    "33.12.10": ("Pagutan", "Gunungan", "Bero"),
    "33.12.11": ("Kaliancar", "Jendi", "Nambangan"),
    "33.12.12": ("Giripurwo", "Giritirto", "Wuryorejo", "Bulusulur"),
    "33.12.13": ("Ngadirojo Kidul", "Kasihan", "Mlokomanis Wetan"),
    "33.12.14": ("Sidoharjo", "Kayuloko", "Tempursari"),
    "33.12.15": ("Jatiroto", "Sanggrong", "Boto"),
    "33.12.16": ("Kismantoro", "Gesing", "Pucung"),
    "33.12.17": ("Purwantoro", "Tegalrejo", "Bakalan"),
    "33.12.18": ("Bulukerto", "Domas", "Ngaglik"),
    "33.12.19": ("Slogohimo", "Watusomo", "Bulusari"),
    "33.12.20": ("Jatisrono", "Rejosari", "Tanggulangin"),
    "33.12.21": ("Jatipurno", "Slogoretno", "Balepanjang"),
    "33.12.22": ("Girimarto", "Sambirejo", "Jeblogan"),
    "33.12.23": ("Karangtengah", "Ngambarsari", "Temboro"),
    "33.12.24": ("Paranggupito", "Gunturharjo", "Johunut"),
    "33.12.25": ("Puhpelem", "Golo", "Nguneng"),
}
# Segment weights: outreach reaches traders and drivers most.
SEGMENT_WEIGHTS = {
    "umkm": 16, "ojol": 12, "pedagang_pasar": 14, "petani": 10, "buruh_tani_tembakau": 3,
    "buruh_harian_lepas": 9, "juru_parkir": 5, "kuli_angkut": 4, "pemulung": 3,
    "pekerja_rumah_tangga": 6, "sopir_kurir": 6, "supeltas": 2, "nelayan": 2,
    "pekerja_keagamaan_sosial": 3, "seniman_pekerja_lepas": 3,
}
# Declared incomes (Rupiah) near what BPU workers report: most at the Rp 1 juta floor or
# around the Solo/Wonogiri UMK (~Rp 2.1-2.4 juta). A small grid keeps the contribution cache small.
INCOMES = (1_000_000, 1_200_000, 1_500_000, 1_750_000, 2_000_000, 2_100_000, 2_250_000,
           2_400_000, 2_500_000, 3_000_000, 3_500_000, 4_000_000, 5_000_000, 7_500_000,
           10_000_000)
INCOME_WEIGHTS = (34, 4, 12, 5, 10, 5, 6, 5, 5, 5, 3, 2, 2, 1, 1)
# Sponsor/CSR funding is never drawn: a sponsor pays only for the workers it is assigned
# (demo_outreach.py turns those into sponsored enrolments). "self" keeps the share the
# sponsor draw had, so the same seed draws the same people as before.
FUNDING_WEIGHTS = {"self": 91, "apbd": 8, "apbn": 1}
MONTHS_WEIGHTS = {1: 50, 3: 25, 6: 15, 12: 10}
PHONE_PREFIXES = ("0812", "0813", "0821", "0822", "0852", "0853", "0856", "0857", "0858",
                  "0877", "0878", "0881", "0895", "0896", "0897", "0898")

_MEMBER_SQL = (
    "INSERT INTO members (id, created_at, updated_at, created_by, updated_by, origin, version,"
    " deleted_at, nik, name, sex, birth_date, phone, kecamatan_code, kelurahan, address, kpj)"
    " VALUES (?, ?, ?, ?, ?, ?, 1, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_ENROL_SQL = (
    "INSERT INTO enrolments (id, created_at, updated_at, created_by, updated_by, origin,"
    " version, deleted_at, member_id, segment, sector, income, with_jht, funding, months_paid,"
    " amount_paid, start_month, paid_until, enrolled_on, kecamatan_code, event_id,"
    " sponsorship_id, status)"
    " VALUES (?, ?, ?, ?, ?, ?, 1, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL,"
    " 'terdaftar')"
)
_AUDIT_SQL = (
    "INSERT INTO audit_log (id, at, officer, origin, table_name, row_id, action, old, new,"
    " source) VALUES (?, ?, ?, ?, ?, ?, 'insert', NULL, ?, 'demo')"
)


@dataclass(frozen=True)
class DemoResult:
    members: int
    seconds: float


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def prepare_areas(store: Store) -> dict[str, list[str]]:
    """Add the demo desa to Wonogiri's kecamatan (once) and return kelurahan by kecamatan."""
    known = kelurahan_by_kecamatan(store)
    with store.write():
        for code, names in WONOGIRI_DESA.items():
            for name in names:
                if name not in known.get(code, ()):
                    add_kelurahan(store, code, name, source="demo")
    return kelurahan_by_kecamatan(store)


def generate_demo(
    store: Store,
    members: int,
    *,
    seed: int = 1,
    today: date | None = None,
    progress: Progress = NO_PROGRESS,
    batch: int = BATCH,
) -> DemoResult:
    """Add ``members`` demo members (with enrolment and audit rows) to an empty file."""
    started = datetime.now(UTC)
    if members < 1:
        raise StoreError("Jumlah peserta demo harus minimal 1.")
    if store.conn.execute("SELECT 1 FROM members LIMIT 1").fetchone():
        raise StoreError("Berkas ini sudah berisi peserta; data demo hanya dibuat di berkas baru.")
    today = today or date.today()
    rng = random.Random(seed)
    kelurahan = prepare_areas(store)
    rows = _RowMaker(store, rng, today, kelurahan, seed=seed)
    conn = store.conn
    # Bulk load: a bigger page cache while we write; WAL + NORMAL is still crash-safe.
    conn.execute("PRAGMA cache_size = -131072")
    conn.execute("PRAGMA synchronous = NORMAL")
    try:
        done = 0
        progress.step(0, members, "Membuat data demo")
        while done < members:
            n = min(batch, members - done)
            m_rows, e_rows, a_rows = rows.batch(n)
            with store.write():
                conn.executemany(_MEMBER_SQL, m_rows)
                conn.executemany(_ENROL_SQL, e_rows)
                conn.executemany(_AUDIT_SQL, a_rows)
            done += n
            progress.step(done, members, "Membuat data demo")
        add_outreach_demo(store, rng, today=today)  # events and sponsors (issue 4)
        conn.execute("ANALYZE")
        keep_statistics(conn)
    finally:
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA cache_size = -2000")
    seconds = (datetime.now(UTC) - started).total_seconds()
    return DemoResult(members=members, seconds=seconds)


class _RowMaker:
    """Draws people and their enrolment; keeps NIKs unique with a serial per NIK prefix.

    The serials of a prefix start at a place drawn from the seed and the prefix, so two demo
    files made with different seeds rarely share a NIK (each would be a merge conflict).
    """

    def __init__(self, store: Store, rng: random.Random, today: date,
                 kelurahan: dict[str, list[str]], *, seed: int = 1) -> None:
        self.rng = rng
        self.seed = seed
        self.today = today
        self.rates = load_rates(store)
        segments = {s.code: s for s in list_segments(store)}
        self.segments = [segments[c] for c in SEGMENT_WEIGHTS if c in segments] or list(
            segments.values())
        self.segment_weights = [SEGMENT_WEIGHTS.get(s.code, 3) for s in self.segments]
        kecs = kecamatan_list()
        # Roughly 45% Solo, 55% Wonogiri; Wonogiri's kecamatan are smaller each.
        self.kecamatan = [k for k in kecs if k.city_code in (SURAKARTA, WONOGIRI)
                          and kelurahan.get(k.code)]
        self.kec_weights = [9.0 if k.city_code == SURAKARTA else 2.2 for k in self.kecamatan]
        self.kelurahan = kelurahan
        self.officers = [(name, str(uuid.UUID(int=rng.getrandbits(128), version=4)))
                         for name in OFFICERS]
        self.serials: dict[int, int] = {}
        self.cached = lru_cache(maxsize=None)(self._amount)
        self.first_day = today - timedelta(days=HISTORY_DAYS)

    def _amount(self, income: int, start: date, months: int, sector: str, funding: str,
                with_jht: bool) -> int:
        return advance_payment(income, start, months, sector, funding, with_jht,
                               self.rates).total

    def _nik(self, kec_code: str, born: date, female: bool, kec_index: int) -> str | None:
        day = born.day + (40 if female else 0)
        key = (kec_index * 100_000 + born.toordinal() % 100_000) * 2 + female
        used = self.serials.get(key, 0)
        if used >= 9999:
            return None
        self.serials[key] = used + 1
        # hash() of a tuple of ints is stable across runs (no string hashing involved).
        serial = (hash((self.seed, key)) + used) % 9999 + 1
        district = kec_code.replace(".", "")
        return f"{district}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"

    def batch(self, n: int) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]],
                                     list[tuple[Any, ...]]]:
        rng, rand, randint, choice = self.rng, self.rng.random, self.rng.randint, self.rng.choice
        kec_picks = rng.choices(range(len(self.kecamatan)), self.kec_weights, k=n)
        seg_picks = rng.choices(self.segments, self.segment_weights, k=n)
        incomes = rng.choices(INCOMES, INCOME_WEIGHTS, k=n)
        fundings = rng.choices(list(FUNDING_WEIGHTS), list(FUNDING_WEIGHTS.values()), k=n)
        months_list = rng.choices(list(MONTHS_WEIGHTS), list(MONTHS_WEIGHTS.values()), k=n)
        members, enrolments, audits = [], [], []
        for i in range(n):
            kec_index = kec_picks[i]
            kec = self.kecamatan[kec_index]
            female = rand() < 0.48
            enrolled = self.first_day + timedelta(days=int(HISTORY_DAYS * rand() ** 0.8))
            age_days = randint(18 * 365 + 200, 60 * 365)
            born = enrolled - timedelta(days=age_days)
            # The NIK is where it was issued: mostly the kecamatan they live in.
            nik_kec, nik_index = (kec, kec_index) if rand() < 0.85 else (
                self.kecamatan[kec_picks[i - 1]], kec_picks[i - 1])
            nik = self._nik(nik_kec.code, born, female, nik_index)
            while nik is None:  # 9,999 people born that day there: pick another day
                born -= timedelta(days=1)
                nik = self._nik(nik_kec.code, born, female, nik_index)
            given, family = ((choice(FEMALE_NAMES), choice(FEMALE_FAMILY)) if female
                             else (choice(MALE_NAMES), choice(MALE_FAMILY)))
            name = given if given == family else f"{given} {family}"
            phone = choice(PHONE_PREFIXES) + str(randint(10**6, 10**8 - 1))
            officer, device = self.officers[int(rand() * len(self.officers))]
            stamp = (f"{enrolled.isoformat()}T{randint(1, 9):02d}:{randint(0, 59):02d}:"
                     f"{randint(0, 59):02d}.{randint(0, 999_999):06d}Z")
            member_id, enrolment_id = _uuid(rng), _uuid(rng)
            kel = choice(self.kelurahan[kec.code])
            address = f"RT {randint(1, 12):03d}/RW {randint(1, 15):03d}"
            kpj = str(randint(10**10, 10**11 - 1)) if rand() < 0.7 else None
            members.append((member_id, stamp, stamp, officer, officer, device, nik, name,
                            "P" if female else "L", born.isoformat(), phone, kec.code, kel,
                            address, kpj))
            segment, income, funding, months = seg_picks[i], incomes[i], fundings[i], months_list[i]
            with_jht = rand() < 0.35
            start = month_start(enrolled)
            amount = self.cached(income, start, months, segment.sector, funding, with_jht)
            enrolments.append((enrolment_id, stamp, stamp, officer, officer, device, member_id,
                               segment.code, segment.sector, income, int(with_jht), funding,
                               months, amount, format_month(start),
                               format_month(add_months(start, months - 1)),
                               enrolled.isoformat(), kec.code))
            audits.append((_uuid(rng), stamp, officer, device, "members", member_id, json.dumps(
                {"nik": nik, "name": name, "kecamatan_code": kec.code,
                 "enrolment_id": enrolment_id, "segment": segment.code},
                ensure_ascii=False)))
            # The enrolment's own insert, so a merge knows every copy of this file held it
            # (without it, a payment on one copy looked like a change on two laptops). Its
            # id comes from the enrolment's, not the generator: the same seed gives the
            # same people as before this row existed.
            audits.append((f"demo:enrolments:{enrolment_id}", stamp, officer, device,
                           "enrolments", enrolment_id, json.dumps(
                               {"member_id": member_id, "segment": segment.code,
                                "funding": funding, "months_paid": months})))
        return members, enrolments, audits

