"""Opening, migrating and refusing files."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlite_utils import Database

from bpu_desktop.store.backup import backups_dir
from bpu_desktop.store.database import open_store
from bpu_desktop.store.errors import NewerSchemaError, NotADatabaseError, StoreError
from bpu_desktop.store.migrations import MIGRATIONS, known_migration_names


def test_new_file_is_created_migrated_and_identified(tmp_path):
    store = open_store(tmp_path / "baru.db")
    assert store.schema_version() == len(known_migration_names())
    assert len(store.device_id) == 36
    assert store.officer == ""
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    segments = store.conn.execute("SELECT COUNT(*) FROM segments").fetchone()[0]
    kelurahan = store.conn.execute(
        "SELECT COUNT(*) FROM kelurahan WHERE kecamatan_code LIKE '33.72.%'").fetchone()[0]
    assert segments >= 15
    assert kelurahan == 54
    store.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_new_file_is_readable_by_owner_only(tmp_path):
    path = tmp_path / "pribadi.db"
    open_store(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_device_id_and_officer_survive_reopening(tmp_path):
    path = tmp_path / "a.db"
    store = open_store(path)
    store.set_officer("  Siti   Rahayu ")
    device = store.device_id
    store.close()
    again = open_store(path)
    assert again.officer == "Siti Rahayu"
    assert again.device_id == device


def test_officer_name_is_required(tmp_path):
    store = open_store(tmp_path / "a.db")
    with pytest.raises(StoreError, match="wajib"):
        store.set_officer("   ")


def test_not_sqlite_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "catatan.db"
    path.write_bytes(b"ini bukan database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(NotADatabaseError, match="bukan berkas data"):
        open_store(path)
    assert path.read_bytes() == before


def test_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "lain.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE resep (nama TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(NotADatabaseError):
        open_store(path)
    assert Database(path).table_names() == ["resep"]


def test_file_from_newer_app_is_refused(tmp_path):
    path = tmp_path / "baru.db"
    store = open_store(path)
    store.conn.execute(
        "INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
        "VALUES ('bpu', 'm999_from_the_future', '2030-01-01')")
    store.close()
    with pytest.raises(NewerSchemaError, match="lebih baru"):
        open_store(path)


def test_missing_folder_gives_a_clear_message(tmp_path):
    with pytest.raises(StoreError, match="tidak ada"):
        open_store(tmp_path / "tidak-ada" / "x.db")


def test_older_file_is_backed_up_then_migrated(tmp_path):
    path = tmp_path / "lama.db"
    names = known_migration_names()
    assert len(names) >= 2
    db = Database(path)
    MIGRATIONS.apply(db, stop_before=names[1])
    db.conn.execute("INSERT INTO meta(key, value) VALUES ('device_id', 'lama')")
    db.conn.commit()
    db.close()
    store = open_store(path)
    assert store.schema_version() == len(names)
    assert store.device_id == "lama"
    backups = list(backups_dir(path).glob("*.db"))
    assert len(backups) == 1
    old = Database(backups[0])
    assert [r["name"] for r in old["_sqlite_migrations"].rows] == [names[0]]


def test_failed_migration_leaves_file_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "gagal.db"
    store = open_store(path)
    store.close()
    from bpu_desktop.store import migrations as mig

    def broken(db):
        db.execute("CREATE TABLE setengah (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(mig, "_NAMES", [*mig._NAMES, "m998_broken"])
    monkeypatch.setattr(MIGRATIONS, "_migrations", list(MIGRATIONS._migrations))
    MIGRATIONS(name="m998_broken")(broken)
    with pytest.raises(RuntimeError):
        open_store(path)
    db = Database(path)
    assert "setengah" not in db.table_names()
    assert "m998_broken" not in {r["name"] for r in db["_sqlite_migrations"].rows}


def _failing_step(store, key):
    """A step inside an action that writes `key` and then fails (the caller goes on)."""
    with pytest.raises(ValueError), store.write():
        store.conn.execute("INSERT INTO meta(key, value) VALUES (?, 'x')", (key,))
        raise ValueError(f"the {key} step fails")


def test_a_nested_write_is_a_savepoint(tmp_path):
    """A caller that catches an error inside an action keeps the rest of the action."""
    store = open_store(tmp_path / "s.db")
    with store.write():
        store.set_meta("before", "1")
        _failing_step(store, "inner")
        store.set_meta("after", "2")
    assert (store.meta("before"), store.meta("inner"), store.meta("after")) == ("1", "", "2")
    with pytest.raises(ValueError), store.write():
        store.set_meta("outer", "3")
        raise ValueError("the whole action fails")
    assert store.meta("outer") == ""
    assert not store.conn.in_transaction
    # Two levels deep, a failed step and the steps around it at the same depth.
    with store.write(), store.write():
        store.set_meta("a", "1")
        _failing_step(store, "deep")
        store.set_meta("b", "2")
    assert (store.meta("a"), store.meta("deep"), store.meta("b")) == ("1", "", "2")
    store.close()


def test_saving_does_not_import_sqlite_utils(tmp_path):
    """The officer's first save must not wait for a library import (~80 ms)."""
    import subprocess
    import sys

    open_store(tmp_path / "x.db").close()  # created (and migrated) beforehand
    script = (
        "import sys; from bpu_desktop.store.database import open_store\n"
        f"s = open_store({str(tmp_path / 'x.db')!r})\n"
        "with s.write():\n"
        "    with s.write(): s.set_meta('k', 'v')\n"
        "print('sqlite_utils' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.strip() == "False"
