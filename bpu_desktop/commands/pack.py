"""`bpu pack`: an encrypted package (.bpu) of the data file, for sending to the office."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bpu_desktop.cli import CliError
from bpu_desktop.domain.money import format_number
from bpu_desktop.domain.months import parse_month
from bpu_desktop.store.aggregates import Period, enrolments_count
from bpu_desktop.store.clock import short_id
from bpu_desktop.store.pack import PACKAGE_SUFFIX, pack_store

from ._common import (
    add_db_argument,
    add_overwrite_argument,
    open_for_cli,
    refuse_existing_out,
    require_out_folder,
)
from ._passphrase import ENV_VAR, read_passphrase


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "pack", help="buat paket data terenkripsi (.bpu) untuk dikirim",
        description=f"Buat paket terenkripsi (AES-256-GCM, kata sandi). Kata sandi dari "
        f"variabel {ENV_VAR}, atau diminta di terminal.",
    )
    add_db_argument(parser)
    parser.add_argument("--out", type=Path, required=True, metavar="BERKAS.bpu",
                        help="berkas paket (.bpu)")
    parser.add_argument("--month", metavar="BULAN",
                        help="label periode untuk penerima, mis. 2026-03 (dicatat di manifest; "
                             "paket selalu berisi semua data)")
    add_overwrite_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out: Path = args.out.expanduser()
    if out.suffix.lower() != PACKAGE_SUFFIX:
        raise CliError(f"nama paket harus berakhiran {PACKAGE_SUFFIX} (mis. kirim-2026-03.bpu).")
    require_out_folder(out.parent)
    refuse_existing_out(out, overwrite=args.timpa, kind=f"berkas {PACKAGE_SUFFIX}")
    passphrase = read_passphrase(confirm=True)
    store = open_for_cli(args.db)
    try:
        manifest = pack_store(store, out, passphrase, args.month)
        # The package is the whole file (a merge needs every row); the month only labels
        # it, so say how much of the data that month holds instead of implying a filter.
        in_period = (enrolments_count(store, Period.month(parse_month(manifest.period)))
                     if manifest.period else None)
    finally:
        store.close()
    counts = manifest.counts
    print(f"Paket dibuat: {out}")
    print(f"Perangkat {short_id(manifest.device_id)}, petugas {manifest.officer or '-'}: "
          f"{format_number(counts.get('members', 0))} peserta, "
          f"{format_number(counts.get('enrolments', 0))} pendaftaran (paket selalu berisi "
          "semua data).")
    if in_period is not None:
        print(f"Label periode {manifest.period_label}: {format_number(in_period)} pendaftaran "
              "di bulan itu.")
    return 0
