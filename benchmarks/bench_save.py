"""Save one enrolment (validate, write member + enrolment + audit, durable) on the big file,
p95 over 500 saves, against one raw INSERT of the member row in its own transaction with
the same durability (WAL, synchronous=FULL)."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date, timedelta

from bpu_desktop.domain.validation import EnrolmentInput
from bpu_desktop.store.clock import utc_now
from bpu_desktop.store.database import open_store
from bpu_desktop.store.members import MemberRepository
from bpu_desktop.store.reference import validate_enrolment_input

from .datasets import work_copy
from .harness import Context, Result, median, p95, peak_mb, raw_connection, reset_peak, timed_ms

SAVES = 500


def _nik(i: int, serial: int) -> str:
    born = date(1980, 1, 1) + timedelta(days=i)
    return f"337201{born.day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def _free_niks(raw: sqlite3.Connection, serial: int, count: int) -> list[str]:
    """`count` valid NIKs nobody in the demo file has (checked before timing starts)."""
    found: list[str] = []
    i = 0
    while len(found) < count:
        nik = _nik(i, serial)
        if raw.execute("SELECT 1 FROM members WHERE nik = ?", (nik,)).fetchone() is None:
            found.append(nik)
        i += 1
    return found


def run(ctx: Context) -> list[Result]:
    path = work_copy(ctx.members, ctx.work_dir, "save")
    store = open_store(path)
    repo = MemberRepository(store)
    raw = raw_connection(path)
    today = date.today()
    ours_ms: list[float] = []
    base_ms: list[float] = []
    ours_niks, raw_niks = _free_niks(raw, 9501, SAVES), _free_niks(raw, 9601, SAVES)
    reset_peak()
    for i in range(SAVES):
        entry = EnrolmentInput(
            nik=ours_niks[i], name="Sri Wahyuni", phone="0812 3456 7890",
            kecamatan="Laweyan", kelurahan="Pajang", address="RT 001/RW 002", segment="umkm",
            income="1.500.000", with_jht="Ya", funding="Mandiri", months_paid=3,
            start_month=today, enrolled_on=today)

        def ours(entry: EnrolmentInput = entry) -> None:
            result = validate_enrolment_input(store, entry, today=today)
            assert result.value is not None, result.errors
            repo.enrol(result.value)

        now = utc_now()
        row = (str(uuid.uuid4()), now, now, "Petugas", "Petugas", "raw", raw_niks[i],
               "Sri Wahyuni", "P", "1980-01-01", "081234567890", "33.72.01", "Pajang",
               "RT 001/RW 002", None)

        def baseline(row: tuple[object, ...] = row) -> None:
            raw.execute("BEGIN IMMEDIATE")
            raw.execute(
                "INSERT INTO members (id, created_at, updated_at, created_by, updated_by,"
                " origin, nik, name, sex, birth_date, phone, kecamatan_code, kelurahan,"
                " address, kpj) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
            raw.execute("COMMIT")

        ours_ms.append(timed_ms(ours))
        base_ms.append(timed_ms(baseline))
    peak = peak_mb()
    store.close()
    raw.close()
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    result = Result(
        f"save one enrolment, p95 of {SAVES}", ours_ms=p95(ours_ms), baseline_ms=p95(base_ms),
        peak_mb=peak, note=f"median ours {median(ours_ms):.1f} ms, baseline {median(base_ms):.1f} ms")
    return [result.judge(max_ratio=3.0)]
