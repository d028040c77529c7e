"""Demo files the benchmarks need, built once and cached in benchmarks/.cache/.

The cache key holds the size, the seed, the schema (migration names) and DATASET_VERSION,
so a new migration or a change to the demo generator builds a fresh file.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import time
from datetime import date
from pathlib import Path

from bpu_desktop.store.database import open_store
from bpu_desktop.store.demo import generate_demo
from bpu_desktop.store.migrations import known_migration_names
from bpu_desktop.store.progress import Progress

CACHE = Path(__file__).resolve().parent / ".cache"
DATASET_VERSION = 4  # 2: demo files audit their enrolments too; 3: events convert;
# 4: the city and regency sponsors have their area
SEED = 2026
OFFICER = "Petugas Benchmark"


def _key(members: int) -> str:
    schema = hashlib.sha1(",".join(known_migration_names()).encode()).hexdigest()[:8]
    return f"demo-{members}-s{SEED}-v{DATASET_VERSION}-{schema}"


def demo_file(members: int) -> Path:
    """The cached demo file with ``members`` members (built when missing)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{_key(members)}.db"
    if path.exists():
        return path
    for stale in CACHE.glob(f"demo-{members}-*"):  # older schema: files, WAL, backups
        if stale.is_dir():
            shutil.rmtree(stale)
        else:
            stale.unlink()
    tmp = path.with_suffix(".building")
    for leftover in CACHE.glob(tmp.name + "*"):
        leftover.unlink()
    print(f"Building the {members:,}-member demo file (once, kept in {CACHE}) ...",
          file=sys.stderr)
    started = time.monotonic()
    store = open_store(tmp)
    store.acting_as = OFFICER
    tty = sys.stderr.isatty()

    def report(done: int, total: int, text: str) -> None:
        if tty:
            print(f"\r  {done:,}/{total:,}", end="", file=sys.stderr, flush=True)

    generate_demo(store, members, seed=SEED, today=date.today(),
                  progress=Progress(report=report))
    store.set_officer(OFFICER)  # no first-start dialog when the window opens on it
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    if tty:
        print(file=sys.stderr)
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    tmp.rename(path)
    print(f"  done in {time.monotonic() - started:.0f} s.", file=sys.stderr)
    return path


def work_copy(members: int, work_dir: Path, name: str) -> Path:
    """A private copy of the demo file for benchmarks that write."""
    source = demo_file(members)
    dest = work_dir / f"{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(dest) + suffix).unlink(missing_ok=True)
    shutil.copyfile(source, dest)
    return dest
