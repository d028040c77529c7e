"""Errors the user is shown, told apart from bugs.

Environmental SQLite failures (locked, read-only, disk full, not a database) become a
`StoreError` with an Indonesian message; anything else stays an exception and fails loudly.
"""

from __future__ import annotations

import sqlite3


class StoreError(Exception):
    """A problem with the data file that the user can understand and act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NewerSchemaError(StoreError):
    """The file was written by a newer version of the app."""


class NotADatabaseError(StoreError):
    """The file is not SQLite, or it is damaged."""


class DuplicateNikError(StoreError):
    """A live member with this NIK already exists."""

    def __init__(self, message: str, member_id: str) -> None:
        super().__init__(message)
        self.member_id = member_id


class RecordNotFound(StoreError):
    """The row does not exist (or was deleted)."""


class StaleRecordError(StoreError):
    """Someone changed the row after it was opened for editing."""


_ENVIRONMENT_MESSAGES: tuple[tuple[str, str], ...] = (
    ("locked", "Berkas data sedang dipakai proses lain. Tunggu sebentar lalu coba lagi."),
    ("busy", "Berkas data sedang dipakai proses lain. Tunggu sebentar lalu coba lagi."),
    ("readonly", "Berkas data hanya bisa dibaca; perubahan tidak dapat disimpan."),
    ("read-only", "Berkas data hanya bisa dibaca; perubahan tidak dapat disimpan."),
    ("disk is full", "Disk penuh: data tidak disimpan. Kosongkan ruang disk lalu coba lagi."),
    ("database or disk is full", "Disk penuh: data tidak disimpan. Kosongkan ruang disk lalu coba lagi."),
    ("file is not a database", "Berkas ini bukan berkas data BPU Desktop atau sudah rusak."),
    ("malformed", "Berkas data rusak. Pulihkan dari cadangan (Pengaturan → Cadangan)."),
    ("disk i/o error", "Gagal membaca/menulis disk (disk penuh atau rusak?): perubahan ini "
     "tidak disimpan. Periksa ruang disk atau flashdisk lalu coba lagi."),
    ("unable to open", "Berkas data tidak dapat dibuka. Periksa folder dan izin aksesnya."),
)


def translate_sqlite_error(exc: sqlite3.Error) -> StoreError | None:
    """Map an environmental SQLite error to a user-facing StoreError, else None (a bug)."""
    text = str(exc).lower()
    for needle, message in _ENVIRONMENT_MESSAGES:
        if needle in text:
            if "not a database" in needle or "malformed" in needle:
                return NotADatabaseError(message)
            return StoreError(message)
    return None


def store_error_for(exc: BaseException) -> StoreError | None:
    """The user-facing StoreError behind any exception from the data layer, else None."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, sqlite3.Error):
        return translate_sqlite_error(exc)
    return None
