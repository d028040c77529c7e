"""Copies of the data file made with SQLite's online backup API (consistent under WAL).

Backups live beside the file in `<name>-cadangan/`, named `<name>-<stamp>-<reason>.db`,
owner-only. Only the last N are kept (N is `backup_keep` in the file's meta table).
A restore validates the copy first and backs up the current file before replacing it.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .durability import remove_quietly
from .errors import (
    RESTORE_HINT,
    DamagedFileError,
    StoreError,
    is_damage,
    os_error_reason,
    translate_sqlite_error,
)

BACKUP_KEEP_KEY = "backup_keep"
DEFAULT_BACKUP_KEEP = 10
MIN_BACKUP_KEEP = 1
MAX_BACKUP_KEEP = 100
DAILY_REASON = "harian"
REASON_LABELS = {
    "manual": "Dibuat manual",
    DAILY_REASON: "Harian (saat menutup aplikasi)",
    "sebelum-pulihkan": "Sebelum memulihkan cadangan",
    "sebelum-gabung": "Sebelum menggabungkan data",
    "sebelum-impor": "Sebelum impor",
    "rusak": "Berkas rusak, disimpan sebelum pemulihan",
}

DAMAGED_NOT_BACKED_UP = (f"Berkas data rusak; cadangan tidak dibuat (cadangan yang baik tetap "
                         f"disimpan). {RESTORE_HINT}")

_STAMP = r"(?P<stamp>\d{8}-\d{6}-\d{6})"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file, as the Cadangan list shows it."""

    path: Path
    created: datetime
    reason: str
    size: int

    @property
    def label(self) -> str:
        if self.reason in REASON_LABELS:
            return REASON_LABELS[self.reason]
        if self.reason.startswith("sebelum-m"):
            return "Sebelum pembaruan struktur data"
        return self.reason


def backups_dir(db_path: Path) -> Path:
    """Backups live beside the file, in `<name>-cadangan/`."""
    return db_path.parent / f"{db_path.stem}-cadangan"


def _disk_error(exc: BaseException, what: str) -> StoreError:
    """A copy that could not be written: almost always a full disk or a removed flashdisk."""
    if isinstance(exc, sqlite3.Error):
        translated = translate_sqlite_error(exc)
        text = str(exc).lower()
        if translated is not None and any(w in text for w in ("disk", "full", "i/o")):
            return StoreError(f"{what} gagal: disk penuh atau tidak dapat ditulis.")
        if translated is not None:
            return StoreError(f"{what} gagal: {translated.message}")
    if isinstance(exc, OSError):
        return StoreError(
            f"{what} gagal: disk penuh atau tidak dapat ditulis ({os_error_reason(exc)})."
        )
    return StoreError(f"{what} gagal.")


def backup_to(
    conn: sqlite3.Connection, dest: Path, *, what: str = "Pembuatan cadangan"
) -> Path:
    """Write a consistent copy of `conn` to `dest` (owner-only), via a temp file + rename.

    A failure (disk full, I/O) leaves no partial file behind and raises a StoreError.
    """
    tmp = dest.with_name(dest.name + ".tmp")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        remove_quietly(tmp)
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        target = sqlite3.connect(str(tmp))
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except (OSError, sqlite3.Error) as exc:
        remove_quietly(tmp)
        remove_quietly(tmp.with_name(tmp.name + "-journal"))
        raise _disk_error(exc, what) from exc
    return dest


def backup_before(conn: sqlite3.Connection, db_path: Path, *, reason: str) -> Path:
    """A timestamped backup taken before a risky step (migration, merge, restore)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    dest = backups_dir(db_path) / f"{db_path.stem}-{stamp}-{reason}.db"
    return backup_to(conn, dest)


# -- the list, rotation and the keep setting ----------------------------------------
def _stamp_time(stamp: str) -> datetime:
    """'YYYYmmdd-HHMMSS-ffffff' as written by make_backup. Not strptime: it imports locale
    and calendar, and this runs every time the window closes."""
    day, clock, micro = stamp.split("-")
    return datetime(int(day[:4]), int(day[4:6]), int(day[6:]), int(clock[:2]), int(clock[2:4]),
                    int(clock[4:]), int(micro))


def list_backups(db_path: Path) -> list[BackupInfo]:
    """This file's backups, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = re.compile(rf"^{re.escape(db_path.stem)}-{_STAMP}-(?P<reason>[a-z0-9_-]+)\.db$")
    found = []
    for entry in folder.iterdir():
        match = pattern.match(entry.name)
        if not match or not entry.is_file():
            continue
        created = _stamp_time(match["stamp"])
        found.append(BackupInfo(entry, created, match["reason"], entry.stat().st_size))
    return sorted(found, key=lambda b: b.created, reverse=True)


