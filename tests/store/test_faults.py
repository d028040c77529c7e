"""Files the app cannot use, a full disk, a second writer: a clear message, never damage."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bpu_desktop.store.database import Store, open_store
from bpu_desktop.store.errors import NewerSchemaError, NotADatabaseError, StoreError
from bpu_desktop.store.records import insert_record
from tests import faultproc as fp


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    """A checkpointed file with a few hundred members (so it has many pages)."""
    path = tmp_path / "data.db"
    store = open_store(path)
    store.acting_as = "uji"
    with store.write():
        for i in range(300):
            insert_record(store, "members", {"nik": f"33720101019{i:05d}", "name": f"W {i}",
                                             "sex": "L", "birth_date": "1990-01-01",
                                             "address": "x" * 200})
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


def _refused(path: Path, error: type[StoreError], match: str) -> None:
    before = _digest(path)
    with pytest.raises(error, match=match):
        open_store(path)
    assert _digest(path) == before  # never overwritten, never "repaired"


def test_truncated_file_is_refused_untouched(filled: Path) -> None:
    data = filled.read_bytes()
    filled.write_bytes(data[: len(data) // 3])
    _refused(filled, NotADatabaseError, "rusak")


def test_damaged_file_is_refused_untouched(filled: Path) -> None:
    data = bytearray(filled.read_bytes())
    data[100:4096] = os.urandom(3996)
    filled.write_bytes(bytes(data))
    _refused(filled, NotADatabaseError, "rusak")


def test_foreign_sqlite_file_keeps_its_journal_mode(tmp_path: Path) -> None:
    path = tmp_path / "lain.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE catatan (isi TEXT)")
    conn.commit()
    conn.close()
    _refused(path, NotADatabaseError, "bukan berkas data BPU Desktop")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_newer_file_is_refused_before_anything_is_written(filled: Path) -> None:
    conn = sqlite3.connect(filled)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('bpu', 'm999_dari_masa_depan', '2030-01-01')")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    _refused(filled, NewerSchemaError, "versi BPU Desktop yang lebih baru")


def test_missing_folder_is_refused_and_not_created(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="tidak ada"):
        open_store(tmp_path / "tidak" / "ada" / "data.db")
    assert not (tmp_path / "tidak").exists()


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[None]:
    """Read-only for real: chmod for users; root ignores modes, so use the immutable flag."""
    if os.geteuid() != 0:
        path.chmod(0o400)
        try:
            yield
        finally:
            path.chmod(0o600)
        return
    chattr = shutil.which("chattr")
    assert chattr, "chattr is needed to make a file read-only for root"
    subprocess.run([chattr, "+i", str(path)], check=True)
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def test_read_only_file_is_refused_with_a_clear_message(filled: Path) -> None:
    with _read_only(filled):
        _refused(filled, StoreError, "hanya bisa dibaca")


def test_file_locked_longer_than_the_busy_timeout(filled: Path) -> None:
    holder = fp.start("""
        import sqlite3, sys, time
        conn = sqlite3.connect(sys.argv[1], isolation_level=None)
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("UPDATE meta SET value = value WHERE key = 'device_id'")
        print("locked", flush=True)
        time.sleep(60)
    """, str(filled))
    try:
        fp.wait_for_line(holder, "locked")
        started = time.monotonic()
        with pytest.raises(StoreError, match="sedang dipakai proses lain"):
            open_store(filled, busy_timeout_ms=300)
        assert time.monotonic() - started < 5
    finally:
        fp.kill(holder)
    store = open_store(filled)  # once the other process is gone, all is well
    assert store.conn.execute("SELECT count(*) FROM members").fetchone()[0] == 300
    store.close()


def test_save_while_another_process_writes_longer_than_the_timeout(filled: Path) -> None:
    holder = fp.start("""
        import sqlite3, sys, time
        conn = sqlite3.connect(sys.argv[1], isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        print("writing", flush=True)
        time.sleep(60)
    """, str(filled))
    store = open_store(filled, busy_timeout_ms=300)
    store.acting_as = "uji"
    try:
        fp.wait_for_line(holder, "writing")
        assert store.conn.execute("SELECT count(*) FROM members").fetchone()[0] == 300  # reads go on
        with pytest.raises(StoreError, match="sedang dipakai proses lain"):
            insert_record(store, "members", {"nik": "3372010101999999", "name": "Tunggu",
                                             "sex": "L", "birth_date": "1990-01-01"})
    finally:
        fp.kill(holder)
    # the app keeps running: the same save works once the other writer is gone
    insert_record(store, "members", {"nik": "3372010101999999", "name": "Tunggu",
                                     "sex": "L", "birth_date": "1990-01-01"})
    assert store.conn.execute("SELECT count(*) FROM members").fetchone()[0] == 301
    store.close()


def test_gui_save_waits_for_a_cli_bulk_write_instead_of_failing(filled: Path) -> None:
    """The GUI's store (default busy timeout) saves while `bpu`-like bulk work commits."""
    writer = fp.start(fp.BULK_WRITE, str(filled), "impor", "1500")
    gui = open_store(filled)
    gui.set_officer("Petugas GUI")
    try:
        fp.wait_for_line(writer, "ready")
        time.sleep(0.3)  # the bulk transaction is under way
        saved = insert_record(gui, "members", {"nik": "3372010101999998", "name": "Dari GUI",
                                               "sex": "P", "birth_date": "1991-02-03"})
        fp.wait_for_line(writer, "done")
        writer.wait(timeout=60)
    finally:
        fp.kill(writer)
    assert writer.returncode == 0
    assert fp.batch_counts(filled, "impor") == (1500, 1500, 3000)
    row = gui.conn.execute("SELECT name FROM members WHERE id = ?", (saved["id"],)).fetchone()
    assert row == ("Dari GUI",)
    gui.close()
    assert fp.integrity(filled) == [("ok",)]


FULL_DISK_SAVE = """
import resource, signal, sys
from bpu_desktop.store.database import open_store
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.records import insert_record
store = open_store(sys.argv[1]); store.acting_as = "uji"
store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, hard))
try:
    with store.write():
        for i in range(2000):
            insert_record(store, "members", {"nik": f"33720303039{i:05d}", "name": "Penuh",
                "sex": "L", "birth_date": "1990-01-01", "address": "y" * 500})
    print("TERSIMPAN")
except StoreError as exc:
    print("PESAN", exc.message)
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
insert_record(store, "members", {"nik": "3372010101999997", "name": "Sesudahnya",
    "sex": "L", "birth_date": "1990-01-01"})
print("JUMLAH", store.conn.execute("SELECT count(*) FROM members").fetchone()[0])
store.close()
"""


def test_full_disk_during_a_save_keeps_the_file_and_the_app(filled: Path) -> None:
    result = fp.run(FULL_DISK_SAVE, str(filled))
    assert result.returncode == 0, result.stderr
    assert "TERSIMPAN" not in result.stdout
    assert "PESAN Gagal membaca/menulis disk (disk penuh atau rusak?)" in result.stdout
    assert "JUMLAH 301" in result.stdout  # nothing of the failed action, the next save works
    assert fp.integrity(filled) == [("ok",)]
    assert fp.scalar(filled, "SELECT count(*) FROM members WHERE name = 'Penuh'") == 0


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_data_file_and_its_wal_and_shm_are_owner_only(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        store: Store = open_store(tmp_path / "pribadi.db")
        store.acting_as = "uji"
        insert_record(store, "members", {"nik": "3372010101900001", "name": "A", "sex": "L",
                                         "birth_date": "1990-01-01"})
        for name in ("pribadi.db", "pribadi.db-wal", "pribadi.db-shm"):
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name
        store.close()
    finally:
        os.umask(old)


def test_file_whose_creation_was_cut_off_opens_as_new(tmp_path: Path) -> None:
    """Killed after the migrations table was made but before the first step committed."""
    path = tmp_path / "baru.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE _sqlite_migrations (migration_set TEXT, name TEXT, applied_at TEXT)")
    conn.commit()
    conn.close()
    store = open_store(path)
    assert store.conn.execute("SELECT count(*) FROM members").fetchone()[0] == 0
    assert store.device_id
    store.close()
