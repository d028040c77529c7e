"""A saved record survives a crash; a crash mid-action leaves the file as it was."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from bpu_desktop.store.database import open_store
from bpu_desktop.store.durability import durability_settings
from bpu_desktop.store.records import insert_record
from tests import faultproc as fp


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data.db"
    open_store(path).close()
    return path


def test_connection_uses_wal_full_sync_foreign_keys_and_busy_timeout(db: Path) -> None:
    store = open_store(db)
    settings = durability_settings(store.conn)
    store.close()
    assert settings.journal_mode == "wal"
    assert settings.synchronous == 2  # FULL: fsync on every commit
    assert settings.foreign_keys is True
    assert settings.busy_timeout_ms >= 5000


def test_record_saved_then_process_killed_is_still_there(db: Path) -> None:
    proc = fp.start("""
        import sys, time
        from bpu_desktop.store.database import open_store
        from bpu_desktop.store.records import insert_record
        store = open_store(sys.argv[1]); store.acting_as = "uji"
        insert_record(store, "members", {"nik": "3372010101900001", "name": "Sri Lestari",
            "sex": "P", "birth_date": "1990-01-01"})
        print("saved", flush=True)
        time.sleep(60)
    """, str(db))
    fp.wait_for_line(proc, "saved")
    fp.kill(proc)  # no close, no checkpoint: the WAL alone must carry the commit
    assert fp.integrity(db) == [("ok",)]
    assert fp.scalar(db, "SELECT name FROM members WHERE nik = '3372010101900001'") == "Sri Lestari"


def test_kill_inside_a_transaction_leaves_the_file_as_it_was(db: Path) -> None:
    store = open_store(db)
    store.acting_as = "uji"
    insert_record(store, "members", {"nik": "3372010101900001", "name": "Ada",
                                     "sex": "L", "birth_date": "1990-01-01"})
    store.close()
    proc = fp.start("""
        import sys, time
        from bpu_desktop.store.database import open_store
        from bpu_desktop.store.records import insert_record, update_record
        store = open_store(sys.argv[1]); store.acting_as = "uji"
        with store.write():
            for i in range(200):
                insert_record(store, "members", {"nik": f"33720202029{i:05d}", "name": "Baru",
                    "sex": "L", "birth_date": "1990-01-01"})
            store.conn.execute("UPDATE members SET name = 'Diubah'")
            print("inside", flush=True)
            time.sleep(60)
    """, str(db))
    fp.wait_for_line(proc, "inside")
    fp.kill(proc)
    assert fp.integrity(db) == [("ok",)]
    assert fp.scalar(db, "SELECT count(*) FROM members") == 1
    assert fp.scalar(db, "SELECT name FROM members") == "Ada"
    assert fp.scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'insert'") == 1
    reopened = open_store(db)  # and the app opens it normally afterwards
    assert reopened.conn.execute("SELECT count(*) FROM members").fetchone()[0] == 1
    reopened.close()


def _kill_at_random_moments(db: Path, moments: int, rows: int, seed: int) -> list[str]:
    """Kill a bulk write at random moments; each time it is wholly there or wholly absent."""
    rng = random.Random(seed)
    started = time.monotonic()
    first = fp.run(fp.BULK_WRITE, str(db), "kalibrasi", str(rows), timeout=300)
    assert first.returncode == 0, first.stderr
    duration = time.monotonic() - started
    assert fp.batch_counts(db, "kalibrasi") == (rows, rows, 2 * rows)
    outcomes = []
    for moment in range(moments):
        batch = f"batch{moment}"
        proc = fp.start(fp.BULK_WRITE, str(db), batch, str(rows))
        fp.wait_for_line(proc, "ready")
        time.sleep(rng.uniform(0, duration))
        fp.kill(proc)
        assert fp.integrity(db) == [("ok",)], f"moment {moment}"
        counts = fp.batch_counts(db, batch)
        assert counts in {(0, 0, 0), (rows, rows, 2 * rows)}, f"moment {moment}: {counts}"
        outcomes.append("ada" if counts[0] else "tidak ada")
    assert fp.batch_counts(db, "kalibrasi") == (rows, rows, 2 * rows)
    return outcomes


def test_sigkill_during_a_bulk_write_at_random_moments(db: Path) -> None:
    outcomes = _kill_at_random_moments(db, moments=5, rows=1000, seed=8)
    assert "tidak ada" in outcomes  # at least one kill really landed mid-write


@pytest.mark.slow
def test_sigkill_during_a_large_bulk_write_twenty_moments(db: Path) -> None:
    outcomes = _kill_at_random_moments(db, moments=20, rows=8_000, seed=20)
    assert "tidak ada" in outcomes


def _kill_demo_at_random_moments(tmp_path: Path, moments: int, members: int,
                                 seed: int) -> set[int]:
    """`bpu demo` writes in batches of BATCH, each one transaction: after a SIGKILL the
    file is intact and holds whole batches only, each member with its enrolment and audit."""
    from bpu_desktop.store.demo import BATCH

    rng = random.Random(seed)
    started = time.monotonic()
    full = fp.bpu("demo", "--db", str(tmp_path / "full.db"), "--members", str(members))
    assert full.returncode == 0, full.stderr
    duration = time.monotonic() - started
    seen = set()
    for moment in range(moments):
        db = tmp_path / f"demo{moment}.db"
        proc = fp.start("""
            import sys
            from bpu_desktop.cli import main
            print("ready", flush=True)
            sys.exit(main(sys.argv[1:]))
        """, "demo", "--db", str(db), "--members", str(members))
        fp.wait_for_line(proc, "ready")
        time.sleep(rng.uniform(0, duration))
        fp.kill(proc)
        if not db.exists():
            continue
        assert fp.integrity(db) == [("ok",)], f"moment {moment}"
        open_store(db).close()  # the app opens it (finishing the set-up if it was cut off)
        count = int(fp.scalar(db, "SELECT count(*) FROM members") or 0)  # type: ignore[arg-type]
        assert count in {0, members} or count % BATCH == 0, f"moment {moment}: {count}"
        assert fp.scalar(db, "SELECT count(*) FROM enrolments") == count
        for table in ("members", "enrolments"):
            assert fp.scalar(db, "SELECT count(*) FROM audit_log WHERE source = 'demo' "
                                 f"AND table_name = '{table}'") == count
        seen.add(count)
    return seen


def test_sigkill_during_bpu_demo_keeps_whole_batches(tmp_path: Path) -> None:
    seen = _kill_demo_at_random_moments(tmp_path, moments=5, members=2000, seed=3)
    assert 0 in seen  # a kill landed before/inside the one transaction


@pytest.mark.slow
def test_sigkill_during_a_large_bpu_demo_twenty_moments(tmp_path: Path) -> None:
    seen = _kill_demo_at_random_moments(tmp_path, moments=20, members=60_000, seed=21)
    assert len(seen) >= 2
