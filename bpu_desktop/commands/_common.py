"""Helpers shared by the `bpu` verbs.

`--db` rule: every verb that works on the user's data (check, stats, conflicts, backup,
restore, export, import, pack) defaults to the embedded file in the user's data folder;
`demo` always needs --db (demo data must never land in the real file) and `merge` names
its branch file with --into. No verb but `demo` creates a missing data file.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from bpu_desktop.cli import CliError
from bpu_desktop.store.database import Store, default_database_path, open_store
from bpu_desktop.store.durability import require_folder
from bpu_desktop.store.errors import StoreError

CLI_OFFICER = "bpu-cli"


def add_db_argument(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    parser.add_argument(
        "--db", type=Path, required=required, metavar="BERKAS.db",
        help="berkas data (.db)" if required
        else "berkas data (.db); bawaan: berkas aplikasi di folder data pengguna",
    )


def add_overwrite_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--timpa", action="store_true",
                        help="timpa --out bila sudah ada (tanpa ini berkas yang ada ditolak)")


def refuse_existing_out(out: Path, *, overwrite: bool, kind: str) -> None:
    """An --out that is a folder, or an existing file without --timpa, is a bad argument:
    a report or package already there (last month's, one not sent yet) is never replaced
    without being asked to. `kind`: what --out should be, e.g. "berkas .xlsx"."""
    if out.is_dir():
        raise CliError(f"{out} adalah folder, bukan {kind}.")
    if out.exists() and not overwrite:
        raise CliError(f"berkas {out} sudah ada; pakai --timpa untuk menimpanya, atau pilih "
                       "nama lain.")


def require_out_folder(folder: Path) -> None:
    """A file named on the command line in a missing folder is a bad argument (exit 2)."""
    try:
        require_folder(folder)
    except StoreError as exc:
        raise CliError(exc.message) from exc


def data_path(path: Path | None) -> Path:
    """The file a verb works on: --db, else the embedded file, which must exist already."""
    if path is not None:
        return path.expanduser()
    default = default_database_path()
    if not default.exists():
        raise CliError(f"Berkas data belum ada: {default} (buka aplikasi sekali, atau pakai "
                       "--db BERKAS.db).", 1)
    return default


def open_for_cli(path: Path | None, *, create: bool = False) -> Store:
    """Open a file for a verb; a missing file is an error unless the verb creates one."""
    store = open_store(path if create and path is not None else data_path(path), create=create)
    # Records are stamped with the file's officer; only a file without one is written as
    # BPU_OFFICER, else as "bpu-cli" (Store.officer prefers the file's officer as well).
    store.acting_as = (store.meta("officer_name") or os.environ.get("BPU_OFFICER", "")
                       or CLI_OFFICER)
    return store


def add_officer_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--petugas", metavar="NAMA",
                        help="nama petugas yang dicatat sebagai pendaftar, untuk berkas yang "
                             "belum punya nama petugas (bawaan: BPU_OFFICER); nama petugas "
                             "berkas selalu didahulukan")


def require_officer(store: Store, petugas: str | None) -> None:
    """A verb that credits enrolments to an officer (`bpu import`) needs a person's name:
    the file's officer, else --petugas, else BPU_OFFICER. Never "bpu-cli", which would
    show as an officer in the monthly report's Per Petugas sheet."""
    if store.meta("officer_name"):
        return
    name = " ".join((petugas or os.environ.get("BPU_OFFICER", "")).split())
    if not name:
        raise CliError("berkas ini belum punya nama petugas: pakai --petugas \"NAMA\" (atau "
                       "BPU_OFFICER=NAMA) agar pendaftaran tercatat atas nama petugas.")
    store.acting_as = name
