"""Writing files so that a crash or a full disk never leaves half of one behind.

`private_atomic_write` is for every file the app creates outside SQLite (exports, packages,
backups): owner-only (personal data, UU 27/2022), written to a temp file beside the target,
fsynced, then renamed over it; on any failure the temp file is removed and the target is
untouched.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import StoreError, os_error_reason

PRIVATE_MODE = 0o600


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def create_private(path: Path) -> None:
    """Create an empty owner-only file; an existing file is an error."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_MODE)
    os.close(fd)


def fsync_dir(path: Path) -> None:
    """Make a rename in `path` durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def require_folder(folder: Path) -> None:
    """Refuse, before any work starts, a file whose folder does not exist."""
    if not Path(folder).is_dir():
        raise StoreError(f"Folder {folder} tidak ada.")


@contextlib.contextmanager
def private_atomic_write(dest: Path, *, what: str = "Penyimpanan berkas") -> Iterator[BinaryIO]:
    """Yield a binary file to write; on success it becomes `dest`, else nothing changes.

    OS errors (disk full, file too large, permission) become a StoreError that says `what`
    failed.
    """
    dest = Path(dest)
    require_folder(dest.parent)
    tmp = dest.with_name(f".{dest.name}.tmp")
    remove_quietly(tmp)
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_MODE)
    except OSError as exc:
        raise StoreError(f"{what} gagal: {os_error_reason(exc)}.") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
        fsync_dir(dest.parent)
    except OSError as exc:
        remove_quietly(tmp)
        raise StoreError(
            f"{what} gagal: disk penuh atau tidak dapat ditulis ({os_error_reason(exc)})."
        ) from exc
    except BaseException:
        remove_quietly(tmp)
        raise


@dataclass(frozen=True)
class DurabilitySettings:
    journal_mode: str
    synchronous: int  # 2 = FULL
    foreign_keys: bool
    busy_timeout_ms: int


def durability_settings(conn: sqlite3.Connection) -> DurabilitySettings:
    """The pragmas that make a saved record survive a power cut, as the connection has them."""
    return DurabilitySettings(
        journal_mode=str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower(),
        synchronous=int(conn.execute("PRAGMA synchronous").fetchone()[0]),
        foreign_keys=bool(conn.execute("PRAGMA foreign_keys").fetchone()[0]),
        busy_timeout_ms=int(conn.execute("PRAGMA busy_timeout").fetchone()[0]),
    )


def integrity_ok(path: Path) -> bool:
    """`PRAGMA integrity_check` on a file, read-only."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()
