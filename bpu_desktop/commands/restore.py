"""`bpu restore`: list the backups of a file, or put one back (the current file is kept)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bpu_desktop.cli import CliError
from bpu_desktop.domain.money import format_number
from bpu_desktop.store.backup import BackupInfo, list_backups, restore_backup
from bpu_desktop.store.database import default_database_path, open_store

from ._common import add_db_argument, require_out_folder


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "restore", help="daftar cadangan atau pulihkan satu",
        description="Tanpa CADANGAN (atau dengan --list): daftar cadangan, terbaru dulu. Dengan "
        "CADANGAN (nomor dari daftar atau nama berkas): pulihkan; berkas sekarang dicadangkan dulu.",
    )
    add_db_argument(parser)
    parser.add_argument("--list", action="store_true", help="tampilkan daftar cadangan")
    parser.add_argument("backup", nargs="?", metavar="CADANGAN",
                        help="nomor di daftar, atau berkas cadangan")
    parser.set_defaults(func=run)


def _size(n: int) -> str:
    return f"{format_number(n / 1_048_576, 1)} MB"


def _choose(backups: list[BackupInfo], choice: str) -> Path:
    path = Path(choice).expanduser()
    if path.is_file():
        return path
    if choice.isdigit() and 1 <= int(choice) <= len(backups):
        return backups[int(choice) - 1].path
    raise CliError(f"cadangan {choice} tidak ditemukan (lihat `bpu restore --list`).")


def run(args: argparse.Namespace) -> int:
    db: Path = (args.db or default_database_path()).expanduser()
    require_out_folder(db.parent)
    backups = list_backups(db)
    if args.list or not args.backup:
        if not backups:
            print(f"Belum ada cadangan untuk {db.name}.")
            return 0
        for number, info in enumerate(backups, 1):
            print(f"{number:>3}. {info.created:%d-%m-%Y %H:%M:%S}  {info.label:<34} "
                  f"{_size(info.size):>9}  {info.path.name}")
        return 0
    source = _choose(backups, args.backup)
    safety = restore_backup(db, source)
    open_store(db, create=False).close()  # migrates an older backup up to this version
    print(f"Dipulihkan dari {source.name}.")
    if safety is not None:
        print(f"Berkas sebelumnya disimpan sebagai cadangan: {safety}")
    return 0
