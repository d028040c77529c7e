"""`bpu export`: the monthly report workbook."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from bpu_desktop.cli import CliError
from bpu_desktop.domain.money import format_number
from bpu_desktop.domain.months import month_label, parse_month
from bpu_desktop.domain.nik import share_masked_nik
from bpu_desktop.reports.monthly_export import (
    SHEETS,
    FutureMonth,
    check_report_month,
    export_month,
)
from bpu_desktop.store.errors import os_error_reason

from ._common import (
    add_db_argument,
    add_overwrite_argument,
    open_for_cli,
    refuse_existing_out,
    require_out_folder,
)
from ._progress import end_progress, terminal_progress


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "export", help="ekspor rekap bulanan ke Excel (.xlsx)",
        description="Tulis rekap satu bulan ke buku kerja Excel, sama dengan halaman Laporan "
        f"di aplikasi. Lembar: {', '.join(SHEETS)}.",
    )
    add_db_argument(parser)
    parser.add_argument("--month", required=True, metavar="BULAN",
                        help="bulan laporan, contoh 2026-03 atau 03-2026")
    parser.add_argument("--out", required=True, type=Path, metavar="BERKAS.xlsx",
                        help="berkas .xlsx tujuan")
    parser.add_argument("--mask-nik", action="store_true",
                        help=f"samarkan NIK ({share_masked_nik('3372011505900001')}, tanggal "
                        "lahir diganti umur) untuk dibagikan ke luar cabang")
    add_overwrite_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        month = parse_month(args.month)
    except ValueError as exc:
        raise CliError(f"--month: {exc}") from exc
    try:
        check_report_month(month, date.today())
    except FutureMonth as exc:
        raise CliError(f"--month: {exc}") from exc
    out: Path = args.out.expanduser()
    if out.suffix.lower() != ".xlsx":
        raise CliError("--out harus berkas .xlsx, contoh rekap-2026-03.xlsx")
    require_out_folder(out.parent)
    refuse_existing_out(out, overwrite=args.timpa, kind="berkas .xlsx")
    store = open_for_cli(args.db)
    try:
        try:
            result = export_month(store, month, out, mask_nik=args.mask_nik,
                                  progress=terminal_progress())
        except PermissionError as exc:
            raise CliError(f"Tidak dapat menulis {out}: izin ditolak.", 1) from exc
        except OSError as exc:
            raise CliError(f"Tidak dapat menulis {out}: {os_error_reason(exc)}.", 1) from exc
        finally:
            end_progress()
    finally:
        store.close()
    print(f"Rekap {month_label(month)} disimpan ke {out} "
          f"({format_number(result.new_members)} peserta baru, "
          f"{format_number(result.arrears)} perlu tindak lanjut).")
    return 0
