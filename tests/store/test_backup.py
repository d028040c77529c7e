"""Backups: made with the backup API, rotated to the last N, listed, restored safely."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from bpu_desktop.store.backup import (
    BACKUP_KEEP_KEY,
    DEFAULT_BACKUP_KEEP,
    backup_keep,
    backups_dir,
    check_backup_keep,
    daily_backup,
    list_backups,
    make_backup,
    restore_backup,
)
from bpu_desktop.store.database import Store, open_store
from bpu_desktop.store.durability import integrity_ok
from bpu_desktop.store.errors import StoreError
from bpu_desktop.store.records import insert_record


def _add(store: Store, nik: str, name: str) -> None:
    insert_record(store, "members", {"nik": nik, "name": name, "sex": "P",
                                     "birth_date": "1990-01-01"})


def _names(path: Path) -> list[str]:
    store = open_store(path, create=False)
    try:
        return [r[0] for r in store.conn.execute("SELECT name FROM members ORDER BY name")]
    finally:
        store.close()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "data.db")
    s.set_officer("Uji")
    return s


def test_backup_is_a_consistent_owner_only_copy_listed_newest_first(store: Store) -> None:
    _add(store, "3372010101900001", "Ani")
    first = make_backup(store.conn, store.path)
    _add(store, "3372010101900002", "Budi")  # still only in the WAL: the backup API sees it
    second = make_backup(store.conn, store.path)
    listed = list_backups(store.path)
    assert [b.path for b in listed] == [second, first]
    assert listed[0].label == "Dibuat manual"
    assert first.parent == backups_dir(store.path)
    assert integrity_ok(second)
    assert _names(second) == ["Ani", "Budi"]
    if os.name == "posix":
        assert stat.S_IMODE(second.stat().st_mode) == 0o600
        assert stat.S_IMODE(second.parent.stat().st_mode) == 0o700


def test_rotation_keeps_the_last_n_from_the_setting(store: Store) -> None:
    assert backup_keep(store.conn) == DEFAULT_BACKUP_KEEP == 10
    store.set_meta(BACKUP_KEEP_KEY, "3")
    made = [make_backup(store.conn, store.path) for _ in range(5)]
    assert [b.path for b in list_backups(store.path)] == made[:1:-1]
    assert not made[0].exists() and not made[1].exists()


def test_backup_count_setting_is_bounded() -> None:
    assert check_backup_keep(1) == 1
    with pytest.raises(StoreError, match="antara 1 dan 100"):
        check_backup_keep(0)


def test_daily_backup_once_a_day(store: Store) -> None:
    first = daily_backup(store.conn, store.path, today=date.today())
    assert first is not None and first.exists()
    assert daily_backup(store.conn, store.path, today=date.today()) is None
    assert [b.reason for b in list_backups(store.path)] == ["harian"]


def test_restore_brings_back_the_backup_and_keeps_the_current_file(store: Store) -> None:
    _add(store, "3372010101900001", "Ani")
    backup = make_backup(store.conn, store.path)
    _add(store, "3372010101900002", "Budi")
    path = store.path
    store.close()
    safety = restore_backup(path, backup)
    assert _names(path) == ["Ani"]
    assert safety is not None and _names(safety) == ["Ani", "Budi"]
    assert integrity_ok(path)
    assert any(b.reason == "sebelum-pulihkan" for b in list_backups(path))


def test_restore_refuses_a_damaged_backup_and_changes_nothing(store: Store) -> None:
    _add(store, "3372010101900001", "Ani")
    backup = make_backup(store.conn, store.path)
    store.close()
    data = bytearray(backup.read_bytes())
    data[4096 * 3: 4096 * 6] = os.urandom(4096 * 3)
    backup.write_bytes(bytes(data))
    before = store.path.read_bytes()
    with pytest.raises(StoreError, match="rusak"):
        restore_backup(store.path, backup)
    assert store.path.read_bytes() == before
    assert [b.reason for b in list_backups(store.path)] == ["manual"]  # no safety copy made


def test_restore_refuses_a_file_that_is_not_ours(store: Store, tmp_path: Path) -> None:
    other = tmp_path / "lain.db"
    other.write_bytes(b"bukan database" * 100)
    with pytest.raises(StoreError, match="bukan berkas data"):
        restore_backup(store.path, other)


def test_restore_over_a_damaged_current_file(store: Store) -> None:
    _add(store, "3372010101900001", "Ani")
    backup = make_backup(store.conn, store.path)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = store.path
    store.close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * 3996  # page 1 (the schema) destroyed
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError):
        open_store(path)
    safety = restore_backup(path, backup)
    assert safety is not None and safety.read_bytes() == bytes(data)  # damaged file kept
    assert _names(path) == ["Ani"]


def test_full_disk_during_backup_leaves_nothing_and_the_app_goes_on(store: Store) -> None:
    from tests import faultproc as fp

    store.close()
    result = fp.run("""
        import resource, signal, sys
        from bpu_desktop.store.backup import list_backups, make_backup
        from bpu_desktop.store.database import open_store
        from bpu_desktop.store.errors import StoreError
        store = open_store(sys.argv[1])
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (16384, hard))
        try:
            make_backup(store.conn, store.path)
        except StoreError as exc:
            print("PESAN", exc.message)
        print("SISA", len(list_backups(store.path)))
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        print("LAGI", make_backup(store.conn, store.path).exists())
    """, str(store.path))
    assert result.returncode == 0, result.stderr
    assert "PESAN Pembuatan cadangan gagal: disk penuh" in result.stdout
    assert "SISA 0" in result.stdout
    assert "LAGI True" in result.stdout
    leftovers = [p.name for p in backups_dir(store.path).iterdir()]
    assert len(leftovers) == 1 and not any(n.endswith(".tmp") for n in leftovers)


def test_backup_taken_before_a_migration_is_listed_and_rotated(store: Store) -> None:
    from bpu_desktop.store.backup import backup_before

    made = backup_before(store.conn, store.path, reason="sebelum-m002_events_sponsors")
    listed = list_backups(store.path)
    assert [b.path for b in listed] == [made]
    assert listed[0].label == "Sebelum pembaruan struktur data"


def test_copy_left_half_made_by_a_crash_is_cleaned_up(store: Store) -> None:
    folder = backups_dir(store.path)
    folder.mkdir()
    stale = folder / "data-20260101-000000-000000-harian.db.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (1_700_000_000, 1_700_000_000))
    fresh = folder / "data-20990101-000000-000000-manual.db.tmp"  # another process, now
    fresh.write_bytes(b"busy")
    make_backup(store.conn, store.path)
    assert not stale.exists()
    assert fresh.exists()


def test_a_damaged_current_file_is_kept_as_is_and_labelled_so(store: Store) -> None:
    """Its pages are damaged but it opens: kept byte for byte under the "rusak" label (a
    copy made with the backup API could lose what a recovery tool can still read)."""
    from tests.damaged import damage

    _add(store, "3372010101900001", "Ani")
    backup = make_backup(store.conn, store.path)
    path = store.path
    store.close()
    damage(path, "members")
    damaged = path.read_bytes()
    safety = restore_backup(path, backup)
    assert safety is not None and safety.read_bytes() == damaged
    kept = next(b for b in list_backups(path) if b.path == safety)
    assert (kept.reason, kept.label) == ("rusak", "Berkas rusak, disimpan sebelum pemulihan")
    assert _names(path) == ["Ani"]
