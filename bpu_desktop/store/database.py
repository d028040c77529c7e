"""Opening the SQLite file: checks, pragmas, migrations, and the per-file identity.

`open_store` is the only way in. It refuses what it cannot safely use (not SQLite,
damaged, from a newer app, a missing folder) with an Indonesian `StoreError`, and never
rewrites such a file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from .clock import new_id, utc_now
from .durability import require_folder
from .errors import (
    DAMAGED,
    DamagedFileError,
    NewerSchemaError,
    NotADatabaseError,
    StoreError,
    is_damage,
    os_error_reason,
    translate_sqlite_error,
)
from .live_counts import keep_statistics
from .migrations import applied_migration_names, known_migration_names, migrations

if TYPE_CHECKING:
    import sqlite_utils

SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_BUSY_TIMEOUT_MS = 10_000
APP_NAME = "BPU Desktop"
APP_AUTHOR = "BPJS Ketenagakerjaan Surakarta"
# `meta` keys holding data derived from the rest of the file (figures_cache.py): every
# committed write drops them, so they can never outlive the data they were computed from.
DERIVED_PREFIX = "cache:"
_DROP_DERIVED = "DELETE FROM meta WHERE key >= 'cache:' AND key < 'cache;'"


def default_database_path() -> Path:
    """The embedded default file, in the user's data folder."""
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)) / "bpu.db"


