"""`bpu backup`: a consistent copy of the data file, now."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bpu_desktop.cli import CliError
from bpu_desktop.store.backup import DAMAGED_NOT_BACKED_UP, backup_to, make_backup
from bpu_desktop.store.database import require_intact

from ._common import add_db_argument, open_for_cli, require_out_folder


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "backup", help="buat cadangan berkas data",
        description="Buat cadangan berkas data (aman walau aplikasi sedang terbuka). Tanpa "
        "--out, cadangan disimpan di folder <nama>-cadangan di samping berkas dan hanya N "
        "terakhir yang disimpan.",
    )
    add_db_argument(parser)
    parser.add_argument("--out", type=Path, metavar="BERKAS.db", help="tulis cadangan ke berkas ini")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = open_for_cli(args.db)
    try:
        if args.out is not None:
            out: Path = args.out.expanduser()
            if out.exists():
                raise CliError(f"berkas {out} sudah ada; pilih nama lain.")
            require_out_folder(out.parent)
            require_intact(store.conn, message=DAMAGED_NOT_BACKED_UP)  # make_backup's check
            dest = backup_to(store.conn, out)
        else:
            dest = make_backup(store.conn, store.path, reason="manual")
    finally:
        store.close()
    print(f"Cadangan dibuat: {dest}")
    return 0