def backup_keep(conn: sqlite3.Connection) -> int:
    """How many backups to keep (Pengaturan); the default when unset or unreadable."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (BACKUP_KEEP_KEY,)).fetchone()
    except sqlite3.Error:
        return DEFAULT_BACKUP_KEEP
    try:
        value = int(row[0]) if row else DEFAULT_BACKUP_KEEP
    except ValueError:
        return DEFAULT_BACKUP_KEEP
    return min(max(value, MIN_BACKUP_KEEP), MAX_BACKUP_KEEP)


def check_backup_keep(value: int) -> int:
    if not MIN_BACKUP_KEEP <= value <= MAX_BACKUP_KEEP:
        raise StoreError(
            f"Jumlah cadangan harus antara {MIN_BACKUP_KEEP} dan {MAX_BACKUP_KEEP}."
        )
    return value


STALE_TMP_SECONDS = 3600


def rotate_backups(db_path: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups, and copies left half-made by a crash
    (over an hour old); returns what was removed."""
    removed = []
    folder = backups_dir(db_path)
    if folder.is_dir():
        cutoff = time.time() - STALE_TMP_SECONDS
        for tmp in folder.glob("*.db.tmp"):
            with contextlib.suppress(OSError):
                if tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
                    removed.append(tmp)
    for info in list_backups(db_path)[max(keep, MIN_BACKUP_KEEP):]:
        remove_quietly(info.path)
        removed.append(info.path)
    return removed


def make_backup(conn: sqlite3.Connection, db_path: Path, *, reason: str = "manual") -> Path:
    """A backup now, then rotation to the configured count.

    A damaged file is refused first: its copy would push a good backup out of the
    rotation (`DamagedFileError`, nothing written).
    """
    from .database import require_intact  # database imports this module lazily

    message = DAMAGED_NOT_BACKED_UP
    if reason == DAILY_REASON:
        message = message.replace("cadangan tidak", "cadangan harian tidak")
    require_intact(conn, message=message)
    path = backup_before(conn, db_path, reason=reason)
    rotate_backups(db_path, backup_keep(conn))
    return path


def daily_backup(
    conn: sqlite3.Connection, db_path: Path, *, today: date | None = None
) -> Path | None:
    """On close: one backup a day (skipped when today's already exists)."""
    today = today or date.today()
    if any(b.reason == DAILY_REASON and b.created.date() == today for b in list_backups(db_path)):
        return None
    return make_backup(conn, db_path, reason=DAILY_REASON)


# -- restore -------------------------------------------------------------------------
def validate_backup(path: Path) -> None:
    """A backup is restorable only if it is an intact BPU Desktop file (`quick_check`:
    every page read, ~2.7 s at a million members; the full integrity_check took 80 s)."""
    from .migrations import known_migration_names

    if not path.is_file():
        raise StoreError(f"Cadangan {path.name} tidak ditemukan.")
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise StoreError(f"Cadangan {path.name} rusak atau bukan berkas data BPU Desktop.")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"Cadangan {path.name} tidak dapat dibuka.") from exc
    damaged = f"Cadangan {path.name} rusak; pilih cadangan lain."
    try:
        result = conn.execute("PRAGMA quick_check(1)").fetchall()
        if result != [("ok",)]:
            raise StoreError(damaged)
        names = {r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'bpu'"
        )}
        conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    except sqlite3.Error as exc:
        if is_damage(exc):
            raise StoreError(damaged) from exc
        raise StoreError(f"Cadangan {path.name} rusak atau bukan berkas data BPU Desktop.") from exc
    finally:
        conn.close()
    if not names:
        raise StoreError(f"Cadangan {path.name} bukan berkas data BPU Desktop.")
    if names - set(known_migration_names()):
        raise StoreError(
            f"Cadangan {path.name} dibuat oleh versi BPU Desktop yang lebih baru."
        )


def restore_backup(db_path: Path, backup: Path) -> Path | None:
    """Replace the file's contents with `backup`; returns the safety copy of the current file.

    The caller closes its own connection first and reopens afterwards (migrations then run
    if the backup is older). The copy is written with the backup API in one transaction, so
    other readers never see a half-restored file; if the current file is too damaged for
    that, it is replaced on disk instead (after a raw copy of it was kept).
    """
    validate_backup(backup)
    db_path = Path(db_path)
    safety: Path | None = None
    if db_path.exists():
        safety = _backup_current(db_path)
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        try:
            target = sqlite3.connect(str(db_path), timeout=10, isolation_level=None)
            try:
                target.execute("PRAGMA journal_mode = WAL")
                source.backup(target)
                target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                target.close()
        except sqlite3.DatabaseError as exc:
            translated = translate_sqlite_error(exc)
            if translated is not None and not is_damage(exc):
                raise StoreError(f"Pemulihan gagal: {translated.message}") from exc
            _replace_file(source, db_path)
    finally:
        source.close()
    return safety


def _backup_current(db_path: Path) -> Path:
    """Back up the current file before it is replaced, even when it is damaged: then
    byte for byte, labelled "rusak" (never mistaken for a good backup; a copy through the
    backup API could drop what a recovery tool can still read)."""
    from .database import require_intact

    try:
        conn = sqlite3.connect(str(db_path), timeout=10)
        try:
            require_intact(conn)
            return backup_before(conn, db_path, reason="sebelum-pulihkan")
        finally:
            conn.close()
    except (sqlite3.DatabaseError, DamagedFileError):
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        dest = backups_dir(db_path) / f"{db_path.stem}-{stamp}-rusak.db"
        dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(dest, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "wb") as out, db_path.open("rb") as src:
            while chunk := src.read(1 << 20):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        return dest


def _replace_file(source: sqlite3.Connection, db_path: Path) -> None:
    tmp = db_path.with_name(db_path.name + ".pulih.tmp")
    remove_quietly(tmp)
    try:
        backup_to(source, tmp)
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{db_path}{suffix}")
        os.replace(tmp, db_path)
    finally:
        remove_quietly(tmp)
