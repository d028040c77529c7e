"""Getting an officer's file ready to merge without ever touching it.

The file (or the .db inside an encrypted .bpu package) is copied with SQLite's backup API
into a temporary folder, checked, and migrated there when it is from an older app. A file
that is not SQLite, damaged (`quick_check` of every page, before anything is merged), or
from a newer app is refused with a message naming it.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .database import SQLITE_HEADER, open_store, require_intact
from .errors import (
    DamagedFileError,
    NewerSchemaError,
    NotADatabaseError,
    StoreError,
    is_damage,
    os_error_reason,
    translate_sqlite_error,
)
from .migrations import known_migration_names

PACKAGE_SUFFIX = ".bpu"


def damaged_source(name: str) -> str:
    return (f"{name}: berkas petugas ini rusak; tidak digabung. Minta petugas memulihkannya "
            "dari cadangan lalu mengirim ulang.")


@dataclass(frozen=True)
class MergeSource:
    """An officer's file as merged: where it came from and what to ATTACH (read only)."""

    original: Path
    attach: str  # a read-only URI of the original, or the path of a migrated copy
    checksum: str
    device_id: str
    officer: str

    @property
    def name(self) -> str:
        return self.original.name


def packages_supported() -> bool:
    """Encrypted packages need store/pack.py (the reliability work)."""
    return importlib.util.find_spec("bpu_desktop.store.pack") is not None


def file_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def prepare_source(path: Path, workdir: Path, *, passphrase: str | None = None) -> MergeSource:
    """Copy, check and migrate one incoming file into `workdir`; the original is read only."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise StoreError(f"Berkas {path.name} tidak ditemukan.")
    try:
        checksum = file_checksum(path)
    except OSError as exc:
        raise StoreError(f"Berkas {path.name} tidak dapat dibaca: {os_error_reason(exc)}."
                         ) from exc
    slot = workdir / checksum[:16]
    slot.mkdir(parents=True, exist_ok=True)
    readable = path
    if path.suffix.lower() == PACKAGE_SUFFIX:
        readable = _unpack(path, slot, passphrase)
    _check_header(readable, path.name)
    uri = _readonly_uri(readable)
    if uri is not None and _is_current(uri, path.name):
        # Same schema as this app, cleanly closed: read it in place, never written.
        _require_intact(uri, path.name)
        device, officer = _identity(uri, path.name)
        return MergeSource(original=path, attach=uri, checksum=checksum, device_id=device,
                           officer=officer)
    copy = slot / (path.stem + ".db")
    _copy(readable, copy, path.name)
    _require_intact(str(copy), path.name)  # before migrating the copy
    try:
        store = open_store(copy, create=False)
    except StoreError as exc:
        raise type(exc)(f"{path.name}: {exc.message}") from exc
    try:
        device, officer = store.device_id, store.meta("officer_name")
    except sqlite3.Error as exc:
        raise _named(exc, path.name) from exc
    finally:
        store.close()
    return MergeSource(original=path, attach=str(copy), checksum=checksum, device_id=device,
                       officer=officer)


def _require_intact(target: str, name: str) -> None:
    """The whole incoming file is checked before any of it is merged (~0.25 s for an
    officer's file of 100,000 members): a damaged page would otherwise be merged, or
    skipped, without a word."""
    try:
        conn = sqlite3.connect(target, uri=target.startswith("file:"))
    except sqlite3.Error as exc:
        raise _named(exc, name) from exc
    try:
        require_intact(conn, message=damaged_source(name))
    except DamagedFileError:
        raise
    except StoreError as exc:
        raise type(exc)(f"{name}: {exc.message}") from exc
    finally:
        conn.close()


def _uri_supported() -> bool:
    conn = sqlite3.connect(":memory:")
    try:
        return any(r[0] == "USE_URI" for r in conn.execute("PRAGMA compile_options"))
    finally:
        conn.close()


def _readonly_uri(path: Path) -> str | None:
    """An immutable read-only URI when that is safe: no -wal beside it, URIs in ATTACH."""
    if path.with_name(path.name + "-wal").exists() or not _uri_supported():
        return None
    return path.resolve().as_uri() + "?mode=ro&immutable=1"


def _is_current(uri: str, name: str) -> bool:
    """True when the file has exactly this app's migrations (False: older, copy it)."""
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise _named(exc, name) from exc
    try:
        tables = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "_sqlite_migrations" not in tables:
            return False  # open_store on a copy tells "not ours" apart from "empty"
        applied = {r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'bpu'")}
    except sqlite3.Error as exc:
        raise _named(exc, name) from exc
    finally:
        conn.close()
    known = set(known_migration_names())
    if applied - known:
        raise NewerSchemaError(
            f"{name}: berkas ini dibuat oleh versi BPU Desktop yang lebih baru. "
            "Perbarui aplikasi sebelum menggabungkannya.")
    return applied == known


def _identity(uri: str, name: str) -> tuple[str, str]:
    conn = sqlite3.connect(uri, uri=True)
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN "
                                 "('device_id', 'officer_name')").fetchall())
    except sqlite3.Error as exc:
        raise _named(exc, name) from exc
    finally:
        conn.close()
    return str(meta.get("device_id", "")), str(meta.get("officer_name", ""))


def _unpack(path: Path, slot: Path, passphrase: str | None) -> Path:
    if not packages_supported():
        raise StoreError(f"{path.name}: paket terenkripsi (.bpu) belum didukung versi ini.")
    if not passphrase:
        raise StoreError(f"{path.name}: kata sandi paket wajib diisi.")
    pack = importlib.import_module("bpu_desktop.store.pack")
    unpacked = slot / "paket"
    unpacked.mkdir(exist_ok=True)
    try:
        return Path(pack.unpack_package(path, passphrase, unpacked))
    except StoreError as exc:
        raise type(exc)(f"{path.name}: {exc.message}") from exc


def _check_header(path: Path, name: str) -> None:
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotADatabaseError(
            f"{name}: bukan berkas data BPU Desktop (bukan SQLite) atau sudah rusak; "
            "tidak digabung.")


def _copy(source: Path, dest: Path, name: str) -> None:
    """Copy without ever writing beside the original.

    A cleanly closed file has no -wal: read it through an immutable read-only connection
    with the backup API (no lock or -shm file is created). A file with a -wal (its app
    still open, or it crashed) is copied byte for byte together with the -wal, and SQLite
    recovers the copy, never the original.
    """
    wal = source.with_name(source.name + "-wal")
    if wal.exists():
        try:
            shutil.copyfile(source, dest)
            shutil.copyfile(wal, dest.with_name(dest.name + "-wal"))
        except OSError as exc:
            raise StoreError(f"{name}: berkas tidak dapat disalin: {os_error_reason(exc)}."
                             ) from exc
        return
    uri = source.resolve().as_uri() + "?mode=ro&immutable=1"
    try:
        src = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise _named(exc, name) from exc
    dst = sqlite3.connect(str(dest))
    try:
        src.backup(dst)
    except sqlite3.Error as exc:
        raise _named(exc, name) from exc
    finally:
        dst.close()
        src.close()


def _named(exc: sqlite3.Error, name: str) -> StoreError:
    if is_damage(exc):
        return DamagedFileError(damaged_source(name))
    translated = translate_sqlite_error(exc)
    if translated is None:
        return NotADatabaseError(f"{name}: berkas tidak dapat dibaca ({exc}); tidak digabung.")
    return type(translated)(f"{name}: {translated.message}")