@dataclass
class Store:
    """An open data file. Pass it down; there is no global one.

    Reads and the app's own writes use `conn` (plain sqlite3). The sqlite-utils `db` over
    the same connection is made on first use (migrations, savepoints, table helpers), so
    opening the window does not pay for importing sqlite-utils and numpy.
    """

    conn: sqlite3.Connection
    path: Path
    # Who is acting when the file has no officer yet (CLI, merge): never persisted.
    acting_as: str = ""
    _officer: str | None = None
    _device: str | None = None
    _depth: int = 0  # nested write() savepoints open now
    # Small derived data (reference lists) keyed by a cheap freshness stamp.
    cache: dict[str, Any] = field(default_factory=dict)
    _db: sqlite_utils.Database | None = field(default=None, repr=False)

    @property
    def db(self) -> sqlite_utils.Database:
        if self._db is None or self._db.conn is not self.conn:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._db

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        """One user action = one transaction. Nested calls become savepoints.

        The outer transaction starts IMMEDIATE so a second writer (the CLI importing while
        the GUI is open) waits on the busy timeout instead of failing half-way.
        """
        if self.conn.in_transaction:
            # Nested: a savepoint, so a caller that catches an error keeps the outer work.
            # The same statements as sqlite-utils' db.atomic(), written here because that
            # cost an officer's first save an ~80 ms import of sqlite-utils, and every
            # savepoint two PRAGMA round trips (two savepoints per enrolment).
            # Named by depth, not uniquely: the same few statements stay in sqlite3's
            # statement cache (a fresh name is a fresh compile, ~3x the cost).
            self._depth += 1
            name = f"bpu_{self._depth}"
            try:
                self.conn.execute(f"SAVEPOINT {name}")
                try:
                    yield
                except BaseException:
                    if self.conn.in_transaction:  # SQLite may already have rolled it all back
                        with contextlib.suppress(sqlite3.Error):
                            self.conn.execute(f"ROLLBACK TO {name}")
                            self.conn.execute(f"RELEASE {name}")
                    raise
                self.conn.execute(f"RELEASE {name}")
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _user_error(exc) from exc
        try:
            yield
        except BaseException as exc:
            if self.conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                # Disk full / I/O / locked mid-action: the user sees why; bugs stay loud.
                translated = translate_sqlite_error(exc)
                if translated is not None:
                    raise translated from exc
            raise
        try:
            self.conn.execute(_DROP_DERIVED)
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            raise _user_error(exc) from exc

    # -- identity of this file: device id and officer -------------------------------
    def meta(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.write():
            self.conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    @property
    def device_id(self) -> str:
        if not self._device:
            self._device = self.meta("device_id")
        return self._device

    @property
    def officer(self) -> str:
        if self._officer is None:
            self._officer = self.meta("officer_name")
        return self._officer or self.acting_as

    def set_officer(self, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise StoreError("Nama petugas wajib diisi.")
        self.set_meta("officer_name", name)
        self._officer = name

    def schema_version(self) -> int:
        return len(applied_migration_names(self.conn))

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA optimize")
            keep_statistics(self.conn)  # or the next close analyzes again (live_counts.py)
        self.conn.close()

    def reopen(self, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> None:
        """Open the same file again in this object (after a restore replaced it).

        Pages and repositories hold this Store, so it must stay the same object; the
        migrations run again if the restored copy is older.
        """
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        fresh = open_store(self.path, create=False, busy_timeout_ms=busy_timeout_ms)
        self.conn = fresh.conn
        self._officer = None
        self._device = None


def _user_error(exc: sqlite3.Error) -> Exception:
    translated = translate_sqlite_error(exc)
    return translated if translated is not None else exc


def require_intact(conn: sqlite3.Connection, *, message: str = DAMAGED) -> None:
    """Refuse a damaged file before a big write or a deliberate copy (import, merge,
    backup, package, migration): SQLite's `quick_check` of every page of the main file.

    Reading alone finds damage only in the pages it happens to read, so without this an
    import could add rows to a damaged table and a backup could replace a good copy in
    the rotation with a damaged one. It reads the whole file once: ~0.25 s at 100,000
    members, ~2.7 s at a million (README, "Data safety"), so it is not run on opening.
    """
    try:
        rows = conn.execute("PRAGMA main.quick_check(1)").fetchall()
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            raise DamagedFileError(message) from exc
        raise _user_error(exc) from exc
    if [tuple(r) for r in rows] != [("ok",)]:
        raise DamagedFileError(message)


def _open_error(path: Path, exc: sqlite3.Error) -> StoreError:
    translated = translate_sqlite_error(exc)
    if translated is not None:
        return translated
    return StoreError(f"Berkas {path.name} tidak dapat dibuka: {exc}.")


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except PermissionError as exc:
        raise StoreError(f"Tidak punya izin membuka berkas {path.name}.") from exc
    except OSError as exc:
        raise StoreError(f"Berkas {path.name} tidak dapat dibaca: {os_error_reason(exc)}."
                         ) from exc
    if header and header != SQLITE_HEADER:
        raise NotADatabaseError(
            f"Berkas {path.name} bukan berkas data BPU Desktop (bukan SQLite) atau sudah rusak."
        )


def _check_writable(path: Path) -> None:
    """A read-only file or folder is refused up front, before any save can fail."""
    if not os.access(path, os.W_OK):
        raise StoreError(
            f"Berkas {path.name} hanya bisa dibaca (read-only). Salin ke folder yang bisa "
            "ditulisi atau ubah izinnya, lalu buka lagi."
        )
    if not os.access(path.parent, os.W_OK):
        raise StoreError(
            f"Folder {path.parent} hanya bisa dibaca; berkas data tidak dapat disimpan di sana."
        )


def _preflight(path: Path) -> None:
    """Read-only look before the first write: foreign, newer or damaged files stay untouched.

    (Switching to WAL rewrites the header, so it must not happen on a file we refuse.)
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error as exc:
        raise _open_error(path, exc) from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables - {"_sqlite_migrations"}:
            return  # new, or its creation was cut off before the first step: still empty
        if "_sqlite_migrations" not in tables:
            raise NotADatabaseError(f"Berkas {path.name} bukan berkas data BPU Desktop.")
        applied = {r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'bpu'"
        )}
    except sqlite3.Error as exc:
        raise _open_error(path, exc) from exc
    finally:
        conn.close()
    if not applied:
        raise NotADatabaseError(f"Berkas {path.name} bukan berkas data BPU Desktop.")
    if applied - set(known_migration_names()):
        raise NewerSchemaError(
            "Berkas data ini dibuat oleh versi BPU Desktop yang lebih baru. "
            "Perbarui aplikasi sebelum membukanya."
        )


def _create_private_file(path: Path) -> None:
    """Create the file readable by its owner only (personal data, UU 27/2022)."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def connect(path: Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A connection with the app's pragmas: WAL, full sync, foreign keys, busy timeout."""
    conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            conn.execute("PRAGMA journal_mode").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn
    except sqlite3.Error:
        conn.close()
        raise


def open_store(
    path: Path | str | None = None,
    *,
    create: bool = True,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    migrate: bool = True,
) -> Store:
    """Open (and if needed create and migrate) a data file, or raise a StoreError.

    `migrate=False` is for looking only (`bpu check`): an older file is left as it is.
    """
    if path is None:
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
    path = Path(path).expanduser()
    if path.is_dir():
        raise StoreError(f"{path} adalah folder, bukan berkas data.")
    require_folder(path.parent)
    existed = path.exists() and path.stat().st_size > 0
    if path.exists():
        _check_header(path)
        _check_writable(path)
    if existed:
        _preflight(path)
    elif not create:
        raise StoreError(f"Berkas data {path} tidak ditemukan.")
    else:
        try:
            _create_private_file(path)
        except FileExistsError:
            pass
        except OSError as exc:
            raise StoreError(f"Berkas data tidak dapat dibuat di {path.parent}: "
                             f"{os_error_reason(exc)}.") from exc
    try:
        conn = connect(path, busy_timeout_ms=busy_timeout_ms)
    except sqlite3.Error as exc:
        raise _user_error(exc) from exc
    store = Store(conn=conn, path=path)
    try:
        _migrate(store, existed=existed, apply=migrate or not existed)
        if migrate or not existed:
            _ensure_identity(store)
    except sqlite3.Error as exc:
        conn.close()
        raise _user_error(exc) from exc
    except BaseException:
        conn.close()
        raise
    return store


def _migrate(store: Store, *, existed: bool, apply: bool = True) -> None:
    applied = set(applied_migration_names(store.conn))
    known = known_migration_names()
    unknown = applied - set(known)
    if unknown:
        raise NewerSchemaError(
            "Berkas data ini dibuat oleh versi BPU Desktop yang lebih baru. "
            "Perbarui aplikasi sebelum membukanya."
        )
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if existed and not applied and tables - {"_sqlite_migrations"}:
        # A SQLite file that is not ours: never write into it.
        raise NotADatabaseError(f"Berkas {store.path.name} bukan berkas data BPU Desktop.")
    pending = [name for name in known if name not in applied]
    if not pending or not apply:
        return
    if existed and applied:
        from .backup import backup_before  # only an older file pays for it

        require_intact(store.conn)  # a damaged file is neither migrated nor backed up
        backup_before(store.conn, store.path, reason=f"sebelum-{pending[0]}")
    migrations().apply(store.db)


def _ensure_identity(store: Store) -> None:
    if not store.device_id:
        with store.write():
            store.conn.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('device_id', ?), ('created_at', ?)",
                (new_id(), utc_now()),
            )
