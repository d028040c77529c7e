"""Error wording: the OS's English reasons and SQLite's damage codes, in Indonesian."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from bpu_desktop.store.errors import (
    DAMAGED,
    DamagedFileError,
    for_command_line,
    os_error_reason,
    store_error_for,
)


@pytest.mark.parametrize(("code", "reason"), [
    (errno.ENOENT, "berkas atau foldernya tidak ada"),
    (errno.EISDIR, "nama itu adalah folder, bukan berkas"),
    (errno.EACCES, "tidak punya izin"),
    (errno.EPERM, "tidak punya izin"),
    (errno.ENOSPC, "disk penuh"),
    (errno.EROFS, "disk atau folder hanya bisa dibaca"),
    (errno.ENAMETOOLONG, "nama berkas terlalu panjang"),
])
def test_common_os_errors_in_indonesian(code: int, reason: str) -> None:
    assert os_error_reason(OSError(code, os.strerror(code))) == reason


def test_an_unlisted_os_error_names_its_code_not_english_text() -> None:
    reason = os_error_reason(OSError(errno.ECONNRESET, os.strerror(errno.ECONNRESET)))
    assert reason == "kesalahan sistem berkas (ECONNRESET)"
    assert os_error_reason(OSError("tanpa kode")) == "kesalahan sistem berkas"


def test_real_os_errors(tmp_path: Path) -> None:
    with pytest.raises(OSError) as missing:
        (tmp_path / "hilang" / "x.xlsx").open("wb")
    assert os_error_reason(missing.value) == "berkas atau foldernya tidak ada"
    with pytest.raises(OSError) as folder:
        tmp_path.open("wb")
    assert os_error_reason(folder.value) == "nama itu adalah folder, bukan berkas"
    with pytest.raises(OSError) as long_name:
        (tmp_path / ("a" * 300)).open("wb")
    assert os_error_reason(long_name.value) == "nama berkas terlalu panjang"


@pytest.mark.parametrize("text", ["database disk image is malformed",
                                  "file is not a database",
                                  "malformed database schema (x) - near \"y\""])
def test_damage_is_one_error(text: str) -> None:
    translated = store_error_for(sqlite3.DatabaseError(text))
    assert isinstance(translated, DamagedFileError)
    assert translated.message == DAMAGED


def test_the_command_line_names_its_own_verbs() -> None:
    assert for_command_line(f"ani.db: {DAMAGED}") == (
        "ani.db: Berkas data rusak. Periksa dengan `bpu check`, lalu pulihkan dari cadangan "
        "(`bpu restore --list`).")
