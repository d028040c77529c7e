"""Errors the user is shown, told apart from bugs.

Environmental SQLite failures (locked, read-only, disk full, damaged) become a `StoreError`
with an Indonesian message; anything else stays an exception and fails loudly. This is the
one place they are worded: the CLI (`cli.main`) and the window (`ui/error_handler`) both
translate through `store_error_for`, so a damaged file reads the same everywhere.
"""

from __future__ import annotations

import errno
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


class DamagedFileError(NotADatabaseError):
    """A SQLite file of ours whose pages are damaged (SQLITE_CORRUPT / SQLITE_NOTADB)."""


class DuplicateNikError(StoreError):
    """A live member with this NIK already exists."""

    def __init__(self, message: str, member_id: str) -> None:
        super().__init__(message)
        self.member_id = member_id


class FieldRefusedError(StoreError):
    """A write refused for one field of what was typed (`field`: the domain's field name,
    as in `validation.FIELD_LABELS`): the desk shows the message next to that field, as
    it shows a `DuplicateNikError` next to NIK. Nothing was written."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


class RecordNotFound(StoreError):
    """The row does not exist (or was deleted)."""


class StaleRecordError(StoreError):
    """Someone changed the row after it was opened for editing."""


# What to do about a damaged file. The window says where its backups are; `bpu` names its
# own verbs instead (`for_command_line`), the app's start-up its folder (app.py).
RESTORE_HINT = "Pulihkan dari cadangan (Pengaturan → Cadangan)."
CLI_RESTORE_HINT = ("Periksa dengan `bpu check`, lalu pulihkan dari cadangan "
                    "(`bpu restore --list`).")
DAMAGED = f"Berkas data rusak. {RESTORE_HINT}"

# SQLite's primary result codes for a damaged file (the extended code's low byte).
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26

_ENVIRONMENT_MESSAGES: tuple[tuple[str, str], ...] = (
    ("locked", "Berkas data sedang dipakai proses lain. Tunggu sebentar lalu coba lagi."),
    ("busy", "Berkas data sedang dipakai proses lain. Tunggu sebentar lalu coba lagi."),
    ("readonly", "Berkas data hanya bisa dibaca; perubahan tidak dapat disimpan."),
    ("read-only", "Berkas data hanya bisa dibaca; perubahan tidak dapat disimpan."),
    ("disk is full", "Disk penuh: data tidak disimpan. Kosongkan ruang disk lalu coba lagi."),
    ("database or disk is full", "Disk penuh: data tidak disimpan. Kosongkan ruang disk lalu coba lagi."),
    ("disk i/o error", "Gagal membaca/menulis disk (disk penuh atau rusak?): perubahan ini "
     "tidak disimpan. Periksa ruang disk atau flashdisk lalu coba lagi."),
    ("unable to open", "Berkas data tidak dapat dibuka. Periksa folder dan izin aksesnya."),
)


def is_damage(exc: BaseException) -> bool:
    """True when SQLite says the file's pages are damaged ("database disk image is
    malformed", "file is not a database", "malformed database schema", ...)."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return True
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def translate_sqlite_error(exc: sqlite3.Error) -> StoreError | None:
    """Map an environmental SQLite error to a user-facing StoreError, else None (a bug)."""
    if is_damage(exc):
        return DamagedFileError(DAMAGED)
    text = str(exc).lower()
    for needle, message in _ENVIRONMENT_MESSAGES:
        if needle in text:
            return StoreError(message)
    return None


def store_error_for(exc: BaseException) -> StoreError | None:
    """The user-facing StoreError behind any exception from the data layer, else None."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, sqlite3.Error):
        return translate_sqlite_error(exc)
    return None


def for_command_line(message: str) -> str:
    """A message as `bpu` prints it: the window's "Pengaturan → Cadangan" becomes the verbs
    that do the same (a prefix such as "ani.db: " stays)."""
    return message.replace(RESTORE_HINT, CLI_RESTORE_HINT)


# Why the OS refused a file operation, in Indonesian: `OSError.strerror` is the C
# library's English ("No such file or directory", "Is a directory").
_OS_REASONS: dict[int, str] = {
    errno.ENOENT: "berkas atau foldernya tidak ada",
    errno.ENOTDIR: "salah satu bagian jalurnya bukan folder",
    errno.EISDIR: "nama itu adalah folder, bukan berkas",
    errno.EACCES: "tidak punya izin",
    errno.EPERM: "tidak punya izin",
    errno.ENOSPC: "disk penuh",
    errno.EROFS: "disk atau folder hanya bisa dibaca",
    errno.ENAMETOOLONG: "nama berkas terlalu panjang",
    errno.EEXIST: "berkas sudah ada",
    errno.EFBIG: "berkas terlalu besar",
    errno.EIO: "gagal membaca/menulis disk (flashdisk dicabut atau rusak?)",
    errno.EBUSY: "berkas sedang dipakai program lain",
    errno.EMFILE: "terlalu banyak berkas terbuka",
    errno.EINVAL: "nama berkas tidak sah",
}
for _name, _reason in (("EDQUOT", "kuota disk habis"),
                       ("ETXTBSY", "berkas sedang dipakai program lain")):
    if hasattr(errno, _name):  # not on every platform
        _OS_REASONS[getattr(errno, _name)] = _reason


def os_error_reason(exc: OSError) -> str:
    """Why an OS file operation failed, in Indonesian (never the OS's English text)."""
    reason = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    if reason is not None:
        return reason
    code = errno.errorcode.get(exc.errno, str(exc.errno)) if exc.errno is not None else ""
    return f"kesalahan sistem berkas ({code})" if code else "kesalahan sistem berkas"
