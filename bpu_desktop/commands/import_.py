"""`bpu import`: enrol the workers listed in an Excel/ODS file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bpu_desktop.cli import CliError
from bpu_desktop.domain.money import format_number
from bpu_desktop.reports.column_mapping import IMPORT_FIELDS, field_label, parse_column_choice
from bpu_desktop.reports.excel_import import default_error_path, import_file
from bpu_desktop.reports.import_errors import ColumnsNotFound

from ._common import add_db_argument, open_for_cli, require_out_folder
from ._progress import end_progress, terminal_progress

MAX_LISTED = 50


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "import", help="impor daftar peserta dari Excel (.xlsx/.xls/.ods)",
        description="Impor daftar peserta dari berkas Excel atau ODS. Setiap baris diperiksa "
        "dengan aturan formulir Pendaftaran; baris yang lolos disimpan dalam satu transaksi, "
        "baris bermasalah ditulis ke buku kerja kesalahan untuk diperbaiki lalu diimpor lagi. "
        "Kode keluar 1 bila ada baris bermasalah.",
    )
    add_db_argument(parser)
    parser.add_argument("file", type=Path, metavar="BERKAS", help="berkas .xlsx, .xls atau .ods")
    parser.add_argument("--sheet", metavar="LEMBAR", help="nama lembar (bawaan: lembar pertama)")
    parser.add_argument("--dry-run", action="store_true",
                        help="periksa saja, tidak menyimpan apa pun")
    parser.add_argument("--update-existing", action="store_true",
                        help="perbarui data diri (nama, HP, alamat) peserta yang NIK-nya "
                             "sudah terdaftar; kepesertaan dan iuran tidak diubah")
    parser.add_argument("--errors-out", type=Path, metavar="BERKAS.xlsx",
                        help="berkas .xlsx untuk baris bermasalah (bawaan: BERKAS-kesalahan.xlsx)")
    parser.add_argument("--kolom", action="append", default=[], type=_column_choice,
                        metavar="DATA=JUDUL",
                        help="pasangkan data dengan judul kolom di berkas bila tidak dikenali "
                             "otomatis, mis. --kolom \"Nama=Nama Lengkap\" --kolom "
                             "\"Nomor HP=Kontak\"; boleh diulang. DATA: "
                             + ", ".join(field_label(f) for f in IMPORT_FIELDS))
    parser.set_defaults(func=run)


def _column_choice(text: str) -> tuple[str, str]:
    try:
        return parse_column_choice(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def run(args: argparse.Namespace) -> int:
    store = open_for_cli(args.db)
    # A dry run writes nothing at all, not even the error workbook.
    errors_out = None if args.dry_run else (args.errors_out or default_error_path(args.file))
    if errors_out is not None:
        require_out_folder(errors_out.parent)
    try:
        try:
            result = import_file(store, args.file, sheet=args.sheet, dry_run=args.dry_run,
                                 update_existing=args.update_existing, error_workbook=errors_out,
                                 progress=terminal_progress(), columns=args.kolom)
        except ColumnsNotFound as exc:
            raise CliError(f"{exc.message} Pilih kolomnya dengan --kolom, mis. "
                           "--kolom \"NIK=No. KTP\" --kolom \"Nama=Nama Lengkap\".", 1) from exc
        finally:
            end_progress()
    finally:
        store.close()
    plan = result.plan
    print("Uji coba (tidak ada yang disimpan):" if args.dry_run else "Hasil impor:")
    for line in plan.summary_lines():
        print("  " + line)
    existing = len(plan.existing)
    if existing and not args.update_existing:
        print(f"  {format_number(existing)} baris sudah terdaftar "
              "(tidak diubah; pakai --update-existing untuk memperbarui).")
    elif existing and args.dry_run:
        print(f"  {format_number(existing)} baris sudah terdaftar "
              "(data diri akan diperbarui bila berbeda).")
    elif existing:
        print(f"  {format_number(existing)} baris sudah terdaftar: "
              f"{format_number(result.updated)} diperbarui, "
              f"{format_number(existing - result.updated)} datanya sudah sama.")
    if not args.dry_run:
        print(f"  Disimpan: {format_number(result.inserted)} baru, "
              f"{format_number(result.updated)} diperbarui.")
    errors = plan.errors
    for error in errors[:MAX_LISTED]:
        print("  " + error.text(), file=sys.stderr)
    if len(errors) > MAX_LISTED:
        print(f"  ... dan {format_number(len(errors) - MAX_LISTED)} kesalahan lain.",
              file=sys.stderr)
    if result.error_workbook is not None:
        print(f"Baris bermasalah disimpan ke {result.error_workbook} "
              "(perbaiki lalu impor lagi).")
    return 1 if plan.bad_rows else 0
