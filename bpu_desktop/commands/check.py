"""`bpu check`: is this file healthy? Integrity, foreign keys, schema version, counts."""

from __future__ import annotations

import argparse
import sqlite3
import sys

from bpu_desktop.domain.money import format_number
from bpu_desktop.store.database import open_store
from bpu_desktop.store.errors import DAMAGED, DamagedFileError, translate_sqlite_error
from bpu_desktop.store.health import check_store, recount

from ._common import add_db_argument, data_path


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "check", help="periksa kesehatan berkas data",
        description="Periksa integritas, kunci tamu, versi skema dan jumlah baris. "
        "Kode keluar 0 bila sehat, 1 bila ada masalah.")
    add_db_argument(parser)
    parser.add_argument("--hitung-ulang", action="store_true",
                        help="hitung ulang ringkasan pendaftaran bila tidak cocok dengan datanya")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Looking only: an older file is reported as such, never migrated by a check.
    path = data_path(args.db)
    store = open_store(path, create=False, migrate=False)
    try:
        if args.hitung_ulang and recount(store):
            print("Ringkasan pendaftaran dihitung ulang dari datanya.")
        report = check_store(store)
    except sqlite3.DatabaseError as exc:
        # Any other DatabaseError met while checking is damage too, in check's own words.
        raise translate_sqlite_error(exc) or DamagedFileError(DAMAGED) from exc
    finally:
        store.close()
    print(f"Berkas: {path}")
    print(f"Versi skema: {len(report.applied)} ({', '.join(report.applied) or '-'})")
    print(f"{'Tabel':<20}{'aktif':>12}{'dihapus':>12}")
    for table, (live, deleted) in report.counts.items():
        print(f"{table:<20}{format_number(live):>12}{format_number(deleted):>12}")
    print(f"{'audit_log':<20}{format_number(report.audit_rows):>12}")
    if report.healthy:
        print("Sehat: tidak ada masalah.")
        return 0
    for problem in report.problems:
        print(f"MASALAH {problem}")
    print(f"bpu: berkas data tidak sehat ({format_number(len(report.problems))} masalah, lihat di atas).",
          file=sys.stderr)
    return 1
